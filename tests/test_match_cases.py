"""Table-driven: every case of fixtures/match_cases.toml, through all three evaluators."""

from __future__ import annotations

import tomllib

import pytest

from bot import match
from bot.index import Matcher
from bot.models import Alert, Posting
from bot.view import compile_query, view
from tests.conftest import FIXTURES

CASES = tomllib.loads((FIXTURES / "match_cases.toml").read_text(encoding="utf-8"))["cases"]
FIELDS = {"id", "q", "title", "desc", "company", "location", "board", "workplace", "type", "salary"}
FIELDS |= {"expect"}


def posting(case: dict) -> Posting:
    salary = case.get("salary", {})
    return Posting(
        key="t:1",
        board=case.get("board", "acme"),
        external_id="1",
        title=case.get("title", ""),
        company=case.get("company", "Acme"),
        location=case.get("location", "Berlin"),
        url="https://example.com/1",
        description=case.get("desc", ""),
        workplace=case.get("workplace"),
        employment_type=case.get("type"),
        salary_min=salary.get("min"),
        salary_max=salary.get("max"),
        salary_currency=salary.get("currency"),
        salary_period=salary.get("period"),
    )


def test_the_table_is_well_formed() -> None:
    assert len(CASES) >= 100
    assert len({c["id"] for c in CASES}) == len(CASES), "ids are unique"
    for case in CASES:
        assert set(case) <= FIELDS, case["id"]
        assert isinstance(case["expect"], bool), case["id"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict) -> None:
    p = posting(case)
    assert match.matches(case["q"], p) is case["expect"], "reference evaluator"
    assert compile_query(case["q"])(view(p)) is case["expect"], "compiled query"
    assert bool(Matcher([Alert(1, 1, case["q"])]).match(p)) is case["expect"], "index"
    assert bool(match.search(case["q"], [p])) is case["expect"], "search"


def test_all_cases_in_one_index() -> None:
    matcher = Matcher(Alert(i, i, c["q"]) for i, c in enumerate(CASES))
    for i, case in enumerate(CASES):
        matched = {a.id for a in matcher.match(posting(case))}
        assert (i in matched) is case["expect"], case["id"]
