"""Whether the bot receives its chat's updates (the commands people send): the receiving side
of the one Telegram link, as `link.py` is the sending side. The transport tells it how each
getUpdates ended; it logs one line when a streak of failures begins and one when it ends.

- *starting*: no getUpdates answered yet since jobbot started (the first long poll takes up to
  30 s), for `STARTING` seconds at most; after that, still none answered, it is *down* (Telegram
  unreachable since the start, or the bot still connecting), not *up*.
- *down*: `DOWN_AFTER` getUpdates in a row failed without an answer (network, 5xx, timeouts).
  Reported, not unhealthy: the commands wait at Telegram, and a restart would not help.
- *conflict*: Telegram answered 409 Conflict: another program fetches this bot's updates
  (a second jobbot on the same token, say after a move to a new machine). Unhealthy while it
  lasts: the two share the commands and both send every alert. Both programs see 409s in
  turn, with answers between them, so it is over only once no 409 came for `quiet` seconds.
- a refused token (401/404): kept for the supervisor (`refused`), which stops the bot as at
  start-up, since a token revoked at @BotFather never mends itself.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from bot.config_values import format_duration

log = logging.getLogger(__name__)
ReceivingState = Literal["starting", "up", "down", "conflict"]
RECEIVING_STATES: tuple[ReceivingState, ...] = ("starting", "up", "down", "conflict")
STARTING = 120.0  # seconds: a long poll (30 s) and a connect, with room to spare
NOT_YET = "no getUpdates answered yet since jobbot started"
NEVER = "Telegram has answered no getUpdates since jobbot started"
QUIET = 90.0  # seconds without a 409 after which a conflict is over (PTB retries ≤30 s apart)
CONFLICT = "another program is fetching this bot's updates"


@dataclass(frozen=True, slots=True)
class ReceivingStatus:
    """What a health check reports: `state`, why (`reason`), since when (`since`)."""

    state: ReceivingState = "up"
    reason: str | None = None
    since: datetime | None = None


UP = ReceivingStatus()


class Receiving:
    """Fed by the transport after each getUpdates (`fetched`, `failed`, `conflict`,
    `token_refused`); `clock` dates the trouble, `monotonic` times the conflict's quiet."""

    DOWN_AFTER = 3  # getUpdates in a row that failed without an answer

    def __init__(
        self,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        quiet: float = QUIET,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.quiet, self._clock, self._monotonic = quiet, clock, monotonic
        self._status = ReceivingStatus("starting", NOT_YET, clock())
        self.failures = 0  # getUpdates in a row that failed without an answer
        self._last_conflict = 0.0  # `monotonic` at the last 409
        self._refused: str | None = None
        self._refusal = asyncio.Event()

    @property
    def status(self) -> ReceivingStatus:
        """The state now: *starting* turns *down* once `STARTING` seconds passed without an
        answer (it never heard from Telegram, so it cannot say commands come)."""
        status = self._status
        waited = (self._clock() - status.since).total_seconds() if status.since else 0.0
        if status.state == "starting" and waited > STARTING:
            return ReceivingStatus("down", NEVER, status.since)
        return status

    def fetched(self) -> None:
        """Telegram answered a getUpdates: a failure streak is over, and a conflict once
        `quiet` seconds passed without a 409."""
        self.failures = 0
        was = self.status
        if was.state == "up":
            return
        if was.state == "starting":
            self._status = UP
            return
        if was.state == "conflict" and self._monotonic() - self._last_conflict < self.quiet:
            return
        took = format_duration((self._clock() - (was.since or self._clock())).total_seconds())
        if was.state == "conflict":
            log.info("this bot's updates come to this jobbot alone again (a 409 Conflict "
                     "streak of %s is over)", took)  # fmt: skip
        elif was.reason == NEVER:
            log.info("fetching updates from Telegram for the first time, %s after the start", took)
        else:
            log.info("fetching updates from Telegram again after %s", took)
        self._status = UP

    def failed(self, error: str) -> None:
        """A getUpdates failed without an answer (network, 5xx, timeout, flood wait)."""
        self.failures += 1
        if self._status.state not in ("up", "starting") or self.failures < self.DOWN_AFTER:
            return
        log.warning(
            "cannot fetch updates from Telegram (%d tries in a row failed; last: %s): the "
            "commands people send wait at Telegram; retrying at most 30s apart",
            self.failures, error,
        )  # fmt: skip
        self._status = ReceivingStatus("down", error, self._clock())

    def conflict(self, said: str) -> None:
        """Telegram answered 409 Conflict (`said`: its words): once a streak, one ERROR."""
        self.failures = 0
        self._last_conflict = self._monotonic()
        if self._status.state == "conflict":
            return
        reason = (
            f"{CONFLICT} (Telegram 409 {said}): stop the other jobbot (another machine or "
            "container with this token)"
        )
        log.error("%s; until then the two share the commands and both send every alert", reason)
        self._status = ReceivingStatus("conflict", reason, self._clock())

    def token_refused(self, detail: str) -> None:
        """Telegram refused the bot token to a getUpdates (`detail`: what it answered)."""
        if self._refused is None:
            self._refused = detail
            self._refusal.set()

    async def refused(self) -> str:
        """Once Telegram refused the token to a getUpdates: what it answered."""
        await self._refusal.wait()
        assert self._refused is not None
        return self._refused
