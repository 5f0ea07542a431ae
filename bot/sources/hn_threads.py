"""Following Hacker News's latest "Ask HN: Who is hiring?" thread. Pure.

An `hn` board configured without an item id (`news.ycombinator.com/submitted?id=whoishiring`,
or `kind = "hn"` with any URL that names no thread) starts each poll with the newest stories
of the `whoishiring` account from the Algolia HN API, picks the newest "Who is hiring?" thread
among them (the account also posts "Who wants to be hired?" and "Freelancer?" threads) and reads
that thread. A new month's thread is picked up by the next poll; the old thread's jobs are no
longer listed (they close), and none of them is announced again.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from bot.errors import ParseError
from bot.sources.base import shape

THREADS = (
    "https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=20"
)
_SUBMITTED = re.compile(
    r"^(?:https?://)?news\.ycombinator\.com/submitted\?(?:.*&)?id=whoishiring(?:&|#|$)", re.I
)
_HIRING = re.compile(r"^\s*Ask HN:\s*Who is hiring\?", re.I)
_ITEM_PATH = re.compile(r"/api/v1/items/\d+/?$")
_THREAD_TAG = re.compile(r"^story_\d+$")


def is_submitted_page(url: str) -> bool:
    """Whether `url` is the whoishiring account's list of threads on news.ycombinator.com."""
    return bool(_SUBMITTED.match(url.strip()))


def is_thread_list(url: str) -> bool:
    """Whether an Algolia search URL asks for stories (threads), not one thread's comments:
    its tags name `story` and no `story_<id>`."""
    parts = urlsplit(url)
    if not parts.path.rstrip("/").endswith(("/search", "/search_by_date")):
        return False
    tags = ",".join(parse_qs(parts.query).get("tags", [])).replace("(", "").replace(")", "")
    names = {t.strip() for t in tags.split(",")}
    return "story" in names and not any(_THREAD_TAG.match(t) for t in names)


def names_a_thread(url: str) -> bool:
    """Whether `url` reads one thread (an item tree or a search of one story's comments)."""
    parts = urlsplit(url)
    if _ITEM_PATH.search(parts.path):
        return True
    return parts.path.rstrip("/").endswith(("/search", "/search_by_date")) and not (
        is_thread_list(url)
    )


def follows_latest(url: str) -> bool:
    """Whether an `hn` board at `url` follows the latest thread: a search for stories, or a
    Hacker News or Algolia URL that names no thread. Other hosts (a mirror) are read as given."""
    host = (urlsplit(url).hostname or "").lower()
    if is_thread_list(url):
        return True
    if host == "news.ycombinator.com":
        return not urlsplit(url).path.startswith("/item")
    return host == "hn.algolia.com" and not names_a_thread(url)


def newest_hiring_thread(data: object) -> str:
    """The id of the newest "Ask HN: Who is hiring?" story in an Algolia search result; one
    posted so recently that it has no comments yet waits until it has some (its board would
    otherwise read as empty for a while)."""
    if not isinstance(data, dict) or not isinstance(data.get("hits"), list):
        raise ParseError(f"expected an Algolia HN search result (with 'hits'), got {shape(data)}")
    threads = [h for h in data["hits"] if isinstance(h, dict) and _is_hiring(h)]
    if not threads:
        raise ParseError("no “Ask HN: Who is hiring?” thread among the newest whoishiring stories")
    started = [h for h in threads if h.get("num_comments") != 0] or threads
    newest = max(started, key=lambda h: (_when(h), _number(h.get("objectID"))))
    return str(newest["objectID"])


def thread_url(list_url: str, story_id: str) -> str:
    """The item tree of a thread, on the API host that answered the thread list."""
    return urljoin(list_url, f"/api/v1/items/{story_id}")


def _is_hiring(hit: dict[str, Any]) -> bool:
    title = hit.get("title")
    return (
        isinstance(title, str) and bool(_HIRING.match(title)) and _number(hit.get("objectID")) > 0
    )


def _when(hit: dict[str, Any]) -> int:
    value = hit.get("created_at_i")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _number(value: object) -> int:
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    return int(text) if text.isascii() and text.isdigit() else 0
