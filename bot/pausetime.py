"""When a pause ends, typed as people write it: a span ("2w", "10 days", "a week", "two
weeks", "1 month", "for 12h", "for the next 2 weeks", "until 2 weeks") or a day ("until fri",
"tomorrow", "next week", "until dec 24", "till 24 December 2026", "until 2027-01-04", "until
january": its first, "until the 4th": the next 4th, "until the new year"), the day's pause
ending at 08:00 local time.

English only, as the other commands are. A date without its year is the next one to come.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from bot.policy import DAYS, PolicyError, local_at, zone

PAUSE_LONGEST = timedelta(days=90)
RESUME_AT = 8 * 60  # "/pause until friday": back at 08:00 local time that day
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2,
    "couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip
_UNITS = {
    "h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1),
    "f": timedelta(weeks=2), "mo": timedelta(days=30),
}  # fmt: skip
_NUMBER = r"\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))
_SPAN = re.compile(
    rf"^(?:for\s+)?(?:(?:the\s+)?next\s+(?=\d|[a-z]+\s))?(?:(?P<n>{_NUMBER})\s*)?(?:more\s+)?"
    r"(?P<unit>h|hrs?|hours?|d|days?|w|wks?|weeks?|fortnights?|months?|mo)$"
)
_UNTIL = re.compile(r"^(?:until|till|til|to|through|thru)\s+")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"([a-z]{3,9})\.?"
_DAY_MONTH = re.compile(rf"^(?:the\s+)?{_ORDINAL}(?:\s+of)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?$")
_MONTH_DAY = re.compile(rf"^{_MONTH}\s+(?:the\s+)?{_ORDINAL}(?:,?\s+(\d{{4}}))?$")
_WEEKEND = re.compile(r"^(?:(?:for|over|during)\s+(?:the\s+)?|this\s+)weekend$")
_NTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")  # "the 4th", without its month
HINT = "use /pause 2w, /pause 10 days, /pause until fri or /pause until dec 24"


def is_span(text: str) -> bool:
    """Whether `text` is a span with its number ("2 weeks", "3 days"): "/pause 2 weeks" is a
    pause of two weeks, not of alert #2."""
    span = _SPAN.match(_words(text))
    return span is not None and span["n"] is not None


def looks_like_a_time(text: str) -> bool:
    """Whether `text` was meant as a time (so its error says why that time cannot be)."""
    first = _words(text).partition(" ")[0]
    return bool(
        first[:1].isdigit()
        or first in ("for", "until", "till", "til", "next", "tomorrow", "a", "an")
        or first in _NUMBERS
        or first[:3] in DAYS
        or first[:3] in _MONTHS
    )


def parse_pause(text: str, now: datetime, tz: str) -> datetime:
    """When a pause typed as `text` ends (UTC): a span from `now`, or 08:00 local time on the
    day it names. PolicyError unless it ends within PAUSE_LONGEST."""
    words = _words(text)
    if _WEEKEND.match(words):  # "for the weekend": until Monday morning
        words = "until monday"
    if (bare := _UNTIL.sub("", words)) != words and _SPAN.match(bare):
        words = bare  # "until 2 weeks": for two weeks
    if span := _SPAN.match(words):
        count = span["n"] or "1"
        n = int(count) if count.isdigit() else _NUMBERS[count]
        unit = span["unit"]
        until = now + n * _UNITS["mo" if unit.startswith("mo") else unit[0]]
    else:
        rest = _UNTIL.sub("", words)
        day = _day(rest, now.astimezone(zone(tz)).date())
        if day is None and rest != words:
            raise PolicyError(f"“{rest[:20]}” is not a day like fri, dec 24 or 2027-01-04")
        if day is None:
            raise PolicyError(f"“{text[:20]}” is not a time to pause for: {HINT}")
        until = local_at(day, RESUME_AT, zone(tz))
    if until <= now:
        raise PolicyError(f"“{text[:20]}” is past: a pause ends later than now")
    if until > now + PAUSE_LONGEST:
        raise PolicyError(
            f"a pause ends within {PAUSE_LONGEST.days} days (/pause alone: until /resume)"
        )
    return until


def _words(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").split()).rstrip(".")


def _day(text: str, today: date) -> date | None:
    """The day `text` names: tomorrow, the next weekday (fri, friday, next friday), next week
    (its Monday), next month (its first), or a date (2027-01-04, dec 24, 24th of December);
    None when it names none."""
    text = text.removeprefix("the ")
    if text == "tomorrow":
        return today + timedelta(days=1)
    if text in ("next week", "the weekend", "weekend"):
        weekday = 0 if text == "next week" else 5
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if text == "next month":
        return (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    if text in ("new year", "new years", "new year's", "new year's day"):
        return date(today.year + 1, 1, 1)
    if (month := _month(text)) is not None:  # "until january": its first day
        return date(today.year + (month <= today.month), month, 1)
    if nth := _NTH.match(text):  # "until the 4th": the next 4th of a month
        return _next_nth(int(nth[1]), today)
    name = text.removeprefix("next ")
    if name[:3] in DAYS and (len(name) == 3 or name.endswith("day")):
        return today + timedelta(days=(DAYS.index(name[:3]) - today.weekday() - 1) % 7 + 1)
    return _date(text, today)


def _date(text: str, today: date) -> date | None:
    """A date written as 2027-01-04, "dec 24", "24 december", "24th of Dec, 2026"; a date
    without its year is the next to come. None when `text` is no date."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    if m := _DAY_MONTH.match(text):
        day, month, year = m[1], m[2], m[3]
    elif m := _MONTH_DAY.match(text):
        month, day, year = m[1], m[2], m[3]
    else:
        return None
    if (number := _month(month)) is None:
        return None
    try:
        found = date(int(year or today.year), number, int(day))
        if year is None and found < today:
            found = found.replace(year=today.year + 1)
    except ValueError:
        return None
    return found


def _month(text: str) -> int | None:
    """The month `text` names ("jan", "january", "sept"), or None."""
    number = _MONTHS.get(text[:3])
    if number is None or not calendar.month_name[number].lower().startswith(text):
        return None
    return number


def _next_nth(day: int, today: date) -> date | None:
    """The next day `day` of a month after today ("the 4th"), in a month that has it."""
    year, month = today.year, today.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) > today:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None
