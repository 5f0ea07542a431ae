"""The chat commands' own database connections, used on worker threads.

Why not the app's stores: their one connection belongs to the event loop, where the poller holds
transactions (no await inside them, but SQL from another thread on that connection would land
inside one) and its busy timeout is 10 s, during which the loop would stand still. So commands
run their SQL here: a few threads, each with its own connection to the same file and a short
busy timeout, so another process's write lock or a full disk becomes `StoreBusy` within
seconds (the command answers "busy") and nobody else waits. WAL mode lets these connections
read while another one writes.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Concatenate, ParamSpec, TypeVar

from bot.errors import StoreBusy
from bot.store import Db, Stores
from bot.store.db import BUSY_TIMEOUT, open_secondary

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_FULL}


def is_busy(exc: sqlite3.Error) -> bool:
    """A lock held by another connection, or a full disk: the same command may work later."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _BUSY
    text = str(exc).lower()
    return "locked" in text or "busy" in text or "is full" in text


def database_file(db: Db) -> str:
    """The file behind `db`'s main database; "" when it lives in memory."""
    for row in db.execute("PRAGMA database_list").fetchall():
        if row["name"] == "main":
            return str(row["file"] or "")
    return ""


class StoreWorker:
    """Runs `fn(stores, ...)` on a worker thread, with every store over that thread's own
    connection (a command reaches users, alerts, choices, postings and the outbox alike).

    A change to users or alerts made here is passed on to `db` (the app's), whose
    `alerts_generation` the poller watches to refresh its alert index. An in-memory `db`
    cannot be shared between connections: then calls run inline on it (tests only).
    """

    def __init__(
        self,
        db: Db,
        threads: int = 4,
        opener: Callable[[], Db] | None = None,
        busy_timeout: float = BUSY_TIMEOUT,
    ):
        self.db = db
        path = database_file(db)
        self._open = opener or (lambda: open_secondary(path, busy_timeout))
        self._inline = opener is None and not path
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="jobbot-db")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Stores] = []
        self._shared: Stores | None = None  # the inline stores, over `db` itself
        self._changed = False

    @classmethod
    def over(cls, database: Db | StoreWorker) -> StoreWorker:
        """`database` itself when it is a worker (the app's, shared), else a worker over it."""
        return database if isinstance(database, StoreWorker) else cls(database)

    async def run(
        self, fn: Callable[Concatenate[Stores, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`fn(stores, *args)` off the event loop; StoreBusy when the database is locked or full."""
        try:
            if self._inline:
                return self._call(fn, args)
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._pool, self._call, fn, args)
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise StoreBusy(str(exc)) from None
            raise
        finally:
            with self._lock:
                changed, self._changed = self._changed, False
            if changed:
                self.db.alerts_generation += 1

    def _call(self, fn: Callable[..., T], args: tuple) -> T:
        stores = self._inline_stores() if self._inline else self._thread_stores()
        before = stores.db.alerts_generation
        try:
            return fn(stores, *args)
        finally:
            if stores.db.alerts_generation != before and not self._inline:
                with self._lock:
                    self._changed = True

    def _inline_stores(self) -> Stores:
        if self._shared is None:
            self._shared = Stores.over(self.db)
        return self._shared

    def _thread_stores(self) -> Stores:
        stores = getattr(self._local, "stores", None)
        if stores is None:
            stores = self._local.stores = Stores.over(self._open())
            with self._lock:
                self._opened.append(stores)
        return stores

    def close(self) -> None:
        """Wait for running calls, then close every connection opened here."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            opened, self._opened = self._opened, []
        for stores in opened:
            stores.close()
