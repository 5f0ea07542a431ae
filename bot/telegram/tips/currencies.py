"""Currencies as a sentence writes them beside an amount, made what the sentence reader takes: a
dollar sign with its country's letters ("R$ 15.000", "A$150k") as the amount and its code
("15.000 brl": the lexer would keep "r" as a word a job needs, and read "$" as US dollars), a
currency and its period joined by a slash ("5000 eur/month") apart ("5000 eur a month"), where
the slash would join them as a phrase, or an either-or. Pure; `pay.pay_spelled` uses it."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.errors import QueryError
from bot.normalize.payterms import usual_period
from bot.query import parse as parse_query
from bot.salary import currency_code, currency_word
from bot.syntax import Node, Salary, format_node

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
    text = _CODE_FIRST.sub(_code_last, _PER_SLASH.sub(r"\1 a \2", _LETTERED.sub(_code_after, text)))
    return _PAY_OR.sub(_pay_or, text)


def _code_after(m: re.Match[str]) -> str:
    code = currency_code(m["sign"])
    return f" {m['amount']} {code.lower()} " if code else m[0]


# A code before the amount ("at least SGD 180k"): after it, as the pay reader takes it; not
# in a filter written already ("salary:>=USD40/hour", read again by an /edit offered).
_CODE_FIRST = re.compile(
    r"(?<![\w$:=<>])([A-Za-z]{3})\s?(\d[\d.,]{0,12}(?:\s?[km](?![a-z]))?)(?!\w)"
)


def _code_last(m: re.Match[str]) -> str:
    return f"{m[2]} {m[1]}" if currency_word(m[1]) else m[0]


# Floors in two currencies, either: "salary 180k SGD or 90k GBP" (the pay words before it
# said with it), the words "or" would otherwise join.
_MONEY = r"(\d{1,4}(?:[.,]\d{1,3})?\s?[km])\s?([A-Za-z]{3})"
_PAY_OR = re.compile(
    rf"(?<!\w)(?:(?:min(?:imum)?|at\s+least|over|salary|pay(?:ing)?|of)\s+){{0,3}}"
    rf"{_MONEY}\s+or\s+(?:(?:at\s+least|over|min(?:imum)?)\s+)?{_MONEY}(?!\w)",
    re.IGNORECASE,
)


def _pay_or(m: re.Match[str]) -> str:
    """Either floor as one OR of salary filters: "(salary:>=SGD180k OR salary:>=GBP90k)"."""
    codes = [currency_word(m[2]), currency_word(m[4])]
    if None in codes:
        return m[0]
    try:
        floors = [
            format_node(parse_query(f"salary:>={code}{amount.replace(' ', '')}").root)
            for code, amount in zip(codes, (m[1], m[3]), strict=True)
        ]
    except QueryError:
        return m[0]
    return f" ({floors[0]} OR {floors[1]}) "


_YEARLY = re.compile(r"\b(?:years?|yr|annum|annually|yearly|p\.?\s?a)\b|/y", re.IGNORECASE)


def by_month(node: Node, said: str) -> Node:
    """A salary `said` with no period in a currency stated by the month ("acima de 20k reais":
    salary:>=BRL20k, a year's) as a month's (salary:>=BRL20k/month), as a posting's is read,
    when a month may pay it; any other node, or one said yearly ("90k brl a year"), as it is."""
    if not isinstance(node, Salary) or node.per is not None or _YEARLY.search(said):
        return node
    if usual_period(node.currency, node.amount, node.upto) != "month":
        return node  # not a currency paid by the month, or "300k reais": a year's
    upto = node.upto * 12 if node.upto is not None else None
    return replace(node, amount=node.amount * 12, upto=upto, per="month")
