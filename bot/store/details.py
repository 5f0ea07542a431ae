"""Which stored postings' details a poll reads again. A board that gives a job's text and pay
only in a detail request (SmartRecruiters, Workday, BambooHR, Rippling, Eightfold) is asked
for the detail of a new posting alone, so an edit there (a pay range added a week later) was
never seen. A recent job's detail is read again once a day, a few at each poll, and an edit
found so reaches the alerts it makes match (`bot.fanout.enqueue_edited`)."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime, timedelta

from bot.models import posting_key
from bot.store.boards import BoardState
from bot.store.db import Table
from bot.store.postings import EDITS_ROUTED
from bot.store.stamps import iso

READ_AGAIN_AFTER = timedelta(days=1)
PER_POLL = 20  # details read again at most, a poll: a board's recent jobs over a day's polls


class Details(Table):
    """The `detailed_at` of the postings table: when a posting's detail was last read."""

    def due(self, board: BoardState, now: datetime, reads_details: bool) -> frozenset[str]:
        """External ids of `board`'s open postings first seen in the last `EDITS_ROUTED` (not
        in its baseline) whose detail was read over `READ_AGAIN_AFTER` ago, the stalest
        first, at most `PER_POLL` (from the index of migration 0034); none when the board's
        kind reads no details (`reads_details`), or before its baseline."""
        if not reads_details or board.baseline_at is None:
            return frozenset()
        rows = self.db.execute(
            """SELECT external_id FROM postings
               WHERE board = ? AND partial = 0 AND baseline = 0 AND closed_at IS NULL
                   AND first_seen_at >= ? AND coalesce(detailed_at, first_seen_at) < ?
               ORDER BY coalesce(detailed_at, first_seen_at) LIMIT ?""",
            (board.name, iso(now - EDITS_ROUTED), iso(now - READ_AGAIN_AFTER), PER_POLL),
        )
        return frozenset(r["external_id"] for r in rows)

    def read_again(self, board: str, ids: Collection[str], now: datetime) -> None:
        """The details of `ids` were asked for again at `now` (read, or failed: a day on)."""
        if not ids:
            return
        keys = [posting_key(board, i) for i in ids]
        self.db.execute(
            """UPDATE postings SET detailed_at = ?
               WHERE key IN (SELECT value FROM json_each(?))""",
            (iso(now), json.dumps(keys)),
        )
