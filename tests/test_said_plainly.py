"""What a user says plainly, in German and English mixed, as a data analyst in Munich says it
(Lena's test): "nur remote" narrows her alerts as "only remote jobs please" does, an /edit of a
filter alone offers the /edit that keeps her words, "I live in Munich" offers her own alerts
there (it offered an alert of "backend", a word of nobody's), "München, hybrid oder remote in
Deutschland" is Munich or remote in Germany (it was Munich and Germany), "Teilzeit 80%" the
part-time jobs, "/ alert" (a phone's space) the command. Through the real handlers."""

from __future__ import annotations

import html
from datetime import datetime

import pytest

from bot.normalize.fields import employment_type, title_employment
from bot.store import Stores
from bot.telegram.handlers import Handlers
from tests.alerting import say, world_handlers


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


async def said(handlers: Handlers, text: str) -> str:
    return html.unescape(await say(handlers, text))


@pytest.mark.parametrize(
    ("text", "narrowed"),
    [
        ("nur hybrid bitte", "remote:hybrid"),
        ("nur remote", "remote:yes"),
        ("bitte nur remote", "remote:yes"),
        ("nur jobs mit mindestens 60k gehalt", "salary:>=60k"),
        ("only jobs with salary", "salary:stated"),
        ("nur jobs mit gehalt", "salary:stated"),
        ("hybrid is fine, remote also", "(remote:hybrid OR remote:yes)"),
        ("hybrid or remote is fine", "(remote:hybrid OR remote:yes)"),
    ],
)
async def test_only_said_in_german_or_as_welcome_narrows_each_alert(
    handlers, text: str, narrowed: str
) -> None:
    """ "nur" is "only": it was offered a new alert of every hybrid job, of every kind."""
    await say(handlers, "/start")
    await say(handlers, "/alert data analyst munich")
    reply = await said(handlers, text)
    assert f"<code>/edit 1 data analyst munich {narrowed}</code> — jobs with both" in reply, reply
    alone = narrowed.strip("()")
    assert f"Or a new alert of them alone: <code>/alert {alone}</code>" in reply, reply
    assert "To get a message for each new job" not in reply, reply
    assert "also" not in reply and "salary</code>" not in reply, reply  # (read as words)


async def test_only_said_with_no_alert_offers_the_alert_of_it(handlers) -> None:
    await say(handlers, "/start")
    reply = await said(handlers, "nur hybrid bitte")
    assert "send <code>/alert remote:hybrid</code>" in reply, reply
    assert "<code>/search remote:hybrid</code>" in reply, reply


async def test_an_edit_to_filters_alone_offers_the_edit_that_keeps_the_words(handlers) -> None:
    """Done as typed (a valid query), but it no longer asked for a data analyst."""
    await say(handlers, "/start")
    await say(handlers, "/alert data analyst munich")
    reply = await said(handlers, "/edit 1 remote:hybrid")
    assert reply.startswith("✏️ Alert #1 now: <b>remote:hybrid</b>"), reply
    assert "To keep its words: <code>/edit 1 data analyst munich remote:hybrid</code>" in reply
    await say(handlers, "/edit 1 data analyst location:munich remote:yes")
    reply = await said(handlers, "/edit 1 remote:hybrid salary:>=60k")
    kept = "/edit 1 data analyst location:munich remote:hybrid salary:>=60k"  # (not remote:yes)
    assert f"To keep its words: <code>{kept}</code>" in reply, reply
    reply = await said(handlers, "/edit 1 python")
    assert "To keep its words" not in reply, "words: nothing to keep"


async def test_where_one_lives_offers_ones_own_alerts_there(handlers) -> None:
    await say(handlers, "/start")
    reply = await said(handlers, "I live in Munich")
    assert "<code>/alert <your keywords> location:munich</code>" in reply, reply
    await say(handlers, "/alert data analyst")
    await say(handlers, "/alert bi analyst")
    reply = await said(handlers, "I live in Munich")
    assert reply.startswith("Living in Munich? <code>/timezone Munich</code>"), reply
    assert "your alerts kept to it" in reply, reply
    assert "<code>/edit 1 data analyst location:munich</code>" in reply, reply
    assert "<code>/edit 2 bi analyst location:munich</code>" in reply, reply
    assert "backend" not in reply and "your keywords" not in reply, reply


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        (
            "Ich suche Data Analyst Jobs in München, hybrid oder remote in Deutschland",
            "data analyst ((remote:yes from:deutschland) OR (remote:hybrid location:munchen))",
        ),
        (
            "data analyst in Munich, hybrid or remote in Germany",
            "data analyst ((remote:yes from:germany) OR (remote:hybrid location:munich))",
        ),
        (
            "Data Analyst München oder remote in Deutschland",
            "data analyst (location:munchen OR (remote:yes from:deutschland))",
        ),
        ("Vollzeit oder Teilzeit", "type:full-time OR type:part-time"),
        ("Teilzeit 80%", "type:part-time"),
        ("part time 80% data analyst munich", "type:part-time data analyst munich"),
    ],
)
async def test_german_places_and_hours_read_as_the_english(
    handlers, text: str, offered: str
) -> None:
    """The remote half was lost: "location:munchen (remote:hybrid OR remote:yes)
    location:deutschland" needs a job in both; "80" was a word every job must have."""
    reply = await said(handlers, text)
    assert f"send <code>/alert {offered}</code>" in reply, reply
    assert "location:deutschland" not in reply and " 80" not in reply, reply


def test_german_titles_and_types_name_part_time() -> None:
    """type:part-time, offered for "Teilzeit", finds the jobs titled or typed so."""
    assert title_employment("Data Analyst (m/w/d) in Teilzeit") == "part_time"
    assert employment_type("Teilzeit") == "part_time"
    assert employment_type("Vollzeit") == "full_time"
    assert employment_type("Praktikum") == employment_type("Werkstudent") == "intern"


async def test_a_space_after_the_slash_is_the_command(handlers) -> None:
    await say(handlers, "/start")
    reply = await said(handlers, "/ alert analytics engineer")
    assert reply.startswith("✅ Alert #1 saved: <b>analytics engineer</b>"), reply
    assert "/alert / alert" not in reply
    assert "/alert / hello" in await said(handlers, "/ hello"), "no command: as it was"


async def test_delete_alone_with_one_alert_names_it(handlers) -> None:
    await say(handlers, "/start")
    await say(handlers, "/alert data analyst munich")
    reply = await said(handlers, "/delete")
    assert reply == (
        "Your only alert is #1 <b>data analyst munich</b>: <code>/delete 1</code> deletes it."
    ), reply
    assert "Which alert?" not in reply
    await say(handlers, "/alert bi analyst")
    assert (await said(handlers, "/delete")).startswith("Which alert? Send <code>/delete 3")


async def test_delete_of_several_ids_none_of_them_theirs_says_so(handlers) -> None:
    """It failed ("Sorry, something went wrong"): no alert deleted named no id."""
    await say(handlers, "/start")
    await say(handlers, "/alert data analyst munich")
    reply = await said(handlers, "/delete 8 9")
    assert reply.startswith("You have no alert #8 or #9. Yours: #1 data analyst munich"), reply
