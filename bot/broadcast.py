"""Drains admins' broadcasts (`bot.store.notices`) at Telegram's pace, through outages.

It shares the sender's `Pacer` (one overall rate for everything the bot sends) and `Link`
(when Telegram is down or refuses the token, one probe at a time, and its answers count for
both). A notice row is claimed just before its request and marked sent as soon as Telegram took
it, as the outbox is: a crash can only resend the few in flight, and nothing is given up but on
a permanent answer about the chat (blocked, gone, message rejected).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.backoff import retry_delay
from bot.config import DeliveryConfig
from bot.errors import (
    ChatBlocked,
    ChatMigrated,
    MessageRejected,
    RateLimited,
    SendError,
    TokenRejected,
)
from bot.link import Link
from bot.models import OutgoingMessage
from bot.pacing import Pacer
from bot.store import Db, Notices, Outbox, Users, utcnow
from bot.store.db import storage_problem
from bot.store.notices import NoticeItem
from bot.transport import Transport

log = logging.getLogger(__name__)
IDLE = 60.0  # seconds between looks at the queue when nothing is due (a /broadcast wakes it)


@dataclass(frozen=True, slots=True)
class BroadcastStores:
    """What broadcasting uses: the notices queue, the users a refusal blocks, the outbox
    whose pending deliveries a blocked chat loses, and their database."""

    db: Db
    notices: Notices
    users: Users
    outbox: Outbox


class Broadcaster:
    """Sends queued notices, `delivery.concurrency` at a time, until stopped."""

    def __init__(
        self,
        store: BroadcastStores,
        transport: Transport,
        pacer: Pacer,
        link: Link,
        delivery: DeliveryConfig = DeliveryConfig(),
        clock: Callable[[], datetime] = utcnow,
    ):
        self.store, self.transport, self.pacer, self.link = store, transport, pacer, link
        self.config, self.clock = delivery, clock
        self.sent = 0
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """A broadcast was queued: look now."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        if n := self.store.notices.recover_notices():
            log.info("%d broadcast messages were in flight at the last stop; sending again", n)
        while not stop.is_set():
            try:
                rest = await self.step()
            except sqlite3.Error as exc:  # the queue waits; nothing is lost
                log.warning("broadcast paused: %s", storage_problem(self.store.db.path or "", exc))
                rest = 5.0
            self._wake.clear()
            if rest > 0:
                with contextlib.suppress(TimeoutError):
                    waits = {asyncio.ensure_future(e.wait()) for e in (self._wake, stop)}
                    try:
                        await asyncio.wait(waits, timeout=rest, return_when="FIRST_COMPLETED")
                    finally:
                        for w in waits:
                            w.cancel()

    async def step(self) -> float:
        """Send one batch of due notices; returns how long to rest before the next look."""
        loop = asyncio.get_running_loop()
        room = self.config.concurrency
        if not self.link.up:  # one probe at a time, when the link's backoff allows
            if wait := self.link.probe_in(loop.time()):
                return wait
            room = 1
        items = self.store.notices.due_notices(self.clock(), room)
        if not items:
            nxt = self.store.notices.next_notice_at()
            return IDLE if nxt is None else max((nxt - self.clock()).total_seconds(), 0.01)
        claimed = [i for i in items if self.store.notices.claim_notice(i)]
        await asyncio.gather(*(self._send(i) for i in claimed))
        return 0.0

    async def _send(self, item: NoticeItem) -> None:
        loop = asyncio.get_running_loop()
        message = OutgoingMessage(html=html.escape(item.text, quote=False), plain=item.text)
        await self.pacer.wait(loop)
        try:
            send = self.transport.send(item.chat_id, message)
            msg_id = await asyncio.wait_for(send, self.config.send_timeout)
        except TokenRejected as exc:
            self.link.token_rejected(str(exc), loop.time())
            self.store.notices.notice_retry(item, self.clock(), f"paused: {exc}", count=False)
        except RateLimited as exc:
            self.link.answered()
            later = self.clock() + timedelta(seconds=exc.retry_after)
            self.store.notices.notice_retry(
                item, later, f"429: retry after {exc.retry_after:g}s", False
            )
        except ChatBlocked as exc:
            self.link.answered()
            self.store.notices.notice_failed(item, f"blocked: {exc}")
            self.store.users.set_user_state(item.chat_id, "blocked", self.clock())
            self.store.outbox.drop_pending_for(item.chat_id, f"blocked: {exc}")
        except (SendError, TimeoutError) as exc:
            self._failed(item, exc, loop.time())
        else:
            self.link.answered()
            self.sent += 1
            self.store.notices.notice_sent(item, self.clock(), msg_id)

    def _failed(self, item: NoticeItem, exc: SendError | TimeoutError, loop_now: float) -> None:
        """No answer (network, 5xx, timeout): back off and try again, however long it takes;
        an answer that rejects the message (400) ends it."""
        if isinstance(exc, MessageRejected | ChatMigrated):
            self.link.answered()
            self.store.notices.notice_failed(item, f"rejected: {exc}")
            log.warning("broadcast to chat %d rejected: %s", item.chat_id, exc)
            return
        error = str(exc) or type(exc).__name__
        self.link.failed(error, loop_now)
        delay = retry_delay(item.attempts + 1, self.config.retry_base)
        self.store.notices.notice_retry(item, self.clock() + timedelta(seconds=delay), error, True)
