"""Where a poll's CPU-heavy work runs: a reader process beside the event loop, and a thread.

Reading a board (decoding its body, building its raw postings, turning their HTML into text)
is most of a poll's CPU. On a thread it holds the interpreter's lock against the event loop,
which then answers commands, diffs, stores and routes only in the gaps: the two take turns
on one core. So a board answered in one response (most ATS APIs give the whole board in one
body) is read whole (`intake.read_alone`) in a reader process, on another core, and only its
clean postings come back. The rest stays on one worker thread: hashing bodies (C, without the
lock), the pages of boards of many responses, a baseline's plan, and bodies over `MAX_BODY`
(their postings would hold the loop while they are unpickled).

One reader process serves every poller of the interpreter. It is started when reads queue up
(one arrives while another is on the thread: a poll that meets 304s and a few changed boards
starts nothing, a first poll of many boards does at once), or ahead of the first bodies when
`jobbot poll` meets boards never polled (`Reader.warm`). It starts on a thread of its own (a
new interpreter, spawned: it inherits no thread, socket or lock of the bot, and importing the
bot takes it a moment), and ends with the interpreter, or when the bot is killed; until it is
up, reads run on the worker thread. Sources registered outside `bot.sources` (plug-ins, tests)
are always read on the thread: the process knows only the built-in kinds. What the process
logs comes back with its answer and is logged here, in the poll's context. If the process
dies (killed, out of memory), the board it was reading fails that poll, is read again at the
next, and a new process is started. One still at work on a board when that board's fetch deadline passes
(a parse gone wrong) is killed, so that it cannot hold up every later read as a stuck thread
would: the boards queued behind it are read on the thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import weakref
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from bot import gcpause, sources
from bot.errors import ParseError
from bot.intake import read_alone
from bot.models import BoardInfo, Normalised
from bot.sources.contract import Context, Page, Response, Source

log = logging.getLogger(__name__)
T = TypeVar("T")
# A bigger body is read on the thread: its clean postings (about 70% of its size) would be
# unpickled here in one go, holding the loop ~125 ms for a 90 MB board's 63 MB of them (and
# the body and its copies would be in both processes at once).
MAX_BODY = 8_000_000

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None  # the reader process, once it is up
_alive: Connection | None = None  # its end closes when this process ends: the reader then ends
_starting = False
_up = threading.Event()  # set while `_pool` is up (tests wait on it)
_stopped: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()  # killed here, on purpose


class Reader:
    """Runs a poll's CPU-heavy parts: `read` (a whole single response) in the reader process
    when `processes` is on, `run` on one worker thread (parsing gains nothing from more
    threads under the lock, and polls stay in order)."""

    def __init__(self, processes: bool = True):
        self.processes = processes
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobbot-parse")
        self._reading = 0  # reads on the thread, under way or waiting for it

    def close(self) -> None:
        """Let the worker thread go once it has finished what it is doing (the reader process
        is shared, and ends with the interpreter)."""
        self._thread.shutdown(wait=False, cancel_futures=True)

    def warm(self) -> None:
        """Start the reader process now, ahead of the reads (many boards are about to be
        polled at once): it is then up when their bodies arrive, not after the first ones
        were read on the thread meanwhile."""
        if self.processes:
            start()

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
        """`intake.read_alone` over one response, in the reader process when it is up and the
        source is a built-in kind (see the module's docstring), else on the worker thread."""
        pool = _pool
        fits = self.processes and len(response.body) <= MAX_BODY and _built_in(source)
        if pool is None and fits and self._reading:
            start()  # reads queue up: the next go to the process, this one to the thread
        if pool is None or not fits:
            self._reading += 1
            try:
                return await self.run(read_alone, source, response, ctx, info, stored)
            finally:
                self._reading -= 1
        try:
            return await _in_process(pool, source, response, ctx, info, stored)
        except BrokenProcessPool:  # stopped here, for another board: read this one here
            return await self.run(read_alone, source, response, ctx, info, stored)


async def _in_process(
    pool: ProcessPoolExecutor,
    source: Source,
    response: Response,
    ctx: Context,
    info: BoardInfo,
    stored: Mapping[str, str],
) -> Page | Normalised:
    """`read_alone` in the reader process `pool`, its log lines logged here. Raises
    BrokenProcessPool when `pool` was stopped on purpose (for another board)."""
    ctx = replace(ctx, options=dict(ctx.options))  # a plain dict pickles; a proxy does not
    try:
        job = pool.submit(_read_in_process, source.kind, response, ctx, info, dict(stored))
        read, records = await asyncio.wrap_future(job)
    except BrokenProcessPool:
        if pool in _stopped:
            raise
        _drop(pool, "the reader process stopped (killed, or out of memory?)")
        raise ParseError(
            "the reader process stopped while reading this board (killed, or out of "
            "memory?); it is read again at the next poll"
        ) from None
    except asyncio.CancelledError:  # the fetch's deadline, or the bot stopping
        if not job.cancel() and not job.done():  # it is at work on this board: stop it
            _drop(
                pool,
                "a read was cut short (its fetch's deadline, or the bot stopping) "
                "while the reader process was at work on it: the process is stopped",
                stop=True,
            )
        raise
    for name, level, message in records:  # logged here, in the poll's context
        logging.getLogger(name).log(level, "%s", message)
    return read


async def _submit(executor: Executor, func: Callable[..., T], *args: Any) -> T:
    return await asyncio.get_running_loop().run_in_executor(executor, func, *args)


def _built_in(source: Source) -> bool:
    """Whether the reader process has this very source: a built-in kind, not replaced."""
    if not type(source).__module__.startswith("bot.sources."):
        return False
    return sources.known(source.kind) is source


def start() -> None:
    """Start the reader process, unless it is up or starting, on a thread of its own: its
    start waits for the new interpreter to import the bot, which must not hold the loop."""
    global _starting
    with _lock:
        if _pool is not None or _starting:
            return
        _starting = True
    threading.Thread(target=_start_pool, name="jobbot-reader-start", daemon=True).start()


def _start_pool() -> None:
    global _pool, _starting, _alive
    try:
        context = multiprocessing.get_context("spawn")  # (no fork server left idle: one start)
        theirs, ours = context.Pipe(duplex=False)
        pool = ProcessPoolExecutor(
            1, mp_context=context, initializer=_start_reader, initargs=(theirs,)
        )
        pool.submit(os.getpid).result()  # up: the process has started and answered
        theirs.close()  # the reader has its own copy
    except Exception as exc:  # boards are read on the thread instead; not tried again
        if threading.main_thread().is_alive():  # (not the interpreter exiting meanwhile)
            log.warning("the reader process did not start (%s); boards are read on a thread", exc)
        return
    with _lock:
        _pool, _alive, _starting = pool, ours, False
    _up.set()


def wait_until_up(timeout: float) -> bool:
    """Whether the reader process is up within `timeout` seconds (for tests and benchmarks)."""
    return _up.wait(timeout)


def _drop(pool: ProcessPoolExecutor, why: str, stop: bool = False) -> None:
    """Forget a broken reader process (`stop`: kill it first); reads that queue up start
    another.
    Said once per process."""
    global _pool, _alive
    with _lock:
        if _pool is not pool:
            return
        alive, _pool, _alive = _alive, None, None
        _up.clear()
        if stop:
            _stopped.add(pool)
    if stop:  # (the pool has no public way to stop a worker at work before Python 3.14)
        for process in list(pool._processes.values()):
            process.kill()
    pool.shutdown(wait=False)  # the reads queued fail as broken (not cancelled): see `read`
    if alive is not None:
        alive.close()
    (log.warning if stop else log.error)("%s; reads go to the thread until a new one starts", why)


Logged = list[tuple[str, int, str]]  # (logger, level, message)


class _Kept(logging.Handler):
    """Keeps what the reader process logs during one read, to send back with its answer as
    text (a record's arguments may not pickle)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: Logged = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.exc_info:  # log.exception's traceback, as text
            message += "\n" + _FORMATTER.formatException(record.exc_info)
        self.records.append((record.name, record.levelno, message))


_FORMATTER = logging.Formatter()


_kept = _Kept()


def _start_reader(alive: Connection) -> None:
    """In the reader process: Ctrl-C and a service manager's SIGTERM (sent to the whole group)
    are for the bot, which stops the process as it exits; if the bot is killed instead, the
    process ends when the bot's end of `alive` closes. What is logged is kept for the answer
    (see `_Kept`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_end_with_the_bot, args=(alive,), daemon=True).start()
    root = logging.getLogger()
    root.handlers[:] = [_kept]
    root.setLevel(logging.DEBUG)


def _end_with_the_bot(alive: Connection) -> None:
    """In the reader process: wait (without the lock) until the bot's end closes, then end."""
    with contextlib.suppress(EOFError, OSError):
        alive.recv_bytes()
    os._exit(0)


def _read_in_process(
    kind: str, response: Response, ctx: Context, info: BoardInfo, stored: Mapping[str, str]
) -> tuple[Page | Normalised, Logged]:
    """In the reader process: `read_alone`, and what it logged."""
    try:
        read = gcpause.call(read_alone, sources.get(kind), response, ctx, info, stored)
        return read, _kept.records
    finally:
        _kept.records = []
