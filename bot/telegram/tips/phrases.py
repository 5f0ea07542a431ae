"""Two words that name one thing, beside an "or" ("new grad or junior", "backend or full
stack"): quoted, so the OR takes the phrase whole and not its nearest word ("new (grad OR
junior)" needs "new" in every job). The phrases are those `bot.synonyms` groups ("full stack",
"machine learning"), two techs of two words ("react native", "objective c") and a career stage's ("new grad",
"entry level", "early career"). Pure; `sentence` reads a sentence's text through it."""

from __future__ import annotations

import re

from bot.synonyms import GROUPS

# A career stage said in two words: a phrase jobs write whole ("New Grad", "Entry-Level").
STAGES = ("new grad", "new grads", "new graduate", "entry level", "early career", "recent grad")
_KNOWN = sorted(
    {s for group in GROUPS for s in group if " " in s} | {*STAGES, "react native", "objective c"},
    key=len,
    reverse=True,
)
_PHRASE = re.compile(
    r"(?<![\w\"'-])(?P<p>"
    + "|".join(r"[\s-]".join(map(re.escape, p.split())) for p in _KNOWN)
    + r")(?![\w\"'-])",
    re.IGNORECASE,
)
_OR_AFTER = re.compile(r"\s{0,3},?\s{0,3}or\b", re.IGNORECASE)
_OR_BEFORE = re.compile(r"(?:^|[\s(,])or\s{1,3}$", re.IGNORECASE)
_LIST = re.compile(r"\bor\b", re.IGNORECASE)


def phrases_quoted(text: str) -> str:
    """`text` with each known phrase beside an "or", or in a list closed by one ("new grad,
    junior or entry level"), in quotes: '"new grad" or junior'."""
    if not _LIST.search(text) or '"' in text:
        return text
    return _PHRASE.sub(lambda m: _quoted(m, text), text)


def _quoted(m: re.Match[str], text: str) -> str:
    before, after = text[max(0, m.start() - 8) : m.start()], text[m.end() : m.end() + 8]
    listed = before.rstrip().endswith(",") or after.lstrip().startswith(",")
    if _OR_AFTER.match(after) or _OR_BEFORE.search(before) or listed:
        return f'"{m["p"]}"'
    return m[0]
