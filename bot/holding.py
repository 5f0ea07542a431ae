"""The delivery policy: which due jobs go now, which wait for one summary, and the summaries due.

Asked by the sender each time it reads the outbox. A job waits (in the database: pending with
`held_until`) when its user is paused or all its alerts are (until the resume; a pause for a
time, /pause 2w, is ended here at its time, with a notice when nothing waits for the user);
for a digest or the end of the user's quiet hours (`policy.release_at`); when it is part of a
backlog older than BACKLOG_AGE (an outage, a paused token: one summary, not a flood); or when
the user had their `hourly_cap` of instant messages in the last hour (until the hour is over).

A job goes at the earliest time one of its reasons asks (`release`): each alert that matched
it (an alert may have its own delivery, /digest 3 daily), and a follow of its company for every
new job (as the user's /digest says); an instant reason beats a digest. A summary lists a job
under the reason of its fastest way (`reason`).
Holding is per user and time: once one job of theirs waits, all of theirs not yet held wait
with it, each until its own time (those that would go now, until the cap's hour or the
backlog's summary), so that the jobs due together arrive together as one summary.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from bot import digest
from bot.digest import FOLLOWED, Part
from bot.models import Earlier
from bot.policy import DIGESTS, DeliverySettings, for_alert, release_at
from bot.store import Alerts, Choices, Db, Held, Jobs, Notices, Outbox, OutboxItem, Users
from bot.store.held import TIMED_PAUSE_KEEP, Waiting
from bot.wording import plural

log = logging.getLogger(__name__)
BACKLOG_AGE = timedelta(hours=1)  # a job due this long after it matched comes in a summary
CAP_WINDOW = timedelta(hours=1)  # users.hourly_cap counts instant messages in this window


@dataclass(frozen=True, slots=True)
class Summary:
    """One user's held jobs as one summary (in parts only to fit Telegram's limit)."""

    chat_id: int
    parts: tuple[Part, ...]
    attempts: int = 0

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(i for part in self.parts for i in part.ids)

    @property
    def id(self) -> int:
        """Its first delivery, to name it in logs."""
        return self.ids[0]

    def rest(self, start: int) -> Summary:
        """The parts from `start` on: what is left when one of them could not be sent."""
        return Summary(self.chat_id, self.parts[start:], self.attempts)


Sendable = OutboxItem | Summary
# To a user whose pause for a time (/pause 2w) ends with nothing held for them.
PAUSE_OVER = (
    "▶️ Your pause is over: nothing matched your alerts while you were away. New jobs reach "
    "you again. /pause 2w pauses again."
)


def alert_back(alert_id: int, query: str) -> str:
    """To a user whose alert's pause for a time ended with nothing held for it (plain text)."""
    short = query if len(query) <= 60 else query[:59] + "…"
    return f"▶️ Alert #{alert_id} “{short}” is on again: nothing matched it while it was paused."


def header(modes: Collection[str], count: int) -> str:
    """The first line of a summary of `count` jobs that went by `modes` (`mode`), HTML."""
    jobs = plural(count, "new job")
    if len(modes) == 1 and (mode := next(iter(modes))) in DIGESTS:  # "Your weekday digest"
        return f"📬 <b>Your {mode.removesuffix('s')} digest</b>: {jobs}"
    if modes and not set(modes) - set(DIGESTS):  # several due at once: a Monday 08:00
        return f"📬 <b>Your digests</b>: {jobs}"
    return f"📬 <b>{jobs}</b> held for you"


def _reasons(
    user: DeliverySettings,
    specs: Mapping[int, str | None],
    alert_ids: Sequence[int],
    followed: bool,
) -> list[tuple[int | None, DeliverySettings]]:
    """Why a job goes, each with the settings it asks: its alerts still there and not paused
    (by id), then a follow of its company for every new job (`FOLLOWED`: the user's own);
    the user's own for a job of none (None: its alerts paused or deleted since)."""
    out: list[tuple[int | None, DeliverySettings]] = [
        (a, for_alert(user, specs[a])) for a in sorted(set(alert_ids)) if a in specs
    ]
    if followed or not alert_ids:
        out.append((FOLLOWED, user))
    return out or [(None, user)]


def release(
    user: DeliverySettings,
    specs: Mapping[int, str | None],
    alert_ids: Sequence[int],
    now: datetime,
    followed: bool = False,
) -> datetime | None:
    """When a job matched by `alert_ids` goes: the earliest time one of its reasons asks (None:
    now). `specs` are the user's alerts not paused, each with its own delivery (None: the
    user's); `followed`: the user follows its company for every new job."""
    times = [release_at(s, now) for _, s in _reasons(user, specs, alert_ids, followed)]
    return None if None in times else min(t for t in times if t is not None)


def mode(
    user: DeliverySettings,
    specs: Mapping[int, str | None],
    alert_ids: Sequence[int],
    followed: bool = False,
) -> str:
    """How a job goes, for a summary's header: instant if one of its reasons says so, else
    its most frequent digest (daily, weekdays, weekly)."""
    modes = {s.mode for _, s in _reasons(user, specs, alert_ids, followed)}
    return next(m for m in ("instant", *DIGESTS) if m in modes)


def reason(
    user: DeliverySettings,
    specs: Mapping[int, str | None],
    alert_ids: Sequence[int],
    followed: bool = False,
) -> int | None:
    """What a summary lists a job under: the first of its reasons that asks its fastest way
    (an alert's id, or `FOLLOWED`); None when it has none left (alerts paused or deleted)."""
    fastest = mode(user, specs, alert_ids, followed)
    return next(r for r, s in _reasons(user, specs, alert_ids, followed) if s.mode == fastest)


@dataclass(frozen=True, slots=True)
class DeliveryStores:
    """What delivering uses: the outbox and its held rows, the users' settings, alerts and
    choices it applies, the jobs it names copies of, the notices a pause's end may queue,
    and their database."""

    db: Db
    outbox: Outbox
    held: Held
    users: Users
    alerts: Alerts
    choices: Choices
    jobs: Jobs
    notices: Notices


class Holding:
    """Applies the delivery policy to what is due; builds the summaries that are due."""

    def __init__(self, store: DeliveryStores, clock: Callable[[], datetime]):
        self.store = store
        self.clock = clock

    def due(self, busy: Collection[int] = (), limit: int = 500) -> list[Sendable]:
        """What may go now: at most one instant job per chat (`per_chat=1`), and the due
        summaries of chats not `busy` (a send in flight). Holds what must wait first."""
        now = self.clock()
        if resumed := self.store.users.resume_due(now):
            log.info("%d users resumed at the end of their pause", len(resumed))
            for chat in resumed:  # all that matched: they chose how long to be away
                self.store.held.release_resumed(now, chat, TIMED_PAUSE_KEEP)
            waiting = self.store.held.waiting(resumed)
            if idle := [chat for chat in resumed if chat not in waiting]:
                self.store.notices.tell(idle, PAUSE_OVER, now)  # else silence would say nothing
        self._resume_alerts(now)
        self.store.held.hold_paused()
        self.store.held.release_resumed(now)
        own = self.store.alerts.chats_with_own_delivery()
        items = [
            i
            for i in self.store.outbox.due(now, limit=limit, per_chat=1)
            if not self._held(i, now, i.chat_id in own)
        ]
        return [*items, *self.summaries(now, busy)]

    def _resume_alerts(self, now: datetime) -> None:
        """Alerts whose pause for a time (/pause 3 2w) is over are on again: what they matched
        comes in one summary; a user whose alert matched nothing is told so."""
        resumed = self.store.alerts.resume_due(now)
        if resumed:
            log.info("%d alerts resumed at the end of their pause", len(resumed))
        for alert in resumed:
            released, _ = self.store.held.release_resumed(now, alert.chat_id, TIMED_PAUSE_KEEP)
            user = self.store.users.user(alert.chat_id)
            if not released and user is not None and user.state == "active":  # else it waits
                self.store.notices.tell([alert.chat_id], alert_back(alert.id, alert.query), now)

    def _held(self, item: OutboxItem, now: datetime, own: bool = True) -> bool:
        """Whether the item's user must wait for a summary; if so, all of theirs now wait,
        each until its own time. `own`: the user has an alert with a delivery of its own
        (else all their jobs go by their settings, and the alerts need no look)."""
        user = self.store.users.settings(item.chat_id)
        specs = self.store.alerts.delivery_specs(item.chat_id) if own else {}
        followed = own and item.posting.board in self.store.held.all_jobs_boards(item.chat_id)
        instant = None  # the time those that would go now wait for, if they wait
        until = release(user, specs, item.alert_ids, now, followed)
        if until is None:
            until = instant = self._instant_wait(item, now)
            if until is None:
                return False
        held = self.store.held.hold(
            hold_times(self.store.held.unheld(item.chat_id), user, specs, now, instant)
        )
        log.debug("chat %d: %d jobs held, the first until %s", item.chat_id, held, until)
        return True

    def _earlier(self, chat_id: int, key: str) -> Earlier | None:
        """Whether the job of posting `key` was listed before (a summary's line says so)."""
        try:
            return self.store.jobs.earlier(key, chat_id)
        except sqlite3.Error:  # only a courtesy part of the summary
            return None

    def _instant_wait(self, item: OutboxItem, now: datetime) -> datetime | None:
        """When a job that would go now gets into a summary instead: now, for a backlog;
        at the hour's end, past the user's cap. None: it goes now, on its own."""
        if item.created_at is not None and now - item.created_at > BACKLOG_AGE:
            return now
        cap = self.store.users.hourly_cap(item.chat_id)
        sent = self.store.held.instant_sends(item.chat_id, now - CAP_WINDOW, cap)
        if cap > 0 and len(sent) >= cap:
            return min(sent) + CAP_WINDOW
        return None

    def _wanted(self, chat: int, items: list[OutboxItem]) -> list[OutboxItem]:
        """The held jobs the user still wants: a job hidden, or of a company muted, after it
        was matched is dropped, not summarised."""
        kept = []
        for item in items:
            why = self.store.choices.turned_away(chat, item.posting)
            if why is None:
                kept.append(item)
            else:
                self.store.outbox.mark_final(item.id, "dropped", f"{why} by the user")
        return kept

    def summaries(self, now: datetime, busy: Collection[int] = ()) -> list[Summary]:
        out = []
        for chat, items in self.store.held.held_due(now).items():
            if chat in busy:
                continue
            items = self._wanted(chat, items)
            if not items:
                continue
            user = self.store.users.settings(chat)
            specs = self.store.alerts.delivery_specs(chat)
            alerts = {a.id: a.query for a in self.store.alerts.alerts(chat)}
            boards = self.store.held.all_jobs_boards(chat)
            why = {i.id: (user, specs, i.alert_ids, i.posting.board in boards) for i in items}
            modes = {mode(*why[i.id]) for i in items}
            under = {i: r for i, w in why.items() if (r := reason(*w)) is not None}
            parts = digest.summary(
                header(modes, len(items)), items, alerts, earlier=partial(self._earlier, chat),
                under=under,
            )  # fmt: skip
            out.append(Summary(chat, tuple(parts), max(i.attempts for i in items)))
        return out


def hold_times(
    jobs: Sequence[Waiting],
    user: DeliverySettings,
    specs: Mapping[int, str | None],
    now: datetime,
    instant: datetime | None,
) -> dict[datetime, list[int]]:
    """The time each of `jobs` waits until: its reasons' (`release`), or for one that would go
    now, `instant` (None: it goes)."""
    until: defaultdict[datetime, list[int]] = defaultdict(list)
    for job in jobs:
        if when := release(user, specs, job.alert_ids, now, job.followed) or instant:
            until[when].append(job.id)
    return until


def retime(stores: DeliveryStores, chat_id: int, now: datetime) -> int:
    """The user's settings or an alert's delivery changed: what they hold for a time goes at
    the time it now asks (now, if it would go now: one summary). A mode switch thus loses
    nothing and keeps nothing back. Returns how many held jobs are due now."""
    user = stores.users.settings(chat_id)
    specs = stores.alerts.delivery_specs(chat_id)
    until = hold_times(stores.held.held_for_time(chat_id), user, specs, now, now)
    stores.held.retime(until)
    return sum(len(ids) for when, ids in until.items() if when <= now)
