"""When jobs come, asked in words: a digest ("weekly digest sunday 8pm", "weekly summary for
alert 1", "daily digest on weekdays at 8am"), one alert's jobs as they arrive ("instant for
alert 2"), quiet hours ("don't send anything at night"), quiet weekends ("pause on weekends",
"no messages on weekends", "only weekdays"). The command, worded for the user's own settings when they are known: the
/timezone pointer only to one who has set no zone, the quiet hours one has already. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.policy import DeliverySettings, PolicyError, fmt_minutes, parse_hhmm, weekend_ends
from bot.telegram.clockspans import both as _both
from bot.telegram.clockspans import length as _length
from bot.telegram.clockspans import meet as _meet
from bot.telegram.clockspans import within as _within

_ONCE = re.compile(
    r"\b(?:once|one (?:message|summary|email|update)) (?:a|per|each) (?P<once>day|week)\b"
    r"|\b(?P<every>daily|weekly) (?:digest|summary|summaries|email|update|message)s?\b"
    r"|\bsend\w{0,3} (?:me )?(?:everything|it all|all(?: of it| my jobs| the jobs)?) (?=at \d)",
    re.IGNORECASE,
)
_ALERT_ID = re.compile(r"\balert\s*(?:#|no\.?\s*|number\s*)?(\d{1,4})\b", re.IGNORECASE)
_AT = re.compile(
    r"\bat (\d{1,2}(?::\d{2}|h(?:\d{2})?)?\s*(?:am|pm)?)(?!\w)|\b(\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2})"
    r"(?!\w)",
    re.IGNORECASE,
)
_DAY = re.compile(
    r"\b(?P<day>mon|tue|wed|thu|fri|sat|sun)(?:s?day|nesday|r?s?day|rs|urday)?s?\b", re.I
)
# "instant for alert 2", "send alert 2 instantly": that alert's jobs as they arrive.
_INSTANT = re.compile(
    r"\b(?:instant(?:ly)?|immediately|right away|as (?:soon as )?(?:they|it) (?:arrive|come)s?)\b",
    re.IGNORECASE,
)
# "only in the morning", "every evening": a daily digest at that hour.
_PART_OF_DAY = re.compile(
    r"\b(?:every|each|in the|only in the|once in the) (?P<part>morning|evening)\b", re.IGNORECASE
)
_NIGHT = re.compile(
    r"\b(?:at|during the|over(?: the)?) night\b|\bwhile i\W?m? ?(?:am )?sleep", re.I
)
_NOT = re.compile(r"\b(?:don'?t|do not|no|not|never|stop|nothing)\b", re.IGNORECASE)
# "no messages after 10pm" (after 22:00): quiet hours from then.
_LATE = re.compile(r"\bafter\s+(?P<h>\d{1,2})(?::00)?\s*(?P<pm>pm)?(?!\S*\d)", re.IGNORECASE)
# "no messages between 10pm and 8am", "between 22 and 8": quiet hours of that window.
_HOUR = r"\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)?"  # (spaces bounded: "between 1" and 4,000 of them)
_WINDOW = re.compile(
    rf"\b(?:between|from)\s{{1,3}}(?P<start>{_HOUR})\s{{0,3}}(?:and|to|until|till|-)\s{{0,3}}"
    rf"(?P<end>{_HOUR})(?!\w)",
    re.IGNORECASE,
)
# "dont message me during my lectures 9am to 12pm", "no msgs 9am-12pm": a window said without
# "between", an end of it with am/pm or minutes (not "9-5 jobs": the hours of a job).
_BARE = re.compile(
    rf"(?<![\w:.])(?P<start>{_HOUR})\s{{0,3}}(?:to|until|till|-|–)\s{{0,3}}(?P<end>{_HOUR})(?!\w)",
    re.IGNORECASE,
)
_CLOCKED = re.compile(r"[:.]|[ap]m", re.IGNORECASE)
_SHIFT = re.compile(r"\bshifts?\b", re.IGNORECASE)
_MESSAGES = re.compile(
    r"\b(?:messages?|msgs?|message me|notif\w{0,9}|ping\w{0,3}|send\w{0,3}|bother|disturb|jobs)\b",
    re.I,
)
# The words of "send alert 2 instantly please": no other command ("pause alert 2 right away").
_DELIVERY_WORDS = frozenset({
    "send", "get", "deliver", "make", "set", "put", "switch", "turn", "please", "pls", "for",
    "me", "the", "my", "jobs", "of", "to", "on", "be", "as", "soon", "they", "it", "arrive",
    "arrives", "come", "comes", "instant", "instantly", "immediately", "right", "away", "alert",
    "no", "i", "want", "can", "you", "could", "would", "like", "delivery", "messages", "mode",
})  # fmt: skip
_NIGHTLY = (22 * 60, 7 * 60)  # "at night": quiet hours 22:00-07:00
# Monday to Friday: "weekdays", "work days", "mon-fri", "monday to friday", "wochentags".
_WEEKDAYS = re.compile(
    r"\b(?:week\s?days?|work\s?days?|business days|wochentags|werktags|mon(?:day)?s?\s?(?:-|–|to|"
    r"through|thru)\s?fri(?:day)?s?)\b",
    re.IGNORECASE,
)
_WEEKEND = re.compile(
    r"\bweek\W?ends?\b|\bsat(?:urday)?s?\s?(?:or|and|&|/|-|–)\s?sun(?:day)?s?\b", re.I
)
# What keeps a weekend free of messages: "pause on weekends", "nothing on weekends", "no
# messages on weekends" (not "no weekend work": a job's hours, an alert's words).
_HOLD = re.compile(r"\b(?:pause|nothing|quiet|silen\w+|mute|disturb|bother)\b", re.I)
_SENT = re.compile(
    r"\b(?:messages?|message me|notif\w{0,9}|ping\w{0,3}|send\w{0,3}|alerts)\b", re.I
)
_WORK = re.compile(r"\b(?:work\w*|shifts?|jobs? (?:on|at|over)|hours)\b", re.I)
_ONLY = re.compile(r"\bonly\b", re.I)
_DIGEST = re.compile(r"\b(?:digest|summar(?:y|ies)|once a day)\b", re.I)
_WEEKLY = re.compile(r"\b(?:weekly|once a week|each week|every week)\b", re.I)


@dataclass(frozen=True)
class Timed:
    """A delivery asked for in words: the words before the command (`lead`), the command
    (`/digest 1 weekly sun 8pm`), and for quiet hours the window asked (`window`) and
    whether the text named it (`said`: "at night" names none). `clocked`: read on the
    user's clock (not `/digest 2 off`). `note`: said after the offer ("no msgs 9am-12pm
    mon-fri": quiet hours hold every day)."""

    lead: str
    command: str
    window: tuple[int, int] | None = None
    said: bool = True
    clocked: bool = True
    note: str = ""


def digest_asked(text: str) -> Timed | None:
    """The /digest a text asks for ("weekly digest sunday 8pm", "instant for alert 2",
    "every morning"), or None."""
    alert = _ALERT_ID.search(text)
    if _WEEKDAYS.search(text) and _DIGEST.search(text) and not _WEEKLY.search(text):
        time = _AT.search(text)  # "daily digest on weekdays at 8am", "the digest only on weekdays"
        at = f" {(time[1] or time[2]).replace(' ', '')}" if time else ""
        lead = "One message with the day's jobs, Monday to Friday (the weekend's on Monday)"
        return Timed(lead, f"/digest{f' {alert[1]}' if alert else ''} weekdays{at}")
    if often := _ONCE.search(text):
        weekly = (often["once"] or often["every"] or "day").lower() in ("week", "weekly")
        time = _AT.search(text)
        at = f" {(time[1] or time[2]).replace(' ', '')}" if time else ""
        if not at and (part := _PART_OF_DAY.search(text)):  # "once a day in the evening"
            at = " 08:00" if part["part"].lower() == "morning" else " 18:00"
        day = _DAY.search(text) if weekly else None
        on = f" {day['day'].lower()}" if day else ""
        jobs = f"alert #{alert[1]}'s jobs" if alert else "the jobs"
        return Timed(
            f"One message with all {jobs} {'each week' if weekly else 'each day'}",
            f"/digest{f' {alert[1]}' if alert else ''} {'weekly' if weekly else 'daily'}{on}{at}",
        )
    if alert and _INSTANT.search(text) and _only_delivery(text):  # "instant for alert 2"
        lead = f"Each of alert #{alert[1]}'s jobs as it arrives, even in a digest"
        return Timed(lead, f"/digest {alert[1]} off", clocked=False)
    if part := _PART_OF_DAY.search(text):
        at = "08:00" if part["part"].lower() == "morning" else "18:00"
        return Timed(
            f"One message with the day's jobs every {part['part'].lower()}", f"/digest daily {at}"
        )
    return None


def quiet_asked(text: str) -> Timed | None:
    """The /quiet a text asks for ("no messages between 10pm and 8am", "don't send anything
    at night", "no messages after 10pm", "pause on weekends", "no msgs 9am-12pm mon-fri":
    every day, said so), or None."""
    window = _window(text) if _NOT.search(text) else None
    weekdays = _WEEKDAYS.search(text) is not None  # a window on weekdays: not "only weekdays"
    if (weekends := weekends_asked(text)) is not None and not (window and weekdays):
        return weekends
    if not _NOT.search(text):
        return None
    if window:
        return Timed(
            "Quiet hours hold jobs in that window and send them in one message when it ends",
            f"/quiet {_span(window, '-')}",
            window,
            note=EVERY_DAY if weekdays else "",
        )
    late = _late(text)  # "no messages after 10pm": from then
    if _NIGHT.search(text) or late is not None:
        window = (late if late is not None else _NIGHTLY[0], _NIGHTLY[1])
        return Timed(
            "Quiet hours hold jobs at night and send them in one message when they end",
            f"/quiet {_span(window, '-')}",
            window,
            said=late is not None,
        )
    return None


def weekends_asked(text: str) -> Timed | None:
    """/quiet weekends, for "pause on weekends", "nothing on weekends", "no messages on
    weekends", "I don't want any messages on Saturday or Sunday", "only weekdays"; None for
    another text ("no weekend work": the job's hours)."""
    if _WORK.search(text):
        return None
    sent = _SENT.search(text)
    weekend = _WEEKEND.search(text) and (_HOLD.search(text) or (_NOT.search(text) and sent))
    few = len(text.split()) <= 4  # "only weekdays", "weekdays only please"
    weekdays = _WEEKDAYS.search(text) and _ONLY.search(text) and (sent or few)
    if not (weekend or weekdays):
        return None
    lead = "Quiet weekends: nothing from Saturday 00:00, and one message on Monday morning"
    return Timed(lead, "/quiet weekends")


def worded(timed: Timed, settings: DeliverySettings | None) -> str:
    """The reply offering `timed`: with the /timezone pointer when the user's zone is unknown
    (`settings` None) or not chosen (the bot's default); quiet hours one has already, said."""
    zone = settings.timezone if settings is not None else "UTC"
    clock = f"({zone} time)"
    if settings is None or not settings.own_zone:
        clock = (
            "(your time: /timezone sets it)"
            if zone == "UTC"
            else f"({zone} time: /timezone sets yours)"
        )
    have = settings.quiet if settings is not None else None
    if timed.command == "/quiet weekends" and settings is not None and settings.quiet_weekends:
        monday = fmt_minutes(weekend_ends(settings))
        return (
            f"Your weekends are quiet already ({zone}): what they hold comes on Monday at {monday}."
        )
    if timed.window is not None and have is not None:
        return _instead(timed, have, zone)
    said = f"{timed.lead}: <code>{timed.command}</code>{f' {clock}' if timed.clocked else ''}."
    return f"{said} {timed.note}" if timed.note else said


EVERY_DAY = "They hold every day, weekends too: quiet hours have no Monday-to-Friday setting."
_CORE_NIGHT = (60, 5 * 60)  # 01:00-05:00: a window that holds it keeps the night quiet
_LONGEST_BOTH = 16 * 60  # a window that holds both the one set and the one asked, at most


def _instead(timed: Timed, have: tuple[int, int], zone: str) -> str:
    """The offer of the window `timed` asks to one who has the window `have`: that it is set
    already ("at night" and theirs holds the night), the window asked in its place; and when
    the two do not meet, that one window is kept (the new one replaces theirs), and the one
    that holds both when it is not too long ("nothing at night either" after 09:00-12:00:
    22:00-12:00)."""
    window, end = timed.window or have, fmt_minutes(have[1])
    yours = f"Your quiet hours are {_span(have, '–')} already ({zone}): nothing is pushed then"
    if have == window or (not timed.said and _within(_CORE_NIGHT, have)):
        return f"{yours}, and what was held comes in one message at {end}."
    if timed.said and _meet(have, window):
        return f"{yours}. For {_span(window, '–')} instead: <code>{timed.command}</code>."
    said = (
        f"Your quiet hours are {_span(have, '–')} ({zone}), and one window is kept: "
        f"<code>{timed.command}</code> replaces {_span(have, '–')}"
    )
    both = _both(have, window)
    if both is not None and _length(both) <= _LONGEST_BOTH:
        said += (
            f"; for both, one window from {fmt_minutes(both[0])} to {fmt_minutes(both[1])}: "
            f"<code>/quiet {_span(both, '-')}</code>"
        )
    return f"{said}.{f' {timed.note}' if timed.note else ''}"


def _only_delivery(text: str) -> bool:
    words = re.findall(r"[^\W\d]+", text.lower())
    return all(w in _DELIVERY_WORDS for w in words)


def _span(window: tuple[int, int], dash: str) -> str:
    return f"{fmt_minutes(window[0])}{dash}{fmt_minutes(window[1])}"


def _window(text: str) -> tuple[int, int] | None:
    """The window of "no messages between 10pm and 8am" (or "no msgs 9am-12pm"); None for a
    text that says none, or names no messages."""
    said = _WINDOW.search(text)
    bare = _BARE.search(text) if said is None else None
    if bare and _CLOCKED.search(bare[0]) and _not_a_job(text):
        said = bare
    if said is None or not _MESSAGES.search(text):
        return None
    try:
        start, end = parse_hhmm(said["start"]), parse_hhmm(said["end"])
    except PolicyError:
        return None
    return (start, end) if start != end else None


def _not_a_job(text: str) -> bool:
    """Whether `text` names messages, not a job ("no jobs 9am-5pm", "no night shift jobs
    10pm-6am": the hours of a job)."""
    return any(m[0].lower() != "jobs" for m in _MESSAGES.finditer(text)) and not _SHIFT.search(text)


def _late(text: str) -> int | None:
    """The minute of "after 10pm" or "after 22:00", from 18:00 to 23:00; None for none."""
    if (after := _LATE.search(text)) is None:
        return None
    hour = int(after["h"]) + (12 if after["pm"] and int(after["h"]) < 12 else 0)
    return hour * 60 if 18 <= hour <= 23 else None
