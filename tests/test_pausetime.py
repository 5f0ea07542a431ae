"""bot/pausetime.py: a pause typed as people write it ends when they meant, or says why not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.pausetime import is_span, looks_like_a_time, parse_pause
from bot.policy import PolicyError


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


SAT_NOON = utc(2026, 3, 28, 12, 0)  # Berlin moves to summer time the next night


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("2w", utc(2026, 4, 11, 12, 0)),
        ("10d", utc(2026, 4, 7, 12, 0)),
        ("for 12h", utc(2026, 3, 29, 0, 0)),
        ("3 Days", utc(2026, 3, 31, 12, 0)),
        ("1 week", utc(2026, 4, 4, 12, 0)),
        ("a week", utc(2026, 4, 4, 12, 0)),
        ("week", utc(2026, 4, 4, 12, 0)),
        ("for two weeks", utc(2026, 4, 11, 12, 0)),
        ("a couple of days", utc(2026, 3, 30, 12, 0)),
        ("a fortnight", utc(2026, 4, 11, 12, 0)),
        ("1 month", utc(2026, 4, 27, 12, 0)),  # a month is 30 days
        ("3 months", utc(2026, 6, 26, 12, 0)),
        ("an hour", utc(2026, 3, 28, 13, 0)),
        ("2 more weeks", utc(2026, 4, 11, 12, 0)),
        ("until 2 weeks", utc(2026, 4, 11, 12, 0)),  # from now, as "for" would say
        ("for the next 2 weeks", utc(2026, 4, 11, 12, 0)),
        ("the next few days", utc(2026, 3, 31, 12, 0)),
        ("until tomorrow", utc(2026, 3, 29, 6, 0)),  # 08:00 local, summer time from that night
        ("tomorrow", utc(2026, 3, 29, 6, 0)),
        ("until mon", utc(2026, 3, 30, 6, 0)),
        ("till next Monday", utc(2026, 3, 30, 6, 0)),
        ("friday", utc(2026, 4, 3, 6, 0)),
        ("until Saturday", utc(2026, 4, 4, 6, 0)),  # today is Saturday: the next one
        ("until next week", utc(2026, 3, 30, 6, 0)),  # its Monday
        ("until the weekend", utc(2026, 4, 4, 6, 0)),
        ("for the weekend", utc(2026, 3, 30, 6, 0)),  # over it: until Monday morning
        ("over the weekend", utc(2026, 3, 30, 6, 0)),
        ("until next month", utc(2026, 4, 1, 6, 0)),
        ("until 2026-04-20", utc(2026, 4, 20, 6, 0)),
        ("until apr 20", utc(2026, 4, 20, 6, 0)),
        ("until April 20th", utc(2026, 4, 20, 6, 0)),
        ("till 20 April", utc(2026, 4, 20, 6, 0)),
        ("until the 20th of april, 2026", utc(2026, 4, 20, 6, 0)),
        ("90d", utc(2026, 6, 26, 12, 0)),
        ("until April", utc(2026, 4, 1, 6, 0)),  # a month alone: its first day
        ("until may", utc(2026, 5, 1, 6, 0)),
        ("until the 4th", utc(2026, 4, 4, 6, 0)),  # a day alone: the next of that number
        ("until 31st", utc(2026, 3, 31, 6, 0)),
        ("until the 28th", utc(2026, 4, 28, 6, 0)),  # today's is gone
    ],
)
def test_a_pause_ends_after_its_span_or_at_8_local_time_on_its_day(
    text: str, ends: datetime
) -> None:
    assert parse_pause(text, SAT_NOON, "Europe/Berlin") == ends


def test_a_date_without_its_year_is_the_next_to_come() -> None:
    dec_20 = utc(2026, 12, 20, 12, 0)
    assert parse_pause("until jan 4", dec_20, "UTC") == utc(2027, 1, 4, 8, 0)
    assert parse_pause("until 24 december", dec_20, "UTC") == utc(2026, 12, 24, 8, 0)
    assert parse_pause("until January", dec_20, "UTC") == utc(2027, 1, 1, 8, 0)
    assert parse_pause("until the new year", dec_20, "UTC") == utc(2027, 1, 1, 8, 0)
    assert parse_pause("until the 4th", dec_20, "UTC") == utc(2027, 1, 4, 8, 0)
    assert parse_pause("until the 31st", utc(2027, 1, 31, 12, 0), "UTC") == utc(2027, 3, 31, 8, 0)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("91d", "a pause ends within 90 days"),
        ("4 months", "a pause ends within 90 days"),
        ("to Sept 1.", "a pause ends within 90 days"),  # read as a date, then too far
        ("until 2026-03-28", "is past"),  # 08:00 today is gone
        ("until 28 march 2026", "is past"),
        ("0h", "is past"),
        ("until later", "“later” is not a day like fri, dec 24 or 2027-01-04"),
        ("until feb 30", "is not a day like"),
        ("until 4", "is not a day like"),  # (4 o'clock?) a day of a month has its "th"
        ("until march", "a pause ends within 90 days"),  # its first is a year away
        ("until smarch 3", "is not a day like"),
        ("a while", "is not a time to pause for"),
        ("2 eons", "is not a time to pause for"),
    ],
)
def test_a_pause_that_cannot_be_says_why(text: str, says: str) -> None:
    with pytest.raises(PolicyError, match=says):
        parse_pause(text, SAT_NOON, "Europe/Berlin")


def test_a_number_and_a_unit_is_a_span_and_time_words_are_told_from_others() -> None:
    assert is_span("2 weeks") and is_span("3 days") and is_span("10d")
    assert not is_span("2 3d") and not is_span("week") and not is_span("2")
    assert looks_like_a_time("tomorrow") and looks_like_a_time("dec 24")
    assert looks_like_a_time("a while") and looks_like_a_time("friday")
    assert not looks_like_a_time("rust") and not looks_like_a_time("someday")
