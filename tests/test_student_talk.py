"""Priya's walk (walk 2: a new grad in Toronto, writing on her phone): what the sentence reader
offers her. "new grad or junior" keeps the phrase whole; what she says of herself ("im
graduating in may 2027", "i dont have us work authorization") is no word a job needs; "co-op
roles too" and "also internships … and co-op" widen her alert (either first); "nothing asking
for 5+ years", "no senior stuff", "no managers" are each alert's exclusion; "0-2 yrs" is
years:<=2; "$40/hour" from Toronto is Canadian dollars; "im a new grad" gets the alert to
start from. On a real store, through the real handlers."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot import normalize
from bot.config import AlertsConfig
from bot.match import matches
from bot.models import Posting, RawPosting
from bot.store import Stores
from bot.telegram import alter, leaveout
from bot.telegram.handlers import Handlers
from bot.telegram.talk_change import too_asked
from bot.telegram.tips.context import context_dropped
from bot.telegram.tips.phrases import phrases_quoted
from bot.telegram.tips.sentence import meant
from tests import cputime
from tests.alerting import INFO, offered, say, world_handlers

NEW_GRAD = "new grad swe location:toronto"


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    world_handlers(store, now)
    return Handlers(store.db, AlertsConfig(max_per_user=5), clock=lambda: now)


def job(title: str, location: str = "Toronto, ON", text: str = "") -> Posting:
    raw = RawPosting(
        external_id=title,
        title=title,
        url="/j",
        location=location,
        description_html=f"<p>{text}</p>",
    )
    return normalize.posting(raw, INFO)


async def test_new_grad_or_junior_keeps_the_phrase_whole(handlers) -> None:
    """B3: 'new (grad OR junior) swe …' needed "new" in every job."""
    reply = await say(
        handlers,
        "looking for new grad or junior swe roles in toronto, waterloo, montreal or remote "
        "canada, python or typescript, no senior",
    )
    query = offered(reply)[0]
    assert query.normalized.startswith('("new grad" OR junior) swe '), reply
    said = "Python and TypeScript."
    assert matches(query, job("Junior Software Engineer", "Montréal, QC", said))
    assert matches(query, job("Software Engineer, New Grad", text=said))
    assert not matches(query, job("Senior Software Engineer", text=f"{said} Mentor new grads."))


@pytest.mark.parametrize(
    ("typed", "quoted"),
    [
        ("junior or entry level roles", 'junior or "entry level" roles'),
        ("backend or full stack jobs", 'backend or "full stack" jobs'),
        ("new grad, junior or entry-level", '"new grad", junior or "entry-level"'),
        ("new grad swe roles", "new grad swe roles"),  # no "or": as typed
        ("machine learning engineer", "machine learning engineer"),
    ],
)
def test_a_known_phrase_beside_or_is_quoted(typed: str, quoted: str) -> None:
    assert phrases_quoted(typed) == quoted


async def test_what_she_says_of_herself_is_no_word_a_job_needs(handlers) -> None:
    """B11: "graduating" and "2027" were words every job had to have."""
    reply = await say(
        handlers, "hey! im graduating in may 2027 and looking for new grad swe roles in toronto"
    )
    assert [q.normalized for q in offered(reply)] == [NEW_GRAD] * 2, reply
    assert "I left out “im graduating in may 2027”" in reply
    assert meant("i need jobs in canada, i dont have us work authorization") == "location:canada"
    assert context_dropped("rust jobs in toronto, i'm graduating in may, remote ok") == (
        "rust jobs in toronto,   remote ok"
    )


@pytest.mark.parametrize("typed", ["im a new grad", "im a student", "im graduating may 2027"])
async def test_a_new_grad_alone_gets_the_alert_to_start_from(handlers, typed: str) -> None:
    reply = await say(handlers, typed)
    start = offered(reply)[0]
    assert start.normalized == 'title:("new grad" OR junior OR "entry level")', reply
    assert matches(start, job("Software Engineer - New Grad 2027"))
    assert not matches(start, job("Senior Software Engineer", text="Mentor new grads."))
    assert ("type:internship" in reply) is ("student" in typed)


async def test_a_kind_of_job_too_widens_her_alert(handlers) -> None:
    """B11: "co-op roles too" was offered as a new alert of `"co op" too`."""
    await say(handlers, f"/alert {NEW_GRAD}")
    reply = await say(handlers, "design lead too")
    either, both = offered(reply)
    assert "— jobs with either" in reply.splitlines()[1], reply
    assert matches(either, job("Design Lead", "Toronto, ON"))
    assert not matches(both, job("Design Lead", "Toronto, ON"))
    assert too_asked("me too") is None  # ("remote too": a way of working, test_leftovers)
    assert too_asked("hello too") is None  # ("berlin too": a place, test_talk_leftovers)


async def test_also_several_kinds_is_either_first(handlers) -> None:
    """B12: "also internships summer 2027 and co-op" was only one AND of all of it."""
    await say(handlers, f"/alert {NEW_GRAD}")
    reply = await say(handlers, "also internships summer 2027 and data analyst")
    either = offered(reply)[0]
    assert "— jobs with either" in reply.splitlines()[1], reply
    assert matches(either, job("Software Engineering Intern, Summer 2027"))
    assert matches(either, job("Data Analyst"))
    assert matches(either, job("Software Engineer, New Grad"))
    assert not matches(either, job("Data Analyst", "Berlin, Germany"))  # her place stays


@pytest.mark.parametrize(
    ("typed", "minus"),
    [
        ("nothing asking for 5+ years pls", "-years:>=5"),
        ("no jobs that need 5+ years experience", "-years:>=5"),
        ("nothing that asks for 5+ yrs pls", "-years:>=5"),
        ("i dont want anything that needs 5+ yrs", "-years:>=5"),
        ("no jobs requiring more than 3 years", "-years:>3"),
        ("no jobs that require us citizenship", '-"us citizenship"'),
        ("no senior stuff", "-title:senior"),
        ("no senior", "-title:senior"),
        ("no staff or senior or lead", "-title:(staff OR senior OR lead)"),
        ("no senior, staff or lead roles", "-title:(senior OR staff OR lead)"),
        ("no managers", "-title:manager"),
        ("no engineering manager roles", '-title:"engineering manager"'),
    ],
)
async def test_no_more_of_them_is_each_alerts_edit(handlers, typed: str, minus: str) -> None:
    """B4 and the levels: each was a new alert of filler words, or the generic reply."""
    await say(handlers, f"/alert {NEW_GRAD}")
    reply = await say(handlers, typed)
    [edit] = offered(reply)
    assert edit.normalized == f"{NEW_GRAD} {minus}", reply


async def test_five_years_left_out_keeps_the_jobs_that_state_none(handlers) -> None:
    await say(handlers, f"/alert {NEW_GRAD}")
    [edit] = offered(await say(handlers, "nothing asking for 5+ years pls"))
    assert matches(edit, job("Software Engineer, New Grad", text="0-2 years of experience."))
    assert matches(edit, job("Software Engineer, New Grad"))
    assert not matches(edit, job("Software Engineer, New Grad", text="5+ years of experience."))


@pytest.mark.parametrize("typed", ["0-2 yrs", "only 0-2 yrs experience"])
async def test_the_years_she_has_are_the_most_asked(handlers, typed: str) -> None:
    assert [q.normalized for q in offered(await say(handlers, typed))] == ["years:<=2"] * 2
    await say(handlers, f"/alert {NEW_GRAD}")
    edit, alone = offered(await say(handlers, typed))
    assert (edit.normalized, alone.normalized) == (f"{NEW_GRAD} years:<=2", "years:<=2")


async def test_a_bare_dollar_is_her_countrys(handlers) -> None:
    """B7: "$40/hour" from Toronto was US dollars; CA$45 internships never matched."""
    typed = "internship paying at least $40/hour"
    assert "USD40/hour" in await say(handlers, typed)  # this bot's zone: UTC
    there = await say(handlers, "internship in toronto paying at least $40/hour")
    assert "salary:&gt;=CAD40/hour" in there and "Canadian dollars" in there, there
    await say(handlers, "/timezone toronto")
    reply = await say(handlers, typed)
    assert [q.normalized for q in offered(reply)] == ["type:internship salary:>=CAD40/hour"] * 2
    assert "“$” is read as Canadian dollars (your /timezone's dollar)" in reply
    await say(handlers, f"/alert {NEW_GRAD}")
    [edit, _] = offered(await say(handlers, "only roles that pay at least $40/hour"))
    assert edit.normalized == f"{NEW_GRAD} salary:>=CAD40/hour"
    await say(handlers, "/timezone new york")
    assert "CAD" not in await say(handlers, typed)


def test_hostile_texts_are_read_in_bounded_time() -> None:
    hostile = "no " + "senior, " * 400 + "x"
    sentence = "im graduating in " + "may " * 400 + "and new grad or " * 100
    dollars = "$" * 2000 + "1"

    def read(text: str) -> object:
        return leaveout.unwanted(text), too_asked(text), alter.asked(text), meant(text[:400])

    fast = "no senior stuff"
    for slow in (hostile, sentence, dollars, "nothing asking for " + "5 " * 500):
        assert cputime.ratio(lambda s=slow: read(s), lambda: read(fast)) < 40, slow[:30]
