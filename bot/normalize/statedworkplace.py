"""The workplace a posting's own text states outright: "Work Location: Onsite (Pine Bluff or
Colborne)", "Workplace type: Hybrid", "This is an on-site role", "This position is hybrid".

For aggregators only, whose remote flag is the site's label for every job, not the employer's
word (Remote OK lists on-site jobs too): their parsers pass what this reads as the posting's
workplace, which `fields.workplace` puts before the flag. A company's own board (an ATS's
`workplaceType`, `isRemote`, `locationType`) is never overruled by text: its parser does not
call this. Only an explicit statement counts, in English: a labelled field or "this is / this
role is …"; a mention is no statement ("free onsite parking", "a virtual onsite interview",
"if the posting is specified as Onsite", "many teams offer hybrid options"), and neither is
remote, which the flag says already. Reads HTML or text. Pure.
"""

from __future__ import annotations

import re
from html import unescape

# Where a statement may be: the end of its workplace word, found with str.find ("site" of
# "onsite", "On-Site"; "erson" of "in person"), kept when what is before it starts one
# (`_STARTS`: "on-", "in p", not "web"). A regex or `lower()` over a whole description costs
# several times these few finds (most descriptions hold an emoji or a repaired character: four
# bytes a character); a word in capitals ("ONSITE") is missed.
_ENDINGS = ("site", "Site", "ybrid", "erson", "ffice")
_STARTS = re.compile(r"(?i)(?:on-?\s?|in-?\s?(?:o|p)|h)$")
_LOOKS = 20  # places read at most
_BEFORE, _AFTER = 160, 60  # characters read around a word: its label or sentence, its end
_TAG = re.compile(r"<[^<>]{0,400}>")
_SPACE = re.compile(r"\s+")
_KIND = r"(?:on-?\s?site|in-?\s?office|in-?\s?person|hybrid)"
_LABEL = (
    r"(?:workplace|work\s?place|work\s(?:location|arrangement|model|setting|mode|style|type)"
    r"|location(?:\stype)?|job\s(?:location|type|setting)|role\s(?:type|location)"
    r"|(?:remote|workplace)\s(?:status|type|policy))"
)
# Its word is the statement's last, or a role word, a place or a schedule follows it; never
# "or remote" ("Work location: Hybrid or Remote" states neither).
_NOT_ALONE = r"(?!\s?(?:or|and|/)\s?(?:fully\s)?remote)"
_ENDS = rf"{_NOT_ALONE}(?=\s?$|\s?[.,;:!()\[\]/–—-]|\s(?:in|at|with|from|role|position|job|\d)\b)"
_ROLE = r"(?:role|position|job|opportunity)"
_STATED = re.compile(
    rf"\b{_LABEL}\s?[:\-–—]\s?{_KIND}{_ENDS}"
    rf"|\b(?:this|it)\sis\san?\s(?:(?:fully|100%|strictly|entirely)\s)?{_KIND}\s{_ROLE}\b"
    rf"|\b(?:this|the)\s{_ROLE}\s(?:is|will\sbe)\s(?:(?:fully|100%|strictly|entirely)\s)?"
    rf"{_KIND}{_ENDS}"
)


def stated_workplace(description: str | None) -> str | None:
    """'onsite' or 'hybrid' when the text states it outright; None when it does not, or
    states both (a list of locations, each with its own)."""
    if not description:
        return None
    found: set[str] = set()
    for at in _places(description):
        window = description[max(0, at - _BEFORE) : at + _AFTER].lower()
        text = _SPACE.sub(" ", _TAG.sub(" ", unescape(window)))
        for m in _STATED.finditer(text):
            found.add("hybrid" if "hybrid" in m[0] else "onsite")
    return found.pop() if len(found) == 1 else None


def _places(text: str) -> list[int]:
    """Where a workplace word ends, in order: the first `_LOOKS` places."""
    places: list[int] = []
    for ending in _ENDINGS:
        i, n = text.find(ending), 0
        while i >= 0 and n < 4 * _LOOKS:
            if _STARTS.search(text, max(0, i - 10), i):
                places.append(i)
            i, n = text.find(ending, i + len(ending)), n + 1
    return sorted(places)[:_LOOKS]
