"""A tiny HTTP/1.1 server on the bot's own event loop for GET /healthz and GET /metrics.

On the loop rather than in a thread (as prometheus_client's own server would be): an answer
then proves the loop is alive, and a frozen loop shows as a health check that times out,
which is what an orchestrator should see. No framework: two routes, GET only, one request per
connection, bounded headers and a read deadline so an idle or hostile client cannot hold it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)
READ_TIMEOUT = 10.0  # seconds a client has to send its request line and headers
MAX_HEAD = 16 * 1024  # bytes of request line and headers
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
           431: "Request Header Fields Too Large", 500: "Internal Server Error",
           503: "Service Unavailable"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"


Route = Callable[[], Awaitable[Reply]]


def parse_listen(value: str) -> tuple[str, int]:
    """("host", port) from "127.0.0.1:9464", "[::1]:9464" or ":9464" (every interface)."""
    host, sep, port = value.strip().rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"{value!r} is not host:port, like 127.0.0.1:9464")
    host = host.strip("[]") or "0.0.0.0"
    return host, int(port)


class StatusServer:
    """Serves `routes` (path -> async handler) at `listen` until closed."""

    def __init__(self, listen: str, routes: Mapping[str, Route]):
        self.host, self.port = parse_listen(listen)
        self.routes = dict(routes)
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        """Bind and serve; `port` is then the bound port (useful with port 0)."""
        self._server = await asyncio.start_server(self._serve, self.host, self.port, limit=MAX_HEAD)
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("serving /healthz and /metrics on http://%s:%d", self.host, self.port)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2.0)
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            reply = await self._answer(reader)
            head = (
                f"HTTP/1.1 {reply.status} {REASONS.get(reply.status, 'Error')}\r\n"
                f"Content-Type: {reply.content_type}\r\nContent-Length: {len(reply.body)}\r\n"
                "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
            )
            writer.write(head.encode("ascii") + reply.body)
            await writer.drain()
        except (ConnectionError, TimeoutError):
            pass  # the client went away or never finished asking: nothing to answer
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError, TimeoutError):
                await asyncio.wait_for(writer.wait_closed(), 2.0)

    async def _answer(self, reader: asyncio.StreamReader) -> Reply:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), READ_TIMEOUT)
        except (asyncio.LimitOverrunError, ValueError):
            return Reply(431, b"request headers too large\n")
        except asyncio.IncompleteReadError:
            return Reply(400, b"incomplete request\n")
        parts = head.split(b"\r\n", 1)[0].split()
        if len(parts) != 3 or not parts[2].startswith(b"HTTP/"):
            return Reply(400, b"bad request line\n")
        method, target = parts[0], parts[1].decode("ascii", "replace").split("?", 1)[0]
        route = self.routes.get(target)
        if route is None:
            return Reply(404, f"not found; try {', '.join(self.routes)}\n".encode())
        if method != b"GET":
            return Reply(405, b"GET only\n")
        try:
            return await route()
        except Exception:  # a bug in one answer must not take the server (or the bot) down
            log.exception("answering %s failed", target)
            return Reply(500, b"internal error; see the bot's log\n")
