"""The private-host guard: boards added from chat may only reach public addresses.

`HostGuard` decides; `PinnedBackend` enforces it where it cannot be raced. It resolves a host
once, refuses it if any address is not public, and opens the TCP connection to one of those very
addresses, so a DNS-rebinding host cannot answer the check with a public address and the connect
with a private one. httpcore starts TLS on that stream with the URL's hostname, so SNI and
certificate checks are unchanged (`httpcore/_async/connection.py`, `_connect`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable

import httpcore
import httpx

from bot.errors import BoardUnreachable, ForbiddenHost

Resolver = Callable[[str, int], Awaitable[list[str]]]
NAT64 = ipaddress.ip_network("64:ff9b::/96")


async def system_resolve(host: str, port: int) -> list[str]:
    """The addresses the operating system's resolver gives for `host`, in its order."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _normal(host: str) -> str:
    return host.lower().strip("[]")


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
    """Refuse hosts that resolve to non-public addresses, unless the host is trusted (named by a
    board in the operator's config) or `allow_private` is set. `resolve` is injectable for tests."""

    def __init__(
        self,
        trusted: set[str] | frozenset[str] = frozenset(),
        allow_private: bool = False,
        resolve: Resolver = system_resolve,
    ):
        self.trusted = {_normal(h) for h in trusted}
        self.allow_private = allow_private
        self.resolve = resolve

    def exempt(self, host: str) -> bool:
        """Whether `host` may reach any address."""
        return self.allow_private or _normal(host) in self.trusted

    async def addresses(self, host: str, port: int | None = None) -> list[str]:
        """Resolve `host` once and return its addresses; ForbiddenHost if one is not public."""
        host = _normal(host)
        try:
            found = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                answer = await self.resolve(host, port or 443)
            except OSError as exc:
                raise BoardUnreachable(f"cannot resolve {host}: {exc}") from None
            if not answer:
                raise BoardUnreachable(f"cannot resolve {host}: no addresses") from None
            found = [ipaddress.ip_address(a) for a in answer]
        private = sorted({str(a) for a in found if not is_public(a)})
        if private and not self.exempt(host):
            raise ForbiddenHost(
                f"{host} resolves to a private or local address ({', '.join(private)}); "
                "only public job boards can be added from chat"
            )
        return [str(a) for a in found]

    async def check(self, host: str, port: int | None = None) -> None:
        """Raise ForbiddenHost when `host` is not public (an early answer; connections re-check)."""
        if not self.exempt(host):
            await self.addresses(host, port)

    async def __call__(self, request: httpx.Request) -> None:
        """As an httpx request hook, for a transport that cannot be pinned. Racy: prefer
        `GuardedTransport`."""
        await self.check(request.url.host, request.url.port)


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that connects only to addresses the guard has just approved."""

    def __init__(self, guard: HostGuard, inner: httpcore.AsyncNetworkBackend | None = None):
        self.guard = guard
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve and check `host` once, then connect to the first checked address that answers."""
        try:
            addresses = await asyncio.wait_for(self.guard.addresses(host, port), timeout)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
        error: Exception = httpcore.ConnectError(f"no address to connect to for {host}")
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, its connection pool on a `PinnedBackend`. No proxy: a proxy resolves
    and connects by itself, so the guard could not hold through one."""

    def __init__(
        self,
        guard: HostGuard,
        limits: httpx.Limits | None = None,
        verify: ssl.SSLContext | bool = True,
    ):
        limits = limits or httpx.Limits()
        super().__init__(limits=limits)
        # httpx 0.27/0.28 take no network backend; swap the pool it built, and fail loudly if
        # a later httpx stops keeping it in `_pool` rather than silently going unguarded.
        if not isinstance(getattr(self, "_pool", None), httpcore.AsyncConnectionPool):
            raise RuntimeError("this httpx keeps no _pool; the host guard cannot pin connections")
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PinnedBackend(guard),
        )
