"""Access: invite codes and banned users. A user is let in once; the users row says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.db import Table
from bot.store.stamps import iso
from bot.store.users import Users


@dataclass(frozen=True, slots=True)
class Invite:
    code: str
    expires_at: datetime
    max_uses: int
    uses: int = 0


class Access(Table):
    """The invites and banned tables."""

    def add_invite(
        self, code: str, created_by: int, now: datetime, expires_at: datetime, max_uses: int
    ) -> Invite:
        self.db.execute(
            """INSERT INTO invites (code, created_by, created_at, expires_at, max_uses)
               VALUES (?, ?, ?, ?, ?)""",
            (code, created_by, iso(now), iso(expires_at), max_uses),
        )
        return Invite(code, expires_at, max_uses)

    def redeem(
        self,
        code: str,
        chat_id: int,
        now: datetime,
        username: str | None = None,
        first_name: str | None = None,
    ) -> bool:
        """Use one of the code's uses and subscribe the user, in one transaction; False (and
        nothing stored) when the code is unknown, expired or used up."""
        with self.db.transaction():
            used = self.db.execute(
                "UPDATE invites SET uses = uses + 1 WHERE code = ? AND uses < max_uses "
                "AND expires_at > ?",
                (code, iso(now)),
            ).rowcount
            if used:
                Users(self.db).subscribe(chat_id, now, username, first_name)
        return bool(used)

    def ban(self, user_id: int, by: int, now: datetime) -> bool:
        """Ban a user: no commands, no messages, nothing pending. True when newly banned."""
        with self.db.transaction():
            added = self.db.execute(
                "INSERT OR IGNORE INTO banned (user_id, banned_by, created_at) VALUES (?, ?, ?)",
                (user_id, by, iso(now)),
            ).rowcount
            self.db.alerts_generation += 1
            self.db.execute(
                "UPDATE users SET state = 'blocked', updated_at = ? WHERE chat_id = ?",
                (iso(now), user_id),
            )
            self.db.execute(
                "UPDATE deliveries SET state = 'dropped', last_error = 'banned' "
                "WHERE chat_id = ? AND state IN ('pending', 'sending')",
                (user_id,),
            )
        return bool(added)

    def unban(self, user_id: int) -> bool:
        """Lift a ban; the user comes back with /start. True when they were banned."""
        return bool(self.db.execute("DELETE FROM banned WHERE user_id = ?", (user_id,)).rowcount)

    def is_banned(self, *ids: int | None) -> bool:
        wanted = [i for i in ids if i is not None]
        if not wanted:
            return False
        sql = f"SELECT 1 FROM banned WHERE user_id IN ({','.join('?' * len(wanted))})"
        return self.db.one(sql, wanted) is not None
