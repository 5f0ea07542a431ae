"""Watching a running bot: takes the engine's events (metrics, event log), reads the figures of
the moment off the event loop, and answers /healthz, /metrics and the admins' /stats."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime

from bot.errors import JobbotError
from bot.events import Event, log_event
from bot.health import Health, assess
from bot.link import LinkStatus
from bot.metrics import Metrics
from bot.receiving import ReceivingStatus
from bot.server import Reply, StatusServer
from bot.store import Db
from bot.store import stats as figures_of
from bot.store.stats import Figures
from bot.telegram.stats import stats_text

log = logging.getLogger(__name__)
PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"


class Observer:
    """One App's metrics, health and stats. `link()` is the sender's link status; `listen`
    ("host:port", or None for no server) where /healthz and /metrics are served; `transport`
    where messages go ("telegram", or "console": the console chat), as /healthz says;
    `receiving()` how fetching the chat's updates goes."""

    def __init__(
        self,
        db: Db,
        link: Callable[[], LinkStatus],
        clock: Callable[[], datetime],
        listen: str | None = None,
        transport: str = "telegram",
        receiving: Callable[[], ReceivingStatus] = ReceivingStatus,
    ):
        self.db = db  # the app's connection; a file is read on connections of its own
        self.transport = transport
        self.link = link
        # the console chat reads its commands from the terminal: no getUpdates to wait for
        self.receiving = receiving if transport != "console" else ReceivingStatus
        self.clock = clock
        self.started_at = clock()
        self.metrics = Metrics(first_seen=self._first_seen)
        routes = {"/healthz": self.healthz, "/metrics": self.metrics_reply}
        self.server = StatusServer(listen, routes) if listen else None
        self._observe_failed = False
        self.probe_timeout = figures_of.PROBE_TIMEOUT  # seconds to wait for another writer

    def event(self, event: Event) -> None:
        """The engine's `on_event`: log it, count it. Never raises into the engine."""
        log_event(event)
        try:
            self.metrics.observe(event)
            self._observe_failed = False
        except sqlite3.Error as exc:  # time-to-alert reads the database; counting goes on
            if not self._observe_failed:
                log.warning("metrics: could not read when postings were first seen: %s", exc)
            self._observe_failed = True

    def _first_seen(self, ids: Iterable[int]) -> list[datetime]:
        return figures_of.first_seen(self.db.conn, ids)

    async def snapshot(self) -> tuple[Figures, str | None]:
        """The figures now and why the database would not take a write (None: it would). A
        database file is read on a worker thread with connections of its own, so a slow count
        or another writer's lock never stalls the loop."""
        if self.db.path is None:  # in memory: only the bot's own connection sees it
            conn = self.db.conn
            return figures_of.read_figures(conn), None
        path = str(self.db.path)
        return await asyncio.to_thread(figures_of.probe_file, path, self.probe_timeout)

    async def health(self) -> Health:
        figures, problem = await self.snapshot()
        return self._assess(figures, problem)

    def _assess(self, figures: Figures, problem: str | None) -> Health:
        link, now = self.link(), self.clock()
        return assess(
            figures, problem, link, now, self.started_at, self.transport, self.receiving()
        )

    async def healthz(self) -> Reply:
        health = await self.health()
        body = json.dumps(health.body, indent=1).encode() + b"\n"
        return Reply(200 if health.healthy else 503, body, "application/json")

    async def metrics_reply(self) -> Reply:
        figures, _ = await self.snapshot()
        self.metrics.update(figures, self.link(), self.clock(), self.receiving())
        return Reply(200, self.metrics.text(), PROMETHEUS_TEXT)

    async def stats(self) -> str:
        """The /stats reply for admins: the same figures, in words (HTML)."""
        figures, problem = await self.snapshot()
        health = self._assess(figures, problem)
        return stats_text(figures, self.metrics, health, self.clock(), self.started_at)

    async def start(self) -> None:
        """Serve /healthz and /metrics, when configured; a port that cannot be had stops the
        bot with one clear line."""
        if self.server is not None:
            try:
                await self.server.start()
            except OSError as exc:
                where = f"{self.server.host}:{self.server.port}"
                raise JobbotError(
                    f"cannot serve /healthz and /metrics on {where}: {exc.strerror or exc}"
                ) from None

    async def close(self) -> None:
        if self.server is not None:
            await self.server.close()
