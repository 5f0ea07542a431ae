"""Telegram's limits: the overall rate as a gate sends pass one at a time (`Pacer`), and when
each chat may get its next message (`ChatLimits`)."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from datetime import datetime

from bot.backoff import MAX_GLOBAL_HOLD, Deadline, clamp_wait
from bot.config import DeliveryConfig

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

    @property
    def free_at(self) -> float:
        """Loop time from which the next caller may pass."""
        return self._next

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


class ChatLimits:
    """When each chat may get its next message, in loop time: `per_chat_interval` after the last
    one to a private chat finished, `group_messages` per `group_window` to a group, and not
    before the wait a 429 asked for (clamped; over on either clock, see `Deadline`). Two chats
    limited at once mean everyone waits: the pacer holds for the shorter of the two waits.

    The sender and the broadcaster share one: a chat with a send of either in flight (`begin`
    to `finished`) gets nothing else until that one is done and spaced from."""

    def __init__(self, config: DeliveryConfig, pacer: Pacer, clock: Callable[[], datetime]):
        self.config, self._pacer, self._clock = config, pacer, clock
        self._ready: dict[int, float] = {}  # chat -> loop time it may get its next message
        self._groups: dict[int, deque[float]] = {}  # group -> its recent sends' loop times
        self._holds: dict[int, Deadline] = {}  # chat -> end of the wait its 429 asked for
        self._limited: dict[int, tuple[float, float]] = {}  # chat -> its last 429: (when, end)
        self._busy: set[int] = set()  # chats with a send in flight

    def begin(self, chat_id: int) -> None:
        """A send to the chat starts: nothing else goes to it until `finished`."""
        self._busy.add(chat_id)

    def ready_at(self, chat_id: int, now: float) -> float:
        ready = self._ready.get(chat_id, 0.0)
        if chat_id in self._busy:  # at the soonest, a message's spacing after this one
            ready = max(ready, now + self.config.per_chat_interval * MARGIN)
        window = self._groups.get(chat_id)
        if chat_id < 0 and window and len(window) >= self.config.group_messages:
            ready = max(ready, window[0] + self.config.group_window * MARGIN)
        if (hold := self._holds.get(chat_id)) is not None:
            if (left := hold.left(now, self._clock())) > 0:
                return max(ready, now + left)
            del self._holds[chat_id]
        return ready

    def finished(self, chat_id: int, now: float) -> None:
        """A send to the chat finished: space the next from now, after Telegram received this
        one, so request latency can never squeeze two messages too close."""
        self._busy.discard(chat_id)
        self.spaced(chat_id, now)

    def spaced(self, chat_id: int, now: float) -> None:
        """One message of a send of several went (a summary's part): space the next from it."""
        ready = now + self.config.per_chat_interval * MARGIN
        self._ready[chat_id] = max(self._ready.get(chat_id, 0.0), ready)
        if chat_id < 0:
            window = self._groups.setdefault(chat_id, deque())
            window.append(now)
            while len(window) > self.config.group_messages:
                window.popleft()

    def limited(self, chat_id: int, retry_after: float, now: float) -> float:
        """A 429 for the chat; returns the wait it gets (at most MAX_RETRY_AFTER)."""
        wait = clamp_wait(retry_after)
        self._holds[chat_id] = Deadline.after(wait, now, self._clock())
        # Only a 429 of the last minute, still in force, counts as "limited at once": a chat
        # told to wait an hour must not turn every other chat's 429 in that hour into a halt.
        recent = now - MAX_GLOBAL_HOLD
        self._limited = {c: w for c, w in self._limited.items() if w[0] >= recent and w[1] >= now}
        others = [end for chat, (_, end) in self._limited.items() if chat != chat_id]
        if others:
            self._pacer.hold_until(min(now + wait, max(others)), now)
        self._limited[chat_id] = (now, now + wait)
        return wait
