"""The indexed `Matcher`: which alerts a posting matches, without evaluating every alert.

Alerts are indexed by the keys a posting must have to match them (`bot.plan`: words,
words in a field, attributes): a trie over each alert's keys, rarest first, whose nodes keep a
few items in a bucket before moving them down. A posting visits only the branches its own keys
(`posting_keys`) open, and most alerts are decided by keys alone. `add`, `remove` and `sync`
keep the index current.
"""

from __future__ import annotations

import logging
import sys
from array import array
from collections.abc import Iterable
from itertools import chain
from typing import NamedTuple

import numpy as np

from bot import gcpause
from bot.errors import QueryError
from bot.models import Alert, Posting, Routed
from bot.plan import plan, posting_keys
from bot.synonyms import expand
from bot.syntax import ATTRS, Query
from bot.view import PostingView, Test, all_of, stored_query, view

log = logging.getLogger(__name__)

_COMMON_WORDS = (
    "a an and are as at be by for from in is it of on or our the to we will with you your "
    "team work working experience role years skills strong ability new job knowledge "
    "senior junior lead engineer engineering developer development software manager "
    "management data business product design remote hybrid office full time part company "
    "customer support services people help build across well high more other"
)
_COMMON = frozenset(_COMMON_WORDS.split())
_FIELD_RARITY = {"": 1.0, "title": 0.2, "company": 0.05, "location": 0.3, "board": 0.05}


def _rarity(key: str) -> float:
    """A guess at the share of postings that have `key`: the rarest key anchors an alert."""
    field, _, word = key.rpartition(":")
    if field in ATTRS:
        return 0.05 if field == "visa" else 0.5  # few postings say anything of visas
    if word.startswith("*") or word in _COMMON:
        base = 0.3
    else:
        base = 0.05 / (1 + len(word) / 8 + word.count(" "))
    return base * _FIELD_RARITY[field]


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
    """One distinct query and the alerts that share it (hashed by identity: cheap in a set).

    `chats` and `ids` hold each alert's chat and id, in step, as 64-bit integers (SQLite's):
    routing joins them in C from two buffers, not from objects spread over the heap (three
    times quicker in a process that has run a while).
    """

    __slots__ = ("alerts", "chats", "ids", "query")

    def __init__(self, query: Query):
        self.query = query
        self.alerts: tuple[Alert, ...] = ()
        self.chats = array("q")
        self.ids = array("q")

    def add(self, alert: Alert) -> None:
        self.alerts += (alert,)
        self.chats.append(alert.chat_id)
        self.ids.append(alert.id)

    def drop(self, alert_id: int) -> None:
        self.alerts = tuple(a for a in self.alerts if a.id != alert_id)
        self.chats = array("q", [a.chat_id for a in self.alerts])
        self.ids = array("q", [a.id for a in self.alerts])


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
        self._attrs: set[str] = set()  # the attributes (remote:, visa:…) some alert looks up
        # The collector paused: 300k alerts build millions of objects that hold no cycles, and
        # each collection they set off walked them all (a quarter of the build; see `gcpause`).
        with gcpause.paused():
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
                query = stored_query(alert.query)
            except QueryError as exc:
                log.warning("alert #%s %r is not a valid query: %s", alert.id, alert.query, exc)
                return False
            entry = self._by_query.get(query.normalized) or self._new_entry(query)
            self._by_text[alert.query] = entry
        self.remove(alert.id)
        entry.add(alert)
        self._by_alert[alert.id] = (alert, entry)
        return True

    def remove(self, alert_id: int) -> bool:
        """Forget one alert; False when it was not indexed."""
        known = self._by_alert.pop(alert_id, None)
        if known is None:
            return False
        entry = known[1]
        entry.drop(alert_id)
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
        ways = plan(expand(query.root))
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
            named = (k.partition(":")[0] for k in (*keys, *absent) if ":" in k)
            self._attrs.update(name for name in named if name in ATTRS)
            test = None if not way.tests else all_of(list(way.tests))
            item = _Item(tuple(path[1:]), absent, test, entry)
            self._root.setdefault(path[0], _Node()).add(item)
        return entry

    def match(self, posting: Posting) -> list[Alert]:
        """The alerts that match `posting`, in no particular order."""
        return list(chain.from_iterable([entry.alerts for entry in self._found(posting)]))

    def route(self, posting: Posting) -> Routed | None:
        """The users `posting` matches and their alerts that it matches; None for nobody.

        The matching queries' chats and ids are joined and sorted by numpy, in C: no Python
        object is made per user (a posting may match thousands)."""
        found = self._found(posting)
        if not found:
            return None
        chats = np.frombuffer(b"".join([entry.chats for entry in found]), np.int64)
        ids = np.frombuffer(b"".join([entry.ids for entry in found]), np.int64)
        if not len(chats):
            return None  # (queries left without alerts)
        order = np.lexsort((ids, chats))  # by chat, then alert
        chats, ids = chats[order], ids[order]
        users = int(np.count_nonzero(chats[1:] != chats[:-1])) + 1
        return Routed(posting.key, chats, ids, users)

    def _found(self, posting: Posting) -> set[_Entry]:
        v = view(posting)
        found: set[_Entry] = set()
        _collect(self._root, posting_keys(v, self._word_starts, self._attrs), v, found)
        return found
