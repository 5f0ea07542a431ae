"""A field's values listed with commas ("location:berlin,lisbon") are either, as people list
them, and German glue typed in an alert ("backend über") gets a tip, not a silent "uber": each
through the real handlers, every query offered parsing to what it says."""

from __future__ import annotations

import html
import re

import pytest

from bot.errors import QueryError
from bot.lexer import lex
from bot.query import parse
from bot.syntax import Word
from bot.telegram.companies_asked import follow_offer
from bot.telegram.handlers import COMMANDS, Handlers
from bot.telegram.tips.words import german_tip
from tests import cputime
from tests.alerting import USER, say, world_handlers

OFFERED = re.compile(r"<code>/(?:alert|search|edit \d+) ([^<]+)</code>")


@pytest.fixture
def handlers(store, now) -> Handlers:
    return world_handlers(store, now)


def offers(reply: str) -> list[str]:
    return [parse(html.unescape(q)).normalized for q in OFFERED.findall(reply)]


@pytest.mark.parametrize(
    ("typed", "saved"),
    [  # each was saved as the first value and the others as words of the job
        ("rust location:berlin,lisbon", "rust location:(berlin OR lisbon)"),
        ("rust remote:yes,hybrid", "rust (remote:yes OR remote:hybrid)"),  # was refused
        ("rust type:fulltime,contract", "rust (type:full-time OR type:contract)"),  # refused
        ("rust company:acme,globex", "rust company:(acme OR globex)"),
        ("rust from:germany,austria", "rust from:(germany OR austria)"),
        (
            "rust location:berlin,lisbon, go or scala",
            "rust location:(berlin OR lisbon) (go OR scala)",
        ),
        ("rust -location:berlin,lisbon", "rust -location:(berlin OR lisbon)"),
        # not a list of values: as before
        ("rust location:berlin,remote:yes", "rust location:berlin remote:yes"),
        ("rust location:berlin,", "rust location:berlin"),
        ("rust salary:>=100,000", "rust salary:>=100k"),
    ],
)
async def test_a_fields_values_listed_with_commas_are_either(
    handlers, store, typed: str, saved: str
) -> None:
    reply = await say(handlers, f"/alert {typed}")
    assert reply.startswith(f"✅ Alert #1 saved: <b>{html.escape(saved)}</b>"), reply
    assert [a.query for a in store.alerts.alerts(USER)] == [saved]


async def test_a_listed_value_that_is_no_value_of_the_filter_says_where(handlers) -> None:
    reply = await say(handlers, "/alert rust remote:yes,maybe")
    assert "remote: takes yes, no or hybrid (at character 17)" in reply, reply


@pytest.mark.parametrize(
    ("typed", "saved", "offered"),
    [
        (
            "python location:berlin,remote",
            "python location:(berlin OR remote)",
            "python (location:berlin OR remote:yes)",
        ),
        (
            "python location:berlin,lisbon,remote",
            "python location:(berlin OR lisbon OR remote)",
            "python (location:(berlin OR lisbon) OR remote:yes)",
        ),
        ("python location:(berlin OR remote)", None, "python (location:berlin OR remote:yes)"),
    ],
)
async def test_remote_listed_among_places_gets_the_place_or_remote_yes_offered(
    handlers, store, typed: str, saved: str | None, offered: str
) -> None:
    """ "location:berlin,remote" was saved "python location:berlin remote", its tip garbled
    ("with from:location:berlin"): the list is either, and remote there the filter."""
    reply = await say(handlers, f"/alert {typed}")
    assert store.alerts.alerts(USER)[0].query == (saved or typed)
    assert (
        "Tip: <b>location:remote</b> matches the word in a job's location; <code>remote:yes"
        "</code> matches every job the board marks remote, whatever its text says. For either: "
        f"<code>/edit 1 {html.escape(offered)}</code>."
    ) in reply, reply
    assert offers(reply) == [offered]
    searched = await say(handlers, f"/search {typed}")
    assert f"<code>/search {html.escape(offered)}</code>" in searched, searched


async def test_the_remote_tip_names_the_place_once(handlers) -> None:
    """It said "(with from:location:berlin, …)": a field inside a field."""
    reply = await say(handlers, "/alert python location:berlin remote")
    assert "(with <code>from:berlin</code>, those open to people there)" in reply, reply
    assert "from:location" not in reply
    assert offers(reply) == ["python from:berlin remote:yes"]


@pytest.mark.parametrize(
    ("typed", "saved", "tip"),
    [  # each was saved with no tip: "über" as "uber", the company Uber's name
        (
            "backend über",
            "backend uber",
            "Tip: “über” only joins a German sentence: a job matches only if its text has every "
            "word of the query, and “über” is read as “uber”. Without it: <code>/edit 1 "
            "backend</code>.",
        ),
        (
            "backend für fintech",
            "backend fur fintech",
            "and “für” is read as “fur”. Without it: <code>/edit 1 backend fintech</code>.",
        ),
        (
            "ich suche backend mit python",
            "ich suche backend mit python",
            "Tip: “ich” and “suche” and “mit” only join a German sentence: a job matches only if "
            "its text has every word of the query. Without them: <code>/edit 1 backend python"
            "</code>.",
        ),
    ],
)
async def test_german_glue_in_an_alert_gets_the_alert_without_it_offered(
    handlers, store, typed: str, saved: str, tip: str
) -> None:
    reply = await say(handlers, f"/alert {typed}")
    assert store.alerts.alerts(USER)[0].query == saved
    assert tip in reply, reply


@pytest.mark.parametrize(
    "typed",
    ["uber", "rust MIT", 'rust "arbeit mit menschen"', "rust title:über", "rust -für"],
)
async def test_no_glue_tip_for_a_word_meant(handlers, typed: str) -> None:
    reply = await say(handlers, f"/alert {typed}")
    assert "German sentence" not in reply, reply


async def test_german_glue_read_as_pay_gets_the_salary_offered(handlers) -> None:
    reply = await say(handlers, "/alert backend über 80k")
    assert "<code>/edit 1 backend salary:&gt;=80k</code>" in reply, reply
    assert "German sentence" not in reply, "the sentence's tip read it"


SIZE = 20_000


def _fill(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


def _lexed(text: str) -> object:
    try:
        return lex(text)
    except QueryError as exc:
        return exc


@pytest.mark.parametrize(
    ("read", "hostile", "ordinary"),
    [
        (_lexed, "location:" + _fill("a,"), _fill("location:berlin rust go ")),
        (_lexed, "location:" + _fill("a,b,c:"), _fill("location:berlin rust go ")),
        (lambda t: german_tip(Word("rust"), t, "/alert"), _fill("überfür "), _fill("rust go ")),
        (
            lambda t: follow_offer(t.split(), {c.name: c for c in COMMANDS}),
            "follow " + _fill(", and & und "),
            "follow " + _fill("acme corp "),
        ),
    ],
)
def test_the_new_readings_cost_on_a_hostile_text_about_what_they_cost_on_an_ordinary_one(
    read, hostile: str, ordinary: str
) -> None:
    assert cputime.ratio(lambda: read(hostile), lambda: read(ordinary)) < 20
