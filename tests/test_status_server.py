"""The status server against clients that do not speak proper HTTP, over real loopback
sockets: each gets a clear status (or, silent, its connection closed) and the server goes on
answering the next one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest

from bot import server
from bot.server import Reply, StatusServer


async def _ok() -> Reply:
    return Reply(200, b"ok\n")


async def _broken() -> Reply:
    raise KeyError("a bug in one answer")


@pytest.fixture
async def status() -> AsyncIterator[StatusServer]:
    s = StatusServer("127.0.0.1:0", {"/healthz": _ok, "/broken": _broken})
    await s.start()
    yield s
    await s.close()


async def ask(s: StatusServer, raw: bytes, *, eof: bool = False) -> bytes:
    """Send `raw` (then end the sending side, with `eof`) and read the whole answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", s.port)
    writer.write(raw)
    if eof:
        writer.write_eof()
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(), 5)
    writer.close()
    return answer


@pytest.mark.parametrize(
    ("raw", "code", "says"),
    [
        (b"GET /healthz HTTP/1.1\r\n\r\n", b"200 OK", b"ok"),
        (b"HELLO\r\n\r\n", b"400 Bad Request", b"bad request line"),
        (b"GET /healthz\r\n\r\n", b"400 Bad Request", b"bad request line"),
        (b"GET /metrics.php HTTP/1.1\r\n\r\n", b"404 Not Found", b"try /healthz, /broken"),
        (b"DELETE /healthz HTTP/1.1\r\n\r\n", b"405 Method Not Allowed", b"GET only"),
        (b"GET /healthz HTTP/1.1\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n", b"431", b"too large"),
    ],
    ids=["fine", "no-http", "no-version", "unknown-path", "delete", "huge-headers"],
)
async def test_each_request_gets_its_status(
    status: StatusServer, raw: bytes, code: bytes, says: bytes
) -> None:
    answer = await ask(status, raw)
    assert answer.startswith(b"HTTP/1.1 " + code) and says in answer.split(b"\r\n\r\n", 1)[1]
    assert (await ask(status, b"GET /healthz HTTP/1.1\r\n\r\n")).startswith(b"HTTP/1.1 200")


async def test_a_request_cut_short_is_a_bad_request(status: StatusServer) -> None:
    answer = await ask(status, b"GET /healthz HTTP/1.1\r\nHost: x", eof=True)
    assert answer.startswith(b"HTTP/1.1 400") and b"incomplete request" in answer


async def test_a_silent_client_is_let_go_at_the_read_deadline(
    status: StatusServer, monkeypatch
) -> None:
    monkeypatch.setattr(server, "READ_TIMEOUT", 0.05)
    assert await ask(status, b"") == b"", "closed without an answer"
    assert (await ask(status, b"GET /healthz HTTP/1.1\r\n\r\n")).startswith(b"HTTP/1.1 200")


async def test_a_bug_in_one_answer_is_a_500_logged_once(status: StatusServer, caplog) -> None:
    with caplog.at_level(logging.ERROR):
        answer = await ask(status, b"GET /broken HTTP/1.1\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 500") and b"see the bot's log" in answer
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "/broken" in record.getMessage() and record.exc_info
    assert b"KeyError" not in answer, "the traceback stays in the log"
    assert (await ask(status, b"GET /healthz HTTP/1.1\r\n\r\n")).startswith(b"HTTP/1.1 200")
