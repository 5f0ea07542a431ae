"""The one place that builds the httpx client and turns httpx errors into FetchError."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import urllib.request
from collections.abc import AsyncIterator, Callable, Mapping
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot import __version__
from bot.decoding import ACCEPT_ENCODING, BodyDecoder
from bot.errors import (
    BadResponse,
    BoardUnreachable,
    FetchError,
    NoSuchHost,
    ResponseTooLarge,
)
from bot.hostguard import HostGuard, no_such_name
from bot.models import FetchResult
from bot.responses import conditional_headers, drain, fetched, http_error, not_modified
from bot.wire import AiohttpTransport

log = logging.getLogger(__name__)

USER_AGENT = f"jobbot/{__version__} (+https://github.com/jobbot/jobbot; job-alert bot)"
MAX_REDIRECTS = 20
MAX_BYTES = 128_000_000  # the largest real boards (Greenhouse with content) are about 95 MB
FETCH_TIMEOUT = 60.0
POOL = 32  # connections open at once, all hosts; each is kept alive for reuse

# When the fetch in progress (this task's) must be done, in loop time; None outside any fetch.
_deadline: ContextVar[float | None] = ContextVar("jobbot_fetch_deadline", default=None)


def build_client(
    timeout: float = 20.0,
    user_agent: str = USER_AGENT,
    transport: httpx.AsyncBaseTransport | None = None,
    guard: HostGuard | None = None,
) -> httpx.AsyncClient:
    """The shared client: timeouts, a real User-Agent, redirects followed, hosts guarded.

    Requests go over aiohttp (`bot.wire`). With a guard (and private hosts not allowed) the
    transport checks and pins each host's addresses; env proxies are then not used, and a
    warning says so. A caller's own `transport` cannot be pinned, so the guard runs as a
    request hook instead.
    """
    limits = httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL)
    hooks: dict[str, list[Callable[..., Any]]] | None = None
    pinned = guard if guard is not None and not guard.allow_private else None
    if transport is None:
        if pinned is not None:
            _warn_unused_proxies()
        transport = AiohttpTransport(limits, guard=pinned)
    elif pinned is not None:
        hooks = {"request": [pinned]}
    return httpx.AsyncClient(
        event_hooks=hooks,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        limits=limits,
        transport=transport,
    )


def _warn_unused_proxies() -> None:
    proxies = sorted(k for k in urllib.request.getproxies() if k in ("http", "https", "all"))
    if proxies:
        log.warning(
            "board fetches ignore the %s proxy settings: a proxy would resolve hosts itself, so "
            "the private-host guard could not check them (set polling.allow_private_hosts to "
            "turn the guard off and use the proxy)",
            "/".join(proxies),
        )


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__


# Everything httpx and what it wraps may raise for a fetch, by class; all of it is the board's or
# the network's fault, none of it an internal error. FetchError from the guard passes as it is.
HTTPX_ERRORS = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)


def translate(exc: Exception, url: str) -> FetchError:
    """The FetchError for an error raised while fetching `url` (one of `HTTPX_ERRORS`)."""
    host, reason = _host(url), _one_line(exc)
    if isinstance(exc, httpx.TimeoutException):
        return BoardUnreachable(f"{host} timed out ({type(exc).__name__})")
    if isinstance(exc, httpx.TooManyRedirects):
        return BadResponse(f"{host} redirected more than {MAX_REDIRECTS} times (a redirect loop?)")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return BadResponse(f"{host}: {reason}")
    if isinstance(exc, httpx.ProtocolError):
        return BadResponse(f"{host} broke the HTTP protocol: {reason}")
    if isinstance(exc, httpx.DecodingError):
        return BadResponse(f"{host} sent a body that does not decode: {reason}")
    if isinstance(exc, httpx.ConnectError | httpx.ProxyError):
        if no_such_name(exc):
            return NoSuchHost(f"cannot connect to {host}: no such host")
        if "Name or service not known" in reason or "nodename nor servname" in reason:
            reason = "no such host, or no network"
        return BoardUnreachable(f"cannot connect to {host}: {reason}")
    if isinstance(exc, httpx.TransportError):  # read, write or close failed mid-exchange
        return BoardUnreachable(f"the connection to {host} failed: {reason}")
    if isinstance(exc, httpx.InvalidURL):
        return FetchError(f"invalid URL: {reason}")
    return FetchError(f"fetching {host} failed: {type(exc).__name__}: {reason}")


# Hosts that serve the public boards of thousands of companies from one API behind a CDN: one
# farm of Greenhouse boards all polls boards-api.greenhouse.io. They get `API_HOST_LIMIT`
# requests at once (what a browser opens to one host); every other host gets `per_host`.
API_HOSTS = frozenset((
    "boards-api.greenhouse.io", "api.lever.co", "api.ashbyhq.com", "api.smartrecruiters.com",
    "apply.workable.com", "api.getro.com", "hn.algolia.com",
))  # fmt: skip
API_HOST_LIMIT = 6
API_HOST_LIMITS: Mapping[str, int] = MappingProxyType(dict.fromkeys(API_HOSTS, API_HOST_LIMIT))


def host_limit(host: str, per_host: int, host_limits: Mapping[str, int]) -> int:
    """Requests at once to `host`: its own limit when it has one, never under `per_host`."""
    return max(per_host, host_limits.get(host, 0))


class Fetcher:
    """Conditional GETs with a decoded-size cap, a deadline and a per-host concurrency limit,
    over one shared client whose connections are kept alive."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        max_bytes: int = MAX_BYTES,
        per_host: int = 2,
        fetch_timeout: float = FETCH_TIMEOUT,
        host_limits: Mapping[str, int] = API_HOST_LIMITS,
    ):
        self.client = client
        self.max_bytes = max_bytes
        self.per_host = per_host
        self.host_limits = host_limits
        self.fetch_timeout = fetch_timeout
        self._hosts: dict[str, asyncio.Semaphore] = {}

    def _slot(self, url: str) -> asyncio.Semaphore:
        host = _host(url)
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(host_limit(host, self.per_host, self.host_limits))
        return self._hosts[host]

    @contextlib.asynccontextmanager
    async def deadline(self, seconds: float | None = None) -> AsyncIterator[None]:
        """Bound everything fetched inside to `seconds` in all (default `fetch_timeout`): one
        fetch of one board, every page, detail and retry; each request gets what remains.
        httpx's timeouts are per read, so a board dripping a byte at a time would pass them.
        Expiry is BoardUnreachable. A deadline inside another never outlasts it."""
        seconds = self.fetch_timeout if seconds is None else seconds
        when = asyncio.get_running_loop().time() + seconds
        outer = _deadline.get()
        token = _deadline.set(when if outer is None else min(when, outer))
        try:
            async with asyncio.timeout_at(when):
                yield
        except TimeoutError:
            raise BoardUnreachable(f"took longer than {seconds:g}s") from None
        finally:
            _deadline.reset(token)

    @staticmethod
    def time_left() -> float | None:
        """Seconds left before the current fetch's deadline; None outside any. For optional
        work (detail requests) that should stop in time rather than fail the whole fetch."""
        when = _deadline.get()
        return None if when is None else max(0.0, when - asyncio.get_running_loop().time())

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> FetchResult:
        """GET `url`; 304 gives `not_modified`; errors become FetchError subclasses."""
        return await self.request(
            "GET", url, etag=etag, last_modified=last_modified, headers=headers
        )

    async def request(
        self,
        method: str,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        headers: dict[str, str] | None = None,
        json: object = None,
    ) -> FetchResult:
        """One request with the size cap and error translation, at most `per_host` at once,
        within the fetch's `deadline` (or one of its own when made outside any)."""
        own = self.deadline() if _deadline.get() is None else contextlib.nullcontext()
        async with own, self._slot(url):
            try:
                return await self._request(method, url, etag, last_modified, headers, json)
            except FetchError:
                raise
            except HTTPX_ERRORS as exc:
                raise translate(exc, url) from None

    async def _request(
        self,
        method: str,
        url: str,
        etag: str | None,
        last_modified: str | None,
        headers: dict[str, str] | None,
        json: object,
    ) -> FetchResult:
        send_headers = conditional_headers(headers, etag, last_modified)
        async with self.client.stream(method, url, headers=send_headers, json=json) as resp:
            if resp.status_code == 304:
                await drain(resp)
                return not_modified(resp, etag, last_modified)
            if resp.status_code >= 400:
                await drain(resp)
                raise http_error(resp)
            return fetched(resp, await self._body(resp))

    async def _body(self, resp: httpx.Response) -> bytes:
        """The body, decoded here rather than by httpx, so that the cap holds for the decoded
        bytes of every Content-Encoding layer as they stream, not after a whole chunk."""
        declared = resp.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise ResponseTooLarge(
                f"response of {int(declared):,} bytes is over the {self.max_bytes:,} cap"
            )
        if resp.is_stream_consumed:  # built in memory (httpx.MockTransport): decoded already
            decoder = BodyDecoder([], self.max_bytes)
            decoder.feed(resp.content)
            return decoder.body()
        decoder = BodyDecoder(resp.headers.get_list("content-encoding", True), self.max_bytes)
        async for raw in resp.aiter_raw():
            decoder.feed(raw)
        return decoder.body()
