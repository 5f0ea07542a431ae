"""A company's name as the bot compares it: a user mutes "Stripe" and no longer gets the jobs
of "Stripe, Inc." or "stripe"."""

from __future__ import annotations

import re

from bot.words import fold

# Legal forms a board may add to a company's name or leave out ("Stripe, Inc." is Stripe).
_LEGAL_FORMS = frozenset(
    [
        "inc",
        "incorporated",
        "llc",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "plc",
        "gmbh",
        "ag",
        "se",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "aps",
        "asa",
        "kk",
        "pty",
        "lp",
        "llp",
        "pbc",
        "pte",
    ]
)
_NOT_KEY = re.compile(r"[^\w&+]+")


def company_key(company: str) -> str:
    """A company as muting compares it: case, accents, punctuation and a trailing legal form
    do not matter ("Stripe, Inc." and "stripe"; "Zürich Pay GmbH" and "Zurich Pay")."""
    words = _NOT_KEY.sub(" ", fold(company).replace(".", "")).split()
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)
