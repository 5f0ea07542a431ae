"""What a user turned away: hidden jobs and muted companies, applied where jobs reach them
(routing, sending and /search). Every change bumps `alerts_generation`.

A hidden job is hidden by its job key, so its copies on other boards stay hidden too; a muted
company by its `company_key`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from bot.company import company_key
from bot.models import Posting
from bot.store.db import Table
from bot.store.stamps import iso

_CHUNK = 400  # rows per lookup: (chat, key) pairs as JSON, well under SQLite's limits


class Choices(Table):
    """The hidden_jobs and muted_companies tables."""

    def hide_job(self, chat_id: int, job_key: str, now: datetime) -> None:
        self.db.alerts_generation += 1
        self.db.execute(
            "INSERT OR IGNORE INTO hidden_jobs (chat_id, job_key, created_at) VALUES (?, ?, ?)",
            (chat_id, job_key, iso(now)),
        )

    def unhide_job(self, chat_id: int, job_key: str) -> None:
        self.db.alerts_generation += 1
        self.db.execute(
            "DELETE FROM hidden_jobs WHERE chat_id = ? AND job_key = ?", (chat_id, job_key)
        )

    def hidden_jobs(self, chat_id: int) -> set[str]:
        rows = self.db.execute("SELECT job_key FROM hidden_jobs WHERE chat_id = ?", (chat_id,))
        return {r["job_key"] for r in rows}

    def is_hidden(self, chat_id: int, job_key: str) -> bool:
        sql = "SELECT 1 FROM hidden_jobs WHERE chat_id = ? AND job_key = ?"
        return self.db.one(sql, (chat_id, job_key)) is not None

    def mute_company(self, chat_id: int, company: str, now: datetime) -> None:
        self.db.alerts_generation += 1
        self.db.execute(
            """INSERT OR IGNORE INTO muted_companies (chat_id, company_key, company, created_at)
               VALUES (?, ?, ?, ?)""",
            (chat_id, company_key(company), company.strip(), iso(now)),
        )

    def unmute_company(self, chat_id: int, company: str) -> bool:
        self.db.alerts_generation += 1
        cur = self.db.execute(
            "DELETE FROM muted_companies WHERE chat_id = ? AND company_key = ?",
            (chat_id, company_key(company)),
        )
        return cur.rowcount > 0

    def muted_companies(self, chat_id: int) -> list[str]:
        rows = self.db.execute(
            "SELECT company FROM muted_companies WHERE chat_id = ? ORDER BY created_at, rowid",
            (chat_id,),
        )
        return [r["company"] for r in rows]

    def is_muted(self, chat_id: int, company: str) -> bool:
        sql = "SELECT 1 FROM muted_companies WHERE chat_id = ? AND company_key = ?"
        return self.db.one(sql, (chat_id, company_key(company))) is not None

    def _pairs(self, sql: str, pairs: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
        """Which (chat, key) pairs `sql` (over json_each(?) as `j`, reading `chat_id` and
        `key`) finds."""
        wanted = list(dict.fromkeys(pairs))
        found: set[tuple[int, str]] = set()
        for i in range(0, len(wanted), _CHUNK):
            rows = self.db.execute(sql, (json.dumps(wanted[i : i + _CHUNK]),))
            found.update((r["chat_id"], r["key"]) for r in rows)
        return found

    def hidden_pairs(self, pairs: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
        """The (chat, job key) pairs that chat hid."""
        return self._pairs(
            """SELECT h.chat_id, h.job_key AS key FROM json_each(?) j JOIN hidden_jobs h
               ON h.chat_id = json_extract(j.value, '$[0]')
               AND h.job_key = json_extract(j.value, '$[1]')""",
            pairs,
        )

    def muted_pairs(self, pairs: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
        """The (chat, company key) pairs that chat muted."""
        return self._pairs(
            """SELECT m.chat_id, m.company_key AS key FROM json_each(?) j JOIN muted_companies m
               ON m.chat_id = json_extract(j.value, '$[0]')
               AND m.company_key = json_extract(j.value, '$[1]')""",
            pairs,
        )

    def _job_key(self, posting_key: str) -> str:
        row = self.db.one("SELECT job_key FROM postings WHERE key = ?", (posting_key,))
        return row["job_key"] if row and row["job_key"] else posting_key

    def turned_away_by(self, posting: Posting) -> list[int]:
        """The chats that hid `posting`'s job (on any board) or muted its company: two
        indexed lookups, however many users the posting reaches."""
        rows = self.db.execute(
            """SELECT chat_id FROM hidden_jobs WHERE job_key = ?
               UNION SELECT chat_id FROM muted_companies WHERE company_key = ?""",
            (self._job_key(posting.key), company_key(posting.company)),
        )
        return [r["chat_id"] for r in rows]

    def turned_away(self, chat_id: int, posting: Posting) -> str | None:
        """Why `chat_id` no longer wants `posting` ("hidden", "muted"), or None."""
        if self.hidden_pairs([(chat_id, self._job_key(posting.key))]):
            return "hidden"
        if self.muted_pairs([(chat_id, company_key(posting.company))]):
            return "muted"
        return None

    def visible(self, chat_id: int, postings: list[Posting]) -> list[Posting]:
        """`postings` without the jobs `chat_id` hid and the companies it muted (/search)."""
        rows = self.db.execute(
            """SELECT p.key FROM hidden_jobs h JOIN postings p ON p.job_key = h.job_key
               WHERE h.chat_id = ?""",
            (chat_id,),
        )
        hidden = {r["key"] for r in rows}
        rows = self.db.execute(
            "SELECT company_key FROM muted_companies WHERE chat_id = ?", (chat_id,)
        )
        muted = {r["company_key"] for r in rows}
        return [p for p in postings if p.key not in hidden and company_key(p.company) not in muted]
