"""Keys: what a posting must have to match a query (`plan`), and what a posting has.

A key is a string: a word anywhere ("rust"), a word in a field ("title:rust"), two adjacent
words in a field ("title:machine learning"), the beginning of a word in a field
("title:*engin"), the first letters of a word anywhere ("*dev"), an attribute ("remote:yes")
or a salary ("salary:stated"). Words hold no ":", "*" or space. The index
(`bot.index`) files alerts under the keys of their ways and looks a posting up by
`posting_keys`; `bot.match.search` passes over postings whose text lacks a way's keys.
"""

from __future__ import annotations

import functools
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import pairwise

from bot.placewords import Where
from bot.syntax import (
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
    Salary,
    Word,
    Years,
)
from bot.view import ANY, ATTR_VALUES, SCOPE, PostingView, Test, attribute, compile_node
from bot.words import LANGUAGE_WORDS

STEM = MIN_PREFIX  # letters of a word's beginning that a key names


def _key(scope: int, word: str) -> str:
    return word if scope == ANY else f"{FIELDS[scope - 1]}:{word}"


def _exact_key(node: Node, scope: int) -> str | None:
    """The key a posting has exactly when it matches `node`, if there is one."""
    if isinstance(node, Word) and node.token not in LANGUAGE_WORDS:
        return _key(scope, node.token)
    if isinstance(node, Attr):
        return f"{node.name}:{node.value}"
    if isinstance(node, Field):
        return _exact_key(node.child, SCOPE[node.name])
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


_NOTHING = Way(frozenset())


def plan(node: Node, scope: int = ANY, limit: int = 8) -> list[Way] | None:
    """The ways a posting can match `node`; None when it needs no key (a NOT).

    A posting that satisfies one way matches, and a posting that matches satisfies one way.
    An AND combines the ways of its positive parts (up to `limit` ways) and checks the rest;
    an OR offers the ways of every branch, so each branch must need some key.
    """
    exact = _exact_key(node, scope)
    if exact is not None:
        return [Way(frozenset({exact}))]
    if isinstance(node, Word | Phrase | Salary | Years | Prefix):
        return [_tested(node, scope)]
    if isinstance(node, Field):
        return plan(node.child, SCOPE[node.name], limit)
    if isinstance(node, Not):
        return None
    assert isinstance(node, And | Or), node  # Attr has an exact key
    parts = [(child, plan(child, scope, limit)) for child in node.children]
    if isinstance(node, Or):
        branches = [ways for _, ways in parts if ways is not None]
        return [w for ways in branches for w in ways] if len(branches) == len(parts) else None
    return _both(parts, scope, limit)


def _tested(node: Word | Phrase | Salary | Years | Prefix, scope: int) -> Way:
    """A leaf without an exact key: the keys it implies, and its test."""
    test = (compile_node(node, scope),)
    if isinstance(node, Years):  # the postings that ask some years; then the number
        return Way(frozenset({"years:stated"}), tests=test)
    if isinstance(node, Salary):  # any stated salary (in any currency: `bot.rates`); then
        return Way(frozenset({"salary:stated"}), tests=test)  # the currency and amounts
    if isinstance(node, Prefix):  # anywhere: its first letters
        return Way(frozenset({"*" + node.stem[:STEM]}), tests=test)
    # a phrase, or "go" (a word, unless "go-live")
    words = node.tokens if isinstance(node, Phrase) else (node.token,)
    if scope != ANY and len(words) > 1:
        words = tuple(" ".join(p) for p in pairwise(words))
    return Way(frozenset(_key(scope, w) for w in words), tests=test)


def _both(parts: list[tuple[Node, list[Way] | None]], scope: int, limit: int) -> list[Way] | None:
    """An AND of `parts` (each child with its ways): anchored by the ways of some, the rest
    checked (by a key that must be absent where a NOT has one, else by a test)."""
    anchored = sorted(((c, ways) for c, ways in parts if ways), key=lambda cw: len(cw[1]))
    if not anchored:
        return None
    combined: list[Way] = anchored[0][1] or []
    rest = _NOTHING
    for child, more in anchored[1:]:
        more = more or []
        if len(combined) * len(more) <= limit:
            combined = [a & b for a in combined for b in more]
        else:
            rest = rest & Way(frozenset(), tests=(compile_node(child, scope),))
    for child, ways in parts:
        if ways is None:
            absent = _exact_key(child.child, scope) if isinstance(child, Not) else None
            if absent is not None:
                rest = rest & Way(frozenset(), absent=frozenset({absent}))
            else:
                rest = rest & Way(frozenset(), tests=(compile_node(child, scope),))
    return [w & rest for w in combined]


@functools.lru_cache(maxsize=1024)
def _place_keys(here: Where) -> frozenset[str]:
    """The location: keys that the names of a posting's places give it ("location:germany",
    "location:*germ", "location:north america"): the same for every posting of a location,
    and a big city has dozens of names."""
    keys = {f"location:{w}" for w in here.words}
    every = {w for name in here.names for w in name}  # "asi*" finds "asia pacific" too
    keys.update(f"location:*{w[:n]}" for w in every for n in range(STEM, len(w) + 1))
    keys.update(f"location:{a} {b}" for place in here.names for a, b in pairwise(place))
    return frozenset(keys)


def posting_keys(
    v: PostingView, word_starts: bool = False, attrs: AbstractSet[str] | None = None
) -> set[str]:
    """The keys the posting has; the first letters of its words anywhere if `word_starts`;
    the keys of the attributes named in `attrs` (all when None): those the alerts look up,
    as reading some (visa:, lang:) costs more than a set lookup."""
    keys = set(v.words[ANY])
    for scope, name in enumerate(FIELDS, start=1):
        part = v.parts[4 if name == "board" else scope - 1]
        words = v.words[scope]
        if name == "location" and v.places:
            words = words - v.where.words  # their keys are made once: `_place_keys`
            keys |= _place_keys(v.where)
        keys.update([f"{name}:{w}" for w in words])
        keys.update([f"{name}:*{w[:n]}" for w in words for n in range(STEM, len(w) + 1)])
        keys.update([f"{name}:{a} {b}" for a, b in pairwise(part)])
    if word_starts:  # (a prefix reads the whole text: a tech's name in the location too)
        keys.update({"*" + w[:STEM] for w in (*v.words[ANY], *v.parts[2])})
    for (name, value), have in ATTR_VALUES.items():
        if (attrs is None or name in attrs) and attribute(v, name) in have:
            keys.add(f"{name}:{value}")
    return keys
