"""Cities from geonames by every name they are found by, for `bot.gazetteer`.

A big city's other names count as its name ("München": munich, muenchen, monachium…), but
only those that name it first: another city's own name ("waterloo", an old name of Austin)
and pieces of a transcription ("pa ri") are left out.
"""

from __future__ import annotations

from bot.geodata import CITY_ALIASES, NOT_CITIES
from bot.words import tokens

_CITY_ALTERNATES = 300_000  # cities this big are also found by their other names (München)
_SPELLING_WORDS = 2  # longer other names ("lungsod ng munchen") are descriptions, not names


def name_key(name: str) -> str:
    """A place's name as the gazetteer keys it: its words, lower-cased, one space apart."""
    return " ".join(tokens(name))


Cities = tuple[
    dict[str, dict[str, int]],
    dict[tuple[str, str], str],
    dict[str, tuple[tuple[str, ...], ...]],
    dict[tuple[str, str], dict],
]


def read_cities(geonames: list[dict], names: dict[str, str]) -> Cities:
    """City name -> {ISO code: population}; (name, ISO code) -> the big city it names there
    ("=munich/DE"); each big city's names as words, its own first; and (name, ISO code) ->
    the city it names there: the biggest of that name, or the big city of which it is a name
    ("bangalore"), but not a name that another city has ("franklin", an old name of
    Columbus, is Franklin, Tennessee)."""
    cities: dict[str, dict[str, int]] = {}
    biggest: dict[tuple[str, str], tuple[int, str]] = {}
    seats: dict[tuple[str, str], dict] = {}
    records: dict[str, dict] = {}  # "=munich/DE" -> its geonames record
    spellings: dict[str, list[str]] = {}
    owned: set[str] = set()  # every city's own name
    kept: set[str] = set()  # names given by hand: kept however short
    for city in geonames:
        country, population = city["countrycode"], city["population"]
        own = name_key(city["name"])
        owned.add(own)
        aliases = CITY_ALIASES.get((own, country), ())
        kept.update(aliases)
        for key in _city_keys(city, aliases, names):
            known = cities.setdefault(key, {})
            known[country] = max(known.get(country, 0), population)
            seat = seats.get((key, country))
            if (key == own or key in aliases) and (seat is None or population > seat["population"]):
                seats[(key, country)] = city
            if population >= _CITY_ALTERNATES and own.isascii() and own:
                at = f"={own}/{country}"
                records[at] = city
                if population > biggest.get((key, country), (0, ""))[0]:
                    biggest[(key, country)] = (population, at)
                spellings.setdefault(at, []).append(key)
    city_of = {at: city for at, (_, city) in biggest.items()}
    names_of = {
        c: _own_names(c, keys, cities, city_of, owned, kept) for c, keys in spellings.items()
    }
    for at, own_names in names_of.items():  # "bangalore" names Bengaluru: its state too
        seats.update({(" ".join(n), at[-2:]): records[at] for n in own_names})
    spelt = {city: names for city, names in names_of.items() if len(names) > 1}
    return cities, city_of, spelt, seats


def _city_keys(city: dict, aliases: tuple[str, ...], names: dict[str, str]) -> list[str]:
    """The names a geonames city is found by: its own, a big city's other names, and names
    given by hand; not a country's, nor words like "metro", nor two letters ("wa", "se")."""
    found = [city["name"]]
    if city["population"] >= _CITY_ALTERNATES:
        found += [a for a in city["alternatenames"] if len(a) > 3]
    return [
        key
        for key in dict.fromkeys([*map(name_key, found), *aliases])
        if key.isascii() and key not in names and key not in NOT_CITIES
        if len(key) > 2 or key in aliases
    ]


def _own_names(
    city: str,
    keys: list[str],
    cities: dict[str, dict[str, int]],
    city_of: dict[tuple[str, str], str],
    owned: set[str],
    kept: set[str],
) -> tuple[tuple[str, ...], ...]:
    """The names of the big city `city` ("=munich/DE") that name it first, as words: its own
    name when no bigger city has it ("vienna" is Vienna, though a town in Virginia has it
    too), names given by hand ("nyc"), and its other names that are no city's own name
    ("waterloo" is one of Austin's, and a city of Ontario) and no bigger city's other name."""
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
        if first(k) and (k == own or k in kept or (name_like(k) and k not in owned))
    )
