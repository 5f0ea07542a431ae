"""What a posting says about visa sponsorship, for the visa: filter: "yes" (it offers
sponsorship or visa support), "no" (it will not sponsor, or asks for the right to work
already), "maybe" (it offers it only in some cases, or hedges), or nothing (it does not say,
or says both).

Read sentence by sentence: a sentence about visas, work permits, immigration, the right to
work or sponsorship decides by its own words. A negation ("cannot sponsor", "without
sponsorship", "not available") or a requirement of the right to work ("must be authorized to
work in the US") says no; an offer ("we sponsor visas", "visa support", "sponsorship
available") says yes. "Sponsor" alone is about visas only beside such words, a negation or an
offer, and never beside a conference, an event or a stakeholder. English only.

An offer that is hedged or limited says "maybe", never "yes": to some ("for candidates already
in the Netherlands", "for exceptional candidates", "only for senior roles"), perhaps ("we may
be able to sponsor", "sponsorship may be available", "considered case by case"), and so does a
refusal with an exception ("we do not sponsor visas except in exceptional cases"). visa:yes
promises the job sponsors whoever it hires, so these match neither visa:yes nor visa:no: a
reader who needs a visa keeps them with -visa:no and reads the sentence (`/why` quotes it). A
"maybe" anywhere in the posting outweighs a "yes" or a "no" elsewhere in it.
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
# What makes an offer a "maybe": a hedge ("may be able to", "case by case"), or a limit to some
# ("only", "for exceptional candidates", "already located in", "for individuals based there").
_HEDGE = re.compile(
    r"\b(?:(?:may|might|could)\s(?:be|possibly|potentially|also|consider|sponsor|support|offer"
    r"|provide|help|assist|cover)|possibly|potentially|perhaps|case[- ]by[- ]case|limited"
    r"|only\s(?:for|to|if|when|in|available|offered|possible|provided|given|be)"
    r"|(?:in|for)\s(?:some|certain|specific|select(?:ed)?|limited|rare|exceptional)\s"
    r"(?:cases?|circumstances|situations|roles|positions|candidates|countries)"
    r"|exceptional(?:ly)?\s(?:cases?|circumstances|candidates?|applicants?|talent|profiles?"
    r"|individuals?|people)|for\s(?:an?\s)?exceptional"
    r"|already\s(?:located|based|living|residing|resident|in|within|hold|holds|holding|ha(?:ve|s))"
    r"|(?:based|located|living|residing)\sthere|currently\s(?:based|located|living|residing)"
    r"|subject\sto|depend(?:s|ing)?\son|dependent\son|(?:where|if|when)\spossible"
    r"|(?:will|would|can|could|may|might)\s(?:be\s)?consider(?:ed)?"
    r"|(?:can|could|will)\sbe\s(?:discussed|explored|evaluated|reviewed)"
    r"|negotiable|individual\sbasis)\b"
)
_ABLE = re.compile(r"\b(?:may|might|could)\sbe\sable\sto\ssponsor\b")  # (a visa, surely)
# What makes a refusal a "maybe": an exception to it ("except in exceptional cases").
_EXCEPT = re.compile(
    r"\b(?:except|exceptions?|exceptionally|exceptional\s(?:cases?|circumstances|candidates?)"
    r"|case[- ]by[- ]case|not\s(?:always\s)?guaranteed"
    r"|in\s(?:some|certain|rare|limited|exceptional|specific)\s(?:cases|circumstances))\b"
)


def stance(title: str, description: str) -> tuple[str | None, str]:
    """("yes" | "no" | "maybe" | None, the sentence that decided it, as written)."""
    text = f"{title}\n{description}"
    folded = text.lower()  # (when it keeps the length, sentences are quoted as written)
    if len(folded) != len(text):
        text = folded
    said: dict[str, str] = {}
    for start, end in _sentences(folded):
        verdict = _sentence(folded[start:end].replace("’", "'"))
        if verdict is not None:
            said.setdefault(verdict, text[start:end].strip())
    if "maybe" in said:
        return "maybe", said["maybe"]  # a limit or a hedge: visa:yes must not promise more
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
        return "maybe" if (visa or sponsor) and _EXCEPT.search(s) else "no"
    offers = [o[0] for o in _OFFER.finditer(s)]
    # "sponsorship available": "we sponsor" alone could sponsor anything
    sponsors = sponsor is not None and any(not o.startswith("sponsor") for o in offers)
    said = bool(visa and (offers or sponsor)) or sponsors
    if (said or (sponsor and sponsor[0] == "sponsorship") or _ABLE.search(s)) and _HEDGE.search(s):
        return "maybe"  # "visa possible for exceptional candidates", "case by case"
    if (visa or auth) and _REQUIRED.search(s) and not offers:
        return "no"  # "must be authorized to work in the US", "work permit required"
    if (visa and offers) or sponsors:
        return "yes"  # "we sponsor visas", "visa support", "sponsorship available"
    return None
