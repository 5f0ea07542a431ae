"""The stored postings as the commands read them: one by its key, the newest open ones, those
a text index query proposes (/search, /why, the backtest of /alert), a board's open ones."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from bot.models import Posting
from bot.store.columns import POSTING_COLS, posting_of
from bot.store.db import Table
from bot.store.stamps import iso
from bot.store.textindex import TextIndex


@dataclass(frozen=True, slots=True)
class TextPage:
    """Open postings that have an FTS5 query's words (`Listings.with_words`), newest first;
    `last` is where the next page starts, None when no more posting has them."""

    postings: list[Posting]
    last: int | None


class Listings(Table):
    """Reads of the postings table for the chat's commands; `Postings` writes it."""

    def posting(self, key: str) -> Posting | None:
        row = self.db.one(f"SELECT {POSTING_COLS} FROM postings WHERE key = ?", (key,))
        return posting_of(row) if row else None

    def recent_postings(self, since: datetime, limit: int = 5000) -> list[Posting]:
        """Open postings posted since `since` (first seen, when the board gives no date),
        newest first: a backtest counts jobs by when they were posted, not found."""
        rows = self.db.execute(
            f"""SELECT {POSTING_COLS} FROM postings
                WHERE coalesce(posted_at, first_seen_at) >= ? AND closed_at IS NULL
                ORDER BY coalesce(posted_at, first_seen_at) DESC, rowid DESC LIMIT ?""",
            (iso(since), limit),
        )
        return [posting_of(r) for r in rows]

    def with_words(
        self, expression: str, limit: int, since: datetime | None = None, before: int | None = None
    ) -> TextPage:
        """The open postings (posted since `since`) among the `limit` last stored (below
        `before`) whose text has `expression`'s words (an FTS5 query over `postings_text`),
        newest first: candidates for the matcher, read without a scan (postings not indexed
        yet are found too: see `TextIndex.matching`)."""
        top = (1 << 63) - 1 if before is None else before
        ids, last = TextIndex(self.db).matching(expression, limit, top)
        rows = self.db.execute(
            f"""SELECT {POSTING_COLS} FROM postings
                WHERE rowid IN (SELECT value FROM json_each(?)) AND closed_at IS NULL
                    AND coalesce(posted_at, first_seen_at) >= ?
                ORDER BY coalesce(posted_at, first_seen_at) DESC, rowid DESC""",
            (json.dumps(ids), iso(since) or ""),
        )
        return TextPage([posting_of(r) for r in rows], last)

    def latest_postings(self, limit: int = 5000, before: int | None = None) -> list[Posting]:
        """Open postings (stored below rowid `before`), newest first (by posting date, then
        first seen)."""
        rows = self.db.execute(
            f"""SELECT {POSTING_COLS} FROM postings WHERE closed_at IS NULL AND rowid < ?
                ORDER BY coalesce(posted_at, first_seen_at) DESC, rowid DESC LIMIT ?""",
            ((1 << 63) - 1 if before is None else before, limit),
        )
        return [posting_of(r) for r in rows]

    def stored_until(self) -> int:
        """A mark of what is stored now: postings stored later have a rowid at or above it."""
        row = self.db.one("SELECT coalesce(max(rowid), 0) + 1 AS mark FROM postings")
        return int(row["mark"]) if row else 1

    def board_postings(self, board: str, limit: int = 5000) -> list[Posting]:
        """A board's open postings, newest first."""
        rows = self.db.execute(
            f"""SELECT {POSTING_COLS} FROM postings WHERE board = ? AND closed_at IS NULL
                ORDER BY coalesce(posted_at, first_seen_at) DESC LIMIT ?""",
            (board, limit),
        )
        return [posting_of(r) for r in rows]
