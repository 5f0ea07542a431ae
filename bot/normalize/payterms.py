"""The currency and the period of a pay amount a description states (`statedpay` finds the
amount): the sign or code written at it ("$", "CA$", "EUR 4,500", "$1800 AUD"), or for a bare
"$" a code or a currency's name written after it and its period ("$45/hour CAD", "$90,000–
$110,000 (CAD)", "$90,000 - $110,000 Canadian dollars": "$" is the US dollar only when nothing
says another; by Spanish or Portuguese words a bare "$" is a peso's too, read only with its
code or name: "$30.000 MXN", "pesos mexicanos"); the period written after the amount, after
its pay word, or just before that, in English, German, Portuguese, Spanish or French ("/mês",
"por mes", "mensuales", "ao ano", "de l'heure", "par année"); with none, a month where pay
is stated by the month ("Salário: R$ 25.000"); whether a lone amount is a floor or a top ("a
partir de", "up to"); the language a pay is said in (`said_in`: a bare "$" in French is
Canada's dollar, `dollarplace`). Pure; babel's lists are imported only when a code or a name
is written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from bot.normalize.fields import MANY_UNITS, PAY_RANGE, salary_period

SIGN_CODES = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "R$": "BRL",
    "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD", "NZ$": "NZD", "S$": "SGD", "HK$": "HKD",
    "MX$": "MXN",
}  # fmt: skip
CUR = r"(?:US\$|CA\$|C\$|AU\$|A\$|NZ\$|S\$|HK\$|R\$|MX\$|[$€£¥₹]|\b[A-Z]{3}\b)"

# Periods in English, German, Portuguese and Spanish ("/mês", "por mes", "ao ano", "/hora",
# "mensais", "mensuales", "anual", "a.a.": ao ano).
_UNITS = r"(hour|hr|day|week|month|monat|year|yr|annum|jahr|m[eê]s|ano|año|hora|d[ií]a|semana)\b"
_ADVERBS = (
    r"(hourly|daily|weekly|monthly|monatlich|annually|yearly|annual|jährlich|p\.\s?a\."
    r"|mensa(?:l|is)\b|mensual(?:es)?\b|anua(?:l|is|les)\b|a\.\s?a\.)"
)
# French (Canada's): "de l'heure", "l'heure", "/h", "par année", "par an", "annuel".
_FRENCH = (
    r"(?:par|/)\s*(heure|h|an|ann[ée]e|mois|jour|semaine)\b|(?:(?:de|à)\s+)?l['’]\s*(heure)\b"
    r"|(annuel(?:le)?s?|mensuel(?:le)?s?)\b"
)
PERIOD_AFTER = re.compile(
    rf"(?i)[\s+]*+(?:(?:gross|net|brutto|netto|before\s+tax|brut[oa]?s?|net[oa]s?|l[ií]quid[oa]s?)"
    rf"\s*)?(?:(?:/|per|pro|im|an?|each|por|ao|al)\s*{_UNITS}|[,/]?\s*{_ADVERBS}|{_FRENCH})"
)
_PERIOD_BEFORE = re.compile(rf"(?i)\b{_ADVERBS}")
# The period said just before the pay word, three words at most between: "annual cash
# compensation", "Annual Gross Base Salary".
_PERIOD_OF_CUE = re.compile(
    rf"(?i)\b{_ADVERBS}[^\S\n]{{1,3}}(?:[a-z]{{1,20}}[^\S\n]{{1,3}}){{0,3}}$"
)
_PERIODS = {
    **dict.fromkeys(("monat", "monatlich"), "month"), **dict.fromkeys(("jahr", "jährlich"), "year"),
    **dict.fromkeys(("mês", "mes", "mensal", "mensais", "mensual", "mensuales"), "month"),
    **dict.fromkeys(("ano", "año", "anual", "anuais", "anuales", "a.a."), "year"),
    "hora": "hour", "dia": "day", "día": "day", "semana": "week",
}  # fmt: skip
_FRENCH_PERIODS = {
    **dict.fromkeys(("heure", "h"), "hour"), "jour": "day", "semaine": "week",
    **dict.fromkeys(("an", "année", "annee", "annuel", "annuelle", "annuels", "annuelles"), "year"),
    **dict.fromkeys(("mois", "mensuel", "mensuelle", "mensuels", "mensuelles"), "month"),
}  # fmt: skip
FRENCH_PERIODS = frozenset(_FRENCH_PERIODS)
_PERIODS.update(_FRENCH_PERIODS)
LATIN_PERIODS = frozenset(_PERIODS) - {"monat", "monatlich", "jahr", "jährlich"} - FRENCH_PERIODS
# A currency after an amount (and its period): a code, in brackets or not, or a name in words,
# in English, Spanish or Portuguese ("Canadian dollars", "pesos mexicanos", "reais", "euros").
_CODE_AFTER = re.compile(
    r"[^\S\n]{0,2}[,(]?[^\S\n]?(?:(?P<code>[A-Z]{3})\b|(?i:(?:(?:in|em|en)[^\S\n])?"
    r"(?P<name>(?P<pre>(?:[a-z][\w.&]{0,15}+[^\S\n]){0,3})(?:dollars?|pesos?|reais|reales|euros?"
    r"|d[óo]lar(?:es)?))\b(?P<adj>[^\S\n][^\W\d_]{3,15}\b)?))"
)
# A currency's word alone: "pesos" are several countries' (none read), "dólares" the US's.
_BARE = {
    "reais": "BRL", "reales": "BRL", "dólares": "USD", "dolares": "USD", "dólar": "USD",
    "pesos": "", "peso": "",
}  # fmt: skip
_CODES_TOO = frozenset({"COP", "PEN"})
# Currencies whose countries state pay by the month.
_MONTHLY = frozenset(
    {"BRL", "MXN", "ARS", "COP", "CLP", "PEN", "UYU"}
)  # codes that are words too, yet after an amount a code
# What is put on top of a pay ("+ equity", "plus bonus"): no floor's "+".
EXTRAS = r"equity|bonus|benefits|stock|rsus?|benef[íi]cios|b[ôo]nus|bono|plr|prestaciones"
# A lone amount that is a top: "up to $185,000", "até R$ 12.000".
_UP_TO = re.compile(r"(?i)\b(?:up\s+to|max(?:imum)?|not\s+exceeding|at[ée]|hasta|m[áa]ximo)\W*$")
# A lone amount that is a floor: said so just before it ("from", "at least"), around its pay
# word in its sentence ("starting salary", "minimum rate"), or after it ("$110,000+", "$45 or
# more"). Any other lone amount is the pay itself.
_FROM = re.compile(
    r"(?i)\b(?:from|at\s+least|upwards\s+of|over|more\s+than|no\s+less\s+than|a\s+partir\s+de"
    r"|desde|pelo\s+menos|al\s+menos|m[íi]nimo\s+de|acima\s+de|mais\s+de|más\s+de)\W*$"
)
_FLOOR = re.compile(r"(?i)\b(?:starting|starts|begins?|beginning|minimum|min\.?|inicial)\b")
_OR_MORE = re.compile(
    rf"(?i)\+(?![^\S\n]{{0,2}}(?:{EXTRAS}|commission|comiss\w*|comisi\w*|vale|aux[íi]lio)\b)"
    r"|[^\S\n]{1,2}(?:or\s+(?:more|higher|above)|and\s+(?:up|above)|ou\s+mais|o\s+más)\b"
)


@cache
def code_of(written: str) -> str | None:
    """The ISO code of a sign or a code as written ("US$", "€", "CHF"); None for "OTE"."""
    if written in SIGN_CODES:
        return SIGN_CODES[written]
    # babel's list of codes, imported only when a code is written next to an amount: the
    # reader process that normalises postings stays light (bot.reading).
    from bot.salary import currency_code

    return currency_code(written)


def currency(written: Iterable[str | None], units: Iterable[str | None]) -> str | None:
    """The one currency written at an amount (its signs and codes, its units: "k", "LPA"); a
    code wins over "$" ("$1800 AUD"); lakhs are rupees. None when none or several."""
    signs = {c for c in written if c}
    codes = {code_of(c) for c in signs} - {None}
    if len(codes) > 1 and "$" in signs:
        codes -= {"USD"}
    if {u.lower() for u in units if u} - {"k", "mil"} and codes <= {"INR"}:
        return "INR"
    return codes.pop() if len(codes) == 1 else None


def pay_currency(
    text: str,
    at: tuple[list[str | None], list[str | None]],
    named: str | None,
    after: re.Match[str] | None,
) -> str | None:
    """The currency of a pay amount: the one written `at` it (its signs and codes, its units);
    for a bare "$" or none, a code or a name after it (`named` right after it, else past its
    period, `after`, a match of `PERIOD_AFTER`: "$45/hour CAD", "$30.000 pesos mexicanos",
    "30.000 euros"). A bare "$" with a Spanish or Portuguese period ("/mes") and nothing after
    it is none: a peso's sign too (so it is with their pay words: `bare_dollar`)."""
    signs = {c for c in at[0] if c}
    if signs <= {"$"}:
        found = named if named is not None or after is None else named_at(text, after.end())[0]
        if found is not None:
            return found or None  # ("pesos": whose?)
        if signs and after and _word(after) in LATIN_PERIODS:
            return None
    return currency(*at)


def bare_dollar(
    text: str, written: list[str | None], named: str | None, after: re.Match[str] | None
) -> bool:
    """Whether an amount's currency is a "$" alone, no code nor name written after it (as
    `pay_currency` reads them): with Spanish or Portuguese pay words, a peso's sign as much as
    a dollar's."""
    if {c for c in written if c} != {"$"} or named is not None:
        return False
    return after is None or named_at(text, after.end())[0] is None


_FRENCH_CUE = re.compile(r"salaire|r[ée]mun[ée]ration|taux\s+horaire")


def said_in(before: str, cue: int, after: re.Match[str] | None) -> str | None:
    """The language of a pay, by its pay word (starting at `cue` in `before`, lower case) or
    its period after it (`after`, a match of `PERIOD_AFTER`): "fr" ("Salaire", "de l'heure"),
    "es" (Spanish or Portuguese: "/mes"), or None."""
    word = _word(after) if after else ""
    if _FRENCH_CUE.match(before, cue) or word in FRENCH_PERIODS:
        return "fr"
    return "es" if word in LATIN_PERIODS else None


def usual_period(cur: str | None, low: float | None, high: float | None) -> str | None:
    """The period of a pay that says none, where its currency's country states pay by the
    month (Brazil, Mexico, Argentina, …: "Salário: R$ 25.000" is a month's) and it is of a
    month's size; else None (a year's, as `fields.salary` reads it)."""
    amounts = [a for a in (low, high) if a is not None]
    if cur in _MONTHLY and (cur in MANY_UNITS or max(amounts, default=0) <= PAY_RANGE["month"][1]):
        return "month"
    return None


def code_after(text: str, at: int) -> str | None:
    """The currency written after an amount that ends at `at`, or past its period: "/hour
    CAD", " (CAD)", " Canadian dollars", " pesos mexicanos"; "" for "pesos" (whose?); None when
    no currency is written there."""
    code, _ = named_at(text, at)
    if code is None and (period := PERIOD_AFTER.match(text, at)):
        code, _ = named_at(text, period.end())
    return code


def period_after(text: str, at: int) -> re.Match[str] | None:
    """The period written after an amount that ends at `at`, past a currency's name there
    ("€70,000 - €90,000 euros per year")."""
    return PERIOD_AFTER.match(text, named_at(text, at)[1])


def named_at(text: str, at: int) -> tuple[str | None, int]:
    """The currency written right at `at` (a code, or a name: `code_after`) and where it ends;
    (None, at) when none is written there."""
    m = _CODE_AFTER.match(text, at)
    if m is None:
        return None, at
    from bot.salary import currency_word  # babel's lists: see `code_of`

    if m["code"]:
        code = m["code"] if m["code"] in _CODES_TOO else currency_word(m["code"])
        return code, m.end() if code else at
    name = " ".join(m["name"].lower().replace(".", "").split())
    for said, end in ((f"{name}{(m['adj'] or '').lower()}", m.end()), (name, m.end("name"))):
        if (code := _named().get(" ".join(said.split()))) is not None:
            return code, end
    code = None if m["pre"] else _BARE.get(name)
    return code, m.end("name") if code is not None else at


@cache
def _named() -> dict[str, str]:
    """ISO code by English, Spanish and Portuguese name, singular and plural, lower case:
    "canadian dollars", "pesos mexicanos", "reais brasileiros"; "euro"."""
    from babel.numbers import get_currency_name, list_currencies

    return {
        get_currency_name(code, count=n, locale=lang).lower().replace(".", ""): code
        for code in list_currencies()
        for n in (1, 2)
        for lang in ("en", "es", "pt")
    }


def period_of(
    after: re.Match[str] | None, before: str, cue: tuple[int, str | None, int]
) -> str | None:
    """The period written after the amount (`after`, a match of `PERIOD_AFTER`: "per year",
    "/ Monthly", "salary per annum"), or before it, after its pay word (`cue`: where it ends,
    its period, where it starts, in `before`: "annual salary range"), or just before that
    ("Annual Gross Base Salary of")."""
    found = (
        after
        or _PERIOD_BEFORE.search(before, cue[0])
        or _PERIOD_OF_CUE.search(before, max(0, cue[2] - 40), cue[2])
    )
    if found is None:
        return None
    return period_named(_word(found))


def _word(found: re.Match[str]) -> str:
    """The period's word a match found, lower case, no spaces ("a. a.": "a.a.")."""
    return "".join(next(g for g in found.groups() if g).lower().split())


def period_named(word: str | None) -> str | None:
    """The period a word names ("Jahr", "mês", "mensuales", "a. a.", "hr"); None for none."""
    if word is None:
        return None
    word = "".join(word.lower().split())  # "a. a.": "a.a."
    return _PERIODS.get(word) or salary_period(word)


def lone_ends(
    text: str, end: int, low: float, before: str, cue: int
) -> tuple[float | None, float | None]:
    """The low and high ends of a lone pay amount `low` (ending at `end`): it at both ("$45/
    hour": $45, no more), unless it is a top ("up to $185,000", "até") or a floor ("starting
    at $45", "starting salary of", "$110,000+", "a partir de"). `before` is the text before
    it (lower case), its pay word starting at `cue` there."""
    if _UP_TO.search(before[-24:]):
        return None, low
    sentence = max(before.rfind(c, 0, len(before) - 1) for c in ".;!?\n") + 1
    floor = _FLOOR.search(before, max(sentence, cue - 24))
    if floor or _FROM.search(before[-24:]) or _OR_MORE.match(text, end):
        return low, None
    return low, low
