"""Priya's Canadian postings (walk 4, N1 and N5): a co-op a board marks "Temporary" is an
internship; a bare "$" is the dollar of the country the job's location names ("Waterloo, ON":
CA$), read without the gazetteer; French pay and years are read ("30 $ de l'heure", "0 à 2 ans
d'expérience")."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot import normalize
from bot.experience import asked
from bot.models import BoardInfo, RawPosting
from bot.normalize.dollarplace import country_of
from bot.normalize.statedpay import stated_pay

BOARD = BoardInfo("MapleLedger", "greenhouse", "https://boards.greenhouse.io/mapleledger")
COOP_TEXT = "<p>A 4-month work term (May-August 2027).</p><p>Compensation: $28-$32/hour</p>"


def _posting(title: str, kind: str | None = None, location: str = "", text: str = COOP_TEXT):
    raw = RawPosting("5201", title, "https://x.example/5201", location=location,
                     employment_type=kind, description_html=text)  # fmt: skip
    return normalize.posting(raw, BOARD)


@pytest.mark.parametrize("kind", ["Temporary", "Contract", "Seasonal", "Full-time", None])
def test_a_co_op_title_is_an_internship_whatever_term_the_board_gives(kind: str | None) -> None:
    """N1a: the title's co-op beats the board's "Temporary" (a co-op term is temporary)."""
    p = _posting("Software Developer Co-op (Summer 2027)", kind, "Waterloo, ON")
    assert p.employment_type == "intern"


def test_a_temporary_job_that_is_no_intern_stays_temporary() -> None:
    assert _posting("Software Developer (Summer 2027)", "Temporary").employment_type == "temporary"
    assert _posting("Data Analyst", "Seasonal").employment_type == "temporary"


def test_the_co_op_in_waterloo_is_paid_in_canadian_dollars() -> None:
    """N1b: "$28-$32/hour" of a job in Waterloo, ON is CA$, as a poll stores it."""
    p = _posting("Software Developer Co-op (Summer 2027)", "Temporary", "Waterloo, ON")
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == (
        28, 32, "CAD", "hour"
    )  # fmt: skip


PLACES = [  # (location, the currency of a bare "$")
    ("Waterloo, ON", "CAD"),
    ("Toronto, Ontario", "CAD"),
    ("Vancouver, BC", "CAD"),
    ("Victoria, BC", "CAD"),
    ("Remote - Canada", "CAD"),
    ("Toronto, ON / Waterloo, Ontario, Canada", "CAD"),
    ("Sydney NSW", "AUD"),
    ("Melbourne, VIC", "AUD"),
    ("Melbourne, Victoria", "AUD"),
    ("Auckland, New Zealand", "NZD"),
    ("Singapore", "SGD"),
    ("Hong Kong", "HKD"),
    # one country of the US dollar, or several, or none named: the US dollar
    ("Remote (US or Canada)", "USD"),
    ("Toronto, ON / Seattle, WA", "USD"),
    ("North America", "USD"),
    ("San Francisco, CA", "USD"),
    ("New Mexico", "USD"),
    ("Mexico City, Mexico", "USD"),  # English pay in Mexico: dollars as often as pesos
    ("Remote", "USD"),
    ("", "USD"),
]


@pytest.mark.parametrize(("location", "currency"), PLACES)
def test_a_bare_dollar_is_the_dollar_of_the_one_country_the_location_names(
    location: str, currency: str
) -> None:
    assert stated_pay("Compensation: $28-$32/hour", location) == (28, 32, currency, "hour")


def test_a_written_currency_beats_the_location() -> None:
    assert stated_pay("Salary: $120,000 USD", "Toronto, ON")[2] == "USD"
    assert stated_pay("Salary: US$120,000", "Toronto, ON")[2] == "USD"
    assert stated_pay("Pay: $45/hour AUD", "Toronto, ON")[2] == "AUD"


def test_mexicos_dollar_sign_is_the_peso_where_the_pay_is_said_in_spanish() -> None:
    """Without a place a Spanish "$" is read as nobody's (a peso's of which country?)."""
    assert stated_pay("Sueldo: $30.000 mensuales", "Ciudad de México, Mexico") == (
        30e3, 30e3, "MXN", "month"
    )  # fmt: skip
    assert stated_pay("Sueldo: $30.000 mensuales") == (None, None, None, None)
    assert stated_pay("Sueldo: $30.000 mensuales", "Toronto, ON")[2] == "CAD"


FRENCH_PAY = [
    ("Rémunération : 30 $ de l'heure.", (30, 30, "CAD", "hour")),
    ("Rémunération : 28 $ - 32 $ l'heure", (28, 32, "CAD", "hour")),
    ("28 $ - 32 $ l’heure", (28, 32, "CAD", "hour")),
    ("Rémunération : 30 $/h", (30, 30, "CAD", "hour")),
    ("Taux horaire : 25,50 $", (25.5, 25.5, "CAD", "hour")),
    ("Salaire : 70 000 $ à 85 000 $ par année", (70e3, 85e3, "CAD", "year")),
    ("salaire : 70 000 $ - 85 000 $", (70e3, 85e3, "CAD", None)),
    ("Salaire annuel de 70\u00a0000 $", (70e3, 70e3, "CAD", None)),
    ("Salaire de base : 70 000 $ - 85 000 $ par an", (70e3, 85e3, "CAD", "year")),
    ("Salaire : 4 000 € brut par mois", (4e3, 4e3, "EUR", "month")),
]


@pytest.mark.parametrize(("text", "pay"), FRENCH_PAY)
def test_french_pay_is_read_and_its_bare_dollar_is_canadas(text: str, pay: tuple) -> None:
    """N5: the amount, then "$", a space between thousands: Canada's French."""
    assert stated_pay(text) == pay


def test_french_pay_in_a_place_of_another_countrys_dollar_is_that_dollar() -> None:
    assert stated_pay("Salaire : 70 000 $ par année", "New York, NY")[2] == "USD"


FRENCH_YEARS = [
    ("0 à 2 ans d'expérience", 0, 2),
    ("2 ans d'expérience minimum", 2, None),
    ("au moins 3 ans d'expérience", 3, None),
    ("Minimum de 3 années d'expérience en développement", 3, None),
    ("Au moins 3 ans en développement web", 3, None),
    ("moins de 2 ans d'expérience", 0, 2),
    ("3 ans d'expérience est un atout", None, None),  # only preferred
    ("Nous avons 10 ans d'expérience en paie.", None, None),  # the company's own
]


@pytest.mark.parametrize(("text", "years", "upto"), FRENCH_YEARS)
def test_french_years_of_experience_are_read(text: str, years: int | None, upto: int | None):
    said = asked("Développeur(se) logiciel junior", text)
    assert (said.years, said.upto) == (years, upto)


def test_english_years_are_read_as_before() -> None:
    assert asked("", "3 answers from experienced people").years is None
    assert asked("", "5+ years of experience with Go").years == 5


def test_the_country_is_read_once_per_location() -> None:
    country_of.cache_clear()
    for _ in range(3):
        assert country_of("Waterloo, ON") == "CA"
    assert country_of.cache_info().misses == 1


NO_GAZETTEER = """
import sys
from bot import normalize
from bot.models import BoardInfo, RawPosting
board = BoardInfo("Acme", "greenhouse", "https://x.example", None)
raw = RawPosting("1", "Developer Co-op", "https://x.example/1", location="Waterloo, ON",
                 description_html="<p>Compensation: $28-$32/hour</p>")
print(normalize.posting(raw, board).salary_currency)
built = "bot.gazetteer" in sys.modules and sys.modules["bot.gazetteer"]._build.cache_info()
print(bool(built and built.currsize))
"""


def test_the_location_is_read_without_building_the_gazetteer() -> None:
    """Ingest runs in the small reader process too: the gazetteer is never built there."""
    done = subprocess.run(
        [sys.executable, "-c", NO_GAZETTEER], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.splitlines() == ["CAD", "False"], done.stderr
