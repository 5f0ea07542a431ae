"""/mute of a name spelled apart or joined: "/mute Fern Point" muted a company no job has and
said "no more jobs from them" while Fernpoint Finance's jobs kept coming; "/mute harbour coin"
after Harbourcoin was muted muted it a second time. Now the stored companies of that spelling
are offered, one spelled only apart is muted as its jobs spell it, and a name no stored job
has is muted with the reply saying so."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot import normalize
from bot.config_boards import BoardConfig
from bot.models import BoardInfo
from bot.store import Stores
from bot.telegram.handlers import Handlers
from tests.alerting import USER, raw, say, world_handlers

COMPANIES = ("Fernpoint Finance", "Harbourcoin", "Tidal Wave Labs")


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    """The world's Acme Pay, and a board of each of `COMPANIES` with one rust job."""
    made = world_handlers(store, now)
    for n, company in enumerate(COMPANIES, start=1):
        name = company.split()[0]
        url = f"https://example.com/{name.lower()}"
        store.boards.sync_boards([BoardConfig(name, url, "greenhouse", url, 60.0)], now)
        info = BoardInfo(name, "greenhouse", url, company)
        store.postings.record(name, [], now - timedelta(days=30))
        job = raw(100 + n, f"Rust Engineer {n}", "Berlin", "Rust.")
        store.postings.record(name, [normalize.posting(job, info)], now - timedelta(hours=1))
    return made


async def test_a_name_spelled_apart_offers_the_stored_company(handlers, store) -> None:
    reply = await say(handlers, "/mute Fern Point")
    assert reply == (
        "No job I have stored is from exactly “Fern Point”. Did you mean "
        "<code>/mute Fernpoint Finance</code>? To mute “Fern Point” itself, send "
        '<code>/mute "Fern Point"</code>.'
    )
    assert store.choices.muted_companies(USER) == [], "asked, not muted"
    assert "<code>/mute Tidal Wave Labs</code>" in await say(handlers, "/mute tidalwave")


async def test_a_name_joined_offers_the_stored_company_spelled_apart(handlers, store) -> None:
    reply = await say(handlers, "/mute Tidalwave")
    assert "Did you mean <code>/mute Tidal Wave Labs</code>?" in reply, reply
    assert "Did you mean <code>/mute Tidal Wave Labs</code>?" in await say(handlers, "/mute Tid Al")
    assert store.choices.muted_companies(USER) == []
    reply = await say(handlers, "/mute Tidalwave Labs")  # the whole name, but a space
    assert reply.startswith("🔇 Muted <b>Tidal Wave Labs</b>: no more jobs from them"), reply


async def test_a_name_that_is_one_company_spelled_apart_mutes_it(handlers, store) -> None:
    reply = await say(handlers, "/mute harbour coin")
    assert reply.startswith("🔇 Muted <b>Harbourcoin</b>: no more jobs from them"), reply
    assert "no job from them yet" not in reply
    assert store.choices.muted_companies(USER) == ["Harbourcoin"]
    assert "Harbourcoin" not in await say(handlers, "/search rust"), "muted by its own spelling"


async def test_a_company_muted_already_under_another_spelling_is_said_so(handlers, store) -> None:
    await say(handlers, "/mute Harbourcoin")
    for typed in ("/mute harbour coin", "/mute HARBOUR-COIN", '/mute "Harbour Coin"'):
        reply = await say(handlers, typed)
        assert reply.startswith("You muted Harbourcoin already."), (typed, reply)
    assert "• Harbourcoin\n<code>/unmute" in await say(handlers, "/muted"), "listed once"
    assert store.choices.muted_companies(USER) == ["Harbourcoin"]
    reply = await say(handlers, "/unmute harbour coin")
    assert reply == "🔔 Harbourcoin unmuted: its jobs reach you again."
    assert store.choices.muted_companies(USER) == []


async def test_a_name_no_stored_job_has_is_muted_and_the_reply_says_so(handlers, store) -> None:
    reply = await say(handlers, "/mute Initech")
    assert reply == (
        "🔇 Muted <b>Initech</b>: no more jobs from them, also not in /search. I have no job "
        "from them yet to check the name against: one spelled otherwise would still come. "
        "<code>/unmute Initech</code> undoes it."
    )
    assert "no job from them yet" in await say(handlers, '/mute "Fern Point"'), "as typed"
    known = await say(handlers, "/mute fernpoint finance inc")
    assert known.startswith("🔇 Muted <b>Fernpoint Finance</b>: no more jobs from them, also")
    assert "no job from them yet" not in known
    assert store.choices.muted_companies(USER) == ["Initech", "Fern Point", "Fernpoint Finance"]


@pytest.fixture
def joined(handlers: Handlers, store: Stores, now: datetime) -> Handlers:
    """Besides `COMPANIES`, one job each of Hays, Randstad, Johnson & Johnson and Procter &
    Gamble."""
    for n, company in enumerate(("Hays", "Randstad", "Johnson & Johnson", "Procter & Gamble")):
        name = company.split()[0]
        url = f"https://example.com/{name.lower()}"
        store.boards.sync_boards([BoardConfig(name, url, "greenhouse", url, 60.0)], now)
        store.postings.record(name, [], now - timedelta(days=30))
        job = normalize.posting(
            raw(200 + n, f"Data Engineer {n}", "Berlin", "Data."),
            BoardInfo(name, "greenhouse", url, company),
        )
        store.postings.record(name, [job], now - timedelta(hours=1))
    return handlers


@pytest.mark.parametrize(
    "typed", ["Hays und Randstad", "Hays and Randstad", "hays & randstad", "Hays, Randstad"]
)
async def test_names_joined_by_and_are_muted_each(joined, store, typed: str) -> None:
    """/mute Hays und Randstad muted one made-up company; each is a stored company: both."""
    reply = await say(joined, f"/mute {typed}")
    assert "🔇 Muted <b>Hays</b>" in reply and "🔇 Muted <b>Randstad</b>" in reply, reply
    assert sorted(store.choices.muted_companies(USER)) == ["Hays", "Randstad"]


@pytest.mark.parametrize(
    ("typed", "muted"),
    [
        ("Johnson & Johnson", "Johnson & Johnson"),
        ("Procter and Gamble", "Procter & Gamble"),
        ("Procter & Gamble", "Procter & Gamble"),
    ],
)
async def test_a_company_named_with_and_is_muted_whole(joined, store, typed, muted) -> None:
    reply = await say(joined, f"/mute {typed}")
    assert reply.startswith(f"🔇 Muted <b>{muted.replace('&', '&amp;')}</b>: no more"), reply
    assert store.choices.muted_companies(USER) == [muted]


async def test_names_joined_that_no_job_has_ask_which(joined, store) -> None:
    reply = await say(joined, "/mute Adecco und Randstad")
    assert reply == (
        "No job I have stored is from “Adecco und Randstad” or from each of its names, so I "
        "can't tell if it is one company or 2. <code>/mute Adecco, Randstad</code> mutes each; "
        '<code>/mute "Adecco und Randstad"</code> the one name.'
    )
    assert store.choices.muted_companies(USER) == [], "asked, not muted"
    assert "Muted <b>Adecco und Randstad</b>" in await say(joined, '/mute "Adecco und Randstad"')
    listed = await say(joined, "/mute Initech, Hays and Randstad")
    assert listed.count("🔇 Muted") == 3, listed
    assert store.choices.muted_companies(USER) == [
        "Adecco und Randstad",
        "Initech",
        "Hays",
        "Randstad",
    ]
