"""Categories from free-form board values: workplace, employment type, places, salary."""

from __future__ import annotations

import math
import re

from bot.normalize.text import clean
from bot.normalize.workterms import title_employment as title_employment  # (its old home)
from bot.normalize.workterms import title_workplace as title_workplace

# --- categories -------------------------------------------------------------------------------

_ONSITE = frozenset({"onsite", "inoffice", "office", "inperson", "onpremise", "onpremises"})
_NOT_KEY = re.compile(r"[^a-z0-9]")
# In a location, English and its neighbours' words: "Brasil (Remoto)", "Híbrido - São Paulo",
# "Madrid (teletrabajo)", "Paris, télétravail", "Berlin / Homeoffice".
_HYBRID_HINT = re.compile(r"\b(?:hybrid|h[ií]brid[oa]|hybride)\b")
_REMOTE_HINT = re.compile(
    r"\b(?:remote|anywhere|wfh|telecommute|remot[oa]s?|teletrabajo|t[ée]l[ée]travail|homeoffice)\b"
)
_ONSITE_HINT = re.compile(r"\bpresencial\b")  # "Presencial - São Paulo"


def _key(value: object) -> str:
    return _NOT_KEY.sub("", str(value).lower())


def workplace(value: str | None, remote: bool | None = None, location: str = "") -> str | None:
    """'remote', 'hybrid', 'onsite' or None (unknown). The explicit value wins, then the remote
    flag, then a hint in the location text ("Remote - US", "Berlin (Hybrid)", "Presencial - São
    Paulo"). The value is a
    board's own field (an ATS's workplace type: no text overrules it); an aggregator that flags
    every job remote passes the posting's outright statement instead, when it makes one ("Work
    Location: Onsite", "This is a hybrid role": `statedworkplace`), so it beats the flag."""
    if value:
        key = _key(value)
        if "hybrid" in key:
            return "hybrid"
        if "remote" in key or key in {"telecommute", "wfh", "workfromhome"}:
            return "remote"
        if key in _ONSITE:
            return "onsite"
    if remote:
        return "remote"
    if location:
        lowered = location.lower()
        if "brid" in lowered and _HYBRID_HINT.search(lowered):
            return "hybrid"
        far = _REMOTE_HINT.search(lowered) is not None
        onsite = "presencial" in lowered and _ONSITE_HINT.search(lowered) is not None
        if far or onsite:  # "Presencial ou remoto": either, so neither
            return None if far and onsite else "remote" if far else "onsite"
    return None


_EMPLOYMENT = (
    (
        "intern",
        re.compile(  # a co-op term is Canada's internship ("Co-op", "Co-op Student")
            r"intern(?!ation)|trainee|apprentice|werkstudent|workingstudent|praktik|coop"
            r"|stagiaire|^stage$"
        ),
    ),
    ("freelance", re.compile(r"freelance")),
    ("part_time", re.compile(r"parttime|teilzeit")),
    ("temporary", re.compile(r"temporary|temp$|shortterm|seasonal|fixedterm")),
    ("contract", re.compile(r"contract|1099")),
    ("full_time", re.compile(r"fulltime|permanent|regular|employee|vollzeit")),
)


def employment_type(value: str | None) -> str | None:
    """full_time, part_time, contract, intern, temporary, freelance, or None when unknown."""
    if not value:
        return None
    key = _key(value)
    for name, pattern in _EMPLOYMENT:
        if pattern.search(key):
            return name
    return None


# --- locations --------------------------------------------------------------------------------

_LOCATION_SEPARATORS = re.compile(r"\s*(?:;|\||•|\s/\s|\bor\b|,(?=\S))\s*")


def split_locations(value: str | None) -> tuple[str, ...]:
    """One free-text location field as a list: "Amsterdam, Netherlands; France" -> two places.

    Splits on ";", "|", "•", " / ", " or ", and on commas without a space after them
    ("UK,Brazil,Canada"), but not on ", " (it joins city and country: "Berlin, Germany")."""
    if not value:
        return ()
    parts = (clean(p) for p in _LOCATION_SEPARATORS.split(value))
    return tuple(dict.fromkeys(p for p in parts if p))


def locations(raw_locations: tuple[str, ...] | list[str], location: str) -> tuple[str, ...]:
    """The posting's places: the source's list (cleaned, deduplicated), else `location` split."""
    if raw_locations:
        cleaned = (clean(x) for x in raw_locations)
        return tuple(dict.fromkeys(x for x in cleaned if x))
    return split_locations(location)


# --- salary -----------------------------------------------------------------------------------

_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "R$": "BRL"}
_PERIODS = (
    ("hour", ("hour", "hr", "hourly", "perhourwage", "stunde")),
    ("day", ("day", "daily", "perdiem")),
    ("week", ("week", "weekly", "wk")),
    ("month", ("month", "monthly", "mo", "mth", "monat", "monatlich")),
    (
        "year",
        ("year", "yearly", "annual", "annually", "yr", "y", "pa", "annum", "jahr", "jahrlich"),
    ),
)  # (German too: "jährlich", "brutto/Jahr", "pro Monat")
_PERIOD_WORD = {word: name for name, words in _PERIODS for word in words}
# What an amount's unit counts: thousands, millions, and India's lakhs ("20 LPA": lakhs a
# year) and crores, which are rupees.
RUPEE_UNITS = {**dict.fromkeys(("l", "lpa", "lakh", "lakhs", "lac", "lacs"), 1e5),
               **dict.fromkeys(("cr", "crore", "crores"), 1e7)}  # fmt: skip
AMOUNT_UNITS = {"k": 1e3, "m": 1e6, **RUPEE_UNITS}
# The units as a regex alternation, longest first ("lakhs" before "lakh" before "l").
UNIT_PATTERN = "|".join(sorted(AMOUNT_UNITS, key=len, reverse=True))
_AMOUNT = re.compile(r"(\d+(?:[.,]\d{3})*(?:[.,]\d+)?)\s*([kKmM])?(?![\w.])")


def _amount(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        match = _AMOUNT.search(str(value).replace("\u202f", "").replace(" ", ""))
        if not match:
            return None
        number = _number(match.group(1), match.group(2))
    return number if math.isfinite(number) and number > 0 else None


def _number(digits: str, suffix: str | None) -> float:
    if "," in digits and "." in digits:
        digits = (
            digits.replace(",", "")
            if digits.rfind(".") > digits.rfind(",")
            else (digits.replace(".", "").replace(",", "."))
        )
    elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        digits = digits.replace(",", "").replace(".", "")  # thousands separators
    else:
        digits = digits.replace(",", ".")
    number = float(digits)
    if suffix:
        number *= 1000 if suffix in "kK" else 1_000_000
    return number


def currency(value: object) -> str | None:
    """ISO 4217 code, upper-case, from a code or a sign ("usd", "$", "€"); None if neither."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[value]
    return value.upper() if len(value) == 3 and value.isalpha() else None


def salary_period(value: object) -> str | None:
    """One of year, month, week, day, hour, from the many ways boards write it
    ("per-year-salary", "1 YEAR", "HOUR", "annual", "/hr", "p.a.", "brutto/Jahr"); None when
    unknown."""
    if not isinstance(value, str):
        return None
    key = _key(value.lower().replace("ä", "a").replace("per-", "").replace("per ", ""))
    key = key.lstrip("0123456789")
    if key in _PERIOD_WORD:
        return _PERIOD_WORD[key]
    for name, words in _PERIODS:
        if any(word in key for word in words if len(word) > 3):
            return name
    return None


# Amounts a salary can be, per period, in a currency of a few units to the euro; currencies
# of many units (JPY, INR) have no ceiling.
PAY_RANGE = {
    "hour": (5, 1_000), "day": (50, 5_000), "week": (200, 20_000),
    "month": (300, 100_000), "year": (10_000, 2_000_000),
}  # fmt: skip
MANY_UNITS = frozenset({
    "JPY", "INR", "KRW", "IDR", "HUF", "CLP", "COP", "VND", "NGN", "PKR", "LKR", "KZT", "ARS",
    "UGX", "TZS", "KES", "PHP", "THB", "RUB", "TWD", "ISK", "IRR",
})  # fmt: skip


def salary(
    low: object, high: object, cur: object = None, period: object = None
) -> tuple[float | None, float | None, str | None, str | None]:
    """(min, max, currency, period), each None when unknown. Zero or negative amounts are unknown
    (Remote OK sends 0); a lone bound stays alone; swapped bounds are put in order."""
    low_f, high_f = _amount(low), _amount(high)
    if low_f is None and high_f is None:
        return None, None, None, None
    if low_f is not None and high_f is not None and low_f > high_f:
        low_f, high_f = high_f, low_f
    return low_f, high_f, currency(cur), salary_period(period)


def sized(
    pay: tuple[float | None, float | None, str | None, str | None],
) -> tuple[float | None, float | None, str | None, str | None]:
    """A board's pay with the period its size says when the board said a year (or nothing)
    and it is too small for one: Remote OK's fields are yearly by design, yet "$25–27" is
    an hour's rate, "€2,500–3,500" a month's. Currencies of many units to the euro stay."""
    low, high, cur, period = pay
    amounts = [a for a in (low, high) if a is not None]
    if period not in (None, "year") or not amounts or cur in MANY_UNITS:
        return pay
    for shorter in ("hour", "month"):
        lo, hi = PAY_RANGE[shorter]
        if max(amounts) < PAY_RANGE["year"][0] and lo <= min(amounts) and max(amounts) <= hi:
            return low, high, cur, shorter
    return pay


_SALARY_TEXT = re.compile(
    r"(?P<cur1>[A-Z]{3}|R\$|[$€£¥₹])?\s?(?P<low>\d[\d.,]*(?:\s?[kKmM](?![a-zA-Z]))?)"
    r"(?:\s?(?:-|–|—|to)\s?(?P<cur2>[A-Z]{3}|R\$|[$€£¥₹])?\s?"
    r"(?P<high>\d[\d.,]*(?:\s?[kKmM](?![a-zA-Z]))?))?"
    r"\s?(?P<cur3>[A-Z]{3}|[€£])?(?i:\s?(?:gross|net|brutto|netto)?\s?(?:(?:/|per|pro|an|a|p\.?)"
    r"\s?(?P<period>hour|hr|h|day|week|wk|month|mo|monat|year|yr|annum|jahr|y)\b"
    r"|,?\s?(?P<adverb>annually|yearly|annual|p\.\s?a\.|jährlich|monthly|monatlich|hourly)))?",
)


def salary_from_text(
    text: str | None,
) -> tuple[float | None, float | None, str | None, str | None]:
    """Best-effort salary from free text: "$160k–$180k", "USD 55-55 / hour", "€60,000 - €75,000
    per year", "up to $185,500". Needs a currency next to the amount, so "5+ years" is no salary."""
    if not text:
        return None, None, None, None
    for match in _SALARY_TEXT.finditer(text):
        cur = match.group("cur1") or match.group("cur2") or match.group("cur3")
        if not cur:
            continue
        period = match.group("period") or match.group("adverb")
        if period == "h":
            period = "hour"
        low, high = match.group("low"), match.group("high")
        if high and high[-1] in "kKmM" and low[-1] not in "kKmM":
            low += high[-1]  # "90-110K": the suffix counts for both
        if not high and re.search(r"up to\s*$", text[: match.start()], re.IGNORECASE):
            low, high = None, low
        return salary(low, high, cur, period)
    return None, None, None, None
