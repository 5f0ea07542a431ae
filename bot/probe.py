"""A board looked at from the command line (`jobbot probe`, `jobbot detect`): fetched once,
through the poll's own path (`intake.fetch_and_read`) and within a poll's deadline, and
printed for a reader or as JSON for a script."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from bot import sources
from bot.ats import name_for
from bot.config import Config, PollingConfig
from bot.config_boards import BoardConfig
from bot.errors import BoardHTTPError, JobbotError
from bot.models import BoardInfo, Posting
from bot.normalize.urls import is_web_url
from bot.sources.contract import Context
from bot.wording import plural

if TYPE_CHECKING:
    from bot.hostguard import HostGuard
    from bot.http import Fetcher


def posting_json(p: Posting) -> dict[str, Any]:
    """A posting as `jobbot probe --json` prints it (a public contract: docs/operating.md, "Command line")."""
    return {
        "id": p.external_id,
        "key": p.key,
        "board": p.board,
        "title": p.title,
        "company": p.company,
        "location": p.location,
        "url": p.url,
        "apply_url": p.apply_url,
        "posted_at": p.posted_at.strftime("%Y-%m-%dT%H:%M:%SZ") if p.posted_at else None,
        "workplace": p.workplace,
        "employment_type": p.employment_type,
        "salary": None
        if p.salary_min is None and p.salary_max is None
        else {
            "min": p.salary_min,
            "max": p.salary_max,
            "currency": p.salary_currency,
            "period": p.salary_period,
        },
        "description": p.description,
    }


async def probe(
    url: str, kind: str | None, fetch_timeout: float = PollingConfig.fetch_timeout
) -> tuple[str, str, list[Posting]]:
    """Fetch one board once, within the bound a poll has, and return (kind, endpoint,
    normalised postings). Hosts are resolved and checked as the poller's are (the URL's own
    origin trusted, as a configured board's is), so a failure reads as the bot's would."""
    from bot.http import Fetcher, build_client

    if kind:
        if kind not in sources.kinds():
            raise JobbotError(f"unknown kind {kind!r} (known: {', '.join(sources.kinds())})")
        if not is_web_url(url) and not (kind == "demo" and url.startswith("demo:")):
            raise JobbotError(f"{url!r} is not an http(s) URL, like https://jobs.lever.co/acme")
    endpoint = url
    async with build_client(guard=_guard(url)) as client:
        fetcher = Fetcher(client)
        async with fetcher.deadline(fetch_timeout):
            with _naming(lambda: endpoint):
                if not kind:
                    kind, endpoint = await sources.detect_remote(fetcher, url)
                name = name_for(url, endpoint)  # as /follow names it
                info = BoardInfo(name, kind, endpoint)
                postings = await _read(fetcher, info, Context(name, endpoint))
    return kind, endpoint, postings


async def probe_board(config: Config, board: BoardConfig) -> tuple[str, str, list[Posting]]:
    """A configured board read once exactly as the poller reads it: its kind, endpoint,
    options and company, through the poll's own HTTP client and within its deadline."""
    from bot.app import http_parts

    _, client, fetcher = http_parts(config, None)
    async with client, fetcher.deadline(config.polling.fetch_timeout):
        with _naming(lambda: board.endpoint):
            info = BoardInfo(board.name, board.kind, board.endpoint, board.company)
            ctx = Context(board.name, board.endpoint, board.options)
            postings = await _read(fetcher, info, ctx)
    return board.kind, board.endpoint, postings


def _guard(url: str) -> HostGuard:
    """The poller's check of hosts, the URL's own origin trusted as a configured board's is."""
    from bot.hostguard import HostGuard

    return HostGuard([url] if is_web_url(url) else [])


async def _read(fetcher: Fetcher, info: BoardInfo, ctx: Context) -> list[Posting]:
    """The board's postings, through the poll's own path (`intake.fetch_and_read`)."""
    from bot.intake import Read, fetch_and_read

    read = await fetch_and_read(fetcher, sources.get(info.kind), ctx, info)
    return read.postings if isinstance(read, Read) else []


@contextmanager
def _naming(url: Callable[[], str]) -> Iterator[None]:
    """An error status said with the URL that answered it ("HTTP 404 Not Found" alone does
    not say which board)."""
    try:
        yield
    except BoardHTTPError as exc:
        raise BoardHTTPError(exc.status, f"{url()} answered {exc}", exc.retry_after) from None


def print_postings(kind: str, endpoint: str, postings: list[Posting], as_json: bool) -> int:
    """A probe's postings as a readable list, or as one JSON object a line."""
    if as_json:
        for p in postings:
            print(json.dumps(posting_json(p), ensure_ascii=False))
        return 0
    print(f"{kind} board at {endpoint}: {plural(len(postings), 'posting')}")
    for p in postings:
        when = p.posted_at.strftime("%Y-%m-%d") if p.posted_at else "no date"
        where = " · ".join(x for x in (p.company, p.location, p.workplace or "") if x)
        print(f"- {p.title} — {where} ({when})\n  {p.url}")
    return 0


async def detect(
    url: str, fetch_timeout: float = PollingConfig.fetch_timeout
) -> list[sources.discover.Found]:
    """The board(s) at `url`, fetching it once at most (a careers page names its ATS board)."""
    from bot.http import Fetcher, build_client

    async with build_client(guard=_guard(url)) as client:
        fetcher = Fetcher(client)
        async with fetcher.deadline(fetch_timeout):
            return await sources.discover.detect_all(fetcher, url)


def print_found(boards: list[sources.discover.Found]) -> int:
    """kind<TAB>URL a line; a kind jobbot can't read yet is said on stderr."""
    for found in boards:
        print(f"{found.kind}\t{found.url}")
        if found.endpoint is None:
            print(f"jobbot: {found.kind} boards are not a kind jobbot reads yet", file=sys.stderr)
    return 0
