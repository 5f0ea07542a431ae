"""Where a posting's location is: its countries, regions, states and big city, as extra words
for `location:`.

"Berlin" -> Germany -> de, germany, deutschland, europe, eu, emea, dach; "Remote (EU)" -> eu,
europe, emea. `bot.placewords.place_names(location)` gives these names (each a tuple of words, as `bot.words`
splits them) and the matcher adds them to the posting's location words when it views the
posting, so `location:europe` is a plain word lookup, never a gazetteer lookup per alert.

A location is read part by part ("Berlin; Remote (EU)") against `bot.gazetteer`'s tables. A
city name that several countries have goes to the country the same part names, else to the
most populous. A country or a state code written pins the part: "Delhi, NY" is not in India,
and the "Vic" of "Melbourne, VIC, Australia" is no Spanish town; after a town too small to
know, a code that is a state's and a country's stands for both ("Chadds Ford, PA"). A
location in a country whose states we know also gets its state: the one written ("Austin,
TX", "Toronto, Ontario", "Koroit (VIC)"), else that of the most populous city of its name
there ("San Francisco" is in California), and its area ("Palo Alto" is in the Bay Area).

A big city's other names count as its name (`bot.placenames.city_spellings`), so `location:munich` finds a
job posted in München and `location:münchen` one posted in Munich.

A part that names only countries and regions ("Remote (EU)", "Remote - EMEA", "Remote - US",
"Worldwide") says who may take the job from where: anyone in them. Such a part also gets the
name "open~ eu" (`OPEN`, a word no text has), and `from:germany` looks for Germany in the
location or for "open~" and Germany or a region it lies in (`placewords.open_names`): "Remote (EU)" is
open to Germany, "Remote - Africa" is not, though both lie in EMEA; "Remote - US" is open to
California, "New York, NY" is not. A time zone or UTC offset ("Remote (GMT+8)", "SGT +/- 2h")
opens a location to the countries on those clocks and their region (`bot.zones`). Regions
written with one head are each read: "Central & South America".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from bot import placecuts
from bot.gazetteer import CODE, Gazetteer, gazetteer, on_clocks
from bot.geodata import NOT_CITIES, REGIONS, TIME_ZONES, WIDE_WORDS
from bot.words import tokens
from bot.zones import us_zones, zone_spans

# Between places: "Berlin; Remote (EU)", "Berlin or Munich", "NYC OR SF"; not the OR of
# "Portland, OR 97201".
_PARTS = re.compile(r"[;|•/()\n]| or |(?<!,) (?:OR|Or) ")
# Codes that are English words too: in a location written in capitals, "IN", "ON", "TO"...
_WORD_CODES = frozenset(
    {"IN", "ON", "OR", "AT", "TO", "IS", "IT", "ME", "NO", "SO", "DO", "GO", "AS", "AM", "BE"}
    | {"BY", "MY", "HI", "OK"}
)
_HEAD = r"(?i:north|south|central|latin)"  # one head, several regions: "Central & South America"
_SHARED = re.compile(rf"\b((?:{_HEAD}\s?(?:,|&|/|and)\s?){{1,2}})({_HEAD})\s((?i:america))\b")
WORLDWIDE = "+worldwide"  # "Anywhere", "Worldwide", "Global": only when nothing else is named
OPEN = "open~"  # the first word of an open region's name: no text's word (`bot.words` splits "~")
_REGION_KEYS = frozenset("+" + r for r in REGIONS)


@dataclass(slots=True)
class _Reading:
    """What one part of a location names, as `_resolve` reads it."""

    found: set[str] = field(default_factory=set)
    hints: set[str] = field(default_factory=set)  # what a code may mean: "CA", Canada or US
    pinned: set[str] = field(default_factory=set)  # countries written: the part's cities' own
    code_states: set[str] = field(default_factory=set)  # "TX" -> "~US-TX"
    name_states: set[str] = field(default_factory=set)  # "Texas" -> "~US-TX"
    city_named: set[str] = field(default_factory=set)  # "Berlin", "New York": a city's too
    state_cities: list[tuple[str, set[str]]] = field(default_factory=list)  # the cities they may be
    either: dict[str, str] = field(default_factory=dict)  # "georgia": the US state or country
    seats: list[tuple[set[str], str | None]] = field(default_factory=list)  # city, area; state


def _resolve(part: str, g: Gazetteer) -> set[str]:
    """The countries (ISO codes), regions ("+name"), states ("~US-TX") and big cities
    ("=munich/DE") one part of a location names.

    A country or state code written ("Berlin, Germany", "Delhi, NY", "Koroit, VIC") pins the
    part to its country: a word there that names a city only elsewhere is no city ("Vic" is a
    town in Spain). A code that several countries use ("CA", "DE", "WA") and a state's name
    ("Paris, Texas") only prefer their countries' cities; after a town we do not know, such a
    code stands for each of them ("Ojai, CA": California and Canada). A city's own state's
    code is its state's, whatever country has it too ("Pune, MH", "Bern, BE")."""
    r = _Reading()
    toks = tokens(part)
    runs = [run for run in _named(toks, g) if run[3] not in TIME_ZONES or _capitals(run[3], part)]
    _read_codes(part, toks, g, r)
    _read_names(runs, g, r)
    for start, _, kind, key in sorted(runs, key=lambda run: run[2] != "state"):  # "Paris, Texas"
        if kind == "state" and _read_state(key, g, r, _alone(start, toks, runs, g)):
            continue
        if kind != "name" and key in g.cities:
            _read_city(key, g, r)
    if not r.found:  # "Ojai, CA": a town we do not know, so every reading of the code
        r.found |= r.hints
    return _settle(r)


def _capitals(key: str, part: str) -> bool:
    """Whether `part` has `key` as a word in capitals ("CET", not the "Est" of "Grand Est")."""
    return re.search(rf"\b{key.upper()}\b", part) is not None


def _read_codes(part: str, toks: list[str], g: Gazetteer, r: _Reading) -> None:
    """Read the codes written in `part` ("CA", "NSW"): the countries they pin or hint at, and
    the states they name; the code of the state of a town named in `toks` is that state's
    ("Mobile, AL", though "mobile" is no city's name for `location:`)."""
    names = {" ".join(toks[i : i + n]) for n in (1, 2, 3, 4) for i in range(len(toks) - n + 1)}
    for code in _codes(part):
        if own := {g.code_of[(c, code)] for c in names if (c, code) in g.code_of}:
            states = tuple(s for c in own if (s := f"~{c}-{code}") in g.words)
        else:
            states = g.state_codes.get(code, ())
        countries = own or {s[1:3] for s in states} | ({code} if code in g.words else set())
        (r.pinned if len(countries) == 1 else r.hints).update(countries)
        r.code_states.update(states)


def _codes(part: str) -> list[str]:
    """The codes written in `part`; in capitals throughout ("ON-SITE IN BERLIN"), a code that
    is also an English word only after a comma or a dash ("TORONTO, ON")."""
    if not part.isupper():
        return CODE.findall(part)
    return [
        m[0]
        for m in CODE.finditer(part)
        if m[0] not in _WORD_CODES or part[: m.start()].rstrip().endswith((",", "-"))
    ]


def _read_names(runs: list[tuple[int, int, str, str]], g: Gazetteer, r: _Reading) -> None:
    """Read the countries' and regions' names of `runs`; a name that is a state's and a
    country's ("Georgia") waits for the rest of the part to choose."""
    for _, _, kind, key in runs:
        if kind == "name" and key in g.state_names:
            r.either[g.state_names[key]] = g.names[key]
        elif kind == "name":
            (r.found if g.names[key][0] == "+" else r.pinned).add(g.names[key])
    r.found |= r.pinned
    r.name_states.update(r.either)


def _settle(r: _Reading) -> set[str]:
    """What the part names, once all of it is read: the states written (by code, else by name)
    and the cities that agree with them."""
    written = {s for s in r.code_states if s[1:3] in r.found}
    written = written or {s for s in r.name_states if s[1:3] in r.found}
    pinning = written - r.city_named  # "Munich, Berlin" is in Bavaria too
    r.found |= written
    for named, places in r.state_cities:  # "New York" is the city; "Buffalo, New York" not
        if all(named != seat for _, seat in r.seats):
            r.found |= places
    for places, state in r.seats:
        if state is None or state in written:
            r.found |= places
        elif all(s[1:3] != state[1:3] for s in pinning):  # not Portland, Oregon's: ", Maine"
            r.found |= places | {state}
    for state, country in r.either.items():
        if state not in r.found:  # "Tbilisi, Georgia"; "Georgia" alone is either
            r.found |= {country} if r.found or r.seats else {country, state, state[1:3]}
    if len(r.found) > 1:  # "Anywhere in the US", "Global HQ, London": not open anywhere
        r.found.discard(WORLDWIDE)
    return r.found


def _read_state(key: str, g: Gazetteer, r: _Reading, alone: bool) -> bool:
    """Take `key` as a state's name unless the part is pinned elsewhere ("Victoria, BC" is
    the city); whether it was. A state named as its big city ("New York") may be the city
    too, unless it follows a town (`alone` false: "Armonk, New York"). Another state's name
    only hints at its country, which a city elsewhere outweighs ("Lahore, Punjab" is not in
    India, "Bogotá D.C." not in the US)."""
    state = g.state_names[key]
    country = state[1:3]
    if r.pinned and country not in r.pinned:
        return False
    city = g.state_of.get((key, country)) == state
    (r.found if city else r.hints).add(country)
    r.name_states.add(state)
    if city:  # "New York": the city too
        r.city_named.add(state)
        if alone:
            r.state_cities.append((state, _city_places(key, country, g)))
    return True


def _read_city(key: str, g: Gazetteer, r: _Reading) -> None:
    """Take `key` as the city of that name in a pinned country, else a hinted one, else the
    most populous; none when the part is pinned where no city has the name."""
    options = g.cities[key]
    if r.pinned:
        options = {c: p for c, p in options.items() if c in r.pinned}
    preferred = {c: p for c, p in options.items() if c in r.found or c in r.hints}
    choice = preferred or options
    if not choice:  # "Vic" in "Melbourne, VIC, Australia"
        return
    country = max(choice, key=lambda c: choice[c])
    r.found.add(country)
    r.seats.append((_city_places(key, country, g), g.state_of.get((key, country))))


def _city_places(key: str, country: str, g: Gazetteer) -> set[str]:
    """The big city `key` names in `country` ("=munich/DE"), when it names it first, and the
    areas its city there is in ("+bay area")."""
    places = set(g.metro_of.get((key, country), ()))
    city = g.city_of.get((key, country))
    if city in g.words and tuple(key.split()) in g.words[city]:
        places.add(city)
    return places


def _alone(
    start: int, toks: list[str], runs: list[tuple[int, int, str, str]], g: Gazetteer
) -> bool:
    """Whether the words before `start` name no town we do not know: "Armonk, New York" is
    the state; "New York, NY", "London, New York" and "Greater New York" may be the city
    (whose places `_settle` still leaves out after a city in that state, "Buffalo, New York")."""
    known = {i for s, e, _, _ in runs if s < start for i in range(s, e)}
    return all(
        i in known or _no_town(t, g) or t.upper() in g.state_codes
        for i, t in enumerate(toks[:start])
    )


def _no_town(word: str, g: Gazetteer) -> bool:
    """Whether `word` of a location is no town's name: a word such as "remote" or "of", a
    number, or a country's code ("US")."""
    return word in NOT_CITIES or word.isdigit() or word.upper() in g.words


def _named(toks: list[str], g: Gazetteer) -> list[tuple[int, int, str, str]]:
    """The runs of `toks` (start, end, kind, key) that name a country or region ("name"), a
    state ("state") or a city ("city"), longest first: "new south wales" is a state, not
    Wales."""
    taken = [False] * len(toks)
    runs: list[tuple[int, int, str, str]] = []
    for n in (4, 3, 2, 1):
        for i in range(len(toks) - n + 1):
            if any(taken[i : i + n]):
                continue
            key = " ".join(toks[i : i + n])
            for kind, table in (("name", g.names), ("state", g.state_names), ("city", g.cities)):
                if key in table:
                    taken[i : i + n] = [True] * n
                    runs.append((i, i + n, kind, key))
                    break
    return runs


@functools.lru_cache(maxsize=16384)
def read_places(location: str) -> tuple[str, ...]:
    """The countries, regions ("+europe"), states ("~US-TX"), areas ("+bay area") and big
    cities ("=munich/DE") `location` names, and the countries and regions of a part that names
    nothing else ("^eu", "^us": open to all of them)."""
    if not location:
        return ()
    g = gazetteer()
    text, spans = zone_spans(us_zones(_SHARED.sub(_heads, location)))  # "GMT+8": SG, CN...
    text, out = placecuts.cut(text, lambda said: _resolve(said, g) if _wide(said, g) else set())
    zoned: set[str] = set().union(*map(on_clocks, spans))
    places: set[str] = set()
    for part in _parts(text):
        found = _resolve(part, g)
        places |= found
        if found and all(is_wide(p) for p in found) and _wide(part, g):
            places |= {"^" + p.lstrip("+").lower() for p in found}
    places = placecuts.on_zones(places, zoned, text, g)
    for place in list(places):
        places |= g.regions.get(place, frozenset())
    return tuple(sorted(placecuts.leave_out(places, out, g) if out else places))


def _heads(m: re.Match[str]) -> str:
    """ "Central & South America" as "Central America & South America"."""
    return " & ".join(f"{h} {m[3]}" for h in (*re.findall(_HEAD, m[1]), m[2]))


def _wide(part: str, g: Gazetteer) -> bool:
    """Whether `part` names countries or regions and nothing else: no town we know or not
    ("Lilienthal, Germany" is no job open to all of Germany)."""
    toks = tokens(part)
    named = {i for s, e, kind, _ in _named(toks, g) if kind == "name" for i in range(s, e)}
    return all(i in named or t in WIDE_WORDS or _no_town(t, g) for i, t in enumerate(toks))


def is_wide(place: str) -> bool:
    """Whether a place key of `read_places` is a country ("DE") or a region ("+europe")."""
    return place in _REGION_KEYS or (len(place) == 2 and place.isupper())


def _parts(location: str) -> list[str]:
    """The parts of `location` that name places apart, a code in brackets kept with what it
    follows: "Koroit (VIC); Berlin" -> "Koroit , VIC", "Berlin"."""
    parts: list[str] = []
    for part in _PARTS.split(location):
        if parts and CODE.fullmatch(part.strip()):
            parts[-1] += ", " + part
        else:
            parts.append(part)
    return parts
