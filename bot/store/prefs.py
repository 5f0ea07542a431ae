"""What each user chose: delivery settings, paused alerts, hidden jobs and muted companies."""

from __future__ import annotations

from datetime import datetime

from bot.policy import DeliverySettings
from bot.store.db import StoreBase, iso


def company_key(company: str) -> str:
    """A company as muting compares it: case and spacing do not matter."""
    return " ".join(company.casefold().split())


class PrefsMixin(StoreBase):
    """Per-user choices. Muting, hiding and pausing bump `alerts_generation` (routing reads them)."""

    def settings(self, chat_id: int) -> DeliverySettings:
        row = self._one(
            """SELECT timezone, delivery_mode, digest_at, digest_day, quiet_start, quiet_end
               FROM users WHERE chat_id = ?""",
            (chat_id,),
        )
        if row is None:
            return DeliverySettings()
        quiet = (row[4], row[5]) if row[4] is not None and row[5] is not None else None
        return DeliverySettings(row[0], row[1], row[2], row[3], quiet)

    def set_settings(self, chat_id: int, settings: DeliverySettings, now: datetime) -> None:
        quiet = settings.quiet or (None, None)
        self.db.execute(
            """UPDATE users SET timezone = ?, delivery_mode = ?, digest_at = ?, digest_day = ?,
                   quiet_start = ?, quiet_end = ?, updated_at = ? WHERE chat_id = ?""",
            (settings.timezone, settings.mode, settings.digest_at, settings.digest_day, *quiet,
             iso(now), chat_id),
        )  # fmt: skip

    def hourly_cap(self, chat_id: int) -> int:
        row = self._one("SELECT hourly_cap FROM users WHERE chat_id = ?", (chat_id,))
        return int(row[0]) if row else 20

    def set_hourly_cap(self, chat_id: int, cap: int) -> None:
        self.db.execute("UPDATE users SET hourly_cap = ? WHERE chat_id = ?", (cap, chat_id))

    def set_alert_paused(self, chat_id: int, alert_id: int, when: datetime | None) -> bool:
        """Pause (`when`) or resume (None) one of the user's alerts; False if it isn't theirs."""
        self.alerts_generation += 1
        cur = self.db.execute(
            "UPDATE alerts SET paused_at = ? WHERE id = ? AND chat_id = ?",
            (iso(when), alert_id, chat_id),
        )
        return cur.rowcount == 1

    def paused_alert_ids(self, chat_id: int) -> set[int]:
        rows = self.db.execute(
            "SELECT id FROM alerts WHERE chat_id = ? AND paused_at IS NOT NULL", (chat_id,)
        )
        return {r[0] for r in rows}

    def hide_job(self, chat_id: int, job_key: str, now: datetime) -> None:
        self.alerts_generation += 1
        self.db.execute(
            "INSERT OR IGNORE INTO hidden_jobs (chat_id, job_key, created_at) VALUES (?, ?, ?)",
            (chat_id, job_key, iso(now)),
        )

    def unhide_job(self, chat_id: int, job_key: str) -> None:
        self.alerts_generation += 1
        self.db.execute(
            "DELETE FROM hidden_jobs WHERE chat_id = ? AND job_key = ?", (chat_id, job_key)
        )

    def hidden_jobs(self, chat_id: int) -> set[str]:
        rows = self.db.execute("SELECT job_key FROM hidden_jobs WHERE chat_id = ?", (chat_id,))
        return {r[0] for r in rows}

    def mute_company(self, chat_id: int, company: str, now: datetime) -> None:
        self.alerts_generation += 1
        self.db.execute(
            """INSERT OR IGNORE INTO muted_companies (chat_id, company_key, company, created_at)
               VALUES (?, ?, ?, ?)""",
            (chat_id, company_key(company), company.strip(), iso(now)),
        )

    def unmute_company(self, chat_id: int, company: str) -> bool:
        self.alerts_generation += 1
        cur = self.db.execute(
            "DELETE FROM muted_companies WHERE chat_id = ? AND company_key = ?",
            (chat_id, company_key(company)),
        )
        return cur.rowcount > 0

    def muted_companies(self, chat_id: int) -> list[str]:
        rows = self.db.execute(
            "SELECT company FROM muted_companies WHERE chat_id = ? ORDER BY created_at", (chat_id,)
        )
        return [r[0] for r in rows]
