"""Walk 4's leftovers (Priya, a new grad in Toronto): a place said "too" widens each alert's
location: ("also montreal and waterloo"), a language "too" its lang:, a co-op's term length
is left out and said so, and "One part less" never offers a query of filters alone. On a real
store, through the real handlers."""

from __future__ import annotations

import html
import re
from datetime import datetime

import pytest

from bot.config import AlertsConfig
from bot.query import parse
from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.telegram.talk_places import language_too, places_too
from bot.telegram.tips.closest import without_each
from bot.telegram.tips.sentence import meant
from tests.alerting import say, world_handlers

_EDIT = re.compile(r"<code>/edit (?P<id>\d+) (?P<query>[^<]+)</code>")


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    world_handlers(store, now)
    return Handlers(store.db, AlertsConfig(max_per_user=5), clock=lambda: now)


async def priya(handlers: Handlers, *alerts: str) -> None:
    await say(handlers, "/start")
    for query in alerts or ("new grad swe location:toronto", "type:internship"):
        await say(handlers, f"/alert {query}")


def edits(reply: str) -> list[tuple[int, str]]:
    return [(int(m["id"]), html.unescape(m["query"])) for m in _EDIT.finditer(reply)]


@pytest.mark.parametrize(
    ("typed", "places"),
    [
        ("also montreal and waterloo", "(toronto OR montreal OR waterloo)"),
        ("montreal too", "(toronto OR montreal)"),
        ("jobs in vancouver are fine too", "(toronto OR vancouver)"),
    ],
)
async def test_a_place_too_widens_the_alerts_place(handlers, typed: str, places: str) -> None:
    """N2: the places were words every job had to have ("montreal waterloo")."""
    await priya(handlers)
    reply = await say(handlers, typed)
    assert edits(reply) == [(1, f"new grad swe location:{places}")], reply
    assert "Alert #2 names no place" in reply


def test_places_and_languages_said() -> None:
    assert places_too("montreal, waterloo or ottawa") == ["montreal", "waterloo", "ottawa"]
    assert places_too("montreal and golang") is None
    assert language_too("french jobs ok") == "fr"
    assert language_too("golang") is None


async def test_a_language_too_widens_a_kept_language(handlers) -> None:
    await priya(handlers, "new grad swe location:toronto", "type:internship lang:en")
    reply = await say(handlers, "french jobs ok too")
    assert "Alert #1 names no language: jobs in French come already." in reply
    assert edits(reply) == [(2, "type:internship (lang:en OR lang:fr)")], reply


@pytest.mark.parametrize(
    ("typed", "left"),
    [
        ("4 month work term coops are good too", "4 month work term"),
        ("i want co-ops too, 4 or 8 month terms", "4 or 8 month terms"),
    ],
)
async def test_a_term_length_is_left_out_and_said(handlers, typed: str, left: str) -> None:
    """N3: "4 month work term" became required words in 8 /edits."""
    await priya(handlers, "new grad swe location:toronto")
    reply = await say(handlers, typed)
    assert f"I left out “{left}”" in reply, reply
    assert edits(reply)[0] == (1, "((new grad swe) OR type:internship) location:toronto")
    assert "month" not in "".join(q for _, q in edits(reply))


def test_one_part_less_keeps_a_kind_of_job() -> None:
    """N8: without her role group, the rest sent every job in Toronto."""
    root = parse('(("new grad" swe) OR type:internship) location:toronto -title:senior').root
    rests = [rest.normalized for _, rest in without_each(root)]
    assert "location:toronto -title:senior" not in rests
    assert any(r.startswith("((") for r in rests), rests


@pytest.mark.parametrize(
    "typed",
    ["no winter terms pls, i'm still in school then", "no winter internships", "no winter terms"],
)
async def test_no_winter_leaves_out_the_season_in_a_title(handlers, typed: str) -> None:
    """N4: "winter internships" was a phrase in no title ("SWE Intern (Winter 2027 co-op)")."""
    await priya(handlers)
    reply = await say(handlers, typed)
    assert (1, "new grad swe location:toronto -title:winter") in edits(reply), reply
    assert (2, "type:internship -title:winter") in edits(reply), reply


async def test_only_summer_keeps_each_alert_to_the_season(handlers) -> None:
    await priya(handlers)
    reply = await say(handlers, "only summer")
    assert edits(reply)[:2] == [
        (1, "new grad swe location:toronto title:summer"),
        (2, "type:internship title:summer"),
    ], reply


@pytest.mark.parametrize(
    "typed",
    ["only canada pls", "canada only", "i need jobs in canada, i dont have us work authorization"],
)
async def test_a_place_alone_keeps_her_alerts_there(handlers, typed: str) -> None:
    """B11: "canada" was a word every job had to have, or she was asked what kind of job."""
    await priya(handlers, "type:internship")
    reply = await say(handlers, typed)
    assert edits(reply) == [(1, "type:internship location:canada")], reply


def test_a_place_said_without_in() -> None:
    assert meant("i need visa sponsorship for us jobs") == "visa:yes location:us"
    assert meant("only rust") == "rust"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("salary above 20k reais", "salary:>=BRL20k/month"),
        ("at least 20k brl a month", "salary:>=BRL20k/month"),
        ("at least 90k brl a year", "salary:>=BRL90k"),
        ("at least 300k brl", "salary:>=BRL300k"),  # more than a month pays: a year's
        ("at least 90k eur", "salary:>=EUR90k"),
    ],
)
def test_pay_in_a_currency_stated_by_the_month(typed: str, read: str) -> None:
    """Walk 5: "salário acima de 20k reais" was 20k a year, and let everything through."""
    assert meant(typed) == read


async def test_remind_me_is_answered_honestly(handlers) -> None:
    """N6: "remind me in a week" was offered as /alert remind me in a week."""
    await priya(handlers)
    reply = await say(handlers, "remind me in a week")
    assert "I can't send reminders" in reply and "<code>/pause a week</code>" in reply, reply
    assert "/alert" not in reply


async def test_send_everything_at_8pm_is_a_daily_digest(handlers) -> None:
    """N6: it got the generic reply."""
    await priya(handlers)
    reply = await say(handlers, "can u send everything at 8pm instead")
    assert "<code>/digest daily 8pm</code>" in reply, reply


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("only jobs paying at least 35/hr", "salary:>=CAD35/hour"),
        ("min 80k for full time", "CAD80k"),
    ],
)
async def test_pay_with_no_currency_is_the_timezones_dollar(
    handlers, typed: str, read: str
) -> None:
    """N7: "35/hr" matched any currency (Seattle's USD jobs too)."""
    await priya(handlers)
    await say(handlers, "/timezone Toronto")
    reply = html.unescape(await say(handlers, typed))
    assert read in reply and "Pay with no currency is read as Canadian dollars" in reply, reply
    assert "salary:>=EUR80k" in html.unescape(await say(handlers, "at least 80k eur"))
