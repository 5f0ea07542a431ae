"""Time zones and UTC offsets in a posting's location ("Remote (GMT+8)", "SGT +/- 2h") for
from: and location:, through the real matcher, as Remote OK's postings are normalised; from:
a zone; /timezone by a country's code."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot import match, normalize
from bot.index import Matcher
from bot.models import Alert, BoardInfo, Posting, RawPosting
from bot.places import read_places
from bot.placewords import open_names
from bot.policy import PolicyError
from bot.store import Stores
from bot.timezones import parse_timezone
from bot.view import compile_query, view
from bot.zones import us_zones, zone_spans
from tests.alerting import say, world_handlers

REMOTEOK = BoardInfo("Remote OK", "remoteok", "https://remoteok.com", None)


def remote_job(location: str, description: str = "Kubernetes, Terraform, Go.") -> Posting:
    """A remote SRE job as Remote OK's feed gives it (the walk's shape), normalised."""
    raw = RawPosting(
        "1", "Senior SRE", "https://remoteok.com/1", company="Acme", location=location,
        description_html=f"<p>{description}</p>", workplace="remote",
    )  # fmt: skip
    return normalize.posting(raw, REMOTEOK)


def matched(query: str, posting: Posting) -> bool:
    """Whether `query` matches, asserting the reference evaluator, the compiled query and
    the index agree."""
    said = match.matches(query, posting)
    assert compile_query(query)(view(posting)) is said, "compiled query"
    assert bool(Matcher([Alert(1, 1, query)]).match(posting)) is said, "index"
    return said


APAC = [
    "Remote (GMT+8)",
    "Remote (UTC+8)",
    "Remote (SGT +/- 2h)",
    "Remote (UTC+7 to UTC+10)",
    "Remote (SGT)",
    "Remote (HKT)",
    "Remote (AWST)",
    "Remote (PHT)",
    "Remote (GMT+08:00)",
    "Remote (UTC+5:30 to UTC+10)",
]


@pytest.mark.parametrize("location", APAC)
def test_a_zone_on_singapores_clock_is_open_to_singapore_and_apac(location: str) -> None:
    job = remote_job(location)
    assert job.location == location, "stored as written: read when matched"
    for place in ("singapore", "apac", "sgt"):
        assert matched(f"sre remote:yes from:{place}", job), (place, location)
    assert not matched("sre from:germany", job)
    assert not matched("sre from:usa", job)


@pytest.mark.parametrize(
    ("location", "open_to", "not_open_to"),
    [
        ("Remote (AEST)", ("australia", "apac"), ("singapore", "india")),
        ("Remote (IST)", ("india", "apac", "asia"), ("singapore", "israel", "ireland")),
        ("Remote (JST)", ("japan", "apac"), ("singapore",)),
        ("Remote (KST)", ('"south korea"', "apac"), ("singapore",)),
        ("Remote (NZST)", ('"new zealand"', "apac"), ("singapore",)),
        ("Remote (WIB)", ("indonesia", "apac"), ("singapore",)),
        ("Remote (CST)", ("usa", "texas"), ("china", "germany")),
        ("Remote (PST)", ("usa",), ("singapore",)),
        ("Remote (UTC-5)", ("usa",), ("germany",)),
        ("Remote (GMT+1)", ("germany",), ("singapore",)),
        # as before: CET and its range are Europe's
        ("Remote (CET)", ("germany", "europe"), ("singapore", "usa")),
        ("Remote (CET +/- 2h)", ("germany", "europe"), ("singapore", "usa")),
        # IST beside Israel is Israel's time, CST beside China China's
        ("Remote (IST), Israel", ("israel",), ("india",)),
        ("Shanghai (CST)", ("china",), ("usa",)),
        # "Asia-Pacific" with a hyphen is no Pacific time
        ("Remote (Asia-Pacific time zones)", ("singapore", "apac"), ("usa",)),
        ("Remote - Asia Pacific", ("singapore", "apac"), ("usa",)),
    ],
)
def test_each_zone_is_open_to_the_places_on_its_clock(
    location: str, open_to: tuple[str, ...], not_open_to: tuple[str, ...]
) -> None:
    job = remote_job(location)
    for place in open_to:
        assert matched(f"sre from:{place}", job), (place, location)
    for place in not_open_to:
        assert not matched(f"sre from:{place}", job), (place, location)


def test_a_zone_in_the_description_is_not_the_location() -> None:
    """Only the location is read: prose that names a zone opens the job to no one."""
    job = remote_job("Remote", "We work GMT+8 hours, EST overlap, IST standups.")
    for place in ("singapore", "apac", "usa", "india", "sgt"):
        assert not matched(f"sre from:{place}", job), place


def test_zones_count_only_in_capitals_or_as_utc_offsets() -> None:
    """ "Strasbourg, Grand Est" is no Eastern time, "Mist" no zone; "utc+8" is an offset."""
    assert not matched("sre from:usa", remote_job("Strasbourg, Grand Est"))
    assert matched("sre from:singapore", remote_job("remote, utc+8"))
    assert zone_spans("Remote (Ist)")[1] == ()


def test_from_a_zone_is_the_places_mostly_on_its_clock() -> None:
    """from:sgt finds jobs in or open to Singapore, China, Malaysia... or APAC; not those
    open to Australia, a tenth of whose people (Perth) are on SGT."""
    for location in ("Singapore", "Kuala Lumpur, Malaysia", "Remote - APAC", "Worldwide"):
        assert matched("sre from:sgt", remote_job(location)), location
    for location in ("Remote - Australia", "Remote (CET)", "Remote (AEST)", "Berlin"):
        assert not matched("sre from:sgt", remote_job(location)), location
    assert matched("sre from:cst", remote_job("Remote (EST)")), "CST is the US's"
    assert len(open_names("sgt")) > 1 and len(open_names("aest")) > 1


def test_spans_of_standard_offsets() -> None:
    assert zone_spans("Remote (SGT +/- 2h)")[1] == ((6.0, 10.0),)
    assert zone_spans("Remote (UTC+7 to UTC+10)")[1] == ((7.0, 10.0),)
    assert zone_spans("Remote (UTC+05:30)")[1] == ((5.5, 5.5),)
    assert zone_spans("Remote (CET)") == ("Remote (CET)", ()), "a region, as before"
    assert zone_spans("Remote (UTC+15)")[1] == (), "no such offset"
    assert us_zones("Remote (CST)") == "Remote (CDT)"
    assert us_zones("Taipei (CST)") == "Taipei (CST)"
    assert "^sg" in read_places("Remote (GMT+8)") and "+apac" in read_places("Remote (GMT+8)")


@pytest.mark.parametrize(
    ("code", "zone"),
    [("SG", "Asia/Singapore"), ("de", "Europe/Berlin"), ("JP", "Asia/Tokyo")],
)
def test_a_country_code_of_one_clock_is_its_zone(code: str, zone: str) -> None:
    assert parse_timezone(code) == zone


@pytest.mark.parametrize(
    ("code", "cities"),
    [("US", ("New York City", "Los Angeles")), ("AU", ("Sydney", "Perth")), ("RU", ("Moscow",))],
)
def test_a_country_code_of_several_clocks_asks_which(code: str, cities: tuple[str, ...]) -> None:
    with pytest.raises(PolicyError) as caught:
        parse_timezone(code)
    assert f"“{code}” spans " in str(caught.value)
    assert all(city in str(caught.value) for city in cities)


def test_a_code_that_is_a_zone_too_asks_which() -> None:
    """PT is Pacific time and Portugal; "PT time" and "PST" are Pacific."""
    with pytest.raises(PolicyError, match="Pacific time or Portugal"):
        parse_timezone("PT")
    assert parse_timezone("PT time") == "America/Los_Angeles"
    assert parse_timezone("PST") == "America/Los_Angeles"


async def test_timezone_sg_and_from_sgt_in_the_chat(store: Stores, now: datetime) -> None:
    handlers = world_handlers(store, now)
    assert "Asia/Singapore" in await say(handlers, "/timezone SG")
    reply = await say(handlers, "/alert rust from:sgt")
    assert reply.startswith("✅ Alert #1 saved") and "I know no place" not in reply
    assert "I know no place “mars”" in await say(handlers, "/alert go from:mars")
