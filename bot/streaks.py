"""A board's run of failed polls: its backoff, when the admins hear of it, its recovery."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.config import PollingConfig
from bot.config_values import format_duration
from bot.events import BoardFailing, BoardRecovered, OnEvent
from bot.store import Boards, BoardState, Db
from bot.wording import plural

log = logging.getLogger(__name__)


def backoff(interval: float, failures: int, cap: float) -> float:
    """Delay before retrying a board that failed `failures` times in a row: doubling from the
    interval or a minute, whichever is shorter (a blip must not silence a daily board for a
    day), up to `cap`."""
    base = min(interval, 60.0) * 2 ** max(failures - 1, 0)
    return min(base, max(cap, interval)) * random.uniform(0.9, 1.1)


class Streaks:
    """Stores each poll's success or failure. A failure is logged once per streak (then at
    debug) and backs the board off; `on_event` hears `BoardFailing` once per streak, when it
    has failed `alert_admins_after` polls in a row (or at once, when asked), and
    `BoardRecovered` when a board the admins heard about polls fine again."""

    def __init__(
        self,
        db: Db,
        boards: Boards,
        polling: PollingConfig,
        clock: Callable[[], datetime],
        on_event: OnEvent,
    ):
        self.db = db
        self.boards = boards
        self.polling = polling
        self.clock = clock
        self.on_event = on_event

    def succeeded(
        self,
        board: BoardState,
        now: datetime,
        etag: str | None,
        lm: str | None,
        body_hash: str | None = None,
    ) -> None:
        """The board polled fine: its validators stored, its failure streak (if any) ended."""
        streak = self.boards.mark_success(board.name, now, etag, lm, body_hash)
        if streak:
            log.info("board %s: recovered after %s", board.name, plural(streak, "failed poll"))
            if board.admins_alerted:
                self.on_event(BoardRecovered(board.name, streak))

    def failed(
        self,
        board: BoardState,
        error: str,
        *,
        logged: bool = False,
        retry_after: float | None = None,
        alert_now: bool = False,
    ) -> float:
        """Store the failure and back the board off; returns the seconds until its next try
        (at least a `retry_after` the board asked for, up to the configured maximum)."""
        now = self.clock()
        failures = board.consecutive_failures + 1
        delay = backoff(board.interval_s, failures, self.polling.max_backoff)
        if retry_after:
            delay = max(delay, min(retry_after, self.polling.max_backoff))
        tell = not board.admins_alerted and (
            alert_now or failures >= self.polling.alert_admins_after
        )
        with self.db.transaction():  # the failure and whether it was told: one commit
            self.boards.mark_failure(board.name, now, error, now + timedelta(seconds=delay))
            if tell:
                self.boards.set_admins_alerted(board.name)
        wait = format_duration(delay)
        if failures == 1 and not logged:
            log.warning(
                "board %s: %s; retrying with backoff (next try in %s)", board.name, error, wait
            )
        else:
            log.debug("board %s: failure %d in a row: %s", board.name, failures, error)
        if tell:
            self.on_event(BoardFailing(board.name, failures, error, delay))
        return delay
