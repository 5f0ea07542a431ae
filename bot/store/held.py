"""Held deliveries: jobs that wait for a digest, the end of quiet hours or of an hour over the
cap, or for a resume; they live in the outbox (pending, `held_until` set), so a restart loses
nothing, and a summary marks them sent together."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.store.db import iso
from bot.store.outbox import _ITEM_COLS, UNTIL_RESUME, OutboxItem, OutboxMixin

# A delivery whose alerts (those still there) are all paused. `d` is the deliveries row.
_ALERTS_PAUSED = """EXISTS (SELECT 1 FROM json_each(d.alert_ids) j JOIN alerts a ON a.id = j.value
                            WHERE a.paused_at IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM json_each(d.alert_ids) j JOIN alerts a ON a.id = j.value
                    WHERE a.paused_at IS NULL)"""
RESUME_KEEP = timedelta(days=7)  # a resume summarises what matched in this time; older is dropped


class HeldMixin(OutboxMixin):
    """Holding, releasing and reading held deliveries."""

    def hold_paused(self) -> int:
        """Deliveries of paused users, or whose alerts are all paused, wait for the resume."""
        cur = self.db.execute(
            f"""UPDATE deliveries AS d SET held_until = ?
                WHERE d.state = 'pending' AND d.held_until IS NULL
                    AND ((SELECT state FROM users u WHERE u.chat_id = d.chat_id) = 'paused'
                         OR ({_ALERTS_PAUSED}))""",
            (iso(UNTIL_RESUME),),
        )
        return cur.rowcount

    def release_resumed(self, now: datetime, chat_id: int | None = None) -> tuple[int, int]:
        """Deliveries held for a pause that is over (user active, an alert of theirs active)
        are due for a summary now; those older than RESUME_KEEP are dropped. Returns
        (released, dropped)."""
        where = f"""d.state = 'pending' AND d.held_until = ?
            AND (SELECT state FROM users u WHERE u.chat_id = d.chat_id) = 'active'
            AND NOT ({_ALERTS_PAUSED}) {"AND d.chat_id = ?" if chat_id is not None else ""}"""
        args = (iso(UNTIL_RESUME), *(() if chat_id is None else (chat_id,)))
        with self.transaction():
            dropped = self.db.execute(
                f"""UPDATE deliveries AS d SET state = 'dropped', last_error = ?
                    WHERE {where} AND d.created_at < ?""",
                (f"held over {RESUME_KEEP.days} days while paused", *args, iso(now - RESUME_KEEP)),
            ).rowcount
            released = self.db.execute(
                f"UPDATE deliveries AS d SET held_until = ? WHERE {where}", (iso(now), *args)
            ).rowcount
        return released, dropped

    def hold_chat(self, chat_id: int, until: datetime) -> int:
        """Every pending, not yet held delivery of the chat waits for a summary at `until`."""
        cur = self.db.execute(
            """UPDATE deliveries SET held_until = ?
               WHERE chat_id = ? AND state = 'pending' AND held_until IS NULL""",
            (iso(until), chat_id),
        )
        return cur.rowcount

    def retime_held(self, chat_id: int, until: datetime) -> int:
        """The chat's settings changed: what it holds for a time (not for a resume) goes at
        `until` instead, so that a mode switch loses nothing and keeps nothing back."""
        cur = self.db.execute(
            """UPDATE deliveries SET held_until = ?
               WHERE chat_id = ? AND state = 'pending' AND held_until < ?""",
            (iso(until), chat_id, iso(UNTIL_RESUME)),
        )
        return cur.rowcount

    def held_count(self, chat_id: int) -> tuple[int, datetime | None]:
        """How many deliveries the chat holds, and the earliest time one is due (None: only
        for a resume)."""
        row = self._one(
            """SELECT count(*), min(CASE WHEN held_until < ? THEN held_until END)
               FROM deliveries WHERE chat_id = ? AND state = 'pending'
                   AND held_until IS NOT NULL""",
            (iso(UNTIL_RESUME), chat_id),
        )
        assert row is not None
        return row[0], datetime.fromisoformat(row[1]) if row[1] else None

    def instant_sends(self, chat_id: int, since: datetime, limit: int) -> list[datetime]:
        """When the chat's latest instant messages (not summaries) since `since` went, newest
        first, at most `limit`: the hourly cap counts them."""
        rows = self.db.execute(
            """SELECT sent_at FROM deliveries
               WHERE chat_id = ? AND state = 'sent' AND held_until IS NULL AND sent_at >= ?
               ORDER BY sent_at DESC LIMIT ?""",
            (chat_id, iso(since), limit),
        )
        return [datetime.fromisoformat(r[0]) for r in rows]

    def held_due(self, now: datetime, chats: int = 100) -> dict[int, list[OutboxItem]]:
        """Held deliveries whose summary is due, of active users, by chat (at most `chats`)."""
        due = """d.state = 'pending' AND d.held_until <= ? AND d.next_attempt_at <= ?
                 AND u.state = 'active'"""
        rows = self.db.execute(
            f"""SELECT {_ITEM_COLS} FROM deliveries d
                JOIN users u USING (chat_id) JOIN postings p ON p.key = d.posting_key
                WHERE {due} AND d.chat_id IN (
                    SELECT DISTINCT d.chat_id FROM deliveries d JOIN users u USING (chat_id)
                    WHERE {due} LIMIT ?)
                ORDER BY d.chat_id, d.created_at, d.id""",
            (iso(now), iso(now), iso(now), iso(now), chats),
        ).fetchall()
        by_chat: dict[int, list[OutboxItem]] = {}
        for item in self._items(rows):
            by_chat.setdefault(item.chat_id, []).append(item)
        return by_chat
