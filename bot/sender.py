"""Drains the outbox: renders each due delivery, sends it at Telegram's pace, records the result."""

from __future__ import annotations

import asyncio
import logging
import random
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
from bot.store import OutboxItem, Store, utcnow
from bot.telegram.transport import Transport

log = logging.getLogger(__name__)


def retry_delay(attempts: int) -> float:
    """Exponential backoff with jitter for transient failures: ~5s, 10s, 20s ... capped at 1h."""
    return min(5.0 * 2 ** max(attempts - 1, 0), 3600.0) * random.uniform(0.8, 1.2)


class Sender:
    """Sends pending deliveries; a delivery is marked sent only after the transport took it."""

    def __init__(
        self,
        store: Store,
        transport: Transport,
        delivery: DeliveryConfig = DeliveryConfig(),
        clock: Callable[[], datetime] = utcnow,
        send_timeout: float = 30.0,
    ):
        self.store = store
        self.transport = transport
        self.config = delivery
        self.clock = clock
        self.send_timeout = send_timeout
        self._wake = asyncio.Event()
        self._chat_ready: dict[int, float] = {}
        self._next_slot = 0.0

    def wake(self) -> None:
        """New deliveries are waiting: drain now rather than at the next tick."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Drain until `stop` is set; wakes on `wake()` or when the next retry falls due."""
        while not stop.is_set():
            self._wake.clear()
            try:
                await self.drain(stop=stop)
            except Exception:
                log.exception("delivery loop error; retrying shortly")
            timeout = 5.0
            nxt = self.store.next_due_at()
            if nxt is not None:
                timeout = min(timeout, max((nxt - self.clock()).total_seconds(), 0.05))
            waiters = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
            await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            for w in waiters:
                w.cancel()

    async def drain(self, limit: int = 200, stop: asyncio.Event | None = None) -> int:
        """Send what is due now, pacing per chat and overall; returns how many were sent."""
        sent = 0
        loop = asyncio.get_running_loop()
        while stop is None or not stop.is_set():
            items = self.store.due(self.clock(), limit)
            if not items:
                break
            ready = [i for i in items if self._chat_ready.get(i.chat_id, 0.0) <= loop.time()]
            if not ready:
                soonest = min(self._chat_ready.get(i.chat_id, 0.0) for i in items)
                await asyncio.sleep(max(soonest - loop.time(), 0.01))
                continue
            for item in ready:
                if stop is not None and stop.is_set():
                    break
                if self._chat_ready.get(item.chat_id, 0.0) > loop.time():
                    continue
                await self._pace(loop)
                self._chat_ready[item.chat_id] = loop.time() + self.config.per_chat_interval
                if await self._deliver(item):
                    sent += 1
        return sent

    async def _pace(self, loop: asyncio.AbstractEventLoop) -> None:
        now = loop.time()
        if self._next_slot > now:
            await asyncio.sleep(self._next_slot - now)
        self._next_slot = max(now, self._next_slot) + 1.0 / self.config.messages_per_second

    async def _deliver(self, item: OutboxItem) -> bool:
        message = render.notification(item.posting, item.alert_queries, self.clock())
        self.store.mark_sending(item.id)
        attempts = item.attempts + 1
        try:
            try:
                msg_id = await asyncio.wait_for(
                    self.transport.send(item.chat_id, message), self.send_timeout
                )
            except BadMarkup as exc:
                log.warning(
                    "delivery %d: Telegram refused the HTML (%s); sending as plain text",
                    item.id,
                    exc,
                )
                msg_id = await asyncio.wait_for(
                    self.transport.send(item.chat_id, message, plain=True), self.send_timeout
                )
        except TimeoutError:
            return self._retry(item, attempts, "timed out")
        except RateLimited as exc:
            wait = max(exc.retry_after, 0.0)
            self._chat_ready[item.chat_id] = asyncio.get_running_loop().time() + wait
            self.store.mark_retry(
                item.id, self.clock() + timedelta(seconds=wait), str(exc), count=False
            )
            log.info("Telegram asked to wait %.0fs before messaging chat %d", wait, item.chat_id)
            return False
        except ChatBlocked as exc:
            self.store.set_user_state(item.chat_id, "blocked", self.clock())
            self.store.drop_pending_for(item.chat_id, f"blocked: {exc}")
            log.info(
                "chat %d blocked the bot or is gone (%s); it gets nothing more", item.chat_id, exc
            )
            return False
        except ChatMigrated as exc:
            self.store.migrate_chat(item.chat_id, exc.new_chat_id, self.clock())
            self.store.mark_retry(item.id, self.clock(), str(exc), count=False)
            log.info("chat %d moved to %d; following it", item.chat_id, exc.new_chat_id)
            return False
        except MessageRejected as exc:
            self.store.mark_final(item.id, "failed", f"rejected: {exc}")
            log.warning(
                "delivery %d to chat %d rejected by Telegram: %s", item.id, item.chat_id, exc
            )
            return False
        except SendError as exc:
            return self._retry(item, attempts, str(exc))
        self.store.mark_sent(item.id, self.clock(), msg_id)
        return True

    def _retry(self, item: OutboxItem, attempts: int, error: str) -> bool:
        if attempts >= self.config.max_attempts:
            self.store.mark_final(item.id, "failed", f"gave up after {attempts} attempts: {error}")
            log.warning(
                "delivery %d to chat %d failed %d times (%s); giving up",
                item.id,
                item.chat_id,
                attempts,
                error,
            )
        else:
            delay = retry_delay(attempts)
            self.store.mark_retry(item.id, self.clock() + timedelta(seconds=delay), error)
            if attempts == 1:
                log.warning(
                    "delivery %d to chat %d failed (%s); retrying with backoff",
                    item.id,
                    item.chat_id,
                    error,
                )
        return False
