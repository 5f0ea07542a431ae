"""The stored jobs a query matches, for /search and /alert's backtest (not the user's hidden
jobs or muted companies).

A query that needs some word takes its candidates from the postings' text index
(`bot.store.fulltext`), the last stored first, so it searches every open posting and reads
only those with its words; one that needs none (only negations, remote:, type:, salary: or
a country) scans the newest `scan_limit`. Either way `bot.match.search` decides.
"""

from __future__ import annotations

from datetime import datetime

from bot import match
from bot.models import Posting
from bot.query import Query
from bot.store import Stores

PAGE = 200  # candidates read at a time while /search looks for its few hits


def latest(
    store: Stores, chat_id: int, query: Query, want: int, scan_limit: int
) -> tuple[list[Posting], str | None]:
    """Up to `want` open jobs that match, newest first; and, when the search stopped at
    `scan_limit` postings read before finding `want`, which: "jobs", "jobs with its words"."""
    expression = match.fulltext(query)
    if expression is None:
        newest = store.postings.latest_postings(scan_limit)
        hits = match.search(query, store.choices.visible(chat_id, newest), limit=want)
        return hits, "jobs" if len(newest) >= scan_limit else None
    hits: list[Posting] = []
    read, before = 0, None
    while read < scan_limit:
        size = min(PAGE, scan_limit - read)
        page = store.postings.with_words(expression, size, before=before)
        shown = store.choices.visible(chat_id, page.postings)
        hits += match.search(query, shown, limit=want - len(hits))
        if len(hits) >= want or page.last is None:
            return hits, None
        read, before = read + size, page.last
    return hits, "jobs with its words"


def recent(
    store: Stores, chat_id: int, query: Query, since: datetime, scan_limit: int
) -> tuple[list[Posting], str | None]:
    """The open jobs posted since `since` that match, newest first; and, when only the
    latest `scan_limit` were read, which ones: "jobs", or "jobs that have its words"."""
    expression = match.fulltext(query)
    if expression is None:
        postings = store.postings.recent_postings(since, scan_limit)
        read = "jobs" if len(postings) >= scan_limit else None
    else:
        page = store.postings.with_words(expression, scan_limit, since=since)
        postings = page.postings
        read = "jobs with its words" if page.last is not None else None
    return match.search(query, store.choices.visible(chat_id, postings)), read
