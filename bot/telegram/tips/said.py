"""Words a sentence says that are one thing: "staff-level" is the level, "remote-first"
remote, "crypto-free" no crypto, "developers" a developer; "work" after what work ("remote
work", "want to work on") is no word of the job."""

from __future__ import annotations

from bot.geodata import TIME_ZONES
from bot.stack import is_tech
from bot.syntax import And, Node, Not, Or, Phrase, Word
from bot.telegram.tips.tip import Tip, esc, joined, word_of
from bot.telegram.tips.where import WORKPLACE_WORDS
from bot.telegram.tips.words import LEVELS, TYPES


def kind_of_work(term: Node) -> bool:
    """Whether `term` before "work" says what work (remote, contract, a tech), or leads to
    it ("want to work on"): "work" is then no word of the job."""
    said = word_of(term)
    kinds = said in WORKPLACE_WORDS or said in TYPES or is_tech(said) or isinstance(term, Or)
    return kinds or said == "to"


# Kinds of business people leave out by saying "crypto-free" ("a crypto-free fintech").
_FREE_OF = frozenset({"crypto", "web3", "blockchain", "gambling", "betting", "defense", "defence"})
_REMOTE_SAID = frozenset({"first", "friendly", "only", "ok", "possible", "welcome"})


# Roles a sentence names in the plural ("hiring rust developers"), as a job's title names one.
_ROLES = frozenset({
    "engineer", "developer", "designer", "manager", "analyst", "scientist", "architect",
    "consultant", "programmer", "administrator", "admin", "specialist", "researcher", "tester",
    "recruiter", "writer", "marketer", "accountant", "nurse", "teacher", "technician", "sre",
})  # fmt: skip


def one_word(term: Node) -> Node:
    """A hyphenated phrase that says one word of a sentence as that word: "staff-level" the
    level, "remote-first" (friendly, only) remote, "CET±2" (read "cet 2") the zone,
    "crypto-free" no crypto; a role in the plural ("engineers") as a title names it; any
    other term as it is."""
    if isinstance(term, Word) and term.token.endswith("s") and term.token[:-1] in _ROLES:
        return Word(term.token[:-1])  # (a job's title says "Engineer", and words are whole)
    if term == Word("devs"):
        return Word("developer")  # as a title says it
    if not isinstance(term, Phrase) or len(term.tokens) != 2:
        return term
    first, second = term.tokens
    if (first in LEVELS and second == "level") or (first == "remote" and second in _REMOTE_SAID):
        return Word(first)
    if first in TIME_ZONES and second.isdigit():
        return Word(first)
    if first in _FREE_OF and second == "free":
        return Not(Word(first))  # "crypto-free": no crypto
    return term


def plural_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When a role is typed in the plural ("rust engineers"): words are whole, so it finds only
    the jobs that write the plural, and a job's title names one; the singular is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        single = one_word(term)
        if isinstance(term, Word) and isinstance(single, Word) and single != term:
            named = single.token.upper() if len(single.token) < 4 else single.token.title()  # SRE
            return Tip(
                f"<b>{esc(term.token)}</b> finds that word as written, and a job's title names "
                f"one (“{esc(named)}”).",
                "For those:",
                joined((*terms[:i], single, *terms[i + 1 :])),
            )
    return None
