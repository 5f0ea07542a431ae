"""Currencies as a sentence writes them beside an amount, made what the sentence reader takes: a
dollar sign with its country's letters ("R$ 15.000", "A$150k") as the amount and its code
("15.000 brl": the lexer would keep "r" as a word a job needs, and read "$" as US dollars), a
currency and its period joined by a slash ("5000 eur/month") apart ("5000 eur a month"), where
the slash would join them as a phrase, or an either-or. Pure; `pay.pay_spelled` uses it."""

from __future__ import annotations

import re

from bot.salary import currency_code

# A dollar sign with its country's letters ("R$" the Brazilian real, "A$", "C$", "NZ$", "HK$",
# "S$", "MX$", "US$"), which `bot.salary.currency_code` reads; "kr" is none (Swedish,
# Norwegian or Danish: only a code says which).
DOLLAR = r"(?<![A-Za-z])(?:US|CA|C|AU|A|NZ|S|SG|HK|R|MX|NT)\$"
# A currency's sign as typed, lettered dollars first ("R$", "r$" too).
SIGN = rf"(?i:{DOLLAR})|[€$£¥₹]"
_LETTERED = re.compile(
    rf"(?P<sign>{DOLLAR})\s?(?P<amount>\d[\d.,]{{0,12}}(?:\s?[km](?![a-z]))?)", re.IGNORECASE
)
_PER_SLASH = re.compile(
    r"(?:(?<=\d)|(?<=\d[km]))(\s?(?:[a-z]{3,8}|[€$£¥₹]))\s?/\s?"
    r"(hour|hr|day|week|month|mo|year|yr)\b",
    re.IGNORECASE,
)


def signs_spelled(text: str) -> str:
    """`text` with an amount after a lettered dollar sign as the amount and its code ("R$
    15.000": "15.000 brl"), and a currency and its period apart ("5000 eur/month": "5000 eur
    a month")."""
    return _PER_SLASH.sub(r"\1 a \2", _LETTERED.sub(_code_after, text))


def _code_after(m: re.Match[str]) -> str:
    code = currency_code(m["sign"])
    return f" {m['amount']} {code.lower()} " if code else m[0]
