"""The pay a job's description states, read when its board's own fields state none: pay
transparency laws (California, New York, Colorado, Washington; the EU's directive) put a range
in the text ("The base salary range for this role is $160,000 - $200,000"), and a salary:
alert would pass over a job whose pay it cannot see.

An amount is pay only with its currency written ("$", "EUR", "₹20 LPA"), a word that says pay
shortly before it ("salary", "compensation", "pay range", "OTE", "Gehalt") or right after it
("£100,000-160,000 salary per annum", "$150k base pay"; a range, or "gross", with its period
after it: "€60,000 - €75,000 gross per year", "USD 55-55 / hour"), and a size a salary can be
for its period: "$2,000 learning budget", "we raised $50M", "401k" and "€50
monthly gym allowance" are no pay. With no pay word, a range whose shape says pay is pay too:
each amount with its currency, on a line of its own or followed by "+ equity" or a code
("$150,000 - $190,000 USD", "$150K–$190K + equity", "$72/hr - $90/hr"). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from bot.normalize.fields import (
    AMOUNT_UNITS,
    MANY_UNITS,
    PAY_RANGE,
    UNIT_PATTERN,
    salary,
    salary_period,
)

Pay = tuple[float | None, float | None, str | None, str | None]
NONE: Pay = (None, None, None, None)

_MARKS = ("$", "€", "£", "¥", "₹", "000", "USD", "EUR", "GBP")
_SIGN_CODES = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "R$": "BRL",
    "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD", "NZ$": "NZD", "S$": "SGD", "HK$": "HKD",
    "MX$": "MXN",
}  # fmt: skip
_BACK = frozenset("0123456789,.'’-–— \u202f\u00a0$€£¥₹ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOOKS = 200  # places looked at, at most: a text of thousands of "$" costs no more
_BEFORE = 160  # characters before an amount where its pay word may be
# Words that say pay (lower case; each after a word boundary, those marked whole before one
# too), with the period a rate's name says (listed before a word that ends as it does: "day
# rate", then "rate"). Looked for with rfind in the few characters before an amount: a regex
# of them all costs several times that.
_CUES: tuple[tuple[str, bool, str | None], ...] = (
    ("salar", False, None), ("compensation", False, None), ("pay", True, None),
    ("wage", False, None), ("base", True, None), ("hiring range", False, None),
    ("target range", False, None), ("annual range", False, None), ("total cash", False, None),
    ("package", False, None), ("hourly rate", False, "hour"), ("day rate", False, "day"),
    ("daily rate", False, "day"), ("rate", True, None), ("ote", True, None),
    ("ctc", True, None), ("earnings", False, None), ("remunera", False, None),
    ("gehalt", False, None), ("jahresgehalt", False, None), ("vergütung", False, None),
    ("rémunération", False, None), ("retribución", False, None), ("stipendio", False, None),
)  # fmt: skip
_CUR = r"(?:US\$|CA\$|C\$|AU\$|A\$|NZ\$|S\$|HK\$|R\$|MX\$|[$€£¥₹]|\b[A-Z]{3}\b)"
_LAKHS = re.compile(r"\d{1,2}(?:,\d\d)+,\d{3}")  # India's grouping: 20,00,000
_GROUPED = re.compile(r"\d{1,3}(?:([,.'’\u202f\u00a0 ])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?")
_SEPARATOR = re.compile(r"[,.'’\u202f\u00a0 ](?=\d{3}(?!\d))|,(?=\d\d,)")


# An amount's unit as a description writes it: not "m" (a million is no salary's unit) nor
# a lower-case "l" (a word), which only a capital "L" right after the digits is ("20L").
_UNITS_SAID = "|".join(u for u in UNIT_PATTERN.split("|") if u not in ("m", "l"))


def _num(n: int) -> str:
    """An amount's digits: lakhs, thousands set apart by one separator throughout ("120,000",
    "1.200.000", "80 000": "2,500 120,000" is two amounts), or digits alone; cents."""
    return (
        rf"{_LAKHS.pattern}(?!\d)"
        rf"|\d{{1,3}}(?P<sep{n}>[,.'’\u202f\u00a0 ])\d{{3}}(?:(?P=sep{n})\d{{3}})*"
        r"(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?"
    )


def _one(n: int) -> str:
    """One amount, its currency before or after it, its unit ("120k", "20 LPA")."""
    return (
        rf"(?:(?P<pre{n}>{_CUR})\s?)?(?P<num{n}>{_num(n)})"
        rf"(?:\s?(?P<k{n}>(?i:{_UNITS_SAID})|(?<=\d)L)\b)?"
        rf"(?:\s?(?P<post{n}>{_CUR}))?"
    )


# A range's second amount is none when it is a share ("$150,000 and 10% bonus"); its first
# may say its period ("$72/hr - $90/hr").
_AMOUNTS = re.compile(
    _one(1)
    + r"(?:(?:\s?/\s?(?P<per1>hour|hr|year|yr)\b)?\s*(?:-|–|—|to|and)\s*"
    + _one(2)
    + r"(?![\d%]|\s%))?"
)
_UNITS = r"(hour|hr|day|week|month|monat|year|yr|annum|jahr)\b"
_ADVERBS = r"(hourly|daily|weekly|monthly|monatlich|annually|yearly|annual|jährlich|p\.\s?a\.)"
_PERIOD_AFTER = re.compile(
    rf"(?i)[\s+]*(?:(?:gross|net|brutto|netto|before\s+tax)\s*)?"
    rf"(?:(?:/|per|pro|im|an?|each)\s*{_UNITS}|[,/]?\s*{_ADVERBS})"
)
_PERIOD_BEFORE = re.compile(rf"(?i)\b{_ADVERBS}")
# The period said just before the pay word, three words at most between: "annual cash
# compensation", "Annual Gross Base Salary".
_PERIOD_OF_CUE = re.compile(
    rf"(?i)\b{_ADVERBS}[^\S\n]{{1,3}}(?:[a-z]{{1,20}}[^\S\n]{{1,3}}){{0,3}}$"
)
# A pay word right after the amount ("£100,000-160,000 salary per annum", "$150k base pay"),
# and "gross", which says pay when its period follows ("€60,000 gross per year").
_CUE_AFTER = re.compile(
    r"(?i)[ \t]{0,2}(?:\(?(?:gross|net|brutto|netto|base|basic|annual|yearly|fixed|starting"
    r"|total|target)\)?[ \t]{1,2}){0,2}(?:salary|salaries|compensation|pay|wages?|ote|ctc"
    r"|remuneration|gehalt|jahresgehalt|vergütung)\b"
)
_GROSS = re.compile(r"(?i)[ \t]{0,2}(?:gross|brutto)\b")
_PERIODS = {"monat": "month", "monatlich": "month", "jahr": "year", "jährlich": "year"}
# Right after an amount, words that make it something other than pay ("$2,000 home office
# budget"), unless a word puts those on top of it ("$242,000–$262,000 in addition to equity",
# "plus bonus", "excl. bonus"); between the pay word and the amount, words that make it
# another sum ("pay for your relocation up to $10,000").
_NOT_PAY = re.compile(
    r"(?i)[ \t]{0,2}(?!(?:plus|and|with|in\s+addition\s+to|on\s+top\s+of|excl\w*|not\s+incl\w*"
    r"|before)\b)(?:in\s+|of\s+)?(?:[\w-]+\s+){0,2}?(?:stipend|budget|allowance|bonus"
    r"|sign[- ]?on|signing|relocation|equity|rsus?|credits?|grants?|reimburse|million|billion"
    r"|bn|mn|funding|raised|revenue|arr|customers|users)\b"
)
_ASIDE = re.compile(
    r"(?i)\b(?:stipend|budget|allowance|bonus|relocation|equity|401|reimburse|learning"
    r"|training|conference|home\s+office|referral|raised|funding|revenue|valuation|deal)"
)
# A range of pay without a pay word: with what is put on top of it ("+ equity"), or alone on
# its line (a bullet before it, a stop after it).
_ON_TOP = re.compile(r"(?i)[^\S\n]*(?:\+|&|plus)[^\S\n]*(?:equity|bonus|benefits|stock|rsus?)\b")
_LINE_START = re.compile(r"(?:^|\n)[^\S\n]*(?:[•·*▪◦‣–—-][^\S\n]*)?$")
_LINE_END = re.compile(r"[^\S\n]*[.;]?[^\S\n]*(?:\n|$)")
_UP_TO = re.compile(r"(?i)\b(?:up\s+to|max(?:imum)?|not\s+exceeding)\W*$")


def stated_pay(text: str) -> Pay:
    """(min, max, currency, period) of the first pay the text states, as `fields.salary`
    returns them; all None when it states none that reads as pay."""
    done = -1
    for at in _marks(text)[:_LOOKS]:
        if at < done:
            continue  # the second "$" of a range already read
        for m in _AMOUNTS.finditer(text, _start(text, at), at + 48):
            if not m.start() <= at < m.end():
                continue
            done = m.end()
            found = _read(text, m)
            if found is not None:
                return found
            break
    return NONE


def _start(text: str, at: int) -> int:
    """Where an amount around `at` may start: back over the digits, separators, signs and
    codes just before it, and the first amount of a range ("CHF 120'", "€45.", "20-")."""
    i = at
    while i > 0 and at - i < 20 and text[i - 1] in _BACK:
        i -= 1
    return i


def _marks(text: str) -> list[int]:
    """Where an amount may be written with its currency, in order: a sign, an amount
    written in full ("120,000", "80 000", "120'000", "20,00,000": its "000"), or the three
    codes most written ("USD 55-55 / hour", "EUR 4,500"). Found by str.find, a µs or two
    each over a 3,000-character description; a regex over the text ten times that. So an
    amount with none of them ("CHF 95/hour", "20 LPA") is not read."""
    return sorted(i for part in _MARKS if part in text for i in _all(text, part))


def _all(text: str, part: str) -> Iterator[int]:
    """Where `part` is in `text`, each place."""
    i = text.find(part)
    while i >= 0:
        yield i
        i = text.find(part, i + 1)


def _read(text: str, m: re.Match[str]) -> Pay | None:
    """The pay amount `m` states, or None when it is not pay: no currency, no pay word just
    before it, a word that makes it another sum, a size no salary is."""
    cur = _currency(m)
    if cur is None:
        return None
    before = text[max(0, m.start() - _BEFORE) : m.start()].lower()
    cue = _last_cue(before)
    said = _CUE_AFTER.match(text, m.end())
    tail = said.end() if said else m.end()  # where its period is written
    ranged = m["num2"] or _GROSS.match(text, m.end())
    if cue is None and (said or (ranged and _PERIOD_AFTER.match(text, tail)) or _shaped(text, m)):
        at = max(0, len(before) - 60)
        cue = (at, None, at)  # "€70,000-€90,000 per year", "£100,000 salary", its shape: pay
    if cue is None or _ASIDE.search(before, cue[0]) or _NOT_PAY.match(text, m.end()):
        return None
    low, high = _bound(m, 1), _bound(m, 2) if m["num2"] else None
    if high is not None and m["k2"] and not m["k1"]:
        low *= AMOUNT_UNITS[m["k2"].lower()]  # "90-110k": the k counts for both
    period = cue[1] or _period(text, tail, before, cue) or salary_period(m["per1"])
    up_to = high is None and _UP_TO.search(before[-24:])  # "up to $185,000": a top, not a floor
    pay = salary(None, low, cur, period) if up_to else salary(low, high, cur, period)
    return pay if _plausible(pay) else None


def _shaped(text: str, m: re.Match[str]) -> bool:
    """Whether `m` is a range written as pay is with no pay word: a currency at each amount
    (each word there one: not "$500,000 ARR"), then a code ("$150,000 - $190,000 USD") or
    "+ equity", or alone on its line."""
    if not (m["num2"] and (m["pre1"] or m["post1"]) and (m["pre2"] or m["post2"])):
        return False
    if any(c and code_of(c) is None for c in (m["pre1"], m["post1"], m["pre2"], m["post2"])):
        return False
    if (m["post2"] or "").isalpha() or _ON_TOP.match(text, m.end()):
        return True
    alone = _LINE_START.search(text, max(0, m.start() - 6), m.start())
    return alone is not None and _LINE_END.match(text, m.end()) is not None


def _last_cue(before: str) -> tuple[int, str | None, int] | None:
    """Where the last pay word of `before` (lower case) ends, the period it says, and where
    it starts."""
    last: tuple[int, str | None, int] | None = None
    for word, whole, rate in _CUES:
        i = before.rfind(word)
        while i >= 0 and not _word_at(before, i, len(word), whole):
            i = before.rfind(word, 0, i)
        if i >= 0 and (last is None or i + len(word) > last[0]):
            last = (i + len(word), rate, i)
    return last


def _word_at(text: str, i: int, n: int, whole: bool) -> bool:
    """Whether text[i:i+n] starts a word (and, `whole`, ends one)."""
    if i and text[i - 1].isalnum():
        return False
    return not (whole and text[i + n : i + n + 1].isalnum())


def _currency(m: re.Match[str]) -> str | None:
    """The one currency written; a code wins over "$" ("$1800 AUD"); lakhs are rupees."""
    written = {c for c in (m["pre1"], m["post1"], m["pre2"], m["post2"]) if c}
    codes = {code_of(c) for c in written} - {None}
    if len(codes) > 1 and "$" in written:
        codes -= {"USD"}
    units = {u.lower() for u in (m["k1"], m["k2"]) if u} - {"k"}
    if units and codes <= {"INR"}:
        return "INR"
    return codes.pop() if len(codes) == 1 else None


@cache
def code_of(written: str) -> str | None:
    """The ISO code of a sign or a code as written ("US$", "€", "CHF"); None for "OTE"."""
    if written in _SIGN_CODES:
        return _SIGN_CODES[written]
    # babel's list of codes, imported only when a code is written next to an amount: the
    # reader process that normalises postings stays light (bot.reading).
    from bot.salary import currency_code

    return currency_code(written)


def _bound(m: re.Match[str], n: int) -> float:
    """The amount as a number: thousands apart in any of the ways written, a decimal comma."""
    digits = m[f"num{n}"]
    if _GROUPED.fullmatch(digits) or _LAKHS.fullmatch(digits):
        digits = _SEPARATOR.sub("", digits)
    number = float(digits.replace(",", "."))
    unit = m[f"k{n}"]
    return number * AMOUNT_UNITS[unit.lower()] if unit else number


def _period(text: str, tail: int, before: str, cue: tuple[int, str | None, int]) -> str | None:
    """The period written after the amount (at `tail`: "per year", "/ Monthly", "salary per
    annum"), or before it, after its pay word ("annual salary range"), or just before that
    ("Annual Gross Base Salary of")."""
    found = (
        _PERIOD_AFTER.match(text, tail)
        or _PERIOD_BEFORE.search(before, cue[0])
        or _PERIOD_OF_CUE.search(before, max(0, cue[2] - 40), cue[2])
    )
    if found is None:
        return None
    word = next(g for g in found.groups() if g).lower()
    return _PERIODS.get(word) or salary_period(word)


def _plausible(pay: Pay) -> bool:
    """Whether each amount is one a salary can be for its period (none said: a year)."""
    low, high, cur, period = pay
    lo, hi = PAY_RANGE[period or "year"]
    amounts = [a for a in (low, high) if a is not None]
    if not amounts or cur is None:
        return False
    top = float("inf") if cur in MANY_UNITS else hi
    return all(lo <= a <= top for a in amounts)
