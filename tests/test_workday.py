"""Workday: URL recognition, list pages, details, relative dates (pure, on recorded shapes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.errors import ParseError
from bot.sources.contract import Context, Request, Response
from bot.sources.workday import Workday
from bot.sources.workday_data import posted_on

FIXTURES = Path(__file__).parent / "fixtures"
API = "https://acmedairy.wd3.myworkdayjobs.com/wday/cxs/acmedairy/Acme_Careers"
DATE = "Tue, 10 Mar 2026 15:30:00 GMT"
SOURCE = Workday()


def answer(request: Request, fixture: str, date: str | None = DATE) -> Response:
    body = (FIXTURES / fixture).read_bytes()
    return Response(
        request=request, url=request.url, body=body, content_type="application/json", date=date
    )


def first_page(known: frozenset[str] = frozenset(), date: str | None = DATE):
    ctx = Context(board="Acme", url=f"{API}/jobs", known=known)
    [start] = SOURCE.start(ctx)
    return SOURCE.parse(answer(start, "workday_jobs_p1.json", date), ctx), start


@pytest.mark.parametrize(
    ("url", "endpoint"),
    [
        ("https://acmedairy.wd3.myworkdayjobs.com/en-US/Acme_Careers", f"{API}/jobs"),
        ("https://acmedairy.wd3.myworkdayjobs.com/Acme_Careers", f"{API}/jobs"),
        ("acmedairy.wd3.myworkdayjobs.com/fr-CA/Acme_Careers/job/X/Y_JR-1", f"{API}/jobs"),
        (f"{API}/jobs", f"{API}/jobs"),
        ("http://127.0.0.1:8080/wday/cxs/acme/Site/jobs", "http://127.0.0.1:8080/wday/cxs/acme/Site/jobs"),
        (
            "https://wd3.myworkdaysite.com/en-US/recruiting/acmedairy/Acme_Careers",
            "https://wd3.myworkdaysite.com/wday/cxs/acmedairy/Acme_Careers/jobs",
        ),
        ("https://acmedairy.wd3.myworkdayjobs.com/", None),
        ("https://acmedairy.wd3.myworkdayjobs.com/wday/x", None),
        ("https://jobs.lever.co/acme", None),
    ],
)  # fmt: skip
def test_endpoint_recognises_public_and_api_urls(url: str, endpoint: str | None) -> None:
    assert SOURCE.endpoint(url) == endpoint


def test_start_is_one_post_of_the_first_page() -> None:
    [start] = SOURCE.start(Context(url=f"{API}/jobs"))
    assert (start.method, start.url) == ("POST", f"{API}/jobs")
    assert start.json == {"appliedFacets": {}, "limit": 20, "offset": 0, "searchText": ""}


def test_list_page_gives_every_posting_partial_with_ids_urls_and_locations() -> None:
    page, _ = first_page()
    by_id = {p.external_id: p for p in page.postings}
    assert list(by_id) == ["JR-101", "JR-145", "JR-77", "JR-120-1", "JR-130"]
    assert all(p.partial and p.description_html is None for p in page.postings)
    assert by_id["JR-101"].url == (
        "https://acmedairy.wd3.myworkdayjobs.com/Acme_Careers/job/Springfield-IL/Cheese-Maker_JR-101"
    )
    assert by_id["JR-101"].location == "Springfield, IL"
    assert by_id["JR-77"].location is None, "no locationsText: no location, still kept"
    assert by_id["JR-120-1"].location is None, "'2 Locations' is a count, not a place"
    assert by_id["JR-130"].title == "Técnico de laboratorio"


def test_reposts_with_the_same_title_and_place_stay_two_postings() -> None:
    page, _ = first_page()
    makers = [p for p in page.postings if p.title == "Cheese Maker"]
    assert [p.external_id for p in makers] == ["JR-101", "JR-145"]


def test_relative_dates_count_back_from_the_answers_date() -> None:
    page, _ = first_page()
    dates = {p.external_id: p.posted_at for p in page.postings}
    day = datetime(2026, 3, 10, tzinfo=UTC)
    assert dates["JR-101"] == day  # Posted Today
    assert dates["JR-145"] == datetime(2026, 3, 9, tzinfo=UTC)  # Yesterday
    assert dates["JR-120-1"] == datetime(2026, 3, 7, tzinfo=UTC)  # 3 Days Ago
    assert dates["JR-77"] == datetime(2026, 2, 8, tzinfo=UTC)  # 30+: 30 days, at the latest
    assert dates["JR-130"] is None, "translated wording is unknown, not guessed"


def test_without_a_date_header_relative_dates_are_unknown() -> None:
    page, _ = first_page(date=None)
    assert all(p.posted_at is None for p in page.postings)


@pytest.mark.parametrize(
    ("label", "days"),
    [("Posted Today", 0), ("posted  yesterday", 1), ("Posted 1 Day Ago", 1),
     ("Posted 29 Days Ago", 29), ("Posted 30+ Days Ago", 30), ("Posted soon", None), (None, None)],
)  # fmt: skip
def test_posted_on(label: object, days: int | None) -> None:
    now = datetime(2026, 3, 10, 23, 59, tzinfo=UTC)
    got = posted_on(label, now)
    day = datetime(2026, 3, 10, tzinfo=UTC)
    assert got == (None if days is None else day - timedelta(days=days))


def test_first_page_asks_later_pages_and_details_only_of_new_postings() -> None:
    page, _ = first_page(known=frozenset({"JR-101", "JR-77"}))
    details = [r for r in page.follow if r.detail_of]
    assert {r.detail_of for r in details} == {"JR-145", "JR-120-1", "JR-130"}
    assert f"{API}/job/Springfield-IL/Cheese-Maker_JR-145" in {r.url for r in details}
    assert all(r.method == "GET" for r in details)
    pages = [r for r in page.follow if not r.detail_of]
    assert [(r.method, r.json["offset"]) for r in pages] == [("POST", 20)]  # total 23


def test_a_later_page_asks_no_more_pages_even_when_its_total_is_zero() -> None:
    _, start = first_page()
    second = Request(start.url, "POST", json={**start.json, "offset": 20})
    page = SOURCE.parse(answer(second, "workday_jobs_p2.json"), Context(url=start.url))
    assert [p.external_id for p in page.postings] == ["JR-150"]
    assert [r.detail_of for r in page.follow] == ["JR-150"]


def test_pages_stop_at_the_2000_workday_serves() -> None:
    ctx = Context(url=f"{API}/jobs", known=frozenset({"JR-101", "JR-145", "JR-77", "JR-120-1"}))
    [start] = SOURCE.start(ctx)
    body = (FIXTURES / "workday_jobs_p1.json").read_text().replace('"total": 23', '"total": 9000')
    response = Response(request=start, url=start.url, body=body.encode(), date=DATE)
    offsets = [r.json["offset"] for r in SOURCE.parse(response, ctx).follow if not r.detail_of]
    assert offsets == list(range(20, 2000, 20))


def test_detail_gives_description_start_date_places_and_keeps_the_list_id() -> None:
    request = Request(f"{API}/job/Springfield-IL/Cheese-Maker_JR-145", detail_of="JR-145")
    [posting] = SOURCE.parse(answer(request, "workday_detail.json"), Context()).postings
    assert posting.external_id == "JR-145" and not posting.partial
    assert posting.title == "Cheese Maker"
    assert "Make cheese" in (posting.description_html or "")
    assert str(posting.posted_at) == "2026-03-09"
    assert posting.locations == ("Springfield, IL", "Shelbyville, IL")
    assert (posting.workplace, posting.employment_type) == ("Hybrid", "Full time")
    assert posting.company is None, "hiringOrganization is a legal entity: the board names it"
    assert posting.url.endswith("/Acme_Careers/job/Springfield-IL/Cheese-Maker_JR-145")


def test_an_html_answer_is_a_clear_parse_error() -> None:
    request = Request(f"{API}/jobs", "POST", json={"offset": 0})
    response = Response(request=request, url=request.url, body=b"<html>Access denied</html>",
                        content_type="text/html")  # fmt: skip
    with pytest.raises(ParseError, match=r"expected a Workday CXS answer.*HTML"):
        SOURCE.parse(response, Context())
