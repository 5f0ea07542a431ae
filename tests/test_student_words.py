"""A student's words (Priya's walk: a new grad in Toronto looking for new-grad, intern and co-op
jobs): "new grad" finds "New Graduate" and "new grads" (not a senior job's "graduate degree");
"coop" finds "Co-op"; a board's "Co-op" commitment and a co-op's title are type:internship;
"grad", "coop", "summer" on a store that holds none of them yet are neither misspelled places
("graz") nor companies to /follow; "new grad" and "co-op" in an alert get the tips that keep out
the senior jobs that name them in passing. Through the real matcher, normaliser and handlers."""

from __future__ import annotations

import html
from datetime import datetime, timedelta

import pytest

from bot import match, normalize
from bot.config import AlertsConfig
from bot.index import Matcher
from bot.models import Alert, Posting, RawPosting
from bot.normalize.fields import employment_type
from bot.normalize.workterms import title_employment
from bot.query import parse
from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.telegram.tips import alert_tips
from bot.telegram.tips.spelling import meant, spelling_tip
from tests.alerting import BOARD, INFO, say

SENIOR = (
    "Senior Software Engineer, Payments",
    "You will mentor new team members. A graduate degree is preferred.",
)


def job(title: str, description: str = "", kind: str | None = None) -> Posting:
    raw = RawPosting(
        "1", title, "/jobs/1", location="Toronto, ON", employment_type=kind,
        description_html=f"<p>{description}</p>",
    )  # fmt: skip
    return normalize.posting(raw, INFO)


def found(query: str, posting: Posting) -> bool:
    """Whether `query` finds `posting`, the reference evaluator and the index agreeing."""
    said = match.matches(query, posting)
    assert bool(Matcher([Alert(1, 7, query)]).match(posting)) is said, query
    return said


@pytest.mark.parametrize(
    ("query", "title", "description"),
    [
        ("new grad swe location:toronto", "Software Engineer - New Graduate 2027", ""),
        ('"new grad"', "Software Engineer - New Graduate 2027", ""),
        ("new grad", "Backend Developer", "Ideal for new grads joining in 2027."),
        ("grad", "Software Engineer, New Grads", ""),
        ("new graduate", "Platform Engineer, New Grad", ""),
        ("newgrad", "Full Stack Developer (New Grad)", ""),
        ("new grad", "Software Engineer, Recent Graduate", ""),
        ("coop", "Co-op Software Developer (Fall 2027)", ""),
        ("co-op", "Software Developer", "A four-month coop term."),
        ("co op", "Software Engineering Intern (Winter co-op)", ""),
        ("intern", "Summer Internship 2027 - Software", ""),
        ("internships", "Rust Intern", ""),
    ],
)
def test_a_students_words_find_the_ways_postings_write_them(
    query: str, title: str, description: str
) -> None:
    assert found(query, job(title, description))


def test_graduate_alone_is_no_new_grad() -> None:
    """ "new grad" needs "new" and "grad" (or the phrases): a senior job's "new team members"
    and "graduate degree" are neither."""
    assert not found("new grad", job(*SENIOR))
    assert not found("grad", job(*SENIOR))
    assert found("graduate", job(*SENIOR)), "the word as typed still finds itself"
    assert not found("graduate", job("Software Engineer, New Grad"))


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Software Developer", "Co-op"),  # Lever's commitment
        ("Software Developer", "Co-Op Student"),
        ("Software Developer", "Internship / Co-op"),
        ("Software Developer", "Full-time Co-op"),
        ("Développeur logiciel", "Stage"),
        ("Co-op Software Developer (Fall 2027)", None),
        ("Software Engineering Intern (Winter co-op)", None),
        ("Co-op Software Developer (Fall 2027)", "Full-time"),  # the hours, not the type
        ("Software Developer (Co-op)", None),
        ("Data Science Co-op Student", None),
        ("Software Engineering Co-op", None),
        ("4-month Co-op - QA Analyst", None),
        ("Stagiaire en développement logiciel", None),
    ],
)
def test_a_co_op_term_is_an_internship(title: str, kind: str | None) -> None:
    posting = job(title, kind=kind)
    assert posting.employment_type == "intern"
    assert found("type:internship", posting)


@pytest.mark.parametrize(
    "title",
    [
        "Housing Co-op Manager",
        "Co-op Coordinator",
        "Co-op Advisor, Faculty of Engineering",
        "Co-operative Education Coordinator",
        "Software Engineer - Co-op Digital",  # the UK's Co-op, a company
        "Co-op Food Customer Team Member",
        "Senior Software Engineer, New Grad and Co-op Hiring",
        "Cooper Engineer",
    ],
)
def test_a_co_op_in_a_title_that_is_no_term_is_no_internship(title: str) -> None:
    assert title_employment(title) is None
    assert employment_type("Backstage") is None


@pytest.mark.parametrize(
    "word",
    [
        *("grad", "grads", "graduates", "newgrad", "coop", "coops", "interns", "internships"),
        *("apprentice", "apprentices", "trainees", "student", "students", "juniors", "summer"),
        *("placement", "undergrad", "entry", "career", "early", "bootcamp", "college"),
    ],
)
def test_a_students_word_no_job_has_yet_is_no_typo_nor_company(word: str) -> None:
    """A fresh store holds none of them: "grad" was "did you mean graz?" with "/follow Grad"."""
    assert meant(word) is None
    assert spelling_tip(parse(f"{word} toronto").root, lambda w: True, "/edit 1") == ""


def test_a_word_that_looks_like_a_students_is_not_made_one() -> None:
    """ "glad" is no misspelled "grad", nor "loop" a "coop"; real typos still are."""
    assert meant("glad") != "grad"
    assert meant("loop") != "coop"
    assert meant("internhsip") == "internship"
    assert meant("studnet") == "student"


def test_new_grad_and_co_op_in_an_alert_get_the_tips_for_the_jobs_own() -> None:
    """A senior job that says "mentor new grads" or "new grad and co-op hiring" matches the
    words; title: and type:internship find the new-grad and co-op jobs themselves."""
    typed = "new grad swe location:toronto"
    tip = html.unescape(alert_tips(parse(typed).root, typed, "/edit 1"))
    assert "“mentoring new grads”" in tip
    assert '/edit 1 title:"new grad" swe location:toronto' in tip
    tip = html.unescape(alert_tips(parse("co-op toronto").root, "co-op toronto", "/edit 2"))
    assert "marks internship (co-op terms too)" in tip
    assert "/edit 2 type:internship toronto" in tip
    tip = html.unescape(alert_tips(parse("coop").root, "coop", "/edit 3"))
    assert "/edit 3 type:internship" in tip
    assert "co-op" not in alert_tips(parse("intern").root, "intern", "/edit 4"), "no co-op said"
    assert found('title:"new grad"', job("Software Engineer - New Graduate 2027"))
    assert not found('title:"new grad"', job(*SENIOR[:1], "Mentor new grads."))


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    """Handlers over a store holding a new-grad job, a co-op (Lever's "Co-op" commitment) and
    a senior job; no job says "grad" or "coop"."""
    day = now - timedelta(days=1)
    jobs = [
        RawPosting("1", "Software Engineer - New Graduate 2027", "/jobs/1", location="Toronto",
                   posted_at=day),
        RawPosting("2", "Software Developer", "/jobs/2", location="Waterloo", posted_at=day,
                   employment_type="Co-op", description_text="A four-month co-op term."),
        RawPosting("3", SENIOR[0], "/jobs/3", location="Toronto", posted_at=day,
                   description_text=SENIOR[1]),
    ]  # fmt: skip
    store.boards.sync_boards([BOARD], now)
    store.postings.record("Acme", [], now - timedelta(days=30))
    store.postings.record("Acme", [normalize.posting(j, INFO) for j in jobs], now)
    return Handlers(store.db, AlertsConfig(max_per_user=5, max_length=60), clock=lambda: now)


async def test_a_new_grad_finds_her_jobs_and_gets_no_wrong_advice(handlers: Handlers) -> None:
    await say(handlers, "/start")
    reply = html.unescape(await say(handlers, "/alert new grad swe location:toronto"))
    assert "graz" not in reply and "/follow" not in reply, reply
    assert "Software Engineer - New Graduate 2027" in reply
    assert "Senior" not in reply
    reply = html.unescape(await say(handlers, "/search coop"))
    assert "Software Developer" in reply and "/follow" not in reply, reply
    reply = html.unescape(await say(handlers, "/search type:internship"))
    assert "Software Developer" in reply and "New Graduate" not in reply, reply
