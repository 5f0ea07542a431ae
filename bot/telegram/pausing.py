"""/pause and /resume, for every alert or one: a paused user's or alert's matches are held,
not lost, and resuming sends one summary of what matched meanwhile (up to RESUME_KEEP)."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.models import Alert
from bot.pausetime import PAUSE_LONGEST, is_span, looks_like_a_time
from bot.policy import PolicyError
from bot.store import Stores
from bot.store.held import RESUME_KEEP, TIMED_PAUSE_KEEP
from bot.telegram.args import (
    echo,
    ids_named,
    leading_ids,
    no_such_alert,
    parse_id,
    parse_ids,
    yours,
)
from bot.telegram.commands import Command, Route
from bot.telegram.delivery_modes import local_time
from bot.telegram.pause_said import NO_END, all_of_them, is_reason, pause_until
from bot.transport import Incoming, Reply
from bot.wording import plural

COMMANDS: tuple[Command, ...] = (
    Command(
        "pause", "[id] [2w | until fri]", "Pause notifications",
        "/pause — nothing is pushed until /resume, but your alerts keep matching; /pause 3 — "
        "pauses alert #3 only (/pause 3 2w: for two weeks; /pause 1 2: both); /pause 2w, /pause "
        "10 days, /pause a month, /pause until fri, /pause until dec 24 or /pause until "
        "2027-01-04 (08:00 your time) — a holiday: notifications turn back on by themselves "
        "then. Resuming sends one summary of what matched meanwhile (the last 7 days; all of a "
        "pause for a time, or a message that nothing did).",
        "Delivery",
    ),
    Command(
        "resume", "[id]", "Resume notifications",
        "/resume — notifications on again, with one summary of what matched while paused (the "
        "last 7 days); when they are on, the alerts you paused one by one; /resume 3 — the "
        "same for alert #3.", "Delivery",
    ),
)  # fmt: skip
NOT_AN_ID = "“{}” is not an alert id; ids are numbers, see /alerts."
NOT_AN_ID_OR_TIME = (
    "“{}” is not an alert id (see /alerts) nor a time to pause for: /pause 3 pauses alert #3; "
    "/pause 2w, /pause 10 days or /pause until fri pause everything for a time."
)
# "/pause on weekends", "/pause every weekend": not one pause, but each weekend kept quiet.
EVERY_WEEKEND = (
    "A pause has one end; for every weekend without messages: <code>/quiet weekends</code> "
    "(nothing from Saturday 00:00, then one summary on Monday morning). /pause for the weekend "
    "pauses this one."
)
esc = html.escape


def released(store: Stores, chat_id: int, now: datetime, keep: timedelta = RESUME_KEEP) -> str:
    """Release what was held while paused; says how many go in the summary, how many were
    too old."""
    sent, dropped = store.held.release_resumed(now, chat_id, keep)
    out = ""
    if sent:
        out += f"\n{plural(sent, 'job')} matched meanwhile: a summary follows."
    if dropped:
        out += (
            f"\n{dropped} older than {keep.days} days {'were' if dropped != 1 else 'was'} dropped."
        )
    return out


def paused_line(store: Stores, chat_id: int) -> str | None:
    """The user's pause in words, for /settings and /why (its end in their time); None when
    they are not paused."""
    user = store.users.user(chat_id)
    if user is None or user.state != "paused":
        return None
    if user.resume_at is None:
        return "⏸ Notifications are paused: /resume."
    back = local_time(user.resume_at, store.users.settings(chat_id).timezone)
    return f"⏸ Notifications are paused until {back}: /resume turns them on now."


def still_paused(store: Stores, chat_id: int) -> str:
    """The alerts paused one by one, which /resume alone leaves paused while it turns paused
    notifications on, and how to resume one."""
    paused = sorted(store.alerts.paused_alert_ids(chat_id))
    if not paused:
        return ""
    if len(paused) == 1:
        return f"\nAlert #{paused[0]} is still paused: /resume {paused[0]} turns it on."
    ids = ", ".join(f"#{a}" for a in paused)
    return f"\nStill paused: {ids}. /resume &lt;id&gt; turns one on."


class PauseCommands:
    """/pause and /resume. Each runs on a worker thread (dbworker)."""

    def __init__(self, clock: Callable[[], datetime]):
        self.clock = clock

    def routes(self) -> dict[str, Route]:
        return {"pause": self.cmd_pause, "resume": self.cmd_resume}

    def cmd_pause(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        now = self.clock()
        arg = all_of_them(arg)
        first, _, rest = arg.partition(" ")
        if arg and (several := leading_ids(arg, looks_like_a_time)) is not None:
            return self._pause_alerts(store, msg.chat_id, *several, now)
        if arg and parse_id(first) is not None and not is_span(arg):  # not /pause 2 weeks
            return self._pause_alert(store, msg.chat_id, first, now, rest.strip())
        if arg:
            return self._pause_for_a_time(store, msg.chat_id, arg, now)
        store.users.ensure(msg.chat_id, now)
        user = store.users.user(msg.chat_id)
        if user is not None and user.state == "paused":
            return "You're paused already: /resume turns notifications back on." + (
                f" (Until {self._local(store, msg.chat_id, user.resume_at)} unless you do.)"
                if user.resume_at
                else ""
            )
        store.users.pause_user(msg.chat_id, now)
        return (
            "⏸ Paused. Your alerts keep matching; /resume sends one summary of what they found "
            f"meanwhile (up to {RESUME_KEEP.days} days)."
        )

    def _pause_for_a_time(self, store: Stores, chat_id: int, arg: str, now: datetime) -> Reply:
        """/pause 2w, /pause until fri, /pause during exams until dec 20: paused now, resumed
        by the sender at that time."""
        try:
            until = pause_until(arg, now, store.users.settings(chat_id).timezone)
        except PolicyError as exc:
            if "weekend" in arg.lower() or "wochenende" in arg.lower():
                return EVERY_WEEKEND
            if is_reason(arg):  # "/pause during exams"
                return NO_END
            if not looks_like_a_time(arg):
                return NOT_AN_ID_OR_TIME.format(echo(arg))
            return f"{exc}."
        store.users.ensure(chat_id, now)
        store.users.pause_user(chat_id, now, until)
        return (
            f"⏸ Paused until {self._local(store, chat_id, until)}. Your alerts keep matching; "
            "then notifications turn back on by themselves, with one summary of all they found "
            "meanwhile. /resume turns them on sooner."
        )

    @staticmethod
    def _local(store: Stores, chat_id: int, when: datetime) -> str:
        tz = store.users.settings(chat_id).timezone
        return f"{local_time(when, tz)} ({esc(tz)})"

    def _pause_alert(
        self, store: Stores, chat_id: int, arg: str, now: datetime, span: str = ""
    ) -> Reply:
        """/pause 3: one alert until /resume 3; /pause 3 2w, /pause 3 until fri: until then."""
        alert_id = parse_id(arg)
        if alert_id is None:
            return NOT_AN_ID.format(echo(arg))
        return self._pause_alerts(store, chat_id, [alert_id], span, now)

    def _pause_alerts(
        self, store: Stores, chat_id: int, ids: list[int], span: str, now: datetime
    ) -> Reply:
        """/pause 1 2, /pause 1,3 2w: each alert named, as /pause 1 pauses one; nothing
        paused when one names none of the user's alerts."""
        mine = store.alerts.alerts(chat_id)
        if missing := [i for i in ids if i not in {a.id for a in mine}]:
            return _no_such_alert(missing[0], mine, bool(span) or len(ids) > 1)
        until = None
        if span:
            try:
                until = pause_until(span, now, store.users.settings(chat_id).timezone)
            except PolicyError as exc:
                return f"{exc}."
        paused = store.alerts.paused_alert_ids(chat_id)
        again = " ".join(map(str, ids))
        if until is None and ids == [i for i in ids if i in paused]:
            are = _they(ids)[3]
            return f"{_alerts(ids)} {are} already paused: /resume {again} turns {_them(ids)} on."
        for alert_id in ids:
            if until is not None or alert_id not in paused:  # a pause's start stays
                store.alerts.set_alert_paused(chat_id, alert_id, now, until)
        they, keep, itself, _ = _they(ids)
        if until is not None:
            return (
                f"⏸ {_alerts(ids)} paused until {self._local(store, chat_id, until)}. "
                f"{they.capitalize()} {keep} matching; then {they} turn{'s' * (len(ids) == 1)} "
                f"back on by {itself}, with one summary of what {they} found meanwhile. "
                f"/resume {again} turns {_them(ids)} on sooner."
            )
        return (
            f"⏸ {_alerts(ids)} paused. {they.capitalize()} {keep} matching; /resume {again} "
            f"sends one summary of what {they} found meanwhile."
        )

    def cmd_resume(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        now = self.clock()
        if arg := all_of_them(arg):
            return self._resume_alert(store, msg.chat_id, arg, now)
        user = store.users.user(msg.chat_id)
        if user is not None and user.state == "active":
            if paused := sorted(store.alerts.paused_alert_ids(msg.chat_id)):
                return _resume_alerts(store, msg.chat_id, paused, now)  # what /resume meant
            return "Notifications are on already." + released(store, msg.chat_id, now)
        keep = TIMED_PAUSE_KEEP if user is not None and user.resume_at else RESUME_KEEP
        store.users.subscribe(msg.chat_id, now, msg.username, msg.first_name)
        store.users.pause_user(msg.chat_id, None)
        reply = "▶️ Notifications are on again." + released(store, msg.chat_id, now, keep)
        return reply + still_paused(store, msg.chat_id)

    @staticmethod
    def _resume_alert(store: Stores, chat_id: int, arg: str, now: datetime) -> Reply:
        alert_id = parse_id(arg)
        if alert_id is None and (several := parse_ids(arg)) is not None:
            return _resume_alerts(store, chat_id, several, now)
        if alert_id is None:
            return NOT_AN_ID.format(echo(arg))
        mine = store.alerts.alerts(chat_id)
        if not any(a.id == alert_id for a in mine):
            return no_such_alert(alert_id, mine)
        if alert_id not in store.alerts.paused_alert_ids(chat_id):
            return f"Alert #{alert_id} isn't paused."
        store.alerts.set_alert_paused(chat_id, alert_id, None)
        return f"▶️ Alert #{alert_id} is on again." + released(store, chat_id, now)


def _resume_alerts(store: Stores, chat_id: int, ids: list[int], now: datetime) -> Reply:
    """/resume 1 2: each of the alerts named that is paused; the others said."""
    mine = store.alerts.alerts(chat_id)
    if missing := [i for i in ids if i not in {a.id for a in mine}]:
        return no_such_alert(missing[0], mine)
    paused = store.alerts.paused_alert_ids(chat_id)
    on = [i for i in ids if i in paused]
    for alert_id in on:
        store.alerts.set_alert_paused(chat_id, alert_id, None)
    if not on:
        return f"Alerts {ids_named(ids)} aren't paused."
    running = [i for i in ids if i not in paused]
    reply = f"▶️ {_alerts(on)} {'is' if len(on) == 1 else 'are'} on again."
    if running:
        reply += f" ({ids_named(running)} {'isn' if len(running) == 1 else 'aren'}'t paused.)"
    return reply + released(store, chat_id, now)


def _no_such_alert(alert_id: int, mine: list[Alert], timed: bool) -> str:
    """No alert #14: and when "/pause 14" alone could mean days, the pause for them too."""
    if timed or not 1 <= alert_id <= PAUSE_LONGEST.days:
        return no_such_alert(alert_id, mine)
    days = plural(alert_id, "day")
    return (
        f"You have no alert #{alert_id}; to pause for {days}, <code>/pause {alert_id}d</code>."
        + yours(mine)
    )


def _they(ids: list[int]) -> tuple[str, str, str, str]:
    """("it", "keeps", "itself", "is") for one alert, ("they", "keep", "themselves", "are")
    for several."""
    return (
        ("it", "keeps", "itself", "is") if len(ids) == 1 else ("they", "keep", "themselves", "are")
    )


def _them(ids: list[int]) -> str:
    return "it" if len(ids) == 1 else "them"


def _alerts(ids: list[int]) -> str:
    """ "Alert #1", "Alerts #1 and #2"."""
    return f"Alert{'s' if len(ids) > 1 else ''} {ids_named(ids)}"
