"""A job's link sent alone, or among words asking why it came or not: the link of a job the bot
itself sent was offered "/follow <that link>", and "why didn't I get https://…?" only echoed
"/why https://…". Now a stored job's link says which job it is, with its /why first and the
/follow of its company's board; a why asked of a link gets /why's own answer."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot import normalize
from bot.config_boards import BoardConfig
from bot.models import BoardInfo
from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.telegram.linked import job_link, job_link_reply, link_reply
from bot.transport import Incoming
from tests.alerting import BOARD, USER, check_html, raw, say, world_handlers

JOB = "https://example.com/jobs/2"  # the world's Go Engineer, at Acme Pay


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


def answer(store: Stores, now: datetime, text: str) -> str:
    reply = job_link_reply(store, Incoming(USER, text), now)
    check_html(reply)
    return reply


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (JOB, (JOB, False)),
        ("example.com/jobs/2", (JOB, False)),  # as the browser shows it
        (f"why didn't I get {JOB} ?", (JOB, True)),
        (f"{JOB} why did this not reach me", (JOB, True)),
        (f"can you follow the company of {JOB}", None),  # asks to follow: `talk` offers /follow
        (f"why not {JOB} and https://example.com/jobs/3", None),  # two links
        ("https://www.linkedin.com/jobs/view/123", None),  # login-walled: `talk` says why not
        ("rust jobs", None),
    ],
)
def test_which_texts_name_a_job_by_its_link(text: str, read: tuple[str, bool] | None) -> None:
    assert job_link(text) == read


async def test_a_stored_jobs_link_says_which_job_it_is_and_offers_why_first(
    handlers, store, now
) -> None:
    reply = answer(store, now, JOB)
    assert reply == (
        "That's the link of <b>Go Engineer</b> · Acme Pay, a job I have. "
        f"<code>/why {JOB}</code> says why it did or didn't reach you. "
        "<code>/follow https://example.com/b all</code> sends you every new job of Acme Pay, "
        "whatever your alerts say."
    )
    assert "/follow https://example.com/jobs/2" not in reply, "not the posting's link"
    assert answer(store, now, "example.com/jobs/2") == reply


async def test_a_link_no_stored_job_has_gets_follow_and_why_as_before(handlers, store, now) -> None:
    link = "https://jobs.lever.co/acme/123"
    assert answer(store, now, link) == link_reply(link)
    assert answer(store, now, link).startswith("That's a link. <code>/follow https://jobs.lever")


async def test_a_why_asked_of_a_link_is_answered_as_why_answers_it(handlers, store, now) -> None:
    await say(handlers, "/alert go")
    reply = answer(store, now, f"why didn't I get {JOB} ?")
    assert reply == await say(handlers, f"/why {JOB}")
    assert reply.startswith("🔍 <b>Go Engineer</b> — Acme Pay (Acme)\n"), reply
    unknown = answer(store, now, "why didn't I get https://jobs.lever.co/acme/123?")
    assert unknown == await say(handlers, "/why https://jobs.lever.co/acme/123")
    assert "I have no job at that link" in unknown


async def test_no_follow_offered_of_an_aggregator_or_a_board_followed(handlers, store, now) -> None:
    url = "https://example.com/hub"
    store.boards.sync_boards([BOARD, BoardConfig("Hub", url, "greenhouse", url, 60.0)], now)
    jobs = [(1, "Initech"), (2, "Vellum Pay")]
    posted = [
        normalize.posting(
            raw(200 + i, "Rust Dev", "Berlin", "Rust."), BoardInfo("Hub", "greenhouse", url, c)
        )
        for i, c in jobs
    ]
    store.postings.record("Hub", [], now - timedelta(days=30))
    store.postings.record("Hub", posted, now - timedelta(hours=1))
    reply = answer(store, now, posted[0].url)
    assert reply.startswith("That's the link of <b>Rust Dev</b> · Initech, a job I have."), reply
    assert "/follow" not in reply, "a board of many companies: following it is no company's"
    store.users.ensure(USER, now)
    store.follows.follow(USER, "Acme", True, now)
    assert "/follow" not in answer(store, now, JOB), "followed already"
