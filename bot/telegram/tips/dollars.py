"""A bare "$" as the dollar of its writer's country: a user in Toronto who asks for "at least
$40/hour" means Canadian dollars (salary:>=USD40/hour missed every CA$45 internship). The
country is the user's /timezone's, else the one every place the sentence names lies in; the
dollars of Canada, Australia, New Zealand, Singapore and Hong Kong, else US dollars as
before. Pure but for tzdata's table of zones, read once."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from bot.citynames import name_key
from bot.gazetteer import gazetteer
from bot.salary import currency_word
from bot.syntax import NEAR, OPEN_TO, And, Field, Node, Or, Phrase, Salary, Word

DOLLARS = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD"}
_SIGNS = {"CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "SGD": "S$", "HKD": "HK$"}
_NAMES = {
    "CAD": "Canadian dollars", "AUD": "Australian dollars", "NZD": "New Zealand dollars",
    "SGD": "Singapore dollars", "HKD": "Hong Kong dollars",
}  # fmt: skip
# "$40", "$ 120k": a dollar sign with no country's letters before it.
_BARE = re.compile(r"(?<![A-Za-z$])\$(?=\s?\d)")


# "at least 35/hr", "min 80k for full time": pay with no currency before or after it.
_UNSIGNED = re.compile(
    r"\b(?P<lead>least|min|minimum|paying|over|above)\s+(?P<n>\d[\d,.]{0,9}k?)(?![\d,.k])"
    r"(?P<per>/(?:hr|hour|h|yr|year|month|mo)\b)?(?P<after>\s*[^\W\d_]{0,12})",
    re.IGNORECASE,
)


def bare(text: str) -> bool:
    """Whether `text` writes an amount after a bare "$", or pay with no currency at all."""
    return _BARE.search(text) is not None or unsigned(text)


def unsigned(text: str) -> bool:
    """Whether `text` names pay with no currency ("at least 35/hr")."""
    return any(_no_code(m) for m in _UNSIGNED.finditer(text))


def local(text: str, code: str) -> str:
    """`text` with each bare "$" as the sign of `code`'s dollar ("$40": "CA$40"), and pay
    with no currency in it ("at least 35/hr": "at least CA$35/hr")."""
    if (sign := _SIGNS.get(code)) is None:
        return text
    signed = _UNSIGNED.sub(lambda m: _signed(m, sign), text)
    return _BARE.sub(lambda _: sign, signed)


def _no_code(m: re.Match[str]) -> bool:
    """Whether the match is pay ("35/hr", "80k", "90000"; not "5 years") with no currency."""
    after = m["after"].strip().lower()
    pay = m["per"] or m["n"].lower().endswith("k") or sum(c.isdigit() for c in m["n"]) >= 4
    pay = pay or after in ("an", "per", "hourly")  # "30 an hour"
    return bool(pay) and currency_word(after) is None and not after.startswith(("y", "%"))


def _signed(m: re.Match[str], sign: str) -> str:
    return f"{m['lead']} {sign}{m['n']}{m['per'] or ''}{m['after']}" if _no_code(m) else m[0]


def read_as(code: str, whose: str) -> str:
    """That a bare "$" was read as `code`'s dollar, and `whose` it is ("your /timezone's")."""
    return f"“$” is read as {_NAMES.get(code, code)} ({whose}); write US$ for US dollars."


def unsigned_read_as(code: str, whose: str) -> str:
    """That pay with no currency was read in `code`'s dollar, and `whose` it is."""
    return (
        f"Pay with no currency is read as {_NAMES.get(code, code)} ({whose}); write US$… "
        "(or EUR…) for another currency."
    )


def zone_dollar(zone: str) -> str | None:
    """The dollar of the country of time zone `zone` ("America/Toronto": "CAD"), or None."""
    return DOLLARS.get(_zone_countries().get(zone, ""))


def zone_country(zone: str) -> str:
    """The code of the country of time zone `zone` ("America/Sao_Paulo": "BR"), or ""."""
    return _zone_countries().get(zone, "")


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """A time zone -> its country's code, by tzdata's zone.tab ("America/Toronto": "CA")."""
    try:
        rows = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        return {}
    cells = (r.split("\t") for r in rows.splitlines() if r and not r.startswith("#"))
    return {c[2]: c[0] for c in cells if len(c) >= 3}


def place_dollar(node: Node) -> str | None:
    """The dollar of the one country every place `node` asks for lies in (toronto, waterloo
    and montreal: Canada), or None: no place, a place of none we know, or several."""
    places = list(_places(node))
    if not places:
        return None
    g = gazetteer()
    common: dict[str, int] | None = None
    for place in places:
        key = name_key(place)
        country = g.names.get(key)
        found = {country: 1 << 40} if country and len(country) == 2 else g.cities.get(key, {})
        if common is None:
            common = dict(found)
        else:
            common = {c: n + found[c] for c, n in common.items() if c in found}
        if not common:
            return None
    return DOLLARS.get(max(common, key=common.__getitem__)) if common else None


def _places(node: Node) -> list[str]:
    """The places of a query's location:, from: and near: filters, as typed."""
    if isinstance(node, Field) and node.name in ("location", OPEN_TO, NEAR):
        return [c.text for c in _named(node.child)]
    if isinstance(node, And | Or):
        return [p for c in node.children for p in _places(c)]
    return []


def _named(node: Node) -> list[Word | Phrase]:
    if isinstance(node, Word | Phrase):
        return [node]
    return [w for c in node.children for w in _named(c)] if isinstance(node, Or) else []


def in_dollars(node: Node) -> bool:
    """Whether a query asks pay in US dollars (not inside an exclusion)."""
    if isinstance(node, Salary):
        return node.currency == "USD"
    return isinstance(node, And | Or) and any(in_dollars(c) for c in node.children)
