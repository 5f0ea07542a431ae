"""Keyword alerts: whole words, any case, every word; one delivery per user and job."""

from __future__ import annotations

import pytest

from bot import match
from bot.errors import QueryError
from bot.models import Alert, Posting


def job(
    title: str, description: str = "", company: str = "Acme", location: str = "Berlin"
) -> Posting:
    return Posting("b:1", "b", "1", title, company, location, "https://e.com/1", description)


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
    hits = match.Matcher([Alert(1, 7, query)]).match(posting)
    assert bool(hits) is expected, "the index agrees with the reference evaluator"


@pytest.mark.parametrize("query", ["", "   ", "!!! ???"])
def test_empty_query_is_refused(query: str) -> None:
    with pytest.raises(QueryError, match="at least one word"):
        match.parse_query(query)


def test_long_query_is_refused() -> None:
    with pytest.raises(QueryError, match="limit is 20"):
        match.parse_query("rust " * 10, max_length=20)


def test_route_sends_one_delivery_per_user_naming_every_alert() -> None:
    alerts = [
        Alert(1, 7, "rust"),
        Alert(2, 7, "backend"),
        Alert(3, 8, "rust"),
        Alert(4, 9, "scala"),
    ]
    deliveries = match.route([job("Backend Engineer (Rust)")], alerts)
    assert sorted((d.chat_id, d.alert_ids) for d in deliveries) == [(7, (1, 2)), (8, (3,))]
