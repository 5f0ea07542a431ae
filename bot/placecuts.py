"""What narrows the places a location is open to, for `bot.places.read_places`: a country it
leaves out ("Remote - LATAM (excluding Brazil)", "LATAM (no Brazil)", "excl. Brazil",
"Latinoamérica (excepto Brasil)") and a zone range beside a region ("Remote, Americas (UTC-8 to
UTC-5)": the Americas' countries on those clocks, not Brazil).

A country left out is no longer open: a region open that holds it is opened as its other
countries and the regions inside it that do not hold it ("^ar", "^central america"), and the
location gets "!br" (`EXCLUDED`), whose name ("not~", "br") `from:brazil` must not find
(`bot.synonyms`), since the location's own text still says "Brazil". Pure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from bot.gazetteer import Gazetteer, gazetteer
from bot.geodata import TIME_ZONES

EXCLUDED = "!"  # "!br": the location leaves Brazil out
NOT = "not~"  # its name's first word ("not~", "br"): no text's word, as `places.OPEN`
_ZONE_NAMED = re.compile(rf"\b(?:{'|'.join(z.upper() for z in TIME_ZONES)})\b")
# "excluding Brazil", "(no Brazil)", "outside the US", "excepto Brasil": up to a bracket or ";"
_CUT = re.compile(
    r"(?i:\b(?:excluding|excludes|except(?:\sfor)?|excl\.?|not\sincluding|outside(?:\sof)?"
    r"|other\sthan|but\snot|no|non|exceto|excepto|excluindo|excluyendo|sem|sin|menos"
    r"|fora\sd[oa]|fuera\sde)\s)((?:(?!\b(?i:or|and|y|e)\b)[^();|•\n/,&]){2,40}"
    r"(?:\s?(?:,|/|&|\band\b|\bor\b|\by\b|\be\b)\s?[^();|•\n/,&]{2,30}){0,4})"
)


def cut(text: str, resolve: Callable[[str], set[str]]) -> tuple[str, set[str]]:
    """`text` without what it leaves out, and the countries (ISO codes) and regions ("+eu") it
    leaves out; a phrase that names no country or region ("no relocation") stays."""
    out: set[str] = set()

    def read(m: re.Match[str]) -> str:
        named = {p for p in resolve(m[1]) if _wide(p)}
        if not named:
            return m[0]
        out.update(named)
        return " "

    return _CUT.sub(read, text), out


def _wide(place: str) -> bool:
    return place[0] == "+" or (len(place) == 2 and place.isupper())


def leave_out(places: set[str], out: set[str], g: Gazetteer) -> set[str]:
    """`places` less the countries `out` names (and those of its regions): an open region
    holding one is opened as its other countries and the regions that hold none."""
    gone = {c for p in out for c in ((p,) if p[0] != "+" else inside(p, g)) if len(c) == 2}
    kept = {p for p in places if p not in gone}
    for p in [p for p in kept if p[0] == "^"]:
        region = "+" + p[1:]
        if region not in g.words or region == "+worldwide":
            if p[1:].upper() in gone:
                kept.discard(p)
            continue
        within = inside(region, g)
        if within & gone:
            kept.discard(p)
            kept |= {"^" + q.lstrip("+").lower() for q in within if q not in gone}
            kept -= {"^" + r[1:] for r in within if r[0] == "+" and inside(r, g) & gone}
    return kept | {EXCLUDED + c.lower() for c in gone}


def on_zones(places: set[str], zoned: set[str], text: str, g: Gazetteer) -> set[str]:
    """`places` with a zone range's `zoned` ("^mx", "^co"...): where the location also opens
    regions or countries ("^americas"), only those of `zoned` inside them ("Americas (UTC-8 to
    UTC-5)" is open to Mexico, not Brazil); all of `zoned` when none is, or when the range is
    around a zone that names a region ("CET ± 3h": Europe's clocks, Africa's too)."""
    if not zoned or _ZONE_NAMED.search(text):
        return places | zoned
    opened = {p for p in places if p[0] == "^"}
    countries: set[str] = set()
    for p in opened:
        region = "+" + p[1:]
        countries |= inside(region, g) if region in g.words else {p[1:].upper()}
    within = {z for z in zoned if z[0] == "^" and z[1:].upper() in countries}
    if not within:
        return places | zoned
    return (places - opened) | {z for z in zoned if z[0] != "^"} | within


@functools.cache
def _inside(region: str) -> frozenset[str]:
    return frozenset(p for p, holding in gazetteer().regions.items() if region in holding)


def inside(region: str, g: Gazetteer) -> frozenset[str]:
    """The countries ("BR") and regions ("+south america") inside `region` ("+latam")."""
    return (
        _inside(region)
        if g is gazetteer()
        else frozenset(p for p, holding in g.regions.items() if region in holding)
    )
