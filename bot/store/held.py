"""Held deliveries: jobs that wait for a digest, the end of quiet hours or of an hour over the
cap, or for a resume; they live in the outbox (pending, `held_until` set), so a restart loses
nothing, and a summary marks them sent together."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.store.db import Table
from bot.store.outbox_rows import ITEM_COLS, UNTIL_RESUME, OutboxItem, items, mark_final
from bot.store.stamps import from_iso, iso

# A delivery whose user follows its posting's board for every new job. `d`: the deliveries row.
_FOLLOWED = """EXISTS (SELECT 1 FROM postings p JOIN follows f ON f.board = p.board
                       WHERE p.key = d.posting_key AND f.chat_id = d.chat_id AND f.all_jobs = 1)"""
# A delivery whose alerts (those still there) are all paused, and no follow of every new job
# of its company asks for it: it waits for a resume.
_ALERTS_PAUSED = f"""EXISTS (SELECT 1 FROM json_each(d.alert_ids) j JOIN alerts a ON a.id = j.value
                            WHERE a.paused_at IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM json_each(d.alert_ids) j JOIN alerts a ON a.id = j.value
                    WHERE a.paused_at IS NULL)
    AND NOT {_FOLLOWED}"""
RESUME_KEEP = timedelta(days=7)  # a resume summarises what matched in this time; older is dropped
# ... except at the end of a pause for a time (/pause 2w, at most this long): all of it
TIMED_PAUSE_KEEP = timedelta(days=90)


@dataclass(frozen=True, slots=True)
class Waiting:
    """A pending delivery as holding times it: its alerts, and whether its user follows its
    company for every new job (`followed`: a reason of its own to send it)."""

    id: int
    alert_ids: tuple[int, ...]
    followed: bool


class Held(Table):
    """Holding, releasing and reading held deliveries (rows of the outbox, `held_until` set)."""

    def hold_paused(self) -> int:
        """Deliveries of paused users, or whose alerts are all paused, wait for the resume.
        Reads first: the sender calls this every few seconds, and a write would wait on
        another process's write lock (a read does not, in WAL mode)."""
        ids = self._ids(
            f"""SELECT d.id FROM deliveries d
                WHERE d.state = 'pending' AND d.held_until IS NULL
                    AND ((SELECT state FROM users u WHERE u.chat_id = d.chat_id) = 'paused'
                         OR ({_ALERTS_PAUSED}))"""
        )
        return self._set_held(ids, UNTIL_RESUME)

    def release_resumed(
        self, now: datetime, chat_id: int | None = None, keep: timedelta = RESUME_KEEP
    ) -> tuple[int, int]:
        """Deliveries held for a pause that is over (user active, an alert of theirs active)
        are due for a summary now; those older than `keep` are dropped. Returns (released,
        dropped)."""
        rows = self.db.execute(
            f"""SELECT d.id, d.created_at < ? AS old FROM deliveries d
                WHERE d.state = 'pending' AND d.held_until = ?
                    AND (SELECT state FROM users u WHERE u.chat_id = d.chat_id) = 'active'
                    AND NOT ({_ALERTS_PAUSED}) AND (? IS NULL OR d.chat_id = ?)""",
            (iso(now - keep), iso(UNTIL_RESUME), chat_id, chat_id),
        ).fetchall()
        old = [r["id"] for r in rows if r["old"]]
        if old:
            mark_final(self.db, old, "dropped", f"held over {keep.days} days while paused")
        return self._set_held([r["id"] for r in rows if not r["old"]], now), len(old)

    def waiting(self, chats: list[int]) -> set[int]:
        """Those of `chats` that have a delivery pending, held or not."""
        rows = self.db.execute(
            """SELECT DISTINCT chat_id FROM deliveries WHERE state = 'pending'
               AND chat_id IN (SELECT value FROM json_each(?))""",
            (json.dumps(chats),),
        )
        return {r["chat_id"] for r in rows}

    def _ids(self, sql: str, params: tuple = ()) -> list[int]:
        return [r["id"] for r in self.db.execute(sql, params)]

    def _set_held(
        self, ids: list[int], until: datetime, only: str = "TRUE", *params: str | None
    ) -> int:
        if not ids:
            return 0
        return self.db.execute(
            f"""UPDATE deliveries SET held_until = ?
                WHERE id IN (SELECT value FROM json_each(?)) AND state = 'pending' AND {only}""",
            (iso(until), json.dumps(ids), *params),
        ).rowcount

    def _waiting(self, where: str, params: tuple) -> list[Waiting]:
        rows = self.db.execute(
            f"""SELECT d.id, d.alert_ids, {_FOLLOWED} AS followed FROM deliveries d
                WHERE d.state = 'pending' AND {where}""",
            params,
        )
        return [
            Waiting(r["id"], tuple(json.loads(r["alert_ids"])), bool(r["followed"])) for r in rows
        ]

    def unheld(self, chat_id: int) -> list[Waiting]:
        """The chat's pending deliveries not yet held."""
        return self._waiting("d.chat_id = ? AND d.held_until IS NULL", (chat_id,))

    def held_for_time(self, chat_id: int) -> list[Waiting]:
        """The chat's deliveries held for a time (a digest, quiet hours, the cap; not for a
        resume)."""
        return self._waiting("d.chat_id = ? AND d.held_until < ?", (chat_id, iso(UNTIL_RESUME)))

    def all_jobs_boards(self, chat_id: int) -> set[str]:
        """The boards the chat follows for every new job: their jobs go by the user's own way."""
        rows = self.db.execute(
            "SELECT board FROM follows WHERE chat_id = ? AND all_jobs = 1", (chat_id,)
        )
        return {r["board"] for r in rows}

    def hold(self, until: dict[datetime, list[int]]) -> int:
        """Deliveries not yet held wait for a summary, each at its time."""
        return sum(self._set_held(ids, when, "held_until IS NULL") for when, ids in until.items())

    def retime(self, until: dict[datetime, list[int]]) -> int:
        """Deliveries held for a time go at a new one, each at its time (not those held for a
        resume)."""
        return sum(
            self._set_held(ids, when, "held_until < ?", iso(UNTIL_RESUME))
            for when, ids in until.items()
        )

    def held_count(self, chat_id: int) -> tuple[int, datetime | None]:
        """How many deliveries the chat holds, and the earliest time one is due (None: only
        for a resume)."""
        row = self.db.one(
            """SELECT count(*) AS n, min(CASE WHEN held_until < ? THEN held_until END) AS due
               FROM deliveries WHERE chat_id = ? AND state = 'pending'
                   AND held_until IS NOT NULL""",
            (iso(UNTIL_RESUME), chat_id),
        )
        assert row is not None
        return row["n"], from_iso(row["due"])

    def instant_sends(self, chat_id: int, since: datetime, limit: int) -> list[datetime]:
        """When the chat's latest instant messages (not summaries) since `since` went, newest
        first, at most `limit`: the hourly cap counts them."""
        rows = self.db.execute(
            """SELECT sent_at FROM deliveries
               WHERE chat_id = ? AND state = 'sent' AND held_until IS NULL AND sent_at >= ?
               ORDER BY sent_at DESC LIMIT ?""",
            (chat_id, iso(since), limit),
        )
        return [datetime.fromisoformat(r["sent_at"]) for r in rows]

    def held_due(self, now: datetime, chats: int = 100) -> dict[int, list[OutboxItem]]:
        """Held deliveries whose summary is due, of active users, by chat (at most `chats`)."""
        due = """d.state = 'pending' AND d.held_until <= ? AND d.next_attempt_at <= ?
                 AND u.state = 'active'"""
        rows = self.db.execute(
            f"""SELECT {ITEM_COLS} FROM deliveries d
                JOIN users u USING (chat_id) JOIN postings p ON p.key = d.posting_key
                WHERE {due} AND d.chat_id IN (
                    SELECT DISTINCT d.chat_id FROM deliveries d JOIN users u USING (chat_id)
                    WHERE {due} LIMIT ?)
                ORDER BY d.chat_id, d.created_at, d.id""",
            (iso(now), iso(now), iso(now), iso(now), chats),
        ).fetchall()
        by_chat: dict[int, list[OutboxItem]] = {}
        for item in items(self.db, rows):
            by_chat.setdefault(item.chat_id, []).append(item)
        return by_chat
