"""Salaries for people: as stated, currency and period, a year's pay in thousands."""

from __future__ import annotations

import pytest

from bot.models import Posting
from bot.salary import describe, posting_salary, yearly


@pytest.mark.parametrize(
    ("low", "high", "currency", "period", "text"),
    [
        (120000, 150000, "EUR", "year", "€120k–150k a year"),
        (45, 60, "USD", "hour", "$45–60 an hour"),
        (52500, None, "GBP", "year", "from £52.5k a year"),
        (50000, 50000, "GBP", "year", "£50k a year"),
        (None, 150000, "USD", "year", "up to $150k a year"),
        (80000, None, "EUR", "year", "from €80k a year"),
        (8000, 9000, "CHF", "month", "CHF 8k–9k a month"),
        (8000, 9250, "PLN", "month", "PLN 8,000–9,250 a month"),
        (500, 650, "EUR", "day", "€500–650 a day"),
        (2000, None, "USD", "week", "from $2,000 a week"),
        (45.5, None, "CAD", "hour", "from CA$45.5 an hour"),
        (90000, 110000, None, None, "90k–110k a year"),
        (2000000, 3000000, "INR", "year", "₹20–30 lakh a year"),  # as India writes it
        (1250000, None, "INR", None, "from ₹12.5 lakh"),
        (50000, 80000, "INR", "month", "₹50k–80k a month"),
        (None, None, "EUR", "year", None),
        # A year's pay reads alike whatever its amounts: in thousands, to the hundred below.
        (169725, 200540, "USD", None, "$169.7k–200.5k a year"),
        (225000, 250000, "USD", None, "$225k–250k a year"),
        (43000, 58850, "EUR", "year", "€43k–58.8k a year"),  # never more than stated
        (102800, 137000, "CAD", "year", "CA$102.8k–137k a year"),
        (None, 185500, "USD", None, "up to $185.5k a year"),
        (350700, 474400, "PLN", "year", "PLN 350.7k–474.4k a year"),
        (100050, 100090, "USD", "year", "$100k a year"),  # one amount, not "$100k–100k"
        (9500, 12500, "EUR", "year", "€9,500–12,500 a year"),  # (below 10,000: as written)
        # Other periods keep their amounts, unless round thousands of a month.
        (1800, 2200, "AUD", "month", "A$1,800–2,200 a month"),
        (12345.67, None, "EUR", "month", "from €12,345.67 a month"),
        (114, 225, "USD", "hour", "$114–225 an hour"),
        (55, 55, "USD", "hour", "$55 an hour"),
        (1250, 1500, "GBP", "week", "£1,250–1,500 a week"),
    ],
)
def test_describe(
    low: float | None, high: float | None, currency: str | None, period: str | None, text: str
) -> None:
    assert describe(low, high, currency, period) == text


def test_a_posting_salary_and_its_yearly_range() -> None:
    p = Posting(
        "b:1", "b", "1", "Engineer", "Acme", "Berlin", "https://e.com/1", "",
        salary_min=50, salary_max=60, salary_currency="USD", salary_period="hour",
    )  # fmt: skip
    assert posting_salary(p) == "$50–60 an hour"
    y = yearly(p)
    assert y is not None and (y.low, y.high, y.currency) == (104_000, 124_800, "USD")
