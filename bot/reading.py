"""Where a poll's CPU-heavy work runs: a reader process beside the event loop, and a thread.

Reading a board (decoding its body, building its raw postings, turning their HTML into text)
is most of a poll's CPU. On a thread it holds the interpreter's lock against the event loop,
which then answers commands, diffs, stores and routes only in the gaps: the two take turns
on one core. So a board answered in one response (most ATS APIs give the whole board in one
body) is read whole (`crawl.read_alone`) in a reader process, on another core, and only its
clean postings come back. The rest stays on one worker thread: hashing bodies (C, without the
lock), the pages of boards of many responses, a baseline's plan.

One reader process serves every poller of the interpreter. It starts at the first read (from
a fork server, so that it inherits no thread or socket of the bot) and ends with the
interpreter. Sources registered outside `bot.sources` (plug-ins, tests) are read on the thread:
the process knows only the built-in kinds. What the process logs comes back with its answer
and is logged here, in the poll's context. If the process dies (killed, out of memory), the
board it was reading fails that poll, is read again at the next, and a new process starts.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor
from dataclasses import replace
from typing import Any, TypeVar

from bot import gcpause, sources
from bot.crawl import Normalised, read_alone
from bot.errors import ParseError
from bot.models import BoardInfo
from bot.sources.contract import Context, Page, Response, Source

log = logging.getLogger(__name__)
T = TypeVar("T")
# Imported once by the fork server, so that each reader process starts with them loaded.
PRELOAD = ["bot.crawl", "bot.sources"]

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


class Reader:
    """Runs a poll's CPU-heavy parts: `read` (a whole single response) in the reader process
    when `processes` is on, `run` on one worker thread (parsing gains nothing from more
    threads under the lock, and polls stay in order)."""

    def __init__(self, processes: bool = True):
        self.processes = processes
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobbot-parse")

    def close(self) -> None:
        """Let the worker thread go once it has finished what it is doing (the reader process
        is shared, and ends with the interpreter)."""
        self._thread.shutdown(wait=False, cancel_futures=True)

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """`func(*args)` on the worker thread, without the cyclic garbage collector (see
        `gcpause`)."""
        return await _submit(self._thread, gcpause.call, func, *args)

    async def read(
        self,
        source: Source,
        response: Response,
        ctx: Context,
        info: BoardInfo,
        stored: Mapping[str, str],
    ) -> Page | Normalised:
        """`crawl.read_alone` over one response, in the reader process when the source is a
        built-in kind (see the module's docstring), else on the worker thread."""
        if not self.processes or not _built_in(source):
            return await self.run(read_alone, source, response, ctx, info, stored)
        ctx = replace(ctx, options=dict(ctx.options))  # a plain dict pickles; a proxy does not
        pool = _shared_pool()
        try:
            read, records = await _submit(
                pool, _read_in_process, source.kind, response, ctx, info, dict(stored)
            )
        except BrokenProcessPool:
            _drop(pool)
            raise ParseError(
                "the reader process stopped while reading this board (killed, or out of "
                "memory?); it is read again at the next poll"
            ) from None
        for name, level, message in records:  # logged here, in the poll's context
            logging.getLogger(name).log(level, "%s", message)
        return read


async def _submit(executor: Executor, func: Callable[..., T], *args: Any) -> T:
    return await asyncio.get_running_loop().run_in_executor(executor, func, *args)


def _built_in(source: Source) -> bool:
    """Whether the reader process has this very source: a built-in kind, not replaced."""
    if not type(source).__module__.startswith("bot.sources."):
        return False
    try:
        return sources.get(source.kind) is source
    except Exception:  # an unregistered kind
        return False


def _shared_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _pool = ProcessPoolExecutor(1, mp_context=context, initializer=_start_reader)
        return _pool


def _drop(pool: ProcessPoolExecutor) -> None:
    """Forget a broken pool: the next read starts a new process."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)
    log.error("the reader process stopped; a new one is started for the next read")


Logged = list[tuple[str, int, str]]  # (logger, level, message)


class _Kept(logging.Handler):
    """Keeps what the reader process logs during one read, to send back with its answer as
    text (a record's arguments may not pickle)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: Logged = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


_kept = _Kept()


def _start_reader() -> None:
    """In the reader process: Ctrl-C is for the bot, which stops the process itself; what is
    logged is kept for the answer (see `_Kept`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    root = logging.getLogger()
    root.handlers[:] = [_kept]
    root.setLevel(logging.DEBUG)


def _read_in_process(
    kind: str, response: Response, ctx: Context, info: BoardInfo, stored: Mapping[str, str]
) -> tuple[Page | Normalised, Logged]:
    """In the reader process: `read_alone`, and what it logged."""
    try:
        read = gcpause.call(read_alone, sources.get(kind), response, ctx, info, stored)
        return read, _kept.records
    finally:
        _kept.records = []
