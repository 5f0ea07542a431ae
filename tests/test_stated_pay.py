"""The pay a description states (bot/normalize/statedpay.py): read when the board's fields
state none, so a salary: alert finds the job and its message shows the pay; never a sum that
is not pay."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.index import Matcher
from bot.models import Alert, BoardInfo, RawPosting
from bot.normalize import posting
from bot.normalize.statedpay import stated_pay
from bot.render import notification

N = (None, None, None, None)

PAY = [
    ("us-transparency", "The base salary range for this role is $160,000 - $200,000.",
     (160000.0, 200000.0, "USD", None)),
    ("en-dash-annual", "Compensation: The annual cash compensation range for this position is "
     "$190,000–$260,000 based on level in addition to equity & benefits.",
     (190000.0, 260000.0, "USD", "year")),
    ("euro-dots-after", "A competitive Annual Gross Base Salary of 18.000€-23.000€ depending on "
     "your level", (18000.0, 23000.0, "EUR", "year")),
    ("per-year", "The estimated salary range is $145,000 - $155,000/year.",
     (145000.0, 155000.0, "USD", "year")),
    ("lone-floor", "Salary floor for this role begins at $110,000+ per year.",
     (110000.0, None, "USD", "year")),
    ("pounds", "Our salary range for this role is £57,000-£70,000. Final offer",
     (57000.0, 70000.0, "GBP", None)),
    ("code-wins-over-dollar", "Compensation range: $1800 - $2200 AUD / Monthly",
     (1800.0, 2200.0, "AUD", "month")),
    ("range-then-equity", "Salary: $120k - $150k + equity", (120000.0, 150000.0, "USD", None)),
    ("in-addition-to-equity", "Compensation: The annual cash compensation range for this "
     "position is $242,000–$262,000 in addition to equity & benefits.",
     (242000.0, 262000.0, "USD", "year")),
    ("annual-not-of-this-cue", "Our monthly team offsites are fun. Salary: $150,000 - $180,000",
     (150000.0, 180000.0, "USD", None)),
    ("monthly-salary", "monthly salary: €4,000 - €5,000", (4000.0, 5000.0, "EUR", "month")),
    ("plus-equity", "Salary range: $150,000 - $180,000 plus equity",
     (150000.0, 180000.0, "USD", None)),
    ("and-bonus", "Salary range: $150,000 - $180,000 and bonus", (150000.0, 180000.0, "USD", None)),
    ("with-equity", "Salary: $150,000 with equity", (150000.0, 150000.0, "USD", None)),
    ("excluding-bonus", "Salary €60.000 - €75.000 exclusief bonus",
     (60000.0, 75000.0, "EUR", None)),
    ("and-a-share", "Salary: $150,000 and 10% bonus", (150000.0, 150000.0, "USD", None)),
    ("range-a-year-alone", "Familiar with FHIR.\n\n$140,000 - $180,000 a year\n\nWe are remote",
     (140000.0, 180000.0, "USD", "year")),
    ("range-per-year-alone", "€70,000-€90,000 per year", (70000.0, 90000.0, "EUR", "year")),
    ("hiring-range", "The hiring range for this position is $150,000 - $180,000",
     (150000.0, 180000.0, "USD", None)),
    ("pay-transparency", "Pay Transparency: $150,000 - $180,000",
     (150000.0, 180000.0, "USD", None)),
    ("rate-of-pay", "The starting rate of pay for this role is $150,000",
     (150000.0, None, "USD", None)),
    ("base-range", "Base range: $150k - $180k", (150000.0, 180000.0, "USD", None)),
    ("total-cash", "a total cash range of $150,000 - $180,000", (150000.0, 180000.0, "USD", None)),
    ("package-ote", "Additional details about the Package\n\n• €75–90k OTE, uncapped",
     (75000.0, 90000.0, "EUR", None)),
    ("rate-per-hour", "Rate: $80-$100/hr", (80.0, 100.0, "USD", "hour")),
    ("hourly-rate", "Hourly rate: $45-60 per hour", (45.0, 60.0, "USD", "hour")),
    ("day-rate", "Day rate: £500-£600", (500.0, 600.0, "GBP", "day")),
    ("swiss-apostrophes", "Salary: CHF 120'000 - 140'000", (120000.0, 140000.0, "CHF", None)),
    ("german", "Gehalt: 65.000 - 80.000 EUR brutto jährlich", (65000.0, 80000.0, "EUR", "year")),
    ("german-monthly", "ein Gehalt von 4.500 € brutto monatlich", (4500.0, 4500.0, "EUR", "month")),
    ("net-per-month", "salary: 2.500-3.000 EUR net per month", (2500.0, 3000.0, "EUR", "month")),
    ("spaces-apart", "Salary range: 80 000 - 100 000 SEK per month",
     (80000.0, 100000.0, "SEK", "month")),
    ("decimal-comma", "Base salary: €70.000,00 - €85.000,00 per year",
     (70000.0, 85000.0, "EUR", "year")),
    ("k-counts-for-both", "compensation: $90-110k", (90000.0, 110000.0, "USD", None)),
    ("code-alone", "compensation: USD 90,000 - 110,000", (90000.0, 110000.0, "USD", None)),
    ("heading-then-amount", "Salary\n\n$140,000 - $170,000 a year", (140000.0, 170000.0, "USD", "year")),
    ("first-of-several", "The pay range for this role is:\n160,000 - 200,000 USD per year (SF)\n"
     "140,000 - 180,000 USD per year (Remote)", (160000.0, 200000.0, "USD", "year")),
    ("up-to", "Salary up to €85k", (None, 85000.0, "EUR", None)),
    ("ote", "OTE $200k-$250k", (200000.0, 250000.0, "USD", None)),
    ("lakhs-grouped", "salary ₹20,00,000 - ₹30,00,000 per annum", (2e6, 3e6, "INR", "year")),
    ("lpa", "CTC: ₹20-25 LPA", (2e6, 2.5e6, "INR", None)),
    ("lakhs-word", "salary package ₹12 lakhs per annum", (1.2e6, 1.2e6, "INR", "year")),
    # No pay word: a range whose shape says pay (walk 4, bug 6).
    ("range-and-code-alone", "$150,000 - $190,000 USD", (150000.0, 190000.0, "USD", None)),
    ("range-under-a-far-heading", "Compensation\n\nWhat a new hire at this level in New York is "
     "offered; where you land depends on your experience, your interviews and the team you "
     "join. We review every offer twice a year against the market.\n\n$150,000 - $190,000 USD"
     "\n\nBenefits", (150000.0, 190000.0, "USD", None)),
    ("k-range-plus-equity", "$150K–$190K + equity", (150000.0, 190000.0, "USD", None)),
    ("plus-equity-in-a-title", "Senior Product Designer, $150K–$190K + equity, NYC or remote",
     (150000.0, 190000.0, "USD", None)),
    ("range-in-a-bullet", "Perks\n• $150,000 – $190,000\n• Health", (150000.0, 190000.0, "USD", None)),
    ("code-after-each", "150,000 USD - 190,000 USD\n", (150000.0, 190000.0, "USD", None)),
    ("hour-each", "$72/hr - $90/hr", (72.0, 90.0, "USD", "hour")),
    ("hour-first", "Contract\n$72/hr - $90\n", (72.0, 90.0, "USD", "hour")),
    # Sums that are not pay.
    ("millions-raised", "$50M - $100M raised", N),
    ("stipend-range", "$1,000 - $2,000 stipend", N),
    ("stipend-range-code", "$1,000 - $2,000 USD stipend", N),
    ("gym-a-month", "$150 - $190 per month gym", N),
    ("arr-range", "$50,000 - $500,000 ARR", N),
    ("range-in-a-sentence", "We closed deals of $150,000 - $190,000 last year", N),
    ("learning-budget-line", "Learning budget\n$10,000 - $20,000\n", N),
    ("funding-range-code", "$50,000 - $100,000 USD in funding", N),
    ("one-currency-alone", "Revenue per seat\n150,000 - 190,000\n", N),
    ("relocation-range", "Up to $10,000 - $20,000 relocation", N),
    ("budget", "Competitive salary, 401k match, $2,000 home office budget", N),
    ("funding", "Competitive salary and equity. We raised $50M from top investors", N),
    ("raised", "Salary: competitive. Last year we raised $900,000.", N),
    ("allowance", "Salary: competitive. Benefits: €50 monthly gym allowance", N),
    ("sign-on", "Pay: $5,000 sign-on bonus", N),
    ("in-equity", "Compensation: $10,000 in equity", N),
    ("two-amounts-no-range", "Salary: $2,500 120,000 a year", N),  # raised ValueError
    ("deals", "Deals range from $50,000 to $500,000 per year", N),
    ("payroll", "Payroll of $150,000", N),
    ("budget-for-the-role", "Budget for this role: €70k-€90k", N),
    ("tuition", "tuition reimbursement up to $15,000 - $20,000 per year", N),
    ("single-a-year-alone", "Our customers save $150,000 a year", N),
    ("equity-grant", "compensation $20,000 equity grant", N),
    ("relocation", "We pay for your relocation up to $10,000", N),
    ("stipend", "$1,000 monthly remote work stipend on top of your salary", N),
    ("bonus-base", "Compensation: 10% bonus on $100k base", N),
    ("no-pay-word", "We have served 20,000 customers since 2015 and manage $3,000,000,000.", N),
    ("no-currency", "Salary: 5 days a week, 40 hours", N),
    ("customers", "Salary: competitive. 120,000 customers", N),
    ("too-far", "Salary: competitive. " + "We build things. " * 12 + "$150,000 of funding.", N),
    ("too-small-for-a-year", "Salary: $900", N),
    ("empty", "", N),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PAY], ids=[c[0] for c in PAY])
def test_stated_pay(text: str, expected: tuple) -> None:
    assert stated_pay(text) == expected


BOARD = BoardInfo(name="quillfin", kind="gem", url="https://jobs.gem.com/quillfin")


def _raw(description: str, **fields: object) -> RawPosting:
    return RawPosting(
        external_id="1",
        title="Senior Backend Engineer",
        url="https://jobs.gem.com/quillfin/1",
        location="New York, NY",
        description_html=description,
        **fields,  # type: ignore[arg-type]
    )


def test_a_salary_alert_finds_a_job_whose_pay_is_only_in_its_text() -> None:
    """Found by salary:, shown in the message, and not a job stating none (salary:none)."""
    html = (
        "<p>Build the ledger in Rust.</p><h3>Pay transparency</h3><p>The base salary range for"
        " this role is <b>$160,000</b> &mdash; <b>$200,000</b> USD.</p>"
    )
    p = posting(_raw(html), BOARD)
    assert (p.salary_min, p.salary_max, p.salary_currency) == (160000.0, 200000.0, "USD")
    alerts = [
        Alert(1, 7, "rust salary:>=150k"),
        Alert(2, 8, "rust salary:>=250k"),
        Alert(3, 9, "rust salary:none"),
    ]
    assert [a.id for a in Matcher(alerts).match(p)] == [1]
    message = notification(p, ["rust salary:>=150k"], datetime(2026, 12, 5, tzinfo=UTC))
    assert "💰 $160k–200k" in message.plain


def test_a_pay_line_with_no_pay_word_is_found_by_a_salary_alert() -> None:
    """Walk 4, bug 6: Maya's salary:>=150k passed over jobs whose pay is a line of its own."""
    lines = ["$150,000 - $190,000 USD", "$150K–$190K + equity", "$72/hr - $90/hr"]
    for line in lines:
        html = f"<p>Design our ledger.</p><h3>Perks</h3><p>{line}</p><p>Health cover</p>"
        p = posting(_raw(html), BOARD)
        assert p.salary_currency == "USD", line
        assert [a.id for a in Matcher([Alert(1, 7, "salary:>=150k")]).match(p)] == [1], line


def test_the_boards_own_pay_wins_over_the_text() -> None:
    p = posting(
        _raw(
            "<p>Salary: $90,000 - $100,000</p>",
            salary_min=120000,
            salary_max=140000,
            salary_currency="USD",
        ),
        BOARD,
    )
    assert (p.salary_min, p.salary_max) == (120000.0, 140000.0)


def test_a_text_of_thousands_of_sums_is_looked_at_in_200_places_at_most() -> None:
    """Each "$" and "000" is a place to look; a hostile description of 100,000 characters of
    them is read no further than its first 200 (pay is stated early, once)."""
    sums = "$1,000 of funding. "  # two places: "$" and "000"
    assert stated_pay(sums * 100 + "Salary: $150,000.") == N
    assert stated_pay(sums * 99 + "Salary: $150,000.") == (150000.0, 150000.0, "USD", None)
