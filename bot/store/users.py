"""Users and their alerts; every change to either bumps `alerts_generation`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from bot.models import Alert
from bot.store.db import StoreBase, iso

USER_STATES = ("active", "paused", "stopped", "blocked")


@dataclass(frozen=True, slots=True)
class User:
    chat_id: int
    state: str
    username: str | None = None
    first_name: str | None = None


class UsersMixin(StoreBase):
    """The users and alerts tables: who is subscribed, and what they asked for."""

    def user(self, chat_id: int) -> User | None:
        row = self._one(
            "SELECT chat_id, state, username, first_name FROM users WHERE chat_id = ?", (chat_id,)
        )
        return User(*row) if row else None

    def subscribe(
        self,
        chat_id: int,
        now: datetime,
        username: str | None = None,
        first_name: str | None = None,
    ) -> bool:
        """Make the user active (new, paused, stopped or blocked alike); True when new."""
        self.alerts_generation += 1
        existed = self.user(chat_id) is not None
        self.db.execute(
            """INSERT INTO users (chat_id, username, first_name, state, created_at, updated_at)
               VALUES (?, ?, ?, 'active', ?, ?)
               ON CONFLICT (chat_id) DO UPDATE SET state = 'active', username = excluded.username,
                   first_name = excluded.first_name, updated_at = excluded.updated_at""",
            (chat_id, username, first_name, iso(now), iso(now)),
        )
        return not existed

    def set_user_state(self, chat_id: int, state: str, now: datetime) -> None:
        self.alerts_generation += 1
        if state not in USER_STATES:
            raise ValueError(f"unknown user state {state!r}")
        self.db.execute(
            "UPDATE users SET state = ?, updated_at = ? WHERE chat_id = ?",
            (state, iso(now), chat_id),
        )

    def forget_user(self, chat_id: int, now: datetime) -> None:
        """/stop: delete the user's alerts, deliveries, hidden jobs, mutes, follows, settings and profile;
        keep only 'stopped'."""
        self.alerts_generation += 1
        with self.transaction():
            self.db.execute("DELETE FROM deliveries WHERE chat_id = ?", (chat_id,))
            self.db.execute("DELETE FROM alerts WHERE chat_id = ?", (chat_id,))
            for table in ("hidden_jobs", "muted_companies", "follows"):  # their data
                self.db.execute(f"DELETE FROM {table} WHERE chat_id = ?", (chat_id,))
            self.db.execute(  # followed boards nobody follows any more are retired
                """UPDATE boards SET enabled = 0 WHERE origin = 'follow' AND enabled = 1
                   AND name NOT IN (SELECT board FROM follows)"""
            )
            self.db.execute(
                """UPDATE users SET state = 'stopped', username = NULL, first_name = NULL,
                       timezone = 'UTC', delivery_mode = 'instant', digest_at = 480,
                       digest_day = 0, quiet_start = NULL, quiet_end = NULL, hourly_cap = 20,
                       paused_at = NULL, updated_at = ? WHERE chat_id = ?""",
                (iso(now), chat_id),
            )

    def migrate_chat(self, old: int, new: int, now: datetime) -> None:
        """A group became a supergroup: carry its user row, alerts and outbox to the new id."""
        self.alerts_generation += 1
        with self.transaction():
            if self.user(new) is None:
                self.db.execute(
                    "UPDATE users SET chat_id = ?, updated_at = ? WHERE chat_id = ?",
                    (new, iso(now), old),
                )

    def add_alert(self, chat_id: int, query: str, now: datetime) -> Alert:
        self.alerts_generation += 1
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
        return [Alert(*r) for r in rows]

    def delete_alert(self, chat_id: int, alert_id: int) -> bool:
        self.alerts_generation += 1
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
        return [Alert(*r) for r in rows]

    def alert_sent_counts(self, chat_id: int, since: datetime) -> dict[int, int]:
        """For each of the user's alerts, how many jobs it brought that were sent since `since`."""
        counts: dict[int, int] = {}
        rows = self.db.execute(
            "SELECT alert_ids FROM deliveries WHERE chat_id = ? AND state = 'sent' AND sent_at >= ?",
            (chat_id, iso(since)),
        )
        for (ids,) in rows:
            for a in json.loads(ids):
                counts[a] = counts.get(a, 0) + 1
        return counts
