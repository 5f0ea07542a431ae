"""BambooHR: URL recognition, the careers list and an opening's detail (pure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ParseError
from bot.sources.bamboohr import BambooHR
from bot.sources.contract import Context, Request, Response

FIXTURES = Path(__file__).parent / "fixtures"
LIST = "https://globexcoffee.bamboohr.com/careers/list"
SOURCE = BambooHR()


def answer(request: Request, fixture: str) -> Response:
    body = (FIXTURES / fixture).read_bytes()
    return Response(request=request, url=request.url, body=body, content_type="application/json")


@pytest.mark.parametrize(
    ("url", "endpoint"),
    [
        ("https://globexcoffee.bamboohr.com/careers", LIST),
        ("globexcoffee.bamboohr.com/careers/9", LIST),
        ("https://GlobexCoffee.bamboohr.com/jobs/", LIST),
        ("https://www.bamboohr.com/careers", None),
        ("https://bamboohr.com.evil.example/careers", None),
    ],
)
def test_endpoint(url: str, endpoint: str | None) -> None:
    assert SOURCE.endpoint(url) == endpoint


def test_list_gives_partial_postings_with_places_and_details_for_new_ones() -> None:
    ctx = Context(url=LIST, known=frozenset({"7"}))
    page = SOURCE.parse(answer(Request(LIST), "bamboohr_list.json"), ctx)
    by_id = {p.external_id: p for p in page.postings}
    assert list(by_id) == ["7", "9", "12"], "a numeric id is read as a string"
    assert all(p.partial for p in page.postings)
    assert by_id["7"].title == "Barista"
    assert by_id["7"].url == "https://globexcoffee.bamboohr.com/careers/7"
    assert by_id["7"].location == "Portland, Oregon"
    assert by_id["9"].location == "Montreal, Quebec, Canada", "atsLocation when location is null"
    assert by_id["12"].location is None
    assert [by_id[i].workplace for i in ("7", "9", "12")] == [None, "hybrid", "remote"]
    assert (by_id["12"].employment_type, by_id["12"].department) == ("Contractor", "IT")
    assert [(r.url, r.detail_of) for r in page.follow] == [
        ("https://globexcoffee.bamboohr.com/careers/9/detail", "9"),
        ("https://globexcoffee.bamboohr.com/careers/12/detail", "12"),
    ]


def test_detail_gives_date_and_description() -> None:
    request = Request("https://globexcoffee.bamboohr.com/careers/9/detail", detail_of="9")
    [posting] = SOURCE.parse(answer(request, "bamboohr_detail.json"), Context(url=LIST)).postings
    assert (posting.external_id, posting.title, posting.partial) == ("9", "Roaster", False)
    assert posting.posted_at == "2026-02-20"
    assert "Roast" in (posting.description_html or "")
    assert posting.location == "Montreal, Quebec, Canada"
    assert posting.url == "https://globexcoffee.bamboohr.com/careers/9"


def test_the_marketing_site_an_unknown_company_lands_on_is_a_clear_error() -> None:
    response = Response(request=Request(LIST), url="https://www.bamboohr.com/",
                        body=b"<!DOCTYPE html><html>BambooHR</html>", content_type="text/html")  # fmt: skip
    with pytest.raises(ParseError, match=r"expected a BambooHR careers answer.*HTML"):
        SOURCE.parse(response, Context(url=LIST))
