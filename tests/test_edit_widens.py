"""Maya's walk: "also UX researcher", "include design lead", "design lead too" to an alert
widen it (an OR with its role words, offered first), "add staff and principal" it has already
says so, and "remove principal" of a title:(…) group offers the group without it first. On a
real store, through the real handlers (/edit, the ✏️ Edit button, and the chat)."""

from __future__ import annotations

import html
import re
from datetime import datetime

import pytest

from bot import normalize
from bot.config import AlertsConfig
from bot.match import matches
from bot.models import Posting, RawPosting
from bot.query import Query, parse
from bot.store import Stores
from bot.telegram import alter
from bot.telegram.alert_list import EDIT, menu_data
from bot.telegram.handlers import Handlers
from bot.transport import Press
from tests import cputime
from tests.alerting import INFO, USER, say, world_handlers

MAYA = "title:(senior OR staff OR principal) product designer"
_OFFER = re.compile(r"<code>/edit (?P<id>\d+) (?P<query>[^<]+)</code> — (?P<what>[^\n]+)")


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    world_handlers(store, now)  # its board; these handlers have room for a long alert
    return Handlers(store.db, AlertsConfig(max_per_user=5), clock=lambda: now)


def offers(reply: str) -> list[tuple[str, Query]]:
    """Each /edit a reply offers, in order: what its line says it does, and its query."""
    return [(m["what"], parse(html.unescape(m["query"]))) for m in _OFFER.finditer(reply)]


def job(title: str) -> Posting:
    raw = RawPosting(external_id=title, title=title, url="/j", location="New York, NY")
    return normalize.posting(raw, INFO)


async def both_ways(handlers: Handlers, text: str) -> str:
    """The reply to `/edit 1 <text>`, checked to be the one `text` gets after ✏️ Edit."""
    typed = await say(handlers, f"/edit 1 {text}")
    asked = await handlers.presses(Press(USER, 1, menu_data(EDIT, 1, 0)))
    assert asked.edit is not None
    assert await say(handlers, text) == typed
    return typed


@pytest.mark.parametrize(
    "typed",
    [
        "also UX researcher",
        "include ux researcher",
        "ux researcher too",
        "also ux researcher please",
    ],
)
async def test_also_a_role_widens_the_alert(handlers, store, typed: str) -> None:
    """ "also UX researcher" offered only "… product designer ux researcher — jobs with both",
    which narrows the alert to designer jobs that name research too."""
    await say(handlers, f"/alert {MAYA}")
    reply = await both_ways(handlers, typed)
    assert reply.startswith(f"Alert #1 is unchanged: <b>{html.escape(MAYA)}</b>."), reply
    [(first, either), (second, both)] = offers(reply)
    assert (first, second) == ("jobs with either", "jobs with both"), reply
    for title, found in [
        ("Senior UX Researcher", True),
        ("Staff Product Designer", True),
        ("UX Researcher", False),  # its levels stay
        ("Senior Product Manager", False),
    ]:
        assert matches(either, job(title)) is found, title
    assert not matches(both, job("Senior UX Researcher")), "both: the narrowing"
    assert [a.query for a in store.alerts.alerts(USER)] == [MAYA]


async def test_also_in_the_chat_and_add_keep_both_readings(handlers, store) -> None:
    await say(handlers, f"/alert {MAYA}")
    said = await say(handlers, "can you also include Design Lead roles?")
    assert [w for w, _ in offers(said)] == ["jobs with either", "jobs with both"], said
    assert matches(offers(said)[0][1], job("Principal Design Lead"))
    added = await say(handlers, '/edit 1 add "design lead"')  # "add": as before, both first
    assert [w for w, _ in offers(added)] == ["jobs with both", "jobs with either"], added
    assert matches(offers(added)[1][1], job("Senior Design Lead"))


async def test_a_role_joins_a_title_group_of_roles(handlers, store) -> None:
    await say(handlers, "/alert title:(designer OR researcher) remote:yes")
    [(what, query), _] = offers(await both_ways(handlers, "also writer"))
    assert (what, query.normalized) == (
        "jobs with either",
        "title:(designer OR researcher OR writer) remote:yes",
    )


@pytest.mark.parametrize("typed", ["add staff and principal", "add principal", "staff too"])
async def test_adding_what_it_has_says_so(handlers, store, typed: str) -> None:
    await say(handlers, f"/alert {MAYA}")
    reply = await both_ways(handlers, typed)
    assert reply.endswith("Alert #1 has it already: /alerts lists them."), reply
    await say(handlers, "/alert rust OR go")
    if typed.endswith("too"):  # (the chat reads "X too" as a query of those words)
        return
    chat = await say(handlers, typed)  # to all alerts: #1 has it, #2 is offered it
    assert "Alert #1 has it already." in chat and "/edit 2 " in chat, chat


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("remove principal", "no longer asks for principal"),
        ("drop principal", "no longer asks for principal"),
        ("no principal", "leaves out the jobs about principal"),
    ],
)
async def test_a_value_of_a_title_group_goes_from_the_group(handlers, store, typed, first) -> None:
    """ "remove principal" of title:(senior OR staff OR principal) offered only
    -title:principal; docs/using.md promises the group without it."""
    await say(handlers, f"/alert {MAYA}")
    found = dict(offers(await both_ways(handlers, typed)))
    assert next(iter(found)) == first
    assert found["no longer asks for principal"].normalized == (
        "title:(senior OR staff) product designer"
    )
    assert found["leaves out the jobs about principal"].normalized == (
        "title:(senior OR staff) product designer -title:principal"
    )
    chat = offers(await say(handlers, "remove principal from alert 1"))
    assert chat[0][1].normalized == "title:(senior OR staff) product designer"
    assert [a.query for a in store.alerts.alerts(USER)] == [MAYA]


@pytest.mark.parametrize("hostile", ["also " * 60, "a " * 140 + "too!", "include " + "x too " * 45])
def test_reading_an_addition_costs_what_an_ordinary_text_does(hostile: str) -> None:
    def read(text: str) -> object:
        return alter.asked(text), alter.widens(text)

    assert cputime.ratio(lambda: read(hostile), lambda: read("also ux researcher please")) < 10
