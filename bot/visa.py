"""What a posting says about visa sponsorship, for the visa: filter: "yes" (it offers
sponsorship or visa support), "no" (it will not sponsor, or asks for the right to work
already), or nothing (it does not say, or says both).

Read sentence by sentence: a sentence about visas, work permits, immigration, the right to
work or sponsorship decides by its own words. A negation ("cannot sponsor", "without
sponsorship", "not available") or a requirement of the right to work ("must be authorized to
work in the US") says no; an offer ("we sponsor visas", "visa support", "sponsorship
available") says yes. "Sponsor" alone is about visas only beside such words, a negation or an
offer, and never beside a conference, an event or a stakeholder. English only.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

# A posting is read only when it has one of these words (as `bot.words` tokens) or phrases.
_CUES = frozenset(
    {"visa", "visas", "sponsor", "sponsors", "sponsored", "sponsoring", "sponsorship",
     "immigration", "permit", "permits", "authorized", "authorised", "authorization",
     "authorisation", "1b", "h1b"}
)  # fmt: skip
_TO_WORK = tuple(f" {w} to work " for w in ("right", "eligible", "entitled", "permitted", "able"))
_CUE_PHRASES = (" live and work ", " blue card ")


def cued(words: AbstractSet[str], text: str) -> bool:
    """Whether a posting with these words and this " w w " text (`bot.view`) may say
    anything of visas: most say nothing, and are not read."""
    if not _CUES.isdisjoint(words):
        return True
    if " to work " in text and any(p in text for p in _TO_WORK):
        return True
    return any(p in text for p in _CUE_PHRASES)


_ENDS = ".!?;\n•"  # what ends a sentence
SENTENCES = 50  # sentences about visas read at most: the first ones say it
LONGEST = 400  # characters of a sentence read either side of its word
_VISA = re.compile(r"\b(?:visas?|work permits?|immigration|blue card|h-?1b)\b")
_AUTH = re.compile(
    r"\b(?:(?:authori[sz]ed|eligible|entitled|permitted|right|legally able) to "
    r"(?:live and )?work|work authori[sz]ation|employment authori[sz]ation)\b"
)
_SPONSOR = re.compile(r"\bsponsor(?:s|ed|ing|ship)?\b")
# The beginnings of the words of `_VISA`, `_AUTH` and `_SPONSOR`: a sentence without one
# is not read.
_STEMS = (
    "visa",
    "permit",
    "immigration",
    "blue card",
    "1b",
    "to work",
    "and work",
    "authori",
    "sponsor",
)
_NOT_VISAS = re.compile(
    r"\b(?:conferences?|events?|partnerships?|stakeholders?|executive|sports?)\b"
)
_NEGATION = re.compile(
    r"\b(?:no|not|unable|cannot|can't|can not|won't|don't|doesn't|isn't|aren't|without|never"
    r"|nor|unfortunately)\b"
)
_REQUIRED = re.compile(r"\b(?:must|required?|requires|needs?|only)\b")
_OFFER = re.compile(
    r"\b(?:offer(?:s|ed|ing)?|provid(?:e|es|ed|ing)|available|support(?:s|ed|ing)?|"
    r"assist(?:s|ed|ance)?|help(?:s|ed|ing)?|sponsor(?:s|ed|ing)?|possible|includ(?:e|es|ed)|"
    r"cover(?:s|ed)?|handle[sd]?|welcome|open to)\b"
)


def stance(title: str, description: str) -> tuple[str | None, str]:
    """("yes" | "no" | None, the sentence that decided it, as written)."""
    text = f"{title}\n{description}"
    folded = text.lower()  # (when it keeps the length, sentences are quoted as written)
    if len(folded) != len(text):
        text = folded
    said: dict[str, str] = {}
    for start, end in _sentences(folded):
        verdict = _sentence(folded[start:end].replace("’", "'"))
        if verdict is not None:
            said.setdefault(verdict, text[start:end].strip())
    if len(said) != 1:
        return None, ""  # silent, or both ("we sponsor EU visas; we cannot sponsor US ones")
    [(verdict, sentence)] = said.items()
    return verdict, sentence


def _sentences(text: str) -> list[tuple[int, int]]:
    """Where the sentences that have a word of `_STEMS` start and end, in order (found by
    `str.find`: a regular expression over all of a long description is slower). At most
    `SENTENCES` of them, each at most `LONGEST` characters either side of its word: a
    hostile description of "visa. visa. …" costs no more than a few milliseconds."""
    hits = sorted(i for stem in _STEMS for i in _finds(text, stem))
    spans: list[tuple[int, int]] = []
    for at in hits:
        if spans and at < spans[-1][1]:
            continue  # in the sentence found last
        if len(spans) == SENTENCES:
            break
        start = max(text.rfind(c, max(at - LONGEST, 0), at) for c in _ENDS) + 1
        start = max(start, at - LONGEST)
        ends = [i for c in _ENDS if (i := text.find(c, at, at + LONGEST)) >= 0]
        spans.append((start, min(ends, default=min(at + LONGEST, len(text)))))
    return spans


def _finds(text: str, stem: str) -> list[int]:
    found: list[int] = []
    i = text.find(stem)
    while i >= 0 and len(found) < SENTENCES:
        found.append(i)
        i = text.find(stem, i + len(stem))
    return found


def _sentence(s: str) -> str | None:
    visa, auth, sponsor = _VISA.search(s), _AUTH.search(s), _SPONSOR.search(s)
    if not (visa or auth or sponsor):
        return None
    if sponsor and not (visa or auth) and _NOT_VISAS.search(s):
        return None  # "an executive sponsor", "conference sponsorship"
    if _NEGATION.search(s):
        return "no"
    offers = [o[0] for o in _OFFER.finditer(s)]
    if (visa or auth) and _REQUIRED.search(s) and not offers:
        return "no"  # "must be authorized to work in the US", "work permit required"
    if visa and offers:
        return "yes"  # "we sponsor visas", "visa support", "we help with work permits"
    if sponsor and any(not o.startswith("sponsor") for o in offers):
        return "yes"  # "sponsorship available": "we sponsor" alone could sponsor anything
    return None
