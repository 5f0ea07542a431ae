"""The admins' /stats reply: what /healthz and /metrics say, in words (Telegram HTML). Its
headline is stricter than /healthz: any failing board makes it a warning (a board of theirs
broken is news to an admin), though the bot stays healthy until most are overdue."""

from __future__ import annotations

import html
from datetime import datetime

from bot.config_values import format_duration
from bot.health import Health
from bot.metrics import Metrics
from bot.store.stats import Figures
from bot.wording import plural


def _ago(now: datetime, then: datetime | None) -> str:
    if then is None:
        return "never"
    return f"{format_duration(max((now - then).total_seconds(), 1))} ago"


def _n(value: float) -> str:
    return f"{int(value):,}"


def _time_to_alert(metrics: Metrics) -> str:
    count = metrics.total("jobbot_time_to_alert_seconds_count")
    if not count:
        return "no alert delivered yet"
    average = metrics.total("jobbot_time_to_alert_seconds_sum") / count
    fast = metrics.total("jobbot_time_to_alert_seconds_bucket", le="900.0") / count
    return f"average {format_duration(average)}, {fast:.0%} within 15m"


def _rates(figures: Figures) -> str:
    if figures.rates_of is None:
        return "none (a salary filter with a currency matches only jobs paid in it)"
    day = figures.rates_of
    return f"of {day.day} {day:%b %Y}, {_n(figures.rates)} currencies"


def headline(figures: Figures, health: Health) -> str:
    """ "✅ Healthy" only when nothing is wrong: unhealthy as /healthz says, else the failing
    boards ("⚠️ 9 of 10 boards failing"); most at once point at the bot's network."""
    if not health.healthy:
        return "⚠️ <b>Unhealthy</b>: " + html.escape("; ".join(health.reasons))
    failing = figures.boards_failing
    if not failing:
        return "✅ <b>Healthy</b>"
    most = 2 * failing > figures.boards and failing > 1
    hint = "; most at once: check the bot's network, DNS or proxy" if most else ""
    count = f"{_n(failing)} of {plural(figures.boards, 'board')}"
    return f"⚠️ <b>{count} failing</b> (/boards says why{hint})"


def stats_text(
    figures: Figures, metrics: Metrics, health: Health, now: datetime, started_at: datetime
) -> str:
    """Users, alerts, boards, outbox and health now; polls and sends since the bot started."""
    users = figures.users
    left = sum(users.get(state, 0) for state in ("stopped", "blocked", "banned"))
    lines = [
        headline(figures, health),
        f"<b>Users</b>: {_n(users.get('active', 0))} active, {_n(users.get('paused', 0))} "
        f"paused, {_n(left)} left (/stop, a block or a ban): /users lists them",
        f"<b>Alerts</b>: {_n(figures.alerts)} ({_n(figures.alerts_paused)} paused)",
        f"<b>Boards</b>: {_n(figures.boards)} ({_n(figures.boards_failing)} failing), "
        f"{_n(figures.open_postings)} open postings; last good poll "
        f"{_ago(now, figures.last_poll_success)}",
        f"<b>Outbox</b>: {_n(figures.outbox)} waiting (oldest "
        f"{_ago(now, figures.oldest_waiting) if figures.oldest_waiting else 'none'}), "
        f"{_n(figures.held)} held for digests, quiet hours or pauses",
        f"<b>Exchange rates</b>: {_rates(figures)}",
        f"<b>Since start</b> ({format_duration(max((now - started_at).total_seconds(), 1))} ago):",
        f"  polls: {_n(metrics.total('jobbot_polls_total'))} "
        f"({_n(metrics.total('jobbot_polls_total', outcome='failed'))} failed)",
        f"  postings: {_n(metrics.total('jobbot_postings_total', change='new'))} new, "
        f"{_n(metrics.total('jobbot_postings_total', change='changed'))} changed, "
        f"{_n(metrics.total('jobbot_postings_total', change='closed'))} closed",
        f"  messages: {_n(metrics.total('jobbot_deliveries_total', outcome='sent'))} sent, "
        f"{_n(metrics.total('jobbot_deliveries_total', outcome='retried'))} retried, "
        f"{_n(metrics.total('jobbot_deliveries_total', outcome='failed'))} failed, "
        f"{_n(metrics.total('jobbot_telegram_rate_limited_total'))} rate-limited (429)",
        f"  time to alert: {_time_to_alert(metrics)}",
    ]
    return "\n".join(lines)
