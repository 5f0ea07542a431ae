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
from collections.abc import Iterable
from itertools import chain

import numpy as np

from bot import gcpause
from bot.errors import QueryError
from bot.models import Alert, Posting, Routed
from bot.plan import plan, posting_keys
from bot.synonyms import expand
from bot.syntax import ATTRS, Query
from bot.trie import Entry, Item, Node, collect, rarity
from bot.view import all_of, stored_query, view

log = logging.getLogger(__name__)


class Matcher:
    """Alerts compiled into an index: `match` costs the posting's keys plus the candidates.

    Alerts with the same normalized query share one entry. `add`, `remove` and `sync` keep the
    index current without a rebuild (an entry left without alerts stays, empty, until one).
    """

    def __init__(self, alerts: Iterable[Alert] = ()):
        self._by_text: dict[str, Entry] = {}
        self._by_query: dict[str, Entry] = {}
        self._by_alert: dict[int, tuple[Alert, Entry]] = {}
        self._root: dict[str, Node] = {}
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

    def _new_entry(self, query: Query) -> Entry:
        entry = self._by_query[query.normalized] = Entry(query)
        ways = plan(expand(query.root))
        assert ways, "parse refuses queries that need no key"
        for way in ways:
            # The first letters of every word of a posting are costly to list: such a key is
            # used only when a way has no other key (the prefix is tested anyway).
            keys = {k for k in way.keys if not k.startswith("*")}
            if not keys:
                keys = set(way.keys)
                self._word_starts = True
            path = [sys.intern(k) for k in sorted(keys, key=lambda k: (rarity(k), k))]
            absent = tuple(sys.intern(k) for k in sorted(way.absent))
            named = (k.partition(":")[0] for k in (*keys, *absent) if ":" in k)
            self._attrs.update(name for name in named if name in ATTRS)
            test = None if not way.tests else all_of(list(way.tests))
            item = Item(tuple(path[1:]), absent, test, entry)
            self._root.setdefault(path[0], Node()).add(item)
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

    def _found(self, posting: Posting) -> set[Entry]:
        v = view(posting)
        found: set[Entry] = set()
        collect(self._root, posting_keys(v, self._word_starts, self._attrs), v, found)
        return found
