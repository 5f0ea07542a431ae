"""A poll too big for one transaction, stored in slices with the event loop running between
them: a first poll's thousands of postings (seconds of SQLite work), and a burst of new
postings routed to many users (a minute of it). Each slice is whole: a baseline notifies
nobody, and a routed slice's postings are stored with their deliveries, or neither."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.models import Posting
from bot.reading import Reader
from bot.routing import Router
from bot.store import Db, Postings, pollplan
from bot.store.pollplan import Plan
from bot.textindexer import give_way

BASELINE_SLICE = 50  # new postings of a first poll stored per transaction (`baseline`)
# ... and at most this many characters of their text (a slice of 50 long descriptions would
# hold the loop for longer than short ones). At 200,000 a slice's commit took 15-50 ms (the
# log writes of ~2 MB) in the first poll of a 9,000-posting board; at 100,000, 2-18 ms.
BASELINE_TEXT = 100_000
ROUTE_SLICE = 50  # new postings stored and routed per transaction in a burst (`routed`)


@dataclass(slots=True)
class Sliced:
    """What `Slices.routed` leaves to the poll's own transaction (`left`, with `seen`, the
    keys seen that are not in it) and what its slices stored: new postings, deliveries
    queued, postings changed."""

    left: list[Posting]
    seen: list[str]
    new: int = 0
    enqueued: int = 0
    changed: list[Posting] = field(default_factory=list)


class Slices:
    """Stores the big polls of `Poller` in slices of `baseline_slice` or `route_slice` new
    postings; `on_enqueued` hears that a routed slice queued alerts (the sender may start)."""

    def __init__(
        self,
        db: Db,
        postings: Postings,
        router: Router,
        reader: Reader,
        close_after: int,
        on_enqueued: Callable[[], None] = lambda: None,
    ):
        self.db = db
        self.postings = postings
        self.router = router
        self.reader = reader
        self.close_after = close_after
        self.on_enqueued = on_enqueued
        self.baseline_slice = BASELINE_SLICE
        self.route_slice = ROUTE_SLICE

    async def baseline(
        self,
        name: str,
        postings: list[Posting],
        now: datetime,
        unchanged: list[str],
        fingerprints: dict[str, str],
    ) -> Plan:
        """Store a baseline's new postings `baseline_slice` at a time (fewer when their text
        passes `BASELINE_TEXT` characters), one transaction each, the event loop running
        between them (9,000 postings are seconds of SQLite work). The board is read once and
        the plan worked out on the worker thread; each slice only looks up its job keys and
        writes. A baseline notifies nobody, so committing it in parts loses nothing: a poll
        cut short is a baseline again. Returns the plan, with what is left for the poll's
        own transaction."""
        rows = self.postings.read(name)
        plan = await self.reader.run(pollplan.plan, rows, postings, unchanged, fingerprints)
        while (count := self._slice(plan)) < plan.unwritten:
            with self.db.transaction():
                self.postings.write_new(plan, now, count)
            await give_way(self.db)
        return plan

    def _slice(self, plan: Plan) -> int:
        """How many of the plan's next new postings one slice stores: `baseline_slice`, or
        fewer (one at least) when their text passes `BASELINE_TEXT` characters."""
        count = chars = 0
        for posting in plan.diff.inserts[plan.written : plan.written + self.baseline_slice]:
            count += 1
            chars += len(posting.title) + len(posting.description or "")
            if chars >= BASELINE_TEXT:
                break
        return max(count, 1)

    async def routed(
        self,
        name: str,
        postings: list[Posting],
        now: datetime,
        unchanged: list[str],
        fingerprints: dict[str, str],
    ) -> Sliced:
        """Store and route a burst of new postings `route_slice` at a time, each slice with
        its deliveries in one transaction, the event loop running between them (500 new
        postings that each match 2,500 users are a minute of work); and so a burst of edited
        ones (routed to the alerts an edit makes match: twice the matching). Committing in
        parts loses nothing: a slice's postings are stored with their deliveries, or neither.
        Returns what is left for the poll's own transaction, and what the slices did."""
        if len(postings) <= self.route_slice:  # (the usual poll: no more to read)
            return Sliced(postings, unchanged)
        known = self.postings.known_ids(name)
        new = [p for p in postings if p.external_id not in known]
        listed = [p for p in postings if p.external_id in known]
        if len(new) <= self.route_slice and len(listed) <= self.route_slice:
            return Sliced(postings, unchanged)
        done = [*unchanged, *(p.key for p in listed)]  # seen: not missing from a slice
        out = Sliced([], done)
        while len(listed) > self.route_slice:  # (most are edited: the unchanged were skipped)
            part, listed = listed[: self.route_slice], listed[self.route_slice :]
            with self.db.transaction():
                rec = self.postings.record(
                    name, part, now, unchanged=done, fingerprints=fingerprints, age=False
                )
                out.enqueued += self.router.route([], now, edited=rec.edited)
                out.changed += rec.changed
            if out.enqueued:
                self.on_enqueued()
            await give_way(self.db)
        while len(new) > self.route_slice:
            part, new = new[: self.route_slice], new[self.route_slice :]
            with self.db.transaction():
                rec = self.postings.record(
                    name, part, now, unchanged=done, fingerprints=fingerprints, age=False
                )
                out.new += len(rec.new)
                out.enqueued += self.router.route(rec.new, now, rec.copies)
            done.extend(p.key for p in part)
            if out.enqueued:
                self.on_enqueued()  # the sender may start on them
            await give_way(self.db)
        out.left = [*listed, *new]
        return out
