"""The stored jobs a query matches, for /search and /alert's backtest (not the user's hidden
jobs or muted companies).

A query that needs some word takes its candidates from the postings' text index
(`bot.store.fulltext`), the last stored first, so it searches every open posting and reads
only those with its words, at most `CANDIDATES`; one that needs none (only negations,
remote:, type:, salary: or a country) scans the newest `SCAN_LIMIT`. Either way
`bot.match.search` decides. When the bound cut the search short, the reply says which jobs
were read ("5,000 jobs", "500 jobs with its words").
"""

from __future__ import annotations

import functools
import re
from datetime import datetime

from bot import match, render
from bot.company import company_key
from bot.errors import QueryError
from bot.models import Posting
from bot.query import Query
from bot.query import parse as parse_query
from bot.store import Stores
from bot.syntax import Field, Phrase, Word, format_node
from bot.telegram.tips import closest
from bot.telegram.tips.spelling import spelling_tip

# /alert's backtest and /search read at most this many of the newest postings (of those with
# the query's words, at most `CANDIDATES`): a reply must come within a second or so, and
# matching costs some tens of microseconds a posting. Read at each call, so a test may lower it.
SCAN_LIMIT = 5000

# Candidates that have the words, read at most: each costs ~0.2 ms to read and match (views
# of 2 KB postings), and a reply should come within 200 ms on a busy machine.
CANDIDATES = 500
PAGE = 100  # candidates read at a time while /search looks for its few hits
BUSY = 70  # jobs an alert would have brought in 7 days: 10 a day, more than most read singly


def latest(
    store: Stores,
    chat_id: int,
    query: Query,
    want: int,
    before: int | None = None,
    scan: int | None = None,
) -> tuple[list[Posting], str | None]:
    """Up to `want` open jobs that match (of those stored before the mark `before`: see
    `Postings.stored_until`), newest first, reading at most `scan` (None: `SCAN_LIMIT`); and,
    when the search stopped at its bound before finding `want`, which jobs it read."""
    most = SCAN_LIMIT if scan is None else scan
    expression = match.fulltext(query)
    if expression is None:
        newest = store.listings.latest_postings(most, before)
        found = match.search(query, store.choices.visible(chat_id, newest), limit=want)
        return found, f"{most:,} stored jobs" if len(newest) >= most else None
    bound = min(most, CANDIDATES)
    hits: list[Posting] = []
    read = 0
    while read < bound:
        size = min(PAGE, bound - read)
        page = store.listings.with_words(expression, size, before=before)
        shown = store.choices.visible(chat_id, page.postings)
        hits += match.search(query, shown, limit=want - len(hits))
        if len(hits) >= want or page.last is None:
            return hits, None
        read, before = read + size, page.last
    return hits, f"{bound:,} stored jobs with its words"


def company_query(name: str) -> str:
    """The query of the jobs of a company by its name's words, but its legal form ("Vellum
    Pay, Inc." -> 'company:"vellum pay"'); "" for a name of none."""
    words = _WORD.findall(company_key(name))
    if not words:
        return ""
    return format_node(
        Field("company", Word(words[0]) if len(words) == 1 else Phrase(tuple(words)))
    )


def of_company(store: Stores, chat_id: int, name: str, want: int = 100) -> list[Posting]:
    """The open jobs, newest first, of companies whose names have all of `name`'s words (but
    its legal form): "acme" finds Acme Robotics GmbH's too."""
    try:
        query = parse_query(company_query(name))
    except QueryError:  # (no word, or more words than a query takes)
        return []
    return latest(store, chat_id, query, want, scan=CANDIDATES)[0]


_WORD = re.compile(r"\w+")


def recent(
    store: Stores, chat_id: int, query: Query, since: datetime, scan: int | None = None
) -> tuple[list[Posting], str | None]:
    """The open jobs posted since `since` that match, newest first, reading at most `scan`
    (None: `SCAN_LIMIT`); and, when only the latest were read, which."""
    most = SCAN_LIMIT if scan is None else scan
    expression = match.fulltext(query)
    if expression is None:
        postings = store.listings.recent_postings(since, most)
        read = f"{most:,} jobs" if len(postings) >= most else None
    else:
        bound = min(most, CANDIDATES)
        page = store.listings.with_words(expression, bound, since=since)
        postings = page.postings
        read = f"{bound:,} jobs with its words" if page.last is not None else None
    return match.search(query, store.choices.visible(chat_id, postings)), read


def count(
    store: Stores, chat_id: int, since: datetime | None, query: Query, bound: int
) -> tuple[int, bool]:
    """How many open jobs match (posted since `since`; None: any stored), reading at most
    `bound` of them, and whether it stopped there (so there may be more)."""
    if since is None:
        found, read = latest(store, chat_id, query, bound, scan=bound)
        return len(found), read is not None or len(found) >= bound
    found, read = recent(store, chat_id, query, since, bound)
    return len(found), read is not None


def held_back(
    store: Stores,
    chat_id: int,
    query: Query,
    since: datetime | None,
    said: tuple[str, str],
    amounts: bool = True,
) -> str:
    """For a query that found nothing among the jobs posted since `since` (None: any stored),
    the parts that hold it back (`tips.closest`; salary and years only when `amounts`).
    `said`: the command to offer with the query without each ("/edit 3"), and which jobs
    were counted ("jobs of the last 7 days"). A word no stored job has that misspells a known
    one ("rsut") is named first (`tips.spelling`)."""
    typo = spelling_tip(query.root, functools.partial(_unseen, store, chat_id), said[0])
    return typo + closest.tip(misses(store, chat_id, query, since, amounts), *said)


def _unseen(store: Stores, chat_id: int, word: str) -> bool:
    """Whether no open job stored has `word`."""
    try:
        return count(store, chat_id, None, parse_query(word), 1)[0] == 0
    except QueryError:
        return False


def misses(
    store: Stores, chat_id: int, query: Query, since: datetime | None, amounts: bool = True
) -> list[closest.Miss]:
    """The parts of `query` whose leaving out finds jobs posted since `since` (None: any
    stored), those that find the most first (`tips.closest`)."""
    return closest.misses(query.root, functools.partial(count, store, chat_id, since), amounts)


def summary(hits: list[Posting], scope: str, would: bool, query: str, digest: str = "") -> str:
    """What an alert matched in the last 7 days, for /alert and /edit: how many, the latest
    three; for a busy one sent job by job, the `digest` command ("/digest 3 daily") that
    sends its jobs in one message a day."""
    if not hits:
        return f"No open job {scope} matches it yet; I'll tell you when one appears."
    verb = "It would have matched" if would else "It matches"
    latest = "\n".join(job_line(p, query) for p in hits[:3])
    said = f"{verb} {len(hits):,} open job{'s' * (len(hits) != 1)} {scope}. Latest:\n{latest}"
    if digest and len(hits) >= BUSY:
        said += (
            f"\nThat's about {len(hits) // 7} a day. More words narrow it; "
            f"<code>{digest}</code> sends its jobs in one message a day."
        )
    return said


def job_line(p: Posting, query: str = "") -> str:
    """One job as a list line (HTML), the salary converted where `query` asks another
    currency: see `bot.render.job_line`."""
    return render.job_line(p, (query,) if query else ())[0]
