"""bot/timezones.py: a time zone as people name it (a zone, an offset, an abbreviation, a
country, a city), or the nearest name, or the cities of a country that spans several."""

from __future__ import annotations

import pytest

from bot.policy import PolicyError
from bot.timezones import parse_timezone


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("America/New York", "America/New_York"),
        ("+02:00", "+02:00"),
        ("UTC-5", "-05:00"),
        ("+0530", "+05:30"),
        ("UTC", "UTC"),
        ("Berlin", "Europe/Berlin"),
        ("Lisbon", "Europe/Lisbon"),
        ("São Paulo", "America/Sao_Paulo"),
        ("Bengaluru", "Asia/Kolkata"),
        ("krakow", "Europe/Warsaw"),  # Kraków as most keyboards type it
        ("Dusseldorf", "Europe/Berlin"),
        ("ZÜRICH", "Europe/Zurich"),
        ("München", "Europe/Berlin"),  # a big city by another of its names: it was Mulchen
        ("wien", "Europe/Vienna"),
        ("sao paolo", "America/Sao_Paulo"),  # (a name people give it)
    ],
)
def test_time_zones_by_name_city_or_offset(text: str, zone: str) -> None:
    assert parse_timezone(text) == zone


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("Europe/Lisbn", "did you mean Europe/Lisbon?"),
        ("berln", "did you mean Europe/Berlin?"),
        ("sao pualo", "did you mean America/Sao_Paulo?"),
        ("Mars/Olympus", "try Europe/Berlin, a city, or +02:00"),  # nothing near: the forms
        ("asdfgh", "try Europe/Berlin, a city, or +02:00"),
    ],
)
def test_a_mistyped_zone_or_city_offers_the_nearest(text: str, offered: str) -> None:
    with pytest.raises(PolicyError) as caught:
        parse_timezone(text)
    assert str(caught.value).endswith(offered)


@pytest.mark.parametrize("text", ["Mars/Olympus", "+15:00", "", "x" * 100, "Europe/"])
def test_bad_time_zones_are_refused_clearly(text: str) -> None:
    with pytest.raises(PolicyError):
        parse_timezone(text)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("PST", "America/Los_Angeles"),
        ("est", "America/New_York"),  # New York's clock, summer time included (not IANA "EST")
        ("CET", "Europe/Berlin"),
        ("Central European Summer Time", "Europe/Berlin"),
        ("Pacific time", "America/Los_Angeles"),
        ("IST", "Asia/Kolkata"),
        ("AEST", "Australia/Sydney"),
        ("GMT", "GMT"),
        ("India", "Asia/Kolkata"),
        ("Germany", "Europe/Berlin"),  # Busingen keeps Berlin's clock: one zone
        ("Spain", "Europe/Madrid"),  # the Canaries are an hour behind, and few
        ("the Netherlands", "Europe/Amsterdam"),
        ("UK", "Europe/London"),
        ("Deutschland", "Europe/Berlin"),
        ("MEZ", "Europe/Berlin"),  # German for CET (it offered Metz)
        ("berlin germany", "Europe/Berlin"),  # a city with its country after it
        ("Berlin, Germany", "Europe/Berlin"),
        ("austin texas", "America/Chicago"),
    ],
)
def test_abbreviations_and_countries_of_one_clock(text: str, zone: str) -> None:
    assert parse_timezone(text) == zone


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        ("USA", ("New York City", "Chicago", "Los Angeles")),
        ("Canada", ("Toronto", "Vancouver")),
        ("Australia", ("Sydney", "Perth")),
    ],
)
def test_a_country_of_several_zones_names_its_cities_to_choose_from(
    text: str, cities: tuple[str, ...]
) -> None:
    with pytest.raises(PolicyError) as caught:
        parse_timezone(text)
    said = str(caught.value)
    assert said.startswith(f"“{text}” spans ") and "time zones: send your city, e.g." in said
    assert all(city in said for city in cities), said
    first = said.split("/timezone ", 1)[1].split(",")[0]
    assert parse_timezone(first).startswith(("America/", "Australia/")), "a city offered works"
