"""Drains the outbox at Telegram's pace: renders each due delivery, sends it, records the result.

A delivery is claimed (`sending`) just before its request and marked `sent` as soon as Telegram
accepted it, so a crash can only re-send the messages that were in flight: at most
`concurrency`. Limits (configurable): `messages_per_second` overall, one message per
`per_chat_interval` to a private chat, `group_messages` per `group_window` to a group, each kept
with a small margin. A chat has at most one message in flight and its next one is spaced from
the previous one's completion, so latency never squeezes two together, and a slow or failing
chat never holds up the others.

Like a mail server's queue, nothing is given up because Telegram or the network is down: a
failed send backs off (capped at 15 minutes) for as long as it takes, and when Telegram as a whole
fails or refuses the token, `Link` lets one probe through at a time until it answers again. Only
a permanent answer about a chat (blocked, chat not found, message rejected) ends a delivery.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta

from bot import logs
from bot.backoff import MAX_RETRY_AFTER
from bot.compose import compose
from bot.config import DeliveryConfig
from bot.errors import BadMarkup, SendError
from bot.events import NotSent, OnEvent, Sent, ignore
from bot.holding import DeliveryStores, Holding, Sendable, Summary
from bot.ledger import Ledger
from bot.link import Link
from bot.models import OutgoingMessage
from bot.pacing import ChatLimits, Pacer
from bot.store import OutboxItem, utcnow
from bot.transport import Transport

log = logging.getLogger(__name__)


class Sender:
    """Sends pending deliveries: `holding` says what is due (the delivery policy), `_pacer` and
    `_limits` when it may go (Telegram's limits), `ledger` what each result means (retry
    bookkeeping). `on_event` hears every send (`Sent`, `NotSent`: metrics, the event log) and
    what the admins should: a delivery that ended unsent or keeps failing for one chat,
    Telegram being down or back (bot/events.py)."""

    def __init__(
        self,
        store: DeliveryStores,
        transport: Transport,
        delivery: DeliveryConfig = DeliveryConfig(),
        clock: Callable[[], datetime] = utcnow,
        on_event: OnEvent = ignore,
        link: Link | None = None,
    ):
        self.store = store
        self.transport = transport
        self.config = delivery
        self.clock = clock
        self.link = link or Link(clock, delivery.retry_base, delivery.max_attempts)
        self.sent = 0
        self._pacer = Pacer(delivery.messages_per_second)
        self._limits = ChatLimits(delivery, self._pacer, clock)
        self.on_event = on_event
        self.ledger = Ledger(
            store.outbox, store.users, self.link, self._limits, delivery, clock, on_event
        )
        self.holding = Holding(store, clock)  # the delivery policy: instant, held, summaries
        self._wake = asyncio.Event()
        self._queue: dict[int, Sendable] = {}  # chat -> its next due delivery, from the store
        self._fetched_at = float("-inf")
        self._refresh = True  # new deliveries were enqueued: read the outbox again
        self._finished = False  # a send finished: its chat may have another one due
        self._inflight: dict[int, asyncio.Task] = {}  # chat -> its one send in flight

    @property
    def pacer(self) -> Pacer:
        """The overall rate every message of the bot keeps (broadcasts share it)."""
        return self._pacer

    @property
    def limits(self) -> ChatLimits:
        """When each chat may get its next message (broadcasts share it)."""
        return self._limits

    @property
    def paused(self) -> str | None:
        """Why ALL sending is paused (Telegram rejected the bot token), or None while sending.

        For health checks; `link.status` has the whole picture (up / down / paused, since when,
        failed tries in a row). While paused nothing is marked failed: it all waits."""
        status = self.link.status
        return status.reason if status.state == "paused" else None

    def wake(self) -> None:
        """New deliveries are waiting: read the outbox now rather than at the next tick."""
        self._refresh = True
        self._wake.set()

    async def run(self, stop: asyncio.Event, grace: float = 7.0) -> None:
        """Send until `stop` is set; then let in-flight sends finish (at most `grace` seconds)."""
        stopped = asyncio.ensure_future(stop.wait())
        self._cap_waits()
        try:
            while not stop.is_set():
                try:
                    rest = self._dispatch()
                    self.ledger.storage_ok()
                except sqlite3.Error as exc:  # disk full, locked: the outbox waits, nothing lost
                    self.ledger.storage_failed(exc)
                    rest = 5.0
                self._wake.clear()
                woke = asyncio.ensure_future(self._wake.wait())
                await asyncio.wait(
                    {woke, stopped}, timeout=rest, return_when=asyncio.FIRST_COMPLETED
                )
                woke.cancel()
        finally:
            stopped.cancel()
            await self._settle(grace)

    async def drain(self, timeout: float = 60.0) -> int:
        """Send everything that falls due within `timeout` (retries included) and wait for it:
        for `jobbot poll` and tests."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        before = self.sent
        self._refresh = True
        self._cap_waits()
        while loop.time() < deadline:
            rest = self._dispatch()
            idle = not self._queue or not self.link.up  # down: the queue waits for the probe
            if not self._inflight and idle and not self._refresh:
                wait = self._next_work_in(loop.time())
                if wait is None or wait > deadline - loop.time():
                    break
            self._wake.clear()
            await asyncio.wait({asyncio.ensure_future(self._wake.wait())}, timeout=rest)
        await self._settle(max(deadline - loop.time(), 0.0))
        return self.sent - before

    def _next_work_in(self, now: float) -> float | None:
        """Seconds until something may be sent (None: nothing is pending)."""
        nxt = self.store.outbox.next_due_at()
        if nxt is None:
            return None
        return max((nxt - self.clock()).total_seconds(), self.link.probe_in(now))

    def _cap_waits(self) -> None:
        """No stored wait may run past the ceiling, whoever stored it."""
        latest = self.clock() + timedelta(seconds=MAX_RETRY_AFTER)
        if capped := self.store.outbox.cap_waits(latest):
            log.warning("%d deliveries were set to wait past %s; they are due then", capped, latest)

    async def _settle(self, grace: float) -> None:
        tasks = list(self._inflight.values())
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=grace)
            for task in pending:  # left 'sending': resent after a restart (the in-doubt window)
                task.cancel()

    def _dispatch(self) -> float:
        """Start a send for every chat that may get one now; returns how long to rest."""
        self.ledger.record_unrecorded()  # sent, but the database could not say so then
        loop = asyncio.get_running_loop()
        now = loop.time()
        stale = now - self._fetched_at
        # A finished chat's next message waits per_chat_interval anyway: no need to look sooner.
        settle = min(self.config.per_chat_interval / 2, 0.5)
        waiting = not self.link.up and self.link.probe_in(now) > 0  # nothing may go till the probe
        looked = stale > 2.0 or (stale > settle and (self._finished or not self._queue))
        if self._refresh or (looked and not waiting):
            items = self.holding.due(busy=self._inflight)
            self._queue = {i.chat_id: i for i in items if i.chat_id not in self._inflight}
            self._fetched_at, self._refresh, self._finished = now, False, False
        room = self._room(now)
        for chat, item in list(self._queue.items()):
            if len(self._inflight) >= room:
                break
            if self._limits.ready_at(chat, now) <= now:
                del self._queue[chat]
                if self.store.outbox.mark_sending(item.ids):
                    self._start(item, loop)
        times = [self._limits.ready_at(c, now) for c in self._queue]
        if not self.link.up:
            times.append(now + self.link.probe_in(now))
        if self._finished:
            times.append(self._fetched_at + settle)
        if not self._queue:
            nxt = self.store.outbox.next_due_at()
            if nxt is not None:
                times.append(now + (nxt - self.clock()).total_seconds())
        return min(max(min(times, default=now + 2.0) - now, 0.01), 2.0)

    def _room(self, now: float) -> int:
        """How many sends may be in flight: `concurrency`; while Telegram is down or refuses the
        token, one probe at a time, when its backoff has passed (not every queued message)."""
        if self.link.up:
            return self.config.concurrency
        return 1 if self.link.probe_in(now) <= 0 else 0

    def _start(self, item: Sendable, loop: asyncio.AbstractEventLoop) -> None:
        send = self._deliver(item) if isinstance(item, OutboxItem) else self._summarise(item)
        self._limits.begin(item.chat_id)
        task = loop.create_task(send)
        self._inflight[item.chat_id] = task
        chat = item.chat_id
        task.add_done_callback(lambda _t: self._done(chat, loop))

    def _done(self, chat_id: int, loop: asyncio.AbstractEventLoop) -> None:
        self._inflight.pop(chat_id, None)
        self._limits.finished(chat_id, loop.time())
        self._finished = True
        self._wake.set()

    async def _send(
        self, item: Sendable, message: OutgoingMessage, plain: bool = False
    ) -> int | None:
        await self._pacer.wait(asyncio.get_running_loop())
        return await asyncio.wait_for(
            self.transport.send(item.chat_id, message, plain=plain), self.config.send_timeout
        )

    async def _deliver(self, item: OutboxItem) -> None:
        """Send one job; a failure that is no answer from the chat side is a bug: `_broken`."""
        logs.bind(chat=item.chat_id, job=item.posting.key, board=item.posting.board)
        try:
            await self._deliver_one(item)
        except Exception as exc:  # not a SendError: ours or the transport's bug
            self._broken(item, exc)

    async def _deliver_one(self, item: OutboxItem) -> None:
        message = compose(self.store, item, self.clock())
        if message is None:  # turned away since it was queued
            return None
        try:
            try:
                msg_id = await self._send(item, message)
            except BadMarkup as exc:
                log.warning(
                    "delivery %d: Telegram refused the HTML (%s); sending plain text", item.id, exc
                )
                msg_id = await self._send(item, message, plain=True)
        except (SendError, TimeoutError) as exc:
            return self._not_sent(item, exc)
        self.sent += 1
        self.on_event(
            Sent(item.chat_id, item.ids, self.clock(), item.posting.key, item.posting.board)
        )
        self.ledger.sent(item.id, msg_id, item.alert_queries)
        self.ledger.chat_ok(item.chat_id)
        return None

    async def _summarise(self, summary: Summary) -> None:
        """Send a summary's parts in order, spaced as the chat's limit asks, each recorded sent
        as soon as it went; when one fails, it and the rest wait as any delivery would."""
        logs.bind(chat=summary.chat_id)
        loop = asyncio.get_running_loop()
        for n, part in enumerate(summary.parts):
            if n:
                self._limits.spaced(summary.chat_id, loop.time())
                await asyncio.sleep(
                    self._limits.ready_at(summary.chat_id, loop.time()) - loop.time()
                )
            try:
                try:
                    msg_id = await self._send(summary, part.message)
                except BadMarkup:
                    msg_id = await self._send(summary, part.message, plain=True)
            except (SendError, TimeoutError) as exc:
                return self._not_sent(summary.rest(n), exc)
            except Exception as exc:  # ours or the transport's bug; the parts sent stay sent
                return self._broken(summary.rest(n), exc)
            self.sent += 1
            self.on_event(Sent(summary.chat_id, part.ids, self.clock()))
            self.ledger.sent(part.ids, msg_id)
        self.ledger.chat_ok(summary.chat_id)
        return None

    def _not_sent(self, item: Sendable, exc: SendError | TimeoutError) -> None:
        self._refresh = True  # its chat, or all of them, may have something else due now
        posting = item.posting if isinstance(item, OutboxItem) else None
        key, board = (posting.key, posting.board) if posting else (None, None)
        self.on_event(NotSent(item.chat_id, item.ids, exc, key, board))
        self.ledger.not_sent(item, exc)

    def _broken(self, item: Sendable, exc: Exception) -> None:
        """A send failed on a bug, not on an answer: the ledger logs it once per kind and
        retries the delivery after its backoff."""
        self._refresh = True
        self.ledger.broken(item, exc)
