"""Notices jumps of the system clock, so that schedules kept in wall-clock time survive them.

APScheduler, board backoffs and delivery retries are kept as wall-clock times. When the clock
is set back (an NTP step, a VM restored, an admin's `date -s`), each of them would wait for the
lost time on top of its own: an hour back, an hour without polls, silently. `ClockWatch`
compares the wall clock with the monotonic clock at every tick; when the wall clock moved back
by more than `tolerance`, it hands the jump to its listeners, which move their times back by as
much, so each waits what it had left. A jump forward (a resume from suspend included, which
the monotonic clock does not count) needs nothing: what fell due runs now, once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from bot.store import utcnow

log = logging.getLogger(__name__)
Listener = Callable[[timedelta, datetime], None]  # (jump, wall time now)


class ClockWatch:
    """Calls each listener with (jump, now) when the wall clock went back by more than
    `tolerance` seconds between two checks."""

    def __init__(
        self,
        listeners: Iterable[Listener],
        *,
        wall: Callable[[], datetime] = utcnow,
        mono: Callable[[], float] = time.monotonic,
        tolerance: float = 2.0,
        every: float = 5.0,
    ):
        self.listeners = list(listeners)
        self.wall, self.mono = wall, mono
        self.tolerance, self.every = tolerance, every
        self._last = (wall(), mono())

    def check(self) -> timedelta | None:
        """Compare the clocks once; returns the backward jump handled, if any."""
        wall, mono = self.wall(), self.mono()
        last_wall, last_mono = self._last
        self._last = (wall, mono)
        drift = (wall - last_wall).total_seconds() - (mono - last_mono)
        if drift > self.tolerance:
            log.info("the system clock moved forward by %.0fs; what fell due runs now", drift)
        if drift >= -self.tolerance:
            return None
        jump = timedelta(seconds=drift)
        log.warning(
            "the system clock was set back by %.0fs; moving polls and retries back with it",
            -drift,
        )
        for listener in self.listeners:
            listener(jump, wall)
        return jump

    async def run(self, stop: asyncio.Event) -> None:
        """Check every `every` seconds (of the monotonic clock) until `stop` is set."""
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.every)
            except TimeoutError:
                self.check()
