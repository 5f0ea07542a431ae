"""An alert or a search that finds nothing names the part that holds it back, with the
command without it (`bot.telegram.tips.closest`), over a real store and the real handlers."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from bot import normalize
from bot.query import Query, parse
from bot.store import Stores
from bot.syntax import Word, format_node
from bot.telegram.handlers import Handlers
from bot.telegram.tips import closest
from bot.transport import Press
from bot.view import stored_query
from tests.alerting import INFO, JOBS, USER, raw, say, world_handlers


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


async def test_an_alert_that_matches_nothing_names_the_part_that_holds_it_back(handlers) -> None:
    """Two jobs of the week are Rust jobs in Berlin, none says fintech: the reply says so,
    with the /edit that leaves fintech out, and that edit finds them."""
    reply = await say(handlers, "/alert rust fintech berlin")
    assert reply.endswith(
        "No open job posted in the last 7 days matches it yet; I'll tell you when one appears.\n"
        "One part less finds some (jobs of the last 7 days):\n"
        "• without <b>fintech</b>: 2 jobs, <code>/edit 1 rust berlin</code>"
    ), reply
    edited = await say(handlers, "/edit 1 rust berlin")
    assert "It matches 2 open jobs posted in the last 7 days" in edited, edited
    assert "One part less" not in edited, "an alert that matches gets no such lines"


async def test_the_alerts_last_7_days_button_names_the_part_too(handlers) -> None:
    """/alerts' button that shows an alert's week says the same as /alert did."""
    await say(handlers, "/alert rust fintech berlin")
    answer = await handlers.presses(Press(USER, 7, "a:b:1:0"))
    assert answer.edit is not None
    assert answer.edit.html == (
        "🔎 Alert #1 <b>rust fintech berlin</b>: no open job posted in the last 7 days matches it.\n"
        "One part less finds some (jobs of the last 7 days):\n"
        "• without <b>fintech</b>: 2 jobs, <code>/edit 1 rust berlin</code>"
    ), answer.edit.html


async def test_a_search_that_finds_nothing_ranks_the_parts_that_hold_it_back(handlers) -> None:
    """Without "intern", two stored jobs match; without "engineer", one; without "berlin",
    none: the two are named, the one that finds more first."""
    reply = await say(handlers, "/search engineer berlin intern")
    assert reply == (
        "No stored job matches <b>engineer berlin intern</b>.\n"
        "One part less finds some (stored jobs):\n"
        "• without <b>intern</b>: 2 jobs, <code>/search engineer berlin</code>\n"
        "• without <b>engineer</b>: 1 job, <code>/search berlin intern</code>"
    ), reply


async def test_nothing_is_named_when_no_part_alone_holds_it_back(handlers) -> None:
    """One word, an exclusion that would be left alone, or parts each of which still finds
    nothing without it: the reply is the plain "no job"."""
    for search in ("/search cobol", "/search cobol -java", "/search cobol fortran berlin"):
        reply = await say(handlers, search)
        assert reply.startswith("No stored job matches"), reply
        assert "One part less" not in reply, search


async def test_salary_is_left_to_the_tip_that_takes_jobs_stating_none(handlers, store, now) -> None:
    """Most jobs state no salary: when the tip that takes them too is given, leaving the
    salary out is not offered a second time; when it is not, it is."""
    listed = [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(1, len(JOBS) + 1)]
    paid = dataclasses.replace(
        raw(9, "Rust Engineer", "Berlin", "Rust."), salary_min=120_000, salary_currency="EUR"
    )
    store.postings.record("Acme", [*listed, normalize.posting(paid, INFO)], now)
    unsaid = await say(handlers, "/alert javascript lisbon salary:>=200k")
    assert "Tip: salary:&gt;=200k leaves out the jobs that state no salary" in unsaid, unsaid
    assert "One part less" not in unsaid, unsaid
    reply = await say(handlers, "/alert rust fintech salary:>=100k")
    assert "leaves out the jobs that state no salary" not in reply, "none would match the rest"
    assert reply.endswith(
        "• without <b>fintech</b>: 1 job, <code>/edit 2 rust salary:&gt;=100k</code>"
    ), reply


def test_the_parts_share_a_bound_and_a_count_that_reached_it_says_there_may_be_more() -> None:
    """The parts left out share `closest.SCAN` jobs to read (at most `MOST_PARTS` parts are
    tried); a count that stopped at its bound shows "300+"."""
    asked: list[tuple[str, int]] = []

    def count(rest: Query, bound: int) -> tuple[int, bool]:
        asked.append((rest.normalized, bound))
        return (bound, True) if rest.normalized == "rust" else (0, False)

    found = closest.misses(parse("rust fintech berlin").root, count)
    assert asked == [("rust berlin", 300), ("rust fintech", 300)], "rust is never left out"
    found = closest.misses(parse("fintech rust").root, count)
    assert [(m.part, m.rest.normalized) for m in found] == [(Word("fintech"), "rust")]
    assert closest.tip(found, "/search", "stored jobs") == (
        "\nOne part less finds some (stored jobs):\n"
        "• without <b>fintech</b>: 600+ jobs, <code>/search rust</code>"
    )
    asked.clear()
    closest.misses(parse("a1 b2 c3 d4 e5 f6 g7 h8 i9 j10").root, count)
    assert [bound for _, bound in asked] == [75] * closest.MOST_PARTS
    assert asked[0][0] == "b2 c3 d4 e5 f6 g7 h8 i9 j10", "the first eight parts are tried"


def test_only_the_parts_of_a_top_level_and_are_left_out() -> None:
    """An OR, a field or a single word is one part: nothing to leave out. Exclusions may go,
    but not so as to leave only exclusions, nor only filters ("-java salary:>=100k")."""
    for text in ("rust OR go", "title:(senior rust)", "rust"):
        assert closest.without_each(parse(text).root) == [], text
    parts = closest.without_each(parse("backend -java salary:>=100k").root)
    assert [(format_node(p), q.normalized) for p, q in parts] == [
        ("-java", "backend salary:>=100k"),
        ("salary:>=100k", "backend -java"),
    ]
    alone = closest.without_each(parse("backend -java").root)
    assert [(format_node(p), q.normalized) for p, q in alone] == [("-java", "backend")]
    no_amounts = closest.without_each(parse("backend -java salary:>=100k").root, amounts=False)
    assert [q.normalized for _, q in no_amounts] == ["backend salary:>=100k"]


def test_a_tech_asked_for_is_left_out_only_where_another_stays() -> None:
    """ "(rust OR go) remote:yes": any remote job is no offer to a Rust or Go engineer; in
    "rust kubernetes fintech", either tech may go, as Rust or Kubernetes stays."""
    parts = closest.without_each(parse("(rust OR go) remote:yes salary:>=90k").root)
    assert [format_node(p) for p, _ in parts] == ["remote:yes", "salary:>=90k"]
    assert [format_node(p) for p, _ in closest.without_each(parse("title:rust berlin").root)] == [
        "berlin"
    ]
    parts = closest.without_each(parse("rust kubernetes fintech").root)
    assert [format_node(p) for p, _ in parts] == ["rust", "kubernetes", "fintech"]


def test_an_alert_past_the_default_limits_is_still_taken_apart() -> None:
    """An operator may allow longer alerts than the parser's defaults (20 terms): the query
    without a part is within the limits the whole alert met."""
    long = stored_query(" ".join(f"w{i}" for i in range(22)))
    parts = closest.without_each(long.root)
    assert len(parts) == closest.MOST_PARTS
    assert parts[0][1].normalized == " ".join(f"w{i}" for i in range(1, 22))
