"""Prometheus metrics for one App, in a registry of its own (never the process-wide default, so
two Apps, or two tests, never share a counter). Counters and histograms observe the engine's
events (bot/events.py); gauges are set from the database's figures just before each scrape."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

from bot import __version__
from bot.events import Event, NotSent, Polled, Sent
from bot.link import LinkStatus
from bot.receiving import RECEIVING_STATES, UP, ReceivingStatus
from bot.store.stats import Figures

log = logging.getLogger(__name__)
USER_STATES = ("active", "paused", "stopped", "blocked", "banned")  # blocked: the bot, by them
LINK_STATES = ("up", "down", "paused")
# first seen on the board -> delivered: a poll interval or two; digests take a day or a week
ALERT_BUCKETS = (30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400, 604800)
POLL_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120)


class Metrics:
    """The metrics of one App. `first_seen(ids)` gives when the postings of deliveries `ids`
    were first seen, for the time-to-alert histogram."""

    def __init__(self, first_seen: Callable[[Iterable[int]], list[datetime]] = lambda ids: []):
        self.first_seen = first_seen
        # No `*_created` series beside every counter and histogram: they double the series and
        # say only when the process started. (A switch of prometheus_client's, process-wide.)
        disable_created_metrics()
        self.registry = r = CollectorRegistry()
        self.polls = Counter(
            "jobbot_polls", "Board polls by board and outcome", ["board", "outcome"], registry=r
        )
        self.postings = Counter(
            "jobbot_postings", "Postings found new, changed or closed by polls", ["change"],
            registry=r,
        )  # fmt: skip
        self.deliveries = Counter(
            "jobbot_deliveries",
            "Sends to Telegram by outcome (sent, retried, rate_limited, failed, dropped, paused)",
            ["outcome"],
            registry=r,
        )
        self.rate_limited = Counter(
            "jobbot_telegram_rate_limited", "429 answers that reached the sender", registry=r
        )
        self.time_to_alert = Histogram(
            "jobbot_time_to_alert_seconds", "Posting first seen -> its alert delivered",
            buckets=ALERT_BUCKETS, registry=r,
        )  # fmt: skip
        self.poll_duration = Histogram(
            "jobbot_poll_duration_seconds", "One poll of one board, all its requests",
            buckets=POLL_BUCKETS, registry=r,
        )  # fmt: skip
        self.outbox = Gauge("jobbot_outbox_depth", "Deliveries waiting to go now", registry=r)
        self.held = Gauge(
            "jobbot_outbox_held", "Deliveries held for a digest, quiet hours or a resume",
            registry=r,
        )  # fmt: skip
        self.oldest = Gauge(
            "jobbot_outbox_oldest_age_seconds", "Age of the oldest delivery waiting to go now",
            registry=r,
        )  # fmt: skip
        self.users = Gauge("jobbot_users", "Users by state", ["state"], registry=r)
        self.alerts = Gauge("jobbot_alerts", "Alerts of current users", ["state"], registry=r)
        self.boards = Gauge("jobbot_boards", "Enabled boards by health", ["state"], registry=r)
        self.open_postings = Gauge("jobbot_open_postings", "Postings still listed", registry=r)
        self.poll_age = Gauge(
            "jobbot_last_successful_poll_age_seconds", "Since any board last polled fine",
            registry=r,
        )  # fmt: skip
        self.link = Gauge(
            "jobbot_telegram_link", "1 for the sending link's state", ["state"], registry=r
        )
        self.updates = Gauge(
            "jobbot_telegram_updates", "1 for the state of fetching updates (commands)",
            ["state"], registry=r,
        )  # fmt: skip
        self.rates_age = Gauge(
            "jobbot_exchange_rates_age_days", "Age of the exchange rates in use (NaN: none)",
            registry=r,
        )  # fmt: skip
        info = Gauge("jobbot_info", "The running version", ["version"], registry=r)
        info.labels(__version__).set(1)

    def observe(self, event: Event) -> None:
        """Count one engine event."""
        if isinstance(event, Polled):
            self.polls.labels(event.board, event.status).inc()
            if event.status != "skipped":
                self.poll_duration.observe(event.seconds)
            for change, count in (("new", event.new), ("changed", event.changed),
                                  ("closed", event.closed)):  # fmt: skip
                if count:
                    self.postings.labels(change).inc(count)
        elif isinstance(event, Sent):
            self.deliveries.labels("sent").inc()
            for seen in self.first_seen(event.ids):
                self.time_to_alert.observe(max((event.at - seen).total_seconds(), 0.0))
        elif isinstance(event, NotSent):
            self.deliveries.labels(event.outcome).inc()
            if event.outcome == "rate_limited":
                self.rate_limited.inc()

    def update(
        self,
        figures: Figures,
        link: LinkStatus,
        now: datetime,
        receiving: ReceivingStatus = UP,
    ) -> None:
        """Set the gauges from the figures of this moment."""
        self.outbox.set(figures.outbox)
        self.held.set(figures.held)
        oldest = figures.oldest_waiting
        self.oldest.set(max((now - oldest).total_seconds(), 0.0) if oldest else 0.0)
        for state in USER_STATES:
            self.users.labels(state).set(figures.users.get(state, 0))
        self.alerts.labels("active").set(figures.alerts - figures.alerts_paused)
        self.alerts.labels("paused").set(figures.alerts_paused)
        self.boards.labels("ok").set(figures.boards - figures.boards_failing)
        self.boards.labels("failing").set(figures.boards_failing)
        self.open_postings.set(figures.open_postings)
        last = figures.last_poll_success
        self.poll_age.set((now - last).total_seconds() if last else float("nan"))
        for state in LINK_STATES:
            self.link.labels(state).set(1 if link.state == state else 0)
        for state in RECEIVING_STATES:
            self.updates.labels(state).set(1 if receiving.state == state else 0)
        day = figures.rates_of
        self.rates_age.set((now.date() - day).days if day else float("nan"))

    def text(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)

    def total(self, name: str, **labels: str) -> float:
        """The sum of a counter's samples whose labels include `labels` (0 when none)."""
        found = 0.0
        for family in self.registry.collect():
            for sample in family.samples:
                if sample.name == name and labels.items() <= sample.labels.items():
                    found += sample.value
        return found
