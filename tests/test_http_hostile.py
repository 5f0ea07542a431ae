"""Hostile boards over real loopback HTTP: compression bombs, slow drips, redirect loops, bad
bodies. Each must end as one board fault with a one-line error, in bounded memory and time."""

from __future__ import annotations

import asyncio
import functools
import gzip
import json
import logging
import socket
import tracemalloc
import zlib
from collections.abc import AsyncIterator
from types import SimpleNamespace

import aiohttp
import httpx
import pytest

from bot import config as cfg
from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.errors import (
    BadResponse,
    BoardUnreachable,
    ConfigError,
    FetchError,
    NoSuchHost,
    ResponseTooLarge,
)
from bot.http import HTTPX_ERRORS, Fetcher, HostGuard, build_client, translate
from bot.poller import Poller
from bot.probe import probe
from bot.scheduler import BoardScheduler
from bot.store import Stores
from bot.storing import PollStores
from bot.telegram.admin import AdminCommands
from bot.transport import Incoming
from tests.board_server import BoardServer

PATH = "/v1/boards/acme/jobs"
CAP = 256 * 1024
JOBS = {"jobs": [{"id": i, "title": f"Engineer {i}"} for i in range(200)]}


@functools.cache
def bomb(decoded: int, layers: int) -> bytes:
    """`decoded` bytes of zeros, gzipped `layers` times (gzip-in-gzip for 2)."""
    if layers > 1:
        return gzip.compress(bomb(decoded, layers - 1), 9)
    zeros = bytes(1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join([c.compress(zeros) for _ in range(decoded >> 20)] + [c.flush()])


@pytest.fixture
async def client() -> AsyncIterator[object]:
    async with build_client(timeout=5.0) as c:
        yield c


def poller_for(store: Stores, client, **polling: object) -> Poller:
    return Poller(store.view(PollStores), Fetcher(client, max_bytes=CAP), PollingConfig(**polling))


async def peak_while(coro) -> tuple[object, int]:
    """Run `coro`; return its result or exception and the peak of Python allocations meanwhile."""
    tracemalloc.start()
    try:
        try:
            result: object = await coro
        except Exception as exc:
            result = exc
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("layers", [1, 2, 3], ids=["gzip", "gzip-in-gzip", "three-deep"])
async def test_a_compression_bomb_is_refused_in_memory_near_the_cap(
    client, boards: BoardServer, layers: int
) -> None:
    encoding = ", ".join(["gzip"] * layers)
    boards.set(
        "/ordinary", gzip.compress(json.dumps(JOBS).encode()), headers={"Content-Encoding": "gzip"}
    )
    boards.set(PATH, bomb(32 << 20, layers), headers={"Content-Encoding": encoding})
    fetcher = Fetcher(client, max_bytes=1 << 20)
    await fetcher.get(boards.url("/ordinary"))  # one-time allocations (connection, imports) first
    result, peak = await peak_while(fetcher.get(boards.url(PATH)))
    assert isinstance(result, ResponseTooLarge), result
    assert peak < 3 * fetcher.max_bytes, f"peak {peak:,} bytes for a {fetcher.max_bytes:,} byte cap"


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", lambda b: gzip.compress(b)),
        ("x-gzip", lambda b: gzip.compress(b)),
        ("deflate", lambda b: zlib.compress(b)),
        ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as some servers send
        ("gzip, gzip", lambda b: gzip.compress(gzip.compress(b))),
        ("deflate, gzip", lambda b: gzip.compress(zlib.compress(b))),
        ("identity, gzip", lambda b: gzip.compress(b)),
        ("gzip", lambda b: gzip.compress(b[:100]) + gzip.compress(b[100:])),  # two members
    ],
)
async def test_ordinary_encoded_bodies_decode_in_full(
    client, boards: BoardServer, encoding: str, encode
) -> None:
    body = json.dumps(JOBS).encode()
    boards.set(PATH, encode(body), headers={"Content-Encoding": encoding})
    result = await Fetcher(client, max_bytes=CAP).get(boards.url(PATH))
    assert result.body == body
    [(_, headers)] = boards.requests
    assert headers["Accept-Encoding"] == "gzip, deflate"  # only what we decode


async def test_a_body_just_under_the_cap_passes_and_one_byte_over_does_not(
    client, boards: BoardServer
) -> None:
    boards.set("/fits", gzip.compress(b"x" * CAP), headers={"Content-Encoding": "gzip"})
    boards.set("/over", gzip.compress(b"x" * (CAP + 1)), headers={"Content-Encoding": "gzip"})
    fetcher = Fetcher(client, max_bytes=CAP)
    assert len((await fetcher.get(boards.url("/fits"))).body) == CAP
    with pytest.raises(ResponseTooLarge, match="262,144"):
        await fetcher.get(boards.url("/over"))


async def test_an_encoding_we_do_not_decode_is_a_clear_board_fault(
    client, boards: BoardServer
) -> None:
    boards.set(PATH, b"\x1b\x00\x00", headers={"Content-Encoding": "br"})
    with pytest.raises(BadResponse, match="br"):
        await Fetcher(client).get(boards.url(PATH))


async def test_a_dripping_board_is_cut_at_fetch_timeout(
    store: Stores, client, boards: BoardServer, now
) -> None:
    boards.set(PATH, json.dumps(JOBS).encode(), drip=0.01)
    store.boards.sync_boards(
        [BoardConfig("Drip", boards.url(PATH), "greenhouse", boards.url(PATH), 60)], now
    )
    outcome = await poller_for(store, client, fetch_timeout=0.3).poll("Drip")
    assert outcome.status == "failed"
    assert outcome.error == "took longer than 0.3s"
    assert store.boards.board("Drip").consecutive_failures == 1


async def test_the_deadline_spans_every_request_of_one_fetch(client, boards: BoardServer) -> None:
    boards.set("/page", b"{}", delay=0.05)
    fetcher = Fetcher(client)
    pages = 0
    with pytest.raises(BoardUnreachable, match=r"took longer than 0\.3s"):
        async with fetcher.deadline(0.3):
            while pages < 1000:  # each page is quick; together they are not
                await fetcher.get(boards.url("/page"))
                pages += 1
    assert 1 < pages < 1000


async def test_a_single_request_outside_a_poll_gets_the_fetch_timeout(
    client, boards: BoardServer
) -> None:
    boards.set(PATH, json.dumps(JOBS).encode(), drip=0.01)
    with pytest.raises(BoardUnreachable, match=r"took longer than 0\.2s"):
        await Fetcher(client, fetch_timeout=0.2).get(boards.url(PATH))


@pytest.fixture
async def garbage_server() -> AsyncIterator[int]:
    """A server that answers every connection with something that is not HTTP."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    yield server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()


HOSTILE = {
    "redirect loop": ({"status": 302, "headers": {"Location": PATH}}, "redirect"),
    "bad gzip": ({"headers": {"Content-Encoding": "gzip"}}, "gzip"),
    "bad deflate": ({"headers": {"Content-Encoding": "deflate"}}, "deflate"),
    "redirect to ftp": ({"status": 302, "headers": {"Location": "ftp://x.test/"}}, "ftp"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
async def test_a_broken_answer_is_a_one_line_board_failure(
    store: Stores, client, boards: BoardServer, now, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    route, says = HOSTILE[case]
    boards.set(PATH, b"this is not compressed data at all", **route)
    store.boards.sync_boards(
        [BoardConfig("Acme", boards.url(PATH), "greenhouse", boards.url(PATH), 60)], now
    )
    poller = poller_for(store, client)
    caplog.set_level(logging.DEBUG, logger="bot")
    outcomes = [await poller.poll("Acme", force=True) for _ in range(2)]
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert says in outcomes[0].error and "internal error" not in outcomes[0].error
    assert "\n" not in outcomes[0].error
    assert store.boards.board("Acme").consecutive_failures == 2
    assert not [r for r in caplog.records if r.exc_info], "a board fault logged a traceback"
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warned) == 1 and "\n" not in warned[0].getMessage()


async def test_a_server_that_does_not_speak_http_is_a_board_failure(
    store: Stores, client, garbage_server: int, now, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"http://127.0.0.1:{garbage_server}/jobs"
    store.boards.sync_boards([BoardConfig("Ssh", url, "greenhouse", url, 60)], now)
    outcome = await poller_for(store, client).poll("Ssh")
    assert outcome.status == "failed" and "internal error" not in (outcome.error or "")
    assert not [r for r in caplog.records if r.exc_info]


def test_fetch_timeout_is_a_duration_and_max_bytes_fits_the_largest_boards() -> None:
    assert cfg.from_dict({"polling": {"fetch_timeout": "90s"}}).polling.fetch_timeout == 90
    assert cfg.from_dict({}).polling.fetch_timeout == 60
    assert cfg.from_dict({}).polling.max_bytes > 95_000_000  # a 9,000-posting Greenhouse board
    with pytest.raises(ConfigError, match=r"polling\.fetch_timeout"):
        cfg.from_dict({"polling": {"fetch_timeout": "soon"}})


async def test_slow_details_stop_at_the_deadline_and_the_list_still_lands(
    store: Stores, client, boards: BoardServer, now
) -> None:
    base = "/v1/companies/acme/postings"
    items = [
        {"id": str(i), "name": f"Engineer {i}", "company": {"name": "Acme"}} for i in range(40)
    ]
    boards.set_json(f"{base}?limit=100&offset=0", {"totalFound": 40, "content": items})
    for item in items:
        boards.set_json(f"{base}/{item['id']}", {**item, "jobAd": {}}, delay=0.05)
    url = boards.url(base)
    store.boards.sync_boards([BoardConfig("Acme", url, "smartrecruiters", url, 60)], now)
    outcome = await poller_for(store, client, fetch_timeout=0.5).poll("Acme")
    assert (outcome.status, outcome.seen) == ("baseline", 40)  # every posting, from the list
    asked = [path for path, _ in boards.requests if path.startswith(base + "/")]
    assert 0 < len(asked) < 40  # the rest have their details fetched next poll


async def test_addboard_of_a_dripping_page_answers_within_fetch_timeout(
    store: Stores, client, boards: BoardServer
) -> None:
    boards.set("/careers", "<html>" + "<p>jobs</p>" * 500, content_type="text/html", drip=0.01)
    guard = HostGuard(allow_private=True)
    poller = poller_for(store, client, fetch_timeout=0.3)
    admin = AdminCommands(store.db, poller, BoardScheduler(poller), lambda: (1,), 900.0, guard)
    command = Incoming(chat_id=1, text="", user_id=1)
    reply = await admin.handle("addboard", command, boards.url("/careers") + " Slow")
    assert "I can't use that board" in reply and "took longer than 0.3s" in reply
    assert store.boards.board("Slow") is None


async def test_probe_of_a_dripping_board_stops_at_its_fetch_timeout(boards: BoardServer) -> None:
    boards.set(PATH, json.dumps(JOBS).encode(), drip=0.01)
    with pytest.raises(BoardUnreachable, match=r"took longer than 0\.3s"):
        await probe(boards.url(PATH), "greenhouse", fetch_timeout=0.3)


def _subclasses(root: type) -> list[type]:
    found = [root]
    for sub in root.__subclasses__():
        found += _subclasses(sub)
    return found


def _instance(cls: type) -> Exception:
    if issubclass(cls, httpx.HTTPStatusError):
        request = httpx.Request("GET", "https://board.test/")
        return cls("boom\nmore", request=request, response=httpx.Response(500, request=request))
    try:
        return cls("boom\nmore")
    except TypeError:
        return cls()


@pytest.mark.parametrize(
    "cls",
    sorted(
        {c for root in HTTPX_ERRORS for c in _subclasses(root)},
        key=lambda c: c.__name__,
    ),
    ids=lambda c: f"{c.__module__.split('.')[0]}.{c.__name__}",
)
def test_every_httpx_error_translates_to_a_one_line_fetch_error(cls: type) -> None:
    error = translate(_instance(cls), "https://board.test/jobs")
    assert isinstance(error, FetchError) and "\n" not in str(error) and str(error)


def test_a_name_that_does_not_exist_is_told_from_a_resolver_that_failed() -> None:
    """DNS saying a host's name does not exist (acme.breezy.hr with no such portal) is
    `NoSuchHost`: a look-up reads it as no board there. "Try again" stays BoardUnreachable."""
    key = SimpleNamespace(host="acme.test", port=443, ssl=True)  # what aiohttp reads of it

    def failed(errno: int) -> httpx.ConnectError:
        cause = aiohttp.ClientConnectorDNSError(key, socket.gaierror(errno, "said"))
        try:
            raise httpx.ConnectError("cannot connect") from cause
        except httpx.ConnectError as exc:
            return exc

    gone = translate(failed(socket.EAI_NONAME), "https://acme.test/json")
    assert isinstance(gone, NoSuchHost) and str(gone) == "cannot connect to acme.test: no such host"
    later = translate(failed(socket.EAI_AGAIN), "https://acme.test/json")
    assert type(later) is BoardUnreachable


@pytest.fixture
async def raw_server() -> AsyncIterator[tuple[int, dict[str, bytes]]]:
    """A server that answers each request with the bytes set for its path, then hangs up."""
    answers: dict[str, bytes] = {}

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        path = head.split(b" ")[1].decode()
        writer.write(answers[path])
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    yield server.sockets[0].getsockname()[1], answers
    server.close()
    await server.wait_closed()


WIRE_FAULTS = {
    "hangs up before answering": b"",
    "cuts the body short": b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{}",
    "breaks the chunking": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}",
    "sends a broken status line": b"HTTP/1.1 OK\r\n\r\n",
}


@pytest.mark.parametrize("fault", WIRE_FAULTS, ids=list(WIRE_FAULTS))
async def test_a_board_that_breaks_http_on_the_wire_fails_in_one_line(
    client, raw_server: tuple[int, dict[str, bytes]], fault: str
) -> None:
    port, answers = raw_server
    answers["/jobs"] = WIRE_FAULTS[fault]
    with pytest.raises(BadResponse, match=r"^127\.0\.0\.1 broke the HTTP protocol: \S") as caught:
        await Fetcher(client).get(f"http://127.0.0.1:{port}/jobs")
    assert "\n" not in str(caught.value)


async def test_long_header_lines_of_real_boards_are_read(
    client, raw_server: tuple[int, dict[str, bytes]]
) -> None:
    """Some boards send a 10-30 KB Content-Security-Policy or Set-Cookie line; aiohttp's own
    limit is 8 KB."""
    port, answers = raw_server
    answers["/jobs"] = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + b"Content-Security-Policy: "
        + b"a" * 30_000
        + b"\r\nContent-Length: 2\r\n\r\n{}"
    )
    result = await Fetcher(client).get(f"http://127.0.0.1:{port}/jobs")
    assert result.status == 200 and result.body == b"{}"
