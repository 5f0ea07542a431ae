"""Broadcast notices: one row per recipient, drained like the outbox (claim, send, record).
Also the bot's own notices to a few users (`tell`: a saved job closed, a pause over, a
followed board failing or back), which wait for the end of the user's quiet hours as their
jobs do (`due_notices`).

Not the deliveries table: every delivery there is a posting (a foreign key, one per chat and
job) run through the delivery policy (digests, quiet hours, mutes), none of which fits a notice
from the admins. The sender's pace and link are shared (see `bot.broadcast`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.policy import quiet_until
from bot.store.db import Db, Table
from bot.store.stamps import iso
from bot.store.users import Users

SAME_NOTICE = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class NoticeItem:
    """One notice due to one chat."""

    notice_id: int
    chat_id: int
    text: str
    attempts: int


class Notices(Table):
    """The notices and notice_deliveries tables."""

    def __init__(self, db: Db):
        super().__init__(db)
        self.users = Users(db)  # whose quiet hours hold the bot's own notices

    def broadcast(self, text: str, by: int, now: datetime) -> int | None:
        """Queue `text` for every active user, in one transaction; returns how many. None when
        the same admin queued the same text within `SAME_NOTICE`: an update Telegram handed
        over again after an outage (or a double send) must not broadcast twice."""
        with self.db.transaction():
            if self.db.one(
                "SELECT 1 FROM notices WHERE created_by = ? AND text = ? AND created_at >= ?",
                (by, text, iso(now - SAME_NOTICE)),
            ):
                return None
            cur = self.db.execute(
                "INSERT INTO notices (text, created_by, created_at) VALUES (?, ?, ?)",
                (text, by, iso(now)),
            )
            return self.db.execute(
                """INSERT INTO notice_deliveries (notice_id, chat_id, next_attempt_at)
                   SELECT ?, chat_id, ? FROM users WHERE state = 'active'""",
                (cur.lastrowid, iso(now)),
            ).rowcount

    def tell(self, chats: list[int], text: str, now: datetime) -> None:
        """Queue `text` for these chats alone: a notice of the bot's own (`created_by` 0),
        such as the end of a pause with nothing held."""
        with self.db.transaction():
            cur = self.db.execute(
                "INSERT INTO notices (text, created_by, created_at) VALUES (?, 0, ?)",
                (text, iso(now)),
            )
            self.db.executemany(
                """INSERT INTO notice_deliveries (notice_id, chat_id, next_attempt_at)
                   VALUES (?, ?, ?)""",
                [(cur.lastrowid, chat, iso(now)) for chat in chats],
            )

    def withdraw(self, chats: list[int], start: str) -> set[int]:
        """Take back the bot's own notices beginning with `start` still waiting for these chats
        (news made stale before it went out); returns the chats that had one."""
        gone = set()
        for chat in chats:
            if self.db.execute(
                """DELETE FROM notice_deliveries WHERE chat_id = ? AND state = 'pending'
                   AND notice_id IN (SELECT id FROM notices
                                      WHERE created_by = 0 AND substr(text, 1, ?) = ?)""",
                (chat, len(start), start),
            ).rowcount:
                gone.add(chat)
        return gone

    def due_notices(self, now: datetime, limit: int = 50) -> list[NoticeItem]:
        """Pending notices whose time has come, to users still active, oldest first. A notice
        of the bot's own to a user in their quiet hours is put off to the window's end, not
        returned: nothing is pushed in the window (an admin's broadcast goes)."""
        rows = self.db.execute(
            """SELECT n.notice_id, n.chat_id, t.text, n.attempts, t.created_by
               FROM notice_deliveries n
               JOIN notices t ON t.id = n.notice_id JOIN users u ON u.chat_id = n.chat_id
               WHERE n.state = 'pending' AND n.next_attempt_at <= ? AND u.state = 'active'
               ORDER BY n.next_attempt_at, n.notice_id, n.chat_id LIMIT ?""",
            (iso(now), limit),
        ).fetchall()
        due = []
        for r in rows:
            item = NoticeItem(r["notice_id"], r["chat_id"], r["text"], r["attempts"])
            quiet = r["created_by"] == 0 and quiet_until(self.users.settings(item.chat_id), now)
            if quiet:
                self._notice_state(item, "next_attempt_at = ?", (iso(quiet),))
            else:
                due.append(item)
        return due

    def next_notice_at(self) -> datetime | None:
        row = self.db.one(
            """SELECT min(n.next_attempt_at) AS due FROM notice_deliveries n
               JOIN users u ON u.chat_id = n.chat_id
               WHERE n.state = 'pending' AND u.state = 'active'"""
        )
        return datetime.fromisoformat(row["due"]) if row and row["due"] else None

    def _notice_state(self, item: NoticeItem, sql: str, params: tuple) -> int:
        return self.db.execute(
            f"UPDATE notice_deliveries SET {sql} WHERE notice_id = ? AND chat_id = ?",
            (*params, item.notice_id, item.chat_id),
        ).rowcount

    def claim_notice(self, item: NoticeItem) -> bool:
        """pending -> sending; False when someone else took it or it is no longer pending."""
        return bool(
            self.db.execute(
                """UPDATE notice_deliveries SET state = 'sending', attempts = attempts + 1
                   WHERE notice_id = ? AND chat_id = ? AND state = 'pending'""",
                (item.notice_id, item.chat_id),
            ).rowcount
        )

    def notice_sent(self, item: NoticeItem, now: datetime, message_id: int | None) -> None:
        self._notice_state(
            item, "state = 'sent', sent_at = ?, message_id = ?, last_error = NULL",
            (iso(now), message_id),
        )  # fmt: skip

    def notice_retry(self, item: NoticeItem, when: datetime, error: str, count: bool) -> None:
        attempts = "" if count else ", attempts = max(attempts - 1, 0)"
        self._notice_state(
            item, f"state = 'pending', next_attempt_at = ?, last_error = ?{attempts}",
            (iso(when), error),
        )  # fmt: skip

    def notice_failed(self, item: NoticeItem, error: str) -> None:
        self._notice_state(item, "state = 'failed', last_error = ?", (error,))

    def recover_notices(self) -> int:
        """At start-up: notices left 'sending' by a crash go back to pending."""
        return self.db.execute(
            "UPDATE notice_deliveries SET state = 'pending' WHERE state = 'sending'"
        ).rowcount

    def notice_counts(self, notice_id: int) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT state, count(*) AS n FROM notice_deliveries WHERE notice_id = ? GROUP BY state",
            (notice_id,),
        )
        return {r["state"]: r["n"] for r in rows}
