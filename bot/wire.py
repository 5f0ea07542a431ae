"""What carries jobbot's HTTP requests: aiohttp's connection pool and C parser, under httpx's
client (redirects, decoding, cookies, timeouts and `bot.http.Fetcher` stay httpx's).

httpx's own transport (httpcore on h11 and anyio) spends most of a request's CPU time on its
pool, locks and cancel scopes: 1,000 conditional GETs answered 304 took 1.33-1.47 s through it
and 0.44-0.47 s through aiohttp (`python -m bench.transports`), and that was most of a warm
round of polls. `httpx-aiohttp` wraps aiohttp the same way, but calls a dropped connection a
connect timeout; `AiohttpTransport` maps aiohttp's errors onto httpx's own classes, which
`bot.http.translate` words, and keeps aiohttp to the wire: no cookies of its own (httpx keeps
them), no decompression (httpx decodes, under the byte cap), no redirects (httpx follows
them, each hop through here).

With a `HostGuard` every connection is pinned (see `bot.hostguard`): aiohttp resolves host
names through `GuardResolver`, without a DNS cache, so each new connection resolves once, is
checked, and connects to those very addresses; an IP literal, which aiohttp never resolves,
is checked before the request goes. TLS verifies the URL's hostname as before. A guarded
transport uses no proxy (a proxy would resolve by itself); an unguarded one follows the
environment's proxy settings, as httpx does, read when it is made.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import urllib.request
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.request import proxy_bypass_environment  # type: ignore[attr-defined] # (no stub)

import aiohttp
import aiohttp.abc
import aiohttp.http_exceptions
import httpx

from bot.hostguard import TRUSTED_REQUEST, HostGuard

MAX_HEADER_LINE = 65536  # bytes of one header or status line (aiohttp's default is 8190)


class GuardResolver(aiohttp.abc.AbstractResolver):
    """Resolves a host name for a new connection through the guard: its addresses, or
    ForbiddenHost / BoardUnreachable (which aiohttp passes on as they are)."""

    def __init__(self, guard: HostGuard):
        self.guard = guard

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[aiohttp.abc.ResolveResult]:
        addresses = await self.guard.addresses(host, port, trusted=TRUSTED_REQUEST.get())
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
            for address in addresses
        ]

    async def close(self) -> None:
        """Nothing to release."""


@contextlib.contextmanager
def _as_httpx() -> Iterator[None]:
    """aiohttp's errors as httpx's own classes (the most specific aiohttp class first)."""
    try:
        yield
    except aiohttp.ConnectionTimeoutError as exc:
        raise httpx.ConnectTimeout(_said(exc, "connecting timed out")) from exc
    except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
        raise httpx.ReadTimeout(_said(exc, "reading timed out")) from exc
    except aiohttp.ClientConnectorError as exc:
        raise httpx.ConnectError(_said(exc, "cannot connect")) from exc
    except aiohttp.ServerDisconnectedError as exc:
        raise httpx.RemoteProtocolError(
            _said(exc, "the server closed the connection without answering")
        ) from exc
    except (aiohttp.ClientPayloadError, aiohttp.ClientResponseError) as exc:
        raise httpx.RemoteProtocolError(_said(exc, "malformed HTTP answer")) from exc
    except aiohttp.NonHttpUrlClientError as exc:
        raise httpx.UnsupportedProtocol(_said(exc, "not an http(s) URL")) from exc
    except aiohttp.InvalidURL as exc:
        raise httpx.InvalidURL(_said(exc, "invalid URL")) from exc
    except aiohttp.ClientError as exc:  # the connection failed mid-exchange (reset, closed)
        raise httpx.ReadError(_said(exc, type(exc).__name__)) from exc


def _said(exc: BaseException, fallback: str) -> str:
    """What went wrong, in aiohttp's words less its wrapping."""
    text = str(exc)
    if isinstance(exc, aiohttp.ClientResponseError):
        text = exc.message  # not "400, message=..., url=...": the server sent no 400
    elif isinstance(exc, aiohttp.ClientPayloadError):  # "...: <ContentLengthError: 400, ...>"
        cause = exc.__cause__
        if isinstance(cause, aiohttp.http_exceptions.HttpProcessingError) and cause.message:
            text = f"the body was cut short: {cause.message}"
    elif isinstance(exc, aiohttp.ClientConnectorError) and exc.os_error.strerror:
        text = exc.os_error.strerror  # not "Cannot connect to host h:p ssl:default [...]"
    return text or fallback


class _Body(httpx.AsyncByteStream):
    """An aiohttp response's body as httpx reads it: chunks as they arrive."""

    def __init__(self, response: aiohttp.ClientResponse):
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _as_httpx():
            async for chunk in self._response.content.iter_any():
                yield chunk

    async def aclose(self) -> None:
        # Back to the pool when read to the end; else its connection is closed, not drained.
        self._response.release()


class AiohttpTransport(httpx.AsyncBaseTransport):
    """httpx's requests over one aiohttp session (made on the first request, in its loop)."""

    def __init__(
        self,
        limits: httpx.Limits | None = None,
        guard: HostGuard | None = None,
        verify: ssl.SSLContext | bool = True,
    ):
        self.limits = limits or httpx.Limits()
        self.guard = guard
        self.ssl_context = httpx.create_ssl_context(verify=verify)
        # The environment's proxies, read once (aiohttp's trust_env reads them, and ~/.netrc on
        # a thread, at every request).
        self.proxies = urllib.request.getproxies() if guard is None else {}
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=self.limits.max_connections or 0,
            keepalive_timeout=self.limits.keepalive_expiry or 0.0,
            ssl=self.ssl_context,
            resolver=GuardResolver(self.guard) if self.guard is not None else None,
            use_dns_cache=self.guard is None,
        )
        return aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            timeout=aiohttp.ClientTimeout(total=None),
            max_line_size=MAX_HEADER_LINE,
            max_field_size=MAX_HEADER_LINE,
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` (one hop: httpx follows redirects), its connection trusted only
        for a trusted origin."""
        trusted = self.guard is not None and self.guard.trusts(request.url)
        token = TRUSTED_REQUEST.set(trusted)
        try:
            if self.guard is not None and not trusted:
                await self._check_literal(request.url)
            return await self._send(request)
        finally:
            TRUSTED_REQUEST.reset(token)

    async def _check_literal(self, url: httpx.URL) -> None:
        """An IP literal host is checked here: aiohttp connects to it without resolving."""
        try:
            ipaddress.ip_address(url.host)
        except ValueError:
            return
        assert self.guard is not None
        await self.guard.addresses(url.host, url.port)

    async def _send(self, request: httpx.Request) -> httpx.Response:
        if self._session is None:
            self._session = self._open()
        timeout = request.extensions.get("timeout", {})
        body: Any = request.content if request.method not in ("GET", "HEAD") else None
        with _as_httpx():
            response = await self._session.request(
                request.method,
                str(request.url),
                headers=[
                    (k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw
                ],
                data=body or None,
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(
                    total=None,
                    connect=timeout.get("pool"),
                    sock_connect=timeout.get("connect"),
                    sock_read=timeout.get("read"),
                ),
                server_hostname=request.extensions.get("sni_hostname"),
                proxy=self._proxy(request.url),
            )
        extensions: dict[str, Any] = {"http_version": b"HTTP/1.1"}
        if response.reason:
            extensions["reason_phrase"] = response.reason.encode("latin-1", "replace")
        return httpx.Response(
            response.status,
            headers=list(response.raw_headers),
            stream=_Body(response),
            request=request,
            extensions=extensions,
        )

    def _proxy(self, url: httpx.URL) -> str | None:
        """The environment's proxy for `url` (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, less
        `NO_PROXY`), as httpx's own transport would use."""
        if not self.proxies or proxy_bypass_environment(url.host, self.proxies):
            return None  # (`proxies["no"]` is NO_PROXY as read at start, not again per request)
        return self.proxies.get(url.scheme) or self.proxies.get("all")

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
