"""Small things a job seeker's walk found (Lucas, São Paulo): /mute crypto offered to add
-crypto to an alert with -(crypto OR web3); /following said "1 open jobs"; /why's header said
"— Nubank (Nubank)"; "Remote - LATAM" came without "(remote)" but "Anywhere in Latin America"
with it; /timezone SP was unknown."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot import importing, normalize
from bot.config import AlertsConfig
from bot.config_boards import BoardConfig
from bot.importing import ImportProblem
from bot.models import BoardInfo, Posting, RawPosting
from bot.policy import PolicyError
from bot.query import parse as parse_query
from bot.render import job_line, notification
from bot.store import Stores
from bot.syntax import And, format_node
from bot.telegram import followed
from bot.telegram.excluded import leaving_out, not_yet
from bot.telegram.handlers import Handlers
from bot.timezones import parse_timezone
from bot.transfer import VERSION
from tests.alerting import USER, say, world_handlers

NUBANK = "https://example.com/nubank"


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


def _terms(query: str) -> tuple:
    root = parse_query(query).root
    return root.children if isinstance(root, And) else (root,)


def _exclusion(query: str):
    return parse_query(f"x {query}").root.children[1]


@pytest.mark.parametrize(
    ("alert", "asked", "rest"),
    [
        ("go -(crypto OR web3)", "-crypto", None),  # inside an OR of exclusions
        ("go -crypto", "-crypto", None),
        ("go -crypto*", "-crypto", None),  # a prefix of it
        ("rust -golang", "-go", None),  # a synonym
        ("rust -sales", "-title:sales", None),  # anywhere, so in the title too
        ("go -(crypto OR web3)", "-(crypto OR blockchain)", "-blockchain"),  # the rest only
        ("go -web3", "-crypto", "-crypto"),
        ("go crypto", "-crypto", "-crypto"),  # (asked for, not left out: `leaveout` says)
    ],
)
def test_what_an_alert_leaves_out_already_is_not_added_again(alert, asked, rest) -> None:
    left = not_yet(_terms(alert), _exclusion(asked))
    assert (left and format_node(left)) == rest


async def test_mute_of_a_word_an_alert_leaves_out_says_so_and_offers_no_edit(handlers) -> None:
    """His alert had -(crypto OR web3); /mute crypto offered `… -(crypto OR web3) -crypto`."""
    await say(handlers, "/alert remote:yes (go OR elixir) -(crypto OR web3)")
    reply = await say(handlers, "/mute crypto")
    assert "/edit" not in reply, reply
    assert "Your alerts leave out the ones about crypto already: #1 with " in reply
    assert "<code>-(crypto OR web3)</code>" in reply
    await say(handlers, "/alert rust")
    reply = await say(handlers, "/mute crypto")
    assert "<code>/edit 2 rust -crypto</code>" in reply and "/edit 1" not in reply, reply
    assert (
        "Alert #1 leaves out the ones about crypto already: <code>-(crypto OR web3)</code>" in reply
    )
    reply = await say(handlers, "/mute crypto, blockchain")
    assert "<code>/edit 1 remote:yes (go OR elixir) -(crypto OR web3) -blockchain</code>" in reply
    assert "Alert #1 leaves out some of them already" in reply, reply


async def test_a_text_asking_for_no_more_adds_only_what_is_not_left_out(handlers) -> None:
    await say(handlers, "/alert go -(crypto OR web3)")
    await say(handlers, "/alert rust")
    reply = await say(handlers, "stop sending me crypto jobs")
    assert "<code>/edit 2 rust -crypto</code>" in reply and "/edit 1" not in reply, reply


def test_leaving_out_names_the_alerts_exclusion() -> None:
    found = leaving_out(_terms("go -(crypto OR web3) -agency"), _exclusion("-crypto"))
    assert found is not None and format_node(found) == "-(crypto OR web3)"
    assert leaving_out(_terms("go -web3"), _exclusion("-crypto")) is None


def _nubank(store: Stores, now: datetime) -> Handlers:
    """Board Nubank, whose one job names the company Nubank, as Lever's do."""
    store.boards.sync_boards([BoardConfig("Nubank", NUBANK, "lever", NUBANK, 60.0)], now)
    store.postings.record("Nubank", [], now - timedelta(days=30))
    raw = RawPosting(
        external_id="1",
        title="Backend Engineer (Golang)",
        url="/jobs/1",
        location="Remote",
        description_html="<p>Go.</p>",
        posted_at="2026-11-20T10:00:00Z",
        company="Nubank",
    )
    info = BoardInfo("Nubank", "lever", NUBANK, "Nubank")
    store.postings.record("Nubank", [normalize.posting(raw, info)], now)
    store.users.subscribe(USER, now)
    return Handlers(store.db, AlertsConfig(), clock=lambda: now)


async def test_following_says_1_open_job(store: Stores, now: datetime) -> None:
    _nubank(store, now)
    store.follows.follow(USER, "Nubank", False, now)
    listing = followed.following(store.follows.follows(USER), now)
    assert "   1 open job · last read" in listing, listing


def test_an_import_of_one_alert_too_many_says_1_new_alert() -> None:
    doc = {"jobbot": "export", "version": VERSION, "alerts": [{"query": "rust"}]}
    have = [f"go{n}" for n in range(3)]
    with pytest.raises(ImportProblem) as err:
        importing.read(json.dumps(doc), AlertsConfig(max_per_user=3), have)
    assert err.value.problems == ["1 new alert and your 3 would make more than 3, the most allowed"]


async def test_why_names_a_board_only_when_it_is_not_the_company(
    store: Stores, now: datetime, handlers: Handlers
) -> None:
    nubank = _nubank(store, now)
    head = (await say(nubank, "/why Nubank:1")).split("\n")[0]
    assert head == "🔍 <b>Backend Engineer (Golang)</b> — Nubank", head
    head = (await say(handlers, "/why Acme:2")).split("\n")[0]
    assert head == "🔍 <b>Go Engineer</b> — Acme Pay (Acme)", "another name: said"


def _remote(location: str, workplace: str | None = "remote") -> Posting:
    raw = RawPosting(external_id="9", title="Go Engineer", url="/jobs/9", location=location,
                     description_html="<p>Go.</p>", posted_at="2026-11-20T10:00:00Z")  # fmt: skip
    posting = normalize.posting(raw, BoardInfo("Acme", "greenhouse", NUBANK, "Acme Pay"))
    return replace(posting, workplace=workplace)


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("Remote - LATAM", "Remote - LATAM"),
        ("Anywhere in Latin America", "Anywhere in Latin America"),
        ("Brasil (Remoto)", "Brasil (Remoto)"),
        ("Remote-first, Americas", "Remote-first, Americas"),
        ("Brazil", "Brazil (remote)"),
        ("Americas", "Americas (remote)"),
        ("", "Remote"),
    ],
)
def test_remote_is_said_once_whatever_the_location_says(location: str, shown: str, now) -> None:
    posting = _remote(location)
    assert notification(posting, (), now).plain.split("\n")[1] == f"Acme Pay · {shown}"
    listed = shown if location else "remote"  # (a workplace alone, in a list's line)
    assert job_line(posting)[1] == f"• Go Engineer — Acme Pay · {listed}"


def test_a_location_that_says_remote_of_a_hybrid_job_still_says_hybrid(now) -> None:
    posting = _remote("Remote - LATAM", "hybrid")
    assert (
        notification(posting, (), now).plain.split("\n")[1] == "Acme Pay · Remote - LATAM (hybrid)"
    )


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("SP", "America/Sao_Paulo"),
        ("sp", "America/Sao_Paulo"),
        ("RJ", "America/Sao_Paulo"),
        ("Rio", "America/Sao_Paulo"),
        ("NY", "America/New_York"),
        ("DC", "America/New_York"),
        ("KL", "Asia/Kuala_Lumpur"),
        ("CABA", "America/Argentina/Buenos_Aires"),
        ("NYC", "America/New_York"),
        ("CDMX", "America/Mexico_City"),
        ("SG", "Asia/Singapore"),
    ],
)
def test_a_city_as_people_shorten_it_is_its_zone(typed: str, zone: str) -> None:
    assert parse_timezone(typed) == zone


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("LA", "“LA” is Los Angeles or Laos: send /timezone Los Angeles or /timezone Laos"),
        ("BA", "“BA” is Buenos Aires or Bosnia: send /timezone Buenos Aires or /timezone Sarajevo"),
        (
            "BH",
            "“BH” is Belo Horizonte or Bahrain: send /timezone Belo Horizonte or /timezone Bahrain",
        ),
        (
            "PT",
            "“PT” is Pacific time or Portugal: send /timezone Los Angeles or /timezone Portugal",
        ),
    ],
)
def test_a_short_name_of_two_clocks_is_asked(typed: str, asked: str) -> None:
    with pytest.raises(PolicyError) as err:
        parse_timezone(typed)
    assert str(err.value) == asked
    for either in asked.split("send ")[1].split(" or "):
        parse_timezone(either.removeprefix("/timezone "))  # each is known


async def test_timezone_sp(handlers) -> None:
    assert "<b>America/Sao_Paulo</b>" in await say(handlers, "/timezone SP")
