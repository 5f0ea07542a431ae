"""A query's word that no stored job has, spelled close to a word jobs do say ("rsut",
"senoir", "remtoe", "berlni"): the word most likely meant, with the query that has it, ready
to copy; or a name of no job, tech or place ("monzo"): the /follow that reads that company's
jobs. An alert of a word no job has matches nothing, ever, and says so only by silence.
A word of everyday language no job has yet ("hire", "vagas": `bot.ordinary`) is neither.
Pure: the caller says which words no stored job has (`stored_search.held_back`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html import escape as esc

from bot.ordinary import is_everyday, is_word
from bot.placenames import names_a_place, place_words
from bot.salary import currency_word
from bot.stack import tech_words
from bot.synonyms import expand
from bot.syntax import And, Field, Node, Not, Or, Phrase, Word, format_node
from bot.telegram.tips.exclude import EXCLUDING, exclusion_tip, negated
from bot.telegram.tips.filters import GLUE
from bot.telegram.tips.pay import AT_LEAST, AT_MOST, YEARLY
from bot.telegram.tips.roles import ROLE_NOUNS
from bot.telegram.tips.romance import workplace_word
from bot.telegram.tips.words import LEVELS, TYPES

# Words of jobs' titles and trades, as a query types them; with the techs' names and the
# places' names, what a misspelled word is most likely meant to be.
_JOB_WORDS = frozenset({
    "engineer", "engineering", "developer", "development", "backend", "frontend", "fullstack",
    "software", "platform", "infrastructure", "security", "mobile", "product", "manager",
    "management", "designer", "design", "data", "scientist", "science", "analyst", "analytics",
    "devops", "embedded", "firmware", "machine", "learning", "cloud", "architect", "lead",
    "head", "director", "remote", "hybrid", "onsite", "fintech", "crypto", "blockchain",
    "payments", "banking", "trading", "startup", "reliability", "systems", "distributed",
    "quantitative", "research", "researcher", "consultant", "support", "operations",
    "marketing", "sales", "recruiter", "writer", "technical", "programmer", "graduate",
    "internship", "intern", "contract", "freelance", "jobs", "job", "roles", "role",
    "student", "apprentice", "apprenticeship", "trainee", "traineeship", "placement",
    "undergraduate", "university", "college", "bootcamp", "fellowship", "residency",
    "rotational", "associate", "assistant", "graduating",
})  # fmt: skip
# Words of a student's search, and short ones of others': no misspelling and no company's
# name ("grad", "coop", "summer"), and never offered for a word that looks like them ("glad"
# is no "grad", "loop" no "coop"). With `bot.synonyms`' spellings ("grads", "co op").
_PLAIN_WORDS = frozenset({
    "grad", "coop", "new", "recent", "early", "entry", "level", "career", "careers", "term",
    "fall", "winter", "spring", "summer", "autumn", "undergrad", "phd", "masters", "bachelor",
    "bachelors", "degree", "campus", "program", "programme", "working", "werkstudent",
    "stagiaire", "first", "year",
})  # fmt: skip
SHORTEST = 4  # letters: shorter words have too many neighbours to guess among
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@functools.cache
def _known() -> tuple[frozenset[str], frozenset[str]]:
    """The words of jobs and techs, then those of places: a typo is read as one of the first
    before one of the second."""
    jobs = _JOB_WORDS | ROLE_NOUNS | LEVELS | set(TYPES) | tech_words()
    return jobs - _PLAIN_WORDS, place_words()


def _is_known(word: str) -> bool:
    """Whether `word`, or the singular of it ("interns", "graduates", "companies"), is a word
    of jobs, techs or places, a plain word, or one with other spellings (`bot.synonyms`:
    "grads", "internships"); a word no store holds yet may be any of these."""
    jobs, places = _known()
    forms = {word}
    if len(word) > 3 and word.endswith("s"):
        forms |= {word[:-1], word[:-2], word[:-3] + "y"}  # -s, -es, -ies
    return any(
        f in jobs or f in places or f in _PLAIN_WORDS or expand(Word(f)) != Word(f) for f in forms
    )


def meant(word: str) -> str | None:
    """The known word `word` most likely misspells by one letter (left out, added, changed, or
    two swapped: "rsut", "senoir", "berlni"), or None: it is known itself, short, one letter
    from none, or a word of everyday language ("hire" is no "eire"). A rarer English word is
    a typo of a word of jobs ("manger": manager), never of a place's name."""
    jobs, places = _known()
    if len(word) < SHORTEST or not word.isalpha() or _is_known(word) or is_everyday(word):
        return None
    edits = _edits(word)
    for known in (jobs,) if is_word(word) else (jobs, places):
        if found := sorted(edits & known):
            return found[0]
    return None


def _edits(word: str) -> set[str]:
    """Every word one letter from `word` (Norvig's spell corrector's edits)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in _LETTERS),
        *(a + c + b for a, b in splits for c in _LETTERS),
    }


def spelling_tip(root: Node, unseen: Callable[[str], bool], command: str) -> str:
    """For the words of the query (not ones it leaves out, nor a company's) that no stored
    job has (`unseen`) and that misspell known words: what they likely mean, with the query
    respelled (every one of them; one after a negating word left out); else for the first such word, or company: name, that is no
    word of jobs, techs, places or everyday language unless the query's only one ("monzo",
    "notion" alone): that no job has it, and the /follow that reads that company's jobs ("" when
    none)."""
    off = _negated_words(root)  # "sem cripto": no word to ask for, nor a company's name
    words = [(w, bare) for w, bare in _words(root) if w not in off]
    fixed, typos = _offered(root, _typos(_words(root), unseen), off)
    if typos:
        return _respelled_tip(fixed, typos, command)
    alone = len(words) == 1  # "/alert notion": nothing else is sought, so likely Notion's jobs
    for word, bare in words:
        if bare and _a_name(word) and (alone or not is_word(word)) and unseen(word):
            return f"\nNo job I have read has the word “{esc(word)}”. {_follow(word)}"
    for name in _companies(root):  # (not company:acme*: a prefix names no one company)
        if isinstance(name, Word | Phrase) and unseen(format_node(Field("company", name))):
            return f"\nNo job I have read is from “{esc(name.text)}”. {_follow(name.text)}"
    return ""


def _typos(words: list[tuple[str, bool]], unseen: Callable[[str], bool]) -> list[_Typo]:
    """Each word no stored job has that misspells a known word (not "over" of "paying over
    100k": the sentence tip reads it), with the word meant and whether it stands alone."""
    found = ((w, bare, meant(w)) for w, bare in dict.fromkeys(words) if w not in _SAID_WORDS)
    return [(w, better, bare) for w, bare, better in found if better is not None and unseen(w)]


_Typo = tuple[str, str, bool]  # the word, the word meant, whether it stands alone


def _offered(root: Node, typos: list[_Typo], off: frozenset[str]) -> tuple[Node, list[_Typo]]:
    """The query with the typos respelled, and those typos: one a negating word leaves out
    ("sem kubernets") only as left out (-kubernetes, as the exclusion tip writes it), never as
    a word to ask for, and not when that tip's query leaves the word meant out already ("sem
    cripto": -(cripto OR crypto)). ((root, []) for none.)"""
    if not off:
        return _respelled_all(root, typos), typos
    before = _left_out(_excluded(root))
    typos = [t for t in typos if t[0] not in off or t[1] not in before]
    fixed = _excluded(_respelled_all(root, typos))
    kept = [t for t in typos if t[0] not in off or t[1] in _left_out(fixed)]
    return (fixed, kept) if kept == typos else (_excluded(_respelled_all(root, kept)), kept)


def _respelled_all(root: Node, typos: list[_Typo]) -> Node:
    for word, better, _ in typos:
        root = _respelled(root, word, better)
    return root


def _excluded(root: Node) -> Node:
    """The query with what it leaves out in words left out (`exclusion_tip`), or as it is."""
    tip = exclusion_tip(root, "", "")
    return root if tip is None or tip.meant is None else tip.meant


def _negated_words(root: Node) -> frozenset[str]:
    """The words that say to leave something out ("sem cripto", "nada de cripto")."""
    terms = root.children if isinstance(root, And) else (root,)
    return frozenset(w for i in negated(terms) for w, _ in _words(terms[i]))


def _left_out(node: Node) -> frozenset[str]:
    """The words the query leaves out (under NOT)."""
    if isinstance(node, Not):
        return frozenset(w for w, _ in _words(node.child))
    if isinstance(node, And | Or):
        return frozenset().union(*(_left_out(c) for c in node.children))
    return frozenset()


def _respelled_tip(fixed: Node, typos: list[_Typo], command: str) -> str:
    """The words likely meant, with the query that has every one of them ("platform enginer
    kubernets": both fixed, where one left it still matching nothing)."""
    word, better, bare = typos[0]
    place = bare and better in _known()[1] and not _swapped(word, better)  # "adyen"
    typed = " or ".join(f"“{esc(t[0])}”" for t in typos)
    named = " and ".join(f"<b>{esc(t[1])}</b>" for t in typos)
    return (
        f"\nNo job I have read has the word{'s' * (len(typos) > 1)} {typed}: did you mean {named}? "
        f"<code>{esc(command)} {esc(format_node(fixed))}</code>"
        + (f"\n{_follow(word, ' instead')}" if place and len(typos) == 1 else "")
    )


def _swapped(word: str, other: str) -> bool:
    """Whether `word` is `other` with two letters side by side swapped ("berlni"): a slip of
    the fingers, never a name of its own."""
    diff = [k for k, (a, b) in enumerate(zip(word, other, strict=False)) if a != b]
    return len(word) == len(other) and len(diff) == 2 and diff[1] == diff[0] + 1


def _a_name(word: str) -> bool:
    """Whether `word` may be a company's name: no word of jobs, techs or places, nor one
    with other spellings (`bot.synonyms`), an amount or a currency."""
    if _AMOUNT.fullmatch(word) or currency_word(word):  # "90k", "eur": pay, no name
        return False
    if _is_known(word) or word in _SAID_WORDS or names_a_place(word) or workplace_word(word):
        return False  # ("sre": Site Reliability Engineer; "munchen": a city; "oder": glue)
    return len(word) >= 3 and any(c.isalpha() for c in word)


# Words that join or qualify the others ("oder", "keine", "mindestens"), no company's name.
_SAID_WORDS = GLUE | EXCLUDING | AT_LEAST | AT_MOST | YEARLY
_AMOUNT = re.compile(r"\d[\d.,]*(?:k|m|mio|lpa|ph|pa)?", re.IGNORECASE)


def _follow(name: str, instead: str = "") -> str:
    """The /follow of a company by its name, to read its board."""
    named = " ".join(w[:1].upper() + w[1:] for w in name.split())
    return (
        f"If {esc(named)} is a company{instead}, <code>/follow {esc(named)}</code> looks for its "
        "job board, and its jobs then reach your alerts."
    )


def _companies(node: Node) -> list[Node]:
    """The names of company: filters a job must or may match (not under NOT)."""
    if isinstance(node, Field) and node.name == "company":
        return list(node.child.children if isinstance(node.child, Or) else (node.child,))
    if isinstance(node, And | Or):
        return [n for c in node.children for n in _companies(c)]
    return []


def _words(node: Node, bare: bool = True) -> list[tuple[str, bool]]:
    """The words a job must or may have (not under NOT, nor a company's name), each with
    whether it stands alone (not in title: or location:)."""
    if isinstance(node, Word):
        return [(node.token, bare)]
    if isinstance(node, And | Or):
        return [w for c in node.children for w in _words(c, bare)]
    if isinstance(node, Field) and node.name in ("title", "location"):
        return _words(node.child, False)
    return []


def _respelled(node: Node, word: str, better: str) -> Node:
    if node == Word(word):
        return Word(better)
    if isinstance(node, And | Or):
        return type(node)(tuple(_respelled(c, word, better) for c in node.children))
    if isinstance(node, Field) and node.name in ("title", "location"):
        return Field(node.name, _respelled(node.child, word, better))
    return node
