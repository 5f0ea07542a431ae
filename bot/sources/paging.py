"""Pages of one poll, carried to `parse` as one body, for sources that page.

`fetch` collects each page's decoded data with `collect`; `parse` reads them back with `pages`
(a single page, as fetched or saved, reads as a list of one). Pure apart from the fetches."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.models import FetchResult

log = logging.getLogger(__name__)

MAX_PAGES = 50  # far past any company board; short of a server that pages for ever
_ENVELOPE = "jobbot_pages"


async def collect(
    first: FetchResult,
    read: Callable[[FetchResult], Any],
    next_page: Callable[[Any, int], Awaitable[FetchResult] | None],
) -> FetchResult:
    """Read `first`, then each page `next_page(data, number)` asks for (None: the last page),
    at most MAX_PAGES in all; one body holding every page's data, for `parse`."""
    data = [read(first)]
    for number in range(2, MAX_PAGES + 1):
        request = next_page(data[-1], number)
        if request is None:
            break
        data.append(read(await request))
    else:
        log.warning("%s: stopped after %d pages", first.url, MAX_PAGES)
    body = json.dumps({_ENVELOPE: data}).encode()
    return FetchResult(url=first.url, body=body, content_type="application/json")


def pages(result: FetchResult, read: Callable[[FetchResult], Any]) -> list[Any]:
    """Every page's data in a body `collect` made, else `[read(result)]`."""
    if result.body.startswith(b'{"' + _ENVELOPE.encode()):
        return list(json.loads(result.body)[_ENVELOPE])
    return [read(result)]
