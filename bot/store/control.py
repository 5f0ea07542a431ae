"""The user in control: alerts with their state, editing, finding a job for /why, import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot import dedupe
from bot.models import Posting
from bot.policy import DeliverySettings
from bot.store.columns import _posting, _prefixed
from bot.store.db import from_iso, iso
from bot.store.prefs import PrefsMixin, company_key


@dataclass(frozen=True, slots=True)
class AlertRow:
    """One alert with when it was made and whether it is paused."""

    id: int
    query: str
    created_at: datetime
    paused_at: datetime | None


@dataclass(frozen=True, slots=True)
class JobRecord:
    """A stored posting with what /why needs to know about it."""

    posting: Posting
    first_seen: datetime
    baseline: bool
    job_key: str


@dataclass(frozen=True, slots=True)
class Outbox:
    """Where a job stands in one user's outbox: 'pending', 'sent', ... and when it was sent."""

    state: str
    sent_at: datetime | None


_JOB_COLS = f"{_prefixed('p')}, p.first_seen_at, p.baseline, coalesce(p.job_key, p.key)"


class ControlMixin(PrefsMixin):
    """Reads and writes behind /alerts, /edit, /why and /import."""

    def alert_rows(self, chat_id: int) -> list[AlertRow]:
        rows = self.db.execute(
            "SELECT id, query, created_at, paused_at FROM alerts WHERE chat_id = ? ORDER BY id",
            (chat_id,),
        )
        return [AlertRow(r[0], r[1], from_iso(r[2]), from_iso(r[3])) for r in rows]  # type: ignore[arg-type]

    def update_alert(self, chat_id: int, alert_id: int, query: str) -> bool:
        """Give one of the user's alerts a new query; it keeps its id and creation time."""
        self.alerts_generation += 1
        cur = self.db.execute(
            "UPDATE alerts SET query = ? WHERE id = ? AND chat_id = ?", (query, alert_id, chat_id)
        )
        return cur.rowcount == 1

    def _jobs(self, where: str, params: tuple[Any, ...] | list[Any]) -> JobRecord | None:
        row = self._one(
            f"SELECT {_JOB_COLS} FROM postings p WHERE {where} "
            "ORDER BY p.closed_at IS NOT NULL, p.first_seen_at DESC LIMIT 1",
            params,
        )
        if row is None:
            return None
        n = len(row) - 3
        first_seen = from_iso(row[n])
        assert first_seen is not None
        return JobRecord(_posting(row[:n]), first_seen, bool(row[n + 1]), row[n + 2])

    def find_job(self, text: str) -> JobRecord | None:
        """A posting by its URL, apply URL, key ("board:id") or the board's own id."""
        if text.startswith(("http://", "https://")):
            key = dedupe.url_key(text)
            return self._jobs(
                "p.url = ? OR p.apply_url = ? OR p.url_key = ? OR p.apply_key = ?",
                (text, text, key, key),
            )
        return self._jobs("p.key = ?", (text,)) or self._jobs("p.external_id = ?", (text,))

    def job_by_message(self, chat_id: int, message_id: int) -> JobRecord | None:
        """The job whose notification is message `message_id` in the chat."""
        return self._jobs(
            "p.key = (SELECT posting_key FROM deliveries WHERE chat_id = ? AND message_id = ?)",
            (chat_id, message_id),
        )

    def outbox_state(self, chat_id: int, job_key: str) -> Outbox | None:
        """The user's delivery of this job (through any of its postings), if there is one."""
        row = self._one(
            """SELECT d.state, d.sent_at FROM deliveries d JOIN postings p ON p.key = d.posting_key
               WHERE d.chat_id = ? AND coalesce(p.job_key, p.key) = ?
               ORDER BY d.state = 'sent' DESC LIMIT 1""",
            (chat_id, job_key),
        )
        return Outbox(row[0], from_iso(row[1])) if row else None

    def is_hidden(self, chat_id: int, job_key: str) -> bool:
        sql = "SELECT 1 FROM hidden_jobs WHERE chat_id = ? AND job_key = ?"
        return self._one(sql, (chat_id, job_key)) is not None

    def is_muted(self, chat_id: int, company: str) -> bool:
        sql = "SELECT 1 FROM muted_companies WHERE chat_id = ? AND company_key = ?"
        return self._one(sql, (chat_id, company_key(company))) is not None

    def import_user_data(
        self,
        chat_id: int,
        alerts: Sequence[tuple[str, bool]],
        settings: DeliverySettings | None,
        hourly_cap: int | None,
        muted: Sequence[str],
        now: datetime,
    ) -> int:
        """Add the alerts (query, paused) the user lacks, replace settings, add mutes: one
        transaction. Returns how many alerts were added."""
        self.alerts_generation += 1
        with self.transaction():
            have = {q for (q,) in self.db.execute(
                "SELECT query FROM alerts WHERE chat_id = ?", (chat_id,)
            )}  # fmt: skip
            added = 0
            for query, paused in alerts:
                if query in have:
                    continue
                have.add(query)
                self.db.execute(
                    "INSERT INTO alerts (chat_id, query, created_at, paused_at) VALUES (?, ?, ?, ?)",
                    (chat_id, query, iso(now), iso(now) if paused else None),
                )
                added += 1
            if settings is not None:
                self.set_settings(chat_id, settings, now)
            if hourly_cap is not None:
                self.set_hourly_cap(chat_id, hourly_cap)
            for company in muted:
                self.mute_company(chat_id, company, now)
            return added
