"""New postings to the outbox: the compiled alert index, kept current, and its routing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime

from bot import fanout, match
from bot.index import Matcher
from bot.models import Posting
from bot.store import Alerts, Choices, Db, Follows, Outbox

log = logging.getLogger(__name__)


class Router:
    """Routes new postings to the users whose alerts (or follows) they match, through one
    compiled alert index built once and then synced when alerts change (building one for
    100k alerts takes seconds; syncing it, tens of milliseconds)."""

    def __init__(self, db: Db, alerts: Alerts, follows: Follows, choices: Choices, outbox: Outbox):
        self.db = db
        self.alerts = alerts
        self.follows = follows
        self.choices = choices
        self.outbox = outbox
        self.compiled: tuple[int, Matcher] | None = None  # (the alerts' generation, its index)
        self._building: asyncio.Task[None] | None = None

    def start(self) -> asyncio.Task[None]:
        """Build the alert index on a worker thread, once: App.run starts it, so that the
        first new posting does not hold the event loop while it is built. Routing waits for
        it; if it fails, routing builds the index itself."""
        if self._building is None:
            self._building = asyncio.create_task(self._build())
        return self._building

    async def _build(self) -> None:
        if self.compiled is not None:
            return
        generation = self.db.alerts_generation
        alerts = self.alerts.active_alerts()
        try:
            matcher = await asyncio.get_running_loop().run_in_executor(None, Matcher, alerts)
        except Exception:
            log.exception("building the alert index failed; routing builds it instead")
            return
        if self.compiled is None:
            self.compiled = (generation, matcher)  # synced by `matcher` if alerts moved

    def matcher(self) -> Matcher:
        """The compiled alert index, brought up to date if alerts changed since."""
        generation = self.db.alerts_generation
        if self.compiled is None:
            self.compiled = (generation, Matcher(self.alerts.active_alerts()))
        elif self.compiled[0] != generation:
            self.compiled[1].sync(self.alerts.active_alerts())
            self.compiled = (generation, self.compiled[1])
        return self.compiled[1]

    def route(
        self,
        new: list[Posting],
        now: datetime,
        copies: Sequence[Posting] = (),
        edited: Sequence[tuple[Posting, Posting]] = (),
    ) -> int:
        """Queue `new` postings for every user they reach, `copies` (of jobs known from
        other postings) for those the job has not reached, and `edited` postings ((as
        stored, as now)) for those whose alerts the edit made match; returns the deliveries
        queued."""
        postings = [*new, *copies]
        if not postings and not edited:
            return 0
        matcher = self.matcher()
        if not len(matcher):  # no alerts: no words or places to work out (seconds to load)
            return fanout.enqueue(postings, [], self._stores(), now, {p.key for p in copies})
        routed = match.route(postings, matcher)
        queued = fanout.enqueue(postings, routed, self._stores(), now, {p.key for p in copies})
        if edited:
            before = match.route([old for old, _ in edited], matcher)
            after = match.route([now_ for _, now_ in edited], matcher)
            queued += fanout.enqueue_edited(edited, after, before, self._stores(), now)
        return queued

    def _stores(self) -> tuple[Follows, Choices, Outbox]:
        return (self.follows, self.choices, self.outbox)
