"""The shared client at scale: connections to many hosts are kept, and no request pays for an
import.

One poll cycle over thousands of boards makes thousands of requests: each new connection costs
a TCP (and TLS) handshake, and each failed import a search of sys.path (httpcore, httpx's
transport before `bot.wire`, imported `sniffio` for every connection's lock; without it
installed, every one failed). bench.scale measured both: together they took two thirds of a warm poll cycle. (tests/test_http_pool.py:
one host.)
"""

from __future__ import annotations

import asyncio
import importlib.abc
import sys

from bench import farm
from bot.http import Fetcher, build_client
from tests.board_server import BoardServer


class _Misses(importlib.abc.MetaPathFinder):
    """Records every module name the import system is asked to find from here on."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        self.names.append(name)
        return None


async def _fetch_all(fetcher: Fetcher, urls: list[str]) -> None:
    await asyncio.gather(*(fetcher.get(u) for u in urls))


async def test_a_request_imports_nothing() -> None:
    server = BoardServer().start()
    server.set("/a", b"{}")
    client = build_client()
    fetcher = Fetcher(client)
    try:
        await fetcher.get(server.url("/a"))  # the first one may import httpx's lazy parts
        misses = _Misses()
        sys.meta_path.insert(0, misses)
        try:
            await fetcher.get(server.url("/a"))
        finally:
            sys.meta_path.remove(misses)
    finally:
        await client.aclose()
        server.stop()
    assert misses.names == []


async def test_connections_of_a_cycle_over_many_hosts_are_kept_for_the_next() -> None:
    """25 hosts (127.0.0.1-25, all loopback), one board each, polled twice: the second round
    reuses the first round's 25 connections instead of evicting some to open others.
    The server is bench.farm's keep-alive one, which answers its boards' URLs."""
    connections: list[int] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        await farm.serve(reader, writer)

    first = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = first.sockets[0].getsockname()[1]
    servers = [first] + [
        await asyncio.start_server(serve, f"127.0.0.{h}", port) for h in range(2, 26)
    ]
    urls = [f"http://127.0.0.{h}:{port}/v1/boards/b{h}/jobs" for h in range(1, 26)]
    client = build_client()
    fetcher = Fetcher(client, per_host=1)
    try:
        await _fetch_all(fetcher, urls)
        assert len(connections) == 25
        await _fetch_all(fetcher, urls)
    finally:
        await client.aclose()
        for server in servers:
            server.close()
    assert len(connections) == 25
