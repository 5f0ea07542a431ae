"""Workday: URL recognition, the start request, relative dates, the page cap, errors (pure).
What its list pages and details read is in the golden cases (tests/fixtures/sources/workday)."""

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


def test_pages_stop_at_the_2000_workday_serves() -> None:
    ctx = Context(url=f"{API}/jobs", known=frozenset({"JR-101", "JR-145", "JR-77", "JR-120-1"}))
    [start] = SOURCE.start(ctx)
    body = (
        (FIXTURES / "sources/workday/jobs_p1.json")
        .read_text()
        .replace('"total": 23', '"total": 9000')
    )
    response = Response(request=start, url=start.url, body=body.encode(), date=DATE)
    offsets = [r.json["offset"] for r in SOURCE.parse(response, ctx).follow if not r.detail_of]
    assert offsets == list(range(20, 2000, 20))


def test_an_html_answer_is_a_clear_parse_error() -> None:
    request = Request(f"{API}/jobs", "POST", json={"offset": 0})
    response = Response(request=request, url=request.url, body=b"<html>Access denied</html>",
                        content_type="text/html")  # fmt: skip
    with pytest.raises(ParseError, match=r"expected a Workday CXS answer.*HTML"):
        SOURCE.parse(response, Context())
