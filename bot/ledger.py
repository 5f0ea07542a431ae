"""Retry bookkeeping for the sender: what each send's result means for its deliveries.

Sent: marked at once, or, when the database cannot say so then, as soon as it can (never sent
twice). Not sent: a rejected token pauses the link; a failure without an answer (network, 5xx,
timeout) retries with capped backoff for as long as it takes; a 429 makes that chat wait; only a
permanent answer about the chat (blocked, migrated, message rejected) ends or moves a delivery.
What the admins should hear is reported as typed events (bot/events.py).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from bot.backoff import MAX_BACKOFF, retry_delay
from bot.config import DeliveryConfig
from bot.errors import SendError
from bot.events import DeliveryFailing, DeliveryRejected, Event
from bot.holding import Sendable
from bot.link import Link
from bot.pacing import ChatLimits
from bot.store import Outbox, Users
from bot.store.db import storage_problem
from bot.verdict import Reading, Verdict, read

log = logging.getLogger(__name__)
Ids = int | tuple[int, ...]


def failure_kind(exc: BaseException) -> tuple[str, str, int]:
    """What makes two failures the same: the exception's type and where it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = (frames[-1].filename, frames[-1].lineno or 0) if frames else ("", 0)
    return (type(exc).__qualname__, *where)


class Ledger:
    """Records send results in the outbox and keeps the link's and the chats' state in step."""

    def __init__(
        self,
        outbox: Outbox,
        users: Users,
        link: Link,
        limits: ChatLimits,
        config: DeliveryConfig,
        clock: Callable[[], datetime],
        on_event: Callable[[Event], None],
    ):
        self.outbox, self.users = outbox, users  # the deliveries, and the chats they go to
        self.link, self.limits = link, limits
        self.config, self.clock, self.on_event = config, clock, on_event
        self._told: set[int] = set()  # chats the admins heard are failing, until one succeeds
        # sent, not yet marked: ids, when, message id, the queries a job's message named
        self._unrecorded: list[tuple[Ids, datetime, int | None, Sequence[str] | None]] = []
        self._stranded: list[tuple[Ids, str]] = []  # not sent, not yet put back to pending
        self._bugs: set[tuple[str, str, int]] = set()  # kinds of failing send already logged
        self._storage_down = False

    def record_unrecorded(self) -> None:
        """Mark sent what went while the database could not say so, and put back to pending
        what failed then (raises while it still can't)."""
        while self._unrecorded:
            self.outbox.mark_sent(*self._unrecorded[0])
            self._unrecorded.pop(0)
        while self._stranded:
            ids, error = self._stranded[0]
            self.outbox.mark_retry(ids, self.clock(), error)
            self._stranded.pop(0)

    def storage_ok(self) -> None:
        """The sender read and wrote the outbox again: a later failure is a new spell."""
        if self._storage_down:
            log.warning("delivery resumed: the database takes reads and writes again")
        self._storage_down = False

    def storage_failed(self, exc: sqlite3.Error) -> None:
        """One line per spell of database trouble, never a traceback a second."""
        if not self._storage_down:
            log.error(
                "delivery paused: %s", storage_problem(self.outbox.db.path or "(memory)", exc)
            )
        self._storage_down = True

    def sent(self, ids: Ids, msg_id: int | None, queries: Sequence[str] | None = None) -> None:
        """Telegram took it: the link is up, and the message is marked sent (a job's message
        with the `queries` it named as matched)."""
        self._link_said(self.link.answered())
        try:
            self.outbox.mark_sent(ids, self.clock(), msg_id, queries)
        except sqlite3.Error as exc:  # recorded as soon as the database can: never sent twice
            self._unrecorded.append((ids, self.clock(), msg_id, queries))
            self.storage_failed(exc)

    def chat_ok(self, chat_id: int) -> None:
        """A chat got its message: the admins hear again if it fails again."""
        self._told.discard(chat_id)

    def not_sent(self, item: Sendable, exc: SendError | TimeoutError) -> None:
        """Record why a send did not go through; only a permanent answer about the chat ends it.
        When the database cannot say so now, the delivery goes back to pending once it can."""
        try:
            self._not_sent(item, exc)
        except sqlite3.Error as db_exc:
            self._stranded.append(
                (item.ids, "timed out" if isinstance(exc, TimeoutError) else str(exc))
            )
            self.storage_failed(db_exc)

    def broken(self, item: Sendable, exc: Exception) -> None:
        """A send failed on a bug (ours or the transport's), not on an answer from Telegram:
        its traceback is logged once per kind of failure; the delivery waits its backoff and
        goes again, counted like any failed try, and the link is not blamed."""
        kind = failure_kind(exc)
        if kind not in self._bugs:
            self._bugs.add(kind)
            log.error(
                "delivery %d to chat %d failed on a bug; it is retried with backoff, and this "
                "failure is not logged again",
                item.id, item.chat_id, exc_info=exc,
            )  # fmt: skip
        error = f"{type(exc).__name__}: {exc}"
        try:
            self._backoff(item, error)
        except sqlite3.Error as db_exc:
            self._stranded.append((item.ids, error))
            self.storage_failed(db_exc)

    def _not_sent(self, item: Sendable, exc: SendError | TimeoutError) -> None:
        said = read(exc)
        if said.verdict is Verdict.PAUSE:
            self.link.token_rejected(said.error, asyncio.get_running_loop().time())
            self.outbox.mark_retry(item.ids, self.clock(), f"paused: {said.error}", count=False)
        elif said.verdict is Verdict.RETRY:
            self._retry(item, said.error)
        else:  # Telegram is there; the answer is about this chat
            self._link_said(self.link.answered())
            self._answered(item, said)

    def _answered(self, item: Sendable, said: Reading) -> None:
        if said.verdict is Verdict.WAIT:
            self._rate_limited(item, said.retry_after)
        elif said.verdict is Verdict.BLOCKED:
            self.users.set_user_state(item.chat_id, "blocked", self.clock())
            self.outbox.drop_pending_for(item.chat_id, f"blocked: {said.error}")
            log.info(
                "chat %d blocked the bot or is gone (%s); it gets nothing more",
                item.chat_id, said.error,
            )  # fmt: skip
        elif said.verdict is Verdict.MIGRATED:
            self.users.migrate_chat(item.chat_id, said.new_chat_id, self.clock())
            self.outbox.mark_retry(item.ids, self.clock(), said.error, count=False)
            log.info("chat %d became supergroup %d; following it", item.chat_id, said.new_chat_id)
        else:
            self.outbox.mark_final(item.ids, "failed", f"rejected: {said.error}")
            log.warning("delivery %d to chat %d rejected: %s", item.id, item.chat_id, said.error)
            self.on_event(DeliveryRejected(item.chat_id, said.error))

    def _rate_limited(self, item: Sendable, retry_after: float) -> None:
        """429: that chat waits (at most an hour), the others flow; see ChatLimits."""
        wait = self.limits.limited(item.chat_id, retry_after, asyncio.get_running_loop().time())
        self.outbox.mark_retry(
            item.ids,
            self.clock() + timedelta(seconds=wait),
            f"429: retry after {wait:g}s",
            count=False,
        )
        log.info("Telegram asked to wait %gs (chat %d)", wait, item.chat_id)

    def _retry(self, item: Sendable, error: str) -> None:
        """A failure without an answer (5xx, network, timeout): never the end of a delivery."""
        attempts = item.attempts + 1
        self._link_said(self.link.failed(error, asyncio.get_running_loop().time()))
        if not self.link.up:  # Telegram is down: the message keeps its place, the link probes
            self.outbox.mark_retry(item.ids, self.clock(), error)
            return
        self._backoff(item, error)
        if attempts == 1:
            log.warning(
                "delivery %d to chat %d failed (%s); retrying with backoff",
                item.id, item.chat_id, error,
            )  # fmt: skip

    def _backoff(self, item: Sendable, error: str) -> None:
        """Try the delivery again after its backoff; the admins hear when it keeps failing."""
        attempts = item.attempts + 1
        delay = retry_delay(attempts, self.config.retry_base)
        self.outbox.mark_retry(item.ids, self.clock() + timedelta(seconds=delay), error)
        if attempts >= self.config.max_attempts and item.chat_id not in self._told:
            self._told.add(item.chat_id)
            self.on_event(DeliveryFailing(item.chat_id, attempts, error, MAX_BACKOFF))

    def _link_said(self, event: Event | None) -> None:
        if event is not None:
            self.on_event(event)
