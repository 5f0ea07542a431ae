"""Whether Telegram takes messages at all: the sender's view of its one destination.

Modelled on a mail server's queue manager and a dead destination: after `DOWN_AFTER` sends in
a row fail without an answer from Telegram (network errors, 5xx, timeouts), the link is *down*
and the sender tries nothing but one probe at a time, spaced by capped backoff, while every
waiting message keeps its place in the outbox. A rejected bot token (401/404) *pauses* the link
the same way. The first answer from Telegram (sent, 429, blocked, rejected: anything but a
failure of the link itself) brings it back up, and everything waiting goes out at the usual pace.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.backoff import MAX_BACKOFF, Deadline, retry_delay
from bot.config_values import format_duration
from bot.events import TelegramBack, TelegramDown

log = logging.getLogger(__name__)
State = Literal["up", "down", "paused"]


@dataclass(frozen=True, slots=True)
class LinkStatus:
    """What a health check reports: `state`; the last error, or why sending is paused
    (`reason`); when the trouble began (`since`); how many tries in a row failed."""

    state: State = "up"
    reason: str | None = None
    since: datetime | None = None
    failures: int = 0


class Link:
    """Tracks the link's state and when the next probe may go. Reports (returns) `TelegramDown`
    once when `tell_after` rounds of backoff have failed (8 with a 5 s base: about 11 minutes,
    as long as one message used to be tried before it was given up), and `TelegramBack` once
    when it is over: the caller passes them on to the admins."""

    DOWN_AFTER = 3  # failed sends in a row, with no answer between them, that mean "down"

    def __init__(self, clock: Callable[[], datetime], base: float = 5.0, tell_after: int = 8):
        self.status = LinkStatus()
        self._clock, self._base, self._tell_after = clock, base, tell_after
        self._probes = 0
        self._next_probe: Deadline | None = None
        self._told = False
        self._up = asyncio.Event()
        self._up.set()

    @property
    def up(self) -> bool:
        return self.status.state == "up"

    async def wait_up(self) -> None:
        """Return once Telegram takes messages (at once when it does)."""
        await self._up.wait()

    def probe_in(self, loop_now: float) -> float:
        """Seconds until the next probe may go while the link is down or paused (0: now)."""
        if self.up or self._next_probe is None:
            return 0.0
        return self._next_probe.left(loop_now, self._clock())

    def answered(self) -> TelegramBack | None:
        """Telegram answered a send: the link is up; say so if it was not."""
        was = self.status
        if was.state == "up" and not was.failures:
            return None
        self.status, self._probes, self._next_probe = LinkStatus(), 0, None
        self._up.set()
        seconds = (self._clock() - (was.since or self._clock())).total_seconds()
        took = format_duration(seconds)
        if was.state == "paused":
            log.warning("Telegram accepts the bot token again: sending resumed after %s", took)
        elif was.state == "down":
            log.info("Telegram answers again after %s; sending what waited", took)
        if not self._told:
            return None
        self._told = False
        return TelegramBack(seconds, token=was.state == "paused")

    def failed(self, error: str, loop_now: float) -> TelegramDown | None:
        """A send failed without an answer (network, 5xx, timeout)."""
        was, now = self.status, self._clock()
        state, failures = was.state, was.failures + 1
        if state == "up" and failures >= self.DOWN_AFTER:
            state = "down"
            self._up.clear()
            log.warning(
                "Telegram unreachable (%d sends in a row failed; last: %s): every message waits; "
                "probing with one at a time, at most %s apart",
                failures, error, format_duration(MAX_BACKOFF),
            )  # fmt: skip
        reason = was.reason if state == "paused" else error
        self.status = LinkStatus(state, reason, was.since or now, failures)
        if state == "up":
            return None
        self._schedule(loop_now, now)
        if self._probes < self._tell_after or self._told:
            return None
        self._told = True
        return TelegramDown(was.since or now, failures, error, MAX_BACKOFF)

    def unreachable(self, error: str, loop_now: float) -> TelegramDown | None:
        """Telegram could not be reached to connect at all (at start-up): down at once, with
        `error` as the reason, rather than after `DOWN_AFTER` failed sends. The caller logs it."""
        if self.status.state == "up":
            self._up.clear()
            self.status = LinkStatus("down", error, self._clock(), self.status.failures)
        return self.failed(error, loop_now)

    def token_rejected(self, detail: str, loop_now: float) -> None:
        """Telegram refused the bot token: pause all sending (once loudly), probe with backoff."""
        was, now = self.status, self._clock()
        if was.state != "paused":
            log.error(
                "Telegram rejected the bot token (%s): ALL SENDING IS PAUSED, nothing is dropped; "
                "probing with one message at a time, at most %s apart. Check the bot token "
                "(TELEGRAM_BOT_TOKEN, or telegram.token in the config).",
                detail, format_duration(MAX_BACKOFF),
            )  # fmt: skip
            self._up.clear()
            self._told = True  # the admins hear of it when it is over: nothing reaches them now
            reason = f"Telegram rejected the bot token ({detail})"
            was = LinkStatus("paused", reason, now, was.failures)
        self.status = LinkStatus("paused", was.reason, was.since, was.failures + 1)
        self._schedule(loop_now, now)

    def _schedule(self, loop_now: float, wall_now: datetime) -> None:
        """Set the next probe, unless one is set already: sends that were in flight when the
        trouble began fail together, and must not stretch the backoff between them."""
        if self._next_probe is not None and self._next_probe.left(loop_now, wall_now) > 0:
            return
        self._probes += 1
        delay = retry_delay(self._probes, self._base)
        self._next_probe = Deadline.after(delay, loop_now, wall_now)
