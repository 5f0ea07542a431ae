"""Connections over loopback: kept alive whatever the answer, and a per-host limit that a farm
of boards on one API host can use."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.errors import BoardHTTPError
from bot.http import API_HOST_LIMIT, API_HOSTS, Fetcher, build_client, host_limit
from tests.board_server import BoardServer


@pytest.fixture
def server() -> BoardServer:
    s = BoardServer(keep_alive=True).start()
    yield s
    s.stop()


async def test_polls_answered_304_reuse_one_connection(server) -> None:
    server.set_json("/jobs", {"jobs": []})
    async with build_client(timeout=5.0) as client:
        fetcher = Fetcher(client)
        first = await fetcher.get(server.url("/jobs"))
        for _ in range(5):
            again = await fetcher.get(server.url("/jobs"), etag=first.etag)
            assert again.not_modified
    assert len(server.requests) == 6
    assert len(server.connections) == 1


async def test_error_answers_and_bodies_reuse_one_connection(server) -> None:
    server.set_json("/jobs", {"jobs": [1, 2, 3]})
    server.set("/gone", b'{"error": "no such board"}', status=404)
    async with build_client(timeout=5.0) as client:
        fetcher = Fetcher(client)
        for _ in range(3):
            assert (await fetcher.get(server.url("/jobs"))).body == b'{"jobs": [1, 2, 3]}'
            with pytest.raises(BoardHTTPError):
                await fetcher.get(server.url("/gone"))
    assert len(server.connections) == 1


async def test_a_long_skipped_body_is_not_read_to_the_end(server) -> None:
    server.set("/gone", b"x" * 1_000_000, status=500)
    async with build_client(timeout=5.0) as client:
        fetcher = Fetcher(client)
        for _ in range(2):
            with pytest.raises(BoardHTTPError):
                await fetcher.get(server.url("/gone"))
    assert len(server.connections) == 2  # dropped, not drained: a new one each time


async def _most_at_once(server: BoardServer, fetcher: Fetcher, count: int, limit: int) -> int:
    """How many of `count` requests the server held at once, each held until `limit` were
    (the most the fetcher may send). Counted while all are held: once answers flow, the
    server counts a request as active until after its answer is sent, by which time the
    fetcher may have sent the next (a fixed delay per request counted one too many or, on a
    loaded machine, one too few)."""
    while server.active:  # the answers of an earlier round all sent
        await asyncio.sleep(0.001)
    server.max_active = 0
    gate = threading.Event()
    urls = [server.url(f"/b{i}") for i in range(count)]
    for i in range(count):
        server.set_json(f"/b{i}", {"jobs": []}, gate=gate)
    sent = asyncio.gather(*(fetcher.get(u) for u in urls))
    while server.active < limit:  # wait on the server's count, not on the clock
        await asyncio.sleep(0.001)
    await asyncio.sleep(0.05)  # room for a request past the limit to show up (it must not)
    held = server.max_active
    gate.set()
    await sent
    return held


async def test_an_api_host_gets_its_own_limit_and_others_per_host(server) -> None:
    async with build_client(timeout=5.0) as client:
        api = Fetcher(client, per_host=2, host_limits={"127.0.0.1": 5})
        assert await _most_at_once(server, api, 8, 5) == 5
        other = Fetcher(client, per_host=2, host_limits={"boards-api.greenhouse.io": 5})
        assert await _most_at_once(server, other, 8, 2) == 2


def test_the_known_api_hosts_get_the_api_limit_and_per_host_wins_when_higher() -> None:
    limits = dict.fromkeys(API_HOSTS, API_HOST_LIMIT)
    assert host_limit("boards-api.greenhouse.io", 2, limits) == API_HOST_LIMIT
    assert host_limit("careers.example.com", 2, limits) == 2
    assert host_limit("boards-api.greenhouse.io", 10, limits) == 10
