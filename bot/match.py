"""Which alerts a posting matches, without evaluating every alert.

A posting is tokenized once into a `PostingView`: word sets and space-joined words per field.
A compiled query tests a view with set and substring lookups, never re-tokenizing. `Matcher`
indexes alerts by *keys* (words, words in a field, attributes) a posting must have for them to
match: a trie over each alert's keys, rarest first. A posting visits only the branches its own
keys open, and most alerts are decided by keys alone. `matches` is the plain reference.
"""

from __future__ import annotations

import logging
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import NamedTuple

from bot.errors import QueryError
from bot.models import Alert, Delivery, Posting
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
    Word,
    fold,
    parse,
)
from bot.query import tokens as _tokens

log = logging.getLogger(__name__)

ANY = 0  # title, company, location and description together; then one scope per field
_SCOPE = {name: i for i, name in enumerate(FIELDS, start=1)}
_ANYWHERE = ("title", "company", "location", "description")
_ATTR_VALUES: dict[tuple[str, str], frozenset[str | None]] = {
    ("remote", "yes"): frozenset({"remote"}),
    ("remote", "hybrid"): frozenset({"hybrid"}),
    ("remote", "no"): frozenset({"onsite", None}),
    ("type", "full-time"): frozenset({"full_time"}),
    ("type", "part-time"): frozenset({"part_time"}),
    ("type", "contract"): frozenset({"contract", "freelance", "temporary"}),
    ("type", "internship"): frozenset({"intern"}),
}
_UNLIMITED = {"max_length": 1 << 30, "max_terms": 1 << 30, "max_depth": 64}


def _query(query: str | Query) -> Query:
    """Stored alerts passed the limits when they were saved: don't apply them again."""
    return query if isinstance(query, Query) else parse(query, **_UNLIMITED)


def _attribute(posting: Posting | PostingView, name: str) -> str | None:
    return posting.workplace if name == "remote" else posting.employment_type


# -- reference evaluator -------------------------------------------------------------------


def matches(query: str | Query, posting: Posting) -> bool:
    """Reference evaluator: walks the query over the posting's word lists, nothing clever."""
    fields = {f: _tokens(getattr(posting, f) or "") for f in (*_ANYWHERE, "board")}
    return _naive(_query(query).root, fields, _ANYWHERE, posting)


def _naive(node: Node, fields: dict[str, list[str]], scope: tuple[str, ...], p: Posting) -> bool:
    if isinstance(node, Word):
        return any(node.token in fields[f] for f in scope)
    if isinstance(node, Phrase):
        n = len(node.tokens)
        return any(
            tuple(fields[f][i : i + n]) == node.tokens for f in scope for i in range(len(fields[f]))
        )
    if isinstance(node, Prefix):
        return any(t.startswith(node.stem) for f in scope for t in fields[f])
    if isinstance(node, Attr):
        return _attribute(p, node.name) in _ATTR_VALUES[node.name, node.value]
    if isinstance(node, Field):
        return _naive(node.child, fields, (node.name,), p)
    if isinstance(node, Not):
        return not _naive(node.child, fields, scope, p)
    if isinstance(node, And):
        return all(_naive(c, fields, scope, p) for c in node.children)
    return any(_naive(c, fields, scope, p) for c in node.children)


# -- the posting's view and compiled queries -----------------------------------------------

_SEARCHES = 32  # phrase searches in one posting before its word pairs are worth building


class PostingView:
    """A posting tokenized once: word sets and " w w " texts by scope (`ANY`, then FIELDS)."""

    __slots__ = ("_pairs", "_searches", "employment_type", "parts", "text", "words", "workplace")

    def __init__(self, posting: Posting):
        title, company, location, description, board = (
            _tokens(getattr(posting, f) or "") for f in (*_ANYWHERE, "board")
        )
        anywhere = set(description)
        anywhere.update(title, company, location)
        self.parts = (title, company, location, description, board)
        fields = (title, company, location, board)
        self.words: tuple[AbstractSet[str], ...] = (anywhere, *(set(t) for t in fields))
        # "\n" parts the fields: a phrase never runs from the title into the company.
        anywhere_text = " \n ".join(" ".join(t) for t in self.parts[:4])
        self.text = (f" {anywhere_text} ", *(f" {' '.join(t)} " for t in fields))
        self.workplace = posting.workplace
        self.employment_type = posting.employment_type
        self._pairs: set[tuple[str, str]] | None = None
        self._searches = 0

    def has_phrase(self, needle: str, pairs: frozenset[tuple[str, str]]) -> bool:
        """Whether the words of `needle` (" a b c ") follow each other in the posting.

        The first few phrases are searched in the text; then the set of adjacent word pairs
        is built once, and answers most phrases by itself.
        """
        if self._pairs is None:
            self._searches += 1
            if self._searches <= _SEARCHES:
                return needle in self.text[ANY]
            self._pairs = set()
            for part in self.parts[:4]:
                self._pairs.update(pairwise(part))
        return pairs <= self._pairs and (len(pairs) == 1 or needle in self.text[ANY])


def view(posting: Posting) -> PostingView:
    """Tokenize a posting once for every alert that looks at it."""
    return PostingView(posting)


Test = Callable[[PostingView], bool]


def compile_query(query: str | Query) -> Test:
    """A function that tells whether a `PostingView` matches the query."""
    return _compile(_query(query).root, ANY)


def _compile(node: Node, scope: int) -> Test:
    if isinstance(node, Word):
        word = node.token
        return lambda v: word in v.words[scope]
    if isinstance(node, Prefix):
        stem = " " + node.stem  # words are space-separated: " dev" starts a word
        return lambda v: stem in v.text[scope]
    if isinstance(node, Phrase):
        needle = f" {' '.join(node.tokens)} "
        if scope != ANY:
            return lambda v: needle in v.text[scope]
        pairs = frozenset(pairwise(node.tokens))
        return lambda v: v.has_phrase(needle, pairs)
    if isinstance(node, Attr):
        values, name = _ATTR_VALUES[node.name, node.value], node.name
        return lambda v: _attribute(v, name) in values
    if isinstance(node, Field):
        return _compile(node.child, _SCOPE[node.name])
    if isinstance(node, Not):
        inner = _compile(node.child, scope)
        return lambda v: not inner(v)
    if isinstance(node, And):
        words = frozenset(c.token for c in node.children if isinstance(c, Word))
        tests = [_compile(c, scope) for c in node.children if not isinstance(c, Word)]
        if words:
            tests.insert(0, lambda v: words <= v.words[scope])
        return _all(tests)
    tests = [_compile(c, scope) for c in node.children]
    return lambda v: any(t(v) for t in tests)


def _all(tests: list[Test]) -> Test:
    return tests[0] if len(tests) == 1 else lambda v: all(t(v) for t in tests)


# -- keys ----------------------------------------------------------------------------------
# What a posting has, as strings: a word anywhere ("rust"), a word in a field ("title:rust"),
# two adjacent words in a field ("title:machine learning"), the beginning of a word in a field
# ("title:*engin"), the first letters of a word anywhere ("*dev"), an attribute
# ("remote:yes"). Words hold no ":", "*" or space.

_STEM = MIN_PREFIX
_COMMON_WORDS = (
    "a an and are as at be by for from in is it of on or our the to we will with you your "
    "team work working experience role years skills strong ability new job knowledge "
    "senior junior lead engineer engineering developer development software manager "
    "management data business product design remote hybrid office full time part company "
    "customer support services people help build across well high more other"
)
_COMMON = frozenset(_COMMON_WORDS.split())
_FIELD_RARITY = {"": 1.0, "title": 0.2, "company": 0.05, "location": 0.3, "board": 0.05}


def _key(scope: int, word: str) -> str:
    return word if scope == ANY else f"{FIELDS[scope - 1]}:{word}"


def _rarity(key: str) -> float:
    """A guess at the share of postings that have `key`: the rarest key anchors an alert."""
    field, _, word = key.rpartition(":")
    if field in ("remote", "type"):
        return 0.5
    if word.startswith("*") or word in _COMMON:
        base = 0.3
    else:
        base = 0.05 / (1 + len(word) / 8 + word.count(" "))
    return base * _FIELD_RARITY[field]


def posting_keys(v: PostingView, word_starts: bool = False) -> set[str]:
    """The keys the posting has; the first letters of its words anywhere if `word_starts`."""
    keys = set(v.words[ANY])
    for scope, name in enumerate(FIELDS, start=1):
        part = v.parts[4 if name == "board" else scope - 1]
        keys.update([f"{name}:{w}" for w in v.words[scope]])
        keys.update([f"{name}:*{w[:n]}" for w in v.words[scope] for n in range(_STEM, len(w) + 1)])
        keys.update([f"{name}:{a} {b}" for a, b in pairwise(part)])
    if word_starts:
        keys.update({"*" + w[:_STEM] for w in v.words[ANY]})
    for (name, value), have in _ATTR_VALUES.items():
        if _attribute(v, name) in have:
            keys.add(f"{name}:{value}")
    return keys


def _exact_key(node: Node, scope: int) -> str | None:
    """The key a posting has exactly when it matches `node`, if there is one."""
    if isinstance(node, Word):
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
    if isinstance(node, Phrase):
        words = node.tokens if scope == ANY else [" ".join(p) for p in pairwise(node.tokens)]
        return [Way(frozenset(_key(scope, w) for w in words), tests=(_compile(node, scope),))]
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
    needles = [[n for k in way.keys for n in _needles(k)] for way in plan(q.root) or ()]
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
    return [] if field in ("remote", "type") else words.lstrip("*").split(" ")


# -- the index -----------------------------------------------------------------------------

_BUCKET = 8  # items a trie node holds before it moves them down by their next key


class _Item(NamedTuple):
    """One way of one entry, as stored in the trie: what is left to check at its node."""

    rest: tuple[str, ...]  # keys not on the path to the node, rarest first
    absent: tuple[str, ...]
    test: Test | None
    entry: _Entry

    def down(self) -> _Item:
        return self._replace(rest=self.rest[1:])


class _Node:
    """What a posting that reaches this node matches, and deeper nodes by their key.

    `hits` match outright; `guarded` match unless the posting has a key of `excluded` that
    names them; `items` are checked one by one. Empty parts are None: a posting reads only
    what a node has, and memory reads are what matching costs most.
    """

    __slots__ = ("children", "excluded", "guarded", "hits", "items")

    def __init__(self) -> None:
        self.hits: tuple[_Entry, ...] = ()
        self.guarded: set[_Entry] | None = None
        self.excluded: dict[str, set[_Entry]] | None = None
        self.items: list[_Item] | None = None
        self.children: dict[str, _Node] | None = None

    def copy(self) -> _Node:
        """A deep copy, allocated in one go."""
        new = _Node()
        new.hits = tuple(list(self.hits))
        if self.guarded and self.excluded:
            new.guarded = set(self.guarded)
            new.excluded = {key: set(entries) for key, entries in self.excluded.items()}
        if self.items:
            new.items = [i._replace(rest=tuple(list(i.rest))) for i in self.items]
        if self.children:
            new.children = {key: node.copy() for key, node in self.children.items()}
        return new

    def child(self, key: str) -> _Node:
        if self.children is None:
            self.children = {}
        node = self.children.get(key)
        if node is None:
            node = self.children[key] = _Node()
        return node

    def add(self, item: _Item) -> None:
        node = self
        while item.rest and (item.test is None or item.rest[0] in (node.children or ())):
            node, item = node.child(item.rest[0]), item.down()
        if item.test is not None:
            node.items = [*(node.items or ()), item]
            if len(node.items) > _BUCKET:
                items, node.items = node.items, [i for i in node.items if not i.rest]
                for i in items:
                    if i.rest:
                        node.child(i.rest[0]).add(i.down())
        elif item.absent:
            if node.guarded is None or node.excluded is None:
                node.guarded, node.excluded = set(), {}
            node.guarded.add(item.entry)
            for key in item.absent:
                node.excluded.setdefault(key, set()).add(item.entry)
        else:
            node.hits += (item.entry,)


def _collect(nodes: dict[str, _Node], keys: set[str], v: PostingView, out: set[_Entry]) -> None:
    for key in nodes.keys() & keys:
        node = nodes[key]
        if node.hits:
            out.update(node.hits)
        if node.guarded is not None and node.excluded is not None:
            guarded = node.guarded
            for excluded in node.excluded.keys() & keys:
                guarded = guarded - node.excluded[excluded]
            out.update(guarded)
        if node.items is not None:
            for rest, absent, test, entry in node.items:
                if (
                    keys.issuperset(rest)
                    and entry not in out
                    and keys.isdisjoint(absent)
                    and (test is None or test(v))
                ):
                    out.add(entry)
        if node.children is not None:
            _collect(node.children, keys, v, out)


class _Entry:
    """One distinct query and the alerts that share it (hashed by identity: cheap in a set)."""

    __slots__ = ("alerts", "query")

    def __init__(self, query: Query):
        self.query = query
        self.alerts: tuple[Alert, ...] = ()


class Matcher:
    """Alerts compiled into an index: `match` costs the posting's keys plus the candidates.

    Alerts with the same normalized query share one entry. `add`, `remove` and `sync` keep the
    index current without a rebuild (an entry left without alerts stays, empty, until one).
    """

    def __init__(self, alerts: Iterable[Alert] = ()):
        self._by_text: dict[str, _Entry] = {}
        self._by_query: dict[str, _Entry] = {}
        self._by_alert: dict[int, tuple[Alert, _Entry]] = {}
        self._root: dict[str, _Node] = {}
        self._word_starts = False  # some alert needs the first letters of words anywhere
        for alert in alerts:
            self.add(alert)
        # Lay the trie out afresh, node by node: a posting reads a few nodes and everything
        # in them, and reads them several times faster when they sit together in memory.
        self._root = {key: node.copy() for key, node in self._root.items()}

    def __len__(self) -> int:
        return len(self._by_alert)

    @property
    def queries(self) -> int:
        """How many distinct queries the alerts have."""
        return len(self._by_query)

    def add(self, alert: Alert) -> bool:
        """Index one alert (again); False, with a warning, when its query does not parse."""
        entry = self._by_text.get(alert.query)
        if entry is None:
            try:
                query = _query(alert.query)
            except QueryError as exc:
                log.warning("alert #%s %r is not a valid query: %s", alert.id, alert.query, exc)
                return False
            entry = self._by_query.get(query.normalized) or self._new_entry(query)
            self._by_text[alert.query] = entry
        self.remove(alert.id)
        entry.alerts += (alert,)
        self._by_alert[alert.id] = (alert, entry)
        return True

    def remove(self, alert_id: int) -> bool:
        """Forget one alert; False when it was not indexed."""
        known = self._by_alert.pop(alert_id, None)
        if known is None:
            return False
        entry = known[1]
        entry.alerts = tuple(a for a in entry.alerts if a.id != alert_id)
        return True

    def sync(self, alerts: Iterable[Alert]) -> None:
        """Make the index hold exactly `alerts`: new and changed ones added, the others removed.

        Costs a dictionary lookup per alert plus parsing the new ones: cheap enough to call
        before every poll, where building a `Matcher` for 100k alerts takes seconds.
        """
        keep: set[int] = set()
        for alert in alerts:
            keep.add(alert.id)
            known = self._by_alert.get(alert.id)
            if known is None or known[0] != alert:
                self.add(alert)
        for alert_id in [i for i in self._by_alert if i not in keep]:
            self.remove(alert_id)

    def _new_entry(self, query: Query) -> _Entry:
        entry = self._by_query[query.normalized] = _Entry(query)
        ways = plan(query.root)
        assert ways, "parse refuses queries that need no key"
        for way in ways:
            # The first letters of every word of a posting are costly to list: such a key is
            # used only when a way has no other key (the prefix is tested anyway).
            keys = {k for k in way.keys if not k.startswith("*")}
            if not keys:
                keys = set(way.keys)
                self._word_starts = True
            path = [sys.intern(k) for k in sorted(keys, key=lambda k: (_rarity(k), k))]
            absent = tuple(sys.intern(k) for k in sorted(way.absent))
            test = None if not way.tests else _all(list(way.tests))
            item = _Item(tuple(path[1:]), absent, test, entry)
            self._root.setdefault(path[0], _Node()).add(item)
        return entry

    def match(self, posting: Posting) -> list[Alert]:
        """The alerts that match `posting`, in no particular order."""
        v = view(posting)
        found: set[_Entry] = set()
        _collect(self._root, posting_keys(v, self._word_starts), v, found)
        return list(chain.from_iterable(entry.alerts for entry in found))


def route(postings: Iterable[Posting], alerts: Iterable[Alert] | Matcher) -> list[Delivery]:
    """One delivery per (user, posting), naming every alert of that user that matched."""
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
