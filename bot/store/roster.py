"""The admins' view of who uses the bot (/users): each user with their state, alerts and the
jobs sent to them lately, and the head counts. Reads only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.store.db import Table
from bot.store.stamps import from_iso, iso

_MEMBERS = """
    SELECT u.chat_id, u.username, u.first_name, u.state, u.created_at, u.resume_at,
           (SELECT count(*) FROM alerts a WHERE a.chat_id = u.chat_id) AS alerts,
           (SELECT count(*) FROM alerts a
             WHERE a.chat_id = u.chat_id AND a.paused_at IS NOT NULL) AS alerts_paused,
           (SELECT count(*) FROM deliveries d
             WHERE d.chat_id = u.chat_id AND d.state = 'sent' AND d.sent_at >= ?) AS sent,
           (SELECT max(d.sent_at) FROM deliveries d
             WHERE d.chat_id = u.chat_id AND d.state = 'sent') AS last_sent,
           EXISTS (SELECT 1 FROM banned b WHERE b.user_id = u.chat_id) AS banned
      FROM users u
     WHERE ? = '' OR u.chat_id = ? OR instr(lower(coalesce(u.first_name, '')), ?) > 0
           OR instr(lower(coalesce(u.username, '')), ?) > 0
     ORDER BY u.created_at DESC, u.chat_id DESC
     LIMIT ?
"""


@dataclass(frozen=True, slots=True)
class Member:
    """One user as /users lists them; `sent` counts the jobs sent since the time asked."""

    chat_id: int
    username: str | None
    first_name: str | None
    state: str
    joined: datetime
    resume_at: datetime | None
    alerts: int
    alerts_paused: int
    sent: int
    last_sent: datetime | None
    banned: bool


@dataclass(frozen=True, slots=True)
class Headcount:
    """Users by state ('banned' for a banned user, whatever their row says), and the ids
    banned before they ever used the bot."""

    states: dict[str, int]
    banned_strangers: int

    @property
    def users(self) -> int:
        return sum(self.states.values())


class Roster(Table):
    """Reads over users, alerts, deliveries and bans for the admins."""

    def members(self, find: str, since: datetime, limit: int) -> list[Member]:
        """The newest `limit` users, those whose id is `find` or whose name or username has it
        (any case) when `find` is given."""
        needle = find.strip().lstrip("@").lower()
        number = int(needle) if re.fullmatch(r"-?[0-9]{1,18}", needle) else None  # an int64
        rows = self.db.execute(_MEMBERS, (iso(since), needle, number, needle, needle, limit))
        return [
            Member(
                chat_id=r["chat_id"],
                username=r["username"],
                first_name=r["first_name"],
                state=r["state"],
                joined=datetime.fromisoformat(r["created_at"]),
                resume_at=from_iso(r["resume_at"]),
                alerts=r["alerts"],
                alerts_paused=r["alerts_paused"],
                sent=r["sent"],
                last_sent=from_iso(r["last_sent"]),
                banned=bool(r["banned"]),
            )
            for r in rows
        ]

    def headcount(self) -> Headcount:
        rows = self.db.execute(
            """SELECT CASE WHEN b.user_id IS NULL THEN u.state ELSE 'banned' END AS state,
                      count(*) AS n
                 FROM users u LEFT JOIN banned b ON b.user_id = u.chat_id GROUP BY 1"""
        )
        strangers = self.db.execute(
            "SELECT count(*) FROM banned WHERE user_id NOT IN (SELECT chat_id FROM users)"
        ).fetchone()[0]
        return Headcount({r["state"]: r["n"] for r in rows}, strangers)
