"""A query's word that no stored job has, spelled close to a word jobs do say ("rsut",
"senoir", "remtoe", "berlni"): the word most likely meant, with the query that has it, ready
to copy; or a name of no job, tech or place ("monzo"): the /follow that reads that company's
jobs. An alert of a word no job has matches nothing, ever, and says so only by silence.
Pure: the caller says which words no stored job has (`stored_search.held_back`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html import escape as esc

from bot.placenames import names_a_place, place_words
from bot.salary import currency_word
from bot.stack import tech_words
from bot.synonyms import expand
from bot.syntax import And, Field, Node, Or, Phrase, Word, format_node
from bot.telegram.tips.exclude import EXCLUDING
from bot.telegram.tips.filters import GLUE
from bot.telegram.tips.pay import AT_LEAST, AT_MOST, YEARLY
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
})  # fmt: skip
SHORTEST = 4  # letters: shorter words have too many neighbours to guess among
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@functools.cache
def _known() -> tuple[frozenset[str], frozenset[str]]:
    """The words of jobs and techs, then those of places: a typo is read as one of the first
    before one of the second."""
    return _JOB_WORDS | LEVELS | set(TYPES) | tech_words(), place_words()


def meant(word: str) -> str | None:
    """The known word `word` most likely misspells by one letter (left out, added, changed, or
    two swapped: "rsut", "senoir", "berlni"), or None: it is known itself, short, or one
    letter from none."""
    jobs, places = _known()
    if len(word) < SHORTEST or not word.isalpha() or word in jobs or word in places:
        return None
    edits = _edits(word)
    for known in (jobs, places):
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
    respelled (every one of them); else for the first such word, or company: name, that is no word of jobs, techs
    or places ("monzo"): that no job has it, and the /follow that reads that company's jobs
    ("" when none)."""
    words = _words(root)
    if typos := _typos(words, unseen):
        return _respelled_tip(root, typos, command)
    for word, bare in words:
        if bare and _a_name(word) and unseen(word):
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


def _respelled_tip(root: Node, typos: list[_Typo], command: str) -> str:
    """The words likely meant, with the query that has every one of them ("platform enginer
    kubernets": both fixed, where one left it still matching nothing)."""
    fixed = root
    for word, better, _ in typos:
        fixed = _respelled(fixed, word, better)
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
    jobs, places = _known()
    if _AMOUNT.fullmatch(word) or currency_word(word):  # "90k", "eur": pay, no name
        return False
    if word in jobs or word in places or word in _SAID_WORDS or names_a_place(word):
        return False  # ("munchen": a city, as location:munchen finds; "oder": a glue word)
    if expand(Word(word)) != Word(word):
        return False  # "sre": Site Reliability Engineer, which jobs write out
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
