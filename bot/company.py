"""A company's name as the bot compares it, whatever legal form a board writes after it: a
user mutes "Stripe" and no longer gets the jobs of "Stripe, Inc." (`company_key`), and the
job that Remote OK lists under "Lookout Inc" is the one Lookout's own board has (`bot.dedupe`,
over `without_legal_form`); /mute offers "Fernpoint Finance" for "Fern Point" (`joined_key`)."""

from __future__ import annotations

import re

from bot.words import fold

# Legal forms a board may add to a company's name or leave out ("Stripe, Inc." is Stripe;
# "Acme SE & Co. KG" is Acme).
_LEGAL_FORMS = frozenset({
    "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "plc", "gmbh",
    "ag", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps", "asa",
    "kk", "pty", "lp", "llp", "pbc", "pte", "kg", "kgaa", "ohg", "ug", "ev",
})  # fmt: skip
_FORM_WORDS = _LEGAL_FORMS | {""}  # and the "&" or "-" between two of them
_NOT_KEY = re.compile(r"[^\w&+]+")
_TAIL = " ,.&-"  # what stands between a name and its legal form


def without_legal_form(company: str) -> str:
    """`company` without the legal forms that end it ("Crunchyroll, LLC": "Crunchyroll";
    "Acme Pty Ltd": "Acme"); a name that is only one ("S.A.") stays."""
    words = company.split()
    end = len(words)
    while end > 1 and words[end - 1].strip(_TAIL).replace(".", "").casefold() in _FORM_WORDS:
        end -= 1
    if end == len(words):
        return company
    return " ".join(words[:end]).rstrip(_TAIL) or company


def company_key(company: str) -> str:
    """A company as muting compares it: case, accents, punctuation and a trailing legal form
    do not matter ("Stripe, Inc." and "stripe"; "Zürich Pay GmbH" and "Zurich Pay")."""
    return " ".join(_NOT_KEY.sub(" ", fold(without_legal_form(company)).replace(".", "")).split())


def joined_key(company: str) -> str:
    """`company_key` with its words run together, as a name spelled apart or joined compares
    ("Fern Point" and "Fernpoint"; "harbour coin" and "Harbourcoin")."""
    return company_key(company).replace(" ", "")
