"""Jobs: one job seen on several boards (`job_key`: its postings there are copies of one), and
a job found from what a user has of it (a URL, an id, the message that announced it) for /why
and the buttons under a notification."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot import dedupe
from bot.models import Earlier, Posting
from bot.store.columns import posting_of, prefixed
from bot.store.db import Table
from bot.store.stamps import from_iso


@dataclass(frozen=True, slots=True)
class JobRecord:
    """A stored posting with what /why needs to know about it."""

    posting: Posting
    first_seen: datetime
    baseline: bool
    job_key: str
    changed_at: datetime | None = None  # when its board last edited it, if it did


_JOB_COLS = (
    f"{prefixed('p')}, p.first_seen_at, p.changed_at, p.baseline AS in_baseline, "
    "coalesce(p.job_key, p.key) AS job"
)


EARLIER = 20  # earlier postings of a job read at most: the first seen decides


class Jobs(Table):
    """The postings table read as jobs."""

    def also_on(self, key: str) -> tuple[str, ...]:
        """The other postings of this posting's job (`Postings.record` links them), as
        "board|location"."""
        rows = self.db.execute(
            """SELECT board, location FROM postings WHERE key != ? AND job_key =
                   (SELECT job_key FROM postings WHERE key = ?) ORDER BY first_seen_at""",
            (key, key),
        )
        return tuple(f"{r['board']}|{r['location']}" for r in rows)

    def earlier(self, key: str, chat_id: int) -> Earlier | None:
        """The job listed before this posting's under its company, title and place (or text),
        if one was: a repost, or the same opening again. With when `chat_id` got it and
        applied to it."""
        rows = self.db.execute(
            """WITH p AS (SELECT coalesce(job_key, key) AS job, ctl_key, ctd_key, first_seen_at
                          FROM postings WHERE key = ?)
               SELECT o.key, o.first_seen_at FROM postings o, p
               WHERE (o.ctl_key = p.ctl_key OR o.ctd_key = p.ctd_key)
                   AND coalesce(o.job_key, o.key) != p.job AND o.first_seen_at < p.first_seen_at
               ORDER BY o.first_seen_at LIMIT ?""",
            (key, EARLIER),
        ).fetchall()
        if not rows:
            return None
        keys = json.dumps([r["key"] for r in rows])
        sent = self.db.one(
            """SELECT min(sent_at) AS at FROM deliveries WHERE chat_id = ? AND state = 'sent'
               AND posting_key IN (SELECT value FROM json_each(?))""",
            (chat_id, keys),
        )
        applied = self.db.one(
            """SELECT min(applied_at) AS at FROM saved_jobs WHERE chat_id = ?
               AND posting_key IN (SELECT value FROM json_each(?))""",
            (chat_id, keys),
        )
        first = from_iso(rows[0]["first_seen_at"])
        assert first is not None
        return Earlier(
            first,
            from_iso(sent["at"]) if sent else None,
            from_iso(applied["at"]) if applied else None,
        )

    def job_key(self, posting_key: str) -> str:
        """The key of the job a posting belongs to (itself unless it is a copy)."""
        row = self.db.one("SELECT job_key FROM postings WHERE key = ?", (posting_key,))
        return row["job_key"] if row and row["job_key"] else posting_key

    def _job(self, where: str, params: tuple[Any, ...]) -> JobRecord | None:
        row = self.db.one(
            f"SELECT {_JOB_COLS} FROM postings p WHERE {where} "
            "ORDER BY p.closed_at IS NOT NULL, p.first_seen_at DESC LIMIT 1",
            params,
        )
        if row is None:
            return None
        first_seen = from_iso(row["first_seen_at"])
        assert first_seen is not None
        return JobRecord(
            posting_of(row), first_seen, bool(row["in_baseline"]), row["job"],
            from_iso(row["changed_at"]),
        )  # fmt: skip

    def find_job(self, text: str) -> JobRecord | None:
        """A posting by its URL, apply URL, key ("board:id") or the board's own id."""
        if text.startswith(("http://", "https://")):
            key = dedupe.url_key(text)
            return self._job(
                "p.url = ? OR p.apply_url = ? OR p.url_key = ? OR p.apply_key = ?",
                (text, text, key, key),
            )
        return self._job("p.key = ?", (text,)) or self._job("p.external_id = ?", (text,))

    def job_by_message(self, chat_id: int, message_id: int) -> JobRecord | None:
        """The job whose notification is message `message_id` in the chat."""
        return self._job(
            "p.key = (SELECT posting_key FROM deliveries WHERE chat_id = ? AND message_id = ?)",
            (chat_id, message_id),
        )
