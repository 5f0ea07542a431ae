"""What a job states, asked for in a sentence in words ("with visa sponsorship", "English
speaking", "jobs in German"), read as the filter that finds it (visa:yes, lang:en, lang:de):
the words alone find only the jobs that happen to write them. Pure; `sentence` reads
sentences with it.
"""

from __future__ import annotations

import re

from bot.syntax import ATTRS, Attr, Node, Not, Phrase, Word
from bot.telegram.tips.tip import Found, word_of
from bot.telegram.tips.words import TYPES

# Sponsorship one does not need ("no visa sponsorship needed", "I don't need sponsorship"):
# no filter to read, and no words a job says, so a sentence leaves them out.
NO_SPONSORSHIP = re.compile(
    r"\b(?:no|without|(?:i\s+)?(?:don'?t|do\s+not)\s+need)\s+(?:a\s+|any\s+)?(?:visa\s+)?"
    r"sponsorship(?:\s+(?:needed|required))?\b"
    r"|\b(?:visa\s+)?sponsorship\s+not\s+(?:needed|required)\b",
    re.IGNORECASE,
)

# Two words that ask for visa sponsorship, in either order of use.
_VISA = frozenset({
    ("visa", "sponsorship"), ("visa", "sponsored"), ("visa", "support"), ("visa", "sponsor"),
    ("sponsor", "visa"), ("sponsor", "visas"), ("sponsors", "visa"), ("sponsors", "visas"),
    ("sponsoring", "visa"), ("sponsoring", "visas"),
})  # fmt: skip
_SPEAKING = frozenset({"speaking", "speaker", "speakers"})


def stated_at(terms: list[Node], i: int) -> Found | None:
    """The filter the words from `i` ask for, as `sentence` reads filters (the filter, how many
    words it takes, "", False: typed as a query, the visa and language tips tell of them):
    "visa sponsorship" visa:yes, "English speaking" (or "English-speaking", or "in English")
    lang:en; None for any other words."""
    term, token = terms[i], word_of(terms[i])
    after = word_of(terms[i + 1]) if i + 1 < len(terms) else ""
    if (token, after) in _VISA:  # "visa sponsorship required": the third word too
        third = word_of(terms[i + 2]) if i + 2 < len(terms) else ""
        return Found(Attr("visa", "yes"), 2 + (third in ("needed", "required")), "", False)
    if token == "sponsorship" and i and word_of(terms[i - 1]) in ("with", "offering", "offer"):
        return Found(Attr("visa", "yes"), 1, "", False)  # "with sponsorship"
    if isinstance(term, Phrase) and len(term.tokens) == 2 and term.tokens[1] in _SPEAKING:
        token, after, taken = term.tokens[0], "", 1  # "English-speaking"
    else:
        taken = 2 if after in _SPEAKING else 1
    code = ATTRS["lang"].get(token)
    if code is None or len(token) < 3:  # a name, not "de"
        return None
    if taken == 2 or isinstance(term, Phrase) or (i and word_of(terms[i - 1]) == "in"):
        return Found(Attr("lang", code), taken, "", False)
    return None


_LANGUAGES = "|".join(name for name in ATTRS["lang"] if len(name) > 2)
_JOB = r"(?:(?:jobs?|roles?|positions?|postings?|ads?|ones)\s+)?"
# A language left out ("no jobs in German", "not in German", "no German required") or asked
# for alone ("English only", "only in English"), as the filter of the language a job is in.
_NOT_IN = re.compile(
    rf"\b(?:no|not|without|nothing|(?:don'?t|do\s+not)\s+want(?:\s+any)?)\s+{_JOB}"
    rf"(?:(?:written|posted)\s+)?in\s+(?P<lang>{_LANGUAGES})\b"
    rf"|\b(?:no|without)\s+(?P<need>{_LANGUAGES})\s+(?:required|needed|necessary)\b"
    rf"|\b(?P<said>{_LANGUAGES})\s+(?:is\s+)?(?:not|isn'?t)\s+(?:required|needed|necessary)\b",
    re.IGNORECASE,
)
# Two asked for alone ("only English or German postings"): either.
_ONLY_EITHER = re.compile(
    rf"\bonly\s+(?:in\s+)?(?P<one>{_LANGUAGES})\s+(?:or|and|&)\s+(?:in\s+)?(?P<other>"
    rf"{_LANGUAGES})\b(?:\s+(?:jobs?|roles?|positions?|postings?|ads?)\b)?",
    re.IGNORECASE,
)
_ONLY_IN = re.compile(
    rf"\b(?:only\s+(?:in\s+)?(?P<lang>{_LANGUAGES})|(?P<said>{_LANGUAGES})[\s-]only)\b",
    re.IGNORECASE,
)


def language_left_out(text: str) -> str | None:
    """The language a short text asks to see no jobs in ("no jobs in German please", "no
    German required"): its code; None for none."""
    m = _NOT_IN.search(text) if len(text.split()) <= 10 else None
    return ATTRS["lang"][next(g for g in m.groups() if g).lower()] if m else None


def languages_spelled(text: str) -> str:
    """`text` with a language left out or asked for alone as its filter: "no jobs in German"
    -lang:de (the jobs written in German: they ask for it, which "no German required" means
    too), "English only" lang:en. A sentence's reader took "no jobs" as -jobs."""

    def code(m: re.Match[str]) -> str:
        return ATTRS["lang"][next(g for g in m.groups() if g).lower()]

    text = _NOT_IN.sub(lambda m: f" -lang:{code(m)} ", text)
    codes = ATTRS["lang"]
    text = _ONLY_EITHER.sub(
        lambda m: f" (lang:{codes[m['one'].lower()]} OR lang:{codes[m['other'].lower()]}) ", text
    )
    return _ONLY_IN.sub(lambda m: f" lang:{code(m)} ", text)


# After a kind of job's word, words that make it a role of its own ("contract manager").
_ROLE_OF = frozenset({
    "manager", "management", "specialist", "analyst", "lawyer", "attorney", "administrator",
    "administration", "coordinator", "officer", "negotiator", "law", "counsel", "lifecycle",
})  # fmt: skip


def kind_at(terms: list[Node], i: int) -> Found | None:
    """The kind of job the words from `i` ask for, as `stated_at` gives filters: "contract"
    (freelance) type:contract, "full time" type:full-time, "internships" type:internship,
    "permanent" -type:contract; None for any other words, a smart contract or a contract
    manager."""
    term = terms[i]
    said = term.text if isinstance(term, Word | Phrase) else ""
    after = word_of(terms[i + 1]) if i + 1 < len(terms) else ""
    if kind := TYPES.get(f"{said} {after}"):  # "full time only", as two words
        return Found(Attr("type", kind), 2, "", False)
    if said == "permanent":  # "permanent roles only": no contract
        return Found(Not(Attr("type", "contract")), 1, "", False)
    if (kind := TYPES.get(said)) is None or after in _ROLE_OF:
        return None
    if i and word_of(terms[i - 1]) == "smart":  # a smart contract
        return None
    return Found(Attr("type", kind), 1, "", False)
