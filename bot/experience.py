"""How many years of experience a posting asks for, for the years: filter ("years:<=3").

Read from the phrases postings write: "5+ years of experience", "3-5 years of professional
experience", "at least 4 years in backend development", "minimum of two years' experience".
A number counts when "experience" follows it closely, or a plus or "at least" says it is a
least. The first such phrase decides: the general requirement comes first, and the ones
after it are about a tool or a bonus ("2+ years with Kubernetes"). A range counts as its
low end. Not counted: a sentence that only prefers ("ideally", "a plus", "bonus"), a
company's own age ("we have 25 years of experience"), and numbers past `MOST`. English only.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MOST = 20  # years: a larger number is a company's history, not a requirement
PHRASES = 30  # phrases with "year" read at most: the first ones say it
_BEFORE = 200  # characters of a sentence read before its number
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
}  # fmt: skip
_NUM = r"\d{1,2}|" + "|".join(_NUMBERS)
_MENTION = re.compile(
    rf"(?P<least>\bat least|\bminimum(?: of)?|\bmin\.?|\bover|\bmore than)?\s*"
    rf"(?P<open>\(\s*)?\b(?P<low>{_NUM})\s*(?P<plus>\+|\bplus\b)?\s*"
    rf"(?P<range>(?:-|–|to|or)\s*(?P<high>{_NUM})\s*\+?\s*)?"
    r"(?:years?|yrs?)(?:'s?|’s?)?\+?(?P<after>[^.;:\n•!?]{0,80})"
)
_EXPERIENCE = re.compile(r"^\W*(?:\S+\s+){0,6}?(?:of\s+)?\S*\s*experi[ea]nce\b")
_WORKING = re.compile(
    r"^\s*(?:of\s+)?(?:\S+\s+){0,3}?(?:working|work|building|developing|designing|leading|"
    r"managing|writing|programming|coding|in|with|as|at|on|of)\b"
)
_PREFERRED = re.compile(
    r"\b(?:prefer(?:red|ably)?|ideally|bonus|a plus|nice to have|desirable|advantage)\b"
)
_PREFERRED_AFTER = re.compile(r"^\W*(?:is |would be |are )?(?:prefer|a plus|bonus|desirable|nice)")
_NOT_ASKED_BEFORE = re.compile(
    r"\b(?:we have|we've|we bring|our|founded|since|history|backed by)\b"
)
_SOMEONE = re.compile(r"\b(?:has|holds|brings|had)\b")  # "Kate holds a PhD and 12 years of…"
_YOU = re.compile(r"\b(?:you|your|candidate|applicant|ideal|person|hire|someone)\b")
_OLD = re.compile(r"^\W*(?:old|ago)\b")
_ENDS = ".;\n•!?"


class Asked(NamedTuple):
    """The years of experience a posting asks at least (None: it names no number), the
    phrase that said it as written, and the top of a range ("3-5 years": 3, …, 5)."""

    years: int | None
    phrase: str = ""
    upto: int | None = None


_NOTHING = Asked(None)


def asked(title: str, description: str) -> Asked:
    """What the posting asks of experience: see the module's doc."""
    text = f"{title}\n{description}"
    folded = text.lower()
    if len(folded) != len(text):
        text = folded
    if "year" not in folded and "yr" not in folded:
        return _NOTHING
    starts = _starts(folded)
    for at in starts:
        begin = max(folded.rfind(c, max(at - 60, 0), at) for c in _ENDS) + 1
        m = _MENTION.search(folded, max(begin, at - 60), at + 200)
        while m is not None and m.start("low") < at - 60:
            m = _MENTION.search(folded, m.end(), at + 200)
        if m is None:
            continue
        years = _years(m, folded)
        if years is not None:
            end = m.end("after") if _EXPERIENCE.match(m["after"]) else m.end()
            upto = _number(m["high"]) if m["high"] else None
            return Asked(years, text[m.start() : end].strip(" ,"), upto)
    return _NOTHING


def _starts(text: str) -> list[int]:
    """Where "year" and "yr" are written, at most `PHRASES` of them, in order."""
    found: list[int] = []
    for stem in ("year", "yr"):
        i = text.find(stem)
        while i >= 0 and len(found) < 2 * PHRASES:
            found.append(i)
            i = text.find(stem, i + len(stem))
    return sorted(set(found))[:PHRASES]


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text]


def _years(m: re.Match[str], text: str) -> int | None:
    """The years a mention asks, or None when it asks none."""
    years = _number(m["low"])
    if not 0 < years <= MOST:
        return None
    after = m["after"]
    start = max(m.start() - _BEFORE, 0)
    begin = max(text.rfind(c, start, m.start()) for c in _ENDS) + 1
    before = text[max(begin, start) : m.start("low")]
    experience = _EXPERIENCE.match(after)
    least = m["least"] or m["plus"] or m["range"]
    working = least and _WORKING.match(after)
    named_before = m["open"] and least and "experience" in before  # "Experience (3+ years)"
    if experience is None and not working and not named_before:
        return None
    if _OLD.match(after) or _NOT_ASKED_BEFORE.search(before) or _PREFERRED.search(before):
        return None
    if _SOMEONE.search(before) and not _YOU.search(before):
        return None
    said = after[experience.end() : experience.end() + 16] if experience else after[:16]
    return None if _PREFERRED_AFTER.search(said) else years
