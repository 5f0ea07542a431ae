"""A season said of a job's term ("winter internships", "no winter terms", "only summer"): a
title names it ("SWE Intern (Winter 2027 co-op)"), so the sentence reader reads it as title:winter,
not words a job must have ("winter internships" is in no title). Pure; `sentence` reads through it."""

from __future__ import annotations

import re

_SEASON = r"(?P<season>winter|spring|summer|fall|autumn)"
_YEAR = r"(?:\s+(?:20\d\d|'\d\d))?"
# "winter terms", "summer 2027 work term": the season alone (a term is no word a job needs)
_TERM = re.compile(rf"\b{_SEASON}{_YEAR}(?:\s+work)?\s+terms?\b", re.IGNORECASE)
# "winter internships", "summer co-ops": the season in the title, the kind read on
_KIND = re.compile(rf"\b{_SEASON}(?={_YEAR}\s+(?:internships?|interns?|co-?ops?)\b)", re.I)
# "no winter terms", "no winter internships": "no winter" (`exclude` reads -title:winter)
_NO = re.compile(
    rf"\b(?P<no>no|not|without|never)\s+{_SEASON}{_YEAR}(?:\s+work)?\s+(?:terms?|internships?|"
    r"interns?|co-?ops?)\b",
    re.IGNORECASE,
)
# "only summer", "just summer pls": the season alone
_ONLY = re.compile(rf"^(?P<only>only|just)\s+{_SEASON}(?=(?:\s+(?:pls|please))?[\s.!]*$)", re.I)


def seasons_spelled(text: str) -> str:
    """`text` with a season said of a job's term as title:<season> ("no winter terms pls":
    "no title:winter pls")."""
    text = _NO.sub(lambda m: f"{m['no']} {m['season'].lower()}", text)
    text = _ONLY.sub(lambda m: f"{m['only']} title:{m['season'].lower()}", text)
    text = _TERM.sub(lambda m: f"title:{m['season'].lower()}", text)
    return _KIND.sub(lambda m: f"title:{m['season'].lower()}", text)
