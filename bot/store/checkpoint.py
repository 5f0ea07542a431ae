"""WAL checkpoints on a thread of their own, not in the commits of the event loop's connection.

SQLite copies the write-ahead log back into the database (a checkpoint) in whichever commit
takes the log past 1,000 pages, and syncs the file to disk: 30-50 ms inside one of the
poller's commits while a big board's first poll is stored (one commit in ten), longer on a
busy disk, with the event loop standing still. The app's connection turns that off
(`wal_autocheckpoint=0`) and tells a `Checkpointer` after each transaction; then
its thread checkpoints over a connection of its own (PASSIVE: it never waits for, nor
blocks, a writer), at most once every `EVERY` seconds, and the next transaction after a
complete one starts the log over, from the top of the same file. A write outside a
transaction (a statement that commits itself) tells nobody: the thread also looks at the log
file every `EVERY` seconds and checkpoints when it has moved, so no writer can grow the log
unchecked.

The log file is never cut shorter on the loop: cutting a file of a few hundred megabytes
took 36-356 ms on this disk (the kernel frees its pages and blocks), in the commit that
started the log over. Instead a writer that writes without a pause (a big board's first
poll, the text indexer) waits between its transactions, with the event loop running
(`caught_up`), while the log is past `LOG_LIMIT`, until the thread has copied all of it: the
next transaction then starts the log over, and the file stays about `LOG_LIMIT` long. How
long the log is, and how much of it is copied, the writer reads from the head of the
`-shm` file, SQLite's index of the log (its layout: https://sqlite.org/walformat.html).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import struct
import threading
from pathlib import Path

log = logging.getLogger(__name__)
Waiter = tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]  # a burst waiting, its loop
EVERY = 1.0  # seconds at least between two checkpoints (unless a writer waits for one)
LOG_LIMIT = 64 * 1024 * 1024  # bytes of log a writer's burst runs to before it waits
CATCH_UP = 10.0  # seconds a burst waits for a checkpoint before it writes on regardless
AGAIN = 0.01  # seconds between two checkpoints while a burst waits for one to catch up
WAL_FRAME_HEADER = 24  # bytes before each page in the log
WAL_INDEX_VERSION = 3007000
# The head of the -shm file, in the machine's byte order: iVersion, unused, iChange, isInit,
# bigEndCksum, szPage, mxFrame (the log's frames), ..., and at byte 96 nBackfill (copied).
WAL_INDEX_HEAD = struct.Struct("=IIIBBHI")
BACKFILL = struct.Struct("=I")
BACKFILL_AT = 96


class Checkpointer:
    """Checkpoints the database at `path` on its thread after transactions (`written`), and
    whenever its log has moved since the last checkpoint; holds bursts back while the log is
    long (`caught_up`)."""

    def __init__(self, path: Path, every: float = EVERY, limit: int = LOG_LIMIT):
        self.path, self.every, self.limit = path, every, limit
        self.log = path.with_name(path.name + "-wal")
        self.index = path.with_name(path.name + "-shm")
        self.done = 0  # checkpoints run (tests and benchmarks read it)
        self.patience = CATCH_UP  # seconds a burst waits (`caught_up`)
        self._stuck = False  # a burst waited in vain: none waits until a checkpoint catches up
        self._waiting: list[Waiter] = []
        self._lock = threading.Lock()
        self._wanted = threading.Event()  # a transaction committed, or a burst waits
        self._hurry = threading.Event()  # a burst waits: no pause after a checkpoint
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="jobbot-checkpoint", daemon=True)
        self._thread.start()

    def written(self) -> None:
        """A transaction committed: checkpoint soon."""
        self._wanted.set()

    def long(self) -> bool:
        """The log is past `limit` and not all copied: a burst should wait (`caught_up`).
        False when SQLite's index of the log cannot be read (a burst then never waits)."""
        if self._stuck:
            return False
        try:
            with open(self.index, "rb") as index:
                head = index.read(BACKFILL_AT + BACKFILL.size)
        except OSError:
            return False
        if len(head) < BACKFILL_AT + BACKFILL.size:
            return False
        version, _, _, _, _, page, frames = WAL_INDEX_HEAD.unpack_from(head)
        (copied,) = BACKFILL.unpack_from(head, BACKFILL_AT)
        if version != WAL_INDEX_VERSION:
            return False
        page = 65536 if page == 1 else page  # 64 KiB pages are stored as 1
        return copied < frames and frames * (page + WAL_FRAME_HEADER) > self.limit

    async def caught_up(self) -> None:
        """While the log is `long`, wait until the thread has copied all of it (the event loop
        runs meanwhile): the caller's next transaction then starts the log over. After
        `patience` seconds (a reader holding an old snapshot, a disk that will not keep up)
        the burst writes on, and no burst waits again until a checkpoint catches up."""
        if not self.long():
            return
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        with self._lock:
            self._waiting.append((loop, waiter))
        self._hurry.set()
        self._wanted.set()
        try:
            await asyncio.wait_for(waiter, self.patience)
        except TimeoutError:
            if not self._stuck:
                log.warning(
                    "the database's write-ahead log (%d MB) could not be copied back in %.0f s "
                    "(a long read holding it?); writing on, the log grows meanwhile",
                    self._log_size() >> 20,
                    self.patience,
                )
            self._stuck = True
        finally:
            with self._lock:
                self._waiting = [(lp, w) for lp, w in self._waiting if w is not waiter]

    def close(self) -> None:
        """Stop the thread (closing the last connection checkpoints what is left)."""
        self._closing.set()
        self._hurry.set()
        self._wanted.set()
        self._thread.join()

    def _log_size(self) -> int:
        try:
            return os.stat(self.log).st_size
        except OSError:
            return 0

    def _log_mark(self) -> tuple[int, int] | None:
        """The log file's size and modification time (None: no log): writes move it."""
        try:
            st = os.stat(self.log)
        except OSError:
            return None
        return st.st_size, st.st_mtime_ns

    def _checked(self, frames: int, copied: int, began: list[Waiter]) -> None:
        """A checkpoint copied `copied` of the log's `frames`: all of them wakes the bursts
        that were waiting when it `began`. One that came to wait meanwhile committed after
        the checkpoint read the log's length, so its frames may not be copied yet: it waits
        for the next one (woken now, its transaction would write on at the log's end)."""
        if frames < 0 or copied < frames:
            return
        self._stuck = False
        with self._lock:
            self._waiting = [w for w in self._waiting if w not in began]
        for loop, waiter in began:
            # A waiter whose loop has closed needs no waking, and must not end this thread.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_wake, waiter)

    def _run(self) -> None:
        conn = sqlite3.connect(str(self.path), timeout=10.0, isolation_level=None)
        seen = self._log_mark()
        try:
            while True:
                told = self._wanted.wait(self.every)
                if self._closing.is_set():
                    return
                self._wanted.clear()
                mark = self._log_mark()
                if not told and mark == seen:
                    continue  # nothing written since the last look
                with self._lock:
                    began = list(self._waiting)
                try:
                    _, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    self.done += 1
                    self._checked(frames, copied, began)
                except sqlite3.Error as exc:  # the next commit, or look, asks again
                    log.debug("checkpoint failed: %s", exc)
                seen = mark
                if self._waiting:  # a burst waits for this log to be copied: again, soon
                    self._wanted.set()
                    self._closing.wait(AGAIN)
                else:
                    self._hurry.wait(self.every)
                self._hurry.clear()
        finally:
            conn.close()


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)
