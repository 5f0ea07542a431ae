"""When jobs come, asked in words: a digest ("weekly digest sunday 8pm", "weekly summary for
alert 1", "daily digest on weekdays at 8am"), one alert's jobs as they arrive ("instant for
alert 2"), quiet hours ("don't send anything at night"), quiet weekends ("pause on weekends",
"no messages on weekends", "only weekdays"). The command, worded for the user's own settings when they are known: the
/timezone pointer only to one who has set no zone, the quiet hours one has already. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.policy import DeliverySettings, PolicyError, fmt_minutes, parse_hhmm, weekend_ends

_ONCE = re.compile(
    r"\b(?:once|one (?:message|summary|email|update)) (?:a|per|each) (?P<once>day|week)\b"
    r"|\b(?P<every>daily|weekly) (?:digest|summary|summaries|email|update|message)s?\b",
    re.IGNORECASE,
)
_ALERT_ID = re.compile(r"\balert\s*(?:#|no\.?\s*|number\s*)?(\d{1,4})\b", re.IGNORECASE)
_AT = re.compile(
    r"\bat (\d{1,2}(?::\d{2})?\s*(?:am|pm)?)(?!\w)|\b(\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2})"
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
_MESSAGES = re.compile(
    r"\b(?:messages?|message me|notif\w{0,9}|ping\w{0,3}|send\w{0,3}|jobs)\b", re.I
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
    user's clock (not `/digest 2 off`)."""

    lead: str
    command: str
    window: tuple[int, int] | None = None
    said: bool = True
    clocked: bool = True


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
        weekly = (often["once"] or often["every"]).lower() in ("week", "weekly")
        time = _AT.search(text)
        at = f" {(time[1] or time[2]).replace(' ', '')}" if time else ""
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
    at night", "no messages after 10pm", "pause on weekends"), or None."""
    if (weekends := weekends_asked(text)) is not None:
        return weekends
    if not _NOT.search(text):
        return None
    if window := _window(text):
        return Timed(
            "Quiet hours hold jobs in that window and send them in one message when it ends",
            f"/quiet {_span(window, '-')}",
            window,
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
        yours = f"Your quiet hours are {_span(have, '–')} already ({zone}): nothing is pushed then"
        if have == timed.window or not timed.said:  # "at night": the night one has
            return f"{yours}, and what was held comes in one message at {fmt_minutes(have[1])}."
        return f"{yours}. For {_span(timed.window, '–')} instead: <code>{timed.command}</code>."
    return f"{timed.lead}: <code>{timed.command}</code>{f' {clock}' if timed.clocked else ''}."


def _only_delivery(text: str) -> bool:
    words = re.findall(r"[^\W\d]+", text.lower())
    return all(w in _DELIVERY_WORDS for w in words)


def _span(window: tuple[int, int], dash: str) -> str:
    return f"{fmt_minutes(window[0])}{dash}{fmt_minutes(window[1])}"


def _window(text: str) -> tuple[int, int] | None:
    """The window of "no messages between 10pm and 8am"; None for a text that says none, or
    names no messages."""
    if (said := _WINDOW.search(text)) is None or not _MESSAGES.search(text):
        return None
    try:
        start, end = parse_hhmm(said["start"]), parse_hhmm(said["end"])
    except PolicyError:
        return None
    return (start, end) if start != end else None


def _late(text: str) -> int | None:
    """The minute of "after 10pm" or "after 22:00", from 18:00 to 23:00; None for none."""
    if (after := _LATE.search(text)) is None:
        return None
    hour = int(after["h"]) + (12 if after["pm"] and int(after["h"]) < 12 else 0)
    return hour * 60 if 18 <= hour <= 23 else None
