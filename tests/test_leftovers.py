"""Leftovers of two job seekers' walks (Lucas in São Paulo, Priya in Toronto): a word after
"sem", "nada de" or "exceto" is never offered as a word to ask for (the spelling tip offered
`golang sem crypto` for "golang sem cripto", an alert FOR crypto; "one part less" offered
`golang crypto`); "remoto", "presencial" and "híbrido" typed in an alert get the remote:
filter; "remote jobs too" widens an alert that keeps remote jobs out, and says so of one that
sends them already (it offered `/alert remote:yes too`). Pure tips, then the real handlers
over a real store."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.config import AlertsConfig
from bot.query import parse
from bot.store import Stores
from bot.syntax import format_node
from bot.telegram.handlers import Handlers
from bot.telegram.talk_change import too_asked
from bot.telegram.tips import alert_tips, closest
from bot.telegram.tips.exclude import exclusion_tip
from bot.telegram.tips.spelling import spelling_tip
from tests.alerting import say, world_handlers


def _spelling(query: str) -> str:
    return spelling_tip(parse(query).root, lambda word: True, "/edit 2")


@pytest.mark.parametrize(
    "query",
    [
        "golang sem cripto",
        "golang no cripto",
        "golang sin cripto",
        "golang ohne cripto",
        "golang without cripto",
        "golang nada de cripto",
        "golang exceto cripto",
        "golang não cripto",  # (no exclusion the tips read: nothing offered)
    ],
)
def test_a_word_after_a_negation_is_never_offered_as_a_word_to_ask_for(query: str) -> None:
    """ "sem cripto": the exclusion tip offers -(cripto OR crypto), which leaves crypto out
    already; "did you mean crypto? golang sem crypto" asked for it."""
    assert "crypto" not in _spelling(query)


def test_a_misspelled_word_left_out_is_offered_left_out() -> None:
    """ "sem kubernets": the exclusion tip's -kubernets leaves out nothing; -kubernetes is
    offered, never `golang sem kubernetes`. A typo beside it is respelled in the exclusion's
    query."""
    assert _spelling("golang sem kubernets").endswith("<code>/edit 2 golang -kubernetes</code>")
    both = _spelling("golang sem cripto rsut")
    assert "“rsut”: did you mean <b>rust</b>?" in both and "cripto”" not in both
    assert both.endswith("<code>/edit 2 golang -(cripto OR crypto) rust</code>"), both
    assert "monzo" not in _spelling("golang sem monzo").lower(), "no /follow of a name left out"


def test_one_part_less_never_leaves_a_negation_word_or_what_it_leaves_out() -> None:
    """Without "sem", "golang sem crypto rust" asked for crypto: "without sem" offered it."""
    parts = [format_node(p) for p, _ in closest.without_each(parse("golang sem crypto rust").root)]
    assert parts == ["golang", "rust"]
    parts = [format_node(p) for p, _ in closest.without_each(parse("go nada de crypto rust").root)]
    assert parts == ["go", "rust"]


def test_the_exclusion_tip_names_what_is_left_out_past_the_little_words() -> None:
    """ "nada de cripto" named “de” as the word left out; "nothing to do with" named “to”."""
    for query, gone in (
        ("golang nada de cripto", "cripto"),
        ("rust nothing to do with gambling", "gambling"),
    ):
        tip = exclusion_tip(parse(query).root, query, "/edit 1")
        assert tip is not None and f"mention “{gone}”" in tip.said, query


@pytest.mark.parametrize(
    ("query", "offered"),
    [
        ("golang remoto", "golang remote:yes"),
        ("golang remotas", "golang remote:yes"),
        ("golang remotos", "golang remote:yes"),
        ("golang presencial", "golang remote:no"),
        ("golang híbrido", "golang remote:hybrid"),
        ("go remoto latam", "go remote:yes from:latam"),
        ("vagas remotas golang", "remote:yes golang"),
    ],
)
def test_a_portuguese_way_of_working_in_an_alert_gets_the_remote_filter(query, offered) -> None:
    """ "golang remoto" got no tip (the walker saw the plain word "remote" offered)."""
    root = parse(query).root
    tips = alert_tips(root, format_node(root), "/edit 1")
    assert f"<code>/edit 1 {offered}</code>" in tips, tips
    assert "/follow" not in spelling_tip(parse("remoto").root, lambda w: True, "/search")


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    world_handlers(store, now)
    return Handlers(store.db, AlertsConfig(max_per_user=5), clock=lambda: now)


async def test_an_alert_with_a_misspelled_word_left_out_offers_no_alert_for_it(handlers) -> None:
    reply = await say(handlers, "/alert golang sem cripto")
    assert "<code>/edit 1 golang -(cripto OR crypto)</code>" in reply
    assert "sem crypto" not in reply and "did you mean" not in reply, reply


async def test_remote_jobs_too_widens_an_alert_that_keeps_them_out(handlers) -> None:
    """ "remote jobs too" was offered as `/alert remote:yes too`. An alert of a place or of
    on-site work gets the OR; "add remote jobs" (no "too") stays a narrowing."""
    await say(handlers, "/alert golang location:berlin")
    reply = await say(handlers, "remote jobs too")
    assert "<code>/edit 1 golang (location:berlin OR remote:yes)</code>" in reply, reply
    assert "/alert" not in reply
    assert "(location:berlin OR remote:yes)" in await say(handlers, "also remote jobs")
    narrowed = await say(handlers, "add remote jobs")
    assert "<code>/edit 1 golang location:berlin remote:yes</code> — jobs with both" in narrowed
    await say(handlers, "/edit 1 golang remote:no")
    assert "<code>/edit 1 golang (remote:no OR remote:yes)</code>" in await say(
        handlers, "remote too"
    )
    await say(handlers, "/edit 1 golang remote:yes")
    assert "Alert #1 asks for remote jobs already." in await say(handlers, "remote jobs too")
    hybrid = await say(handlers, "hybrid too")
    assert "<code>/edit 1 golang (remote:yes OR remote:hybrid)</code>" in hybrid, hybrid


async def test_remote_jobs_too_says_an_alert_of_no_place_sends_them_already(handlers) -> None:
    """An alert that names no place nor way of working sends remote jobs too: said, with the
    /edit that keeps to them for one who meant that; "co-op roles too" still widens."""
    await say(handlers, "/alert rust OR go")
    reply = await say(handlers, "remote jobs too")
    assert reply.startswith("Alert #1 sends remote jobs already: it names no place"), reply
    assert "Only those: <code>/edit 1 (rust OR go) remote:yes</code>" in reply
    await say(handlers, "/alert golang from:brazil")
    opened = await say(handlers, "remote jobs too")
    assert "Alert #2 sends the remote jobs open to people there already (from:brazil)" in opened
    assert "type:internship</code> — jobs with either" in await say(handlers, "co-op roles too")
    assert too_asked("remote too") is not None and too_asked("hello too") is None


async def test_remote_jobs_too_with_no_alert_offers_the_alert(handlers) -> None:
    assert "<code>/alert remote:yes</code>" in await say(handlers, "remote jobs too")
