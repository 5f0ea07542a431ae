"""Keeps the exchange rates fresh: the ECB's daily reference rates (`[rates] url`), fetched
every `every` (they change once a working day), stored, and put in use for matching
(`bot.rates`). A restart uses the stored ones at once. A failed fetch keeps the rates in use
(yesterday's compare salaries as well as today's) and is logged once, not at every try."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime

from bot import rates
from bot.config import RatesConfig
from bot.errors import FetchError, ParseError
from bot.http import Fetcher
from bot.rates import Rates, parse_ecb
from bot.store import ExchangeRates, utcnow
from bot.store.db import storage_problem

log = logging.getLogger(__name__)
STALE_DAYS = 3  # rates older than this (a long weekend's) are fetched at start
RETRY = 3600.0  # after a failed fetch, the next try (when sooner than `every`)


class ExchangeRefresh:
    """Fetches, stores and uses the rates; `failing` holds the last failure until a fetch
    works again."""

    def __init__(
        self,
        store: ExchangeRates,
        fetcher: Fetcher,
        config: RatesConfig,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.store, self.fetcher, self.config, self.clock = store, fetcher, config, clock
        self.failing: str | None = None

    def load(self) -> Rates | None:
        """Put the stored rates in use (at start); None when there are none yet."""
        try:
            stored = self.store.rates()
        except sqlite3.Error as exc:
            log.warning(
                "exchange rates not read: %s", storage_problem(self.store.db.path or "", exc)
            )
            return None
        rates.use(stored)
        return stored

    async def once(self) -> Rates | None:
        """Fetch, store and use the rates now; None (the rates in use stay) when that fails."""
        try:
            got = parse_ecb((await self.fetcher.get(self.config.url)).body)
            self.store.save_rates(got)
        except (FetchError, ParseError) as exc:
            self._failed(str(exc))
            return None
        except sqlite3.Error as exc:
            self._failed(storage_problem(self.store.db.path or "", exc))
            return None
        rates.use(got)
        level = logging.INFO if self.failing is None else logging.WARNING
        log.log(level, "exchange rates of %s in use (%d currencies)", got.as_of, len(got.per_eur))
        self.failing = None
        return got

    def _failed(self, problem: str) -> None:
        if self.failing is None:
            kept = rates.current()
            since = f"those of {kept.as_of} stay in use" if kept else "none are in use yet"
            log.warning("exchange rates not fetched (%s); %s, tried again later", problem, since)
        self.failing = problem

    def stale(self) -> bool:
        """Whether the rates in use are missing or older than STALE_DAYS."""
        current = rates.current()
        return current is None or (self.clock().date() - current.as_of).days > STALE_DAYS

    def wait(self) -> float:
        """Seconds to the next fetch: `every`, or RETRY after a failure, when sooner."""
        return self.config.every if self.failing is None else min(self.config.every, RETRY)

    async def run(self, stop: asyncio.Event) -> None:
        """Fetch now if the rates in use (`load`, at start) are stale, then every `every`
        until `stop`. Does nothing when no `url` is set."""
        if not self.config.url:
            return
        if self.stale():
            await self.once()
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.wait())
            if not stop.is_set():
                await self.once()
