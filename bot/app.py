"""Builds every part from a Config and runs them in one asyncio loop: the one place with wiring."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from bot.clock import ClockWatch
from bot.config import Config
from bot.errors import SendError, StorageError
from bot.http import USER_AGENT, Fetcher, HostGuard, build_client
from bot.models import OutgoingMessage
from bot.poller import Poller, PollOutcome
from bot.scheduler import BoardScheduler
from bot.sender import Sender
from bot.store import Store, utcnow
from bot.store.lock import DatabaseLock
from bot.telegram.admin import AdminCommands
from bot.telegram.console import CONSOLE_CHAT_ID, ConsoleTransport
from bot.telegram.handlers import Handlers
from bot.telegram.transport import Transport

log = logging.getLogger(__name__)


def make_transport(config: Config) -> Transport:
    """Telegram when a token is configured, else the console chat."""
    if config.telegram.token:
        from bot.telegram.ptb import TelegramTransport

        return TelegramTransport(config.telegram.token, config.telegram.api_url)
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
            self.store = Store.open(config.storage.path)
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
        self.handlers = Handlers(self.store, config.alerts, clock)
        self.sender = Sender(
            self.store, self.transport, config.delivery, clock, on_failed=self._delivery_failed
        )
        self._failures_untold = 0
        self._failure_told_at = float("-inf")
        self.fetcher = Fetcher(
            self.client,
            config.polling.max_bytes,
            config.polling.per_host,
            config.polling.fetch_timeout,
        )
        self.poller = Poller(
            self.store,
            self.fetcher,
            config.polling,
            on_enqueued=self.sender.wake,
            clock=clock,
            on_health=self.tell_admins,
        )
        self._background: set[asyncio.Task] = set()
        self.scheduler = BoardScheduler(self.poller)
        self.poller.on_retry = self.scheduler.retry_in
        self.clockwatch = ClockWatch([self.scheduler.shift, self.store.shift_schedules])
        self.admin = AdminCommands(
            self.store,
            self.poller,
            self.scheduler,
            lambda: self.admins,
            config.polling.interval,
            self.guard,
            clock,
            db=self.handlers.db,
        )
        self.handlers.admin = self.admin  # built after the handlers: it needs the scheduler
        self.clock = clock
        self.fatal: str | None = None  # why the bot stopped itself, if it did
        self.watch_every = 5.0  # seconds between checks that the database file is still there

    def _prepare(self) -> None:
        for warning in self.config.warnings:
            log.warning("config: %s", warning)
        self.store.sync_boards(self.config.boards, self.clock())
        for board in self.store.boards(enabled_only=True):
            if board.consecutive_failures:
                log.warning(
                    "board %s: still failing (%d polls in a row): %s",
                    board.name, board.consecutive_failures, board.last_error,
                )  # fmt: skip
        in_doubt = self.store.recover_in_doubt()
        if in_doubt:
            log.info("%d deliveries were in flight at the last stop; sending them again", in_doubt)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll on schedule, answer commands and deliver alerts until `stop` is set."""
        self._prepare()
        try:
            await self.transport.start(self.handlers)
            boards = self.store.boards(enabled_only=True)
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
            problem = self.store.file_problem()
            if problem:
                log.error("%s; stopping", problem)
                self.fatal = problem
                stop.set()

    async def poll_once(self, board: str | None = None) -> list[PollOutcome]:
        """One poll-match-deliver cycle over every enabled board (or one), then return."""
        self._prepare()
        try:
            await self.transport.start(None)
            names = [b.name for b in self.store.boards(enabled_only=True)]
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
        """Send an operational notice to every admin, in the background."""
        task = asyncio.get_running_loop().create_task(self._tell_admins(text))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _delivery_failed(self, text: str) -> None:
        """Tell the admins about failed deliveries, at most once every 10 minutes."""
        self._failures_untold += 1
        now = asyncio.get_running_loop().time()
        if now - self._failure_told_at < 600:
            return
        more = self._failures_untold - 1
        self.tell_admins(
            f"⚠️ {text}" + (f" (and {more} more since the last notice)" if more else "")
        )
        self._failures_untold, self._failure_told_at = 0, now

    async def _tell_admins(self, text: str) -> None:
        message = OutgoingMessage(html=html.escape(text, quote=False), plain=text)
        for admin in self.admins:
            try:
                await self.transport.send(admin, message)
            except SendError as exc:
                log.warning("could not tell admin %d: %s (%s)", admin, text, exc)

    async def close(self) -> None:
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
