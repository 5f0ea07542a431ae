"""Exchange rates, so a salary filter in one currency can compare a job paid in another:
`salary:>=€100k` takes a job paying $150k a year when $150k is worth €100k or more.

The rates are the European Central Bank's daily reference rates (about 30 currencies against
the euro), read from its XML feed by `bot.exchange` and kept in the database. This module is
the pure part: reading the feed, converting, and the table in use by this process (matching
reads it for every posting whose currency is not the filter's; until one is loaded, as
offline, a filter with a currency matches only jobs paid in it).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from bot.errors import ParseError

_CUBE = "{http://www.ecb.int/vocabulary/2002-08-01/eurofxref}Cube"
MAX_FEED = 1 << 20  # the daily feed is ~2 KB


@dataclass(frozen=True, slots=True)
class Rates:
    """How many units of each currency one euro buys, on the day `as_of` (EUR is 1)."""

    as_of: date
    per_eur: Mapping[str, float]

    def convert(self, amount: float, source: str, target: str) -> float | None:
        """`amount` in `source` as `target`; None when either currency has no rate."""
        if source == target:
            return amount
        have, want = self.per_eur.get(source), self.per_eur.get(target)
        if have is None or want is None:
            return None
        return amount / have * want


def parse_ecb(body: bytes) -> Rates:
    """The rates of the ECB's daily feed (eurofxref-daily.xml); ParseError when the body is
    not that feed or names no rate."""
    if len(body) > MAX_FEED:
        raise ParseError(f"the rates feed is {len(body)} bytes; expected about 2 KB")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ParseError(f"the rates feed is not XML: {exc}") from None
    day = next((c for c in root.iter(_CUBE) if c.get("time")), None)
    if day is None:
        raise ParseError("the rates feed has no day of rates (<Cube time=…>)")
    try:
        as_of = date.fromisoformat(day.get("time", ""))
    except ValueError:
        raise ParseError(f"the rates feed's day {day.get('time')!r} is not a date") from None
    per_eur = {"EUR": 1.0}
    for cube in day.iter(_CUBE):
        code, rate = (cube.get("currency") or "").upper(), cube.get("rate")
        try:
            value = float(rate) if rate is not None else 0.0
        except ValueError:
            continue
        if len(code) == 3 and code.isalpha() and 0 < value < 1e7:
            per_eur[code] = value
    if len(per_eur) == 1:
        raise ParseError("the rates feed names no currency's rate")
    return Rates(as_of, MappingProxyType(per_eur))


_current: Rates | None = None


def use(rates: Rates | None) -> None:
    """Make `rates` the table this process converts with (None: convert nothing)."""
    global _current
    _current = rates


def current() -> Rates | None:
    """The table in use, or None before one is loaded."""
    return _current
