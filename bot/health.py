"""Whether the bot is healthy, from the figures of one moment: the verdict /healthz gives.

Unhealthy (503) when the database does not take writes (or its file was deleted or replaced),
when Telegram refused the bot token (all sending paused), when another program fetches the
bot's updates (Telegram's 409 Conflict: a second jobbot on the token), or when most enabled
boards (more than half) are overdue, each without a good poll for three of its own intervals
(at least STALE_MIN) since the bot started. Each board is judged by its own interval, so a
daily board no longer hides for days that the others stopped; one board failing alone is that
board's trouble (counted as failing, told to the admins), while most failing together points
at the bot's side: its network, DNS, proxy, or a stuck poller. Telegram being unreachable is
reported but stays healthy, for sending and receiving alike: a restart cannot fix it, and
nothing is lost while the outbox waits and the commands wait at Telegram."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.config_values import format_duration
from bot.link import LinkStatus
from bot.receiving import UP, ReceivingStatus
from bot.store.stats import Figures
from bot.wording import plural

STALE_MIN = 600.0  # seconds: never call a board overdue sooner than this
STALE_INTERVALS = 3  # a board is overdue after this many of its intervals without a good poll


@dataclass(frozen=True, slots=True)
class Health:
    """The verdict (`healthy`), why not (`reasons`), and the JSON body to serve."""

    healthy: bool
    reasons: tuple[str, ...]
    body: dict


def _age(now: datetime, then: datetime | None) -> float | None:
    return round(max((now - then).total_seconds(), 0.0), 3) if then else None


def overdue(figures: Figures, now: datetime, started_at: datetime) -> int:
    """How many enabled boards have not polled fine for STALE_INTERVALS of their own intervals
    (at least STALE_MIN), counted from their last success, when they were added, or the bot's
    start, whichever came last."""
    late = 0
    for every, since in figures.schedule:
        since = max(since or started_at, started_at)
        late += (now - since).total_seconds() > max(STALE_INTERVALS * every, STALE_MIN)
    return late


def _overdue_reason(late: int, figures: Figures, now: datetime) -> str:
    last = figures.last_poll_success
    ago = f"{format_duration((now - last).total_seconds())} ago" if last else "never"
    return (
        f"{late} of {plural(len(figures.schedule), 'enabled board')} overdue, each without a "
        f"successful poll for {STALE_INTERVALS} of its intervals (the last good poll of any "
        f"board: {ago})"
    )


def assess(
    figures: Figures,
    database_problem: str | None,
    link: LinkStatus,
    now: datetime,
    started_at: datetime,
    transport: str = "telegram",
    receiving: ReceivingStatus = UP,
) -> Health:
    """The health of the bot at `now` (it started at `started_at`); `transport`: where it
    sends, "telegram" or "console" (the console chat, with no token); `receiving`: how
    fetching its updates goes."""
    reasons = []
    if database_problem:
        reasons.append(f"database not writable: {database_problem}")
    if link.state == "paused":
        reasons.append(f"sending paused: {link.reason}")
    if receiving.state == "conflict":
        reasons.append(str(receiving.reason))
    late = overdue(figures, now, started_at)
    if 2 * late > len(figures.schedule):
        reasons.append(_overdue_reason(late, figures, now))
    body = {
        "status": "ok" if not reasons else "unhealthy",
        "reasons": reasons,
        "event_loop": "alive",  # this answer was computed on it
        "database": {"writable": database_problem is None, "problem": database_problem},
        "last_successful_poll_age_s": _age(now, figures.last_poll_success),
        "boards": {"enabled": figures.boards, "failing": figures.boards_failing, "overdue": late},
        "outbox": {
            "depth": figures.outbox,
            "held": figures.held,
            "oldest_age_s": _age(now, figures.oldest_waiting),
        },
        "sending": {
            "transport": transport,
            "state": link.state,
            "paused": link.state == "paused",
            "reason": link.reason,
            "since": link.since.isoformat() if link.since else None,
        },
        "receiving": {
            "state": receiving.state,
            "reason": receiving.reason,
            "since": receiving.since.isoformat() if receiving.since else None,
        },
    }
    return Health(not reasons, tuple(reasons), body)
