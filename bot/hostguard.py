"""The private-host guard: boards added from chat may only reach public addresses.

`HostGuard` decides; the transport (`bot.wire`) enforces it where it cannot be raced: each new
connection resolves its host once through the guard, which refuses it if any address is not
public, and connects to one of those very addresses, so a DNS-rebinding host cannot answer the
check with a public address and the connect with a private one. TLS starts on that connection
with the URL's hostname, so SNI and certificate checks are unchanged.

Trust is for exact origins (scheme, host, port), those of the operator's configured boards: a
board at http://127.0.0.1:8080 trusts neither 127.0.0.1:22 nor https on 8080. The transport
decides it per request, every redirect included, and tells the resolver (`TRUSTED_REQUEST`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from contextvars import ContextVar

import httpx

from bot.errors import BoardUnreachable, FetchError, ForbiddenHost, NoSuchHost

Resolver = Callable[[str, int], Awaitable[list[str]]]
Origin = tuple[str, str, int]  # scheme, host, port
NAT64 = ipaddress.ip_network("64:ff9b::/96")
DEFAULT_PORTS = {"http": 80, "https": 443}
# The resolver's "no such name" (not "try again"): the name does not exist.
_NO_NAME = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}


def no_such_name(exc: BaseException | None) -> bool:
    """Whether `exc`, or an error it was raised from, is the resolver saying the name does
    not exist (aiohttp keeps it as `os_error`)."""
    while exc is not None:
        found = getattr(exc, "os_error", exc)
        if isinstance(found, socket.gaierror) and found.errno in _NO_NAME:
            return True
        exc = exc.__cause__
    return False


# Whether the request this task is sending is to a trusted origin: the transport sets it for
# the connection its resolver opens on that request's behalf (aiohttp connects in its task).
TRUSTED_REQUEST: ContextVar[bool] = ContextVar("jobbot_trusted_request", default=False)


async def system_resolve(host: str, port: int) -> list[str]:
    """The addresses the operating system's resolver gives for `host`, in its order."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _normal(host: str) -> str:
    return host.lower().strip("[]")


def origin(url: str | httpx.URL) -> Origin:
    """(scheme, host, port) of `url`, the port filled in for http and https; ValueError when
    `url` names no scheme and host (a bare host name is not an origin)."""
    try:
        parsed = httpx.URL(url) if isinstance(url, str) else url
    except httpx.InvalidURL as exc:
        raise ValueError(f"{url!r} is not a URL: {exc}") from None
    scheme, host = parsed.scheme.lower(), _normal(parsed.host)
    port = parsed.port or DEFAULT_PORTS.get(scheme)
    if not host or port is None:
        raise ValueError(f"{str(url)!r} is not an origin like http://127.0.0.1:8080")
    return scheme, host, port


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Global, and so is any IPv4 address it embeds (mapped, 6to4, NAT64)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and not embedded.is_global:
            return False
    return address.is_global


class HostGuard:
    """Refuse hosts that resolve to non-public addresses, unless the request's origin is trusted
    (a board in the operator's config: `trusted` holds URLs, of which scheme, host and port
    count) or `allow_private` is set. `resolve` is injectable for tests."""

    def __init__(
        self,
        trusted: Iterable[str] = (),
        allow_private: bool = False,
        resolve: Resolver = system_resolve,
    ):
        self.trusted: frozenset[Origin] = frozenset(origin(url) for url in trusted)
        self.allow_private = allow_private
        self.resolve = resolve

    def trusts(self, url: str | httpx.URL) -> bool:
        """Whether `url` may reach any address: its origin is exactly a trusted one."""
        if self.allow_private:
            return True
        try:
            return origin(url) in self.trusted
        except ValueError:
            return False

    async def addresses(
        self, host: str, port: int | None = None, *, trusted: bool = False
    ) -> list[str]:
        """Resolve `host` once and return its addresses; ForbiddenHost if one is not public,
        unless the connection is for a `trusted` origin."""
        host = _normal(host)
        try:
            found = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                answer = await self.resolve(host, port or 443)
            except OSError as exc:  # the resolver's reason, without "[Errno -2]"
                why = (exc.strerror or str(exc) or "lookup failed").rstrip(".")
                error = NoSuchHost if exc.errno in _NO_NAME else BoardUnreachable
                raise error(f"cannot resolve {host} ({why[:1].lower()}{why[1:]})") from None
            if not answer:
                raise BoardUnreachable(f"cannot resolve {host} (no addresses)") from None
            found = [ipaddress.ip_address(a) for a in answer]
        private = sorted({str(a) for a in found if not is_public(a)})
        if private and not (trusted or self.allow_private):
            raise ForbiddenHost(
                f"{host} resolves to a private or local address ({', '.join(private)}); "
                "only public job boards can be added from chat"
            )
        return [str(a) for a in found]

    async def check(self, url: str | httpx.URL) -> None:
        """Raise ForbiddenHost when `url` is not public nor trusted (an early answer;
        connections check again)."""
        if self.trusts(url):
            return
        try:
            parsed = httpx.URL(url) if isinstance(url, str) else url
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL: {exc}") from None
        if not parsed.host:
            raise FetchError(f"invalid URL: {str(url)!r} names no host")
        await self.addresses(parsed.host, parsed.port)

    async def __call__(self, request: httpx.Request) -> None:
        """As an httpx request hook, for a transport that cannot be pinned. Racy: prefer
        `bot.wire.AiohttpTransport`."""
        await self.check(request.url)
