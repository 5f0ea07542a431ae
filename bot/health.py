"""Whether the bot is healthy, from the figures of one moment: the verdict /healthz gives.

Unhealthy (503) when the database does not take writes (or its file was deleted or replaced),
when Telegram refused the bot token (all sending paused), or when no board has polled fine for
three of the slowest board's intervals (at least STALE_MIN) since the bot started. Telegram
being unreachable is reported but stays healthy: a restart cannot fix it, and nothing is lost
while the outbox waits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.config_values import format_duration
from bot.link import LinkStatus
from bot.store.stats import Figures

STALE_MIN = 600.0  # seconds: never call polls stale sooner than this


@dataclass(frozen=True, slots=True)
class Health:
    """The verdict (`healthy`), why not (`reasons`), and the JSON body to serve."""

    healthy: bool
    reasons: tuple[str, ...]
    body: dict


def _age(now: datetime, then: datetime | None) -> float | None:
    return round(max((now - then).total_seconds(), 0.0), 3) if then else None


def stale_after(figures: Figures) -> float:
    """Seconds without a successful poll after which polling counts as stuck."""
    return max(3 * figures.longest_interval, STALE_MIN)


def assess(
    figures: Figures,
    database_problem: str | None,
    link: LinkStatus,
    now: datetime,
    started_at: datetime,
) -> Health:
    """The health of the bot at `now` (it started at `started_at`)."""
    reasons = []
    if database_problem:
        reasons.append(f"database not writable: {database_problem}")
    if link.state == "paused":
        reasons.append(f"sending paused: {link.reason}")
    since = max(figures.last_poll_success or started_at, started_at)
    if figures.boards and (now - since).total_seconds() > stale_after(figures):
        reasons.append(
            f"no board polled successfully for {format_duration((now - since).total_seconds())} "
            f"(the slowest is polled every {format_duration(figures.longest_interval)})"
        )
    body = {
        "status": "ok" if not reasons else "unhealthy",
        "reasons": reasons,
        "event_loop": "alive",  # this answer was computed on it
        "database": {"writable": database_problem is None, "problem": database_problem},
        "last_successful_poll_age_s": _age(now, figures.last_poll_success),
        "boards": {"enabled": figures.boards, "failing": figures.boards_failing},
        "outbox": {
            "depth": figures.outbox,
            "held": figures.held,
            "oldest_age_s": _age(now, figures.oldest_waiting),
        },
        "sending": {
            "state": link.state,
            "paused": link.state == "paused",
            "reason": link.reason,
            "since": link.since.isoformat() if link.since else None,
        },
    }
    return Health(not reasons, tuple(reasons), body)
