"""Whether a posting matches an alert query: the reference evaluator, plan, search and route.

A posting is tokenized once into a `PostingView`, which compiled queries test (`bot.view`, whose
names are importable from here too); `matches` is the plain reference. `plan` lists the *keys*
(words, words in a field, attributes) a posting must have to match a query: `search` passes over
postings whose text lacks them, and the `Matcher` of `bot.index` (also importable from here)
indexes alerts by them, so that `route` does not evaluate every alert.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.models import Alert, Delivery, Posting
from bot.places import is_place_word, place_names
from bot.query import (
    FIELDS,
    MIN_PREFIX,
    And,
    Attr,
    Field,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Query,
    Salary,
    Word,
)
from bot.salary import yearly
from bot.synonyms import expand
from bot.view import (
    _ANYWHERE,
    _ATTR_VALUES,
    _SCOPE,
    ANY,
    Test,
    _attribute,
    _compile,
    _query,
    compile_query,
    salary_test,
    view,
)
from bot.view import PostingView as PostingView  # re-exported: bot.index imports them from here
from bot.view import _all as _all
from bot.words import HYPHEN_BOUND, fold, hyphen_only
from bot.words import tokens as _tokens

if TYPE_CHECKING:
    from bot.index import Matcher

# -- reference evaluator -------------------------------------------------------------------


def matches(query: str | Query, posting: Posting) -> bool:
    """Reference evaluator: walks the query over the posting's word lists, nothing clever.

    Each field is a list of word lists (a phrase runs within one); location: also looks in
    "places", the names of the countries and regions the location lies in.
    """
    fields = {f: [_tokens(getattr(posting, f) or "")] for f in (*_ANYWHERE, "board")}
    fields["places"] = [list(name) for name in place_names(posting.location)]
    return _naive(expand(_query(query).root), fields, _ANYWHERE, posting)


def _has_word(word: str, field: str, words: list[list[str]], p: Posting) -> bool:
    """Whether the field has the word; "go" or "c" only in a hyphenated phrase ("go-live",
    "C-level") is not the language."""
    if not any(word in w for w in words):
        return False
    if word not in HYPHEN_BOUND or field == "places":
        return True
    return not hyphen_only(getattr(p, field) or "", [word])


def _naive(
    node: Node, fields: dict[str, list[list[str]]], scope: tuple[str, ...], p: Posting
) -> bool:
    if isinstance(node, Word):
        return any(_has_word(node.token, f, fields[f], p) for f in scope)
    if isinstance(node, Phrase):
        n = len(node.tokens)
        return any(
            tuple(w[i : i + n]) == node.tokens
            for f in scope
            for w in fields[f]
            for i in range(len(w))
        )
    if isinstance(node, Prefix):
        return any(t.startswith(node.stem) for f in scope for w in fields[f] for t in w)
    if isinstance(node, Attr):
        return _attribute(p, node.name) in _ATTR_VALUES[node.name, node.value]
    if isinstance(node, Salary):
        return salary_test(node, yearly(p))
    if isinstance(node, Field):
        names = ("location", "places") if node.name == "location" else (node.name,)
        return _naive(node.child, fields, names, p)
    if isinstance(node, Not):
        return not _naive(node.child, fields, scope, p)
    if isinstance(node, And):
        return all(_naive(c, fields, scope, p) for c in node.children)
    return any(_naive(c, fields, scope, p) for c in node.children)


# -- keys ----------------------------------------------------------------------------------
# What a posting has, as strings: a word anywhere ("rust"), a word in a field ("title:rust"),
# two adjacent words in a field ("title:machine learning"), the beginning of a word in a field
# ("title:*engin"), the first letters of a word anywhere ("*dev"), an attribute
# ("remote:yes"). Words hold no ":", "*" or space.

_STEM = MIN_PREFIX


def _key(scope: int, word: str) -> str:
    return word if scope == ANY else f"{FIELDS[scope - 1]}:{word}"


def _exact_key(node: Node, scope: int) -> str | None:
    """The key a posting has exactly when it matches `node`, if there is one."""
    if isinstance(node, Word) and node.token not in HYPHEN_BOUND:
        return _key(scope, node.token)
    if isinstance(node, Attr):
        return f"{node.name}:{node.value}"
    if isinstance(node, Field):
        return _exact_key(node.child, _SCOPE[node.name])
    if scope == ANY:
        return None
    if isinstance(node, Prefix):
        return _key(scope, "*" + node.stem)
    if isinstance(node, Phrase) and len(node.tokens) == 2:
        return _key(scope, " ".join(node.tokens))
    return None


@dataclass(frozen=True, slots=True)
class Way:
    """One way to match: the posting has every key of `keys`, none of `absent`, passes `tests`."""

    keys: frozenset[str]
    absent: frozenset[str] = frozenset()
    tests: tuple[Test, ...] = ()

    def __and__(self, other: Way) -> Way:
        return Way(self.keys | other.keys, self.absent | other.absent, self.tests + other.tests)


def plan(node: Node, scope: int = ANY, limit: int = 8) -> list[Way] | None:
    """The ways a posting can match `node`; None when it needs no key (a NOT).

    A posting that satisfies one way matches, and a posting that matches satisfies one way.
    An AND combines the ways of its positive parts (up to `limit` ways) and checks the rest;
    an OR offers the ways of every branch, so each branch must need some key.
    """
    exact = _exact_key(node, scope)
    if exact is not None:
        return [Way(frozenset({exact}))]
    if isinstance(node, Word | Phrase):  # a phrase, or "go" (a word, unless "go-live")
        words = node.tokens if isinstance(node, Phrase) else (node.token,)
        if scope != ANY and len(words) > 1:
            words = tuple(" ".join(p) for p in pairwise(words))
        return [Way(frozenset(_key(scope, w) for w in words), tests=(_compile(node, scope),))]
    if isinstance(node, Salary):  # the currency, or any stated salary; then the amounts
        key = f"salary:{node.currency or 'stated'}"
        return [Way(frozenset({key}), tests=(_compile(node, scope),))]
    if isinstance(node, Prefix):  # anywhere: its first letters, and a test
        return [Way(frozenset({"*" + node.stem[:_STEM]}), tests=(_compile(node, scope),))]
    if isinstance(node, Field):
        return plan(node.child, _SCOPE[node.name], limit)
    if isinstance(node, Not):
        return None
    parts = [(child, plan(child, scope, limit)) for child in node.children]
    if isinstance(node, Or):
        branches = [ways for _, ways in parts if ways is not None]
        return [w for ways in branches for w in ways] if len(branches) == len(parts) else None
    anchored = sorted(((c, ways) for c, ways in parts if ways), key=lambda cw: len(cw[1]))
    if not anchored:
        return None
    combined = anchored[0][1]
    rest = Way(frozenset())
    for child, ways in anchored[1:]:
        if len(combined) * len(ways) <= limit:
            combined = [a & b for a in combined for b in ways]
        else:
            rest = rest & Way(frozenset(), tests=(_compile(child, scope),))
    for child, ways in parts:
        if ways is None:
            absent = _exact_key(child.child, scope) if isinstance(child, Not) else None
            if absent is not None:
                rest = rest & Way(frozenset(), absent=frozenset({absent}))
            else:
                rest = rest & Way(frozenset(), tests=(_compile(child, scope),))
    return [w & rest for w in combined]


def search(query: str | Query, postings: Iterable[Posting], limit: int = 0) -> list[Posting]:
    """The postings that match, in their order; the first `limit` of them when it is set.

    A posting whose folded text lacks the words of every way to match is passed over without
    being tokenized: a few times quicker on the postings that don't match.
    """
    q = _query(query)
    test = compile_query(q)
    needles = [[n for k in way.keys for n in _needles(k)] for way in plan(expand(q.root)) or ()]
    hits: list[Posting] = []
    for posting in postings:
        text = fold("\n".join(getattr(posting, f) or "" for f in (*_ANYWHERE, "board")))
        if not any(all(n in text for n in way) for way in needles):
            continue
        if test(view(posting)):
            hits.append(posting)
            if len(hits) == limit:
                break
    return hits


def _needles(key: str) -> list[str]:
    """Text that the folded text of a posting with `key` contains."""
    field, _, words = key.rpartition(":")
    if field in ("remote", "type", "salary") or (field == "location" and is_place_word(words)):
        return []  # not in the text, or a country or region that its cities imply
    return words.lstrip("*").split(" ")


def route(postings: Iterable[Posting], alerts: Iterable[Alert] | Matcher) -> list[Delivery]:
    """One delivery per (user, posting), naming every alert of that user that matched."""
    from bot.index import Matcher  # not at the top: bot.index imports this module

    matcher = alerts if isinstance(alerts, Matcher) else Matcher(alerts)
    out: list[Delivery] = []
    for posting in postings:
        per_user: dict[int, list[int]] = defaultdict(list)
        for alert in matcher.match(posting):
            per_user[alert.chat_id].append(alert.id)
        out.extend(
            Delivery(chat, posting.key, tuple(sorted(ids))) for chat, ids in per_user.items()
        )
    return out


def __getattr__(name: str) -> object:
    """`Matcher` is imported on first use: `bot.index` builds on this module."""
    if name != "Matcher":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from bot.index import Matcher

    return Matcher
