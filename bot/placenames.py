"""Places' names as a query uses them: whether words name a place we know ("new york", "eu"),
a big city's every spelling ("munich", "münchen"), and whether a word may come from a
posting's places (`bot.placewords.place_names`) rather than its own text.
"""

from __future__ import annotations

import functools

from bot.gazetteer import gazetteer


@functools.cache
def _vocabulary() -> frozenset[str]:
    """The words of country and region names (a city's names are not: see `city_spellings`)."""
    g = gazetteer()
    return frozenset(
        w for place, names in g.words.items() if place[0] != "=" for name in names for w in name
    )


@functools.cache
def _spellings() -> dict[str, tuple[str, ...]]:
    g = gazetteer()
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


def names_a_place(name: str) -> bool:
    """Whether `name` (words as `bot.words` splits them, joined by spaces: "new york", "bay
    area") is a country's, region's, state's, area's or city's name we know."""
    g = gazetteer()
    return name in g.names or name in g.state_names or name in g.cities


def names_a_region(name: str) -> bool:
    """Whether `name` (as for `names_a_place`) is a country's or region's name we know ("eu",
    "germany", "latin america"): not a state's or a city's, which many words are ("reading")."""
    return name in gazetteer().names


def is_place_word(key: str) -> bool:
    """Whether words of `key` ("europe", "north america", "*eur" for a prefix) may come from
    `place_names` rather than the location's own text."""
    if key.startswith("*"):
        return any(w.startswith(key[1:]) for w in _vocabulary())
    return any(w in _vocabulary() for w in key.split(" "))


@functools.cache
def place_words() -> frozenset[str]:
    """The one-word names of countries and regions, and the first name of each big city
    ("germany", "emea", "berlin", "munich"), as a query types them."""
    cities = {names[0] for names in _spellings().values()}
    return frozenset(n for n in (*gazetteer().names, *cities) if " " not in n and n.isalpha())


def warm() -> None:
    """Build the gazetteer now (about a second), off the event loop, rather than inside the
    first poll's routing, which runs on it."""
    _vocabulary()
