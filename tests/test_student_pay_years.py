"""A new grad's postings (walk 2): "0-2 years of experience" and "less than 2 years" read as
asking 0 years up to 2 (bot/experience.py), so years:<=2 finds them and their message says
what they ask; "$45/hour CAD" and "$90,000–$110,000 (CAD)" read as Canadian dollars
(bot/normalize/payterms.py); a lone rate is that rate, not "from" it; a year's pay says so."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot import match
from bot.experience import Asked, asked
from bot.index import Matcher
from bot.models import Alert, BoardInfo, Posting, RawPosting
from bot.normalize import posting
from bot.normalize.statedpay import stated_pay
from bot.render import notification
from bot.salary import describe

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        # A range from 0: its floor is 0, its top kept.
        ("0-2 years of experience", Asked(0, "0-2 years of experience", 2)),
        ("0–2 years of professional experience.", Asked(0, "0–2 years of professional experience", 2)),
        ("0 to 2 years of experience", Asked(0, "0 to 2 years of experience", 2)),
        ("New grads or 0-1 years of experience", Asked(0, "0-1 years of experience", 1)),
        ("1-2 yrs of experience in Python", Asked(1, "1-2 yrs of experience in Python", 2)),
        ("Experience: 1-2 yrs", Asked(1, "1-2 yrs", 2)),
        # A cap: 0 up to it, never "2+".
        ("Up to 2 years of experience", Asked(0, "Up to 2 years of experience", 2)),
        ("Less than 2 years of professional experience",
         Asked(0, "Less than 2 years of professional experience", 2)),
        ("under 2 years of experience", Asked(0, "under 2 years of experience", 2)),
        ("No more than 3 years of experience", Asked(0, "No more than 3 years of experience", 3)),
        ("at most 2 years of experience", Asked(0, "at most 2 years of experience", 2)),
        ("2 years of experience or less", Asked(0, "2 years of experience or less", 2)),
        ("2 years or less of experience", Asked(0, "2 years or less of experience", 2)),
        # As before: a floor, a minimum, a range from above 0.
        ("2+ years of experience", Asked(2, "2+ years of experience")),
        ("Minimum of 3 years of experience", Asked(3, "Minimum of 3 years of experience")),
        ("3-5 years of experience", Asked(3, "3-5 years of experience", 5)),
        ("5+ years of experience, max 2 years in management",
         Asked(5, "5+ years of experience, max 2 years in management")),
        # No requirement: no experience named, a 0 alone, a cap past MOST, no experience.
        ("2+ years", Asked(None)),
        ("minimum of 3 years", Asked(None)),
        ("0 years of experience", Asked(None)),
        ("up to 25 years of experience", Asked(None)),
        ("We offer up to 2 years of paid parental leave", Asked(None)),
        ("Contracts of up to 2 years with extension", Asked(None)),
    ],
)  # fmt: skip
def test_years_asked(description: str, expected: Asked) -> None:
    assert asked("Engineer", description) == expected


def job(description: str, key: str = "b:1") -> Posting:
    return Posting(
        key, "b", key, "Platform Engineer, New Grad", "Acme", "Toronto, ON",
        f"https://e.com/{key}", description, NOW,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("years:<=2", True),
        ("years:<=0", True),
        ("years:>=2", False),
        ("grad -years:>=2", True),
        ("years:0-2", True),
        ("years:stated", True),
        ("years:none", False),
    ],
)
@pytest.mark.parametrize(
    "description",
    ["Less than 2 years of professional experience.", "0-2 years of experience.",
     "Up to 2 years of experience."],
)  # fmt: skip
def test_a_new_grad_posting_meets_years_at_most_two(
    description: str, query: str, expected: bool
) -> None:
    p = job(description)
    assert match.matches(query, p) is expected
    assert bool(Matcher([Alert(1, 7, query)]).match(p)) is expected, "the index agrees"


@pytest.mark.parametrize(
    ("description", "line"),
    [
        ("Less than 2 years of professional experience.", "🎓 0–2 years of experience asked"),
        ("0-2 years of experience.", "🎓 0–2 years of experience asked"),
        ("2+ years of experience.", "🎓 2+ years of experience asked"),
        ("3-5 years of experience.", "🎓 3–5 years of experience asked"),
    ],
)
def test_the_message_says_what_the_posting_asks(description: str, line: str) -> None:
    m = notification(job(description), ["new grad"], NOW)
    assert line in m.plain
    assert "2+ years" not in m.plain or line.startswith("🎓 2+")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The walk's: a code after the amount and its period.
        ("Pay: $45/hour CAD.", (45.0, 45.0, "CAD", "hour")),
        ("Pay: $40-$45/hr CAD", (40.0, 45.0, "CAD", "hour")),
        ("The salary range is $90,000–$110,000 (CAD)", (90000.0, 110000.0, "CAD", None)),
        ("$85,000 - $105,000 CAD", (85000.0, 105000.0, "CAD", None)),
        # Other dollars, a name in words, a code after the period, no pay word but its shape.
        ("Salary: $90,000 - $110,000 Canadian dollars", (90000.0, 110000.0, "CAD", None)),
        ("Pay: $45 an hour in Canadian dollars", (45.0, 45.0, "CAD", "hour")),
        ("Salary: $80,000 - $95,000 a year, AUD", (80000.0, 95000.0, "AUD", "year")),
        ("Pay: $60/hr NZD", (60.0, 60.0, "NZD", "hour")),
        ("Salary: $150,000 - $180,000 SGD", (150000.0, 180000.0, "SGD", None)),
        ("Salary: $500,000 - $600,000 (HKD)", (500000.0, 600000.0, "HKD", None)),
        ("$90,000–$110,000 (CAD)", (90000.0, 110000.0, "CAD", None)),
        # "$" stays the US dollar when nothing after it is a currency.
        ("Salary: $90k-$110k in U.S. dollars", (90000.0, 110000.0, "USD", None)),
        ("Salary: $100k OTE", (100000.0, 100000.0, "USD", None)),
        ("Pay: $45/hour. CAD residents only", (45.0, 45.0, "USD", "hour")),
        # One rate is that rate; a floor only when the posting says so.
        ("Pay: starting at $45/hour", (45.0, None, "USD", "hour")),
        ("Pay: from $45 an hour CAD", (45.0, None, "CAD", "hour")),
        ("Starting salary: $90,000 CAD", (90000.0, None, "CAD", None)),
        ("Salary: $110,000+ per year", (110000.0, None, "USD", "year")),
        ("Salary: $150,000 or more", (150000.0, None, "USD", None)),
        ("Salary: at least $90k", (90000.0, None, "USD", None)),
        ("Salary: $150,000 + equity", (150000.0, 150000.0, "USD", None)),
        ("We moved from Java to Go. Salary: $150,000", (150000.0, 150000.0, "USD", None)),
        ("Salary: up to $185,000", (None, 185000.0, "USD", None)),
    ],
)
def test_stated_pay_reads_the_currency_after_it(text: str, expected: tuple) -> None:
    assert stated_pay(text) == expected


def _intern(description: str) -> Posting:
    raw = RawPosting(
        external_id="7",
        title="Software Engineering Intern (Summer 2027)",
        url="https://e.com/7",
        location="Waterloo, ON",
        description_html=f"<p>{description}</p>",
    )
    return posting(raw, BoardInfo("Maple", "greenhouse", "https://e.com/b"))


def test_the_waterloo_intern_job_is_paid_in_canadian_dollars_an_hour() -> None:
    p = _intern("Pay: $45/hour CAD.")
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == (
        45.0, 45.0, "CAD", "hour",
    )  # fmt: skip
    assert "💰 CA$45 an hour" in notification(p, ["intern"], NOW).plain
    for query, expected in (("salary:>=CAD40/hour", True), ("salary:>=USD40/hour", False)):
        assert match.matches(query, p) is expected, query
        assert bool(Matcher([Alert(1, 7, query)]).match(p)) is expected, query


def test_a_pay_read_from_the_text_says_a_year_as_a_boards_does() -> None:
    p = _intern("The salary range is $85,000 - $105,000 CAD.")
    assert "💰 CA$85k–105k a year" in notification(p, ["intern"], NOW).plain
    assert describe(80000, 95000, "CAD", "year") == "CA$80k–95k a year"


@pytest.mark.parametrize(
    ("low", "high", "currency", "period", "text"),
    [
        (85000, 105000, "CAD", None, "CA$85k–105k a year"),
        (85000, None, "CAD", None, "from CA$85k a year"),
        (45, 45, "CAD", "hour", "CA$45 an hour"),
        (45, None, "USD", "hour", "from $45 an hour"),
        (9000, 9000, "EUR", None, "€9k"),  # below a year's least: no period said
        (1250000, None, "INR", None, "from ₹12.5 lakh"),  # many units: a month's may be this
    ],
)
def test_describe_says_a_year_only_of_a_years_size(
    low: float, high: float | None, currency: str, period: str | None, text: str
) -> None:
    assert describe(low, high, currency, period) == text
