"""The words a posting's location gives it, for `location:`, `from:` and its text: the names
of the places `bot.places` reads in it (`where`, `place_names`), and the names of a location
open to a place (`open_names`)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from bot.gazetteer import gazetteer
from bot.geodata import TIME_ZONES
from bot.placecuts import EXCLUDED, NOT
from bot.places import OPEN, WORLDWIDE, is_wide, read_places
from bot.zones import MOST, ZONE_HOURS


def place_names(location: str | None) -> tuple[tuple[str, ...], ...]:
    """Names of the countries, regions, states and areas `location` lies in, each as words:
    (("de",), ("germany",), ("europe",), ("bavaria",)...), then every name of the big city it
    is in (("munich",), ("muenchen",)...). Empty when nothing is known."""
    return where(location).names


@dataclass(frozen=True, slots=True, eq=False)
class Where:
    """What a location gives a posting's words: its places' names for location:
    (`place_names`), and its city's one-word names for anywhere. One per set of places,
    shared by every location that names them ("Berlin", "Berlin, Germany", "Berlin
    (Hybrid)"), and compared and hashed by identity, so caches keyed by it stay cheap and
    few."""

    names: tuple[tuple[str, ...], ...]
    words: frozenset[str]  # the words of `names`, less those of `_names_alone` in longer names
    text: str  # `names` as lines of " words ", for phrases
    city_words: frozenset[str]  # "munich", "muenchen"… ("den haag" is no word)
    city_text: str


_MARKS = {"^": OPEN, EXCLUDED: NOT}  # "^eu": ("open~", "eu"); "!br": ("not~", "br")
_NOWHERE = Where((), frozenset(), "", frozenset(), "")


def where(location: str | None) -> Where:
    """`Where` of `location`; nothing for an unknown place."""
    return _where(read_places(location)) if location else _NOWHERE


@functools.lru_cache(maxsize=2048)
def _where(places: tuple[str, ...]) -> Where:
    if not places:
        return _NOWHERE
    g = gazetteer()
    named = [((_MARKS[p[0]], *p[1:].split()),) if p[0] in _MARKS else g.words[p] for p in places]
    names = tuple(dict.fromkeys(name for own in named for name in own))
    cities = [n[0] for p in places if p[0] == "=" for n in g.words[p] if len(n) == 1]
    cities = list(dict.fromkeys(cities))
    alone = _names_alone()  # "asia" of "asia pacific" is no word of Sydney's
    big = _big_cities_alone()  # "amsterdam" of "neu amsterdam" is no word of New York's
    words = {
        w
        for p, own in zip(places, named, strict=True)
        for k, name in enumerate(own)
        for w in name
        if len(name) == 1 or (w not in alone and not (k and w in big and _other(p, w)))
    }
    return Where(
        names,
        frozenset(words),
        "".join(f"\n {' '.join(name)} " for name in names),
        frozenset(cities),
        "".join(f"\n {name} " for name in cities),
    )


@functools.cache
def _names_alone() -> frozenset[str]:
    """Countries', regions' and states' names of one word: "asia", "wales", "virginia". Such a
    word inside a longer name ("asia pacific", "new south wales", "west virginia") is not a
    word of the place, or `location:asia` would find Sydney."""
    g = gazetteer()
    return frozenset(n for n in (*g.names, *g.state_names) if " " not in n)


def _other(place: str, word: str) -> bool:
    """Whether `word` is not of the big city `place`'s own name ("=valencia/ES")."""
    return place[0] == "=" and word not in place[1:].rpartition("/")[0].split()


@functools.cache
def _big_cities_alone() -> frozenset[str]:
    """Big cities' own names of one word ("amsterdam"; York is too small): such a word in
    another city's other name (New York's old "Neu Amsterdam") is no word of that city, or
    `location:amsterdam` would find New York."""
    g = gazetteer()
    return frozenset(
        own[0][0] for p, own in g.words.items() if p[0] == "=" and own and len(own[0]) == 1
    )


def open_names(name: str) -> tuple[tuple[str, ...], ...]:
    """The names a location open to the place `name` ("germany", "berlin", "europe") has:
    `OPEN` and the country or a region the place lies in (("open~", "de"), ("open~", "eu"),
    ("open~", "europe")...), and ("open~", "worldwide"); a state's code ("ny", "tx") has its
    country's. A region is open to what its countries are: a location open to a country or a
    region inside it (("open~", "br"), ("open~", "south", "america") for "latam"), so
    `from:latam` finds "Remote (GMT-3)", open to Brazil; not one that only overlaps it
    ("Remote - North America", whose Mexico is in LATAM). A time zone ("sgt", "aest") is the
    places on its clock: the countries mostly on it (("sg",), ("cn",)...), and `OPEN` and each
    country or region a location names it by (("open~", "sg"), ("open~", "apac")...)."""
    found: tuple[str, ...] | frozenset[str] = read_places(name)
    code, g = name.upper(), gazetteer()
    if not found and len(name) == 2 and is_wide(code) and code in g.regions:  # "de"
        found = g.regions[code] | {code}
    if not found and len(states := g.state_codes.get(code, ())) == 1:  # "ny": the US's
        found = g.regions[states[0][1:3]] | {states[0][1:3]}
    if not found and (code in ZONE_HOURS or code == "CST"):
        return _zone_names("CDT" if code == "CST" else code)  # CST: the US's, as in a location
    if found and all(p[0] in "+^" for p in found):  # "latam": its own region, not "americas"
        found = frozenset((*found, *(p for r in _own_regions(found) for p in _inside(r))))
    wide = {p.lstrip("+").lower() for p in found if is_wide(p)}
    wide |= {p[1:] for p in found if p[0] == "^"}  # "utc": the countries on its clock
    return tuple((OPEN, *r.split()) for r in sorted(wide | {WORLDWIDE[1:]}))


def left_out_names(name: str) -> tuple[tuple[str, ...], ...]:
    """The names a location that leaves out the country of the place `name` has ("brazil",
    "sao paulo": (("not~", "br"),)), so `from:brazil` does not find "LATAM (excluding
    Brazil)" by its word "Brazil"."""
    return tuple((NOT, p.lower()) for p in read_places(name) if len(p) == 2 and p.isupper())


def _own_regions(found: Iterable[str]) -> set[str]:
    """The regions of `found` that no other of them lies in: "+latam" of "+latam",
    "+americas"."""
    g, own = gazetteer(), {p for p in found if p[0] == "+"}
    return own - {r for p in own for r in g.regions.get(p, ()) if r != p}


@functools.cache
def _inside(region: str) -> frozenset[str]:
    """The countries ("BR") and regions ("+south america") that lie in `region` ("+latam")."""
    return frozenset(p for p, holding in gazetteer().regions.items() if region in holding)


def _zone_names(zone: str) -> tuple[tuple[str, ...], ...]:
    """`open_names` of a time zone ("SGT"), as `bot.places` reads it in a location."""
    g, own = gazetteer(), ZONE_HOURS[zone]
    mostly = sorted(c for c, hours in g.hours.items() if hours.get(own, 0) >= MOST)
    if (region := TIME_ZONES.get(zone.lower())) is not None:  # "CET": Europe
        inside = [g.words[region][0]]
    else:  # "SGT": the countries mostly on its clock, by name: ("singapore",), ("china",)...
        inside = [g.words[c][1] for c in mostly if len(g.words.get(c, ())) > 1]
    # open to those countries ("Remote (Singapore)", "Remote (GMT+8)", not "Remote -
    # Australia", a tenth of whose people are on SGT) or their regions ("+apac", "+europe")
    wide = {p[1:].lower() for p in read_places(zone) if p[0] == "+"}
    wide |= {c.lower() for c in mostly} if region is None else set()
    return (*inside, *((OPEN, *r.split()) for r in sorted(wide | {WORLDWIDE[1:]})))
