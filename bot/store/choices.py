"""What a user turned away, applied where jobs reach them: routing, sending and /search.

A hidden job is hidden by its job key, so its copies on other boards stay hidden too; a muted
company by its `company_key`; a paused alert brings nothing until it is resumed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.models import Delivery, Posting
from bot.store.db import StoreBase
from bot.store.prefs import company_key

_CHUNK = 400  # rows per lookup: (chat, key) pairs as JSON, well under SQLite's limits


@dataclass(frozen=True, slots=True)
class SentJob:
    """A delivery as a press on its message sees it."""

    id: int
    chat_id: int
    posting_key: str
    alert_ids: tuple[int, ...]
    message_id: int | None
    state: str


class ChoicesMixin(StoreBase):
    """Reads of hidden jobs, muted companies and paused alerts, many at a time."""

    def sent_job(self, delivery_id: int) -> SentJob | None:
        row = self._one(
            """SELECT id, chat_id, posting_key, alert_ids, message_id, state FROM deliveries
               WHERE id = ?""",
            (delivery_id,),
        )
        if row is None:
            return None
        return SentJob(row[0], row[1], row[2], tuple(json.loads(row[3])), row[4], row[5])

    def job_key(self, posting_key: str) -> str:
        """The key of the job a posting belongs to (itself unless it is a copy)."""
        row = self._one("SELECT job_key FROM postings WHERE key = ?", (posting_key,))
        return row[0] if row and row[0] else posting_key

    def _pairs(self, sql: str, pairs: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
        """Which (chat, key) pairs `sql` (over json_each(?) as `j`) finds."""
        wanted = list(dict.fromkeys(pairs))
        found: set[tuple[int, str]] = set()
        for i in range(0, len(wanted), _CHUNK):
            rows = self.db.execute(sql, (json.dumps(wanted[i : i + _CHUNK]),))
            found.update((chat, key) for chat, key in rows)
        return found

    def hidden_pairs(self, pairs: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
        """The (chat, job key) pairs that chat hid."""
        return self._pairs(
            """SELECT h.chat_id, h.job_key FROM json_each(?) j JOIN hidden_jobs h
               ON h.chat_id = json_extract(j.value, '$[0]')
               AND h.job_key = json_extract(j.value, '$[1]')""",
            pairs,
        )

    def muted_pairs(self, pairs: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
        """The (chat, company key) pairs that chat muted."""
        return self._pairs(
            """SELECT m.chat_id, m.company_key FROM json_each(?) j JOIN muted_companies m
               ON m.chat_id = json_extract(j.value, '$[0]')
               AND m.company_key = json_extract(j.value, '$[1]')""",
            pairs,
        )

    def paused_among(self, alert_ids: Iterable[int]) -> set[int]:
        ids = list(set(alert_ids))
        found: set[int] = set()
        for i in range(0, len(ids), _CHUNK):
            rows = self.db.execute(
                """SELECT a.id FROM json_each(?) j JOIN alerts a ON a.id = j.value
                   WHERE a.paused_at IS NOT NULL""",
                (json.dumps(ids[i : i + _CHUNK]),),
            )
            found.update(r[0] for r in rows)
        return found

    def wanted(self, deliveries: list[Delivery], postings: Mapping[str, Posting]) -> list[Delivery]:
        """`deliveries` without hidden jobs and muted companies. Paused alerts keep matching:
        their jobs are held for their resume (`bot.holding`). `postings` holds each
        delivery's posting by key."""
        if not deliveries:
            return []
        keys = {d.posting_key for d in deliveries}
        jobs = {key: self.job_key(key) for key in keys}
        firm = {key: company_key(postings[key].company) for key in keys}
        hidden = self.hidden_pairs((d.chat_id, jobs[d.posting_key]) for d in deliveries)
        muted = self.muted_pairs((d.chat_id, firm[d.posting_key]) for d in deliveries)
        return [
            d
            for d in deliveries
            if (d.chat_id, jobs[d.posting_key]) not in hidden
            and (d.chat_id, firm[d.posting_key]) not in muted
        ]

    def turned_away(self, chat_id: int, posting: Posting) -> str | None:
        """Why `chat_id` no longer wants `posting` ("hidden", "muted"), or None."""
        if self.hidden_pairs([(chat_id, self.job_key(posting.key))]):
            return "hidden"
        if self.muted_pairs([(chat_id, company_key(posting.company))]):
            return "muted"
        return None

    def visible(self, chat_id: int, postings: list[Posting]) -> list[Posting]:
        """`postings` without the jobs `chat_id` hid and the companies it muted (/search)."""
        hidden = {
            r[0]
            for r in self.db.execute(
                """SELECT p.key FROM hidden_jobs h JOIN postings p ON p.job_key = h.job_key
                   WHERE h.chat_id = ?""",
                (chat_id,),
            )
        }
        muted = {
            r[0]
            for r in self.db.execute(
                "SELECT company_key FROM muted_companies WHERE chat_id = ?", (chat_id,)
            )
        }
        return [p for p in postings if p.key not in hidden and company_key(p.company) not in muted]
