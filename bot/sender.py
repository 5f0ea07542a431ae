"""Drains the outbox at Telegram's pace: renders each due delivery, sends it, records the result.

A delivery is claimed (`sending`) just before its request and marked `sent` as soon as Telegram
accepted it, so a crash can only re-send the messages that were in flight: at most
`concurrency`. Limits (configurable): `messages_per_second` overall, one message per
`per_chat_interval` to a private chat, `group_messages` per `group_window` to a group, each kept
with a small margin. A chat has at most one message in flight and its next one is spaced from
the previous one's completion, so latency never squeezes two together, and a slow or failing
chat never holds up the others.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta

from bot import render
from bot.config import DeliveryConfig
from bot.errors import (
    BadMarkup,
    ChatBlocked,
    ChatMigrated,
    MessageRejected,
    RateLimited,
    SendError,
)
from bot.models import OutgoingMessage
from bot.store import OutboxItem, Store, utcnow
from bot.telegram.transport import Transport

log = logging.getLogger(__name__)
MARGIN = 1.05  # stay this much under the per-chat and group limits
# ... and this much under the overall rate: at Telegram's 30 per second that leaves ~60 ms for
# requests to bunch up on the way without ever breaking the limit.
GLOBAL_MARGIN = 1.06


def retry_delay(attempts: int, base: float = 5.0) -> float:
    """Exponential backoff with jitter for transient failures: ~5s, 10s, 20s ... capped at 1h."""
    return min(base * 2 ** max(attempts - 1, 0), 3600.0) * random.uniform(0.8, 1.2)


class Pacer:
    """Lets callers through one at a time, at least `interval` apart, in arrival order.

    The grid is kept through small sleep overshoots, but a caller that comes late (after an idle
    spell or a stall) starts a new grid rather than firing a burst to catch up."""

    def __init__(self, rate: float):
        self.interval = GLOBAL_MARGIN / rate
        self._next = 0.0
        self._lock = asyncio.Lock()

    def hold_until(self, when: float) -> None:
        """Nothing passes before loop time `when` (a global 429)."""
        self._next = max(self._next, when)

    async def wait(self, loop: asyncio.AbstractEventLoop) -> None:
        async with self._lock:
            while (delay := self._next - loop.time()) > 0:
                await asyncio.sleep(delay)
            now = loop.time()
            late = now - self._next
            self._next = (self._next if late < self.interval else now) + self.interval


class Sender:
    """Sends pending deliveries; `on_failed(text)` hears of deliveries given up on."""

    def __init__(
        self,
        store: Store,
        transport: Transport,
        delivery: DeliveryConfig = DeliveryConfig(),
        clock: Callable[[], datetime] = utcnow,
        on_failed: Callable[[str], None] = lambda text: None,
    ):
        self.store = store
        self.transport = transport
        self.config = delivery
        self.clock = clock
        self.on_failed = on_failed
        self.sent = 0
        self._pacer = Pacer(delivery.messages_per_second)
        self._wake = asyncio.Event()
        self._queue: dict[int, OutboxItem] = {}  # chat -> its next due delivery, from the store
        self._fetched_at = float("-inf")
        self._refresh = True  # new deliveries were enqueued: read the outbox again
        self._finished = False  # a send finished: its chat may have another one due
        self._ready: dict[int, float] = {}  # chat -> loop time it may get its next message
        self._groups: dict[int, deque[float]] = {}
        self._limited: deque[tuple[float, int]] = deque()  # (429 wait ends, chat), oldest first
        self._inflight: dict[int, asyncio.Task] = {}  # chat -> its one send in flight

    def wake(self) -> None:
        """New deliveries are waiting: read the outbox now rather than at the next tick."""
        self._refresh = True
        self._wake.set()

    async def run(self, stop: asyncio.Event, grace: float = 7.0) -> None:
        """Send until `stop` is set; then let in-flight sends finish (at most `grace` seconds)."""
        stopped = asyncio.ensure_future(stop.wait())
        try:
            while not stop.is_set():
                try:
                    rest = self._dispatch()
                except Exception:
                    log.exception("delivery loop error; retrying shortly")
                    rest = 1.0
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
        while loop.time() < deadline:
            rest = self._dispatch()
            if not self._inflight and not self._queue and not self._refresh:
                nxt = self.store.next_due_at()
                if nxt is None or (nxt - self.clock()).total_seconds() > deadline - loop.time():
                    break
            self._wake.clear()
            await asyncio.wait({asyncio.ensure_future(self._wake.wait())}, timeout=rest)
        await self._settle(max(deadline - loop.time(), 0.0))
        return self.sent - before

    async def _settle(self, grace: float) -> None:
        tasks = list(self._inflight.values())
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=grace)
            for task in pending:  # left 'sending': resent after a restart (the in-doubt window)
                task.cancel()

    def _dispatch(self) -> float:
        """Start a send for every chat that may get one now; returns how long to rest."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        stale = now - self._fetched_at
        # A finished chat's next message waits per_chat_interval anyway: no need to look sooner.
        settle = min(self.config.per_chat_interval / 2, 0.5)
        if self._refresh or stale > 2.0 or (stale > settle and (self._finished or not self._queue)):
            items = self.store.due(self.clock(), limit=500, per_chat=1)
            self._queue = {i.chat_id: i for i in items if i.chat_id not in self._inflight}
            self._fetched_at, self._refresh, self._finished = now, False, False
        for chat, item in list(self._queue.items()):
            if len(self._inflight) >= self.config.concurrency:
                break
            if self._chat_ready(chat) <= now:
                del self._queue[chat]
                if self.store.mark_sending(item.id):
                    self._start(item, loop)
        times = [self._chat_ready(c) for c in self._queue]
        if self._finished:
            times.append(self._fetched_at + settle)
        if not self._queue:
            nxt = self.store.next_due_at()
            if nxt is not None:
                times.append(now + (nxt - self.clock()).total_seconds())
        return min(max(min(times, default=now + 2.0) - now, 0.01), 2.0)

    def _chat_ready(self, chat_id: int) -> float:
        ready = self._ready.get(chat_id, 0.0)
        window = self._groups.get(chat_id)
        if chat_id < 0 and window and len(window) >= self.config.group_messages:
            ready = max(ready, window[0] + self.config.group_window * MARGIN)
        return ready

    def _start(self, item: OutboxItem, loop: asyncio.AbstractEventLoop) -> None:
        task = loop.create_task(self._deliver(item))
        self._inflight[item.chat_id] = task
        task.add_done_callback(lambda _t, chat=item.chat_id: self._done(chat, loop))

    def _done(self, chat_id: int, loop: asyncio.AbstractEventLoop) -> None:
        """Space the chat's next message from this one's completion, which is after Telegram
        received it, so request latency can never squeeze two messages too close."""
        now = loop.time()
        self._inflight.pop(chat_id, None)
        ready = now + self.config.per_chat_interval * MARGIN
        self._ready[chat_id] = max(self._ready.get(chat_id, 0.0), ready)
        if chat_id < 0:
            window = self._groups.setdefault(chat_id, deque())
            window.append(now)
            while len(window) > self.config.group_messages:
                window.popleft()
        self._finished = True
        self._wake.set()

    async def _send(
        self, item: OutboxItem, message: OutgoingMessage, plain: bool = False
    ) -> int | None:
        await self._pacer.wait(asyncio.get_running_loop())
        return await asyncio.wait_for(
            self.transport.send(item.chat_id, message, plain=plain), self.config.send_timeout
        )

    async def _deliver(self, item: OutboxItem) -> None:
        also = self.store.also_on(item.posting.key)
        message = render.notification(item.posting, item.alert_queries, self.clock(), also)
        attempts = item.attempts + 1
        try:
            try:
                msg_id = await self._send(item, message)
            except BadMarkup as exc:
                log.warning(
                    "delivery %d: Telegram refused the HTML (%s); sending plain text", item.id, exc
                )
                msg_id = await self._send(item, message, plain=True)
        except TimeoutError:
            return self._retry(item, attempts, "timed out")
        except RateLimited as exc:
            return self._rate_limited(item, exc.retry_after)
        except ChatBlocked as exc:
            self.store.set_user_state(item.chat_id, "blocked", self.clock())
            self.store.drop_pending_for(item.chat_id, f"blocked: {exc}")
            log.info(
                "chat %d blocked the bot or is gone (%s); it gets nothing more", item.chat_id, exc
            )
            return None
        except ChatMigrated as exc:
            self.store.migrate_chat(item.chat_id, exc.new_chat_id, self.clock())
            self.store.mark_retry(item.id, self.clock(), str(exc), count=False)
            self._refresh = True
            log.info("chat %d became supergroup %d; following it", item.chat_id, exc.new_chat_id)
            return None
        except MessageRejected as exc:
            self.store.mark_final(item.id, "failed", f"rejected: {exc}")
            log.warning(
                "delivery %d to chat %d rejected by Telegram: %s", item.id, item.chat_id, exc
            )
            self.on_failed(f"A message to chat {item.chat_id} was rejected by Telegram: {exc}")
            return None
        except SendError as exc:
            return self._retry(item, attempts, str(exc))
        self.store.mark_sent(item.id, self.clock(), msg_id)
        self.sent += 1
        return None

    def _rate_limited(self, item: OutboxItem, retry_after: float) -> None:
        """429: that chat waits; a second chat limited within the wait means everyone waits."""
        loop = asyncio.get_running_loop()
        now, wait = loop.time(), max(retry_after, 0.0)
        self._ready[item.chat_id] = max(self._ready.get(item.chat_id, 0.0), now + wait)
        while self._limited and self._limited[0][0] < now:
            self._limited.popleft()
        if any(chat != item.chat_id for _, chat in self._limited):
            self._pacer.hold_until(now + wait)
        self._limited.append((now + wait, item.chat_id))
        self.store.mark_retry(
            item.id,
            self.clock() + timedelta(seconds=wait),
            f"429: retry after {wait:g}s",
            count=False,
        )
        self._refresh = True
        log.info("Telegram asked to wait %gs (chat %d)", wait, item.chat_id)

    def _retry(self, item: OutboxItem, attempts: int, error: str) -> None:
        self._refresh = True
        if attempts >= self.config.max_attempts:
            self.store.mark_final(item.id, "failed", f"gave up after {attempts} attempts: {error}")
            log.warning(
                "delivery %d to chat %d failed %d times (%s); giving up",
                item.id,
                item.chat_id,
                attempts,
                error,
            )
            self.on_failed(
                f"Gave up on a message to chat {item.chat_id} after {attempts} attempts: {error}"
            )
            return
        delay = retry_delay(attempts, self.config.retry_base)
        self.store.mark_retry(item.id, self.clock() + timedelta(seconds=delay), error)
        if attempts == 1:
            log.warning(
                "delivery %d to chat %d failed (%s); retrying with backoff",
                item.id,
                item.chat_id,
                error,
            )
