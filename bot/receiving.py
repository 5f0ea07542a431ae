"""Whether the bot receives its chat's updates (the commands people send): the receiving side
of the one Telegram link, as `link.py` is the sending side. The transport tells it how each
getUpdates ended; it logs one line when a streak of failures begins and one when it ends.

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
ReceivingState = Literal["up", "down", "conflict"]
RECEIVING_STATES: tuple[ReceivingState, ...] = ("up", "down", "conflict")
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
        self.status = ReceivingStatus()
        self.quiet, self._clock, self._monotonic = quiet, clock, monotonic
        self.failures = 0  # getUpdates in a row that failed without an answer
        self._last_conflict = 0.0  # `monotonic` at the last 409
        self._refused: str | None = None
        self._refusal = asyncio.Event()

    def fetched(self) -> None:
        """Telegram answered a getUpdates: a failure streak is over, and a conflict once
        `quiet` seconds passed without a 409."""
        self.failures = 0
        was = self.status
        if was.state == "up":
            return
        if was.state == "conflict" and self._monotonic() - self._last_conflict < self.quiet:
            return
        took = format_duration((self._clock() - (was.since or self._clock())).total_seconds())
        if was.state == "conflict":
            log.info("this bot's updates come to this jobbot alone again (a 409 Conflict "
                     "streak of %s is over)", took)  # fmt: skip
        else:
            log.info("fetching updates from Telegram again after %s", took)
        self.status = ReceivingStatus()

    def failed(self, error: str) -> None:
        """A getUpdates failed without an answer (network, 5xx, timeout, flood wait)."""
        self.failures += 1
        if self.status.state != "up" or self.failures < self.DOWN_AFTER:
            return
        log.warning(
            "cannot fetch updates from Telegram (%d tries in a row failed; last: %s): the "
            "commands people send wait at Telegram; retrying at most 30s apart",
            self.failures, error,
        )  # fmt: skip
        self.status = ReceivingStatus("down", error, self._clock())

    def conflict(self, said: str) -> None:
        """Telegram answered 409 Conflict (`said`: its words): once a streak, one ERROR."""
        self.failures = 0
        self._last_conflict = self._monotonic()
        if self.status.state == "conflict":
            return
        reason = (
            f"{CONFLICT} (Telegram 409 {said}): stop the other jobbot (another machine or "
            "container with this token)"
        )
        log.error("%s; until then the two share the commands and both send every alert", reason)
        self.status = ReceivingStatus("conflict", reason, self._clock())

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
