"""Postings: store what a poll found (`record`); what commands read of them is `listings`."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.models import Posting
from bot.store.columns import FIELDS, POSTING_COLS, posting_of, posting_values
from bot.store.db import Table
from bot.store.identity import JobKeys, clear_shared, job_keys
from bot.store.pollplan import BoardRows, Plan, plan
from bot.store.stamps import from_iso, iso
from bot.store.textindex import TextIndex


@dataclass(slots=True)
class RecordResult:
    """What one successful poll changed: `new` is empty on a baseline poll."""

    baseline: bool = False
    new: list[Posting] = field(default_factory=list)
    changed: list[Posting] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    copies: list[Posting] = field(default_factory=list)  # new here, but a job known elsewhere
    # (as stored, as now) of changed postings open, new (not baseline) within EDITS_ROUTED
    edited: list[tuple[Posting, Posting]] = field(default_factory=list)
    seen: int = 0
    suspect_empty: bool = False


# An edit of a posting first seen this long ago or less is routed to the alerts it makes
# match (a pay stated, a word added); older postings' edits are stored only.
EDITS_ROUTED = timedelta(days=30)

_INSERT = f"""INSERT INTO postings ({POSTING_COLS}, first_seen_at, last_seen_at, baseline,
                  job_key, url_key, apply_key, ctl_key, ctd_key, raw_hash, partial)
              VALUES ({",".join("?" * len(FIELDS))}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
# Only a whole posting rewrites a stored one (see `diff`): it is no longer partial.
_UPDATE = f"""UPDATE postings SET {", ".join(f"{f} = ?" for f in FIELDS[3:])},
                  last_seen_at = ?, changed_at = ?, closed_at = NULL, missing_polls = 0,
                  raw_hash = ?, partial = 0
              WHERE key = ?"""
_TOUCH = """UPDATE postings SET closed_at = NULL, missing_polls = 0,
                raw_hash = coalesce(?, raw_hash) WHERE key = ?"""
# last_seen_at is kept exact where it says something: a posting that goes missing was last
# seen at the board's previous successful poll (see `last_seen`).
_MISS = """UPDATE postings SET missing_polls = missing_polls + 1, last_seen_at =
               CASE WHEN missing_polls = 0 THEN coalesce(?, last_seen_at) ELSE last_seen_at END
           WHERE key = ?"""


class Postings(Table):
    """The postings table: what each poll found, and the stored postings to search."""

    def record(
        self,
        board: str,
        postings: list[Posting],
        now: datetime,
        close_after: int = 2,
        *,
        unchanged: Collection[str] = (),
        fingerprints: Mapping[str, str] | None = None,
        age: bool = True,
    ) -> RecordResult:
        """Diff one successful poll against the board's stored postings, and store it.

        The board's first successful poll is its baseline: stored, returned as not new (the
        board stays in its baseline until `Boards.mark_success`, which the poller calls).
        A posting counts as changed only when its content hash moves. `unchanged` are keys
        of postings seen again whose raw fingerprint had not moved (so they were not
        normalised); `fingerprints` maps the keys of `postings` to theirs (see
        `bot.fingerprint`). One missing from `close_after` successful polls in a row is
        closed; an empty answer from a board that had open postings is suspect and closes
        nothing. (`read`, `plan` and `apply` are its steps, for a caller that works the
        plan out elsewhere or stores it in parts: a part leaves the missing uncounted,
        `age=False`, for the poll's last part to count once.)
        """
        with self.db.transaction():
            rows = self.read(board)
            planned = plan(rows, postings, unchanged, fingerprints)
            return self.apply(planned, now, close_after, age=age)

    def read(self, board: str) -> BoardRows:
        """What the plan of a poll of `board` reads: the board's state and stored postings."""
        polled = self.db.one(
            "SELECT baseline_at, last_success_at, url, endpoint FROM boards WHERE name = ?",
            (board,),
        )
        rows = self.db.execute(
            "SELECT key, content_hash, closed_at, missing_polls, raw_hash, url, apply_url "
            "FROM postings WHERE board = ?",
            (board,),
        )
        return BoardRows(
            board,
            baseline=polled is None or polled["baseline_at"] is None,
            previous_poll=polled["last_success_at"] if polled else None,
            own_urls=(polled["url"], polled["endpoint"]) if polled else (),
            stored={r["key"]: r for r in rows},
        )

    def write_new(self, plan: Plan, now: datetime, count: int | None = None) -> dict[str, JobKeys]:
        """Store the next `count` (default: all the rest) of the plan's new postings; return
        their job keys. Each part's are looked up as it is written, so a posting of the same
        job stored by an earlier part is found as it would be in one write."""
        start = plan.written
        part = plan.diff.inserts[start : None if count is None else start + count]
        jobs = job_keys(self.db, part, now, plan.identities)
        stamp = iso(now)
        tail = (stamp, stamp, int(plan.rows.baseline))
        self.db.executemany(
            _INSERT,
            [
                [
                    *posting_values(p),
                    *tail,
                    *jobs[p.key],
                    plan.fingerprints.get(p.key),
                    int(p.partial),
                ]
                for p in part
            ],
        )
        TextIndex(self.db).queue_new([p.key for p in part])
        plan.written += len(part)
        return jobs

    def apply(
        self, plan: Plan, now: datetime, close_after: int = 2, *, age: bool = True
    ) -> RecordResult:
        """Write the rest of `plan` (see `record`) and, with `age`, age what it missed; in a
        transaction (the caller's: the poller routes in the same one)."""
        d, rows = plan.diff, plan.rows
        clear_shared(self.db, plan.board, plan.stale)
        whole = plan.written == 0
        jobs = self.write_new(plan, now)
        result = RecordResult(baseline=rows.baseline, seen=len(d.seen), changed=d.updates)
        if not rows.baseline:
            assert whole, "only a baseline is stored in parts"
            result.new = [p for p in d.inserts if jobs[p.key][0] == p.key]
            result.copies = [p for p in d.inserts if jobs[p.key][0] != p.key]
        if not rows.baseline and d.updates:
            result.edited = self._stored_versions(d.updates, now - EDITS_ROUTED)
        self._rewrite(plan, now)
        if d.missing and not d.seen:
            result.suspect_empty = True
            return result
        if not age:
            return result
        result.closed = self._age(plan.board, d.missing, rows.previous_poll, now, close_after)
        return result

    def _stored_versions(
        self, changed: list[Posting], since: datetime
    ) -> list[tuple[Posting, Posting]]:
        """(as stored, as now) of the `changed` postings first seen since `since` and not in
        the board's first poll (its baseline, never sent), closed meanwhile or not (listed
        again, edited): an edit of them may make them match an alert they did not (a pay, a
        word added), and they are routed again (`bot.fanout.enqueue_edited`)."""
        by_key = {p.key: p for p in changed}
        rows = self.db.execute(
            f"""SELECT {POSTING_COLS} FROM postings
                WHERE key IN (SELECT value FROM json_each(?))
                    AND first_seen_at >= ? AND baseline = 0""",
            (json.dumps(list(by_key)), iso(since)),
        )
        return [(old, by_key[old.key]) for old in map(posting_of, rows)]

    def _rewrite(self, plan: Plan, now: datetime) -> None:
        """Rewrite the changed postings, touch those whose state moved."""
        stamp = iso(now)
        self.db.executemany(
            _UPDATE,
            [
                [*posting_values(p)[3:], stamp, stamp, plan.fingerprints.get(p.key), p.key]
                for p in plan.diff.updates
            ],
        )
        self.db.executemany(_TOUCH, plan.diff.touches)

    def _age(
        self,
        board: str,
        missing: list[str],
        previous_poll: str | None,
        now: datetime,
        close_after: int,
    ) -> list[str]:
        """Count one more miss for each of `missing`; close those missing `close_after`
        polls in a row. Returns the keys closed."""
        if not missing:
            return []
        self.db.executemany(_MISS, [(previous_poll, k) for k in missing])
        where = "board = ? AND closed_at IS NULL AND missing_polls >= ?"
        rows = self.db.execute(f"SELECT key FROM postings WHERE {where}", (board, close_after))
        closing = [r["key"] for r in rows]
        self.db.execute(
            f"UPDATE postings SET closed_at = ? WHERE {where}", (iso(now), board, close_after)
        )
        return closing

    def last_seen(self, key: str) -> datetime | None:
        """When a posting was last seen on its board: the board's last successful poll while
        the posting is listed, else the poll before the one it went missing in."""
        row = self.db.one(
            """SELECT CASE WHEN p.missing_polls = 0 AND p.closed_at IS NULL
                           THEN coalesce(b.last_success_at, p.last_seen_at)
                           ELSE p.last_seen_at END AS seen
               FROM postings p LEFT JOIN boards b ON b.name = p.board WHERE p.key = ?""",
            (key,),
        )
        return from_iso(row["seen"]) if row else None

    def fingerprints(self, board: str) -> dict[str, str]:
        """Each stored posting's raw fingerprint (`bot.fingerprint`), by key."""
        rows = self.db.execute(
            "SELECT key, raw_hash FROM postings WHERE board = ? AND raw_hash IS NOT NULL", (board,)
        )
        return {r["key"]: r["raw_hash"] for r in rows}

    def known_ids(self, board: str) -> frozenset[str]:
        """External ids stored whole for a board, so sources can skip detail requests for
        them (a posting stored without its detail is not among them: it is asked for again)."""
        rows = self.db.execute(
            "SELECT external_id FROM postings WHERE board = ? AND partial = 0", (board,)
        )
        return frozenset(r["external_id"] for r in rows)
