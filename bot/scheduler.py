"""APScheduler runs one job per board at its interval, with jitter, never two runs of one board.

Its times are wall-clock times: `shift` moves them when the clock is set back (`bot.clock`)."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.poller import Poller
from bot.store import utcnow

log = logging.getLogger(__name__)


def jitter_for(interval: float) -> float:
    """A tenth of the interval, at most two minutes, so boards of one host spread out."""
    return min(interval * 0.1, 120.0)


class BoardScheduler:
    """Owns the APScheduler instance and its per-board jobs."""

    def __init__(self, poller: Poller, wall: Callable[[], datetime] = utcnow):
        self.poller = poller
        self.wall = wall
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._broken: set[str] = set()  # boards whose poll raised (a bug), told once

    async def poll(self, name: str) -> None:
        """The job of one board: poll it; after a failure, next at its backoff. The poller
        turns every fault of a board into a failed outcome, so what escapes is a bug: its
        traceback is logged once per board, not at every interval, and the other boards go on."""
        try:
            outcome = await self.poller.poll(name)
        except Exception:  # one board's job: a bug here must not stop the scheduler
            if name not in self._broken:
                log.exception("board %s: the poll crashed (a bug); logged once", name)
            self._broken.add(name)
            return
        self._broken.discard(name)
        if outcome.retry_in is not None:
            self.retry_in(name, outcome.retry_in)

    def add(self, name: str, interval: float, first_in: float | None = None) -> None:
        """Poll `name` every `interval` seconds; the first poll in `first_in` seconds (default soon)."""
        delay = random.uniform(0.0, min(interval, 3.0)) if first_in is None else first_in
        self.scheduler.add_job(
            self.poll,
            IntervalTrigger(seconds=interval, jitter=jitter_for(interval)),
            args=[name],
            id=f"board:{name}",
            name=f"poll {name}",
            replace_existing=True,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            next_run_time=self.wall() + timedelta(seconds=delay),
        )

    def retry_in(self, name: str, delay: float) -> None:
        """Poll `name` next in `delay` seconds (its backoff), then at its interval again."""
        job = self.scheduler.get_job(f"board:{name}")
        if job is not None:
            job.modify(next_run_time=self.wall() + timedelta(seconds=delay))

    def shift(self, jump: timedelta, now: datetime) -> None:
        """The wall clock jumped by `jump`: move every future poll by as much, so each still
        comes after what was left of its wait (see `bot.clock`)."""
        for job in self.scheduler.get_jobs():
            when = job.next_run_time
            if when is not None and when > now:
                job.modify(next_run_time=max(when + jump, now))

    def remove(self, name: str) -> None:
        job = self.scheduler.get_job(f"board:{name}")
        if job is not None:
            job.remove()

    def start(self) -> None:
        self.scheduler.start()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
