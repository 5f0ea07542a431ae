"""The one place that builds the httpx client and turns httpx errors into FetchError."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
import urllib.request
from urllib.parse import urlsplit

import httpx

from bot import __version__
from bot.errors import (
    BoardHTTPError,
    BoardUnreachable,
    FetchError,
    ResponseTooLarge,
)
from bot.hostguard import GuardedTransport, HostGuard
from bot.models import FetchResult

# httpx logs every request URL at INFO, and Telegram URLs carry the bot token.
logging.getLogger("httpx").setLevel(logging.WARNING)
logging.getLogger("httpcore").setLevel(logging.WARNING)
log = logging.getLogger(__name__)

USER_AGENT = f"jobbot/{__version__} (+https://github.com/jobbot/jobbot; job-alert bot)"


def build_client(
    timeout: float = 20.0,
    user_agent: str = USER_AGENT,
    transport: httpx.AsyncBaseTransport | None = None,
    guard: HostGuard | None = None,
) -> httpx.AsyncClient:
    """The shared client: timeouts, a real User-Agent, redirects followed, hosts guarded.

    With a guard (and private hosts not allowed) every connection goes through a
    `GuardedTransport`, which checks and pins each host's addresses; env proxies are then not
    used, and a warning says so. A caller's own `transport` cannot be pinned, so the guard runs
    as a request hook instead.
    """
    limits = httpx.Limits(max_connections=20, max_keepalive_connections=10)
    hooks = None
    if guard is not None and not guard.allow_private:
        if transport is None:
            _warn_unused_proxies()
            transport = GuardedTransport(guard, limits)
        else:
            hooks = {"request": [guard]}
    return httpx.AsyncClient(
        event_hooks=hooks,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        follow_redirects=True,
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


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²" and "٣" are digits to isdigit()
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def moved_to(resp: httpx.Response) -> str | None:
    """The final URL when the request was redirected only by permanent redirects (301, 308)."""
    if resp.history and all(r.status_code in (301, 308) for r in resp.history):
        return str(resp.url)
    return None


class Fetcher:
    """Conditional GETs with a size cap and a per-host concurrency limit, over one shared client."""

    def __init__(self, client: httpx.AsyncClient, max_bytes: int = 10_000_000, per_host: int = 2):
        self.client = client
        self.max_bytes = max_bytes
        self.per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}

    def _slot(self, url: str) -> asyncio.Semaphore:
        host = urlsplit(url).hostname or ""
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.per_host)
        return self._hosts[host]

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
        """One request with the size cap and error translation, at most `per_host` at once."""
        async with self._slot(url):
            return await self._request(method, url, etag, last_modified, headers, json)

    async def _request(
        self,
        method: str,
        url: str,
        etag: str | None,
        last_modified: str | None,
        headers: dict[str, str] | None,
        json: object,
    ) -> FetchResult:
        send_headers = dict(headers or {})
        if etag:
            send_headers["If-None-Match"] = etag
        if last_modified:
            send_headers["If-Modified-Since"] = last_modified
        try:
            async with self.client.stream(method, url, headers=send_headers, json=json) as resp:
                if resp.status_code == 304:
                    return FetchResult(
                        url=str(resp.url),
                        status=304,
                        not_modified=True,
                        etag=resp.headers.get("etag") or etag,
                        last_modified=resp.headers.get("last-modified") or last_modified,
                        moved_to=moved_to(resp),
                    )
                if resp.status_code >= 400:
                    raise BoardHTTPError(
                        resp.status_code,
                        f"HTTP {resp.status_code} {resp.reason_phrase or ''}".strip(),
                        retry_after=parse_retry_after(resp.headers.get("retry-after")),
                    )
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise ResponseTooLarge(
                        f"response of {int(declared):,} bytes is over the {self.max_bytes:,} cap"
                    )
                chunks: list[bytes] = []
                size = 0
                async for chunk in resp.aiter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise ResponseTooLarge(f"response passed the {self.max_bytes:,} byte cap")
                    chunks.append(chunk)
                return FetchResult(
                    url=str(resp.url),
                    status=resp.status_code,
                    body=b"".join(chunks),
                    content_type=resp.headers.get("content-type", ""),
                    etag=resp.headers.get("etag"),
                    last_modified=resp.headers.get("last-modified"),
                    encoding=resp.charset_encoding,
                    moved_to=moved_to(resp),
                )
        except FetchError:
            raise
        except httpx.TimeoutException as exc:
            raise BoardUnreachable(f"{_host(url)} timed out ({type(exc).__name__})") from None
        except httpx.TransportError as exc:
            reason = str(exc) or type(exc).__name__
            if "Name or service not known" in reason or "nodename nor servname" in reason:
                reason = "no such host, or no network"
            raise BoardUnreachable(f"cannot connect to {_host(url)}: {reason}") from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL: {exc}") from None
