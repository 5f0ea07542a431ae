"""Runs retention (`bot.store.retention`) once a day, on a worker thread with its own
connection, so neither the event loop nor the app's connection waits for it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from bot.config import StorageConfig
from bot.store import utcnow
from bot.store.db import open_secondary, storage_problem
from bot.store.retention import Pruned, Pruning

log = logging.getLogger(__name__)
DAY = 86400.0


def prune_file(path: str | Path, storage: StorageConfig, now: datetime) -> Pruned:
    """One retention run over the (migrated) database at `path`, on a connection of its own."""
    db = open_secondary(path, busy_timeout=10.0)  # on its own thread: it may wait for a writer
    try:
        return Pruning(db).prune(
            now, timedelta(seconds=storage.keep_closed), timedelta(seconds=storage.keep_sent)
        )
    finally:
        db.close()


class Retention:
    """Prunes the database `first_in` seconds after start, then every `every` seconds;
    `pruned` hears when postings were deleted (their text leaves the index after)."""

    def __init__(
        self,
        storage: StorageConfig,
        clock: Callable[[], datetime] = utcnow,
        every: float = DAY,
        first_in: float = 300.0,
        pruned: Callable[[], None] = lambda: None,
    ):
        self.storage, self.clock = storage, clock
        self.every, self.first_in = every, first_in
        self.pruned = pruned  # told after each run that deleted postings
        self.runs = 0

    async def once(self) -> Pruned | None:
        """Prune now, off the event loop; None (logged once) when the database would not let us."""
        if self.storage.path == ":memory:":
            return None
        loop = asyncio.get_running_loop()
        try:
            pruned = await loop.run_in_executor(
                None, prune_file, self.storage.path, self.storage, self.clock()
            )
        except sqlite3.Error as exc:
            log.warning("retention skipped: %s", storage_problem(self.storage.path, exc))
            return None
        finally:
            self.runs += 1
        log.info(
            "retention: %d closed postings, %d deliveries, %d broadcast rows, %d invites "
            "removed; %d pages given back",
            pruned.postings, pruned.deliveries, pruned.notices, pruned.invites,
            pruned.freed_pages,
        )  # fmt: skip
        if pruned.postings:
            self.pruned()
        return pruned

    async def run(self, stop: asyncio.Event) -> None:
        """Prune on schedule until `stop` is set."""
        wait = self.first_in
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=wait)
            if stop.is_set():
                return
            await self.once()
            wait = self.every
