"""The matcher: reference evaluator, index, search and routing agree; one delivery per user."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from bot import index, match
from bot.index import Matcher
from bot.models import Alert, Posting
from bot.plan import posting_keys
from bot.view import view
from tests import cputime


def job(
    title: str,
    description: str = "",
    company: str = "Acme",
    location: str = "Berlin",
    key: str = "b:1",
    **kw: object,
) -> Posting:
    return Posting(
        key, "b", key, title, company, location, f"https://e.com/{key}", description, **kw
    )


@pytest.mark.parametrize(
    ("query", "posting", "expected"),
    [
        pytest.param("rust", job("Senior Rust Engineer"), True, id="word-in-title"),
        pytest.param("RUST", job("senior rust engineer"), True, id="any-case"),
        pytest.param("rust", job("Trust & Safety Analyst"), False, id="not-inside-a-word"),
        pytest.param(
            "rust backend", job("Backend Engineer", "We use Rust."), True, id="all-words-anywhere"
        ),
        pytest.param(
            "rust backend", job("Backend Engineer", "We use Go."), False, id="one-word-missing"
        ),
        pytest.param("berlin", job("Engineer", location="Berlin, Germany"), True, id="location"),
        pytest.param("acme", job("Engineer"), True, id="company"),
        pytest.param("zurich", job("Engineer", location="Zürich"), True, id="accent-folded"),
        pytest.param("java", job("JavaScript Developer"), False, id="java-not-javascript"),
    ],
)
def test_matches(query: str, posting: Posting, expected: bool) -> None:
    assert match.matches(query, posting) is expected
    hits = Matcher([Alert(1, 7, query)]).match(posting)
    assert bool(hits) is expected, "the index agrees with the reference evaluator"


def test_route_sends_one_delivery_per_user_naming_every_alert() -> None:
    alerts = [
        Alert(2, 7, "backend"),
        Alert(1, 7, "rust"),
        Alert(3, 8, "rust"),
        Alert(4, 9, "scala"),
        Alert(5, 7, "title:rust OR engineer"),
    ]
    deliveries = match.deliveries(match.route([job("Backend Engineer (Rust)")], alerts))
    assert sorted((d.chat_id, d.alert_ids) for d in deliveries) == [(7, (1, 2, 5)), (8, (3,))]


def test_route_takes_a_compiled_matcher_built_from_any_iterable() -> None:
    matcher = Matcher(Alert(i, i, q) for i, q in enumerate(["rust", "go"], start=1))
    assert len(matcher) == 2
    routed = match.route([job("Go Engineer", key="b:1"), job("Cook", key="b:2")], matcher)
    deliveries = match.deliveries(routed)
    assert [(d.chat_id, d.posting_key) for d in deliveries] == [(2, "b:1")]


def test_alerts_with_the_same_query_share_an_entry_and_all_match() -> None:
    matcher = Matcher([Alert(1, 7, "Rust  backend"), Alert(2, 8, "rust backend")])
    assert matcher.queries == 1
    assert sorted(a.id for a in matcher.match(job("Backend", "Rust"))) == [1, 2]


def test_an_alert_matching_two_ways_is_returned_once() -> None:
    matcher = Matcher([Alert(1, 7, "rust OR backend OR title:engineer")])
    assert matcher.match(job("Backend Engineer", "Rust")) == [
        Alert(1, 7, "rust OR backend OR title:engineer")
    ]


def test_add_and_remove_keep_the_index_current() -> None:
    matcher = Matcher([Alert(1, 7, "rust")])
    assert matcher.add(Alert(2, 8, "go"))
    assert [a.id for a in matcher.match(job("Go Engineer"))] == [2]
    assert matcher.remove(2) and not matcher.remove(2)
    assert matcher.match(job("Go Engineer")) == []
    assert matcher.add(Alert(1, 7, "go")), "re-adding an id replaces its query"
    assert [a.id for a in matcher.match(job("Go Engineer"))] == [1]
    assert matcher.match(job("Rust Engineer")) == []


def test_sync_makes_the_index_hold_exactly_the_given_alerts() -> None:
    matcher = Matcher([Alert(1, 7, "rust"), Alert(2, 8, "go"), Alert(3, 9, "go")])
    matcher.sync([Alert(2, 8, "rust"), Alert(3, 9, "go"), Alert(4, 7, "go")])
    assert len(matcher) == 3
    assert sorted(a.id for a in matcher.match(job("Rust Engineer"))) == [2]
    assert sorted(a.id for a in matcher.match(job("Go Engineer"))) == [3, 4]


def test_a_stored_query_that_no_longer_parses_is_skipped_with_a_warning(caplog) -> None:
    caplog.set_level(logging.WARNING)
    matcher = Matcher([Alert(1, 7, "-java"), Alert(2, 7, "rust")])
    assert len(matcher) == 1
    assert "alert #1" in caplog.text
    assert [a.id for a in matcher.match(job("Rust Engineer"))] == [2]


def test_stored_alerts_are_not_held_to_todays_length_limit() -> None:
    long_query = " OR ".join(f"word{i}" for i in range(100)) + " OR rust"
    assert [a.id for a in Matcher([Alert(1, 7, long_query)]).match(job("Rust"))] == [1]


def test_search_keeps_order_and_stops_at_the_limit() -> None:
    postings = [job(f"Rust Engineer {i}", key=f"b:{i}") for i in range(10)]
    postings.insert(3, job("Zürich Cook", key="b:z"))
    assert [p.key for p in match.search("rust", postings, limit=3)] == ["b:0", "b:1", "b:2"]
    assert len(match.search("rust", postings)) == 10
    assert [p.key for p in match.search("zurich", postings)] == ["b:z"]
    assert [p.key for p in match.search("title:cook", postings)] == ["b:z"]


def test_attribute_only_alerts_are_indexed_by_the_attribute() -> None:
    matcher = Matcher([Alert(1, 7, "remote:yes"), Alert(2, 7, "type:internship")])
    assert [a.id for a in matcher.match(job("Cook", workplace="remote"))] == [1]
    assert [a.id for a in matcher.match(job("Cook", employment_type="intern"))] == [2]
    assert matcher.match(job("Cook")) == []


def test_a_posting_is_read_for_the_attributes_an_alert_looks_up_and_no_others() -> None:
    """visa: and lang: cost more than a lookup: an index none of whose alerts names them
    reads neither; one added later is matched from then on, as is an exclusion."""
    sponsor = job("Rust Engineer", description="Rust. We sponsor visas.")
    v = view(sponsor)
    assert "visa:yes" in posting_keys(v) and "visa:yes" not in posting_keys(v, attrs={"remote"})
    looked_up = ("visa:", "lang:", "remote:", "type:", "salary:none")
    assert not [k for k in posting_keys(v, attrs=set()) if k.startswith(looked_up)]
    matcher = Matcher([Alert(1, 7, "rust remote:yes")])
    assert matcher.match(sponsor) == []
    assert matcher.add(Alert(2, 8, "rust visa:yes")) and matcher.add(Alert(3, 9, "rust -visa:yes"))
    assert [a.id for a in matcher.match(sponsor)] == [2]
    assert [a.id for a in matcher.match(job("Rust Engineer"))] == [3]


def test_the_view_is_built_once_per_posting(monkeypatch) -> None:
    calls = []
    real = index.view
    monkeypatch.setattr(index, "view", lambda p: calls.append(p) or real(p))
    matcher = Matcher(Alert(i, i, q) for i, q in enumerate(["rust", '"rust dev"', "rus*"]))
    matcher.match(job("Rust dev"))
    assert len(calls) == 1


def test_no_query_stalls_on_a_long_repetitive_posting() -> None:
    """Phrases of one repeated word over a text of that word cost what ordinary text of the
    same size costs (a backtracking phrase match would be quadratic)."""
    posting = job("Engineer", "a " * 200_000 + "b")
    words = [
        f"{w}{i % 97}"
        for i, w in enumerate(["rust", "go", "scala", "backend", "api", "remote"] * 9)
    ]
    ordinary = job("Engineer", (" ".join(words) + " ") * (len(posting.description) // 400 + 1))
    queries = ['"' + "a " * 30 + 'c"', "engineer* -b", '"a a a a b" OR title:"a a b"', "a -(a a)"]
    matcher = Matcher(Alert(i, i, q) for i, q in enumerate(queries))
    assert sorted(a.id for a in matcher.match(posting)) == [2]

    def matching(p: Posting) -> Callable[[], object]:
        return lambda: Matcher(Alert(i, i, q) for i, q in enumerate(queries)).match(p)

    assert cputime.ratio(matching(posting), matching(ordinary)) < 20


def test_every_synonym_group_is_in_the_help_and_the_alert_reference() -> None:
    """/help alert and docs/alerts.md (the alert language's reference) name every synonym."""
    from bot.synonyms import GROUPS
    from bot.telegram.help import LANGUAGE_NOTES

    docs = Path(__file__).resolve().parents[1] / "docs"
    reference = (docs / "alerts.md").read_text(encoding="utf-8")
    for group in GROUPS:
        assert " = ".join(group) in LANGUAGE_NOTES
        assert all(f"`{name}`" in reference or f'"{name}"' in reference for name in group), group
