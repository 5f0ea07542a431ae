"""Places a sentence names by their codes ("in Austin, TX", "in NY", "remote DE", "in DE, NL
or CH", "Zurich, CH"), spelled as their names: the sentence's reader knows names as places,
and a state's name finds the postings that write either ("Texas" or "TX"). Pure; `sentence`
reads sentences with it.
"""

from __future__ import annotations

import re

from bot.gazetteer import gazetteer
from bot.telegram.tips.where import COUNTRY_CODES

# A state's or province's code after its city and a comma ("Austin, TX", "Toronto, ON").
_AFTER_CITY = re.compile(r"((?:[A-Z][\w.'-]*\s+){0,2}[A-Z][\w.'-]*),\s*([A-Z]{2})\b(?![\w-])")
# Codes after "in" or "remote", one or a list ("in NY", "in DE, NL or CH").
_LISTED = re.compile(
    r"\b(?i:in|remote)\s+[A-Z]{2}(?:\s*,\s*[A-Z]{2})*(?:\s*,?\s*(?:or|OR)\s+[A-Z]{2})?\b(?![\w-])"
)
_CODE = re.compile(r"\b[A-Z]{2}\b")
_AFTER_COMMA = re.compile(r",\s+([A-Z]{2})\b(?![\w-])")  # "Zurich, CH": a country's code
# Codes that are also words ("in OR", "in ME") or of a country first ("in SA"): left.
_WORDS_TOO = frozenset({"OR", "IN", "ME", "OK", "SA", "HI", "AL", "LA", "MA", "PA", "NT"})


def codes_spelled(text: str) -> str:
    """`text` with the places it names by code spelled as their names: a state after its city
    ("Austin, TX": "Austin, in texas", as the state's filter is a place of its own), a state
    or a country after "in" or "remote" ("in NY": "in new york", "remote NL": "remote
    netherlands", "in DE, NL or CH" each), a country after a comma ("Zurich, CH": "Zurich, in
    switzerland"). A city and state that do not go together, a code that is also a word ("in
    OR", "in IT"), a code of two states ("WA" alone), "US" and "UK" stay as typed."""
    text = _AFTER_CITY.sub(_after_city, text)
    text = _LISTED.sub(lambda m: _CODE.sub(lambda c: _spelled(c[0], m[0]), m[0]), text)
    return _AFTER_COMMA.sub(lambda m: f", in {_country(m[1])}" if _country(m[1]) else m[0], text)


def _after_city(m: re.Match[str]) -> str:
    g = gazetteer()
    words, code = m[1].split(), m[2]
    for n in range(len(words), 0, -1):  # "Rust Jobs San Francisco, CA": the city's words
        country = g.code_of.get((" ".join(words[-n:]).lower(), code))
        state = next((s for s in g.state_codes.get(code, ()) if s[1:3] == country), None)
        if state is not None:
            return f"{' '.join(words[:-n])} {' '.join(words[-n:])}, in {_name(state)}".lstrip()
    return m[0]


def _spelled(code: str, said: str) -> str:
    """A code after "in" or "remote" (`said`, the words it stands in) as its place's name."""
    if code == "US" and said[:2].lower() == "in":
        return "the US"  # as the sentence's reader knows it
    if (country := _country(code)) or code in ("US", "UK", *_WORDS_TOO):
        return country or code
    states = gazetteer().state_codes.get(code, ())
    return _name(states[0]) if len(states) == 1 and not said.lower().startswith("remote") else code


def _country(code: str) -> str:
    """The name of the country `code` names ("DE": "germany"), or "" (and for US and UK)."""
    if code not in COUNTRY_CODES or code in ("US", "UK"):
        return ""
    return " ".join(gazetteer().words[code][1])


def _name(state: str) -> str:
    """A state's name as the sentence reads it ("~US-NY": "new york")."""
    return " ".join(gazetteer().words[state][0])
