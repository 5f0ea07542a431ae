"""Access: invite codes and banned users. A user is let in once; the users row says so (and
which code let them in: `users.invite`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.db import Table
from bot.store.stamps import from_iso, iso
from bot.store.users import User, Users


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
                self.db.execute("UPDATE users SET invite = ? WHERE chat_id = ?", (code, chat_id))
        return bool(used)

    def live_invites(self, now: datetime) -> list[Invite]:
        """The codes that still let someone in, the newest first."""
        rows = self.db.execute(
            """SELECT code, expires_at, max_uses, uses FROM invites
               WHERE uses < max_uses AND expires_at > ? ORDER BY created_at DESC, code""",
            (iso(now),),
        ).fetchall()
        return [
            Invite(r["code"], from_iso(r["expires_at"]) or now, r["max_uses"], r["uses"])
            for r in rows
        ]

    def joined_with(self, code: str) -> list[User]:
        """Who got in with `code`, in the order they joined."""
        rows = self.db.execute(
            "SELECT chat_id FROM users WHERE invite = ? ORDER BY created_at, chat_id", (code,)
        ).fetchall()
        users = Users(self.db)
        return [u for r in rows if (u := users.user(r["chat_id"])) is not None]

    def revoke(self, prefix: str, now: datetime) -> list[str]:
        """End the live code that starts with `prefix` (the log names a code by its first four
        characters) at once; the live codes it could be (none, or more than one: none ended)."""
        live = [i.code for i in self.live_invites(now) if i.code.startswith(prefix)]
        if len(live) == 1:  # expired now: nobody more gets in, and retention prunes it
            self.db.execute("UPDATE invites SET expires_at = ? WHERE code = ?", (iso(now), live[0]))
        return live

    def ban(self, user_id: int, by: int, now: datetime) -> bool:
        """Ban a user: no commands, no messages, nothing pending. True when newly banned. A
        user who had sent /stop stays 'stopped' (an /unban then subscribes nobody); a paused
        one keeps their pause time, which `Users.unblock` reads."""
        with self.db.transaction():
            added = self.db.execute(
                "INSERT OR IGNORE INTO banned (user_id, banned_by, created_at) VALUES (?, ?, ?)",
                (user_id, by, iso(now)),
            ).rowcount
            self.db.alerts_generation += 1
            self.db.execute(
                """UPDATE users SET state = 'blocked', updated_at = ?
                   WHERE chat_id = ? AND state != 'stopped'""",
                (iso(now), user_id),
            )
            self.db.execute(
                "UPDATE deliveries SET state = 'dropped', last_error = 'banned' "
                "WHERE chat_id = ? AND state IN ('pending', 'sending')",
                (user_id,),
            )
        return bool(added)

    def unban(self, user_id: int, now: datetime) -> bool:
        """Lift a ban and put the user back as they were before it: active, or paused when
        they were (`Users.unblock`). True when they were banned."""
        with self.db.transaction():
            lifted = self.db.execute("DELETE FROM banned WHERE user_id = ?", (user_id,)).rowcount
            if lifted:
                Users(self.db).unblock(user_id, now)
        return bool(lifted)

    def is_banned(self, *ids: int | None) -> bool:
        wanted = [i for i in ids if i is not None]
        if not wanted:
            return False
        sql = f"SELECT 1 FROM banned WHERE user_id IN ({','.join('?' * len(wanted))})"
        return self.db.one(sql, wanted) is not None
