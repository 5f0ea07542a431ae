"""The delivery outbox: enqueue once per chat and job, hand out what is due, claim, retry, end."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import repeat

from bot.models import Delivery
from bot.store.db import Table
from bot.store.outbox_rows import (
    ITEM_COLS,
    UNTIL_RESUME,
    OutboxItem,
    OutboxState,
    SentJob,
    id_list,
    items,
    mark_final,
)
from bot.store.stamps import from_iso, iso


class _Unclaimed(Exception):
    """Some of a summary's deliveries were no longer pending (the user left meanwhile)."""


# One delivery; its alert ids are given as what goes between the brackets of their JSON list.
_ENQUEUE = """INSERT OR IGNORE INTO deliveries (chat_id, posting_key, alert_ids, state,
                  next_attempt_at, created_at) VALUES (?, ?, '[' || ? || ']', 'pending', ?, ?)"""
_ENQUEUE_EDITED = """INSERT OR IGNORE INTO deliveries (chat_id, posting_key, alert_ids, state,
                  next_attempt_at, created_at, edit)
                  VALUES (?, ?, '[' || ? || ']', 'pending', ?, ?, ?)"""


class Outbox(Table):
    """The deliveries table: at most one row per chat and job."""

    def enqueue(self, deliveries: list[Delivery], now: datetime) -> int:
        """Add deliveries to the outbox; one per user and job whatever happens. Returns rows added."""
        before = self.db.conn.total_changes
        at = iso(now)
        self.db.executemany(
            _ENQUEUE,
            (
                (d.chat_id, d.posting_key, ", ".join(map(str, d.alert_ids)), at, at)
                for d in deliveries
            ),
        )
        return self.db.conn.total_changes - before

    def enqueue_users(
        self,
        posting_key: str,
        chats: list[int],
        alerts: Iterable[int | str],
        now: datetime,
        edit: str | None = None,
    ) -> int:
        """Add one job for each of `chats`, with that chat's alerts (`Routed.per_user`'s form:
        an id, or "7, 9"; '' for none), and the `edit` that queued it, if one did. Returns rows
        added; a chat that has the job already keeps its row. A burst writes about a million
        rows: every row's values are put together in C, with no Python call per row."""
        before = self.db.conn.total_changes
        at = iso(now)
        rows = zip(chats, repeat(posting_key), alerts, repeat(at), repeat(at))
        if edit is None:
            self.db.executemany(_ENQUEUE, rows)
        else:
            self.db.executemany(_ENQUEUE_EDITED, ((*row, edit) for row in rows))
        return self.db.conn.total_changes - before

    def reached_by_job(self, posting_key: str) -> list[int]:
        """The chats that have a delivery (in any state) of the job `posting_key` is one
        posting of, on any board: a copy reaches only the others."""
        rows = self.db.execute(
            """SELECT DISTINCT d.chat_id FROM postings c
               JOIN postings p ON p.job_key = c.job_key
               JOIN deliveries d ON d.posting_key = p.key
               WHERE c.key = ?""",
            (posting_key,),
        )
        return [r["chat_id"] for r in rows]

    def due(self, now: datetime, limit: int = 100, per_chat: int = 1000) -> list[OutboxItem]:
        """Pending deliveries whose time has come, to active users, oldest first; at most
        `per_chat` for one chat, so one busy chat cannot crowd the others out of a batch.
        Held deliveries (`held_until` set) wait for their summary instead (store.held)."""
        rows = self.db.execute(
            f"""SELECT {ITEM_COLS}
                FROM (SELECT d.*, row_number() OVER (
                          PARTITION BY d.chat_id ORDER BY d.next_attempt_at, d.id) AS rank
                      FROM deliveries d JOIN users u USING (chat_id)
                      WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND u.state = 'active'
                          AND d.held_until IS NULL
                     ) d JOIN postings p ON p.key = d.posting_key
                WHERE d.rank <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?""",
            (iso(now), per_chat, limit),
        ).fetchall()
        return items(self.db, rows)

    def next_due_at(self) -> datetime | None:
        """When the next pending delivery is due: its retry time, or for a held one the later
        of that and its summary time. Users' pauses end by command (which wakes the sender)."""
        row = self.db.one(
            """SELECT min(CASE WHEN d.held_until IS NULL THEN d.next_attempt_at
                               ELSE max(d.held_until, d.next_attempt_at) END) AS due
               FROM deliveries d JOIN users u USING (chat_id)
               WHERE d.state = 'pending' AND u.state = 'active'
                   AND (d.held_until IS NULL OR d.held_until < ?)""",
            (iso(UNTIL_RESUME),),
        )
        return from_iso(row["due"]) if row else None

    def cap_waits(self, latest: datetime) -> int:
        """Pending deliveries scheduled after `latest` (an absurd wait stored by an older version,
        or a wall clock set back) become due at `latest`. Returns how many."""
        cur = self.db.execute(
            "UPDATE deliveries SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?",
            (iso(latest), iso(latest)),
        )
        return cur.rowcount

    def mark_sending(self, ids: int | Iterable[int]) -> bool:
        """Claim pending deliveries (one, or a summary's) for sending, all or none; False when
        any is no longer pending."""
        ids = id_list(ids)
        sql = (
            "UPDATE deliveries SET state = 'sending', attempts = attempts + 1 "
            f"WHERE id IN ({','.join('?' * len(ids))}) AND state = 'pending'"
        )
        if len(ids) == 1:
            return self.db.execute(sql, ids).rowcount == 1
        try:
            with self.db.transaction():
                if self.db.execute(sql, ids).rowcount != len(ids):
                    raise _Unclaimed  # rolls the partial claim back
        except _Unclaimed:
            return False
        return True

    def mark_sent(
        self,
        ids: int | Iterable[int],
        now: datetime,
        message_id: int | None,
        queries: Sequence[str] | None = None,
    ) -> None:
        """Sent as message `message_id`; a job's own message keeps the `queries` it named."""
        ids = id_list(ids)
        named = json.dumps(list(queries), ensure_ascii=False) if queries is not None else None
        self.db.execute(
            "UPDATE deliveries SET state = 'sent', sent_at = ?, message_id = ?, last_error = NULL, "
            f"sent_queries = ? WHERE id IN ({','.join('?' * len(ids))})",
            (iso(now), message_id, named, *ids),
        )

    def mark_retry(
        self, ids: int | Iterable[int], when: datetime, error: str, *, count: bool = True
    ) -> None:
        """Back to pending, to try again at `when`; `count=False` gives the attempt back (429)."""
        ids = id_list(ids)
        self.db.execute(
            f"""UPDATE deliveries SET state = 'pending', next_attempt_at = ?, last_error = ?
                {", attempts = max(attempts - 1, 0)" if not count else ""}
                WHERE id IN ({",".join("?" * len(ids))})""",
            (iso(when), error, *ids),
        )

    def mark_final(self, ids: int | Iterable[int], state: str, error: str) -> None:
        """End deliveries as 'failed' or 'dropped', with the reason."""
        mark_final(self.db, ids, state, error)

    def drop_pending_for(self, chat_id: int, reason: str) -> None:
        self.db.execute(
            "UPDATE deliveries SET state = 'dropped', last_error = ? "
            "WHERE chat_id = ? AND state IN ('pending', 'sending')",
            (reason, chat_id),
        )

    def recover_in_doubt(self) -> int:
        """At start-up: deliveries left 'sending' by a crash go back to pending (at-least-once)."""
        cur = self.db.execute("UPDATE deliveries SET state = 'pending' WHERE state = 'sending'")
        return cur.rowcount

    def delivery_counts(self) -> dict[str, int]:
        rows = self.db.execute("SELECT state, count(*) AS n FROM deliveries GROUP BY state")
        return {r["state"]: r["n"] for r in rows}

    def sent_job(self, delivery_id: int) -> SentJob | None:
        row = self.db.one(
            """SELECT id, chat_id, posting_key, alert_ids, message_id, state, sent_queries,
                      created_at, edit
               FROM deliveries WHERE id = ?""",
            (delivery_id,),
        )
        if row is None:
            return None
        named = row["sent_queries"]
        return SentJob(
            row["id"], row["chat_id"], row["posting_key"], tuple(json.loads(row["alert_ids"])),
            row["message_id"], row["state"], tuple(json.loads(named)) if named else None,
            from_iso(row["created_at"]), row["edit"],
        )  # fmt: skip

    def outbox_state(self, chat_id: int, job_key: str) -> OutboxState | None:
        """The user's delivery of this job (through any of its postings), if there is one."""
        row = self.db.one(
            """SELECT d.state, d.sent_at, d.held_until, d.last_error, d.edit
               FROM deliveries d JOIN postings p ON p.key = d.posting_key
               WHERE d.chat_id = ? AND coalesce(p.job_key, p.key) = ?
               ORDER BY d.state = 'sent' DESC LIMIT 1""",
            (chat_id, job_key),
        )
        if row is None:
            return None
        return OutboxState(
            row["state"], from_iso(row["sent_at"]), from_iso(row["held_until"]),
            row["last_error"], row["edit"],
        )  # fmt: skip
