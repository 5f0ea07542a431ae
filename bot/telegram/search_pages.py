"""/search's answer, five jobs a page, with Older and Newer buttons that turn its pages.

A page button carries its search in its callback data
(`sr:<first>:<mark in hex>:<query as understood>`), so a page can be turned after a restart
and nothing is kept per chat. The mark (`Postings.stored_until` when the search was sent)
keeps jobs stored since out of its pages, which would otherwise push the jobs already shown
onto the next page. A search too long for Telegram's 64 bytes of data shows its first page
only, and says that more match. Pages go up to the `MOST`th job: past that, a narrower search
is the better tool.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from bot.errors import QueryError
from bot.models import Button, OutgoingMessage, Posting
from bot.query import Query
from bot.query import parse as parse_query
from bot.store import Stores
from bot.syntax import format_node
from bot.telegram import stored_search
from bot.telegram.presses import MAX_DATA, STALE
from bot.telegram.split import visible_text
from bot.telegram.stored_search import job_line
from bot.telegram.tips.either import or_tight
from bot.telegram.tips.pay import currency_of
from bot.telegram.tips.sentence import as_filters
from bot.transport import Press, PressAnswer

esc = html.escape
PREFIX = "sr"
PAGE = 5
MOST = 50  # jobs a search pages through
_NUMBER, _MARK = re.compile(r"[0-9]{1,3}"), re.compile(r"[0-9a-f]{1,16}")


def page(
    store: Stores,
    chat_id: int,
    query: Query,
    first: int,
    mark: int | None = None,
) -> OutgoingMessage | str:
    """The page of the latest matches from the `first`th (0: the newest) of the jobs stored
    before `mark` (None: all, as of now), with its buttons."""
    mark = store.listings.stored_until() if mark is None else mark
    want = first + PAGE + 1
    hits, read = stored_search.latest(store, chat_id, query, want, mark)
    return _page(query, hits, read, first, mark)


def first_page(
    store: Stores, chat_id: int, query: Query, typed: str
) -> tuple[OutgoingMessage | str, Query, bool]:
    """/search's first page, the query it shows and whether it found a job. A search written
    as a sentence that found nothing ("rust jobs in lisbon": few jobs say "jobs"), or whose
    OR took every word on its side ("rust or go jobs in berlin"), shows the first page of
    the filters it likely means (`rust location:lisbon`, `(rust OR go) location:berlin`)
    instead, and says so."""
    mark = store.listings.stored_until()
    hits, read = stored_search.latest(store, chat_id, query, PAGE + 1, mark)
    tight = or_tight(query.root)  # "rust or go jobs in berlin": OR took every word after it
    tried = not hits or tight != query.root
    meant = as_filters(tight, currency=currency_of(typed)) if tried else None
    if meant is not None:
        instead = parse_query(format_node(meant[0]))
        found, seen = stored_search.latest(store, chat_id, instead, PAGE + 1, mark)
        if found or hits:
            note = (
                f"No stored job has every word of <b>{esc(query.normalized)}</b>, so here is "
                "what it likely means.\n"
                if not hits
                else f"As typed, OR takes every word on its side: <b>{esc(query.normalized)}"
                "</b>. Here is what it likely means.\n"
            )
            shown = _page(instead, found, seen, 0, mark)
            if isinstance(shown, str):
                return note + shown, instead, bool(found)
            text = note + shown.html
            return OutgoingMessage(text, visible_text(text), shown.buttons), instead, True
    return _page(query, hits, read, 0, mark), query, bool(hits)


def held_back(store: Stores, chat_id: int, query: Query, amounts: bool) -> str:
    """For a search that found nothing, the parts that hold it back (`tips.closest`; salary
    and years only when `amounts`)."""
    return stored_search.held_back(store, chat_id, query, None, ("/search", "stored jobs"), amounts)


def _page(
    query: Query, hits: list[Posting], read: str | None, first: int, mark: int
) -> OutgoingMessage | str:
    """The page of `hits` from the `first`th, with its buttons."""
    shown = f"<b>{esc(query.normalized)}</b>"
    jobs = hits[first : first + PAGE]
    if not hits and read:
        return f"None of the latest {read} matches {shown}."
    if not hits:
        return f"No stored job matches {shown}."
    more = len(hits) > first + PAGE and first + PAGE < MOST
    turns = [(first > 0, "◀ Newer", max(first - PAGE, 0)), (more, "Older ▶", first + PAGE)]
    data = [
        (label, f"{PREFIX}:{to}:{mark:x}:{query.normalized}")
        for wanted, label, to in turns
        if wanted
    ]
    fits = all(len(d.encode()) <= MAX_DATA for _, d in data)
    if not jobs:  # (jobs closed since the page before was shown)
        text = f"No more jobs match {shown}."
    else:
        last = first + len(jobs)
        where = (
            ""
            if not first
            else f" (job {last})"
            if len(jobs) == 1
            else f" (jobs {first + 1}–{last})"
        )
        text = f"Latest jobs matching {shown}{where}:\n" + "\n".join(
            job_line(p, query.normalized) for p in jobs
        )
    if more and not fits:
        text += "\nMore match: add words to narrow the search."
    buttons = (tuple(Button(label, data=d) for label, d in data),) if data and fits else ()
    return OutgoingMessage(text, visible_text(text), buttons) if buttons else text


def press(store: Stores, p: Press, rest: str, now: datetime) -> PressAnswer:
    """Older or Newer: the message shows that page of its search."""
    first, _, rest = rest.partition(":")
    mark, _, text = rest.partition(":")
    if not _NUMBER.fullmatch(first) or int(first) % PAGE or int(first) >= MOST:
        return STALE
    if not _MARK.fullmatch(mark):
        return STALE
    try:
        query = parse_query(text)
    except QueryError:
        return STALE
    shown = page(store, p.chat_id, query, int(first), int(mark, 16))
    if isinstance(shown, str):
        shown = OutgoingMessage(shown, visible_text(shown))
    return PressAnswer(edit=shown)
