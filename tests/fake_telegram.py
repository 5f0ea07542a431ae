"""A fake Telegram Bot API server for tests, served over real HTTP on 127.0.0.1.

Point python-telegram-bot at it with ``base_url=fake.base_url``. It runs in its own threads, so
it works with any event loop, or with the bot running in another process. Outages: ``outage()``
answers every call with a 502 (or one method's calls: ``outage(401, method="getUpdates")``),
``reject_token()`` with 401/404, ``conflict()`` every getUpdates with 409 (another program polls
the token), and ``stop()`` then ``start()`` refuses connections in between and serves the same
port again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import math
import multiprocessing
import re
import socketserver
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

MAX_TEXT_UTF16 = 4096
HTML_TAGS = frozenset({"a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span"})
HTML_TAGS |= {"tg-spoiler", "tg-emoji", "code", "pre", "blockquote"}
_ENTITY = re.compile(r"&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG = re.compile(r"""<(/?)([^\s>]*)((?:"[^"]*"|'[^']*'|[^"'>])*)(>?)""")
_ATTR = re.compile(r"""([^\s=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"']*))?""")
_PATH = re.compile(r"/bot([^/]+)/([A-Za-z]+)/?")
_REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found"}
_REASONS |= {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
_REASONS[409] = (  # Telegram's words to a getUpdates while another one waits on the token
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)
Predicate = int | Callable[[list["SentMessage"]], object]


# A ceiling, not a pace: a wait ends when the message comes. A bot's first reply may wait for
# the place gazetteer's build (~2 s alone), several times that on a machine running the suite
# on every core; 5 s failed there about one run in ten.
WAIT = 30.0


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request: its file name and bytes."""

    filename: str
    content: bytes


class ApiError(Exception):
    """An error answer of the Bot API (``{"ok": false, ...}``)."""

    def __init__(self, status: int, description: str, **parameters: int) -> None:
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters

    def payload(self) -> dict[str, Any]:
        body = {"ok": False, "error_code": self.status, "description": self.description}
        return body | ({"parameters": self.parameters} if self.parameters else {})


@dataclass(frozen=True)
class SentMessage:
    """A message the bot sent (or an edit), as recorded by the fake."""

    chat_id: int | str
    text: str  # as sent, i.e. with HTML tags
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    link_preview_options: dict[str, Any] | None
    disable_web_page_preview: bool | None
    message_id: int
    at: float  # time.monotonic() when accepted
    visible_text: str = ""  # tags stripped, entities unescaped
    document: dict[str, Any] | None = None  # a sendDocument: file_id, file_name, file_size

    @property
    def previews_disabled(self) -> bool:
        """Whether link previews were switched off by either API parameter."""
        lpo = self.link_preview_options or {}
        return bool(lpo.get("is_disabled") or self.disable_web_page_preview)

    @property
    def button_urls(self) -> list[str]:
        """URLs of the inline keyboard's URL buttons, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button["url"] for row in rows for button in row if "url" in button]


@dataclass(frozen=True)
class Call:
    """One API request: the method name as in the URL, its decoded parameters, the token."""

    method: str
    params: dict[str, Any]
    token: str


@dataclass(frozen=True)
class Limits:
    """Telegram-like flood limits: at most N accepted sendMessage in any window of length W.

    ``scale`` divides the window lengths (scale=10: 300/s global, 10/s per private chat).
    Group chats are negative ids (or ``@channel`` names).
    """

    global_per_s: int = 30
    per_private_chat_per_s: int = 1
    per_group_per_min: int = 20
    scale: float = 1.0

    def rules(self, chat_id: int | str) -> list[tuple[object, int, float]]:
        """(window key, max accepted messages, window seconds) applying to a send to chat_id."""
        rules: list[tuple[object, int, float]] = [("*", self.global_per_s, 1 / self.scale)]
        if isinstance(chat_id, int) and chat_id > 0:
            return [*rules, (chat_id, self.per_private_chat_per_s, 1 / self.scale)]
        return [*rules, (chat_id, self.per_group_per_min, 60 / self.scale)]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts in."""
    return len(text.encode("utf-16-le")) // 2


def _unescape(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        hex_, dec, name = m.groups()
        if name:
            return _NAMED[name]
        code = int(hex_ or dec, 16 if hex_ else 10)
        return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else m[0]

    return _ENTITY.sub(repl, text)


def parse_html(text: str) -> str:
    """Return the visible text of Bot API HTML, or raise ApiError(400) as Telegram would.

    Follows TDLib's checks and messages (unknown/unclosed/unmatched tags, byte offsets), but is
    stricter in one point: ``<a>`` without ``href`` is rejected.
    """
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    while (lt := text.find("<", pos)) >= 0:
        out.append(_unescape(text[pos:lt]))
        m = _TAG.match(text, lt)
        assert m is not None  # every group may be empty
        closing, name, attrs, gt = m.groups()
        err = f" at byte offset {len(text[:lt].encode())}"
        if closing:
            if not stack:
                raise _bad_html("Unexpected end tag" + err)
            if not gt or attrs.strip():
                raise _bad_html("Unclosed end tag" + err)
            expected = stack.pop()
            if name and name != expected:
                raise _bad_html(
                    f'Unmatched end tag{err}, expected "</{expected}>", found "</{name}>"'
                )
        else:
            if lt + 1 + len(name) >= len(text):
                raise _bad_html("Unclosed start tag" + err)
            if (name := name.lower()) not in HTML_TAGS:
                raise _bad_html(f'Unsupported start tag "{name}"{err}')
            if not gt:
                raise _bad_html("Unclosed start tag" + err)
            values = {
                k.lower(): _unescape(v[1:-1] if v[:1] in "\"'" else v)
                for k, v in _ATTR.findall(attrs)
            }
            if name == "a" and not values.get("href"):
                raise _bad_html(f'Tag "a" must have attribute "href"{err}')
            if name == "span" and values.get("class") != "tg-spoiler":
                raise _bad_html(f'Tag "span" must have class "tg-spoiler"{err}')
            stack.append(name)
        pos = m.end()
    if stack:
        raise _bad_html(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out) + _unescape(text[pos:])


def _bad_html(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {detail}")


def _parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    kind = content_type.split(";")[0].strip().lower()
    if not body:
        return {}
    if kind == "application/json":
        return dict(json.loads(body))
    if kind == "multipart/form-data":
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        parts = BytesParser(policy=HTTP).parsebytes(head + body).iter_parts()
        return {
            p.get_param("name", header="content-disposition"): Upload(
                p.get_filename(), p.get_payload(decode=True)
            )
            if p.get_filename()
            else p.get_payload(decode=True).decode()
            for p in parts
        }
    return dict(parse_qsl(body.decode(), keep_blank_values=True))


def _json(value: Any) -> Any:
    """Complex values arrive JSON-encoded as strings in form bodies, natively in JSON ones."""
    try:
        return json.loads(value) if isinstance(value, str) else value
    except ValueError as exc:
        raise ApiError(400, "Bad Request: can't parse JSON object") from exc


def _chat_id(value: Any) -> int | str:
    if value in (None, ""):
        raise ApiError(400, "Bad Request: chat_id is empty")
    try:
        return int(value)
    except ValueError:
        return str(value)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 10  # a silent client cannot hang stop() forever

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if url.path.startswith("/file/bot"):  # a download of a file getFile pointed to
            self._send_file(url.path.rsplit("/", 1)[-1].removesuffix(".bin"))
            return
        try:
            if not (match := _PATH.fullmatch(url.path)):
                raise ApiError(404, "Not Found")
            try:
                params = dict(parse_qsl(url.query))
                params |= _parse_body(self.headers.get("Content-Type", ""), body)
            except ValueError as exc:
                raise ApiError(400, f"Bad Request: can't parse request body: {exc}") from exc
            result = self.server.fake._dispatch(*match.groups(), params)
            status, payload = 200, {"ok": True, "result": result}
        except ApiError as exc:
            status, payload = exc.status, exc.payload()
        except Exception as exc:  # a bug in the fake: still answer, as a 500
            status, payload = 500, ApiError(500, f"Internal Server Error: {exc!r}").payload()
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_file(self, file_id: str) -> None:
        data = self.server.fake.files.get(file_id)
        self.send_response(200 if data is not None else 404)
        self.send_header("Content-Length", str(len(data or b"")))
        self.end_headers()
        self.wfile.write(data or b"")

    do_GET = do_POST


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # still tracked: server_close() joins them (block_on_close)
    request_queue_size = 256  # a bot sending with many connections at once must not be refused

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", fake.port), _Handler)  # port 0 the first time

    def server_bind(self) -> None:  # skip HTTPServer's getfqdn() reverse lookup
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # e.g. a cancelled long poll
            super().handle_error(request, client_address)


@dataclass(eq=False, repr=False)
class FakeTelegram:
    """Fake Bot API server; use as a context manager or call start()/stop()."""

    limits: Limits | None = None
    bot_id: int = 7000000001
    bot_username: str = "jobbot_test_bot"
    max_poll: float = 2.0  # cap on getUpdates' long-polling timeout, keeps shutdowns quick
    clock: Callable[[], float] = time.monotonic  # what the flood limits and `at` read
    port: int = 0
    tokens_seen: set[str] = field(default_factory=set)
    sent: list[SentMessage] = field(default_factory=list)
    edited: list[SentMessage] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    errors: list[tuple[str, int, str]] = field(default_factory=list)  # (method, code, description)
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    chat_actions: list[tuple[int | str, str]] = field(default_factory=list)  # (chat, "typing")
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> content (sent or pushed)
    commands_by_scope: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    blocked: set[int | str] = field(default_factory=set)
    too_many_requests: int = 0  # 429s caused by `limits` (not by fail_next)
    long_polls: int = 0  # getUpdates calls waiting for news now
    # how each getUpdates that waited ended: "news" (woken by an update), "timeout", "stopped"
    poll_ends: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._cond = threading.Condition(threading.RLock())
        self._stopping = threading.Event()
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = self._next_message_id = 0
        # (method in lower case, chat_id or None for any, error, [calls left to fail])
        self._failures: list[tuple[str, int | str | None, ApiError, list[int]]] = []
        self._answer_all: ApiError | None = None  # outage() / reject_token()
        self._answer_all_method: str | None = None  # of one method only, lower case
        self._delays: dict[int | None, float] = {}
        self.limit_hits: list[str] = []  # which rule each Limits 429 broke
        self._windows: dict[object, deque[float]] = {}
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._methods: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getme": lambda p: self.me,
            "deletewebhook": lambda p: True,
            "getupdates": self._get_updates,
            "setmycommands": self._set_my_commands,
            "getmycommands": lambda p: self.commands_by_scope.get(self._scope(p), []),
            "deletemycommands": lambda p: self._set_my_commands(p | {"commands": []}),
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "senddocument": self._send_document,
            "getfile": self._get_file,
            "answercallbackquery": lambda p: self.callback_answers.append(p) or True,
            "sendchataction": self._send_chat_action,
            "close": lambda p: True,
            "logout": lambda p: True,
        }

    def start(self) -> FakeTelegram:
        """Start serving on an ephemeral loopback port, or on the same port as before after a
        stop() (no-op if running)."""
        if self._server is None:
            self._stopping.clear()
            self._server = _Server(self)
            self.port = self._server.server_address[1]
            serve = self._server.serve_forever
            self._thread = threading.Thread(
                target=serve, args=(0.05,), name=f"FakeTelegram:{self.port}", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving: wake pending getUpdates and delays, join all server threads."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        with self._cond:
            self._cond.notify_all()
        server.shutdown()
        server.server_close()
        if self._thread:
            self._thread.join(5)

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.api_url}/bot"

    @property
    def me(self) -> dict[str, Any]:
        """The getMe result."""
        flags = {"can_join_groups": True, "can_read_all_group_messages": False}
        user = {"id": self.bot_id, "is_bot": True, "first_name": "JobBot"}
        return user | {"username": self.bot_username, "supports_inline_queries": False} | flags

    @property
    def commands(self) -> list[dict[str, Any]]:
        """Commands set for the default scope and no language."""
        return self.commands_by_scope.get(self._scope({}), [])

    # -- incoming updates ----------------------------------------------------------------------
    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (its update_id is assigned) and return the update_id."""
        with self._cond:
            self._next_update_id += 1
            self._updates.append({"update_id": self._next_update_id, **update})
            self._cond.notify_all()
            return self._next_update_id

    def push_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Ada",
        username: str | None = None,
        reply_to: SentMessage | None = None,
    ) -> int:
        """Queue an incoming text message (commands get a bot_command entity), optionally a
        reply to ``reply_to`` (a message the bot sent); return update_id."""
        person = {"first_name": first_name} | ({"username": username} if username else {})
        user = {"id": chat_id if user_id is None else user_id, "is_bot": False} | person
        chat = {"id": chat_id, "type": chat_type}
        chat |= person if chat_type == "private" else {"title": f"Chat {chat_id}"}
        msg = {"message_id": self._new_message_id(), "date": int(time.time()), "chat": chat}
        msg |= {"from": user, "text": text}
        if reply_to is not None:
            msg["reply_to_message"] = self._message_json(reply_to)
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
        return self.push_update({"message": msg})

    def push_document(
        self, chat_id: int, content: bytes, filename: str = "export.json", caption: str = ""
    ) -> int:
        """Queue a file the user sends, with ``caption`` (e.g. "/import"); return update_id."""
        doc = self._store_file(content, filename)
        user = {"id": chat_id, "is_bot": False, "first_name": "Ada"}
        msg = {"message_id": self._new_message_id(), "date": int(time.time()), "from": user}
        msg |= {"chat": {"id": chat_id, "type": "private", "first_name": "Ada"}, "document": doc}
        if caption:
            msg["caption"] = caption
        return self.push_update({"message": msg})

    def push_media(self, chat_id: int, media: dict[str, Any], *, chat_type: str = "private") -> int:
        """Queue a message with no text, only ``media`` (e.g. ``{"sticker": {...}}``)."""
        user = {"id": chat_id, "is_bot": False, "first_name": "Ada"}
        msg = {"message_id": self._new_message_id(), "date": int(time.time()), "from": user}
        msg |= {"chat": {"id": chat_id, "type": chat_type, "first_name": "Ada"}, **media}
        return self.push_update({"message": msg})

    def _store_file(self, content: bytes, filename: str) -> dict[str, Any]:
        with self._cond:
            file_id = f"f{len(self.files) + 1}x{time.monotonic_ns()}"
            self.files[file_id] = content
        return {"file_id": file_id, "file_unique_id": file_id, "file_name": filename,
                "mime_type": "application/json", "file_size": len(content)}  # fmt: skip

    def push_callback(self, message: SentMessage, data: str, *, user_id: int | None = None) -> int:
        """Queue a press of an inline button (callback_data ``data``) under a sent message."""
        user = {"id": user_id or message.chat_id, "is_bot": False, "first_name": "Ada"}
        query = {"id": f"q{time.monotonic_ns()}", "from": user, "chat_instance": "1", "data": data}
        return self.push_update(
            {"callback_query": query | {"message": self._message_json(message)}}
        )

    @property
    def pending_updates(self) -> int:
        """Number of updates not yet confirmed by a getUpdates offset."""
        with self._cond:
            return len(self._updates)

    # -- fault injection -----------------------------------------------------------------------
    def block(self, chat_id: int | str) -> None:
        """Answer every send/edit to chat_id with 403 (discard from ``blocked`` to undo)."""
        with self._cond:
            self.blocked.add(chat_id)

    def fail_next(
        self,
        chat_id: int | str | None = None,
        *,
        status: int = 500,
        description: str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        count: int = 1,
        method: str = "sendMessage",
    ) -> None:
        """Answer the next ``count`` calls of ``method`` (to chat_id, or to any chat) with an
        error; a chat is named by ``chat_id``, or in ``scope`` for setMyCommands."""
        if description is None and status == 429:
            description = f"Too Many Requests: retry after {retry_after}"
        params = {"retry_after": retry_after, "migrate_to_chat_id": migrate_to_chat_id}
        params = {k: v for k, v in params.items() if v is not None}
        error = ApiError(status, description or _REASONS.get(status, "Error"), **params)
        with self._cond:
            self._failures.append((method.lower(), chat_id, error, [count]))

    def outage(self, status: int | None = 502, *, method: str | None = None) -> None:
        """Answer every API call (or every call of ``method``) with ``status`` (502: Telegram's
        front end without its back end) until called with None."""
        self._answer_all_with(status, method)

    def reject_token(self, status: int | None = 401) -> None:
        """Answer every API call as Telegram does for a revoked token (401 Unauthorized) or a
        malformed one (404 Not Found), until called with None."""
        self._answer_all_with(status)

    def conflict(self, on: bool = True) -> None:
        """Answer every getUpdates with 409 Conflict, as Telegram does while another program
        polls the same token (a second instance of the bot), until called with False."""
        self._answer_all_with(409 if on else None, "getUpdates")

    def _answer_all_with(self, status: int | None, method: str | None = None) -> None:
        with self._cond:
            self._answer_all = None if status is None else ApiError(status, _REASONS[status])
            self._answer_all_method = None if method is None else method.lower()

    def delay(self, seconds: float, chat_id: int | None = None) -> None:
        """Make sendMessage (to one chat, or to any) take ``seconds`` to answer; 0 switches off."""
        self._delays[chat_id] = seconds

    # -- what the bot sent ---------------------------------------------------------------------
    def messages_to(self, chat_id: int | str) -> list[SentMessage]:
        with self._cond:
            return [m for m in self.sent if m.chat_id == chat_id]

    def wait_for(self, what: Predicate = 1, timeout: float = WAIT) -> list[SentMessage]:
        """Block until ``len(sent) >= what`` (int) or ``what(sent)`` holds; return ``sent``."""
        deadline = time.monotonic() + timeout
        while not (res := self._poll(what, timeout, deadline))[0]:
            time.sleep(0.01)
        return res[1]

    async def wait_for_async(self, what: Predicate = 1, timeout: float = WAIT) -> list[SentMessage]:
        """Like wait_for, but sleeps with asyncio so the event loop keeps running."""
        deadline = time.monotonic() + timeout
        while not (res := self._poll(what, timeout, deadline))[0]:
            await asyncio.sleep(0.01)
        return res[1]

    def _poll(
        self, what: Predicate, timeout: float, deadline: float
    ) -> tuple[bool, list[SentMessage]]:
        with self._cond:
            seen, errors = list(self.sent), self.errors[-5:]
        if len(seen) >= what if isinstance(what, int) else what(seen):
            return True, seen
        if time.monotonic() < deadline:
            return False, seen
        lines = [f"  {m.chat_id}: {m.text!r}" for m in seen] or ["  (nothing)"]
        lines += ["recent errors:", *(f"  {e}" for e in errors)] if errors else []
        raise AssertionError(
            "\n".join([f"wait_for({what!r}) timed out after {timeout}s; sent:", *lines])
        )

    # -- the API ---------------------------------------------------------------------------------
    def _dispatch(self, token: str, method: str, params: dict[str, Any]) -> Any:
        with self._cond:
            self.tokens_seen.add(token)
            self.calls.append(Call(method, params, token))
        try:
            if self._answer_all is not None and self._answer_all_method in (None, method.lower()):
                raise self._answer_all
            if (handler := self._methods.get(method.lower())) is None:
                raise ApiError(404, "Not Found: method not found")
            if method.lower() != "sendmessage":  # it checks after its delay
                chat = params.get("chat_id") or (_json(params.get("scope")) or {}).get("chat_id")
                self._fail_if_asked(method.lower(), None if chat is None else _chat_id(chat))
            return handler(params)
        except ApiError as exc:
            with self._cond:
                self.errors.append((method, exc.status, exc.description))
            raise

    def _fail_if_asked(self, method: str, chat_id: int | str | None) -> None:
        """Raise the error fail_next() queued for this call, if any."""
        with self._cond:
            for failure in self._failures:
                if failure[0] == method and failure[1] in (None, chat_id):
                    failure[3][0] -= 1
                    if failure[3][0] <= 0:
                        self._failures.remove(failure)
                    raise failure[2]

    def _get_updates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        offset, limit = int(p.get("offset") or 0), int(p.get("limit") or 100)
        deadline = time.monotonic() + min(float(p.get("timeout") or 0), self.max_poll)
        with self._cond:
            if offset < 0:  # "-N": the last N updates, forget the rest
                del self._updates[: max(0, len(self._updates) + offset)]
            elif offset:  # confirms every update with a smaller id
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            waited, woken = False, False
            while not self._updates and not self._stopping.is_set():
                if (left := deadline - time.monotonic()) <= 0:
                    break
                self.long_polls += not waited
                waited, woken = True, self._cond.wait(left)
            if waited:
                self.long_polls -= 1
                news = woken and bool(self._updates)
                self.poll_ends.append(
                    "stopped" if self._stopping.is_set() else "news" if news else "timeout"
                )
            return list(self._updates[:limit])

    @staticmethod
    def _scope(p: dict[str, Any]) -> tuple[str, str]:
        scope = _json(p.get("scope")) or {"type": "default"}
        return json.dumps(scope, sort_keys=True), p.get("language_code") or ""

    def _set_my_commands(self, p: dict[str, Any]) -> bool:
        with self._cond:
            self.commands_by_scope[self._scope(p)] = list(_json(p.get("commands")) or [])
        return True

    def _check_text(self, chat_id: int | str, text: str, parse_mode: str | None) -> str:
        with self._cond:
            if chat_id in self.blocked:
                group = not isinstance(chat_id, int) or chat_id < 0
                why = (
                    "bot was kicked from the group chat" if group else "bot was blocked by the user"
                )
                raise ApiError(403, f"Forbidden: {why}")
        visible = parse_html(text) if (parse_mode or "").upper() == "HTML" else text
        if not visible.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(visible.strip()) > MAX_TEXT_UTF16:
            raise ApiError(400, "Bad Request: message is too long")
        return visible

    def _send_message(self, p: dict[str, Any]) -> dict[str, Any]:
        chat_id = _chat_id(p.get("chat_id"))
        pause = self._delays.get(chat_id) or self._delays.get(None)
        if pause:
            self._stopping.wait(pause)
        self._fail_if_asked("sendmessage", chat_id)
        visible = self._check_text(chat_id, str(p.get("text", "")), p.get("parse_mode") or None)
        with self._cond:
            if self.limits:
                self._check_limits(chat_id, self.clock())
            msg = self._record(p, chat_id, self._new_message_id(), visible)
            self.sent.append(msg)
        return self._message_json(msg)

    def _send_document(self, p: dict[str, Any]) -> dict[str, Any]:
        chat_id = _chat_id(p.get("chat_id"))
        upload = p.get("document")
        if not isinstance(upload, Upload):
            raise ApiError(400, "Bad Request: there is no document in the request")
        if not upload.content:
            raise ApiError(400, "Bad Request: file must be non-empty")
        caption = str(p.get("caption") or "")
        visible = parse_html(caption) if caption and p.get("parse_mode") == "HTML" else caption
        if utf16_len(visible) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        doc = self._store_file(upload.content, upload.filename)
        with self._cond:
            msg = self._record(p | {"text": caption}, chat_id, self._new_message_id(), visible)
            msg = dataclasses.replace(msg, document=doc)
            self.sent.append(msg)
        return self._message_json(msg)

    def _get_file(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = str(p.get("file_id") or "")
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        size = len(self.files[file_id])
        return {"file_id": file_id, "file_unique_id": file_id, "file_size": size,
                "file_path": f"documents/{file_id}.bin"}  # fmt: skip

    def _send_chat_action(self, p: dict[str, Any]) -> bool:
        chat_id = _chat_id(p.get("chat_id"))
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        with self._cond:
            self.chat_actions.append((chat_id, str(p.get("action", ""))))
            self._cond.notify_all()
        return True

    def _edit_message_text(self, p: dict[str, Any]) -> dict[str, Any]:
        chat_id, message_id = _chat_id(p.get("chat_id")), int(p.get("message_id") or 0)
        visible = self._check_text(chat_id, str(p.get("text", "")), p.get("parse_mode") or None)
        with self._cond:
            if not any((m.chat_id, m.message_id) == (chat_id, message_id) for m in self.sent):
                raise ApiError(400, "Bad Request: message to edit not found")
            self.edited.append(msg := self._record(p, chat_id, message_id, visible))
        return self._message_json(msg)

    def _check_limits(self, chat_id: int | str, now: float) -> None:
        assert self.limits is not None
        rules, wait = self.limits.rules(chat_id), 0.0
        broken = []
        for key, most, window in rules:
            accepted = self._windows.setdefault(key, deque())
            while accepted and accepted[0] <= now - window:
                accepted.popleft()
            if len(accepted) >= most:  # free again once the most-th newest leaves the window
                wait = max(wait, accepted[-most] + window - now)
                broken.append("global" if key == "*" else f"chat {key}")
        if wait > 0:
            self.too_many_requests += 1
            self.limit_hits.append(", ".join(broken))
            secs = max(1, math.ceil(wait))
            raise ApiError(429, f"Too Many Requests: retry after {secs}", retry_after=secs)
        for key, _, _ in rules:
            self._windows[key].append(now)

    def _new_message_id(self) -> int:
        with self._cond:
            self._next_message_id += 1
            return self._next_message_id

    def _record(self, p: dict[str, Any], chat_id: int | str, mid: int, visible: str) -> SentMessage:
        dwpp = p.get("disable_web_page_preview")
        return SentMessage(
            chat_id=chat_id,
            text=str(p.get("text", "")),
            parse_mode=p.get("parse_mode") or None,
            reply_markup=_json(p.get("reply_markup")),
            link_preview_options=_json(p.get("link_preview_options")),
            disable_web_page_preview=None if dwpp is None else dwpp in (True, "true", "True", "1"),
            message_id=mid,
            at=self.clock(),
            visible_text=visible,
        )

    def _message_json(self, msg: SentMessage) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": msg.chat_id, "type": "private", "first_name": "Ada"}
        if not isinstance(msg.chat_id, int):  # "@channelname"
            chat = {
                "id": -1001,
                "type": "channel",
                "title": msg.chat_id,
                "username": msg.chat_id[1:],
            }
        elif msg.chat_id < 0:
            kind = "supergroup" if str(msg.chat_id).startswith("-100") else "group"
            chat = {"id": msg.chat_id, "type": kind, "title": f"Chat {msg.chat_id}"}
        out = {
            "message_id": msg.message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": self.me,
        }
        if msg.document is not None:
            out["document"] = msg.document
            if msg.visible_text:
                out["caption"] = msg.visible_text
        else:
            out["text"] = msg.visible_text
        if msg.reply_markup:
            out["reply_markup"] = msg.reply_markup
        if msg.link_preview_options:
            out["link_preview_options"] = msg.link_preview_options
        return out


def _serve(conn: Any, limits: Limits | None) -> None:
    """Child-process body of FakeTelegramProcess: serve until told to stop."""
    with FakeTelegram(limits=limits) as tg:
        conn.send(tg.port)
        while True:
            request = conn.recv()
            if request == "results":
                with tg._cond:
                    sent = [(m.chat_id, m.at, m.text) for m in tg.sent]
                conn.send(
                    {
                        "sent": sent,
                        "too_many_requests": tg.too_many_requests,
                        "limit_hits": tg.limit_hits,
                    }
                )
            elif request == "stop":
                return


class FakeTelegramProcess:
    """The fake in a process of its own, so a load test measures the bot, not the fake's
    share of one interpreter. `results()` returns what was sent as (chat_id, at, text)."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits

    def __enter__(self) -> FakeTelegramProcess:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, self.limits), daemon=True)
        self._proc.start()
        self.port = self._conn.recv()
        self.api_url = f"http://127.0.0.1:{self.port}"
        return self

    def results(self) -> dict[str, Any]:
        self._conn.send("results")
        return self._conn.recv()

    def __exit__(self, *exc: object) -> None:
        self._conn.send("stop")
        self._proc.join(timeout=5)
        if self._proc.is_alive():
            self._proc.kill()
