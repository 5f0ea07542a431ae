"""Which users' alerts a posting matches: a word-set index so routing is not O(alerts).

For now an alert is a list of words, and it matches when every word appears as a whole word,
case-insensitive, in the posting's title, company, location or description.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from bot.errors import QueryError
from bot.models import Alert, Delivery, Posting

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-cased, accent-folded whole words of `text`."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


def parse_query(query: str, max_length: int = 200) -> list[str]:
    """The words of an alert query; QueryError when there are none or it is too long."""
    if len(query) > max_length:
        raise QueryError(f"that alert is {len(query)} characters long; the limit is {max_length}")
    terms = list(dict.fromkeys(words(query)))
    if not terms:
        raise QueryError("an alert needs at least one word, e.g. /alert rust backend")
    return terms


def normalized(query: str) -> str:
    """The query as jobbot understands it."""
    return " ".join(parse_query(query, max_length=10**6))


def matches(query: str, posting: Posting) -> bool:
    """Reference evaluator: every word of the query is a word of the posting."""
    have = set(words(posting.search_text()))
    return all(w in have for w in parse_query(query, max_length=10**6))


class Matcher:
    """Alerts indexed by one of their words; a posting only checks alerts whose key word it has."""

    def __init__(self, alerts: Iterable[Alert]):
        self._by_word: dict[str, list[tuple[Alert, frozenset[str]]]] = defaultdict(list)
        for alert in alerts:
            try:
                terms = parse_query(alert.query, max_length=10**6)
            except QueryError:
                continue
            self._by_word[max(terms, key=len)].append((alert, frozenset(terms)))

    def match(self, posting: Posting) -> list[Alert]:
        have = set(words(posting.search_text()))
        hits = []
        for word in have & self._by_word.keys():
            hits.extend(alert for alert, terms in self._by_word[word] if terms <= have)
        return sorted(hits, key=lambda a: a.id)


def route(postings: Iterable[Posting], alerts: Iterable[Alert]) -> list[Delivery]:
    """One delivery per (user, posting), naming every alert of that user that matched."""
    matcher = alerts if isinstance(alerts, Matcher) else Matcher(alerts)
    out: list[Delivery] = []
    for posting in postings:
        per_user: dict[int, list[int]] = defaultdict(list)
        for alert in matcher.match(posting):
            per_user[alert.chat_id].append(alert.id)
        out.extend(Delivery(chat, posting.key, tuple(ids)) for chat, ids in per_user.items())
    return out
