"""A phone's shorthand and loose words, made what the sentence reader takes: "w/" and "w" for
"with" ("w/o" without), a slash with spaces round it ("sre / platform") as a slash, "SGT
friendly" (or "EU friendly") as the hours or the place one works from, "relocation" and "with
visa" as visa sponsorship, "sponsorhip" mistyped. Each would be a word every job must have.
Pure; `sentence` reads a sentence's text through it."""

from __future__ import annotations

import re

from bot.geodata import TIME_ZONES
from bot.telegram.tips.places import a_place

_WITH = re.compile(r"(?<!\S)w(?:/\s?|\s+)(?=\w)", re.IGNORECASE)  # "w/ visa", "w visa"
_WITHOUT = re.compile(r"(?<!\S)w/o(?!\w)", re.IGNORECASE)  # "w/o crypto"
_SLASH = re.compile(r"(?<=\w) / (?=\w)")  # "sre / platform": "sre/platform", the OR of slashes
# "SGT friendly", "EU-friendly", "CET timezone friendly": a zone or a region, then "friendly".
_FRIENDLY = re.compile(
    r"\b([a-z]{2,12})(?:\s+(?:time\s?zones?|tz|hours))?[- ]friendly\b", re.IGNORECASE
)
# Zones people name that the filters read as no zone: the place whose hours they are.
_ZONE_PLACES = {"sgt": "singapore", "hkt": "hong kong", "aest": "australia", "jst": "japan"}
_TYPO = re.compile(r"\bspons[oe]r(?:hip|sip|shp|hsip|ship)s?\b", re.IGNORECASE)  # "sponsorhip"
_VISA = re.compile(
    r"\brelocation(?:\s+(?:support|package|assistance|help))?(?:\s+to\b)?"
    r"|(?<=\bwith\s)\s*(?:a\s+)?visas?\b(?!\s+(?:sponsor|support))",
    re.IGNORECASE,
)


# "0-2 yrs", "1 to 3 years": the years one has, so the most a job may ask ("2 yrs").
_YEARS_SPAN = re.compile(
    r"\b(?P<low>\d{1,2})\s?(?:-|–|to)\s?(?P<high>\d{1,2})\s?(?P<unit>years?|yrs?)\b", re.IGNORECASE
)


def shorthand_spelled(text: str) -> str:
    """`text` with its shorthand and loose words as the reader takes them ("sre w/ visa": "sre
    with visa sponsorship"; "remote but SGT friendly": "remote but open to singapore"; "0-2
    yrs": "2 yrs", the most years a job may ask)."""
    text = _SLASH.sub("/", _WITH.sub("with ", _WITHOUT.sub("without", text)))
    text = _YEARS_SPAN.sub(_years, text)
    text = _VISA.sub(_visa, _TYPO.sub("sponsorship", text))
    return _FRIENDLY.sub(_friendly, text)


def _years(m: re.Match[str]) -> str:
    return f"{m['high']} {m['unit']}" if int(m["low"]) < int(m["high"]) else m[0]


def _visa(m: re.Match[str]) -> str:
    """Relocation, or a visa, asked: "visa sponsorship" (and "in" the places relocated to)."""
    return "visa sponsorship in" if m[0].lower().endswith(" to") else "visa sponsorship"


def _friendly(m: re.Match[str]) -> str:
    """A zone's hours ("CET timezone", which from: reads), or the place one works from ("open
    to apac"); as it was for any other word ("user friendly")."""
    said = m[1].lower()
    if said in TIME_ZONES:
        return f"{m[1]} timezone"
    if (place := _ZONE_PLACES.get(said)) is not None or a_place(said):
        return f"open to {place or said}"
    return m[0]
