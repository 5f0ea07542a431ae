"""The bot's long-running parts run as watched tasks: a part that ends on an error, or the
database file deleted or replaced under the running bot, stops it with the reason (`error`),
which `jobbot run` turns into its exit status (1, so that a service manager restarts it; 2 for
a configuration fault, such as a bot token Telegram refuses)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

from bot.errors import JobbotError

log = logging.getLogger(__name__)


class Supervisor:
    """Starts the parts and watches them and the database file until `stop` is set.

    `file_problem`: what is wrong with the database file, if anything (`Db.file_problem`);
    `watch_every`: seconds between its checks."""

    def __init__(self, file_problem: Callable[[], str | None], watch_every: float) -> None:
        self.file_problem, self.watch_every = file_problem, watch_every
        self.error: JobbotError | None = None  # why the bot stopped itself, if it did

    @property
    def fatal(self) -> str | None:
        """Why the bot stopped itself, in words (None: it did not)."""
        return str(self.error) if self.error is not None else None

    def start(
        self, parts: Iterable[tuple[str, Coroutine[Any, Any, None]]], stop: asyncio.Event
    ) -> list[asyncio.Task]:
        """Each part as a named task, and the database watch; returns them all."""
        named = [*parts, ("database-watch", self._watch_database(stop))]
        tasks = [asyncio.create_task(run, name=name) for name, run in named]
        for task in tasks:
            task.add_done_callback(lambda t: self._ended(t, stop))
        return tasks

    def _ended(self, task: asyncio.Task, stop: asyncio.Event) -> None:
        """A part ended on an error: one of ours (a refused bot token) in its own words; any
        other (a bug: each part handles what it expects) once, loudly, with its traceback.
        Then stop; the service manager restarts jobbot, whose start-up recovery resends what
        was in flight."""
        if task.cancelled() or (exc := task.exception()) is None:
            return
        if isinstance(exc, JobbotError):
            log.error("%s; stopping jobbot", exc)
            error = exc
        else:
            log.error("the %s task failed; stopping jobbot", task.get_name(), exc_info=exc)
            error = JobbotError(f"the {task.get_name()} task failed: {type(exc).__name__}: {exc}")
        self.error = self.error or error
        stop.set()

    async def _watch_database(self, stop: asyncio.Event) -> None:
        """Stop the bot, keeping what was committed, when its database file is deleted or
        replaced: anything written after that would be lost at the next start."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.watch_every)
            problem = self.file_problem()
            if problem:
                log.error("%s; stopping", problem)
                self.error = JobbotError(problem)
                stop.set()
