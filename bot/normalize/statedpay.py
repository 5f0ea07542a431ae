"""The pay a job's description states, read when its board's own fields state none: pay
transparency laws (California, New York, Colorado, Washington; the EU's directive) put a range
in the text ("The base salary range for this role is $160,000 - $200,000"), and a salary:
alert would pass over a job whose pay it cannot see.

An amount is pay only with its currency written ("$", "EUR", "₹20 LPA"), a word that says pay
shortly before it ("salary", "compensation", "pay range", "OTE", "Gehalt") or right after it
("£100,000-160,000 salary per annum", "$150k base pay"; a range, or "gross", with its period
after it: "€60,000 - €75,000 gross per year", "USD 55-55 / hour"), and a size a salary can be
for its period: "$2,000 learning budget", "we raised $50M", "401k" are no pay. With no pay
word, a range whose shape says pay is pay too: each amount with its currency, on a line of
its own or followed by "+ equity" or a code ("$150,000 - $190,000 USD", "$150K–$190K +
equity", "$72/hr - $90/hr"). Its currency and period (`payterms`) may be written after it:
"$45/hour CAD" is Canadian dollars; a bare "$" is the dollar of the job's place when it names
one country of its own ("Waterloo, ON": `dollarplace`). Portuguese, Spanish and French too:
"Salário: R$ 25.000/mês", "entre R$ 20 mil e R$ 25 mil", "Sueldo: $30.000 MXN mensuales",
"70 000 $ à 85 000 $ par année" (Canada's dollar); "captou R$ 100 milhões" is no pay. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.normalize.dollarplace import local_dollar
from bot.normalize.fields import AMOUNT_UNITS, MANY_UNITS, PAY_RANGE, UNIT_PATTERN, salary
from bot.normalize.payterms import (
    CUR,
    EXTRAS,
    PERIOD_AFTER,
    bare_dollar,
    code_after,
    code_of,
    currency,
    lone_ends,
    named_at,
    pay_currency,
    period_after,
    period_named,
    period_of,
    said_in,
    usual_period,
)

Pay = tuple[float | None, float | None, str | None, str | None]
NONE: Pay = (None, None, None, None)

_MARKS = ("$", "€", "£", "¥", "₹", "000", "USD", "EUR", "GBP")
_LATIN_MARKS = ("BRL", "MXN")  # looked for in a text of theirs: "salário", "ção", " de "
_BACK = frozenset("0123456789,.'’-–— \u202f\u00a0$€£¥₹ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOOKS = 200  # places looked at, at most: a text of thousands of "$" costs no more
_BEFORE = 160  # characters before an amount where its pay word may be
# Words that say pay (lower case; each after a word boundary, those marked whole before one
# too), with the period a rate's name says (listed before a word that ends as it does: "day
# rate", then "rate"; "salar" is "salario" too). Looked for with rfind in the few characters
# before an amount: a regex of them all costs several times that.
_CUES: tuple[tuple[str, bool, str | None], ...] = (
    ("salar", False, None), ("compensation", False, None), ("pay", True, None),
    ("wage", False, None), ("base", True, None), ("hiring range", False, None),
    ("target range", False, None), ("annual range", False, None), ("total cash", False, None),
    ("package", False, None), ("hourly rate", False, "hour"), ("day rate", False, "day"),
    ("daily rate", False, "day"), ("rate", True, None), ("ote", True, None),
    ("valor hora", False, "hour"), ("valor/hora", False, "hour"),
    ("ctc", True, None), ("earnings", False, None), ("remunera", False, None),
    ("gehalt", False, None), ("jahresgehalt", False, None), ("vergütung", False, None),
    ("rémunération", False, None), ("retribución", False, None), ("stipendio", False, None),
    ("salário", False, None), ("sueldo", False, None), ("salaire", False, None),
    ("taux horaire", False, "hour"), ("salaire horaire", False, "hour"),
)  # fmt: skip
# Pay words of Spanish and Portuguese, where a bare "$" may be a peso's sign: "Sueldo: $30.000"
# is read only with its code or name ("$30.000 MXN", "pesos mexicanos").
_LATIN = re.compile(r"sal[áa]ri[oa]|salarial|sueldo|remunera[çc]|remuneraci|retribuci")
_LAKHS = re.compile(r"\d{1,2}(?:,\d\d)+,\d{3}")  # India's grouping: 20,00,000
_GROUPED = re.compile(r"\d{1,3}(?:([,.'’\u202f\u00a0 ])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?")
_SEPARATOR = re.compile(r"[,.'’\u202f\u00a0 ](?=\d{3}(?!\d))|,(?=\d\d,)")


# An amount's unit as a description writes it: not "m" (a million is no salary's unit) nor
# a lower-case "l" (a word), which only a capital "L" right after the digits is ("20L").
# "mil" is a thousand in Spanish and Portuguese ("R$ 20 mil", "$30 mil MXN").
_UNITS_SAID = "mil|" + "|".join(u for u in UNIT_PATTERN.split("|") if u not in ("m", "l"))
_WORTH = {**AMOUNT_UNITS, "mil": 1e3}


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
        rf"(?:(?P<pre{n}>{CUR})\s?)?(?P<num{n}>{_num(n)})"
        rf"(?:\s?(?P<k{n}>(?i:{_UNITS_SAID})|(?<=\d)L)\b)?"
        rf"(?:\s?(?P<post{n}>{CUR}))?"
    )


# A range's second amount is none when it is a share ("$150,000 and 10% bonus"); its first
# may say its period ("$72/hr - $90/hr"). Spanish and Portuguese join its ends with a word:
# "R$ 20.000 a R$ 25.000", "entre R$ 20 mil e R$ 25 mil", "$30.000 y $40.000", "até", "hasta".
_AMOUNTS = re.compile(
    _one(1)
    + r"(?:(?:\s?/\s?(?P<per1>hour|hr|year|yr|hora|m[eê]s|ano|año)\b)?"
    + r"(?:\s*(?:-|–|—|to|and)|\s(?:a|à|e|y|até|hasta)(?=\s))\s*"
    + _one(2)
    + r"(?![\d%]|\s%))?"
)
# A pay word right after the amount ("£100,000-160,000 salary per annum", "$150k base pay"),
# and "gross", which says pay when its period follows ("€60,000 gross per year").
_CUE_AFTER = re.compile(
    r"(?i)[ \t]{0,2}+(?:de[ \t]{1,2})?(?:\(?(?:gross|net|brutto|netto|base|basic|annual|yearly"
    r"|fixed|starting|total|target)\)?[ \t]{1,2}){0,2}(?:salary|salaries|compensation|pay|wages?"
    r"|ote|ctc|remuneration|gehalt|jahresgehalt|vergütung|sal[áa]rio|sueldo|remunera[çc][ãa]o"
    r"|remuneraci[óo]n)\b"
)
_GROSS = re.compile(r"(?i)[ \t]{0,2}(?:gross|brutto|brut[oa]s?)\b")
# Right after an amount, words that make it something other than pay ("$2,000 home office
# budget"), unless a word puts those on top of it ("$242,000–$262,000 in addition to equity",
# "plus bonus", "excl. bonus"); between the pay word and the amount, words that make it
# another sum ("pay for your relocation up to $10,000"). In Spanish and Portuguese too: "R$ 5
# bilhões em investimento", "captou R$ 100 milhões", "bônus de até R$ 10.000", "vale-refeição".
_NOT_PAY = re.compile(
    r"(?i)[ \t]{0,2}(?!(?:plus|and|with|in\s+addition\s+to|on\s+top\s+of|excl\w*|not\s+incl\w*"
    r"|before|mais|más|além|además|e|y|com|con)\b)(?:(?:in|of|em|de|en)\s+)?"
    r"(?:(?!(?:and|plus|e|y|mais|más)\b)[\w-]+\s+){0,2}?(?:stipend|budget|allowance|bonus"
    r"|sign[- ]?on|signing|relocation|equity|rsus?|credits?|grants?|reimburse|million|billion"
    r"|bn|mn|funding|raised|revenue|arr|customers|users|milh[õo]es|milh[ãa]o|bilh[õo]es"
    r"|bilh[ãa]o|millones|mill[óo]n|billones|mi|bi|mm|investimento|inversi[óo]n|financiamento"
    r"|financiaci[óo]n|faturamento|facturaci[óo]n|receita|b[ôo]nus|bono|aux[íi]lio|vale"
    r"|reembolso|presupuesto|or[çc]amento|a[çc][õo]es|acciones|clientes|usu[áa]rios)\b"
)
_ASIDE = re.compile(
    r"(?i)\b(?:stipend|budget|allowance|bonus|relocation|equity|401|reimburse|learning"
    r"|training|conference|home\s+office|referral|raised|funding|revenue|valuation|deal"
    r"|capt(?:ou|amos|ó|aron)|levant(?:ou|amos|ó)|recaud|investimento|inversi[óo]n|rodada"
    r"|ronda|financiamento|financiaci[óo]n|faturamento|facturaci[óo]n|receita|b[ôo]nus|bono"
    r"|aux[íi]lio|vale[\s-]|ajuda\s+de\s+custo|reembolso|presupuesto|or[çc]amento|comiss"
    r"|comisi|plr\b|participa[çc][ãa]o\s+nos\s+lucros|subs[íi]dio)"
)
# A range of pay without a pay word: with what is put on top of it ("+ equity"), or alone on
# its line (a bullet before it, a stop after it).
_ON_TOP = re.compile(rf"(?i)[^\S\n]*(?:\+|&|plus|mais|más)[^\S\n]*(?:{EXTRAS})\b")
_LINE_START = re.compile(r"(?:^|\n)[^\S\n]*(?:[•·*▪◦‣–—-][^\S\n]*)?$")
_LINE_END = re.compile(r"[^\S\n]*[.;]?[^\S\n]*(?:\n|$)")


def stated_pay(text: str, place: str = "") -> Pay:
    """(min, max, currency, period) of the first pay the text states, as `fields.salary`
    returns them; all None when it states none that reads as pay; `place`: the job's location."""
    done = -1
    for at in _marks(text)[:_LOOKS]:
        if at < done:
            continue  # the second "$" of a range already read
        for m in _AMOUNTS.finditer(text, _start(text, at), at + 48):
            if not m.start() <= at < m.end():
                continue
            done = m.end()
            found = _read(text, m, place)
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
    written in full ("120,000", "80 000", "120'000", "20,00,000": its "000"), or the codes
    most written ("USD 55-55 / hour", "EUR 4,500"; "BRL 18k" in a text in Portuguese or
    Spanish). Found by str.find, a µs or two each over a 3,000-character description; a
    regex over the text ten times that. So an amount with none of them ("CHF 95/hour", "20
    LPA") is not read."""
    latin = "ã" in text or "á" in text or "ó" in text or " de " in text[:500]
    parts = (*_MARKS, *_LATIN_MARKS) if latin else _MARKS
    return sorted(i for part in parts if part in text for i in _all(text, part))


def _all(text: str, part: str) -> Iterator[int]:
    """Where `part` is in `text`, each place."""
    i = text.find(part)
    while i >= 0:
        yield i
        i = text.find(part, i + 1)


def _read(text: str, m: re.Match[str], place: str) -> Pay | None:
    """The pay amount `m` states, or None when it is not pay: no currency, no pay word just
    before it, a word that makes it another sum, a size no salary is."""
    said = _CUE_AFTER.match(text, m.end())
    end = said.end() if said else m.end()
    written = [m["pre1"], m["post1"], m["pre2"], m["post2"]]
    at = (written, [m["k1"], m["k2"]])
    # What is written after it, past a currency's name ("reais"): its period and a code after
    # that; read first for an amount with no currency at it ("10,000 employees": none).
    signed = any(written)
    named, tail = (None, end) if signed else named_at(text, end)
    if not signed and named is None and not currency(*at) and not PERIOD_AFTER.match(text, tail):
        return None
    before = text[max(0, m.start() - _BEFORE) : m.start()].lower()
    cue = _last_cue(before)
    latin = (cue and _LATIN.match(before, cue[2])) or (said and _LATIN.search(said[0].lower()))
    ranged = m["num2"] or _GROSS.match(text, m.end())
    if cue is None and (said or (ranged and period_after(text, end)) or _shaped(text, m)):
        start = max(0, len(before) - 60)
        cue = (start, None, start)  # "€70,000-€90,000 per year", "£100,000 salary", its shape
    if cue is None or _ASIDE.search(before, cue[0]) or _NOT_PAY.match(text, m.end()):
        return None
    if signed:
        named, tail = named_at(text, end)
    after = PERIOD_AFTER.match(text, tail)
    cur = pay_currency(text, at, named, after)
    if bare_dollar(text, written, named, after):  # "Sueldo: $30.000": a peso's "$" too
        tongue = said_in(before, cue[2], after)
        spanish = bool(latin) or tongue == "es"
        cur = local_dollar(place, spanish, tongue == "fr") or (None if latin else cur)
    if cur is None:
        return None
    low, high = _ends(text, m, before, cue[2])
    period = cue[1] or period_of(after, before, cue) or period_named(m["per1"])
    pay = salary(low, high, cur, period or usual_period(cur, low, high))
    return pay if _plausible(pay) else None


def _ends(text: str, m: re.Match[str], before: str, cue: int) -> tuple[float | None, float | None]:
    """The low and high ends of the pay `m` states: a range's; for one amount, as `lone_ends`
    reads it (`before` is the text before it, lower case, its pay word starting at `cue`)."""
    low = _bound(m, 1)
    if m["num2"]:
        if m["k2"] and not m["k1"]:
            low *= _WORTH[m["k2"].lower()]  # "90-110k", "15 a 20 mil": for both
        return low, _bound(m, 2)
    return lone_ends(text, m.end(), low, before, cue)


def _shaped(text: str, m: re.Match[str]) -> bool:
    """Whether `m` is a range written as pay is with no pay word: a currency at each amount
    (each word there one: not "$500,000 ARR"), then a code ("$150,000 - $190,000 USD",
    "$90,000–$110,000 (CAD)") or "+ equity", or alone on its line."""
    if not (m["num2"] and (m["pre1"] or m["post1"]) and (m["pre2"] or m["post2"])):
        return False
    if any(c and code_of(c) is None for c in (m["pre1"], m["post1"], m["pre2"], m["post2"])):
        return False
    if (m["post2"] or "").isalpha() or _ON_TOP.match(text, m.end()) or code_after(text, m.end()):
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


def _bound(m: re.Match[str], n: int) -> float:
    """The amount as a number: thousands apart in any of the ways written, a decimal comma."""
    digits = m[f"num{n}"]
    if _GROUPED.fullmatch(digits) or _LAKHS.fullmatch(digits):
        digits = _SEPARATOR.sub("", digits)
    number = float(digits.replace(",", "."))
    unit = m[f"k{n}"]
    return number * _WORTH[unit.lower()] if unit else number


def _plausible(pay: Pay) -> bool:
    """Whether each amount is one a salary can be for its period (none said: a year)."""
    low, high, cur, period = pay
    lo, hi = PAY_RANGE[period or "year"]
    amounts = [a for a in (low, high) if a is not None]
    if not amounts or cur is None:
        return False
    top = float("inf") if cur in MANY_UNITS else hi
    return all(lo <= a <= top for a in amounts)
