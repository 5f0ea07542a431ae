"""The alert index's structure (`bot.index`): each distinct query an `Entry` with its alerts,
stored in a trie by the keys a posting must have to match it, rarest first (`rarity`); a
`Node` keeps a few `Item`s in a bucket before moving them down by their next key, and
`collect` gathers the entries a posting's keys reach."""

from __future__ import annotations

from array import array
from typing import NamedTuple

from bot.attributes import meaning
from bot.models import Alert
from bot.syntax import ATTRS, Query
from bot.view import PostingView, Test

_COMMON_WORDS = (
    "a an and are as at be by for from in is it of on or our the to we will with you your "
    "team work working experience role years skills strong ability new job knowledge "
    "senior junior lead engineer engineering developer development software manager "
    "management data business product design remote hybrid office full time part company "
    "customer support services people help build across well high more other"
)
_COMMON = frozenset(_COMMON_WORDS.split())
_FIELD_RARITY = {"": 1.0, "title": 0.2, "company": 0.05, "location": 0.3, "board": 0.05}


def rarity(key: str) -> float:
    """A guess at the share of postings that have `key`: the rarest key anchors an alert."""
    field, _, word = key.rpartition(":")
    if field in ATTRS:
        return meaning(field).rarity
    if word.startswith("*") or word in _COMMON:
        base = 0.3
    else:
        base = 0.05 / (1 + len(word) / 8 + word.count(" "))
    return base * _FIELD_RARITY[field]


_BUCKET = 8  # items a trie node holds before it moves them down by their next key


class Item(NamedTuple):
    """One way of one entry, as stored in the trie: what is left to check at its node."""

    rest: tuple[str, ...]  # keys not on the path to the node, rarest first
    absent: tuple[str, ...]
    test: Test | None
    entry: Entry

    def down(self) -> Item:
        return self._replace(rest=self.rest[1:])


class Node:
    """What a posting that reaches this node matches, and deeper nodes by their key.

    `hits` match outright; `guarded` match unless the posting has a key of `excluded` that
    names them; `items` are checked one by one. Empty parts are None: a posting reads only
    what a node has, and memory reads are what matching costs most.
    """

    __slots__ = ("children", "excluded", "guarded", "hits", "items")

    def __init__(self) -> None:
        self.hits: tuple[Entry, ...] = ()
        self.guarded: set[Entry] | None = None
        self.excluded: dict[str, set[Entry]] | None = None
        self.items: list[Item] | None = None
        self.children: dict[str, Node] | None = None

    def copy(self) -> Node:
        """A deep copy, allocated in one go."""
        new = Node()
        new.hits = tuple(list(self.hits))
        if self.guarded and self.excluded:
            new.guarded = set(self.guarded)
            new.excluded = {key: set(entries) for key, entries in self.excluded.items()}
        if self.items:
            new.items = [i._replace(rest=tuple(list(i.rest))) for i in self.items]
        if self.children:
            new.children = {key: node.copy() for key, node in self.children.items()}
        return new

    def child(self, key: str) -> Node:
        if self.children is None:
            self.children = {}
        node = self.children.get(key)
        if node is None:
            node = self.children[key] = Node()
        return node

    def add(self, item: Item) -> None:
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


def collect(nodes: dict[str, Node], keys: set[str], v: PostingView, out: set[Entry]) -> None:
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
            collect(node.children, keys, v, out)


class Entry:
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
