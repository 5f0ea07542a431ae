"""A board's intake, the path of every poll and of `jobbot probe`: one fetch (`bot.crawl`),
then its raw postings normalised, only those whose raw fingerprint changed since stored.

A board answered in one response is read whole by `read_alone`: parsed and, when it asks for
nothing more, normalised in the same call, so that the poller can run both in its reader
process and get back only clean postings (`bot.reading`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from bot import fingerprint, normalize
from bot.crawl import Crawl, body_hash, crawl
from bot.models import BoardInfo, Normalised, Posting, RawPosting, posting_key
from bot.sources.contract import Context, Page, Response, Source

if TYPE_CHECKING:  # (the reader process reads, it does not fetch: it need not import HTTP)
    from bot.http import Fetcher

T = TypeVar("T")
log = logging.getLogger(__name__)


def drain(items: list[T]) -> Iterator[T]:
    """The items of `items` in order, each taken off the list as it is handed out, so that
    what the consumer is done with can be freed before the rest is read."""
    items.reverse()
    while items:
        yield items.pop()


def normalise(
    raws: Iterable[RawPosting], info: BoardInfo, stored: Mapping[str, str]
) -> tuple[list[Posting], list[str], dict[str, str]]:
    """Normalise the raw postings whose fingerprint is not in `stored` (key -> fingerprint of
    what was stored); return them, the keys of the others (seen, unchanged), and every key's
    fingerprint. A posting repeated in one answer counts once. Given `drain(list)`, each raw
    posting (its HTML) is let go once normalised, not held until all are."""
    seed = fingerprint.seed(info)
    postings: list[Posting] = []
    unchanged: list[str] = []
    fingerprints: dict[str, str] = {}
    for raw in raws:
        key = posting_key(info.name, raw.external_id)
        if key in fingerprints:
            continue
        fingerprints[key] = fp = fingerprint.raw(raw, seed)
        if stored.get(key) == fp:
            unchanged.append(key)
            continue
        try:
            postings.append(normalize.posting(raw, info))
        except Exception:  # a bug, loud once; the board's other postings are still read
            _unreadable(info.name, raw.external_id)
            if key in stored:  # kept open as stored, and tried again at the next poll
                fingerprints[key] = stored[key]
                unchanged.append(key)
            else:
                del fingerprints[key]
    return postings, unchanged, fingerprints


def _unreadable(board: str, external_id: str) -> None:
    """Log, with its traceback, a posting that normalising failed on: the first of each
    board only, since every poll meets it again until the bug is fixed."""
    if board in _failed:
        return
    if len(_failed) < 10_000:
        _failed.add(board)
    log.exception(
        "board %s: posting %s could not be read, so it is left out (the board's other "
        "postings are read)",
        board,
        external_id,
    )


_failed: set[str] = set()


def read_alone(
    source: Source, response: Response, ctx: Context, info: BoardInfo, stored: Mapping[str, str]
) -> Page | Normalised:
    """Parse one response that may be the whole board; when it asks for no other request,
    `normalise` its postings too (against the `stored` fingerprints). Otherwise its page,
    for the crawl to go on from. Pure: the poller runs it in its reader process."""
    page = source.parse(response, ctx)
    if page.follow:
        return page
    info = replace(info, url=response.url or info.url)
    raws = list(page.postings)
    del page  # each raw posting (its HTML) goes once normalised, as in `fetch_and_read`
    return Normalised(info, *normalise(drain(raws), info, stored))


@dataclass(frozen=True, slots=True)
class Read:
    """A fetched board, parsed and normalised (see `fetch_and_read`)."""

    crawl: Crawl
    info: BoardInfo
    postings: list[Posting]
    unchanged: list[str]
    fingerprints: dict[str, str]


async def inline(func: Callable[..., Any], *args: Any) -> Any:
    return func(*args)


ReadAlone = Callable[
    [Source, Response, Context, BoardInfo, Mapping[str, str]], Awaitable[Page | Normalised]
]


async def _alone_inline(
    source: Source, response: Response, ctx: Context, info: BoardInfo, stored: Mapping[str, str]
) -> Page | Normalised:
    return read_alone(source, response, ctx, info, stored)


async def fetch_and_read(
    fetcher: Fetcher,
    source: Source,
    ctx: Context,
    info: BoardInfo,
    *,
    stored: Callable[[], Mapping[str, str]] = dict,
    known: Callable[[], Set[str]] | None = None,
    run: Callable[..., Awaitable[Any]] = inline,
    alone: ReadAlone = _alone_inline,
    etag: str | None = None,
    last_modified: str | None = None,
    seen: str | None = None,
    details: bool = True,
) -> Read | Crawl:
    """Fetch one board (every request its source asks for), parse and `normalise` it: the
    path of every poll and of `jobbot probe`. `run(func, *args)` runs the CPU-heavy parts
    (a worker thread in the poller), the body's hash included, and `alone` runs
    `read_alone` over a single start response (the poller's reader process); `stored()`
    gives the fingerprints stored for the board and `known()` the ids its parse may skip
    details for (`ctx.known` otherwise), each read only once the board has changed. A 304
    or a body whose hash is `seen` gives the bare `Crawl`. Without `details`, only the lists
    are read (`crawl`)."""

    @functools.cache
    def parsing() -> Context:  # the context with what is stored, read at the first parse
        return ctx if known is None else replace(ctx, known=known())

    @functools.cache
    def fingerprints() -> Mapping[str, str]:  # read once, when first needed
        return stored()

    got = await crawl(
        fetcher,
        source,
        ctx,
        lambda response: run(source.parse, response, parsing()),
        etag=etag,
        last_modified=last_modified,
        seen=seen,
        digest=lambda result: run(body_hash, result),
        alone=lambda response: alone(source, response, parsing(), info, fingerprints()),
        details=details,
    )
    return got if got.unchanged else await _normalised(got, info, run, fingerprints)


async def _normalised(
    got: Crawl,
    info: BoardInfo,
    run: Callable[..., Awaitable[Any]],
    fingerprints: Callable[[], Mapping[str, str]],
) -> Read:
    """The crawl's postings normalised (by `run`, unless the reader process did already)."""
    if got.normalised is not None:
        n = got.normalised
        return Read(got, n.info, n.postings, n.unchanged, n.fingerprints)
    info = replace(info, url=got.first.url or info.url)
    raws, got.postings = got.postings, []  # handed over: each goes once normalised
    postings, unchanged, prints = await run(normalise, drain(raws), info, fingerprints())
    return Read(got, info, postings, unchanged, prints)
