"""/pause as people type it, and the /pause, /quiet or /digest line an offer may make. A
pause's reason said first ("/pause during exams until dec 20", "/pause for my exams 2 weeks")
is read past, to the time after it; a command typed without its slash is offered back as its
command takes it ("pause during exams until dec 20": /pause until dec 20), or not at all, so
a command the bot offers works when sent. Pure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.pausetime import (
    in_english,
    is_span,
    looks_like_a_time,
    names_a_time,
    parse_pause,
    parse_quiet,
    parse_weekends,
)
from bot.policy import PolicyError, parse_digest
from bot.telegram.args import leading_ids, parse_id
from bot.words import fold

# The first words of a pause's reason ("during exams", "for my exams", "over the holidays",
# "exams"): the time after them is the pause's.
_REASON = frozenset({
    "during", "for", "over", "because", "due", "while", "through", "thru", "exam", "exams",
    "finals", "midterms", "holiday", "holidays", "vacation", "trip", "travel", "travelling",
    "traveling", "leave", "break", "moving", "wegen", "prufungen", "urlaub",
})  # fmt: skip
_REASON_WORDS = 6  # a reason's words, at most
# "/pause during exams": a reason, and no end to the pause.
NO_END = (
    "To pause until you /resume: <code>/pause</code>. To end the pause by itself, say when: "
    "<code>/pause until fri</code> or <code>/pause 2w</code>."
)
# First words that say every alert, or name the alert before its id ("/pause all 2w", "/pause
# my alerts for 2 weeks", "/pause alert 2 for 3 days").
_SAID_ALL = frozenset({
    "all", "everything", "my", "alerts", "alert", "notifications", "them", "alle", "alles",
    "meine",
})  # fmt: skip


def all_of_them(arg: str) -> str:
    """`arg` without first words that say every alert, or name the alert before its id, as
    people write them ("/pause all 2w", "/pause my alerts for 2 weeks" are "/pause 2w";
    "/pause alert 2 for 3 days" is "/pause 2 for 3 days")."""
    words = arg.split()
    while words and words[0].lower() in _SAID_ALL:
        words = words[1:]
    return " ".join(words) if len(words) < len(arg.split()) else arg


def after_reason(text: str) -> str | None:
    """The time of a pause said with its reason first ("during exams until dec 20": "until
    dec 20"; "for my exams 2 weeks": "2 weeks"), in English words; None when `text` begins
    with no reason, or says no time after it."""
    words = " ".join(in_english(text).split()).rstrip(".").split()
    if not words or fold(words[0]) not in _REASON:
        return None
    for k in range(1, min(len(words), _REASON_WORDS + 1)):
        if any(c.isdigit() for c in words[k - 1]):
            return None  # "for 2 weeks …": a time, not a reason
        if names_a_time(tail := " ".join(words[k:])) and looks_like_a_time(tail):
            return tail
    return None


def is_reason(text: str) -> bool:
    """Whether `text` is a pause's reason and no time ("during exams", "for my exams")."""
    words = in_english(text).split()
    if not words or fold(words[0]) not in _REASON or after_reason(text) is not None:
        return False
    return not any(c.isdigit() for c in text)


def pause_until(text: str, now: datetime, tz: str) -> datetime:
    """When a pause typed as `text` ends (`parse_pause`), its reason first or not ("during
    exams until dec 20"). PolicyError as `parse_pause`'s, of the time after the reason."""
    try:
        return parse_pause(text, now, tz)
    except PolicyError:
        if (time := after_reason(text)) is None:
            raise
        return parse_pause(time, now, tz)


def taken(name: str, arg: str) -> str | None:
    """`arg` as /`name` takes it, for a command offered with it: as typed when it reads, a
    /pause's time alone when a reason comes first ("during exams until dec 20": "until dec
    20"); None when the command would refuse it ("/quiet during lectures"). Commands other
    than /pause, /quiet and /digest: `arg` as it is."""
    if name == "pause":
        return _pause_taken(arg)
    try:
        if name == "quiet" and parse_weekends(arg) is None:
            parse_quiet(arg)
        elif name == "digest":
            rest = _ids_first(arg, bool)[1]
            if rest.lower() not in ("", "default", "reset", "same"):
                parse_digest(rest)
    except PolicyError:
        return None
    return arg


def _pause_taken(arg: str) -> str | None:
    """`arg` as /pause takes it (its ids, then a time), or None."""
    ids, rest = _ids_first(all_of_them(arg), looks_like_a_time)
    if not rest or names_a_time(rest):
        return arg
    time = after_reason(rest)
    return None if time is None else f"{ids} {time}".strip()


def _ids_first(arg: str, rest_ok: Callable[[str], bool]) -> tuple[str, str]:
    """The alert ids `arg` begins with, as typed, and the words after them; ("", arg) when it
    begins with none (as /pause and /digest read them: "/pause 2 weeks" is a span)."""
    arg = " ".join(arg.split())
    first, _, rest = arg.partition(" ")
    if (several := leading_ids(arg, rest_ok)) is not None:
        return arg[: len(arg) - len(several[1])].strip(), several[1]
    if parse_id(first) is not None and not is_span(arg):
        return first, rest
    return "", arg
