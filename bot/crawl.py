"""One fetch of one board: send a source's start requests, parse each response, send the
follow-ups it asks for (pages, a few side by side when one names many; then details side by
side), and gather the raw postings. `bot.intake` reads what it gathers into clean postings.

Pages are required: one that fails fails the fetch (a BoardError). Details are optional: one
that fails (404, a bad body, a bug met reading it) leaves its posting as the list gave it; a
429, a network failure or the fetch's deadline drawing near stops the remaining details until
the next poll. Their ids come back in `Crawl.incomplete`, so the next poll asks for them
again.

A board answered in one response (most ATS APIs give the whole board in one body) is handed
whole to the `alone` reader (`intake.read_alone`, in the poller's reader process): when it
asks for nothing more, the crawl ends with its clean postings (`Crawl.normalised`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from bot.errors import BoardHTTPError, BoardUnreachable, FetchError, ParseError
from bot.models import FetchResult, Normalised, RawPosting
from bot.sources.contract import Context, Page, Request, Response, Source

if TYPE_CHECKING:  # (the reader process reads, it does not fetch: it need not import HTTP)
    from bot.http import Fetcher

log = logging.getLogger(__name__)

MAX_PAGES = 200  # page requests in one fetch; a source's own page limit is usually lower
MAX_DETAILS = 1000  # detail requests in one fetch; the rest wait for the next poll
PAGE_CONCURRENCY = 4  # pages a first page asked for, sent side by side (per-host limits hold)
DETAIL_CONCURRENCY = 4
DETAIL_SHARE = 0.8  # of the time left in the fetch's deadline; the rest wait for the next poll

Parser = Callable[[Response], Awaitable[Page]]
Digest = Callable[[FetchResult], Awaitable[str]]
Alone = Callable[[Response], Awaitable[Page | Normalised]]


async def _digest_here(result: FetchResult) -> str:
    return body_hash(result)


@dataclass
class Crawl:
    """What one fetch found. `first` is the start response; `etag`, `last_modified` and
    `body_hash` are kept only when it was the whole answer (one response: a 304 or an
    unchanged body then means an unchanged board)."""

    first: Response
    postings: list[RawPosting] = field(default_factory=list)
    responses: int = 1
    incomplete: set[str] = field(default_factory=set)
    unchanged: bool = False  # a 304, or a body seen before: not parsed
    body_hash: str | None = None  # of `first`, when it was the whole answer
    normalised: Normalised | None = None  # the whole answer, read by `read_alone`

    @property
    def single(self) -> bool:
        return self.responses == 1

    @property
    def not_modified(self) -> bool:
        return self.first.not_modified

    @property
    def etag(self) -> str | None:
        return self.first.etag if self.single else None

    @property
    def last_modified(self) -> str | None:
        return self.first.last_modified if self.single else None


def body_hash(result: FetchResult) -> str:
    return hashlib.sha256(result.body).hexdigest()


async def send(
    fetcher: Fetcher,
    source: Source,
    request: Request,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Response:
    """Send one request (a simulated board answers it itself); errors are FetchErrors."""
    result = source.respond(request)
    if result is None:
        result = await fetcher.request(
            request.method,
            request.url,
            etag=etag if request.conditional else None,
            last_modified=last_modified if request.conditional else None,
            headers=dict(request.headers) or None,
            json=request.json,
        )
    return Response.of(request, result)


async def crawl(
    fetcher: Fetcher,
    source: Source,
    ctx: Context,
    parse: Parser,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    seen: str | None = None,
    digest: Digest = _digest_here,
    alone: Alone | None = None,
    details: bool = True,
) -> Crawl:
    """Fetch the board of `ctx` with `source`; `parse` runs `source.parse` (on a worker thread,
    in the poller). A single answer's body is hashed by `digest` (the poller's worker: 90 MB
    take a while even in C); the hash `seen` (a body seen before) ends the fetch unparsed.
    `alone` reads a single start response whole (`read_alone`): when it asks for nothing
    more, its clean postings end the fetch (`Crawl.normalised`). Without `details`, postings
    stay as their lists give them (a look at a board, not a poll)."""
    start = source.start(ctx)
    first = await send(fetcher, source, start[0], etag, last_modified)
    out = Crawl(first)
    if len(start) == 1 and not first.not_modified:
        out.body_hash = await digest(first)
    if len(start) == 1 and (first.not_modified or (seen and out.body_hash == seen)):
        out.unchanged = True
        return out
    page = None
    if alone is not None and len(start) == 1:
        read = await alone(first)
        if isinstance(read, Normalised):
            out.first, out.normalised = replace(first, body=b""), read
            return out
        page = read  # it asks for more: crawl on from its page
    found: dict[str, RawPosting] = {}
    asked = await _pages(fetcher, source, parse, [first], start[1:], found, out, page)
    out.first = replace(first, body=b"")  # parsed: its body (90 MB for a big board) can go
    del first
    await _details(fetcher, source, parse, asked if details else [], found, out)
    out.postings = list(found.values())
    return out


async def _pages(
    fetcher: Fetcher,
    source: Source,
    parse: Parser,
    ready: list[Response],
    queue: list[Request],
    found: dict[str, RawPosting],
    out: Crawl,
    first_page: Page | None = None,
) -> list[Request]:
    """Parse pages in turn, following the pages each asks for; return the details asked for.
    Pages waiting to be sent go PAGE_CONCURRENCY at a time (a first page that names the 60
    after it), and are parsed in the order asked for. A follow-up page that adds no posting
    not seen already asks for no more (a server that ignores the page parameter must not be
    asked 200 times). `first_page`: the first response's, when it was parsed already."""
    sent = {(r.method, r.url, repr(r.json)) for r in (*(x.request for x in ready), *queue)}
    details: dict[str, Request] = {}
    pages = 0
    while ready or queue:
        if ready:
            batch = [ready.pop()]
        else:
            batch = await _send_all(fetcher, source, queue[:PAGE_CONCURRENCY])
            del queue[:PAGE_CONCURRENCY]
        for response in batch:  # in the order asked for, whatever order they came in
            if response is not out.first:
                out.responses += 1
            if response is out.first and first_page is not None:
                page = first_page
            else:
                page = await parse(response)
            before = len(found)
            for posting in page.postings:
                found.setdefault(posting.external_id, posting)
            grew = response is out.first or len(found) > before
            for request in page.follow:
                key = (request.method, request.url, repr(request.json))
                if request.detail_of is not None:
                    details.setdefault(request.detail_of, request)
                elif grew and key not in sent and pages < MAX_PAGES:
                    sent.add(key)
                    queue.append(request)
                    pages += 1
    return list(details.values())


async def _send_all(fetcher: Fetcher, source: Source, requests: list[Request]) -> list[Response]:
    """The answers to `requests`, sent side by side (the fetcher's per-host limit holds), in
    their order; the first that failed, in that order, fails them all."""
    if len(requests) == 1:
        return [await send(fetcher, source, requests[0])]
    answers = await asyncio.gather(
        *(send(fetcher, source, r) for r in requests), return_exceptions=True
    )
    for answer in answers:
        if isinstance(answer, BaseException):
            raise answer
    return [a for a in answers if isinstance(a, Response)]


async def _details(
    fetcher: Fetcher,
    source: Source,
    parse: Parser,
    requests: list[Request],
    found: dict[str, RawPosting],
    out: Crawl,
) -> None:
    """Send detail requests side by side; a posting's detail replaces its list entry."""
    out.incomplete = {r.detail_of for r in requests if r.detail_of}
    out.responses += len(requests)  # asked for, answered or not: the board was not one answer
    gate = asyncio.Semaphore(DETAIL_CONCURRENCY)
    stop = asyncio.Event()

    async def one(request: Request) -> None:
        async with gate:
            if stop.is_set():
                return
            try:
                page = await parse(await send(fetcher, source, request))
            except (BoardHTTPError, BoardUnreachable) as exc:
                if isinstance(exc, BoardUnreachable) or exc.status == 429:
                    stop.set()
                return
            except (FetchError, ParseError):
                return
            except Exception:  # a bug in reading one detail: its posting keeps its list entry
                _detail_bug(source.kind, request)
                return
            for posting in page.postings:
                if posting.external_id == request.detail_of:
                    found[posting.external_id] = posting
                    out.incomplete.discard(posting.external_id)

    if not requests:
        return
    left = fetcher.time_left()  # stop in time: slow details must not fail the whole fetch
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(None if left is None else left * DETAIL_SHARE):
            await asyncio.gather(*(one(r) for r in requests[:MAX_DETAILS]))


_bugs: set[str] = set()


def _detail_bug(kind: str, request: Request) -> None:
    """Log, with its traceback, a detail that reading failed on: the first of each kind only
    (every poll meets it again until the bug is fixed)."""
    if kind in _bugs:
        return
    _bugs.add(kind)
    log.exception(
        "%s: reading the detail of posting %s failed, so it keeps its list entry",
        kind, request.detail_of,
    )  # fmt: skip
