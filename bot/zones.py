"""Time zones as postings write them in a location. North America's ("Remote (ET)",
"Remote (ET/CT)", "Remote - Pacific Time", not "Asia-Pacific time zones") each written as
"EST", which `bot.geodata.TIME_ZONES` reads as North America (`us_zones`); UTC offsets and
other zones ("GMT+8", "SGT +/- 2h", "UTC+7 to UTC+10", "AEST") as spans of standard offsets,
which `bot.places` opens to the countries on those clocks (`zone_spans`, `clock_hours`).

ET is Ethiopia's code too, but a job there names Ethiopia or its capital; PT, CT and MT are
also Portugal, Connecticut and Malta or Montana, so they count as zones only beside another
zone or before "time" ("PT/ET", "CT hours"). Zones' abbreviations count only in capitals.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.geodata import TIME_ZONES

_ZONE_NAMES = re.compile(
    r"(?<!asia-)(?<!asia )\b(?:eastern|central|mountain|pacific)(?: standard| daylight)? time\b",
    re.IGNORECASE,
)
_ET = re.compile(r"\bET\b")
_ZONE = r"(?:EST|EDT|PST|PDT|MST|MDT|CDT|PT|CT|MT)"
_ZONE_GROUP = re.compile(rf"\b{_ZONE}(?:\s*(?:[/&,-]|or|and)\s*{_ZONE})+\b")
_SHORT_ZONES = re.compile(r"\b(?:PT|CT|MT)\b")
_LONG_ZONE = re.compile(r"\b(?:EST|EDT|PST|PDT|MST|MDT|CDT)\b")
_SHORT_ZONE_TIME = re.compile(r"\b(?:PT|CT|MT)(?=\s+(?i:time|hours|tz|zone|timezone)\b)")
_ETHIOPIA = re.compile(r"ethiopia|addis", re.IGNORECASE)
_CST = re.compile(r"\bCST\b")
_NOT_US = re.compile(
    r"china|beijing|shanghai|shenzhen|guangzhou|hangzhou|taiwan|taipei|cuba|havana|asia|apac",
    re.IGNORECASE,
)


def us_zones(location: str) -> str:
    """`location` with North America's time zones written as "EST" ("Remote (ET/PT)" ->
    "Remote (EST/EST)"), and CST as "CDT" (US Central) where the location names no China,
    Taiwan, Cuba or Asia."""
    if "T" not in location and "t" not in location:
        return location
    text = _ZONE_NAMES.sub("EST", location)
    if not _ETHIOPIA.search(text):
        text = _ET.sub("EST", text)
    if not _NOT_US.search(text):  # "Remote (CST)": US Central, unless China's or Cuba's
        text = _CST.sub("CDT", text)
    text = _ZONE_GROUP.sub(_group, text)
    return _SHORT_ZONE_TIME.sub("EST", text)


def _group(m: re.Match[str]) -> str:
    """Zones written together ("EST/PT"): PT, CT and MT are zones there too, beside one."""
    return _SHORT_ZONES.sub("EST", m[0]) if _LONG_ZONE.search(m[0]) else m[0]


# The standard UTC offsets, in hours, of the zones a remote posting names ("Remote (SGT)",
# "Remote (AEST)"), read as the places on that clock (`bot.places`). "IST" is India's: a
# remote job naming it is far more often India's than Israel's or Ireland's (a location that
# names either keeps IST unread). CST is the US's unless the location names China, Taiwan,
# Cuba or Asia (`us_zones` writes it "CDT"); not BST (Britain's summer and Bangladesh's).
# Europe's and North America's zones of `TIME_ZONES` keep their regions ("Remote (CET)":
# Europe) and are read as offsets only with a range ("CET +/- 2h").
ZONE_HOURS: dict[str, float] = {
    **dict.fromkeys(("SGT", "HKT", "AWST", "PHT", "MYT", "WITA"), 8.0),
    **dict.fromkeys(("JST", "KST", "WIT"), 9.0),
    **dict.fromkeys(("AEST", "AEDT"), 10.0),
    **dict.fromkeys(("ACST", "ACDT"), 9.5),
    **dict.fromkeys(("NZST", "NZDT"), 12.0),
    **dict.fromkeys(("WIB", "ICT"), 7.0),
    "IST": 5.5, "PKT": 5.0, "NPT": 5.75, "BRT": -3.0, "AKST": -9.0, "HST": -10.0,
    **dict.fromkeys(("CET", "CEST"), 1.0), **dict.fromkeys(("EET", "EEST"), 2.0),
    **dict.fromkeys(("EST", "EDT"), -5.0), "CDT": -6.0, **dict.fromkeys(("MST", "MDT"), -7.0),
    **dict.fromkeys(("PST", "PDT"), -8.0), "WET": 0.0, "GMT": 0.0, "UTC": 0.0,
}  # fmt: skip
_NAMED = "|".join(sorted(ZONE_HOURS, key=len, reverse=True))
_ONE = (
    r"(?:(?i:utc|gmt)\s*[+\-−–]\s*\d{1,2}(?:[:.]?[0-5]\d)?(?!\d)"
    rf"|\b(?:{_NAMED}|(?i:utc|gmt))\b)"
)
_SPAN = re.compile(
    rf"({_ONE})(?:\s*(?:\+\s*/?\s*[-−–]|±)\s*(\d{{1,2}})\s*(?i:h|hrs?|hours?)?\b"
    rf"|\s*(?:to|[-−–])\s*({_ONE}))?"
)
_OFFSET = re.compile(r"([+\-−–])\s*(\d{1,2})(?:[:.]?([0-5]\d))?")
_NOT_INDIA = re.compile(r"israel|tel aviv|jerusalem|haifa|ireland|dublin|cork", re.IGNORECASE)


def zone_spans(location: str) -> tuple[str, tuple[tuple[float, float], ...]]:
    """`location` without the time zones it names as offsets, and the spans of standard UTC
    offsets they open it to: "Remote (SGT +/- 2h)" -> ("Remote ( )", ((6.0, 10.0),)),
    "UTC+7 to UTC+10" -> (7.0, 10.0). A zone that names a region ("CET", "EST") stays, and
    gives a span only with a range ("CET +/- 2h": the text keeps "CET")."""
    if not any(c.isupper() for c in location) and "utc" not in location and "gmt" not in location:
        return location, ()
    spans: list[tuple[float, float]] = []

    def read(m: re.Match[str]) -> str:
        first, second = _hours(m[1], location), _hours(m[3], location) if m[3] else None
        if first is None or (m[3] and second is None):
            return m[0]
        wide = float(m[2] or 0)
        lo, hi = sorted((first, first if second is None else second))
        region = m[1].lower() in TIME_ZONES
        if region and not m[2] and second is None:
            return m[0]  # "CET": Europe, as before
        spans.append((lo - wide, hi + wide))
        return f" {m[1]} " if region else " "

    return _SPAN.sub(read, location), tuple(spans)


def _hours(zone: str, location: str) -> float | None:
    """The standard UTC offset `zone` names ("GMT+8", "UTC+05:30", "SGT"); None for IST in a
    location that names Israel or Ireland."""
    if (m := _OFFSET.search(zone)) is None:
        if zone == "IST" and _NOT_INDIA.search(location):
            return None
        return ZONE_HOURS.get(zone.upper() if zone.lower() in ("utc", "gmt") else zone)
    hours = int(m[2]) + int(m[3] or 0) / 60
    if hours > 14:
        return None
    return hours if m[1] == "+" else -hours


def clock_hours(cities: Iterable[dict]) -> dict[str, dict[float, float]]:
    """Each country's standard UTC offsets (the lower of January's and July's, so daylight
    saving either side of the equator does not count) and the share of its cities' people on
    each, from geonames cities: "AU" -> {10.0: 0.78, 8.0: 0.1, 9.5: 0.09, ...}."""
    offsets: dict[str, float | None] = {}
    people: dict[str, dict[float, float]] = defaultdict(lambda: defaultdict(float))
    for city in cities:
        zone = city.get("timezone") or ""
        if zone not in offsets:
            offsets[zone] = _standard(zone)
        if (hours := offsets[zone]) is not None:
            people[city["countrycode"]][hours] += city.get("population", 0) or 0
    return {
        country: {h: n / total for h, n in own.items()}
        for country, own in people.items()
        if (total := sum(own.values())) > 0
    }


def _standard(zone: str) -> float | None:
    """`zone`'s standard UTC offset in hours; None for a zone this machine does not know."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    year = datetime.now(UTC).year
    seen = [datetime(year, month, 15, tzinfo=UTC).astimezone(tz).utcoffset() for month in (1, 7)]
    return min(s.total_seconds() for s in seen if s is not None) / 3600


SOME = 0.05  # a country with this share of its people on a clock in a span is open to it
MOST = 0.5  # ... with this share, its regions count for the span: "GMT+8" is in APAC


def zone_places(
    spans: Iterable[tuple[float, float]],
    hours: dict[str, dict[float, float]],
    regions: dict[str, frozenset[str]],
) -> set[str]:
    """The places `bot.places.read_places` gives the `spans` of `zone_spans`: each country
    open to it ("^sg"), and the regions every country mostly on its clocks lies in ("+apac"),
    so `from:apac` finds "Remote (GMT+8)"."""
    places: set[str] = set()
    for lo, hi in spans:
        share = {c: sum(n for h, n in own.items() if lo <= h <= hi) for c, own in hours.items()}
        places |= {"^" + c.lower() for c, n in share.items() if n >= SOME}
        most = [regions.get(c, frozenset()) for c, n in share.items() if n >= MOST]
        places |= frozenset.intersection(*most) if most else set()
    return places
