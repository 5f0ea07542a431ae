"""Delivery policy: digests, quiet hours and time zones, with daylight saving, on an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.pausetime import parse_quiet
from bot.policy import (
    DeliverySettings,
    PolicyError,
    next_digest,
    parse_digest,
    parse_hhmm,
    quiet_until,
    release_at,
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


BERLIN = DeliverySettings(timezone="Europe/Berlin")


def test_instant_is_now_and_quiet_hours_hold_until_their_end() -> None:
    night = DeliverySettings(timezone="Europe/Berlin", quiet=(22 * 60, 7 * 60))
    assert release_at(BERLIN, utc(2026, 12, 3, 23, 0)) is None
    # 23:30 UTC is 00:30 in Berlin (winter, UTC+1): held until 07:00 local = 06:00 UTC.
    assert release_at(night, utc(2026, 12, 3, 23, 30)) == utc(2026, 12, 4, 6, 0)
    assert release_at(night, utc(2026, 12, 3, 21, 30)) == utc(2026, 12, 4, 6, 0)  # 22:30 local
    assert release_at(night, utc(2026, 12, 4, 6, 0)) is None  # 07:00 local: the window ended
    day = DeliverySettings(quiet=(9 * 60, 17 * 60))
    assert quiet_until(day, utc(2026, 12, 3, 12, 0)) == utc(2026, 12, 3, 17, 0)
    assert quiet_until(day, utc(2026, 12, 3, 17, 0)) is None


def test_daily_and_weekly_digests_in_the_users_zone() -> None:
    daily = DeliverySettings(timezone="America/New_York", mode="daily", digest_at=8 * 60)
    assert next_digest(daily, utc(2026, 12, 3, 13, 0)) == utc(2026, 12, 4, 13, 0)
    assert next_digest(daily, utc(2026, 12, 3, 12, 59)) == utc(2026, 12, 3, 13, 0)
    weekly = DeliverySettings(timezone="Asia/Kolkata", mode="weekly", digest_day=4, digest_at=1050)
    # Thursday 2026-12-03; Friday 17:30 in Kolkata (UTC+5:30) is 12:00 UTC.
    assert release_at(weekly, utc(2026, 12, 3, 9, 0)) == utc(2026, 12, 4, 12, 0)
    assert release_at(weekly, utc(2026, 12, 4, 12, 0)) == utc(2026, 12, 11, 12, 0)


def test_a_digest_inside_quiet_hours_waits_for_their_end() -> None:
    s = DeliverySettings(mode="daily", digest_at=23 * 60, quiet=(22 * 60, 7 * 60))
    assert release_at(s, utc(2026, 12, 3, 12, 0)) == utc(2026, 12, 4, 7, 0)


def test_daylight_saving_gap_and_repeated_hour() -> None:
    s = DeliverySettings(timezone="Europe/Berlin", mode="daily", digest_at=2 * 60 + 30)
    # 2027-03-28: Berlin skips 02:00-03:00. 02:30 does not exist: sent at 03:30 CEST (01:30 UTC).
    assert next_digest(s, utc(2027, 3, 27, 12, 0)) == utc(2027, 3, 28, 1, 30)
    # 2026-10-25: 02:00-03:00 happens twice; the digest goes once, at the first (00:30 UTC).
    assert next_digest(s, utc(2026, 10, 24, 12, 0)) == utc(2026, 10, 25, 0, 30)
    assert next_digest(s, utc(2026, 10, 25, 0, 30)) == utc(2026, 10, 26, 1, 30)
    summer = DeliverySettings(timezone="Europe/Berlin", mode="daily", digest_at=8 * 60)
    assert next_digest(summer, utc(2026, 7, 1, 12, 0)) == utc(2026, 7, 2, 6, 0)


def test_digest_and_quiet_commands_parse_or_say_why() -> None:
    assert parse_digest("daily 08:00") == ("daily", 480, 0)
    assert parse_digest("weekly Friday 17:30") == ("weekly", 1050, 4)
    assert parse_digest("off")[0] == "instant"
    assert parse_digest("9am daily") == ("daily", 540, 0), "the kind last, as people say it"
    assert parse_digest("mon 9am weekly") == ("weekly", 540, 0)
    assert parse_digest("täglich 9 Uhr") == ("daily", 540, 0), "German"
    assert parse_digest("9h") == parse_digest("9am") == ("daily", 540, 0), "a time alone: daily"
    assert parse_digest("at 18:30") == ("daily", 1110, 0)
    assert parse_digest("weekly fr 18 uhr") == ("weekly", 1080, 4)
    assert parse_digest("So. 10") == ("weekly", 600, 6), "German short day names"
    assert parse_quiet("22:00-07:00") == (1320, 420)
    assert parse_quiet("22 bis 7") == (1320, 420), "German"
    with pytest.raises(PolicyError, match="/quiet weekends"):
        parse_quiet("every weekend")
    assert parse_quiet("off") is None
    for bad in ("daily 25:00", "weekly someday 08:00", "hourly", "daily 8:", "daily 13pm", "25h"):
        with pytest.raises(PolicyError):
            parse_digest(bad)
    for bad in ("22:00", "10:00-10:00", "late-early", "10pm-22"):
        with pytest.raises(PolicyError):
            parse_quiet(bad)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("8", 480), ("08", 480), ("8:30", 510), ("8.30", 510), ("20h", 1200), ("20h15", 1215),
        ("8am", 480), ("8 AM", 480), ("6:30pm", 1110), ("6:30 p.m.", 1110), ("12am", 0),
        ("12pm", 720), ("12:30am", 30), ("0", 0), ("23:59", 1439),
    ],
)  # fmt: skip
def test_times_as_people_write_them(text: str, minutes: int) -> None:
    assert parse_hhmm(text) == minutes


@pytest.mark.parametrize(
    "text", ["24", "13pm", "0am", "8:60", "8:5", "8:", "8.", "8m", "8p", "123", "-1", "noon", ""]
)
def test_times_that_are_not_times_are_refused(text: str) -> None:
    with pytest.raises(PolicyError, match="is not a time like 08:00, 18:30, 8am or 6:30pm"):
        parse_hhmm(text)


def test_digest_and_quiet_take_hours_and_am_pm() -> None:
    assert parse_digest("daily 8") == ("daily", 480, 0)
    assert parse_digest("daily 8 am") == ("daily", 480, 0)
    assert parse_digest("weekly fri 5 pm") == ("weekly", 1020, 4)
    assert parse_quiet("22-7") == (1320, 420)
    assert parse_quiet("10 pm – 7 am") == (1320, 420)
    assert parse_quiet("10PM-7AM") == (1320, 420)


def test_digests_and_quiet_hours_as_people_say_them() -> None:
    assert parse_digest("daily at 9am") == ("daily", 540, 0)
    assert parse_digest("every day at 18:00") == ("daily", 1080, 0)
    assert parse_digest("every monday 9:00") == ("weekly", 540, 0)
    assert parse_digest("Fridays at 5 pm") == ("weekly", 1020, 4)
    assert parse_digest("weekly on friday at 17:30") == ("weekly", 1050, 4)
    assert parse_digest("each week")[0] == "weekly"
    assert parse_quiet("from 10pm to 8am") == (1320, 480)
    assert parse_quiet("between 22:00 and 07:00") == (1320, 420)
    assert parse_quiet("10 pm until 7 am") == (1320, 420)
    assert parse_quiet("22:00 — 07:00") == (1320, 420)
    with pytest.raises(PolicyError, match="is not a day"):
        parse_digest("weekly moonday 9:00")
    with pytest.raises(PolicyError, match="use /digest daily"):
        parse_digest("mornings")
