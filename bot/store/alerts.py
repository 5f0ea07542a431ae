"""Alerts: what each user asked for, paused or not; every change bumps `alerts_generation`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.models import Alert, AlertSpec
from bot.store.db import Table
from bot.store.stamps import from_iso, iso


@dataclass(frozen=True, slots=True)
class AlertRow:
    """One alert with when it was made and whether it is paused."""

    id: int
    query: str
    created_at: datetime
    paused_at: datetime | None
    delivery: str | None = None  # its own /digest ("daily 08:00"); None: the user's
    resume_at: datetime | None = None  # a pause for a time ends then (/pause 3 2w)
    edited_at: datetime | None = None  # its query last changed by /edit then


@dataclass(frozen=True, slots=True)
class ResumedAlert:
    """An alert whose pause for a time just ended."""

    chat_id: int
    id: int
    query: str


def _alert(row: sqlite3.Row) -> Alert:
    return Alert(id=row["id"], chat_id=row["chat_id"], query=row["query"])


class Alerts(Table):
    """The alerts table."""

    def add_alert(self, chat_id: int, query: str, now: datetime) -> Alert:
        self.db.alerts_generation += 1
        cur = self.db.execute(
            "INSERT INTO alerts (chat_id, query, created_at) VALUES (?, ?, ?)",
            (chat_id, query, iso(now)),
        )
        assert cur.lastrowid is not None
        return Alert(id=cur.lastrowid, chat_id=chat_id, query=query)

    def alerts(self, chat_id: int) -> list[Alert]:
        rows = self.db.execute(
            "SELECT id, chat_id, query FROM alerts WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
        return [_alert(r) for r in rows]

    def alert_rows(self, chat_id: int) -> list[AlertRow]:
        rows = self.db.execute(
            """SELECT id, query, created_at, paused_at, delivery, resume_at, edited_at FROM alerts
               WHERE chat_id = ? ORDER BY id""",
            (chat_id,),
        )
        return [
            AlertRow(
                r["id"], r["query"], from_iso(r["created_at"]), from_iso(r["paused_at"]),  # type: ignore[arg-type]
                r["delivery"], from_iso(r["resume_at"]), from_iso(r["edited_at"]),
            )
            for r in rows
        ]  # fmt: skip

    def set_alert_delivery(self, chat_id: int, alert_id: int, spec: str | None) -> bool:
        """Give one of the user's alerts its own delivery (`DeliverySettings.spec`), or None
        for the user's; False if it isn't theirs."""
        cur = self.db.execute(
            "UPDATE alerts SET delivery = ? WHERE id = ? AND chat_id = ?", (spec, alert_id, chat_id)
        )
        return cur.rowcount == 1

    def chats_with_own_delivery(self) -> set[int]:
        """The users with an alert that has its own delivery (few: the rest need no look)."""
        rows = self.db.execute("SELECT DISTINCT chat_id FROM alerts WHERE delivery IS NOT NULL")
        return {r["chat_id"] for r in rows}

    def delivery_specs(self, chat_id: int) -> dict[int, str | None]:
        """The user's alerts that are not paused, each with its own delivery (None: the
        user's): what decides when a job they matched goes."""
        rows = self.db.execute(
            "SELECT id, delivery FROM alerts WHERE chat_id = ? AND paused_at IS NULL", (chat_id,)
        )
        return {r["id"]: r["delivery"] for r in rows}

    def update_alert(self, chat_id: int, alert_id: int, query: str, now: datetime) -> bool:
        """Give one of the user's alerts a new query; it keeps its id and creation time, and
        notes when its query changed (`edited_at`)."""
        self.db.alerts_generation += 1
        cur = self.db.execute(
            """UPDATE alerts SET query = ?,
                   edited_at = CASE WHEN query = ? THEN edited_at ELSE ? END
               WHERE id = ? AND chat_id = ?""",
            (query, query, iso(now), alert_id, chat_id),
        )
        return cur.rowcount == 1

    def delete_alert(self, chat_id: int, alert_id: int) -> bool:
        self.db.alerts_generation += 1
        cur = self.db.execute(
            "DELETE FROM alerts WHERE chat_id = ? AND id = ?", (chat_id, alert_id)
        )
        return cur.rowcount > 0

    def active_alerts(self) -> list[Alert]:
        """Alerts of users who get notifications, now or (paused: held) on their resume."""
        rows = self.db.execute(
            """SELECT a.id, a.chat_id, a.query FROM alerts a JOIN users u USING (chat_id)
               WHERE u.state IN ('active', 'paused') ORDER BY a.id"""
        )
        return [_alert(r) for r in rows]

    def set_alert_paused(
        self, chat_id: int, alert_id: int, when: datetime | None, until: datetime | None = None
    ) -> bool:
        """Pause (`when`, until `until` or a resume) or resume (None) one of the user's
        alerts; False if it isn't theirs."""
        self.db.alerts_generation += 1
        cur = self.db.execute(
            "UPDATE alerts SET paused_at = ?, resume_at = ? WHERE id = ? AND chat_id = ?",
            (iso(when), iso(until) if when else None, alert_id, chat_id),
        )
        return cur.rowcount == 1

    def resume_due(self, now: datetime) -> list[ResumedAlert]:
        """Resume the alerts whose pause for a time is over; returns them. (A pause moved
        later meanwhile, by a /pause on another thread, is left alone.)"""
        rows = self.db.execute(
            """SELECT id, chat_id, query FROM alerts
               WHERE resume_at <= ? AND paused_at IS NOT NULL""",
            (iso(now),),
        ).fetchall()
        if not rows:
            return []
        self.db.alerts_generation += 1
        self.db.execute(
            """UPDATE alerts SET paused_at = NULL, resume_at = NULL
               WHERE id IN (SELECT value FROM json_each(?)) AND resume_at <= ?""",
            (json.dumps([r["id"] for r in rows]), iso(now)),
        )
        return [ResumedAlert(r["chat_id"], r["id"], r["query"]) for r in rows]

    def paused_alert_ids(self, chat_id: int) -> set[int]:
        rows = self.db.execute(
            "SELECT id FROM alerts WHERE chat_id = ? AND paused_at IS NOT NULL", (chat_id,)
        )
        return {r["id"] for r in rows}

    def alert_sent_counts(self, chat_id: int, since: datetime) -> dict[int, int]:
        """For each of the user's alerts, how many jobs it brought that were sent since `since`."""
        counts: dict[int, int] = {}
        rows = self.db.execute(
            "SELECT alert_ids FROM deliveries WHERE chat_id = ? AND state = 'sent' AND sent_at >= ?",
            (chat_id, iso(since)),
        )
        for row in rows:
            for a in json.loads(row["alert_ids"]):
                counts[a] = counts.get(a, 0) + 1
        return counts

    def import_alerts(self, chat_id: int, alerts: Sequence[AlertSpec], now: datetime) -> int:
        """Add the alerts the user lacks; returns how many were added."""
        self.db.alerts_generation += 1
        with self.db.transaction():
            rows = self.db.execute("SELECT query FROM alerts WHERE chat_id = ?", (chat_id,))
            have = {r["query"] for r in rows}
            added = 0
            for a in alerts:
                if a.query in have:
                    continue
                have.add(a.query)
                paused = a.paused and (a.paused_until is None or a.paused_until > now)
                self.db.execute(
                    """INSERT INTO alerts (chat_id, query, created_at, paused_at, delivery,
                                           resume_at)
                       VALUES (?, ?, ?, ?, ?, ?)""",
                    (
                        chat_id, a.query, iso(now), iso(now) if paused else None, a.delivery,
                        iso(a.paused_until) if paused else None,
                    ),
                )  # fmt: skip
                added += 1
            return added
