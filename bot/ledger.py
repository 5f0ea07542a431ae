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
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.backoff import MAX_BACKOFF, retry_delay
from bot.config import DeliveryConfig
from bot.errors import (
    ChatBlocked,
    ChatMigrated,
    MessageRejected,
    RateLimited,
    SendError,
    TokenRejected,
)
from bot.events import DeliveryFailing, DeliveryRejected, Event
from bot.holding import Sendable
from bot.link import Link
from bot.pacing import ChatLimits
from bot.store import Outbox, Users
from bot.store.db import storage_problem

log = logging.getLogger(__name__)
Ids = int | tuple[int, ...]


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
        self._unrecorded: list[tuple[Ids, datetime, int | None]] = []  # sent, not yet marked
        self._storage_down = False

    def record_unrecorded(self) -> None:
        """Mark sent what went while the database could not say so (raises while it still can't)."""
        while self._unrecorded:
            self.outbox.mark_sent(*self._unrecorded[0])
            self._unrecorded.pop(0)
        self._storage_down = False

    def storage_failed(self, exc: sqlite3.Error) -> None:
        """One line per spell of database trouble, never a traceback a second."""
        if not self._storage_down:
            log.error(
                "delivery paused: %s", storage_problem(self.outbox.db.path or "(memory)", exc)
            )
        self._storage_down = True

    def sent(self, ids: Ids, msg_id: int | None) -> None:
        """Telegram took it: the link is up, and the message is marked sent."""
        self._link_said(self.link.answered())
        try:
            self.outbox.mark_sent(ids, self.clock(), msg_id)
        except sqlite3.Error as exc:  # recorded as soon as the database can: never sent twice
            self._unrecorded.append((ids, self.clock(), msg_id))
            self.storage_failed(exc)

    def chat_ok(self, chat_id: int) -> None:
        """A chat got its message: the admins hear again if it fails again."""
        self._told.discard(chat_id)

    def not_sent(self, item: Sendable, exc: SendError | TimeoutError) -> None:
        """Record why a send did not go through; only a permanent answer about the chat ends it."""
        if isinstance(exc, TokenRejected):
            self.link.token_rejected(str(exc), asyncio.get_running_loop().time())
            self.outbox.mark_retry(item.ids, self.clock(), f"paused: {exc}", count=False)
        elif not isinstance(exc, RateLimited | ChatBlocked | ChatMigrated | MessageRejected):
            self._retry(item, "timed out" if isinstance(exc, TimeoutError) else str(exc))
        else:
            self._link_said(
                self.link.answered()
            )  # Telegram is there; the answer is about this chat
            self._answered(item, exc)

    def _answered(
        self, item: Sendable, exc: RateLimited | ChatBlocked | ChatMigrated | MessageRejected
    ) -> None:
        if isinstance(exc, RateLimited):
            self._rate_limited(item, exc.retry_after)
        elif isinstance(exc, ChatBlocked):
            self.users.set_user_state(item.chat_id, "blocked", self.clock())
            self.outbox.drop_pending_for(item.chat_id, f"blocked: {exc}")
            log.info(
                "chat %d blocked the bot or is gone (%s); it gets nothing more", item.chat_id, exc
            )
        elif isinstance(exc, ChatMigrated):
            self.users.migrate_chat(item.chat_id, exc.new_chat_id, self.clock())
            self.outbox.mark_retry(item.ids, self.clock(), str(exc), count=False)
            log.info("chat %d became supergroup %d; following it", item.chat_id, exc.new_chat_id)
        else:
            self.outbox.mark_final(item.ids, "failed", f"rejected: {exc}")
            log.warning("delivery %d to chat %d rejected: %s", item.id, item.chat_id, exc)
            self.on_event(DeliveryRejected(item.chat_id, str(exc)))

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
        delay = retry_delay(attempts, self.config.retry_base)
        self.outbox.mark_retry(item.ids, self.clock() + timedelta(seconds=delay), error)
        if attempts == 1:
            log.warning(
                "delivery %d to chat %d failed (%s); retrying with backoff",
                item.id, item.chat_id, error,
            )  # fmt: skip
        if attempts >= self.config.max_attempts and item.chat_id not in self._told:
            self._told.add(item.chat_id)
            self.on_event(DeliveryFailing(item.chat_id, attempts, error, MAX_BACKOFF))

    def _link_said(self, event: Event | None) -> None:
        if event is not None:
            self.on_event(event)
