"""Builds every part from a Config and runs them in one asyncio loop: the one place with wiring."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from bot import ordinary, placenames, startup
from bot.broadcast import Broadcaster, BroadcastStores
from bot.clock import ClockWatch
from bot.config import Config
from bot.connect import Connector, make_transport, token_source
from bot.events import Event
from bot.exchange import ExchangeRefresh
from bot.follow import FailureWatch, WatchStores
from bot.holding import DeliveryStores
from bot.http import USER_AGENT, Fetcher, HostGuard, build_client
from bot.link import Link
from bot.observe import Observer
from bot.poller import Poller
from bot.rates import MAX_FEED
from bot.receiving import Receiving
from bot.retention import Retention
from bot.scheduler import BoardScheduler
from bot.sender import Sender
from bot.store import utcnow
from bot.store.lock import open_locked
from bot.storing import PollOutcome, PollStores
from bot.supervise import Supervisor
from bot.telegram.access import AccessCommands
from bot.telegram.admin import AdminCommands
from bot.telegram.console import CONSOLE_CHAT_ID, ConsoleTransport
from bot.telegram.dbworker import StoreWorker
from bot.telegram.follow import FollowCommands
from bot.telegram.handlers import Handlers
from bot.telegram.notices import WINDOW, AdminNotices
from bot.textindexer import TextIndexer
from bot.transport import Transport
from bot.wording import plural

log = logging.getLogger(__name__)


def http_parts(
    config: Config, transport: httpx.AsyncBaseTransport | None
) -> tuple[HostGuard, httpx.AsyncClient, Fetcher]:
    """The one HTTP client (configured boards' origins, and the rates', trusted by the guard)
    and its fetcher."""
    urls = [u for b in config.boards for u in (b.url, b.endpoint)]
    if config.rates.url:
        urls.append(config.rates.url)
    parts = {urlsplit(u) for u in urls}
    # One URL per origin, which the guard parses (a thousand boards on one API host are one).
    trusted = {f"{p.scheme}://{p.netloc}" for p in parts if p.scheme in ("http", "https")}
    guard = HostGuard(trusted, config.polling.allow_private_hosts)
    client = build_client(
        timeout=config.polling.timeout,
        user_agent=config.polling.user_agent or USER_AGENT,
        transport=transport,
        guard=guard,
    )
    polling = config.polling
    fetcher = Fetcher(client, polling.max_bytes, polling.per_host, polling.fetch_timeout)
    return guard, client, fetcher


def off_the_loop(work: Callable[[], object], what: str) -> asyncio.Future[object]:
    """`work` on the loop's default executor, its failure logged with its traceback (nobody
    awaits it: unlogged, it would be lost)."""

    def done(future: asyncio.Future[object]) -> None:
        if not future.cancelled() and (exc := future.exception()) is not None:
            log.error("%s failed: %s", what, exc, exc_info=exc)

    future = asyncio.get_running_loop().run_in_executor(None, work)
    future.add_done_callback(done)
    return future


class App:
    """jobbot assembled: store, HTTP client, poller, scheduler, sender, handlers, transport.

    `notice_window`: seconds over which a burst of admin notices of one kind (delivery
    failures, boards failing, boards recovering) is told as one summary;
    `watch_every`: seconds between checks that the database file is still there."""

    def __init__(
        self,
        config: Config,
        *,
        transport: Transport | None = None,
        http_transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], datetime] = utcnow,
        notice_window: float = WINDOW,
        watch_every: float = 5.0,
    ):
        self.config, self.clock = config, clock
        self.lock, self.store = open_locked(config.storage.path)
        self.supervisor = Supervisor(self.store.db.file_problem, watch_every)
        self.guard, self.client, self.fetcher = http_parts(config, http_transport)
        self.receiving = Receiving(clock)  # how fetching the chat's updates goes
        self.transport = transport or make_transport(config, self.receiving)
        self._delivery_side(config, clock, notice_window)
        self.connector = Connector(  # its backoff starts where the sender's does
            self.transport, self.sender.link, self._event, self.sender.wake,
            token_source(config), config.delivery.retry_base, self.receiving,
        )  # fmt: skip
        self.text_index = TextIndexer(self.store.text)  # postings' text, after each poll
        self.poller = Poller(
            self.store.view(PollStores),
            self.fetcher,
            config.polling,
            on_enqueued=self.sender.wake,
            clock=clock,
            on_event=self._event,
            on_stored=self.text_index.wake,
        )
        self.scheduler = BoardScheduler(self.poller)
        # daily, on a worker thread; what it deletes leaves the text index after it
        self.retention = Retention(config.storage, clock, pruned=self.text_index.wake)
        rates_fetcher = Fetcher(self.client, MAX_FEED, 1, config.polling.fetch_timeout)  # ~2 KB
        self.exchange = ExchangeRefresh(self.store.rates, rates_fetcher, config.rates, clock)
        self.clockwatch = ClockWatch([self.scheduler.shift, self.store.db.shift_schedules])
        self._chat_side(config, clock)

    def _chat_side(self, config: Config, clock: Callable[[], datetime]) -> None:
        """The chat commands: their own database connections (dbworker), admin commands."""
        self.worker = StoreWorker(self.store.db)
        self.admin = self._admin_commands(config, clock)
        self.broadcaster = Broadcaster(
            self.store.view(BroadcastStores),
            self.transport,
            self.sender.pacer,
            self.sender.limits,
            self.sender.link,
            config.delivery,
            clock,
        )
        self.access = AccessCommands(
            config.access,
            lambda: self.admins,
            self.worker,
            clock,
            lambda: getattr(self.transport, "username", None),
            self.broadcaster.wake,
        )
        self._follow_side(config, clock)
        self.handlers = Handlers(
            self.worker,
            config.alerts,
            clock,
            admin=self.admin,
            access=self.access,
            follows=self.follows,
        )

    def _delivery_side(
        self, config: Config, clock: Callable[[], datetime], notice_window: float
    ) -> None:
        """The sender, the admins' notices and the observer, over one Telegram link state."""
        delivery = config.delivery
        link = Link(clock, delivery.retry_base, delivery.max_attempts)
        # `self.admins` never changes once the transport is chosen: a value here, a callable
        # (saying the same) where the command classes take one.
        self.notices = AdminNotices(
            self.transport, link, self.admins, delivery, window=notice_window, clock=clock
        )
        via = "console" if isinstance(self.transport, ConsoleTransport) else "telegram"
        self.observer = Observer(
            self.store.db, lambda: link.status, clock, config.server.listen, via,
            lambda: self.receiving.status,
        )  # fmt: skip
        self.sender = Sender(
            self.store.view(DeliveryStores), self.transport, delivery, clock, self._event, link
        )

    def _admin_commands(self, config: Config, clock: Callable[[], datetime]) -> AdminCommands:
        """/boards, /addboard, /stats and the other commands of the bot's admins."""
        return AdminCommands(
            self.worker,
            self.poller,
            self.scheduler,
            lambda: self.admins,
            config.polling.interval,
            self.guard,
            clock,
            stats=self.observer.stats,
        )

    def _follow_side(self, config: Config, clock: Callable[[], datetime]) -> None:
        """/follow and its kin, and the watch that tells followers of a failing board."""
        self.follows = FollowCommands(
            self.worker,
            self.poller,
            self.scheduler,
            config.follow,
            config.polling.interval,
            self.guard,
            clock,
        )
        self.failing = FailureWatch(
            self.store.view(WatchStores), config.follow, clock, self.broadcaster.wake
        )

    def _prepare(self) -> None:
        startup.prepare(self.config, self.store, self.clock())
        self.exchange.load()  # salaries compare across currencies from the first poll

    async def run(self, stop: asyncio.Event) -> None:
        """Poll on schedule, answer commands and deliver alerts until `stop` is set."""
        self._prepare()
        try:
            # The place gazetteer and the word lists take seconds to read: off the loop.
            off_the_loop(placenames.warm, "building the place names (tried again when needed)")
            off_the_loop(ordinary.warm, "reading the word lists (read again when needed)")
            self.poller.router.start()  # the alert index too, on a worker thread
            await self.observer.start()
            connected = await self.connector.first(self.handlers, self.handlers.press)
            boards = self.store.boards.all(enabled_only=True)
            for board in boards:
                self.scheduler.add(board.name, board.interval_s)
            self.scheduler.start()
            log.info("polling %s; waiting for alerts", plural(len(boards), "board"))
            tasks = self._start_tasks(stop, connected)
            await stop.wait()
            log.info("shutting down")
            self.scheduler.shutdown()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 8.0)
        finally:
            await self.close()

    def _start_tasks(self, stop: asyncio.Event, connected: bool) -> list[asyncio.Task]:
        """The long-running parts, each watched (`Supervisor`); connecting, when not yet."""
        parts = (
            ("sender", self.sender.run(stop)), ("clockwatch", self.clockwatch.run(stop)),
            ("retention", self.retention.run(stop)), ("broadcast", self.broadcaster.run(stop)),
            ("follow-watch", self.failing.run(stop)),
            ("text-index", self.text_index.run(stop)), ("exchange-rates", self.exchange.run(stop)),
            ("telegram-token", self.connector.watch_token(stop)),
        )  # fmt: skip
        connect = [] if connected else [("telegram-connect", self.connector.run(stop))]
        return self.supervisor.start([*parts, *connect], stop)

    @property
    def fatal(self) -> str | None:
        """Why the bot stopped itself, if it did."""
        return self.supervisor.fatal

    async def poll_once(self, board: str | None = None) -> list[PollOutcome]:
        """One poll-match-deliver cycle over every enabled board (or one), then return."""
        self._prepare()
        try:
            connected = await self.connector.first(None, retry=False)
            boards = self.store.boards.all(enabled_only=True)
            if board is not None:
                boards = [b for b in boards if b.name.lower() == board.lower()]
            if sum(b.baseline_at is None for b in boards) > 1:  # first polls: bodies to read
                self.poller.reader.warm()
            names = [b.name for b in boards]
            outcomes = await asyncio.gather(*(self.poller.poll(n, force=True) for n in names))
            await self.text_index.drain()
            if connected:  # else the alerts wait in the outbox
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

    def _event(self, event: Event) -> None:
        """The engine's `on_event`: notices for the admins, and metrics and the event log."""
        self.notices.report(event)
        self.observer.event(event)

    async def close(self) -> None:
        await self.notices.finish()
        await self.observer.close()
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
