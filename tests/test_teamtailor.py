"""Teamtailor: URL recognition, feed paging, errors (pure); what the feed with its tt: locations
and a custom domain's page read is in the golden cases (tests/fixtures/sources/teamtailor)."""

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


def test_a_feed_description_is_decoded_once_and_stays_html() -> None:
    """The rest of what the feed gives is in the golden case teamtailor/jobs."""
    body = (FIXTURES / "sources/teamtailor/jobs.rss").read_bytes()
    first, _second = SOURCE.parse(answer(FEED, body), Context(url=FEED)).postings
    assert "&amp;" in (first.description_html or "")


def test_a_full_feed_page_asks_for_the_next() -> None:
    item = (
        (FIXTURES / "sources/teamtailor/jobs.rss")
        .read_text()
        .split("<item>")[1]
        .split("</item>")[0]
    )
    items = "".join(f"<item>{item.replace('5551234', str(n))}</item>" for n in range(100))
    body = f'<?xml version="1.0"?><rss xmlns:tt="https://teamtailor.com/locations"><channel><title>H</title>{items}</channel></rss>'
    page = SOURCE.parse(answer(FEED, body.encode()), Context(url=FEED))
    assert len(page.postings) == 100
    assert [r.url for r in page.follow] == [f"{FEED}?offset=100&per_page=100"]
    later = SOURCE.parse(answer(page.follow[0].url, body.encode()), Context(url=FEED))
    assert [r.url for r in later.follow] == [f"{FEED}?offset=200&per_page=100"]


def test_a_page_without_a_feed_is_a_clear_error() -> None:
    response = answer(
        "https://hooli.example/", b"<!doctype html><html><p>Hi</p></html>", "text/html"
    )
    with pytest.raises(ParseError, match="RSS alternate link"):
        SOURCE.parse(response, Context())
