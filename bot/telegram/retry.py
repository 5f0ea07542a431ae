"""One send to Telegram, tried again on flood control and transient errors.

Flood control (429) is waited out for as long as Telegram asks, clamped to a ceiling (a
`retry_after` of 10^9 must not stall a chat for ever, nor overflow a sleep); a server or
network error is tried again with exponential backoff; anything else is final. The last error
is raised for the caller to log once and act on.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from bot.errors import RateLimited, TransientSendError

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How long and how often one send is tried again."""

    max_wait: float = 60.0  # the longest one flood-control wait honoured, in seconds
    flood_tries: int = 5  # sends answered 429 before giving up
    transient_tries: int = 4  # sends failed by a server or network error before giving up
    backoff: float = 0.5  # the first wait after a transient error; doubled each time

    def flood_wait(self, retry_after: float) -> float:
        """Telegram's `retry_after`, as a sane number of seconds."""
        if not math.isfinite(retry_after) or retry_after < 0:
            return self.max_wait if retry_after > 0 else 1.0
        return min(retry_after, self.max_wait)


async def retrying(
    send: Callable[[], Awaitable[T]],
    policy: RetryPolicy = RetryPolicy(),
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> T:
    """Await `send()` until it succeeds; raise its last SendError once retrying is pointless."""
    floods = transients = 0
    while True:
        try:
            return await send()
        except RateLimited as exc:
            floods += 1
            if floods >= policy.flood_tries:
                raise
            wait = policy.flood_wait(exc.retry_after)
            log.info("Telegram asked to wait %gs; sending again then", wait)
        except TransientSendError as exc:
            transients += 1
            if transients >= policy.transient_tries:
                raise
            wait = policy.backoff * 2 ** (transients - 1)
            log.debug("send failed (%s); trying again in %gs", exc, wait)
        await sleep(wait)
