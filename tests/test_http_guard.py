"""The private-host guard at connection level: checked addresses are the ones connected to.

Hostnames here (`*.test`) exist only in the injected resolver; the conftest network guard makes
the system resolver refuse them, so a request that arrives proves the connection used the
guard's answer.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import AsyncIterator

import httpx
import pytest

from bot import config as cfg
from bot.app import App
from bot.config import PollingConfig
from bot.errors import BoardUnreachable, FetchError, ForbiddenHost
from bot.http import Fetcher, HostGuard, build_client
from bot.poller import Poller
from bot.scheduler import BoardScheduler
from bot.storing import PollStores
from bot.telegram.admin import AdminCommands
from bot.transport import Incoming
from bot.wire import AiohttpTransport
from tests.board_server import BoardServer
from tests.conftest import FIXTURES

PUBLIC = "93.184.216.34"
TLS = FIXTURES / "tls"
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>"""


class Resolver:
    """Answers from a script per host (the last answer repeats) and counts the lookups."""

    def __init__(self, answers: dict[str, list[list[str]]] | None = None):
        self.answers = {host: list(script) for host, script in (answers or {}).items()}
        self.lookups: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        script = self.answers.get(host)
        if not script:
            raise socket.gaierror(f"{host}: no such host in this test")
        return script.pop(0) if len(script) > 1 else script[0]


def rebinding() -> Resolver:
    """rebind.test: public to the first lookup, loopback to every later one."""
    return Resolver({"rebind.test": [[PUBLIC], ["127.0.0.1"]]})


async def fetch(guard: HostGuard, url: str) -> object:
    async with build_client(timeout=2.0, guard=guard) as client:
        return await Fetcher(client).get(url)


async def test_a_rebinding_host_cannot_reach_loopback(boards: BoardServer) -> None:
    boards.set("/feed", RSS)
    resolve = rebinding()
    guard = HostGuard(resolve=resolve)
    await guard.check(
        f"http://rebind.test:{boards.port}/feed"
    )  # what /addboard checks first: public
    with pytest.raises(ForbiddenHost, match=r"rebind\.test resolves to .*\(127\.0\.0\.1\)"):
        await fetch(guard, f"http://rebind.test:{boards.port}/feed")
    assert resolve.lookups == ["rebind.test", "rebind.test"]  # the connection looked up itself
    assert boards.requests == []


async def test_addboard_refuses_a_rebinding_host(store, boards: BoardServer) -> None:
    boards.set("/feed", RSS, content_type="application/rss+xml")
    guard = HostGuard(resolve=rebinding())
    client = build_client(timeout=2.0, guard=guard)
    poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig())
    admin = AdminCommands(store.db, poller, BoardScheduler(poller), lambda: (1,), 900.0, guard)
    url = f"http://rebind.test:{boards.port}/feed"
    reply = await admin.handle("addboard", Incoming(chat_id=1, text="", user_id=1), f"{url} Evil")
    await client.aclose()
    assert "private or local address" in reply and "127.0.0.1" in reply
    assert not store.boards.board("Evil").enabled  # refused on its first poll, nothing fetched
    assert boards.requests == []


async def test_an_answer_with_any_private_address_is_refused(boards: BoardServer) -> None:
    guard = HostGuard(resolve=Resolver({"mixed.test": [[PUBLIC, "127.0.0.1"]]}))
    with pytest.raises(ForbiddenHost, match="private or local address"):
        await fetch(guard, f"http://mixed.test:{boards.port}/feed")
    assert boards.requests == []


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1", "[::1]", "0.0.0.0", "169.254.169.254", "[::ffff:127.0.0.1]",
        "[64:ff9b::7f00:1]",  # NAT64 of 127.0.0.1
        "[2002:a00:1::]",  # 6to4 of 10.0.0.1
    ],
)  # fmt: skip
async def test_private_ip_literals_are_refused_without_a_lookup(
    boards: BoardServer, host: str
) -> None:
    resolve = Resolver()
    with pytest.raises(ForbiddenHost, match="private or local address"):
        await fetch(HostGuard(resolve=resolve), f"http://{host}:{boards.port}/feed")
    assert resolve.lookups == [] and boards.requests == []


async def test_a_trusted_host_connects_to_the_address_it_resolved_to(boards: BoardServer) -> None:
    boards.set("/feed", RSS)
    resolve = Resolver({"board.test": [["127.0.0.1"]]})
    guard = HostGuard({f"http://board.test:{boards.port}"}, resolve=resolve)
    result = await fetch(guard, f"http://board.test:{boards.port}/feed")
    assert result.status == 200 and result.body == RSS
    [(path, headers)] = boards.requests
    assert path == "/feed" and headers["Host"] == f"board.test:{boards.port}"
    assert resolve.lookups == ["board.test"]


async def test_allow_private_reaches_loopback(boards: BoardServer) -> None:
    boards.set("/feed", RSS)
    result = await fetch(HostGuard(allow_private=True), boards.url("/feed"))
    assert result.status == 200 and [p for p, _ in boards.requests] == ["/feed"]


async def test_a_redirect_to_a_rebinding_host_is_refused_at_connect(boards: BoardServer) -> None:
    boards.set("/hop", "", status=302, headers={"Location": f"http://rebind.test:{boards.port}/x"})
    resolve = Resolver({"board.test": [["127.0.0.1"]], "rebind.test": [["127.0.0.1"]]})
    guard = HostGuard({f"http://board.test:{boards.port}"}, resolve=resolve)
    with pytest.raises(ForbiddenHost, match=r"rebind\.test"):
        await fetch(guard, f"http://board.test:{boards.port}/hop")
    assert [p for p, _ in boards.requests] == ["/hop"]


async def test_a_host_that_does_not_resolve_is_unreachable() -> None:
    with pytest.raises(BoardUnreachable, match=r"cannot resolve nowhere\.test"):
        await fetch(HostGuard(resolve=Resolver()), "http://nowhere.test/feed")


async def test_a_host_that_resolves_to_no_address_is_unreachable() -> None:
    with pytest.raises(BoardUnreachable, match=r"cannot resolve empty\.test \(no addresses\)"):
        await fetch(HostGuard(resolve=Resolver({"empty.test": [[]]})), "http://empty.test/feed")


async def test_a_url_without_a_host_is_a_fetch_error_not_a_lookup() -> None:
    resolve = Resolver()
    guard = HostGuard({"https://board.test"}, resolve=resolve)
    assert not guard.trusts("http://[::1/") and not guard.trusts("board.test/jobs")
    for url, why in (("http://[::1/", "invalid URL"), ("file:///etc/passwd", "names no host")):
        with pytest.raises(FetchError, match=why):
            await guard.check(url)
    assert resolve.lookups == []


@pytest.fixture
async def tls_board() -> AsyncIterator[tuple[int, list[bytes]]]:
    """An HTTPS server on loopback whose certificate names only board.test."""
    seen: list[bytes] = []

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(await reader.readuntil(b"\r\n\r\n"))
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        await writer.drain()
        writer.close()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(TLS / "board.test.pem", TLS / "board.test.key")
    server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=context)
    yield server.sockets[0].getsockname()[1], seen
    server.close()
    await server.wait_closed()


def trusting_board_test() -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=TLS / "board.test.pem")
    context.verify_flags &= ~ssl.VERIFY_X509_STRICT
    return context


@pytest.mark.parametrize(
    ("name", "works"), [("board.test", True), ("other.test", False)], ids=["same", "other"]
)
async def test_tls_verifies_the_hostname_over_the_pinned_address(
    tls_board: tuple[int, list[bytes]], name: str, works: bool
) -> None:
    port, seen = tls_board
    loopback = Resolver({"board.test": [["127.0.0.1"]], "other.test": [["127.0.0.1"]]})
    guard = HostGuard({f"https://{name}:{port}"}, resolve=loopback)
    transport = AiohttpTransport(guard=guard, verify=trusting_board_test())
    async with httpx.AsyncClient(transport=transport) as client:
        if works:
            assert (await client.get(f"https://{name}:{port}/")).text == "ok"
            assert seen and seen[0].startswith(b"GET / HTTP/1.1")
        else:
            with pytest.raises(httpx.ConnectError, match="certificate"):
                await client.get(f"https://{name}:{port}/")
            assert seen == []


async def test_a_guarded_client_ignores_env_proxies_and_says_so(
    boards: BoardServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    boards.set("/feed", RSS)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    guard = HostGuard(
        {f"http://board.test:{boards.port}/feed"}, resolve=Resolver({"board.test": [["127.0.0.1"]]})
    )
    result = await fetch(guard, f"http://board.test:{boards.port}/feed")
    assert result.status == 200
    assert "ignore the http proxy settings" in caplog.text


async def test_allow_private_turns_the_guard_off_and_uses_env_proxies(
    boards: BoardServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    boards.set("http://board.example/feed", RSS)  # a proxy is asked for the absolute URL
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{boards.port}")
    result = await fetch(HostGuard(allow_private=True), "http://board.example/feed")
    assert result.body == RSS


async def test_no_proxy_names_the_hosts_reached_without_the_proxy(
    boards: BoardServer, other: BoardServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_PROXY is honoured as httpx's own transport did: those hosts are asked directly."""
    boards.set("/feed", RSS)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{other.port}")  # would answer 404
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    result = await fetch(HostGuard(allow_private=True), boards.url("/feed"))
    assert result.body == RSS
    assert other.requests == []


async def test_a_transport_of_your_own_is_still_checked_per_request(boards: BoardServer) -> None:
    guard = HostGuard(resolve=Resolver())
    client = build_client(timeout=2.0, transport=httpx.AsyncHTTPTransport(), guard=guard)
    with pytest.raises(ForbiddenHost, match="private or local address"):
        await Fetcher(client).get(boards.url("/feed"))
    await client.aclose()
    assert boards.requests == []


@pytest.fixture
def other() -> BoardServer:
    """A second loopback server: another port on the same host as `boards`."""
    server = BoardServer().start()
    yield server
    server.stop()


@pytest.fixture
async def app(tmp_path, boards: BoardServer) -> AsyncIterator[App]:
    """The app wired from a config whose one board is on `boards` (127.0.0.1, one port)."""
    board = {"name": "Mirror", "kind": "greenhouse", "url": boards.url("/v1/boards/acme/jobs")}
    config = cfg.from_dict({"storage": {"path": str(tmp_path / "jobbot.db")}, "boards": [board]})
    app = App(config)
    yield app
    await app.close()


async def test_a_configured_board_trusts_its_own_origin_only(
    app: App, boards: BoardServer, other: BoardServer
) -> None:
    boards.set("/feed", RSS)
    other.set("/feed", RSS)
    assert (await app.fetcher.get(boards.url("/feed"))).body == RSS  # same origin, other path
    with pytest.raises(ForbiddenHost, match=r"127\.0\.0\.1"):
        await app.fetcher.get(other.url("/feed"))  # same host, another port
    with pytest.raises(ForbiddenHost, match="private or local address"):
        await app.guard.check(other.url("/"))  # what /addboard asks first
    assert other.requests == []


async def test_a_trusted_board_cannot_redirect_to_another_port_of_its_host(
    app: App, boards: BoardServer, other: BoardServer
) -> None:
    boards.set("/hop", "", status=302, headers={"Location": other.url("/secret")})
    with pytest.raises(ForbiddenHost):
        await app.fetcher.get(boards.url("/hop"))
    assert [p for p, _ in boards.requests] == ["/hop"] and other.requests == []


async def test_trust_is_for_one_scheme(boards: BoardServer) -> None:
    resolve = Resolver({"board.test": [["127.0.0.1"]]})
    guard = HostGuard({f"http://board.test:{boards.port}"}, resolve=resolve)
    with pytest.raises(ForbiddenHost, match=r"board\.test"):
        await fetch(guard, f"https://board.test:{boards.port}/feed")
    assert boards.requests == []


@pytest.mark.parametrize(
    ("origin", "url"),
    [
        ("https://Board.Test", "https://board.test:443/x"),
        ("http://board.test/jobs?x=1", "http://board.test:80/"),
        ("http://[::1]:8080", "http://[::1]:8080/feed"),
    ],
)
def test_an_origin_is_scheme_host_and_port_with_defaults(origin: str, url: str) -> None:
    assert HostGuard({origin}).trusts(url)


def test_a_trusted_entry_must_name_an_origin() -> None:
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        HostGuard({"127.0.0.1"})


async def test_the_app_trusts_the_origin_of_every_configured_board(tmp_path) -> None:
    """Each configured board's URL and endpoint lend their origin (scheme, host, port) to the
    guard, with hosts in any case, default ports and addresses in brackets; many boards on one
    API host are one origin."""
    boards = [
        {"name": f"b{n}", "kind": "greenhouse", "url": f"http://127.0.0.1:8080/v1/boards/b{n}/jobs"}
        for n in range(3)
    ] + [
        {"name": "Upper", "kind": "greenhouse", "url": "https://API.Example.com/v1/boards/x/jobs"},
        {"name": "Six", "kind": "greenhouse", "url": "http://user@[::1]:9000/jobs?content=true"},
        {"name": "Lever", "url": "https://jobs.lever.co/acme"},  # polls api.lever.co
    ]
    config = cfg.from_dict({"storage": {"path": str(tmp_path / "jobbot.db")}, "boards": boards})
    app = App(config)
    try:
        assert app.guard.trusted == {
            ("http", "127.0.0.1", 8080),
            ("https", "api.example.com", 443),
            ("http", "::1", 9000),
            ("https", "jobs.lever.co", 443),
            ("https", "api.lever.co", 443),
        }
    finally:
        await app.close()
