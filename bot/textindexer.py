"""Indexes the postings' text that writes queued (`bot.store.textindex`), off the poll's path:
on the event loop, one short transaction at a time, after each poll that stored postings and
at start-up (for anything a stop left queued).

It runs on the loop's own connection, between the poller's transactions: on a thread of its
own it would hold the write lock while the poller waited for it on the loop. It works in
steps of a few milliseconds: a slice of text (`SLICE_CHARS`), or a step of merging the
index's segments (`MERGE_PAGES`), which FTS5 would otherwise do inside whichever slice
crossed its threshold. After `TURN` of them the loop runs everything that came due
(`give_way`). Until a posting is indexed, /search finds it in the queue.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time

from bot.store import Db, TextIndex
from bot.store.textindex import SLICE_CHARS

log = logging.getLogger(__name__)
TURN = 0.01  # seconds of steps the loop runs before it gives way to others
GIVE_WAY = 0.001  # seconds the loop is left to others between two turns
RETRY = 60.0  # seconds before a slice the database would not take is tried again


async def give_way(db: Db) -> None:
    """Let everything waiting on the event loop run before the caller, a burst of
    transactions on `db`, goes on; and while the write-ahead log is long, let the checkpoint
    thread catch up first (`Db.caught_up`). `sleep(0)` is not enough: the caller's next step
    is queued before what the timers and I/O that came due meanwhile wake (a task woken by a
    timer runs two turns of the loop later), so the loop would run two of its slices back to
    back; a millisecond's timer lets them all through."""
    await asyncio.sleep(GIVE_WAY)
    await db.caught_up()


class TextIndexer:
    """Drains the text index's queue a slice at a time; `wake` after writing postings."""

    def __init__(self, index: TextIndex, chars: int = SLICE_CHARS, turn: float = TURN):
        self.index, self.chars, self.turn = index, chars, turn
        self._wanted = asyncio.Event()
        self._failing = False  # the last slice could not be written (told once)

    def wake(self) -> None:
        """Postings were stored: index them soon."""
        self._wanted.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Index what is queued now, then whatever is stored later, until `stop` is set; after
        a failure, again within `RETRY` seconds even if nothing wakes it."""
        stopped = asyncio.ensure_future(stop.wait())
        try:
            while not stop.is_set():
                self._wanted.clear()
                await self.drain()
                woke = asyncio.ensure_future(self._wanted.wait())
                await asyncio.wait(
                    {woke, stopped},
                    timeout=RETRY if self._failing else None,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                woke.cancel()
        finally:
            stopped.cancel()

    async def drain(self) -> int:
        """Index everything queued and merge the segments that leaves, steps for at most
        `turn` seconds per turn of the loop; returns how many postings. A database that will
        not take a step (locked, full) stops it until the next wake: the postings stay
        queued, and found."""
        done = 0
        began = time.perf_counter()
        while True:
            try:  # a step: merge what the last slices left, or else index the next slice
                merged = self.index.merge_next()
                count = 0 if merged else self.index.index_next(self.chars)
            except sqlite3.Error as exc:
                if not self._failing:
                    log.warning("indexing the postings' text failed (retried later): %s", exc)
                self._failing = True
                return done
            if self._failing:
                log.info("indexing the postings' text works again")
                self._failing = False
            if not merged and not count:
                return done
            done += count
            if time.perf_counter() - began >= self.turn:
                await give_way(self.index.db)
                began = time.perf_counter()
