"""Whether a job an alert matches reached the user, and if not why: what the store knows
(already sent, waiting in the outbox, hidden, its company muted, on its board before jobbot
watched it, found before the alert existed, the alert paused), after what the query says
(`bot.why.explain`). Pure: no I/O. Reasons are plain text; the caller escapes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from bot.store.postings import EDITS_ROUTED
from bot.why import Explanation


@dataclass(frozen=True, slots=True)
class Facts:
    """What the store knows about one job, one user and one of their alerts."""

    alert_created: datetime
    first_seen: datetime
    alert_edited: datetime | None = None  # its query last changed by /edit then
    baseline: bool = False
    company_muted: bool = False
    hidden: bool = False
    alert_paused: bool = False
    alert_id: int | None = None  # for the /resume that turns a paused alert on
    resume_at: datetime | None = None  # the end of the alert's pause for a time
    sent_at: datetime | None = None
    pending: bool = False  # in the user's outbox, not sent yet
    held_until: datetime | None = None  # ... waiting for a summary then (digest, quiet, cap)
    held_for_resume: bool = False  # ... waiting for the user's /resume
    ended: str | None = None  # a delivery that ended unsent: why ("rejected: …", "muted by …")
    changed_at: datetime | None = None  # when its board last edited it, if it did
    edit: str | None = None  # what the edit that queued it changed, if an edit did
    zone: tzinfo = UTC  # the user's, for the times shown


_ENDED = {  # a delivery's last error, as /why words it
    "rejected: ": "Telegram refused the message: ",
    "blocked: ": "the chat had blocked the bot: ",
    "hidden by the user": "you had hidden it when it was to be sent",
    "muted by the user": "you had muted its company when it was to be sent",
}


def _day(when: datetime, zone: tzinfo = UTC, seconds: bool = False) -> str:
    local = when.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M{':%S' if seconds else ''}} {local.tzname() or 'UTC'}"


def _two(first: datetime, then: datetime, zone: tzinfo) -> tuple[str, str]:
    """Two times to compare, to the second when the minute alone would show them equal."""
    same = _day(first, zone) == _day(then, zone)
    return _day(first, zone, same), _day(then, zone, same)


def _waiting(f: Facts) -> str:
    """Where a job not sent yet stands in the user's outbox."""
    if f.held_for_resume:
        if f.alert_paused:
            return "it is waiting in your outbox until the alert is on again"
        return "it is waiting in your outbox for your /resume"
    if f.held_until is not None:
        return (
            f"it is waiting in your outbox for a summary at {_day(f.held_until, f.zone)} "
            "(a digest, the end of quiet hours or of the hourly cap)"
        )
    return "it is in your outbox, on its way to you"


def _paused(f: Facts) -> str:
    until = f" until {_day(f.resume_at, f.zone)}" if f.resume_at else ""
    resume = f" (/resume {f.alert_id} turns it on now)" if f.alert_id else ""
    return f"the alert is paused{until}{resume}"


def _ended(error: str) -> str:
    """Why a delivery ended unsent, as the user reads it."""
    for said, words in _ENDED.items():
        if error.startswith(said):
            return f"it was not sent: {words}{error.removeprefix(said)}"
    return f"it was not sent: {error}"


def _edited_late(f: Facts) -> str:
    """A job that matches as edited long after jobbot found it: the edit was not routed."""
    if f.changed_at is None or f.changed_at - f.first_seen <= EDITS_ROUTED:
        return ""
    days = (f.changed_at - f.first_seen).days
    return (
        f"its board edited it {_day(f.changed_at, f.zone)}, {days} days after jobbot found it: "
        f"an edit reaches the alerts it makes match only in a job's first "
        f"{EDITS_ROUTED.days} days, so it may not have matched before"
    )


def blockers(f: Facts) -> list[str]:
    """Why a job that matches the query was (or would be) not pushed for this alert."""
    out = []
    if f.sent_at is not None:
        because = f", after an edit made it match ({f.edit})" if f.edit else ""
        out.append(f"already sent to you ({_day(f.sent_at, f.zone)}){because}")
    if f.pending:
        out.append(_waiting(f))
    if f.ended is not None and not (f.hidden or f.company_muted):
        out.append(_ended(f.ended))
    if f.hidden:
        out.append("you hid this job (Not interested)")
    if f.company_muted:
        out.append("you muted its company (/muted)")
    if f.baseline:
        out.append("it was on its board when jobbot started watching it (board baseline)")
    if f.first_seen < f.alert_created:
        found, created = _two(f.first_seen, f.alert_created, f.zone)
        out.append(
            f"jobbot found it before the alert existed (found {found}, alert created {created})"
        )
    if f.alert_paused:
        out.append(_paused(f))
    if not out and (late := _edited_late(f) or _edited_since(f)):
        out.append(late)
    return out


def _edited_since(f: Facts) -> str:
    """A job found before the alert's query was last changed: the query then decided."""
    if f.alert_edited is None or f.first_seen >= f.alert_edited or f.sent_at or f.pending:
        return ""
    found, changed = _two(f.first_seen, f.alert_edited, f.zone)
    return (
        f"you changed the alert after jobbot found it (found {found}, alert changed {changed}): "
        "a job is matched when it is found, by the alert as it was then"
    )


# A job that matches, with no record of its sending and nothing that held it back.
UNQUEUED = (
    "it was not queued for you when jobbot found it: your notifications may have been "
    "stopped or the bot blocked then, or the record of its sending is gone (sent jobs are "
    "kept a while, not for ever)"
)


def verdict(e: Explanation, f: Facts) -> tuple[bool, list[str]]:
    """(delivered or deliverable, the reasons to show): the query's, then the store's."""
    if not e.matched:
        return False, list(e.reasons)
    blocks = blockers(f)
    if f.sent_at is not None or f.pending:
        return True, blocks
    return False, blocks or [UNQUEUED]
