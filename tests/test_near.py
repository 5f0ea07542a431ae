"""near:: the place and distance a query names, and the cities within it (`bot.nearby.near`)."""

from __future__ import annotations

import pytest

from bot import nearby
from bot.query import parse
from bot.synonyms import near_place
from bot.syntax import Field, Phrase, Word


@pytest.mark.parametrize(
    ("typed", "place", "km"),
    [
        ("near:munich", "munich", 40.0),
        ('near:"munich 20km"', "munich", 20.0),
        ("near:munich/20km", "munich", 20.0),
        ("near:munich/10mi", "munich", 16.09),
        ('near:"munich 10 miles"', "munich", 16.09),
        ('near:"san francisco 30"', "san francisco", 30.0),
        ('near:"bay area"', "bay area", 40.0),
        ("near:munich/900km", "munich", 200.0),  # capped: a near: of a continent is location:
    ],
)
def test_the_place_and_distance_as_typed(typed: str, place: str, km: float) -> None:
    node = parse(typed).root
    assert isinstance(node, Field) and isinstance(node.child, Word | Phrase)
    got = near_place(node.child)
    assert got[0] == place and got[1] == pytest.approx(km)


def test_the_cities_near_a_place_are_named_with_their_state_or_country() -> None:
    around = nearby.near("berlin")
    assert around is not None
    assert ("potsdam", "brandenburg") in around and ("berlin", "berlin") in around
    assert not any(city == "hamburg" for city, _ in around)
    boston = nearby.near("boston", 20)
    assert boston is not None and ("cambridge", "massachusetts") in boston
    assert nearby.near("narnia") is None, "no city: near: looks for the name as typed"
    for named in ("portland me", "portland maine"):
        maine = nearby.near(named)
        assert maine is not None and ("portland", "maine") in maine, named
        assert not any(among == "oregon" for _, among in maine)
    cambridge = nearby.near("cambridge ma")
    assert cambridge is not None and ("somerville", "massachusetts") in cambridge
    assert nearby.near("cambridge uk") == nearby.near("cambridge"), "the biggest: Cambridge, UK"
    for named in ("springfield usa", "springfield us"):  # a country known by its states
        springfield = nearby.near(named)
        assert springfield is not None, named
        assert ("springfield", "missouri") in springfield, "the biggest of the name there"
    albany = nearby.near("albany usa")  # its state's name is two words: New York
    assert albany is not None and ("albany", "new york") in albany
    portland = nearby.near("portland usa")
    assert portland is not None and ("portland", "oregon") in portland
    assert nearby.near("london canada") is not None and ("london", "ontario") in (
        nearby.near("london canada") or ()
    )
    assert nearby.near("portland narnia") is None
    assert nearby.near("germany") is None, "a country is no city: location:germany"
    wide = nearby.near("london", nearby.MAX_NEAR_KM)
    assert wide is not None and len(wide) == nearby.MAX_NEAR_TOWNS, "the nearest, at most"
    assert ("woking", "gb") in wide and ("london", "gb") in wide
