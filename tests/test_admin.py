"""Admin commands and the private-host guard, on a real store, poller and loopback boards."""

from __future__ import annotations

import html
import logging
import re
import socket

import pytest

from bot.ats import name_for
from bot.config import PollingConfig
from bot.config_values import parse_duration
from bot.errors import ForbiddenHost
from bot.http import Fetcher, HostGuard, build_client
from bot.models import FetchResult
from bot.poller import Poller
from bot.scheduler import BoardScheduler
from bot.sources import get
from bot.sources.contract import parse_recorded
from bot.store import Stores
from bot.storing import PollStores
from bot.telegram.admin import ADMIN_MENU, AdminCommands
from bot.telegram.handlers import Handlers
from bot.transport import Incoming
from tests.conftest import FIXTURES

ADMIN, STRANGER = 1, 2


@pytest.fixture
async def admin(store: Stores):
    guard = HostGuard(allow_private=True)
    client = build_client(timeout=2.0, guard=guard)
    poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig())
    scheduler = BoardScheduler(poller)
    commands = AdminCommands(store.db, poller, scheduler, lambda: (ADMIN,), 900.0, guard)
    yield commands
    await client.aclose()


def say(who: int) -> Incoming:
    return Incoming(chat_id=who, text="", user_id=who)


async def test_non_admins_get_a_polite_refusal(admin) -> None:
    for command in ("boards", "addboard", "removeboard"):
        reply = await admin.handle(command, say(STRANGER), "https://jobs.lever.co/x")
        assert reply == "Sorry, only the bot's admins can do that."


async def test_help_of_an_admin_command_shows_it_to_admins_only(admin, store) -> None:
    """/help addboard explains it to an admin; anyone else hears that it is the admins' (as
    running it says), not "There is no /addboard command"."""
    handlers = Handlers(store.db, admin=admin)

    async def ask(who: int, text: str) -> str:
        reply = await handlers(Incoming(who, text, user_id=who))
        assert isinstance(reply, str)
        return reply

    for command in ADMIN_MENU:
        shown = await ask(ADMIN, f"/help {command.name}")
        assert shown.startswith(f"<b>/{command.name}") and html.escape(command.help) in shown
        refused = await ask(STRANGER, f"/help {command.name}")
        assert refused.startswith(f"/{command.name} is for the bot's admins only.")
    assert "/help kinds lists the job boards" in await ask(STRANGER, "/help boards")
    typo = await ask(ADMIN, "/help addbord")
    assert typo == "There is no /addbord command. Did you mean <code>/help addboard</code>?"
    assert "<b>Admin</b>" in await ask(ADMIN, "/help") and "<b>Admin</b>" not in await ask(
        STRANGER, "/help"
    )


async def test_addboard_probes_baselines_and_polls_then_removeboard(admin, store, boards) -> None:
    feed = (FIXTURES / "sources/rss/wwr.rss").read_bytes()
    boards.set("/feed", feed, content_type="application/rss+xml")
    url = boards.url("/feed")
    reply = await admin.handle("addboard", say(ADMIN), f"{url} Acme")
    count = len(parse_recorded(get("rss"), FetchResult(url=url, body=feed)).postings)
    assert reply.startswith(f"Added <b>Acme</b> (rss): {count} postings stored as its baseline")
    board = store.boards.board("Acme")
    assert board.origin == "chat" and board.baseline_at and board.enabled
    assert admin.scheduler.scheduler.get_job("board:Acme") is not None
    listing = await admin.handle("boards", say(ADMIN), "")
    assert (
        "<b>Acme</b> (rss, every 15m, added in chat) ✅" in listing
        and f"{count} open postings" in listing
    )
    again = await admin.handle("addboard", say(ADMIN), f"{url} Acme")
    assert again == "That board is polled already, as <b>Acme</b> (/boards)."
    removed = await admin.handle("removeboard", say(ADMIN), "Acme")
    assert removed.startswith("Removed <b>Acme</b>")
    assert not store.boards.board("Acme").enabled
    assert admin.scheduler.scheduler.get_job("board:Acme") is None


async def test_boards_shows_a_failing_board_with_its_error_and_next_try(
    admin, store, boards
) -> None:
    boards.set("/feed", (FIXTURES / "sources/rss/wwr.rss").read_bytes())
    await admin.handle("addboard", say(ADMIN), f"{boards.url('/feed')} Acme")
    boards.set("/feed", "down", status=503)
    assert (await admin.poller.poll("Acme", force=True)).status == "failed"
    listing = await admin.handle("boards", say(ADMIN), "")
    head = "<b>Acme</b> (rss, every 15m, added in chat) ⚠️ failing ×1, next try in "
    found = re.search(re.escape(head) + r"(\S+)\n", listing)
    assert found, listing
    assert 50 <= parse_duration(found[1]) <= 70, "a minute, give or take its jitter"
    assert "\n  last error: HTTP 503" in listing


async def test_addboard_refuses_what_it_cannot_read(admin, store, boards, caplog) -> None:
    boards.set("/feed", "down", status=500)
    caplog.set_level(logging.INFO)
    reply = await admin.handle("addboard", say(ADMIN), f"{boards.url('/feed')} Broken")
    assert "HTTP 500" in reply and "Not added" in reply and not store.boards.board("Broken").enabled
    assert "retrying with backoff" not in caplog.text, "a board not added is not retried"
    assert "must start with http" in await admin.handle("addboard", say(ADMIN), "ftp://x")
    assert "Send <code>/addboard" in await admin.handle("addboard", say(ADMIN), "")


async def test_addboard_of_a_host_that_does_not_resolve_says_what_to_check(store) -> None:
    asked: list[tuple[str, int]] = []

    async def nowhere(host: str, port: int) -> list[str]:
        asked.append((host, port))
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    guard = HostGuard(resolve=nowhere)
    client = build_client(timeout=2.0, guard=guard)
    poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig())
    admin = AdminCommands(store.db, poller, BoardScheduler(poller), lambda: (ADMIN,), 900.0, guard)
    try:
        reply = await admin.handle("addboard", say(ADMIN), "jobs.nowhere.test/acme")
    finally:
        await client.aclose()
    assert reply == (
        "I can't use that board: cannot resolve jobs.nowhere.test (name or service not known). "
        "Check the address; if it is right, the site may be down: try again later."
    )
    assert asked == [("jobs.nowhere.test", 443)], "read as https://"
    assert store.boards.all() == []


async def test_config_boards_are_removed_in_the_config(admin, store, now) -> None:
    from bot.config_boards import BoardConfig

    store.boards.sync_boards(
        [BoardConfig("Cfg", "https://x", "greenhouse", "https://x", 60.0)], now
    )
    assert "comes from the config file" in await admin.handle("removeboard", say(ADMIN), "Cfg")
    assert "no board named" in await admin.handle("removeboard", say(ADMIN), "Nope")


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "10.1.2.3",
        "192.168.0.10",
        "169.254.169.254",
        "[::1]",
        "172.16.0.1",
    ],
)
async def test_guard_refuses_private_and_local_hosts(host: str) -> None:
    with pytest.raises(ForbiddenHost, match="private or local address"):
        await HostGuard().check(f"http://{host}/")


async def test_guard_allows_public_and_trusted_hosts() -> None:
    await HostGuard().check("https://8.8.8.8/")
    await HostGuard({"http://127.0.0.1:8080"}).check("http://127.0.0.1:8080/x")
    await HostGuard(allow_private=True).check("http://10.0.0.1/")


async def test_guard_stops_a_redirect_into_the_private_network(boards) -> None:
    boards.set("/hop", "", status=302, headers={"Location": "http://localhost:9/secret"})
    guard = HostGuard({boards.url("/")})
    client = build_client(timeout=2.0, guard=guard)
    with pytest.raises(ForbiddenHost):
        await Fetcher(client).get(boards.url("/hop"))
    await client.aclose()


async def test_addboard_refuses_private_hosts_from_chat(store) -> None:
    guard = HostGuard()
    client = build_client(timeout=2.0, guard=guard)
    poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig())
    commands = AdminCommands(
        store.db, poller, BoardScheduler(poller), lambda: (ADMIN,), 900.0, guard
    )
    reply = await commands.handle("addboard", say(ADMIN), "http://127.0.0.1:8080/jobs.rss")
    assert "private or local address" in reply
    assert store.boards.board("jobs.rss") is None
    await client.aclose()


@pytest.mark.parametrize(
    ("url", "endpoint", "name"),
    [
        ("https://boards.greenhouse.io/acme", "", "acme"),
        ("https://acme.recruitee.com", "", "Acme"),
        ("https://join.com/companies/acme", "", "acme"),
        ("https://jobs.infineon.com/careers", "", "Infineon"),
        ("https://careers.mars.com/au/en", "", "Mars"),
        ("https://boards.greenhouse.io/hp", "", "hp"),
        ("https://nvidia.wd5.myworkdayjobs.com/en-US/NVIDIAExternal", "", "Nvidia"),
        ("https://acme.recruitee.com/o/backend-engineer", "", "Acme"),
        ("https://quillfin.eightfold.ai/careers", "", "Quillfin"),
        ("http://127.0.0.1:8765/careers", "http://127.0.0.1:8765/api?domain=quillfin.com", "Quillfin"),
    ],
)  # fmt: skip
def test_a_board_is_named_after_the_company_part_of_its_url(
    url: str, endpoint: str, name: str
) -> None:
    assert name_for(url, endpoint) == name


async def test_addboard_of_a_board_polled_already_names_it_and_names_are_caseless(
    admin, store, boards
) -> None:
    """The same feed was added under any number of names ("wwr" beside the config's "WWR"),
    each polled; /removeboard wwr2 found no "WWR2"."""
    boards.set("/feed", (FIXTURES / "sources/rss/wwr.rss").read_bytes())
    url = boards.url("/feed")
    assert (await admin.handle("addboard", say(ADMIN), f"{url} WWR2")).startswith("Added")
    again = await admin.handle("addboard", say(ADMIN), f"{url} Other")
    assert again == "That board is polled already, as <b>WWR2</b> (/boards)."
    boards.set("/feed2", (FIXTURES / "sources/rss/wwr.rss").read_bytes())
    named = await admin.handle("addboard", say(ADMIN), f"{boards.url('/feed2')} wwr2")
    assert named.startswith("There is already a board named <b>WWR2</b>.")
    assert (await admin.handle("removeboard", say(ADMIN), "wwr2")).startswith("Removed <b>WWR2")
    assert not store.boards.board("WWR2").enabled


async def test_addboard_of_a_url_polled_under_another_name_names_that_board(
    admin, store, boards
) -> None:
    """Sam's bug 9: the name made from the URL ("Acme") was taken by an unrelated board, and
    the reply asked for a name, where the board is polled already as "AcmeGH"."""
    rss = (FIXTURES / "sources/rss/wwr.rss").read_bytes()
    boards.set("/acme", rss)
    boards.set("/other", rss)
    url = boards.url("/acme")
    assert (await admin.handle("addboard", say(ADMIN), f"{url} AcmeGH")).startswith("Added")
    assert (await admin.handle("addboard", say(ADMIN), f"{boards.url('/other')} Acme")).startswith(
        "Added"
    )
    for arg in (f"{url} Acme", f"{url} acme", url):
        again = await admin.handle("addboard", say(ADMIN), arg)
        assert again == "That board is polled already, as <b>AcmeGH</b> (/boards).", arg


async def test_boards_says_1_open_posting(admin, store, boards) -> None:
    """ "1 open postings" in /boards: the plural follows the count."""
    one = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>One</title>
    <item><title>Rust engineer</title><link>https://example.com/jobs/1</link>
    <guid>1</guid></item></channel></rss>"""
    boards.set("/one", one, content_type="application/rss+xml")
    added = await admin.handle("addboard", say(ADMIN), f"{boards.url('/one')} One")
    assert added.startswith("Added <b>One</b> (rss): 1 posting stored"), added
    listing = await admin.handle("boards", say(ADMIN), "")
    assert "  1 open posting · last success" in listing, listing


async def test_a_board_whose_first_poll_reads_no_postings_says_so(admin, store, boards, caplog):
    """A careers page set as a kind that reads none showed ✅ in /boards for ever, its log one
    INFO line "baseline of 0 postings stored"."""
    empty = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>None</title>
    </channel></rss>"""
    boards.set("/none", empty, content_type="application/rss+xml")
    with caplog.at_level(logging.INFO, logger="bot.storing"):
        added = await admin.handle("addboard", say(ADMIN), f"{boards.url('/none')} Empty")
    assert "Added <b>Empty</b> (rss)" in added, added
    [warned] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warned.getMessage().startswith("board Empty: its first poll read no postings")
    listing = await admin.handle("boards", say(ADMIN), "")
    assert "<b>Empty</b> (rss, every 15m, added in chat) ⚪ reads no postings" in listing, listing
    assert "✅" not in listing
