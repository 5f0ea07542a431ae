"""Teamtailor: URL recognition, the RSS feed with tt: locations, a custom domain's page (pure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ParseError
from bot.sources.contract import Context, Request, Response
from bot.sources.teamtailor import Teamtailor

FIXTURES = Path(__file__).parent / "fixtures"
FEED = "https://hooli.teamtailor.com/jobs.rss"
SOURCE = Teamtailor()


def answer(url: str, body: bytes, ctype: str = "application/rss+xml") -> Response:
    return Response(request=Request(url), url=url, body=body, content_type=ctype)


@pytest.mark.parametrize(
    ("url", "endpoint"),
    [
        ("https://hooli.teamtailor.com/jobs", FEED),
        ("hooli.teamtailor.com", FEED),
        (
            "https://hooli.na.teamtailor.com/jobs/5551234-x",
            "https://hooli.na.teamtailor.com/jobs.rss",
        ),
        ("https://www.teamtailor.com/en/", None),
        ("https://careers.hooli.example/jobs", None),
    ],
)
def test_endpoint(url: str, endpoint: str | None) -> None:
    assert SOURCE.endpoint(url) == endpoint


def test_feed_items_with_their_places_department_workplace_and_company() -> None:
    body = (FIXTURES / "teamtailor_jobs.rss").read_bytes()
    page = SOURCE.parse(answer(FEED, body), Context(url=FEED))
    first, second = page.postings
    assert (first.external_id, first.title, first.company) == (
        "5551234",
        "Compression Engineer",
        "Hooli",
    )
    assert first.locations == ("Palo Alto, United States", "Stockholm, Sweden")
    assert (first.workplace, first.department) == ("remote", "Engineering")
    assert first.posted_at == "Mon, 02 Mar 2026 08:58:57 +0100"
    assert "&amp;" in (first.description_html or ""), "decoded once: still HTML"
    assert first.url == "https://hooli.teamtailor.com/jobs/5551234-compression-engineer"
    assert (second.workplace, second.locations) == (None, ("Remote office",))
    assert page.follow == []


def test_a_full_feed_page_asks_for_the_next() -> None:
    item = (FIXTURES / "teamtailor_jobs.rss").read_text().split("<item>")[1].split("</item>")[0]
    items = "".join(f"<item>{item.replace('5551234', str(n))}</item>" for n in range(100))
    body = f'<?xml version="1.0"?><rss xmlns:tt="https://teamtailor.com/locations"><channel><title>H</title>{items}</channel></rss>'
    page = SOURCE.parse(answer(FEED, body.encode()), Context(url=FEED))
    assert len(page.postings) == 100
    assert [r.url for r in page.follow] == [f"{FEED}?offset=100&per_page=100"]
    later = SOURCE.parse(answer(page.follow[0].url, body.encode()), Context(url=FEED))
    assert [r.url for r in later.follow] == [f"{FEED}?offset=200&per_page=100"]


def test_a_custom_domain_page_leads_to_its_job_feed_not_its_blog() -> None:
    body = (FIXTURES / "teamtailor_page.html").read_bytes()
    page = SOURCE.parse(answer("https://careers.hooli.example/", body, "text/html"), Context())
    assert page.postings == ()
    assert [(r.url, r.detail_of) for r in page.follow] == [
        ("https://careers.hooli.example/jobs.rss", None)
    ]


def test_a_page_without_a_feed_is_a_clear_error() -> None:
    response = answer(
        "https://hooli.example/", b"<!doctype html><html><p>Hi</p></html>", "text/html"
    )
    with pytest.raises(ParseError, match="RSS alternate link"):
        SOURCE.parse(response, Context())
