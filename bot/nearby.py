"""near:'s towns: the cities within a distance of a city or an area, from the gazetteer's
coordinates ("berlin" -> Potsdam 27 km, Teltow…), the nearest first. Pure.
"""

from __future__ import annotations

import functools

from bot.gazetteer import Gazetteer, gazetteer, km

NEAR_KM = 40  # near:'s distance unless the query names one: about 25 miles, a long commute
MAX_NEAR_KM = 200
MAX_NEAR_TOWNS = 300  # the nearest: a query of 20 places 200 km wide stays quick to compile


@functools.lru_cache(maxsize=256)
def near(name: str, radius: float = NEAR_KM) -> tuple[tuple[str, str], ...] | None:
    """The cities within `radius` km of the city or area `name` ("berlin", "bay area"), the
    nearest `MAX_NEAR_TOWNS`: each as its name and the name that tells it from others of that
    name ("potsdam", "de"; "cambridge", "massachusetts"). None when `name` is no city we know."""
    found = distances(name, radius)
    if found is None:
        return None
    return tuple(dict.fromkeys((c, a) for c, a, _ in found))[:MAX_NEAR_TOWNS]


def distances(name: str, radius: float) -> list[tuple[str, str, float]] | None:
    """`near`'s cities with how many km each is from `name`'s centre, the nearest first."""
    g = gazetteer()
    centre = g.centres.get(name) or _centre_of(name, g)
    if centre is None:
        return None
    lat, lon = centre
    span = radius / 111.0  # degrees of latitude: a cheap first cut before the distance
    found = [
        (key, among, d)
        for key, among, clat, clon in g.located
        if abs(clat - lat) <= span and (d := km(lat, lon, clat, clon)) <= radius
    ]
    return sorted(found, key=lambda x: x[2])


def _centre_of(name: str, g: Gazetteer) -> tuple[float, float] | None:
    """Where a city named with its state or country is ("portland or", "portland oregon",
    "cambridge uk", "springfield usa"): the biggest city of that name there."""
    words = name.split()
    for n in (1, 2):
        city, where = " ".join(words[:-n]), " ".join(words[-n:])
        if not city:
            continue
        states = {*g.state_codes.get(where.upper(), ()), g.state_names.get(where, "")}
        among = {" ".join(g.words[s][0]) for s in states if s in g.words}
        country = g.names.get(where, where.upper() if len(where) == 2 else where)  # "us": US
        among.add(country.lower())  # a country: "uk" is GB
        among |= {" ".join(g.words[s][0]) for s in g.words if s.startswith(f"~{country}-")}
        found = [(lat, lon) for key, at, lat, lon in g.located if key == city and at in among]
        if found:  # the biggest of the name when it is there ("springfield usa"), else the first
            return g.centres[city] if g.centres.get(city) in found else found[0]
    return None
