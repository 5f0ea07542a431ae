"""A place said without "in" ("only canada pls", "canada only", "visa sponsorship for us jobs"):
the sentence reader reads a place after "in", so these were words a job must have ("canada",
"us"). Pure; `sentence` reads a sentence's text through it."""

from __future__ import annotations

import re

from bot.telegram.tips.places import a_place

_NAME = r"(?P<place>[a-z][\w.'-]{1,20}(?:\s+(?!pls\b|please\b|only\b)[a-z][\w.'-]{1,20})?)"
# "only canada", "just the us"; "canada only"
_ONLY = re.compile(
    rf"\b(?:only|just)\s+(?:in\s+)?(?:the\s+)?{_NAME}(?=\s*(?:pls|please)?[\s.!,]*$)", re.I
)
_AFTER = re.compile(rf"^(?:the\s+)?{_NAME}\s+only\b", re.IGNORECASE)
# "for us jobs", "for canadian roles" (a country's own jobs)
_FOR = re.compile(rf"\bfor\s+(?:the\s+)?{_NAME}\s+(?P<jobs>jobs|roles|positions)\b", re.I)
_ADJECTIVES = {
    "canadian": "canada", "american": "the us", "us": "the us", "u.s.": "the us",
    "british": "the uk", "uk": "the uk", "german": "germany",
}  # fmt: skip


def places_spelled(text: str) -> str:
    """`text` with a place said without "in" as "in <place>" ("only canada pls": "only in
    canada pls"); any other words as they are."""
    text = _ONLY.sub(lambda m: _in(m, f"only in {_named(m)}"), text)
    text = _AFTER.sub(lambda m: _in(m, f"only in {_named(m)}"), text)
    return _FOR.sub(lambda m: _in(m, f"for {m['jobs']} in {_named(m)}"), text)


def _named(m: re.Match[str]) -> str:
    return _ADJECTIVES.get(m["place"].lower(), m["place"])


def _in(m: re.Match[str], said: str) -> str:
    """`said` when the match names a place we know, else the match as typed."""
    known = m["place"].lower() in _ADJECTIVES or a_place(m["place"])
    return said if known else m[0]
