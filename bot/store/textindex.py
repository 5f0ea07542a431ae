"""The postings' text index as a store: index what writes queued (`bot.store.fulltext`), a
slice per transaction, and find the postings that have a query's words, indexed or queued.

Indexing is one statement per slice (take out what the index held for the queued rows, put
in their current text, empty their queue rows): FTS5 then writes one segment per slice. A
trigger indexing row by row cost 3-4 times as much (each statement's savepoint flushed its
terms into a new segment, which FTS5 merged again later), on the poll's own transaction.

FTS5 merges those segments in steps of `MERGE_PAGES` (`merge_next`), not in the slice whose
insert crosses its threshold (automerge is off since migration 0019): at 100,000 postings
that slice took 40-60 ms, one in five, while a merge step takes 1-20 ms.
"""

from __future__ import annotations

import json

from bot.store.db import Table
from bot.store.fulltext import TOKENIZE

SLICE_CHARS = 100_000  # text per transaction: ~5 ms
MERGE_PAGES = 64  # pages a merge step writes, about: 1-20 ms (its commit writes them)
_CHECK = 500  # queued postings matched at a time by `TextIndex.matching`
_IDS = "SELECT value FROM json_each(?)"
# A rowid queued already keeps its row: the text the index holds for it (a deleted posting's,
# whose rowid a new one took) must still be taken out.
_QUEUE_NEW = f"""INSERT OR IGNORE INTO postings_unindexed (posting)
    SELECT rowid FROM postings WHERE key IN ({_IDS})"""
_QUEUED_TEXT = f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.queued_text USING fts5(text, content='', {TOKENIZE})"  # fmt: skip
_TAKE_OUT = f"""INSERT INTO postings_text (postings_text, rowid, text)
    SELECT 'delete', posting, jobbot_fold(old) FROM postings_unindexed
    WHERE old IS NOT NULL AND posting IN ({_IDS})"""


def _put_in(table: str) -> str:
    """SQL that puts the current text of the postings whose rowids it is given into `table`."""
    return f"""INSERT INTO {table} (rowid, text)
        SELECT rowid, jobbot_text(title, company, location, description, board) FROM postings
        WHERE rowid IN ({_IDS})"""


_NEXT = """SELECT q.posting AS id, coalesce(length(q.old), 0) + coalesce(length(p.title), 0)
        + coalesce(length(p.description), 0) AS chars
    FROM postings_unindexed q LEFT JOIN postings p ON p.rowid = q.posting
    ORDER BY q.posting LIMIT ?"""


class TextIndex(Table):
    """The postings' text index and its queue."""

    def queued(self) -> int:
        """How many postings wait to be indexed (or taken out of the index)."""
        row = self.db.one("SELECT count(*) AS n FROM postings_unindexed")
        return row["n"] if row else 0

    def queue_new(self, keys: list[str]) -> None:
        """Queue the text of the postings just inserted under `keys`, in the insert's own
        transaction: whatever inserts postings calls it (triggers queue updates and deletes).
        One statement for them all: a trigger per row gave each insert a statement journal,
        a third of the time a poll took to store new postings."""
        if keys:
            self.db.execute(_QUEUE_NEW, (json.dumps(keys),))

    def index_next(self, chars: int = SLICE_CHARS, most: int = 1000) -> int:
        """Index the next queued postings, up to `chars` characters of text (one at least, at
        most `most`), in one transaction; returns how many queued rows it took."""
        with self.db.transaction():
            ids: list[int] = []
            total = 0
            rows = self.db.execute(_NEXT, (most,))  # read lazily: length() reads the text
            for row in rows:
                if ids and total + row["chars"] > chars:
                    break
                ids.append(row["id"])
                total += row["chars"]
            rows.close()
            if ids:
                self._index(json.dumps(ids))
        return len(ids)

    def merge_next(self, pages: int = MERGE_PAGES) -> bool:
        """One step of merging the index's segments, in one transaction: FTS5 writes about
        `pages` pages (it ends on a whole term) of a merge under way, or of a level holding
        as many segments as its `usermerge` (4). False when there was nothing to merge."""
        with self.db.transaction():
            before = self.db.conn.total_changes
            self.db.execute(
                "INSERT INTO postings_text (postings_text, rank) VALUES ('merge', ?)", (pages,)
            )
            return self.db.conn.total_changes - before >= 2  # FTS5's sign of work done

    def index_all(self) -> int:
        """Index the whole queue in one transaction (a bulk load, such as a benchmark's)."""
        with self.db.transaction():
            rows = self.db.execute("SELECT posting FROM postings_unindexed").fetchall()
            self._index(json.dumps([r["posting"] for r in rows]))
        return len(rows)

    def _index(self, ids: str) -> None:
        self.db.execute(_TAKE_OUT, (ids,))
        self.db.execute(_put_in("postings_text"), (ids,))
        self.db.execute(f"DELETE FROM postings_unindexed WHERE posting IN ({_IDS})", (ids,))

    def matching(self, expression: str, limit: int, before: int) -> tuple[list[int], int | None]:
        """At most `limit` rowids below `before` of postings whose text has `expression`'s
        words (an FTS5 query), greatest first, and where the next page starts (None: no
        more). Indexed postings are found in the index; queued ones (new, changed, or
        waiting to leave it) by their current text, in a temporary index of this
        connection's own."""
        expression = expression.replace("\x00", " ")  # FTS5 reads a NUL as a string's end
        with self.db.snapshot():  # the index and its queue as of one moment
            indexed = [
                r["rowid"]
                for r in self.db.execute(
                    """SELECT rowid FROM postings_text WHERE postings_text MATCH ? AND rowid < ?
                       ORDER BY rowid DESC LIMIT ?""",
                    (expression, before, limit),
                )
            ]
            floor = indexed[-1] if len(indexed) == limit else 0  # the range read in full
            queued = self.db.execute(
                """SELECT q.posting, p.rowid IS NOT NULL AS stored FROM postings_unindexed q
                   LEFT JOIN postings p ON p.rowid = q.posting
                   WHERE q.posting >= ? AND q.posting < ? ORDER BY q.posting DESC""",
                (floor, before),
            ).fetchall()
            stored = [r["posting"] for r in queued if r["stored"]]
            found = self._queued_with(expression, stored, limit)
        # What the index holds for a queued rowid is stale: its current text decides.
        stale = {r["posting"] for r in queued}
        ids = sorted(set(indexed).difference(stale).union(found), reverse=True)
        if len(ids) >= limit:
            return ids[:limit], ids[limit - 1]
        return ids, floor or None

    def _queued_with(self, expression: str, queued: list[int], limit: int) -> list[int]:
        """Of `queued` (greatest first), the first `limit` whose text has the words."""
        found: list[int] = []
        if queued:
            self.db.execute(_QUEUED_TEXT)
        for start in range(0, len(queued), _CHECK):
            if len(found) >= limit:
                break
            chunk = json.dumps(queued[start : start + _CHECK])
            try:
                self.db.execute(_put_in("temp.queued_text"), (chunk,))
                rows = self.db.execute(
                    "SELECT rowid FROM queued_text WHERE queued_text MATCH ? ORDER BY rowid DESC",
                    (expression,),
                ).fetchall()
            finally:
                self.db.execute("INSERT INTO queued_text (queued_text) VALUES ('delete-all')")
            found += [r["rowid"] for r in rows]
        return found[:limit]
