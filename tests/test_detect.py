"""`detect(url)`: every URL form a user may paste, as (kind, endpoint); and `detect_remote`,
which fetches a URL nothing recognises and sniffs what it is."""

from __future__ import annotations

import httpx
import pytest

from bot.errors import DetectError
from bot.http import Fetcher
from bot.sources import detect, detect_remote

GH = ("greenhouse", "https://boards-api.greenhouse.io/v1/boards/quillfin/jobs?content=true")
GH_EU = ("greenhouse", "https://boards-api.eu.greenhouse.io/v1/boards/quillfin/jobs?content=true")
LEVER = ("lever", "https://api.lever.co/v0/postings/cloudwalk?mode=json")
LEVER_EU = ("lever", "https://api.eu.lever.co/v0/postings/cloudwalk?mode=json")
ASHBY = (
    "ashby",
    "https://api.ashbyhq.com/posting-api/job-board/kraken.com?includeCompensation=true",
)
ASHBY_SPACE = (
    "ashby",
    "https://api.ashbyhq.com/posting-api/job-board/Kraken%20Digital?includeCompensation=true",
)
WISE = ("smartrecruiters", "https://api.smartrecruiters.com/v1/companies/Wise/postings")
WIX = ("smartrecruiters", "https://api.smartrecruiters.com/v1/companies/Wix2/postings")
WORKABLE = ("workable", "https://apply.workable.com/api/v1/widget/accounts/vellum-pay?details=true")
RECRUITEE = ("recruitee", "https://tallowbank.recruitee.com/api/offers/")
PERSONIO_DE = ("personio", "https://fernpoint.jobs.personio.de/xml?language=en")
PERSONIO_COM = ("personio", "https://fernpoint.jobs.personio.com/xml?language=en")
REMOTIVE = ("remotive", "https://remotive.com/api/remote-jobs")
REMOTEOK = ("remoteok", "https://remoteok.com/api")
WWR = ("rss", "https://weworkremotely.com/remote-jobs.rss")
WWR_CATEGORY = "https://weworkremotely.com/categories/remote-programming-jobs"
HN = ("hn", "https://hn.algolia.com/api/v1/items/48747976")
GETRO_API = ("getro", "https://api.getro.com/api/v2/collections/71234567890/search/jobs")

DETECT = [
    ("gh-boards", "https://boards.greenhouse.io/quillfin", GH),
    ("gh-job-boards", "https://job-boards.greenhouse.io/quillfin", GH),
    ("gh-job-page", "https://job-boards.greenhouse.io/quillfin/jobs/123", GH),
    ("gh-no-scheme", "boards.greenhouse.io/quillfin", GH),
    ("gh-embed", "https://boards.greenhouse.io/embed/job_board?for=quillfin", GH),
    ("gh-api", "https://boards-api.greenhouse.io/v1/boards/quillfin/jobs", GH),
    ("gh-embed-js", "https://boards.greenhouse.io/embed/job_board/js?for=quillfin", GH),
    ("gh-eu", "https://job-boards.eu.greenhouse.io/quillfin", GH_EU),
    ("gh-eu-job-page", "https://job-boards.eu.greenhouse.io/quillfin/jobs/4001", GH_EU),
    ("gh-eu-api", "https://boards-api.eu.greenhouse.io/v1/boards/quillfin/jobs", GH_EU),
    ("lever-jobs", "https://jobs.lever.co/cloudwalk", LEVER),
    ("lever-job-page", "https://jobs.lever.co/cloudwalk/0f3c2a10/apply", LEVER),
    ("lever-eu", "https://jobs.eu.lever.co/cloudwalk", LEVER_EU),
    ("lever-api", "https://api.lever.co/v0/postings/cloudwalk", LEVER),
    ("lever-api-eu", "https://api.eu.lever.co/v0/postings/cloudwalk?mode=json", LEVER_EU),
    ("ashby-board", "https://jobs.ashbyhq.com/kraken.com", ASHBY),
    (
        "ashby-job-page",
        "https://jobs.ashbyhq.com/kraken.com/c0d90cde-1111-2222-3333-444455556666",
        ASHBY,
    ),
    ("ashby-space", "https://jobs.ashbyhq.com/Kraken%20Digital", ASHBY_SPACE),
    ("ashby-api", "https://api.ashbyhq.com/posting-api/job-board/kraken.com", ASHBY),
    ("sr-jobs", "https://jobs.smartrecruiters.com/Wise", WISE),
    ("sr-job-page", "https://jobs.smartrecruiters.com/Wise/744000119316797-senior-engineer", WISE),
    ("sr-careers", "https://careers.smartrecruiters.com/Wix2", WIX),
    ("sr-api", "https://api.smartrecruiters.com/v1/companies/Wise/postings?limit=10", WISE),
    ("workable", "https://apply.workable.com/vellum-pay/", WORKABLE),
    ("workable-job", "https://apply.workable.com/vellum-pay/j/A1B2C3D4E5/", WORKABLE),
    ("workable-subdomain", "https://vellum-pay.workable.com", WORKABLE),
    ("workable-widget", "https://apply.workable.com/api/v1/widget/accounts/vellum-pay", WORKABLE),
    ("recruitee", "https://tallowbank.recruitee.com", RECRUITEE),
    ("recruitee-offer", "https://tallowbank.recruitee.com/o/senior-rust-engineer", RECRUITEE),
    ("personio-de", "https://fernpoint.jobs.personio.de/", PERSONIO_DE),
    ("personio-com", "https://fernpoint.jobs.personio.com/job/2001001", PERSONIO_COM),
    ("remotive", "https://remotive.com", REMOTIVE),
    (
        "remotive-category",
        "https://remotive.com/remote-jobs/software-dev",
        ("remotive", "https://remotive.com/api/remote-jobs?category=software-dev"),
    ),
    ("remoteok", "https://remoteok.com/", REMOTEOK),
    ("remoteok-tag-page", "https://remoteok.com/remote-rust-jobs", REMOTEOK),
    ("remoteok-io", "remoteok.io", REMOTEOK),
    ("wwr-home", "https://weworkremotely.com/", WWR),
    ("sources/rss/wwr.rss", f"{WWR_CATEGORY}.rss", ("rss", f"{WWR_CATEGORY}.rss")),
    ("wwr-category-page", WWR_CATEGORY, ("rss", f"{WWR_CATEGORY}.rss")),
    (
        "rss-suffix",
        "https://jobs.example/openings.rss",
        ("rss", "https://jobs.example/openings.rss"),
    ),
    ("atom-suffix", "https://jobs.example/all.atom", ("rss", "https://jobs.example/all.atom")),
    ("feed-segment", "https://blog.example/feed/", ("rss", "https://blog.example/feed/")),
    ("hn-item", "https://news.ycombinator.com/item?id=48747976", HN),
    ("hn-item-more-params", "https://news.ycombinator.com/item?p=2&id=48747976", HN),
    (
        "hn-latest-thread",
        "https://news.ycombinator.com/submitted?id=whoishiring",
        (
            "hn",
            "https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=20",
        ),
    ),
    ("hn-algolia-item", "https://hn.algolia.com/api/v1/items/48747976", HN),
    (
        "hn-algolia-search",
        "https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_48747976",
        ("hn", "https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_48747976"),
    ),
    ("getro-api", "https://api.getro.com/api/v2/collections/71234567890/search/jobs", GETRO_API),
    ("demo", "demo://fintech?every=8", ("demo", "demo://fintech?every=8")),
]


@pytest.mark.parametrize(("url", "expected"), [d[1:] for d in DETECT], ids=[d[0] for d in DETECT])
def test_detect(url, expected):
    assert detect(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/careers",
        "https://greenhouse.io/",
        "https://www.smartrecruiters.com/",
        "https://www.recruitee.com/pricing",
        "https://apply.workable.com/j/A1B2C3D4E5",  # a short link names no account
        "https://news.ycombinator.com/news",
        "https://jobs.techstars.com/jobs",  # Getro, but only `kind = "getro"` can say so
        "ftp://jobs.example/feed.rss",
        "",
    ],
    ids=[
        "career-page",
        "greenhouse-home",
        "smartrecruiters-home",
        "recruitee-www",
        "workable-short-link",
        "hn-front-page",
        "getro-vanity-domain",
        "ftp",
        "empty",
    ],
)
def test_detect_rejects_other_urls(url):
    with pytest.raises(DetectError, match="set kind"):
        detect(url)


@pytest.mark.parametrize("url", ["http://[::1", "https://[x]/jobs"])
def test_detect_says_a_url_urllib_cannot_read_is_none(url):
    """Was a ValueError ("Invalid IPv6 URL") out of the source that first read it."""
    with pytest.raises(DetectError, match="is not a valid URL"):
        detect(url)


# --- detect_remote ----------------------------------------------------------------------------

JOBPOSTING_PAGE = b"""<!doctype html><html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "JobPosting", "title": "Rust Engineer"}
</script></head><body></body></html>"""
MICRODATA_PAGE = b"""<html><body><div itemscope itemtype="https://schema.org/JobPosting">
<span itemprop="title">Go Engineer</span></div></body></html>"""
GETRO_PAGE = b"""<html><body><img src="https://cdn.getro.com/x.png">
<script id="__NEXT_DATA__" type="application/json">{"props": {}}</script></body></html>"""
LINKED_FEED_PAGE = b"""<html><head>
<link rel="alternate" type="application/rss+xml" title="Jobs" href="/careers/jobs.xml">
</head><body>Careers</body></html>"""
TWO_FEEDS_PAGE = b"""<html><head>
<link rel="alternate" type="application/rss+xml" title="Blog Posts" href="/blog/posts.rss">
<link rel="alternate" type="application/rss+xml" title="Jobs" href="/jobs.rss">
</head><body>Careers</body></html>"""
PLAIN_PAGE = b"<!DOCTYPE html><html><body><h1>About us</h1></body></html>"
ATOM = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Jobs</title></feed>'
PERSONIO = b'<?xml version="1.0" encoding="UTF-8"?><workzag-jobs></workzag-jobs>'
JSON_FEED = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"_jobposting": {}}]}'

SNIFF = [
    ("feed-by-type", ATOM, "application/atom+xml", ("rss", "https://careers.example/openings")),
    ("feed-by-body", ATOM, "text/plain", ("rss", "https://careers.example/openings")),
    (
        "sources/personio/feed.xml",
        PERSONIO,
        "text/xml",
        ("personio", "https://careers.example/openings"),
    ),
    ("jsonld-page", JOBPOSTING_PAGE, "text/html", ("jsonld", "https://careers.example/openings")),
    ("microdata-page", MICRODATA_PAGE, "text/html", ("jsonld", "https://careers.example/openings")),
    (
        "json-feed",
        JSON_FEED,
        "application/feed+json",
        ("jsonld", "https://careers.example/openings"),
    ),
    ("getro-page", GETRO_PAGE, "text/html", ("getro", "https://careers.example/openings")),
    (
        "linked-feed",
        LINKED_FEED_PAGE,
        "text/html",
        ("rss", "https://careers.example/careers/jobs.xml"),
    ),
    (
        "jobs-feed-not-blog",
        TWO_FEEDS_PAGE,
        "text/html",
        ("rss", "https://careers.example/jobs.rss"),
    ),
]


def _serving(body: bytes, content_type: str, calls: list | None = None) -> Fetcher:
    def handler(request: httpx.Request) -> httpx.Response:
        if calls is not None:
            calls.append(str(request.url))
        return httpx.Response(200, content=body, headers={"Content-Type": content_type})

    return Fetcher(httpx.AsyncClient(transport=httpx.MockTransport(handler)))


@pytest.mark.parametrize(
    ("body", "content_type", "expected"), [s[1:] for s in SNIFF], ids=[s[0] for s in SNIFF]
)
async def test_detect_remote_sniffs_what_a_url_serves(body, content_type, expected):
    assert await detect_remote(_serving(body, content_type), "careers.example/openings") == expected


async def test_detect_remote_tries_the_url_alone_first():
    calls: list[str] = []
    fetcher = _serving(b"", "text/html", calls)
    assert await detect_remote(fetcher, "https://jobs.lever.co/cloudwalk") == LEVER
    assert calls == []


async def test_detect_remote_explains_a_page_it_cannot_read():
    with pytest.raises(DetectError, match=r'HTML \(text/html\).*kind = "html" with CSS selectors'):
        await detect_remote(_serving(PLAIN_PAGE, "text/html"), "https://careers.example/about")


async def test_detect_remote_reports_a_failed_fetch():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404)

    fetcher = Fetcher(httpx.AsyncClient(transport=httpx.MockTransport(handler)))
    with pytest.raises(DetectError, match="fetching it failed: HTTP 404"):
        await detect_remote(fetcher, "https://careers.example/gone")


async def test_detect_remote_does_not_fetch_other_schemes():
    calls: list[str] = []
    with pytest.raises(DetectError):
        await detect_remote(_serving(b"", "", calls), "ftp://jobs.example/list")
    assert calls == []
