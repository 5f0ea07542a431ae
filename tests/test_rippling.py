"""Rippling: URL recognition, list pages and a job's detail (pure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ParseError
from bot.sources.contract import Context, Request, Response
from bot.sources.rippling import Rippling

FIXTURES = Path(__file__).parent / "fixtures"
API = "https://ats.rippling.com/api/v2/board/initech/jobs"
A = "1b6c0a9e-0000-4000-8000-00000000000a"
B = "2c7d1b0f-0000-4000-8000-00000000000b"
SOURCE = Rippling()


def answer(request: Request, fixture: str) -> Response:
    body = (FIXTURES / fixture).read_bytes()
    return Response(request=request, url=request.url, body=body, content_type="application/json")


@pytest.mark.parametrize(
    ("url", "endpoint"),
    [
        ("https://ats.rippling.com/initech/jobs", API),
        ("ats.rippling.com/initech/jobs/" + A, API),
        ("https://ats.rippling.com/en-GB/initech/jobs", API),
        (API, API),
        ("https://ats.rippling.com/internal/x", None),
        ("https://www.rippling.com/careers", None),
    ],
)
def test_endpoint(url: str, endpoint: str | None) -> None:
    assert SOURCE.endpoint(url) == endpoint


def test_first_page_gives_partial_postings_the_next_pages_and_new_details() -> None:
    page = SOURCE.parse(answer(Request(API), "rippling_jobs_p0.json"),
                        Context(url=API, known=frozenset({A})))  # fmt: skip
    by_id = {p.external_id: p for p in page.postings}
    assert list(by_id) == [A, B] and all(p.partial for p in page.postings)
    assert by_id[A].locations == ("Remote (United States)",)
    assert (by_id[A].workplace, by_id[B].workplace) == ("REMOTE", "ON_SITE")
    assert by_id[B].url == f"https://ats.rippling.com/initech/jobs/{B}"
    assert [(r.url, r.detail_of) for r in page.follow] == [
        (f"{API}/{B}", B),
        (f"{API}?page=1", None),
    ]


def test_a_later_page_asks_no_pages() -> None:
    page = SOURCE.parse(answer(Request(f"{API}?page=1"), "rippling_jobs_p1.json"), Context(url=API))
    assert [r.detail_of for r in page.follow] == ["3d8e2c10-0000-4000-8000-00000000000c"]


def test_detail_gives_company_date_description_and_the_readable_employment_type() -> None:
    request = Request(f"{API}/{B}", detail_of=B)
    [posting] = SOURCE.parse(answer(request, "rippling_detail.json"), Context(url=API)).postings
    assert (posting.external_id, posting.partial, posting.company) == (B, False, "Initech")
    assert posting.posted_at == "2026-01-05T09:30:00.123456-06:00"
    html = posting.description_html or ""
    assert html.index("TPS reports") < html.index("Initech makes"), "the role first"
    assert posting.employment_type == "Salaried, full-time"
    assert (posting.locations, posting.department) == (("Austin, TX",), "Reporting")


def test_an_error_object_is_a_clear_parse_error() -> None:
    response = Response(request=Request(API), url=API, body=b'{"detail":"Not found."}')
    with pytest.raises(ParseError, match="expected a Rippling board answer"):
        SOURCE.parse(response, Context(url=API))
