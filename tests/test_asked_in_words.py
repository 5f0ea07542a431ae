"""Asked in words, answered from the user's own state (a job seeker's walk, Wei in
Singapore): a digest or quiet hours worded for the time zone and quiet hours set, the companies
followed listed, /why by words finding a job as the alerts do (synonyms), and a visa added to
an alert as visa:yes. On a real store, through the real handlers."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.store import Stores
from bot.telegram.asked_how import timed
from bot.telegram.handlers import Handlers
from bot.telegram.texts import MY_FOLLOWS
from tests import cputime
from tests.alerting import USER, say, world_handlers


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


async def test_delivery_in_words_names_timezone_only_to_one_without(handlers) -> None:
    """ "(your time: /timezone sets it)" came after the zone was set; "at night" offered
    22:00-07:00 over the 23:00-07:00 one had."""
    said = await say(handlers, "weekly summary for alert 1")
    assert "<code>/digest 1 weekly</code> (your time: /timezone sets it)." in said, said
    await say(handlers, "/timezone Singapore")
    said = await say(handlers, "weekly summary for alert 1")
    assert said.endswith("<code>/digest 1 weekly</code> (Asia/Singapore time)."), said
    said = await say(handlers, "dont send anything at night")
    assert "<code>/quiet 22:00-07:00</code> (Asia/Singapore time)." in said, said
    await say(handlers, "/quiet 23-7")
    said = await say(handlers, "dont send anything at night")
    assert said == (
        "Your quiet hours are 23:00–07:00 already (Asia/Singapore): nothing is pushed then, "
        "and what was held comes in one message at 07:00."
    )
    said = await say(handlers, "no messages between 10pm and 8am")
    assert "23:00–07:00 already" in said and "<code>/quiet 22:00-08:00</code>" in said, said


async def test_a_text_that_names_jobs_as_well_keeps_its_reading(handlers) -> None:
    await say(handlers, "/timezone Singapore")
    said = await say(handlers, "remote rust jobs, weekly digest")
    assert "/alert" in said and "/digest" not in said, said


async def test_what_companies_do_i_follow_lists_them(handlers, store, now) -> None:
    assert (await say(handlers, "what companies do I follow?")).startswith(
        "You follow no company yet."
    )
    await say(handlers, "/start")
    store.follows.follow(USER, "Acme", True, now)
    said = await say(handlers, "what companies do I follow")
    assert said.startswith("<b>Companies you follow</b>\n1. <b>Acme</b> on Greenhouse"), said
    assert "every new job" in said and "/unfollow &lt;number&gt; stops one." in said, said


async def test_why_by_words_finds_a_job_through_a_synonym(handlers) -> None:
    """ "/why golang engineer" said no job has "golang", though an alert of it finds the
    Go Engineer job (golang = go), as "sre" the Site Reliability Engineer."""
    said = await say(handlers, "/why didnt i get the golang engineer job in berlin")
    assert "No open job has every word" not in said and "Go Engineer" in said, said


@pytest.mark.parametrize(
    "what", ["visa", "visa sponsorship", "sponsorship", "relocation with visa", "visas"]
)
async def test_adding_a_visa_to_an_alert_offers_visa_yes(handlers, what: str) -> None:
    """ "/edit 1 add visa" offered the word, which also finds "unable to sponsor visas"."""
    await say(handlers, "/alert rust")
    said = await say(handlers, f"/edit 1 add {what}")
    assert "<code>/edit 1 rust visa:yes</code> — jobs with both" in said, said
    assert "OR visa" not in said, said


# Read by every pattern, matched by none: what the hostile texts are held to.
ORDINARY = ("I would like backend roles with good people, nice teams and a 4 day week. " * 60)[
    :4000
]
HOSTILE = [
    ("at 1 " * 900)[:4000],
    ("between 10 - " * 400)[:4000],
    ("no messages between 1" + " " * 3990 + "x")[:4000],
    ("alert 2 instantly " * 300)[:4000],
    ("weekly digest " + "sundays" * 600)[:4000],
    ("what companies do i follow " * 200)[:4000],
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_reading_a_delivery_asked_costs_what_an_ordinary_text_does(hostile: str) -> None:
    def read(text: str) -> object:
        return timed(text), MY_FOLLOWS.fullmatch(text)

    assert cputime.ratio(lambda: read(hostile), lambda: read(ORDINARY)) < 10
