"""bot/why.py: the explainer names the missing term, the exclusion, the failed field filter,
and agrees with the matcher on every query and posting the property generators make."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import match
from bot.errors import QueryError
from bot.models import Posting
from bot.query import parse
from bot.reached import Facts, blockers, verdict
from bot.view import compile_query, view
from bot.why import explain
from tests.test_match_properties import SETTINGS, postings, queries

JOB = Posting(
    key="Acme:1",
    board="Acme",
    external_id="1",
    title="Senior Rust Engineer",
    company="Acme Pay",
    location="Berlin, Germany",
    url="https://example.com/1",
    description="We go-live soon. Java and Kubernetes on call.",
    workplace="onsite",
    employment_type="full_time",
    salary_min=90_000,
    salary_max=110_000,
    salary_currency="EUR",
    salary_period="year",
)

# (query, matched, a reason it must give) — what the user reads in /why.
CASES = [
    ("rust", True, "“rust” is in the title"),  # the field that has it, not all four
    ("rust backend", False, "no “backend” in the title, company, location or description"),
    ("rust -java", False, "excluded by -java: “java” is in the description"),
    ("rust -(python OR java)", False, "excluded by -(python OR java): “java” is in"),
    ("title:staff rust", False, "title: no “staff” in the title “Senior Rust Engineer”"),
    ('company:"acme corp"', False, "company: no phrase “acme corp” in the company “Acme Pay”"),
    ("location:usa", False, "location: no “usa” in the location “Berlin, Germany”"),
    ("location:europe", True, "location:europe is in the location “Berlin, Germany”"),
    ("from:germany", True, "from:germany: the location “Berlin, Germany” is in or open to germany"),
    ("from:france", False, "from:france: the location “Berlin, Germany” is neither in nor open to"),
    (
        "near:potsdam",
        True,
        "near:potsdam: the location “Berlin, Germany” is within 40 km of potsdam",
    ),
    (
        'near:"leipzig 50km"',
        False,
        'near:"leipzig 50km": the location “Berlin, Germany” is not within 50 km of leipzig'
        " (150 km away)",
    ),
    (
        "near:narnia",
        False,
        "I know no city “narnia”, so it looks for that name in the location",
    ),
    ("remote:yes", False, "remote:yes: the job is on-site"),
    ("type:contract", False, "type:contract: the job is full-time"),
    ("salary:>=120k", False, "salary:>=120k: the job pays €90k–110k a year"),
    ("salary:>=80k", True, "salary:>=80k: the job pays €90k–110k a year"),
    ("salary:none", False, "salary:none: the job pays €90k–110k a year"),
    ("salary:stated", True, "salary:stated: the job pays €90k–110k a year"),
    ("go", False, "“go” only as a word, not Go the language (like “as they go” or “go-live”)"),
    ("k8s", True, "“k8s” is in"),  # a synonym: kubernetes
    ("dev*", False, "no word starting with “dev”"),
    (  # an OR's values that all miss, said once (was "none of: no phrase … in …; no “python” in …")
        '"machine learning" OR python',
        False,
        "the title, company, location or description has none of “machine learning”, python",
    ),
]


@pytest.mark.parametrize(
    ("query", "reasons"),
    [
        (
            "location:(london OR amsterdam OR usa)",
            ("the location “Berlin, Germany” has none of london, amsterdam, usa",),
        ),
        (
            "title:staff OR title:lead*",
            ("the title “Senior Rust Engineer” has none of staff, lead*",),
        ),
        ("remote:(yes OR hybrid)", ("remote:(yes OR hybrid): the job is on-site",)),
        (  # one value alone keeps its own reason; other parts theirs, after "none of"
            "title:staff OR location:usa OR type:contract",
            (
                "none of: title: no “staff” in the title “Senior Rust Engineer”; location: no “usa” "
                "in the location “Berlin, Germany”; type:contract: the job is full-time",
            ),
        ),
        (  # a reason of its own ("go" not the language) is not merged
            "go OR python",
            (
                "none of: “go” only as a word, not Go the language (like “as they go” or "
                "“go-live”) in the title, company, location or description; no “python” in the "
                "title, company, location or description",
            ),
        ),
    ],
)
def test_an_or_says_a_fields_values_once(query: str, reasons: tuple[str, ...]) -> None:
    got = explain(query, JOB)
    assert not got.matched and not match.matches(query, JOB)
    assert got.reasons == reasons


@pytest.mark.parametrize(("query", "matched", "reason"), CASES)
def test_explain_says_exactly_why(query: str, matched: bool, reason: str) -> None:
    got = explain(query, JOB)
    assert got.matched is matched
    assert any(reason in r for r in got.reasons), got.reasons
    assert got.matched == match.matches(query, JOB)


def test_a_tech_named_only_by_the_location_is_a_place() -> None:
    island = replace(JOB, title="Data Analyst", location="Bandung, West Java", description="")
    got = explain("java", island)
    assert not got.matched and not match.matches("java", island)
    assert got.reasons == (
        "“java” only in the location “Bandung, West Java”: a place, not the tech "
        "(location:java finds it there)",
    )


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("rust berlino", "“berlino”: another name of the city in the location “Berlin, Germany”"),
        ("location:berlim", "location:berlim: another name of the city in the location “Berlin,"),
        ("rust berlin", "“berlin” is in the location"),
    ],
)
def test_a_city_found_by_another_of_its_names_is_said_so(query: str, reason: str) -> None:
    got = explain(query, JOB)
    assert got.matched and match.matches(query, JOB)
    assert reason in got.reasons[-1], got.reasons


@pytest.mark.parametrize(
    ("query", "matched", "reason"),
    [
        ("salary:>=80k", False, "salary:>=80k: the job states no salary (salary:none matches such"),
        ("salary:none", True, "salary:none: the job states no salary"),
        ("salary:stated", False, "salary:stated: the job states no salary"),
    ],
)
def test_a_job_without_a_salary_is_said_so(query: str, matched: bool, reason: str) -> None:
    unpaid = replace(JOB, salary_min=None, salary_max=None, salary_currency=None)
    got = explain(query, unpaid)
    assert got.matched is matched and match.matches(query, unpaid) is matched
    assert reason in got.reasons[-1], got.reasons


@pytest.mark.parametrize(
    ("description", "query", "matched", "reason"),
    [
        (
            "Rust. We cannot sponsor visas.",
            "visa:yes",
            False,
            "visa:yes: the job says “We cannot sponsor visas”",
        ),
        (
            "Rust. We can’t sponsor visas!",
            "rust -visa:no",
            False,
            "excluded by -visa:no: visa:no: the job says “We can’t sponsor visas”",
        ),
        ("Rust and Postgres.", "visa:yes", False, "visa:yes: the job says nothing clear of visas"),
        (
            "Rust. You have 5+ years of experience with Rust. 2+ years with Go.",
            "years:<=3",
            False,
            "years:<=3: the job asks “5+ years of experience with Rust”",
        ),
        (
            "Rust. Minimum of two years' experience.",
            "rust years:2-4",
            True,
            "years:2-4: the job asks “Minimum of two years' experience”",
        ),
        (
            "Rust and Postgres.",
            "years:<=3",
            False,
            "years:<=3: the job asks no number of years (years:none matches such jobs)",
        ),
        ("Rust and Postgres.", "years:none", True, "years:none: the job asks no number of years"),
    ],
)
def test_visa_and_years_quote_what_decided(
    description: str, query: str, matched: bool, reason: str
) -> None:
    job = replace(JOB, description=description)
    got = explain(query, job)
    assert got.matched is matched and match.matches(query, job) is matched
    assert any(reason in r for r in got.reasons), got.reasons


def test_every_missing_term_of_an_and_is_named() -> None:
    got = explain("scala backend rust", JOB)
    assert not got.matched and len(got.reasons) == 2
    assert "“scala”" in got.reasons[0] and "“backend”" in got.reasons[1]


T0 = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
FACTS = [  # (facts, what blockers says)
    (Facts(T0, T0 + timedelta(hours=1)), []),
    (Facts(T0, T0 - timedelta(days=1)), ["found it before the alert existed"]),
    (  # the same minute: to the second, or the two would read alike
        Facts(T0 + timedelta(seconds=9), T0 + timedelta(seconds=2)),
        ["(found 2026-05-01 08:00:02 UTC, alert created 2026-05-01 08:00:09 UTC)"],
    ),
    (Facts(T0, T0, baseline=True), ["board baseline"]),
    (Facts(T0, T0, company_muted=True), ["you muted its company"]),
    (Facts(T0, T0, hidden=True), ["you hid this job"]),
    (Facts(T0, T0, alert_paused=True), ["the alert is paused"]),
    (Facts(T0, T0, sent_at=T0), ["already sent to you (2026-05-01 08:00 UTC)"]),
    (Facts(T0, T0, pending=True), ["it is in your outbox, on its way to you"]),
    (
        Facts(T0, T0, ended="rejected: Bad Request: message is too long"),
        ["it was not sent: Telegram refused the message: Bad Request: message is too long"],
    ),
    (
        Facts(T0, T0, ended="held over 90 days while paused"),
        ["it was not sent: held over 90 days while paused"],
    ),
    (Facts(T0, T0, ended="muted by the user"), ["you had muted its company when it was to be"]),
    (Facts(T0, T0, ended="muted by the user", company_muted=True), ["you muted its company"]),
    (Facts(T0, T0, changed_at=T0 + timedelta(days=3)), []),  # an edit that was routed
    (
        Facts(T0, T0, changed_at=T0 + timedelta(days=45)),
        [
            "its board edited it 2026-06-15 08:00 UTC, 45 days after jobbot found it: an edit "
            "reaches the alerts it makes match only in a job's first 30 days"
        ],
    ),
    (Facts(T0, T0, sent_at=T0, changed_at=T0 + timedelta(days=45)), ["already sent to you"]),
    (
        Facts(T0, T0, sent_at=T0, edit="pay added"),
        ["already sent to you (2026-05-01 08:00 UTC), after an edit made it match (pay"],
    ),
    (
        Facts(T0, T0, pending=True, held_until=T0 + timedelta(hours=10)),
        ["it is waiting in your outbox for a summary at 2026-05-01 18:00 UTC (a digest,"],
    ),
    (
        Facts(T0, T0, pending=True, held_for_resume=True),
        ["waiting in your outbox for your /resume"],
    ),
    (
        Facts(T0, T0, alert_paused=True, alert_id=3),
        ["the alert is paused (/resume 3 turns it on now)"],
    ),
    (
        Facts(
            T0,
            T0,
            pending=True,
            held_for_resume=True,
            alert_paused=True,
            alert_id=3,
            resume_at=T0 + timedelta(days=14),
        ),
        [
            "it is waiting in your outbox until the alert is on again",
            "the alert is paused until 2026-05-15 08:00 UTC (/resume 3 turns it on now)",
        ],
    ),
]


@pytest.mark.parametrize(("facts", "want"), FACTS)
def test_blockers_name_what_kept_a_matching_job_back(facts: Facts, want: list[str]) -> None:
    got = blockers(facts)
    assert len(got) == len(want)
    assert all(w in g for w, g in zip(want, got, strict=True)), got


def test_verdict_puts_the_query_first_and_sent_counts_as_reached() -> None:
    miss = explain("rust backend", JOB)
    assert verdict(miss, Facts(T0, T0 - timedelta(days=1))) == (False, list(miss.reasons))
    hit = explain("rust", JOB)
    assert verdict(hit, Facts(T0, T0))[0] is False, "no record of it: not reached (test_why_edited)"
    assert verdict(hit, Facts(T0, T0, baseline=True))[0] is False
    assert verdict(hit, Facts(T0, T0, sent_at=T0))[0] is True


@SETTINGS
@given(queries, postings())
def test_explain_agrees_with_the_matcher(text: str, posting: Posting) -> None:
    try:
        query = parse(text, max_length=10_000, max_terms=100)
    except QueryError:
        return
    got = explain(query, posting)
    assert got.matched == match.matches(query, posting) == compile_query(query)(view(posting))
    assert got.reasons, "a verdict always says why"


@SETTINGS
@given(st.lists(st.sampled_from(["rust", "java", "go", "-java", "title:senior"]), min_size=1))
def test_a_failing_and_names_only_failing_parts(words: list[str]) -> None:
    try:
        query = parse(" ".join(words))
    except QueryError:
        return
    got = explain(query, JOB)
    if not got.matched:
        assert not any(" is in " in r and not r.startswith("excluded") for r in got.reasons)


def test_times_are_shown_in_the_users_zone() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from bot.reached import Facts, blockers

    sent = datetime(2026, 12, 3, 5, 45, tzinfo=UTC)
    facts = Facts(sent, sent, sent_at=sent, zone=ZoneInfo("Europe/Berlin"))
    assert blockers(facts) == ["already sent to you (2026-12-03 06:45 CET)"]


def test_words_typed_apart_that_spell_a_synonym_are_explained_as_one() -> None:
    job = replace(JOB, title="Fullstack Engineer", description="")
    got = explain("full stack engineer", job)
    assert got.matched and match.matches("full stack engineer", job)
    assert got.reasons[0] == "“full stack” is in the title"
    missed = explain("back end engineer", job)
    assert not missed.matched
    assert missed.reasons == ("no “back end” in the title, company, location or description",)


def test_words_typed_apart_after_a_field_are_explained_in_that_field() -> None:
    job = replace(JOB, title="Fullstack Engineer", description="Our stack: Rust")
    got = explain("title:full stack", job)
    assert got.matched and match.matches("title:full stack", job)
    assert got.reasons == ("“title:full stack” is in the title “Fullstack Engineer”",)
    missed = explain("title:machine learning", job)
    assert not missed.matched and not match.matches("title:machine learning", job)
    assert missed.reasons == ("no “machine learning” in the title “Fullstack Engineer”",)


def test_a_term_found_anywhere_names_the_fields_that_have_it() -> None:
    job = replace(JOB, title="Rust Engineer, Berlin", company="Berlin Pay")
    assert explain("berlin", job).reasons == ("“berlin” is in the title, company and location",)
    assert explain("kubernetes", job).reasons == ("“kubernetes” is in the description",)
    assert explain('"rust engineer"', job).reasons == ("“rust engineer” is in the title",)
