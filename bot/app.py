"""Builds every part from a Config and runs them in one asyncio loop: the one place with wiring."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections import deque
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from bot import places
from bot.backoff import clamp_wait, retry_delay
from bot.clock import ClockWatch
from bot.config import Config, format_duration
from bot.errors import ChatBlocked, MessageRejected, RateLimited, SendError, StorageError
from bot.holding import DeliveryStores
from bot.http import USER_AGENT, Fetcher, HostGuard, build_client
from bot.models import OutgoingMessage
from bot.poller import Poller, PollOutcome, PollStores
from bot.scheduler import BoardScheduler
from bot.sender import Sender
from bot.store import Stores, utcnow
from bot.store.lock import DatabaseLock
from bot.telegram.admin import AdminCommands
from bot.telegram.console import CONSOLE_CHAT_ID, ConsoleTransport
from bot.telegram.dbworker import StoreWorker
from bot.telegram.handlers import Handlers
from bot.telegram.transport import Transport

log = logging.getLogger(__name__)


def make_transport(config: Config) -> Transport:
    """Telegram when a token is configured, else the console chat."""
    if config.telegram.token:
        from bot.telegram.ptb import TelegramTransport

        return TelegramTransport(
            config.telegram.token, config.telegram.api_url, config.telegram.admins
        )
    return ConsoleTransport()


class App:
    """jobbot assembled: store, HTTP client, poller, scheduler, sender, handlers, transport."""

    def __init__(
        self,
        config: Config,
        *,
        transport: Transport | None = None,
        http_transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.config = config
        self.lock = DatabaseLock(config.storage.path)
        if config.storage.path != ":memory:":
            self.lock.acquire()
        try:
            self.store = Stores.open(config.storage.path)  # every store, over one database
        except StorageError:
            self.lock.release()
            raise
        urls = {u for b in config.boards for u in (b.url, b.endpoint)}
        trusted = {u for u in urls if urlsplit(u).scheme in ("http", "https")}  # their origins
        self.guard = HostGuard(trusted, config.polling.allow_private_hosts)
        self.client = build_client(
            timeout=config.polling.timeout,
            user_agent=config.polling.user_agent or USER_AGENT,
            transport=http_transport,
            guard=self.guard,
        )
        self.transport = transport or make_transport(config)
        self.sender = Sender(
            self.store.view(DeliveryStores),
            self.transport,
            config.delivery,
            clock,
            on_failed=self._delivery_failed,
            on_health=self.tell_admins,
        )
        self._notices: deque[str] = deque()  # operational notices not yet sent to every admin
        self._notifier: asyncio.Task | None = None
        self._failures_untold: list[str] = []
        self.failure_notice_window = 600.0  # seconds: more failures within it make one summary
        self._failure_flush: asyncio.TimerHandle | None = None
        self.fetcher = Fetcher(
            self.client,
            config.polling.max_bytes,
            config.polling.per_host,
            config.polling.fetch_timeout,
        )
        self.poller = Poller(
            self.store.view(PollStores),
            self.fetcher,
            config.polling,
            on_enqueued=self.sender.wake,
            clock=clock,
            on_health=self.tell_admins,
            on_retry=lambda name, delay: self.scheduler.retry_in(name, delay),
        )
        self.scheduler = BoardScheduler(self.poller)
        self.clockwatch = ClockWatch([self.scheduler.shift, self.store.db.shift_schedules])
        self.db = StoreWorker(self.store.db)  # the chat commands' own connections (dbworker)
        self.admin = AdminCommands(
            self.store.db,
            self.poller,
            self.scheduler,
            lambda: self.admins,
            config.polling.interval,
            self.guard,
            clock,
            db=self.db,
        )
        self.handlers = Handlers(self.store.db, config.alerts, clock, admin=self.admin, db=self.db)
        self.clock = clock
        self.fatal: str | None = None  # why the bot stopped itself, if it did
        self.watch_every = 5.0  # seconds between checks that the database file is still there

    def _prepare(self) -> None:
        for warning in self.config.warnings:
            log.warning("config: %s", warning)
        self.store.boards.sync_boards(self.config.boards, self.clock())
        for board in self.store.boards.all(enabled_only=True):
            if board.consecutive_failures:
                log.warning(
                    "board %s: still failing (%d polls in a row): %s",
                    board.name, board.consecutive_failures, board.last_error,
                )  # fmt: skip
        in_doubt = self.store.outbox.recover_in_doubt()
        if in_doubt:
            log.info("%d deliveries were in flight at the last stop; sending them again", in_doubt)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll on schedule, answer commands and deliver alerts until `stop` is set."""
        self._prepare()
        try:
            # The place gazetteer takes a few seconds to build: off the loop, while we start.
            self._warming = asyncio.get_running_loop().run_in_executor(None, places.warm)
            await self.transport.start(self.handlers, self.handlers.press)
            boards = self.store.boards.all(enabled_only=True)
            for board in boards:
                self.scheduler.add(board.name, board.interval_s)
            self.scheduler.start()
            log.info("polling %d boards; waiting for alerts", len(boards))
            sender = asyncio.create_task(self.sender.run(stop), name="sender")
            watch = asyncio.create_task(self.clockwatch.run(stop), name="clockwatch")
            database = asyncio.create_task(self._watch_database(stop), name="database-watch")
            await stop.wait()
            log.info("shutting down")
            self.scheduler.shutdown()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.gather(sender, watch, database), timeout=8.0)
        finally:
            await self.close()

    async def _watch_database(self, stop: asyncio.Event) -> None:
        """Stop the bot, keeping what was committed, when its database file is deleted or
        replaced: anything written after that would be lost at the next start."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.watch_every)
            problem = self.store.db.file_problem()
            if problem:
                log.error("%s; stopping", problem)
                self.fatal = problem
                stop.set()

    async def poll_once(self, board: str | None = None) -> list[PollOutcome]:
        """One poll-match-deliver cycle over every enabled board (or one), then return."""
        self._prepare()
        try:
            await self.transport.start(None)
            names = [b.name for b in self.store.boards.all(enabled_only=True)]
            if board is not None:
                names = [n for n in names if n.lower() == board.lower()]
            outcomes = await asyncio.gather(*(self.poller.poll(n, force=True) for n in names))
            await self.sender.drain()
            return list(outcomes)
        finally:
            await self.close()

    @property
    def admins(self) -> tuple[int, ...]:
        """Who hears about board health: the configured admins; in the console, its one user."""
        if isinstance(self.transport, ConsoleTransport):
            return (CONSOLE_CHAT_ID,)
        return self.config.telegram.admins

    def tell_admins(self, text: str) -> None:
        """Queue an operational notice for every admin. One background task sends the queue in
        order and retries through outages, 429s and a paused token, so no notice is lost to
        the very outage it reports; it is in memory only, since a notice is about now, and
        whatever is still wrong after a restart is noticed and told again."""
        self._notices.append(text)
        if self._notifier is None or self._notifier.done():
            self._notifier = asyncio.get_running_loop().create_task(self._send_notices())

    def _delivery_failed(self, text: str) -> None:
        """Tell the admins about failed deliveries: the first at once, any later ones within
        `failure_notice_window` (10 minutes) in one summary when it is over (none left untold)."""
        self._failures_untold.append(text)
        if self._failure_flush is None:
            self._flush_failures()

    def _flush_failures(self) -> None:
        self._failure_flush = None
        if not self._failures_untold:
            return
        latest, more = self._failures_untold[-1], len(self._failures_untold) - 1
        self._failures_untold.clear()
        window = self.failure_notice_window
        summary = f" (and {more} more within {format_duration(window)})" if more else ""
        self.tell_admins(f"⚠️ {latest}{summary}")
        self._failure_flush = asyncio.get_running_loop().call_later(window, self._flush_failures)

    async def _send_notices(self) -> None:
        while self._notices:
            text = self._notices[0]
            message = OutgoingMessage(html=html.escape(text, quote=False), plain=text)
            for admin in self.admins:
                await self._notify(admin, message)
            self._notices.popleft()

    async def _notify(self, admin: int, message: OutgoingMessage) -> None:
        """Send one notice to one admin: wait while the sender finds Telegram down or paused,
        back off (capped) on failures, wait out a 429; give up only on a permanent answer."""
        failures = 0
        while True:
            await self.sender.link.wait_up()
            try:
                send = self.transport.send(admin, message)
                await asyncio.wait_for(send, self.config.delivery.send_timeout)
                return
            except (ChatBlocked, MessageRejected) as exc:
                log.warning("could not tell admin %d: %s (%s)", admin, message.plain, exc)
                return
            except RateLimited as exc:
                delay = clamp_wait(exc.retry_after)
            except (SendError, TimeoutError) as exc:
                failures += 1
                delay = retry_delay(failures, self.config.delivery.retry_base)
                if failures == 1:
                    log.warning("telling admin %d failed (%s); retrying with backoff", admin, exc)
            await asyncio.sleep(delay)

    async def _finish_notices(self, grace: float = 1.5) -> None:
        """At shutdown: give queued notices a moment (when Telegram is up), then stop and log
        the ones that did not go out."""
        if self._failure_flush is not None:
            self._failure_flush.cancel()
        if self._notifier is not None:
            if self.sender.link.up:
                await asyncio.wait({self._notifier}, timeout=grace)
            self._notifier.cancel()
        for text in [*self._notices, *self._failures_untold]:
            log.warning("not told to the admins (shutting down): %s", text)
        self._notices.clear()
        self._failures_untold.clear()

    async def close(self) -> None:
        await self._finish_notices()
        self.scheduler.shutdown()
        self.poller.close()
        try:
            await self.transport.stop()
        except Exception as exc:  # shutting down: report and keep closing the rest
            log.warning("closing the chat transport failed: %s", exc)
        await self.client.aclose()
        self.handlers.close()
        self.store.close()
        self.lock.release()
