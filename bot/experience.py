"""How many years of experience a posting asks for, for the years: filter ("years:<=3").

Read from the phrases postings write: "5+ years of experience", "3-5 years of professional
experience", "at least 4 years in backend development", "minimum of two years' experience".
A number counts when "experience" follows it closely, or a plus or "at least" says it is a
least. The first such phrase decides: the general requirement comes first, and the ones
after it are about a tool or a bonus ("2+ years with Kubernetes"). A range counts as its
low end, 0 too ("0-2 years": 0, up to 2); a cap counts as 0 up to it ("less than 2 years",
"up to 2 years", "2 years or less"), so years:<=2 finds it and years:>=2 does not. Not
counted: a sentence that only prefers ("ideally", "a plus", "bonus"), a company's own age
("we have 25 years of experience"), and numbers past `MOST`. In English, and in French as
Canada's postings write it: "0 à 2 ans d'expérience", "au moins 3 ans d'expérience", "2 ans
d'expérience minimum".
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
    r"(?:(?P<most>\bup to|\bless than|\bfewer than|\bunder|\bno more than|\bnot more than|"
    r"\bat most|\bmaximum(?: of)?|\bmax\.?|\bmoins de|\bjusqu'à)|"
    r"(?P<least>\bat least|\bminimum(?: of| de)?|\bmin\.?|\bover|\bmore than|\bau moins"
    r"|\bplus de))?\s*"
    rf"(?P<open>\(\s*)?\b(?P<low>{_NUM})\s*(?P<plus>\+|\bplus\b)?\s*"
    rf"(?P<range>(?:-|–|to|or|à)\s*(?P<high>{_NUM})\s*\+?\s*)?"
    r"(?:years?|yrs?|ans\b|ann[ée]es?)(?:'s?|’s?)?\+?(?P<after>[^.;:\n•!?]{0,80})"
)
_EXPERIENCE = re.compile(r"^\W*(?:\S+\s+){0,6}?(?:of\s+)?\S*\s*exp[eé]ri[ea]nce\b")
_WORKING = re.compile(
    r"^\s*(?:of\s+)?(?:\S+\s+){0,3}?(?:working|work|building|developing|designing|leading|"
    r"managing|writing|programming|coding|in|with|as|at|on|of|en|dans|comme)\b"
)
_PREFERRED = re.compile(
    r"\b(?:prefer(?:red|ably)?|ideally|bonus|a plus|nice to have|desirable|advantage"
    r"|un atout|id[ée]alement|souhait\w*|pr[ée]f[ée]r\w*)\b"
)
_PREFERRED_AFTER = re.compile(
    r"^\W*(?:is |would be |are |est |serait )?(?:prefer|a plus|bonus|desirable|nice|un atout|souhait)"
)
_NOT_ASKED_BEFORE = re.compile(
    r"\b(?:we have|we've|we bring|our|founded|since|history|backed by|nous avons|notre|nos"
    r"|depuis)\b"
)
_SOMEONE = re.compile(r"\b(?:has|holds|brings|had)\b")  # "Kate holds a PhD and 12 years of…"
_YOU = re.compile(r"\b(?:you|your|candidate|applicant|ideal|person|hire|someone)\b")
_OR_LESS = re.compile(
    r"^\s*(?:or (?:less|fewer|under)|ou moins|max(?:imum)?)\b"
)  # "2 years or less"
_LABEL = re.compile(r"\bexperience\s*[:\-–]\s*$")  # "Experience: 1-2 yrs"
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
    if (
        "year" not in folded
        and "yr" not in folded
        and " ans" not in folded
        and " anné" not in folded
    ):
        return _NOTHING
    starts = _starts(folded)
    for at in starts:
        begin = max(folded.rfind(c, max(at - 60, 0), at) for c in _ENDS) + 1
        m = _MENTION.search(folded, max(begin, at - 60), at + 200)
        while m is not None and m.start("low") < at - 60:
            m = _MENTION.search(folded, m.end(), at + 200)
        if m is None:
            continue
        read = _years(m, folded)
        if read is not None:
            return Asked(read[0], text[m.start() : m.end()].strip(" ,"), read[1])
    return _NOTHING


def _starts(text: str) -> list[int]:
    """Where "year" and "yr" are written, at most `PHRASES` of them, in order."""
    found: list[int] = []
    for stem in ("year", "yr", " ans", " année"):
        i = text.find(stem)
        while i >= 0 and len(found) < 2 * PHRASES:
            found.append(i)
            i = text.find(stem, i + len(stem))
    return sorted(set(found))[:PHRASES]


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text]


def _bounds(m: re.Match[str]) -> tuple[int, int | None] | None:
    """The least years and the top a mention names ("0-2": 0 and 2; "less than 2", "2 years
    or less": 0 and 2; "3+": 3 and none), or None for no requirement's numbers: 0 without a
    top above it, or past `MOST`."""
    low, after = _number(m["low"]), m["after"]
    high = _number(m["high"]) if m["high"] else None
    experience = _EXPERIENCE.match(after)
    rest = after[experience.end() :] if experience else ""
    capped = m["most"] or _OR_LESS.match(after) or _OR_LESS.match(rest)
    if high is None and capped and not (m["least"] or m["plus"]):
        low, high = 0, low
    if 0 < low <= MOST or (low == 0 and high is not None and 0 < high <= MOST):
        return low, high
    return None


def _years(m: re.Match[str], text: str) -> tuple[int, int | None] | None:
    """The years a mention asks and the top of its range, or None when it asks none."""
    bounds = _bounds(m)
    if bounds is None:
        return None
    after = m["after"]
    start = max(m.start() - _BEFORE, 0)
    begin = max(max(text.rfind(c, start, m.start()) for c in _ENDS) + 1, start)
    before = text[begin : m.start("low")]
    experience = _EXPERIENCE.match(after)
    least = m["least"] or m["plus"] or m["range"]
    working = least and _WORKING.match(after)
    named_before = m["open"] and least and "experience" in before  # "Experience (3+ years)"
    labelled = _LABEL.search(text, begin, m.start())  # "Experience: 1-2 yrs"
    if experience is None and not working and not named_before and not labelled:
        return None
    if _OLD.match(after) or _NOT_ASKED_BEFORE.search(before) or _PREFERRED.search(before):
        return None
    if _SOMEONE.search(before) and not _YOU.search(before):
        return None
    said = after[experience.end() : experience.end() + 16] if experience else after[:16]
    return None if _PREFERRED_AFTER.search(said) else bounds
