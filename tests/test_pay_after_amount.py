"""Pay whose word or period comes after the amount (bot/normalize/statedpay.py), the period a
board's field or a description writes in other words (bot/normalize/fields.py), and never a
sum that is not pay."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.models import BoardInfo, RawPosting
from bot.normalize import posting
from bot.normalize.fields import salary_from_text, salary_period
from bot.normalize.statedpay import stated_pay
from bot.render import notification
from tests import cputime

N = (None, None, None, None)

AFTER = [
    # The audit's: the pay word after the amount, a code, "gross" before the period.
    ("salary-per-annum", "• £100,000-160,000 salary per annum + meaningful equity",
     (100000.0, 160000.0, "GBP", "year")),
    ("code-per-hour", "USD 55-55 / hour", (55.0, 55.0, "USD", "hour")),
    ("gross-per-year", "€60,000 - €75,000 gross per year", (60000.0, 75000.0, "EUR", "year")),
    ("base-salary-after", "$150k base salary", (150000.0, 150000.0, "USD", None)),
    ("code-after-salary", "USD 120,000 salary", (120000.0, 120000.0, "USD", None)),
    ("gross-alone", "€60,000 gross per year", (60000.0, 60000.0, "EUR", "year")),
    ("brutto-jahr", "60.000 € brutto/Jahr", (60000.0, 60000.0, "EUR", "year")),
    ("code-monthly", "Compensation: EUR 4,500 per month", (4500.0, 4500.0, "EUR", "month")),
    # The period in other words, before or after (audit: Catawiki's "Annual Gross Base").
    ("annual-three-words-before", "A competitive Annual Gross Base Salary of 18.000€-23.000€ "
     "depending on your level", (18000.0, 23000.0, "EUR", "year")),
    ("p-a", "Salary €60,000 p.a.", (60000.0, 60000.0, "EUR", "year")),
    ("per-annum", "Salary: €45.000 - €55.000 per annum", (45000.0, 55000.0, "EUR", "year")),
    ("annually", "The salary range is $150,000 - $180,000 annually", (150000.0, 180000.0, "USD", "year")),
    ("jaehrlich", "Gehalt: 65.000 - 80.000 EUR brutto jährlich", (65000.0, 80000.0, "EUR", "year")),
    # Sums that are not pay, the pay word after them or not.
    ("401k", "We offer a 401k plan and a salary of your dreams", N),
    ("funding", "We raised $5M funding", N),
    ("employees", "2,000 employees, salary reviews twice a year", N),
    ("training-budget", "€500 training budget", N),
    ("signing-bonus", "$10,000 signing bonus", N),
    ("salary-bonus", "$5,000 salary bonus", N),
    ("equity-grant", "$50,000 in equity, salary on top", N),
    ("a-year-of-turnover", "We process USD 5,000,000 per year", N),
    ("too-small-for-a-year", "EUR 500 per year", N),
    ("year-number", "Founded in 2015, 2,000 customers", N),
    ("single-a-year-alone", "Our customers save $150,000 a year", N),
    ("merchandise", "€500,000 gross merchandise value", N),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in AFTER], ids=[c[0] for c in AFTER])
def test_pay_after_the_amount(text: str, expected: tuple) -> None:
    assert stated_pay(text) == expected


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("Annual", "year"), ("annually", "year"), ("p.a.", "year"), ("per annum", "year"),
        ("jährlich", "year"), ("brutto/Jahr", "year"), ("pro Monat", "month"),
        ("monatlich", "month"), ("Stunde", "hour"), ("HOUR", "hour"), ("1 YEAR", "year"),
    ],
)  # fmt: skip
def test_a_boards_period_in_other_words(written: str, period: str) -> None:
    assert salary_period(written) == period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("USD 55-55 / hour", (55.0, 55.0, "USD", "hour")),
        ("€60,000 - €75,000 gross per year", (60000.0, 75000.0, "EUR", "year")),
        ("£45,000 p.a.", (45000.0, None, "GBP", "year")),
        ("60.000 € brutto/Jahr", (60000.0, None, "EUR", "year")),
        ("$120k annually", (120000.0, None, "USD", "year")),
        ("€4.500 monatlich", (4500.0, None, "EUR", "month")),  # not 4,500 million
        ("$90-110K", (90000.0, 110000.0, "USD", None)),
        ("$1.5M", (1500000.0, None, "USD", None)),
    ],
)
def test_a_boards_pay_text_with_its_period_after(text: str, expected: tuple) -> None:
    """`salary_from_text` reads a board's own pay field (Breezy's, an HN header's)."""
    assert salary_from_text(text) == expected


def test_the_teamtailor_page_now_shows_its_pay_and_a_year() -> None:
    """Audit finding 5: "£100,000-160,000 salary per annum" gave no 💰 line."""
    raw = RawPosting(
        external_id="4876297",
        title="AI Engineer (Staff/Principal)",
        url="https://careers.example/jobs/4876297",
        description_html="<ul><li>£100,000-160,000 salary per annum + meaningful equity</li>"
        "<li>Enhanced pension</li></ul>",
    )
    p = posting(raw, BoardInfo("fifth", "jsonld", "https://careers.example/jobs"))
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == (
        100000.0,
        160000.0,
        "GBP",
        "year",
    )
    message = notification(p, ["ai engineer"], datetime(2026, 12, 7, tzinfo=UTC))
    assert "💰 £100k–160k a year" in message.plain


def test_codes_as_marks_keep_a_hostile_text_cheap() -> None:
    """ "USD", "EUR" and "GBP" are places to look too: a text of thousands of them costs about
    what a text of as many "$" does (200 places at most either way)."""
    ordinary = ("Our payments run in many currencies $ and more. " * 2000)[:100_000]
    hostile = ("USD EUR GBP USD 1 EUR 2 GBP 3 per year. " * 3000)[:100_000]
    assert stated_pay(hostile) == N
    assert cputime.ratio(lambda: stated_pay(hostile), lambda: stated_pay(ordinary)) < 20
