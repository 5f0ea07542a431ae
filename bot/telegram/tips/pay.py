"""Pay as people type it in a sentence ("over 100k", "$120,000", "80-100k eur"), read as the
salary filter it means. Pure.
"""

from __future__ import annotations

import re

from bot.errors import QueryError
from bot.normalize.fields import AMOUNT_UNITS, RUPEE_UNITS, UNIT_PATTERN
from bot.query import parse as parse_query
from bot.salary import currency_code, currency_word
from bot.salaryterm import apart, in_full
from bot.syntax import Node, Phrase, Word, format_node
from bot.telegram.tips.currencies import SIGN, by_month, signs_spelled
from bot.telegram.tips.tip import Found, word_of

AT_LEAST = frozenset({
    "over", "above", "from", "min", "minimum", "least", "paying", "pays", "earning", "salary",
    "mindestens", "gehalt", "ab", "mind", "uber", "ueber",  # German: "mind. 60k", "über 60k"
})  # fmt: skip
AT_MOST = frozenset({"under", "below", "max", "maximum", "upto"})
# Pay wished for with no amount ("that pay well", "well-paid", "a good salary"): no filter to
# read, and no words a job says, so a sentence leaves them out (and the reply asks the floor).
VAGUE_PAY = re.compile(
    r"\b(?:(?:that|which)\s+)?(?:pay(?:s|ing)?\s+(?:well|good|great)"
    r"|(?:well|highly|better|best)[- ]?pa(?:id|ying)|(?:high|top|highest)[- ]paying"
    r"|(?:(?:a|with)\s+)?(?:good|great|high|top|competitive|decent)\s+"
    r"(?:pay|salary|salaries|compensation))\b",
    re.IGNORECASE,
)
# Pay asked to be stated, with no amount ("that list the salary", "with salary listed",
# "salary transparency", "jobs with salary", "mit Gehalt"): salary:stated finds the jobs that
# state any.
_STATED = r"(?:a\s+|the\s+|their\s+|its\s+)?(?:salary|salaries|pay|compensation)(?:\s+range)?"
PAY_STATED = re.compile(
    rf"\b(?:(?:that|which)\s+)?(?:shows?|lists?|states?|includes?|posts?|discloses?|"
    rf"publish(?:es)?|display|displays)\s+{_STATED}"
    rf"|\bwith\s+{_STATED}\s+(?:listed|shown|stated|posted|included|disclosed|visible|"
    r"published|info|information|transparency)\b"
    r"|\bwith\s+(?:a\s+|the\s+)?(?:listed|stated|posted|published|visible|transparent|"
    r"disclosed)\s+(?:salary|salaries|pay|compensation)(?:\s+range)?"
    r"|\b(?:salary|pay)\s+transparency|\btransparent\s+(?:salary|salaries|pay)\b"
    r"|\b(?:with|mit)\s+(?:a\s+|the\s+)?(?:salary|salaries|gehalt|gehaltsangaben?)"
    r"(?=\s*(?:[,.;!?]|$)|\s+(?:only|please|pls|bitte|jobs|roles)\b)",  # "jobs with salary"
    re.IGNORECASE,
)

# "six figures", "a 6-figure salary": 100k or more.
_SIX_FIGURES = re.compile(
    r"\b(?:an?\s+)?(?:6|six)[- ]figures?(?:\s+(?:salary|salaries|pay|income|comp"
    r"(?:ensation)?|base))?\b",
    re.IGNORECASE,
)

# "100k or more" (and up, or above): "100k+", before OR would join the amount and the words.
_OR_MORE = re.compile(
    r"(\d[km]?)(\s+(?:[a-z]{3}|euros?|dollars?|pounds?|sterling|rupees|francs|yen))?"
    r"\s+(?:or|and)\s+(?:more|above|higher|up)\b",
    re.IGNORECASE,
)

_AMOUNT = re.compile(rf"(\d+(?:\.\d+)?)({UNIT_PATTERN})?")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?: \d{3})+")  # "120 000": 120,000 or 120.000 as read
# An amount's currency as typed: "€80k", "$ 150k", "R$ 15.000", "80k eur", "100k-150k €". The
# lexer drops the signs, so a query's tip finds them in the text as typed.
_CURRENCY = re.compile(rf"({SIGN})\s?\d|\d[km]?\s?(?:({SIGN})|([A-Za-z]{{3,8}})\b)")


def salary_at(terms: list[Node], i: int, currency: str = "") -> Found | None:
    """The salary filter the words from `i` mean, as `sentence` reads filters: (the filter,
    how many words it takes, what was typed, True); None when they name no pay, or an amount
    no filter takes ("0 lpa", "99999999999999999999k": they stay words). `currency` is the
    one the text as typed is in (`currency_of`), unless a code follows the amount."""
    try:
        return _salary_at(terms, i, currency)
    except QueryError:
        return None


def _salary_at(terms: list[Node], i: int, currency: str) -> Found | None:
    token = word_of(terms[i])
    nxt = terms[i + 1] if i + 1 < len(terms) else None
    lead = token in ("min", "minimum") and nxt is not None and word_of(nxt) in _SAYS_PAY
    if nxt is not None and (lead or (token in _SAYS_PAY and word_of(nxt) not in _SAYS_PAY)):
        j = i + 1 + (not lead and word_of(nxt) in ("of", "is", "at"))  # "salary at least 90k"
        if j < len(terms) and (found := _salary_at(terms, j, currency)) is not None:
            node, taken, said, alone = found
            return Found(node, taken + j - i, f"{token} {said}", alone)
    if (found := _amount_at(terms, i, token, nxt, currency)) is None:
        return None
    node, taken, said, alone = found
    while i + taken < len(terms):  # "120k minimum", "90k a year", "80k pa", "90k at least"
        after = word_of(terms[i + taken])
        two = (after, word_of(terms[i + taken + 1]) if i + taken + 1 < len(terms) else "")
        if n := 1 if after in _AND_UP else 2 if two in _FLOOR else _yearly_at(terms, i + taken):
            words = terms[i + taken : i + taken + n]
            said += " " + " ".join(format_node(t).strip('"') for t in words)
            taken += n
        else:
            break
    return Found(by_month(node, said), taken, said, alone)  # ("20k reais": a month's)


# Words before an amount that say it is pay ("salary at least 90k"), and after it that say it
# is a floor ("120k GBP minimum").
_SAYS_PAY = frozenset({"salary", "pay", "paying", "compensation", "earning"})
_AND_UP = frozenset({"minimum", "min", "plus", "upwards", "min.", "up", "above"})  # "and up"
_YEAR = frozenset({"year", "yr", "annum"})
# After an amount, words that say it is the yearly gross a filter takes ("60k brutto").
YEARLY = frozenset({
    "annually", "yearly", "pa", "annual", "gross", "brutto", "jahrlich", "jaehrlich",
})  # fmt: skip
_FLOOR = frozenset({("at", "least")})


def _yearly_at(terms: list[Node], i: int) -> int:
    """How many words from `i` say an amount is yearly ("a year", "per annum", "p.a.",
    "annually"): a salary filter's amounts are yearly already, so they are read and dropped."""
    term = terms[i]
    if word_of(term) in YEARLY or (isinstance(term, Phrase) and term.tokens == ("p", "a")):
        return 1
    nxt = word_of(terms[i + 1]) if i + 1 < len(terms) else ""
    return 2 if word_of(term) in ("a", "an", "per") and nxt in _YEAR else 0


def _amount_at(
    terms: list[Node], i: int, token: str, nxt: Node | None, currency: str
) -> Found | None:
    code = _code_at(terms, i + 2 if token in AT_LEAST | AT_MOST else i + 1)
    op = "<=" if token in AT_MOST else ">="  # "over 5k eur a month", "max 60 an hour"
    if token in AT_LEAST | AT_MOST and (rate := _rate_at(terms, i + 1)) is not None:
        at = "at " if token == "least" and i and word_of(terms[i - 1]) == "at" else ""
        salary = _salary(op, rate[0], rate[3] or currency)
        return Found(salary, 1 + rate[1], f"{at}{token} {rate[2]}", True)
    if token in AT_LEAST | AT_MOST and (lakhs := _lakhs_at(terms, i + 1)) is not None:
        return Found(_salary(op, lakhs[0], currency), 3, f"{token} {lakhs[1]}", True)
    if token in AT_LEAST | AT_MOST and (spaced := _spaced_at(terms, i + 1, currency, op)):
        return Found(spaced.filter, 1 + spaced.taken, f"{token} {spaced.said}", True)
    if nxt is not None and token in AT_LEAST | AT_MOST and (value := amount(nxt)):
        at = "at " if token == "least" and i and word_of(terms[i - 1]) == "at" else ""
        salary = _salary(op, value, code or currency)
        return Found(salary, 2 + bool(code), f"{at}{token} {_typed(nxt)}", True)
    if (rate := _rate_at(terms, i)) is not None:  # "£500/day", "45 an hour", "5k eur a month"
        return Found(_salary(">=", rate[0], rate[3] or currency), rate[1], rate[2], True)
    if (lakhs := _lakhs_at(terms, i)) is not None:  # "20 lpa"
        return Found(_salary(">=", lakhs[0], currency), 2, lakhs[1], True)
    if spaced := _spaced_at(terms, i, currency):  # "60 k", "75 000", as a phone spaces it
        return spaced
    if (bare := amount(terms[i], bare=True) or in_full(word_of(terms[i]), currency)) is not None:
        return Found(_salary(">=", bare, code or currency), 1 + bool(code), _typed(terms[i]), True)
    if (span := _span(terms[i])) is not None:  # "100k-150k", "80-100k"
        said = "-".join(format_node(terms[i]).strip('"').split())
        return Found(_salary("", span, code or currency), 1 + bool(code), said, True)
    return None


def _spaced_at(terms: list[Node], i: int, currency: str, op: str = ">=") -> Found | None:
    """A salary written apart from `i`, its k ("60 k") or its thousands ("75 000": the lexer
    splits it), with the code after it ("75 000 eur"), as `salary_at` finds it; None else."""
    words = [*(word_of(t) for t in terms[i : i + 3]), "", ""]
    k = words[0].isdigit() and words[1] in ("k", "m") and amount(Word("".join(words[:2])))
    if not (found := (k, 2) if k else apart(words)):
        return None
    code = _code_at(terms, i + found[1])
    said = " ".join(words[: found[1]])
    return Found(_salary(op, found[0], code or currency), found[1] + bool(code), said, True)


_PER = {
    "day": "day", "hour": "hour", "hr": "hour", "week": "week", "month": "month", "mo": "month",
    "tag": "day", "stunde": "hour", "woche": "week", "monat": "month",  # "pro Monat"
}  # fmt: skip
_EACH = frozenset({"per", "a", "an", "pro", "im", "am"})  # "a month", "pro Monat", "am Tag"
# A period said in one word after an amount ("5k eur monthly", "60 Euro stündlich").
_PERIODIC = {
    "hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "stundlich": "hour",
    "taglich": "day", "wochentlich": "week", "monatlich": "month",
}  # fmt: skip
# Crowns, Swedish, Norwegian or Danish: which, only a code says; a rate in "kr" is read in
# the posting's own currency.
_CROWNS = frozenset({"kr"})
_RATE = re.compile(r"[1-9]\d*(?:\.\d+)?k?")
Rate = tuple[str, int, str, str]  # "5k/month", words taken, as typed, a code read ("eur")


def _rate_at(terms: list[Node], i: int) -> Rate | None:
    """A day, hour, week or month rate from `i` ("500/day", a phrase once read; "45 an hour",
    "600 per day", "5k eur a month", "5000 eur/month", "60 Euro pro Stunde"): the amount a
    filter takes ("500/day"), how many words, as typed, and the currency's code written after
    the amount ("" when none is)."""
    term = terms[i] if i < len(terms) else None
    if isinstance(term, Phrase) and len(term.tokens) == 2 and not term.tokens[1].isdigit():
        number, per = term.tokens
        if per in _YEAR and (yearly := amount(Word(number))):
            return yearly, 1, f"{number}/{per}", ""  # "90k/year": a filter's amounts are yearly
        return _rate(number, per, 1, f"{number}/{per}", "")
    if term is None or (rated := _rate_number(term)) is None:
        return None
    code = _code_at(terms, i + 1)
    k = i + 1 + bool(code or (i + 1 < len(terms) and word_of(terms[i + 1]) in _CROWNS))
    after = terms[k] if k < len(terms) else None
    if isinstance(after, Phrase) and len(after.tokens) == 2 and k == i + 1:  # "5000 eur/month"
        said, per = after.tokens
        code = _code_at([Word(said)], 0)
        return _rate(rated, per, 2, f"{rated} {said}/{per}", code) if code else None
    said = word_of(after) if after is not None else ""
    if said in _PERIODIC and (code or rated.endswith("k")):  # "5k eur monthly", not "2 weekly"
        return _rate(rated, _PERIODIC[said], k + 1 - i, f"{rated} {said}", code)
    if said not in _EACH or k + 1 >= len(terms):
        return None
    per = word_of(terms[k + 1])
    return _rate(rated, per, k + 2 - i, f"{rated} {said} {per}", code)


def _rate_number(term: Node) -> str | None:
    """The number of a rate as a filter takes it: "45", "5k", "15.000", "5,000" (a phrase
    once read: "5000")."""
    if isinstance(term, Word) and _RATE.fullmatch(term.token):
        return term.token
    return amount(term) if isinstance(term, Phrase) else None


def _rate(number: str, per: str, n: int, said: str, code: str) -> Rate | None:
    """The rate `number` a `per` ("month", "monat"), or None when `per` is no period."""
    if per not in _PER or not _RATE.fullmatch(number):
        return None
    return f"{number}/{_PER[per]}", n, said, code


def _lakhs_at(terms: list[Node], i: int) -> tuple[str, str] | None:
    """A number and a word of lakhs or crores from `i` ("20 lpa", "15 lakhs"), as an amount
    a filter takes ("20lpa") and as typed; None for any other words."""
    number, unit = (word_of(t) for t in terms[i : i + 2]) if i + 1 < len(terms) else ("", "")
    if not number.isdigit() or unit not in RUPEE_UNITS:
        return None
    return f"{number}{unit}", f"{number} {unit}"


def amount(term: Node, bare: bool = False) -> str | None:
    """The term as a yearly amount ("100k", "120000"); a bare one needs its k or m, or its
    thousands written apart ("120,000" and "120 000", a phrase once read; "120.000")."""
    grouped = term.text.replace(".", " ").split() if isinstance(term, Word | Phrase) else []
    if len(grouped) > 1 and _THOUSANDS.fullmatch(" ".join(grouped)):
        return "".join(grouped)
    m = _AMOUNT.fullmatch(term.token) if isinstance(term, Word) else None
    if m is None or (bare and not m.group(2)):
        return None
    return m.group(0) if float(m.group(1)) * AMOUNT_UNITS.get(m.group(2) or "", 1) >= 1000 else None


def currency_of(typed: str) -> str:
    """The code of the one currency the amounts of `typed` are in ("€80k": "eur"); "" when
    none is written, or several."""
    found = {
        currency_code(m[1] or m[2]) or "" if m[1] or m[2] else currency_word(m[3]) or ""
        for m in _CURRENCY.finditer(typed)
    } - {""}
    return found.pop().lower() if len(found) == 1 else ""


def _typed(term: Node) -> str:
    """An amount as typed, near enough: "100k", "120,000" (read as a phrase "120 000")."""
    return ",".join(term.tokens) if isinstance(term, Phrase) else format_node(term)


def _salary(op: str, value: str, currency: str) -> Node:
    return parse_query(f"salary:{op}{value} {currency}".strip()).root


def _code_at(terms: list[Node], i: int) -> str:
    """The currency code the word at `i` is ("eur"), or ""."""
    token = word_of(terms[i]) if i < len(terms) else ""
    return (currency_word(token) or "").lower() if token.isalpha() else ""


def _span(term: Node) -> str | None:
    """A salary range typed as two amounts joined by a hyphen ("100k-150k", "80-100k": the k
    counts for both; a phrase once read): "100k-150k"; None for any other term."""
    if not isinstance(term, Phrase) or len(term.tokens) != 2:
        return None
    first, second = term.tokens
    if first.isdigit() and second[-1:] in ("k", "m") and second[:-1].isdigit():
        first += second[-1]  # "80-100k"
    low, high = (amount(Word(t), bare=True) for t in (first, second))
    return f"{low}-{high}" if low and high else None


def pay_spelled(text: str) -> str:
    """`text` with its pay as a sentence's reader takes it: pay wished for with no amount
    ("that pay well") left out, a floor said in words ("100k or more", "150k dollars or
    more") and "six figures" as "100k+", pay asked to be stated ("that list the salary") as
    salary:stated, an amount after a lettered dollar sign with its code ("R$ 15.000": "15.000
    brl"), a currency and its period apart ("5000 eur/month": "5000 eur a month")."""
    text = _SIX_FIGURES.sub(" 100k+ ", PAY_STATED.sub(" salary:stated ", text))
    text = signs_spelled(text)  # "R$ 15.000": "15.000 brl"; "5000 eur/month": "eur a month"
    return _OR_MORE.sub(r"\1+\2", VAGUE_PAY.sub(" ", text))  # "150k dollars or more": 150k+
