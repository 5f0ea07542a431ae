"""How long to wait before trying Telegram again: capped backoff, clamped remote waits, deadlines.

Every wait that comes from a failure or from a number Telegram sent passes through here, so none
can grow without bound: our own backoff stops at `MAX_BACKOFF` (15 minutes, like a mail queue's
retry interval), a `retry_after` is clamped to `MAX_RETRY_AFTER` (1 hour) where it enters, and an
"everyone wait" inferred from two chats' 429s lasts at most `MAX_GLOBAL_HOLD`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_BACKOFF = 900.0  # the longest pause between two tries of a failing send
# Telegram's real flood waits are seconds to minutes; a 10**9 is a bug or an attack. An hour is
# long enough to respect any honest answer and short enough that nothing stalls for good.
MAX_RETRY_AFTER = 3600.0
# Holding *every* chat is our inference from two chats limited at once, not Telegram's word:
# check again after at most a minute (one 429 more at worst) rather than halt everything.
MAX_GLOBAL_HOLD = 60.0


def retry_delay(attempts: int, base: float = 5.0, cap: float = MAX_BACKOFF) -> float:
    """Exponential backoff for the `attempts`-th failure in a row: ~base, 2*base, 4*base ...
    up to `cap`, with jitter downwards (80-100%) so the cap is a true ceiling and a queue of
    failed sends does not retry in lockstep. Safe for any number of attempts."""
    exponent = min(max(attempts - 1, 0), 40)  # 2**40 * anything positive passes any cap
    return min(base * 2.0**exponent, cap) * random.uniform(0.8, 1.0)


def clamp_wait(seconds: float, ceiling: float = MAX_RETRY_AFTER) -> float:
    """A wait a remote side asked for, made safe: negative -> 0, NaN or huge -> `ceiling`."""
    if math.isnan(seconds):
        return ceiling
    return min(max(seconds, 0.0), ceiling)


@dataclass(frozen=True, slots=True)
class Deadline:
    """The end of a wait on both clocks; it is over when either clock says so.

    The loop's monotonic clock keeps a wall-clock jump (either way) from stretching the wait
    beyond its length; the wall clock is the one tests inject, so they can pass hours at once."""

    loop_at: float
    wall_at: datetime

    @classmethod
    def after(cls, seconds: float, loop_now: float, wall_now: datetime) -> Deadline:
        seconds = clamp_wait(seconds)
        return cls(loop_now + seconds, wall_now + timedelta(seconds=seconds))

    def left(self, loop_now: float, wall_now: datetime) -> float:
        """Seconds until the wait is over (0 when it is)."""
        wall_left = (self.wall_at - wall_now).total_seconds()
        return max(min(self.loop_at - loop_now, wall_left), 0.0)
