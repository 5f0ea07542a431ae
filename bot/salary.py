"""Salaries for people and for alerts: "€120k–150k a year", and `salary:>=100k` filters.

A posting's salary is shown as stated: its own currency and period, and its amounts in
thousands when they are a year's pay of 10,000 or more ("€120k–150k a year", "$169.7k–200.5k a
year": to the hundred below, so never more than stated) or round thousands of a month's ("CHF
8k–9k a month"); other amounts as written ("A$1,800–2,200 a month", "$45–60 an hour").
Filters compare yearly amounts: an hour counts 2,080 times a year, a day 260, a week 52, a
month 12. A filter with a currency compares a posting paid in another at
the exchange rates in use (`bot.rates`: the ECB's, once fetched); without them, as offline, it
matches only postings in its currency. One without a currency compares the posting's own numbers.
Currency symbols and codes come from babel (CLDR), amounts are read by price-parser.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from babel.numbers import format_decimal, get_currency_symbol, list_currencies
from price_parser import Price

from bot import rates
from bot.models import Posting
from bot.normalize.fields import AMOUNT_UNITS, MANY_UNITS, PAY_RANGE, RUPEE_UNITS, UNIT_PATTERN
from bot.rates import Rates

PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}
_PERIOD_TEXT = {"year": "a year", "month": "a month", "week": "a week", "day": "a day"}
_PERIOD_TEXT["hour"] = "an hour"
_LOCALE = "en"


@functools.cache
def _symbols() -> dict[str, str]:
    """Currency symbol -> ISO code, for the symbols that name one currency in English."""
    found: dict[str, set[str]] = {}
    for code in list_currencies():
        found.setdefault(get_currency_symbol(code, _LOCALE), set()).add(code)
    return {s: codes.pop() for s, codes in found.items() if len(codes) == 1 and s not in codes}


def _symbol(code: str) -> str:
    """ "€", "$", "CHF " (a symbol of letters keeps a space from the number)."""
    symbol = get_currency_symbol(code, _LOCALE)
    return f"{symbol} " if symbol[-1].isalpha() else symbol


def _in_thousands(amounts: list[float], period: str | None) -> bool:
    """Whether a pay's amounts are written in thousands: a year's of 10,000 or more (so every
    yearly pay reads alike: "$169.7k–200.5k" beside "$225k–250k"), or round thousands of a
    year's or a month's."""
    if period in (None, "year") and all(a >= 10_000 for a in amounts):
        return True
    return period in (None, "year", "month") and all(a >= 1000 and a % 1000 == 0 for a in amounts)


def _amount(value: float, abbreviate: bool) -> str:
    """ "169.7k" (thousands, to the hundred below: 169,725 is no more than stated) or the
    amount as written ("1,800", "45.5")."""
    if abbreviate:
        hundreds = math.floor(value / 100 + 1e-9)  # (a hair under a hundred is in it)
        return format_decimal(hundreds / 10, format="#,##0.#", locale=_LOCALE) + "k"
    return format_decimal(value, format="#,##0.##", locale=_LOCALE)


def describe(
    low: float | None, high: float | None, currency: str | None, period: str | None
) -> str | None:
    """A salary for people: "€120k–150k a year", "from $80k a year", "up to £60.5k a year",
    "₹20–30 lakh a year"; None when no amount is stated. No period said, a year's size is a year's."""
    if low is None and high is None:
        return None
    amounts = [a for a in dict.fromkeys((low, high)) if a is not None]
    if period is None and currency not in MANY_UNITS and min(amounts) >= PAY_RANGE["year"][0]:
        period = "year"  # as `fields.salary` reads it, and salary: filters count it
    abbreviate = _in_thousands(amounts, period)
    sign = _symbol(currency) if currency else ""
    if currency == "INR" and period in (None, "year") and all(a >= 100_000 for a in amounts):
        lakhs = "–".join(format_decimal(a / 100_000, "#,##0.#", locale=_LOCALE) for a in amounts)
        text = f"{sign}{lakhs} lakh"  # as India writes it: "₹20–30 lakh a year"
    else:
        text = sign + "–".join(dict.fromkeys(_amount(a, abbreviate) for a in amounts))
    if low is None:
        text = "up to " + text
    elif high is None:
        text = "from " + text
    return f"{text} {_PERIOD_TEXT[period]}" if period in _PERIOD_TEXT else text


def posting_salary(p: Posting) -> str | None:
    """The posting's salary as `describe` writes it, or None when it states none."""
    return describe(p.salary_min, p.salary_max, p.salary_currency, p.salary_period)


@dataclass(frozen=True, slots=True)
class Yearly:
    """A posting's salary a year: a lone bound counts at both ends."""

    low: float
    high: float
    currency: str | None


def yearly(p: Posting) -> Yearly | None:
    """The posting's salary, annualised (no period stated counts as a year); None if none."""
    low, high = p.salary_min, p.salary_max
    if low is None and high is None:
        return None
    factor = PER_YEAR.get(p.salary_period or "year", 1)
    low = low if low is not None else high
    high = high if high is not None else low
    assert low is not None and high is not None
    return Yearly(low * factor, high * factor, p.salary_currency)


def in_currency(s: Yearly, currency: str, table: Rates | None = None) -> Yearly | None:
    """`s` converted to `currency` at `table` (default: the rates in use); None when there
    are none, or none for either currency."""
    table = table or rates.current()
    if table is None or s.currency is None:
        return None
    low, high = (
        table.convert(s.low, s.currency, currency),
        table.convert(s.high, s.currency, currency),
    )
    return Yearly(low, high, currency) if low is not None and high is not None else None


def converted(p: Posting, currency: str, dated: bool = True) -> str | None:
    """The posting's yearly salary in `currency` to the thousand, and (`dated`) the day of the
    rates: "€139k–167k a year at the ECB's rates of 4 Dec 2026"; None when it is paid in that
    currency, states none, or has no rate."""
    s, table = yearly(p), rates.current()
    if s is None or s.currency in (None, currency) or table is None:
        return None
    if (conv := in_currency(s, currency, table)) is None:
        return None
    text = describe(round(conv.low, -3), round(conv.high, -3), currency, "year")
    if not dated:
        return text
    return f"{text} at the ECB's rates of {table.as_of.day} {table.as_of:%b %Y}"


# -- filters -------------------------------------------------------------------------------

EXAMPLE = "e.g. salary:>=100k, salary:<80k, salary:100k-150k or salary:>=€100k"
_FILTER = re.compile(r"(?P<op>>=|<=|>|<)?(?P<low>[^-]+)(?:-(?P<high>.+))?")
_PERIODS = {
    **dict.fromkeys(("year", "yr", "y", "annum"), "year"),
    **dict.fromkeys(("month", "mo", "mon", "m"), "month"),
    **dict.fromkeys(("week", "wk", "w"), "week"),
    **dict.fromkeys(("day", "d"), "day"),
    **dict.fromkeys(("hour", "hr", "h"), "hour"),
}
_BOUND = re.compile(
    rf"(?P<pre>[^\d.,]*?)(?P<num>\d[\d.,]*)(?P<unit>{UNIT_PATTERN})?"
    r"(?P<post>[^\d.,]*)",
    re.IGNORECASE,
)


def filter_amount(value: float) -> str:
    """100000 -> "100k", 1500000 -> "1500k", 120500 -> "120500": how a filter writes it."""
    if value % 1000 == 0:
        return f"{value / 1000:g}k"
    return f"{value:g}" if value < 1e15 else f"{value:.0f}"


# Dollar signs babel's English does not write so, as people do ("C$", "S$"); "kr" (the Swedish,
# Norwegian and Danish crowns) stays unread: only a code says which.
_DOLLARS = {"US$": "USD", "C$": "CAD", "AU$": "AUD", "S$": "SGD", "SG$": "SGD"}


def currency_code(text: str) -> str | None:
    """ISO code from "€", "eur", "USD", "CA$", "R$" (the Brazilian real); None when `text`
    names no currency."""
    sign = text.upper() if text.endswith("$") else text  # "r$" as "R$"
    if sign in _symbols() or sign in _DOLLARS:
        return _symbols().get(sign) or _DOLLARS[sign]
    code = text.upper()
    return code if len(code) == 3 and code in list_currencies() else None


# Currencies named in words ("salary:>=90k euros"); "dollars" alone are US dollars, as one who
# means another names it ("aud").
_NAMED = {
    "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "pound": "GBP", "yen": "JPY",
    "pounds": "GBP", "sterling": "GBP", "rupees": "INR", "francs": "CHF", "reais": "BRL",
}  # fmt: skip

# ISO codes that are also words an alert may look for: after a salary as a word of their own
# ("salary:>=100k php") they stay words. Written into the amount ("salary:>=php100k") they are
# currencies.
_WORDS_TOO = frozenset({
    "ALL", "AMD", "ARM", "BAD", "BAN", "BOB", "COP", "CUP", "GEL", "MAD", "MOP", "PEN", "PHP", "SOS",
    "TOP",
})  # fmt: skip


def currency_word(text: str) -> str | None:
    """ISO code from a currency written as a word of its own after a salary filter ("eur",
    "€", "euros"); None for any other word, and for codes that are also words (`_WORDS_TOO`)."""
    code = _NAMED.get(text.lower()) or currency_code(text)
    return None if code is None or code in _WORDS_TOO else code


def _bound(text: str) -> tuple[float, str | None, float]:
    """An amount as written ("€100k", "20lpa"): the number, its currency, its unit's worth."""
    m = _BOUND.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"“{text}” is not an amount; {EXAMPLE}")
    price = Price.fromstring(m["num"])
    if price.amount is None or not 0 < price.amount < 10**12:
        raise ValueError(f"“{text}” is not an amount; {EXAMPLE}")
    unit = (m["unit"] or "").lower()
    amount = float(price.amount) * AMOUNT_UNITS.get(unit, 1)
    written = [c for c in (m["pre"], m["post"]) if c]
    if len(written) > 1:
        raise ValueError(f"“{text}” names its currency twice; {EXAMPLE}")
    code = _NAMED.get(written[0].lower()) or currency_code(written[0]) if written else None
    if written and code is None:
        raise ValueError(f"“{written[0]}” is not a currency (write €, $, £ or a code like eur)")
    rupees = "INR" if unit in RUPEE_UNITS else None
    return amount, code or rupees, AMOUNT_UNITS.get(unit, 1)


@dataclass(frozen=True, slots=True)
class Filter:
    """A salary: filter's value: yearly amounts (`upto` the top of a range, op "-"), the
    currency it asks for, and the period it was written in ("day" for salary:>=500/day)."""

    op: str
    amount: float
    upto: float | None
    currency: str | None
    per: str | None = None


def parse_filter(text: str) -> Filter:
    """A salary: filter's value (">=100k", "100k-150k", "€120k", "120k+", "500/day") read;
    ValueError says what is wrong with an example."""
    text, per = _period(text)
    if text.endswith("+") and not text.startswith(("<", ">")):  # "120k+": 120k or more
        text = ">=" + text[:-1]
    m = _FILTER.fullmatch(text)
    if not text.lstrip("<>=") or m is None:  # (nothing, or only an operator: "salary:>=")
        raise ValueError(f"salary: needs an amount, {EXAMPLE}")
    factor = PER_YEAR[per] if per else 1
    op = m["op"] or ">="
    low, cur, low_unit = _bound(m["low"])
    if m["high"] is None:
        return Filter(op, low * factor, None, cur, per)
    if m["op"]:
        raise ValueError(f"a salary range takes no {op}; {EXAMPLE}")
    high, cur_high, unit = _bound(m["high"])
    if low_unit == 1 and low * unit <= high:
        low *= unit  # "80-100k": the k counts for both
    if cur and cur_high and cur != cur_high:
        raise ValueError(f"a salary range is in one currency, not {cur} and {cur_high}")
    if high < low:
        raise ValueError(
            f"a salary range goes from low to high: salary:{filter_amount(high)}-{filter_amount(low)}"
        )
    return Filter("-", low * factor, high * factor, cur or cur_high, per)


def _period(text: str) -> tuple[str, str | None]:
    """`text` less a "/day" (or "/hour", "/hr", "/month", "/mo"...) at its end, and that
    period; a year is the unit filters compare in, so "/year" gives None."""
    value, slash, unit = text.rpartition("/")
    if not slash:
        return text, None
    per = _PERIODS.get(unit.lower())
    if per is None:
        raise ValueError(f"“/{unit}” is not a period: write /year, /month, /week, /day or /hour")
    return value, None if per == "year" else per


def accepts(op: str, amount: float, upto: float | None, cur: str | None, s: Yearly) -> bool:
    """Whether a posting's yearly salary `s` meets a filter: its range need only reach it. A
    salary in another currency than the filter's is converted (`in_currency`)."""
    if cur is not None and cur != s.currency:
        converted = in_currency(s, cur)
        if converted is None:
            return False
        s = converted
    if op == ">=":
        return s.high >= amount
    if op == ">":
        return s.high > amount
    if op == "<=":
        return s.low <= amount
    if op == "<":
        return s.low < amount
    assert upto is not None
    return s.low <= upto and s.high >= amount
