"""Telegram's overall rate limit as a gate that sends pass one at a time, evenly spaced."""

from __future__ import annotations

import asyncio

from bot.backoff import MAX_GLOBAL_HOLD

MARGIN = 1.05  # stay this much under the per-chat and group limits
# ... and this much under the overall rate: at Telegram's 30 per second that leaves ~60 ms for
# requests to bunch up on the way without ever breaking the limit.
GLOBAL_MARGIN = 1.06


class Pacer:
    """Lets callers through one at a time, at least `interval` apart, in arrival order.

    The grid is kept through small sleep overshoots, but a caller that comes late (after an idle
    spell or a stall) starts a new grid rather than firing a burst to catch up."""

    def __init__(self, rate: float):
        self.interval = GLOBAL_MARGIN / rate
        self._next = 0.0
        self._lock = asyncio.Lock()

    def hold_until(self, when: float, loop_now: float) -> float:
        """Nothing passes before loop time `when` (everyone was limited), but never for longer
        than `MAX_GLOBAL_HOLD` from `loop_now`; returns the time the hold ends."""
        self._next = max(self._next, min(when, loop_now + MAX_GLOBAL_HOLD))
        return self._next

    async def wait(self, loop: asyncio.AbstractEventLoop) -> None:
        async with self._lock:
            while (delay := self._next - loop.time()) > 0:
                await asyncio.sleep(min(delay, MAX_GLOBAL_HOLD))
            now = loop.time()
            late = now - self._next
            self._next = (self._next if late < self.interval else now) + self.interval
