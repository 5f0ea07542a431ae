"""/invite's uses and expiry as people write them (Sam's bug 4: "/invite until dec 24", the
docs' own example, took the 24 for its uses), and the invite times in the admin's /timezone,
not always UTC. The table reads `read_invite`; the chat goes through the fake Bot API."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.telegram.invites import local_stamp, read_invite
from tests.test_access import ADMIN, Clock, running, say

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)  # a Saturday; Clock's time
WEEK = 7 * 86400.0
DEC_24 = datetime(2026, 12, 24, 8, 0, tzinfo=UTC)  # 08:00 on the day, in UTC
FRIDAY = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def seconds_to(when: datetime) -> float:
    return (when - NOW).total_seconds()


@pytest.mark.parametrize(
    ("arg", "uses", "until"),
    [
        ("", 1, NOW + timedelta(days=7)),  # the docs' examples first
        ("20 30d", 20, NOW + timedelta(days=30)),
        ("3 2 weeks", 3, NOW + timedelta(days=14)),
        ("1w", 1, NOW + timedelta(days=7)),
        ("2 weeks", 1, NOW + timedelta(days=14)),
        ("30d", 1, NOW + timedelta(days=30)),
        ("until dec 24", 1, DEC_24),
        ("until 24 dec", 1, DEC_24),
        ("until 2026-12-24", 1, DEC_24),
        ("dec 24", 1, DEC_24),
        ("24 dec", 1, DEC_24),
        ("until friday", 1, FRIDAY),
        ("1 until dec 24", 1, DEC_24),
        ("10 dec 24", 10, DEC_24),
        ("until dec 24 5", 5, DEC_24),
        ("30d 20", 20, NOW + timedelta(days=30)),
        ("2 weeks 3", 3, NOW + timedelta(days=14)),
        ("20", 20, NOW + timedelta(days=7)),
        ("20 uses", 20, NOW + timedelta(days=7)),
        ("20x until friday", 20, FRIDAY),
        ("until dec 24 1 use", 1, DEC_24),
        ("180d", 1, NOW + timedelta(days=180)),
    ],
)
def test_the_expiry_is_read_as_written_and_a_number_alone_is_the_uses(
    arg: str, uses: int, until: datetime
) -> None:
    assert read_invite(arg, WEEK, NOW) == (uses, seconds_to(until))


@pytest.mark.parametrize(
    ("arg", "said"),
    [
        ("5 10", "10 what? Give the expiry its unit"),
        ("0 30d", "An invite has 1 to 10,000 uses, not 0."),
        ("until 2027-06-01", "I don't understand “until 2027-06-01” as an expiry"),
        ("banana", "I don't understand “banana” as an expiry"),
    ],
)
def test_what_is_no_expiry_or_no_count_is_said(arg: str, said: str) -> None:
    reply = read_invite(arg, WEEK, NOW)
    assert isinstance(reply, str) and reply.startswith(said), reply


def test_a_day_is_read_in_the_admins_zone_and_shown_in_it() -> None:
    read = read_invite("until dec 24", WEEK, NOW, "Europe/Berlin")
    assert not isinstance(read, str)
    seconds = read[1]
    assert NOW + timedelta(seconds=seconds) == DEC_24 - timedelta(hours=1)  # 08:00 CET
    assert local_stamp(DEC_24, "Europe/Berlin") == "2026-12-24 09:00 CET"
    assert local_stamp(DEC_24, "UTC") == "2026-12-24 08:00 UTC"


async def test_invite_times_follow_the_admins_timezone(tmp_path, tg) -> None:
    """Sam set /timezone Berlin and still read "until … UTC" in /invite and /invites."""
    async with running(tmp_path, tg, {"mode": "invite"}, Clock()):
        utc = await say(tg, ADMIN, "/invite until dec 24")
        assert "Invite: 1 use, 32d23h (until 2026-12-24 08:00 UTC)" in utc, utc
        await say(tg, ADMIN, "/timezone Europe/Berlin")
        berlin = await say(tg, ADMIN, "/invite 3 until dec 24")
        assert "Invite: 3 uses, 32d22h (until 2026-12-24 08:00 CET)" in berlin, berlin
        code = re.search(r"\?start=([\w-]+)", berlin)
        assert code, berlin
        listed = await say(tg, ADMIN, "/invites")
        assert f"<code>{code[1]}</code>: 3 of 3 uses left, until 2026-12-24 08:00 CET." in listed
        assert "UTC" not in listed and "2026-12-24 09:00 CET" in listed, "the first one, in CET"
