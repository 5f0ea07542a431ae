"""The postings' text in an FTS5 index (`postings_text`), so /search and the backtest read only
the postings that have a query's words, not a scan of the newest few thousand.

The index holds each posting's text as the matcher folds it (`bot.words.fold` over title,
company, location, description and board: Zürich -> zurich, straße -> strasse), tokenised by
FTS5's unicode61; it is contentless and keyed by the posting's rowid. The index only proposes
candidates: the matcher decides (`bot.match.fulltext` builds the FTS5 query from the same keys
its own prefilter uses). A change to `fold` needs a migration that rebuilds the index.

Writes do not index: they only queue the rowid in `postings_unindexed`. Triggers on
`postings` queue changed and deleted postings, with the text the index holds for them (a
contentless index needs it to take it out); new postings are queued by their writer, in one
statement after the insert (`TextIndex.queue_new`: a trigger cost each insert a statement
journal, see `QUEUE_BY_WRITER`). `bot.store.textindex` indexes the queue later, a
slice per transaction, and finds the postings with a query's words in the index and in the
queue alike, so a stored posting is found at once. Every posting not queued is in the index
with its current text. The functions the indexing calls (`register`) are registered on every
connection `Db` wraps.
"""

from __future__ import annotations

import sqlite3

from bot.words import fold

_FIELDS = ("title", "company", "location", "description", "board")
_JOINED = " || char(10) || ".join(f"coalesce({{0}}.{f}, '')" for f in _FIELDS)
_CHANGED = " OR ".join(f"old.{f} IS NOT new.{f}" for f in _FIELDS)
# What the index held goes with the rowid, unless it was queued already (then the index holds
# what the first queued row says: nothing, or the text it had before).
_KEEP_OLD = f"INSERT OR IGNORE INTO postings_unindexed (posting, old) VALUES (old.rowid, {_JOINED.format('old')});"  # fmt: skip
TOKENIZE = "tokenize='unicode61 remove_diacritics 0'"
# The queue as migration 0014 made it (0016 takes the insert trigger off again).
QUEUE = f"""
DROP TRIGGER IF EXISTS postings_text_insert;
DROP TRIGGER IF EXISTS postings_text_delete;
DROP TRIGGER IF EXISTS postings_text_update;
CREATE TABLE postings_unindexed (posting INTEGER PRIMARY KEY, old TEXT);
CREATE TRIGGER postings_queue_insert AFTER INSERT ON postings
BEGIN INSERT OR IGNORE INTO postings_unindexed (posting) VALUES (new.rowid); END;
CREATE TRIGGER postings_queue_delete AFTER DELETE ON postings BEGIN {_KEEP_OLD} END;
CREATE TRIGGER postings_queue_update AFTER UPDATE ON postings WHEN {_CHANGED}
BEGIN {_KEEP_OLD} END;
"""
# Since migration 0016. A statement that may fire a trigger keeps a statement journal: every
# row it writes copies the pages it touches first. So inserts are queued by their writer, in
# one statement after the insert, and only an update that sets a text column may fire the
# update trigger (counting a miss, closing or touching a posting does not).
QUEUE_BY_WRITER = f"""
DROP TRIGGER IF EXISTS postings_queue_insert;
DROP TRIGGER IF EXISTS postings_queue_update;
CREATE TRIGGER postings_queue_update AFTER UPDATE OF {", ".join(_FIELDS)} ON postings
WHEN {_CHANGED} BEGIN {_KEEP_OLD} END;
"""


def text(*parts: str | None) -> str:
    """A posting's text as the index holds it: what `bot.match.search` folds and looks in."""
    return fold("\n".join(p or "" for p in parts))


def register(conn: sqlite3.Connection) -> None:
    """Give `conn` the functions the indexing calls: `jobbot_text` (a posting's fields) and
    `jobbot_fold` (the fields as a queued row keeps them, joined by newlines)."""
    conn.create_function("jobbot_text", 5, text, deterministic=True)
    conn.create_function("jobbot_fold", 1, text, deterministic=True)
