"""A loopback HTTP server that plays job boards: set a path's response, read back the requests."""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True  # answer If-None-Match with 304 when the body is unchanged
    validators_on_304: bool = True  # False: a 304 without its ETag (servers that forget it)
    delay: float = 0.0
    gate: threading.Event | None = None  # when set, each request waits for it (at most 10 s)
    drip: float = 0.0  # send the body a byte at a time, this many seconds apart


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up: fine
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Answers one connection's requests from its `board`'s routes."""

    board: ClassVar[BoardServer]

    def do_GET(self) -> None:
        with self.board.lock:
            self.board.connections.add(self.client_address)
            self.board.active += 1
            self.board.max_active = max(self.board.max_active, self.board.active)
        self.counted = True
        try:
            self._get()
        finally:
            self._answered()

    def _answered(self) -> None:
        """A request is active until its answer starts: once the client may have it, the
        client's next request must not find this one still counted (`max_active` read 3 of a
        limit of 2, one run in many, when the count ended after the answer was written)."""
        if getattr(self, "counted", False):
            self.counted = False
            with self.board.lock:
                self.board.active -= 1

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = raw.decode("utf-8", "replace")
        with self.board.lock:
            self.board.posted.append((self.path, body))
            route = self.board.posts.get((self.path, json.dumps(body, sort_keys=True)))
        self._get(route)

    def _get(self, route: Route | None = None) -> None:
        with self.board.lock:
            self.board.requests.append((self.path, dict(self.headers)))
            if self.command == "GET":
                route = self.board.routes.get(self.path)
        if route is None:
            self._answer(404, b'{"error":"not found"}', "application/json", {})
            return
        if route.delay:
            time.sleep(route.delay)
        if route.gate is not None:
            route.gate.wait(10)
        headers = dict(route.headers)
        if route.etag and route.status == 200:
            tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            headers["ETag"] = tag
            if self.headers.get("If-None-Match") == tag:
                if not route.validators_on_304:
                    del headers["ETag"]
                self._answer(304, b"", route.content_type, headers)
                return
        self._answer(route.status, route.body, route.content_type, headers, route.drip)

    def _answer(
        self, status: int, body: bytes, ctype: str, headers: dict, drip: float = 0.0
    ) -> None:
        self._answered()
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            if status != 304 and drip:
                self._drip(body, drip)
            elif status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _drip(self, body: bytes, every: float) -> None:
        """A board that answers, slowly: each byte on its own, until the client leaves."""
        for i in range(len(body)):
            self.wfile.write(body[i : i + 1])
            self.wfile.flush()
            time.sleep(every)

    def log_message(self, *args: object) -> None:
        pass


class BoardServer:
    """Serves `routes[path]`; records each request's path and headers in `requests`, and
    each TCP connection's client address in `connections`. With `keep_alive` it speaks
    HTTP/1.1 and keeps connections open between requests, as real servers do."""

    def __init__(self, keep_alive: bool = False) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.posts: dict[tuple[str, str], Route] = {}  # (path, JSON body) -> answer to a POST
        self.posted: list[tuple[str, object]] = []  # each POST's path and JSON body
        self.connections: set[tuple[str, int]] = set()
        self.active = 0
        self.max_active = 0
        self.lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"board": self})
        handler.protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set_json(self, path: str, data: object, **kw: object) -> None:
        self.routes[path] = Route(body=json.dumps(data).encode(), **kw)

    def set_post(self, path: str, request: object, data: object, **kw: object) -> None:
        """Answer a POST of `path` whose JSON body is `request` with `data` as JSON."""
        key = (path, json.dumps(request, sort_keys=True))
        self.posts[key] = Route(body=json.dumps(data).encode(), etag=False, **kw)

    def set(self, path: str, body: bytes | str, status: int = 200, **kw: object) -> None:
        if isinstance(body, str):
            body = body.encode()
        self.routes[path] = Route(status=status, body=body, **kw)

    def start(self) -> BoardServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
