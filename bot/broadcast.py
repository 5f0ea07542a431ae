"""Drains admins' broadcasts (`bot.store.notices`) at Telegram's pace, through outages.

It shares the sender's `Pacer` (one overall rate for everything the bot sends), its
`ChatLimits` (a chat gets one message at a time, spaced, whichever of the two sends it, and a
429 holds both) and `Link` (when Telegram is down or refuses the token, one probe at a time, and
its answers count for both). A notice row is claimed just before its request and marked sent as
soon as Telegram took it, as the outbox is: a crash can only resend the few in flight, and
nothing is given up but on a permanent answer about the chat (blocked, gone, message rejected).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.backoff import retry_delay
from bot.config import DeliveryConfig
from bot.errors import SendError
from bot.link import Link
from bot.models import OutgoingMessage
from bot.pacing import ChatLimits, Pacer
from bot.store import Db, Notices, Outbox, Users, utcnow
from bot.store.db import storage_problem
from bot.store.notices import NoticeItem
from bot.transport import Transport
from bot.verdict import Reading, Verdict, read

log = logging.getLogger(__name__)
IDLE = 60.0  # seconds between looks at the queue when nothing is due (a /broadcast wakes it)
NEAR = 3.0  # a notice whose chat may get a message within this many seconds waits for it


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
        limits: ChatLimits,
        link: Link,
        delivery: DeliveryConfig = DeliveryConfig(),
        clock: Callable[[], datetime] = utcnow,
    ):
        self.store, self.transport, self.pacer, self.link = store, transport, pacer, link
        self.limits = limits
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
        await asyncio.gather(*(self._send(i) for i in self._near(claimed, loop.time())))
        return 0.0

    def _near(self, items: list[NoticeItem], now: float) -> list[NoticeItem]:
        """The claimed notices whose chat may get a message soon; the others (a 429's wait)
        go back to the queue until then, so one limited chat holds up no other's notice."""
        near = []
        for item in items:
            wait = self.limits.ready_at(item.chat_id, now) - now
            if wait <= NEAR:
                near.append(item)
            else:
                later = self.clock() + timedelta(seconds=wait)
                self.store.notices.notice_retry(item, later, "waiting for the chat's limit", False)
        return near

    async def _send(self, item: NoticeItem) -> None:
        loop = asyncio.get_running_loop()
        message = OutgoingMessage(html=html.escape(item.text, quote=False), plain=item.text)
        chat = item.chat_id
        while (wait := self.limits.ready_at(chat, loop.time()) - loop.time()) > 0:
            if not self._near([item], loop.time()):  # a 429 came for the chat meanwhile
                return
            await asyncio.sleep(wait)
        self.limits.begin(chat)
        try:
            await self.pacer.wait(loop)
            send = self.transport.send(chat, message)
            msg_id = await asyncio.wait_for(send, self.config.send_timeout)
        except (SendError, TimeoutError) as exc:
            self._not_sent(item, read(exc), loop.time())
        else:
            self.link.answered()
            self.sent += 1
            self.store.notices.notice_sent(item, self.clock(), msg_id)
        finally:
            self.limits.finished(chat, loop.time())

    def _not_sent(self, item: NoticeItem, said: Reading, loop_now: float) -> None:
        """Only a permanent answer about the chat (blocked, message rejected) ends a notice;
        a group that became a supergroup gets it there; anything else tries again later."""
        notices, now = self.store.notices, self.clock()
        if said.verdict.answered:
            self.link.answered()
        if said.verdict is Verdict.PAUSE:
            self.link.token_rejected(said.error, loop_now)
            notices.notice_retry(item, now, f"paused: {said.error}", count=False)
        elif said.verdict is Verdict.WAIT:
            self.limits.limited(item.chat_id, said.retry_after, loop_now)
            later = now + timedelta(seconds=said.retry_after)
            notices.notice_retry(item, later, f"429: retry after {said.retry_after:g}s", False)
        elif said.verdict is Verdict.BLOCKED:
            notices.notice_failed(item, f"blocked: {said.error}")
            self.store.users.set_user_state(item.chat_id, "blocked", now)
            self.store.outbox.drop_pending_for(item.chat_id, f"blocked: {said.error}")
        elif said.verdict is Verdict.MIGRATED:  # the user's row takes its notices along
            self.store.users.migrate_chat(item.chat_id, said.new_chat_id, now)
            moved = replace(item, chat_id=said.new_chat_id)
            notices.notice_retry(moved, now, said.error, count=False)
        elif said.verdict is Verdict.REJECTED:
            notices.notice_failed(item, f"rejected: {said.error}")
            log.warning("broadcast to chat %d rejected: %s", item.chat_id, said.error)
        else:  # no answer (network, 5xx, timeout): back off, however long it takes
            self.link.failed(said.error, loop_now)
            delay = retry_delay(item.attempts + 1, self.config.retry_base)
            notices.notice_retry(item, now + timedelta(seconds=delay), said.error, True)
