"""When a pause ends, typed as people write it: a span ("2w", "10 days", "a week", "two
weeks", "1 month", "for 12h", "for the next 2 weeks", "until 2 weeks") or a day ("until fri",
"tomorrow", "next week", "until dec 24", "till 24 December 2026", "until 2027-01-04", "until
january": its first, "until the 4th": the next 4th, "until the new year"), the day's pause
ending at 08:00 local time.

German as people write it too ("14 tage", "für 2 wochen", "bis 3. januar", "bis 03.01.",
"bis montag"), and Portuguese and Spanish ("2 semanas", "até dia 4", `bot.pausewords`):
`in_english` reads it in the English words. A date without its year is the next
one to come.

Quiet hours and quiet weekends as /quiet and /import take them, too: "22:00-07:00", "from 10pm
to 7am", "22 bis 7", "off" (`parse_quiet`); "weekends", "weekends off" (`parse_weekends`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from bot.pausewords import ROMANCE, days_spelled
from bot.policy import DAYS, MERIDIEM, PolicyError, local_at, parse_hhmm, zone
from bot.words import fold

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


_ANY_DAY = date(2000, 1, 1)  # (a leap year: "feb 29" is a day)


def names_a_time(text: str) -> bool:
    """Whether `text` is a time /pause reads ("2w", "until dec 20", "for the weekend"),
    whatever the day today (which may make it past, or too far)."""
    words = _words(text)
    bare = _UNTIL.sub("", words)
    if _WEEKEND.match(words) or _SPAN.match(words) or _SPAN.match(bare):
        return True
    return _day(bare, _ANY_DAY) is not None


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
    return " ".join(in_english(text).split()).rstrip(".")


# German words of a pause, folded: the English ones (a word mapped to "" is left out).
_GERMAN = {
    "fur": "for", "fuer": "for", "bis": "until", "zum": "", "zur": "", "den": "", "ab": "",
    "ein": "a", "eine": "a", "einen": "a", "einer": "a", "paar": "few", "zwei": "two",
    "drei": "three", "vier": "four", "funf": "five", "fuenf": "five", "sechs": "six",
    "sieben": "seven", "acht": "eight", "neun": "nine", "zehn": "ten", "elf": "eleven",
    "zwolf": "twelve", "zwoelf": "twelve", "nachste": "next", "nachsten": "next",
    "naechste": "next", "naechsten": "next", "kommende": "next", "kommenden": "next",
    "stunde": "hour", "stunden": "hours", "std": "h", "tag": "day", "tage": "days",
    "tagen": "days", "woche": "week", "wochen": "weeks", "monat": "month", "monate": "months",
    "monaten": "months", "morgen": "tomorrow", "wochenende": "weekend", "ubers": "over the",
    "uebers": "over the", "furs": "for the", "fuers": "for the", "uber": "over", "ueber": "over",
    "das": "the", "neujahr": "new year", "montag": "monday", "dienstag": "tuesday",
    "mittwoch": "wednesday", "donnerstag": "thursday", "freitag": "friday",
    "samstag": "saturday", "sonnabend": "saturday", "sonntag": "sunday", "januar": "january",
    "janner": "january", "februar": "february", "marz": "march", "maerz": "march",
    "mai": "may", "juni": "june", "juli": "july", "oktober": "october", "dezember": "december",
}  # fmt: skip
_SAID = _GERMAN | ROMANCE  # and Portuguese and Spanish ones: "2 semanas", "até dia 4"
# 03.01., 3.1.2027, "until 3.1" at the end; "3. januar"; "bis zum 4.": a German date.
_DOTTED = re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2})(\.(?:\d{4})?)?$")
_DAY_DOT = re.compile(r"(?<![\w.])(\d{1,2})\.(?=\s+[^\W\d])")
_NTH_DOT = re.compile(r"(?<=\s)(\d{1,2})\.$")


def in_english(text: str) -> str:
    """A pause as `text` says it, lower-cased, in the English words this module reads: German
    ones ("14 tage", "für 2 wochen", "bis 3. januar", "bis 03.01.", "bis zum 4.", "bis
    montag") as English ("14 days", "for 2 weeks", "until 3 january", "until 3 january",
    "until 4th", "until monday"); other words as they are."""
    text = days_spelled(" ".join(text.lower().replace(",", " ").split()))  # ("até dia 4")
    if (dotted := _DOTTED.search(text)) and (dotted[3] or text[: dotted.start()].strip()):
        text = text[: dotted.start()] + _dotted(dotted)  # (a date, not "/pause 1.5")
    text = _NTH_DOT.sub(r"\1th", _DAY_DOT.sub(r"\1", text))
    return " ".join(w for w in (_SAID.get(fold(w), w) for w in text.split()) if w)


def _dotted(date_: re.Match[str]) -> str:
    """ "3.1." as "3 january" (with its year when written), or as written when no date."""
    day, month, year = int(date_[1]), int(date_[2]), (date_[3] or ".").lstrip(".")
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return date_[0]
    return f"{day} {calendar.month_name[month].lower()} {year}".strip()


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


# Quiet hours and weekends as people type them (/quiet, /import).
_FROM = re.compile(r"^(?:from|between|ab|von|zwischen)\s+")  # ("ab 22 uhr bis 7 uhr": German)
_BETWEEN = re.compile(r"\s+(?:to|until|till|til|and|bis|und)\s+")  # ("22 bis 7")
_OCLOCK = re.compile(r"\s*\buhr\b")  # "22 uhr": 22
_OFF = ("off", "none", "no", "aus", "keine", "nein")  # ("aus": German)


def parse_quiet(text: str) -> tuple[int, int] | None:
    """ "22:00-07:00" -> (1320, 420); also "10pm to 7am", "from 22 until 7", "between 22:00
    and 07:00"; "off" -> None."""
    text = _OCLOCK.sub("", MERIDIEM.sub(r"\1", text.strip().lower()))
    if text in _OFF:
        return None
    text = _BETWEEN.sub("-", _FROM.sub("", text))  # "from 10pm to 7am", "between 22 and 7"
    start, sep, end = text.replace("–", "-").replace("—", "-").partition("-")
    if not sep and "weekend" in text:  # a weekend is no window of hours
        raise PolicyError(
            "quiet hours are a window of each day, like 22:00-07:00; for weekends without "
            "jobs, /quiet weekends (and /quiet weekends off)"
        )
    if not sep:
        raise PolicyError("quiet hours are a window like 22:00-07:00 (or 10pm-7am), or off")
    window = parse_hhmm(start), parse_hhmm(end)
    if window[0] == window[1]:
        raise PolicyError("quiet hours must not start and end at the same minute")
    return window


# "weekends", "on weekends", "sat-sun", "am wochenende"; "weekends off": off.
_WEEKENDS = re.compile(
    r"^(?:(?:on|at|over|am|the) )*(?:weekends?|wochenenden?|"
    r"sat(?:urday)?s? ?(?:-|–|and|&|\+|to|und) ?sun(?:day)?s?)(?: (?P<off>off|on|aus|an))?$"
)


def parse_weekends(text: str) -> bool | None:
    """ "weekends" -> True (quiet weekends on), "weekends off" -> False; None: not of weekends."""
    said = _WEEKENDS.match(" ".join(text.lower().split()))
    return None if said is None else said["off"] not in ("off", "aus")
