"""A query's `salary:` filter as people type it, read for the lexer (`bot.lexer`): spaced
("salary: >= 120k"), its thousands set apart by a space ("80 000 €", as Portugal and France
write them), its currency before the amount ("salary:>=EUR 80k") or after it ("120k eur",
"€/day"), its k apart ("80 k"). An operator turned round ("salary:=>80k") is refused as a
`Slip` that names the filter meant, which the reply offers ready to copy (`tips.repair`). An
amount too small for a year's pay ("salary:>=80": 80 a year) is read as written, for a stored
alert must still parse, and its tip (`tips.amounts`) offers it in thousands (`in_thousands`).
"""

from __future__ import annotations

import re

from bot.errors import QueryError, at
from bot.salary import PER_YEAR, currency_code, currency_word, parse_filter
from bot.syntax import Salary, format_node

# salary: with spaces around its operator ("salary: >=120k", "salary >= 120k"). The value must
# hold a digit; otherwise the chunk is lexed as a field, and says what is missing.
_SALARY = re.compile(
    r"salary(?:\s*[:=]\s*|\s*(?=[<>≥≤]))(?P<op>[<>]=?)?\s*(?P<value>[^\s()\"|]*\d[^\s()\"|]*)",
    re.IGNORECASE,
)
# ... with its currency apart before the amount ("salary:>=EUR 80k", "salary: € 80 000").
_CURRENCY_FIRST = re.compile(
    r"salary(?:\s*[:=]\s*|\s*(?=[<>]))(?P<op>[<>]=?)?\s*(?P<cur>[^\s\d()\"|<>=≥≤]+)\s+"
    r"(?P<value>\d[^\s()\"|]*)",
    re.IGNORECASE,
)
# The word after a salary's value, which may be its k, currency or period ("k", "eur", "/day").
_NEXT_WORD = re.compile(r"\s+([^\s()\"|]+)")
# An amount of one to three digits last in a value ("80", ">=€80", "80-100"), and a group of
# three digits after a space (a no-break one too, as French text writes it) that goes on with
# it: "80 000", "80 000€", "80 000-100 000"; not "80 100k".
_TAIL = re.compile(r"(?<![\d.,])\d{1,3}$")
_GROUP = re.compile(r"[ \u00a0\u202f](\d{3})(?![\d.kKmMlL]|,\d)([^\s()\"|]*)")
# The least a year's pay is in any currency (a year's stated pay is read from 10,000 on:
# `normalize.fields.PAY_RANGE`; between the two it may be a month's, or a year's in dinars).
LEAST_A_YEAR = 1000
# Operators written the other way round, as the filter writes them.
_TURNED = {"=>": ">=", "=<": "<=", "=": ">="}
_MATHS = str.maketrans({"≥": ">=", "≤": "<="})  # a phone's ≥ and ≤ are >= and <=


class Slip(QueryError):
    """A query refused for a slip whose fix is sure, at `start`-`end` of the query:
    `instead` is what to write there (None when nothing sure can be offered)."""

    def __init__(self, message: str, start: int, end: int, instead: str | None) -> None:
        super().__init__(message)
        self.start, self.end, self.instead = start, end, instead


def read(text: str, i: int) -> tuple[str, int, int] | None:
    """The salary filter at `i` of `text`: its value as `node` takes it ("80 000 €" ->
    "80000€"), where the value starts, and where the filter ends; None when no value with a
    digit follows salary and its operator (the field's own lexing then says what is wrong)."""
    first = _CURRENCY_FIRST.match(text, i)
    if first and (currency_code(first["cur"]) or currency_word(first["cur"])):
        value, start, end = first["cur"] + first["value"], first.start("cur"), first.end()
    elif m := _SALARY.match(text, i):
        first, value, start, end = m, m["value"], m.start("value"), m.end()
    else:
        return None
    value, end = _thousands(text, (first["op"] or "") + value, end)
    after = _NEXT_WORD.match(text, end)
    if after and after[1] in ("k", "K") and value[-1:].isdigit():  # "80 k", as a phone spaces it
        value, end = value + "k", after.end()
        after = _NEXT_WORD.match(text, end)
    glued = _glued(value, after[1]) if after else None
    if glued is not None and after is not None:
        value, end = glued, after.end()
    return value, start, end


def _thousands(text: str, value: str, end: int) -> tuple[str, int]:
    """`value` with the groups of three digits that follow it joined in ("80 000" ->
    "80000"), and where it then ends."""
    if not _TAIL.search(value):
        return value, end
    while group := _GROUP.match(text, end):
        value, end = value + group[1] + group[2], group.end()
        if group[2] and not _TAIL.search(group[2]):  # "000€" ends it; "000-100" goes on
            break
    return value, end


def _glued(value: str, word: str) -> str | None:
    """`value` with `word` joined in when `word` is a currency, a period or both ("eur",
    "€/day", "/hour") that `value` lacks; else None (the word is a term of its own)."""
    amount, _, per = value.partition("/")
    currency, slash, word_per = word.partition("/")
    if (currency and currency_word(currency) is None) or (slash and (per or not word_per)):
        return None
    if not currency and not slash:
        return None
    per = per or word_per
    return amount + currency + (f"/{per}" if per else "")


def node(value: str, pos: int, start: int, end: int) -> Salary:
    """The value of salary: (`value`, at `pos` of the query) as a node; QueryError says what
    is wrong, a `Slip` over the filter (`start`-`end`) offers the filter meant."""
    value = value.translate(_MATHS)
    if turned := next((t for t in _TURNED if value.startswith(t)), ""):
        meant_node = node(_TURNED[turned] + value[len(turned) :], pos, start, end)
        meant = format_node(in_thousands(meant_node) or meant_node)
        said = f"“{turned}” is no operator: did you mean {meant}? ({at(pos)})"
        raise Slip(said, start, end, meant)
    try:
        f = parse_filter(value)
    except ValueError as exc:
        also = (
            "" if any(c.isdigit() for c in value) else "; or salary:none for jobs that state none"
        )
        raise QueryError(f"{exc}{also} ({at(pos)})") from None
    return Salary(f.op, f.amount, f.upto, f.currency, f.per)


def in_thousands(typed: Salary) -> Salary | None:
    """`typed` with its yearly amounts under `LEAST_A_YEAR` in thousands (salary:>=80 ->
    salary:>=80k): 80 a year is no one's pay, so they were most likely meant so (or as a rate,
    which `too_small` names); None when none is that small, or the range would run back."""
    bounds = [a for a in (typed.amount, typed.upto) if a is not None]
    if typed.per is not None or min(bounds) >= LEAST_A_YEAR:
        return None
    low, *high = (a * 1000 if a < LEAST_A_YEAR else a for a in bounds)
    if low < LEAST_A_YEAR or (high and high[0] < low):  # "salary:>=0.5", "salary:500-90k"
        return None
    return Salary(typed.op, low, high[0] if high else None, typed.currency)


def too_small(typed: Salary) -> str:
    """What a filter with a yearly amount under `LEAST_A_YEAR` asks, as plain text:
    "salary:>=80 is 80 a year, and no year's pay is under 1,000"."""
    bounds = [a for a in (typed.amount, typed.upto) if a is not None]
    small = [f"{a:g}" for a in bounds if a < LEAST_A_YEAR]
    reads = "starts at" if len(small) < len(bounds) else "is"  # "salary:80-100k": 80 to 100k
    return (
        f"{format_node(typed)} {reads} {' to '.join(small)} a year, and no year's pay is under "
        f"{LEAST_A_YEAR:,}"
    )


def as_rate(typed: Salary) -> Salary:
    """`typed`'s amount as an hour's rate (salary:>=80 -> salary:>=80/hour), the other reading
    of a small amount; a range as it is."""
    if typed.upto is not None or typed.per is not None:
        return typed
    return Salary(typed.op, typed.amount * PER_YEAR["hour"], None, typed.currency, "hour")


# Thousands set apart, as the lexer splits them into words ("75 000"); a floor of pay written
# in full with a plus ("75000+"), which the lexer keeps one word for the pay tip to read.
_APART = re.compile(r"[1-9]\d{0,2}(?: \d{3})+")
FULL_PLUS = re.compile(r"[1-9]\d{4,6}\+")


def apart(words: list[str]) -> tuple[str, int] | None:
    """A yearly amount whose thousands the first words are ("75", "000"): "75000" and how
    many words; None for none, or for less than 10,000 (no year's pay: "2 000")."""
    n = next((n for n in (3, 2) if _APART.fullmatch(" ".join(words[:n]))), 0)
    return ("".join(words[:n]), n) if n and int("".join(words[:n])) >= 10_000 else None


def in_full(token: str, currency: str) -> str | None:
    """A yearly amount written in full, with no k: with a plus ("75000+"), or when the text
    names a `currency` ("60000€"); five digits or more, so neither a year ("2025") nor a
    head count ("3000") is read as pay."""
    if FULL_PLUS.fullmatch(token):
        return token[:-1]
    return token if currency and token.isdigit() and 5 <= len(token) <= 7 else None
