"""What golden cases cannot show (tests/test_source_golden.py holds what each kind reads): clear
errors for bad bodies, fetches over several requests (`bot.crawl` on an httpx.MockTransport),
options, the demo board, and what a parsed page means downstream."""

from __future__ import annotations

import importlib
import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from bot import match, sources
from bot.crawl import crawl
from bot.errors import ParseError
from bot.http import Fetcher
from bot.models import Alert, BoardInfo, FetchResult, RawPosting
from bot.normalize import posting
from bot.sources import base, demo, get, hn, lever, remoteok, rss
from bot.sources.contract import Context, Source, parse_recorded
from tests import golden

FIXTURES = Path(__file__).parent / "fixtures"
JSON = "application/json; charset=utf-8"


def read(source: Source, result: FetchResult, options: dict | None = None) -> list[RawPosting]:
    """The postings of one recorded response, read as a poll's first request would be."""
    ctx = Context(url=result.url, options=options or {})
    return list(parse_recorded(source, result, ctx).postings)


async def fetch(source: Source, fetcher, url: str, etag=None, lm=None, *, known=(), options=None):
    """One board fetch of `source` at `url` the way the poller does it (`bot.crawl`)."""
    ctx = Context(url=url, options=options or {}, known=frozenset(known))
    return await crawl(fetcher, source, ctx, inline(source, ctx), etag=etag, last_modified=lm)


def inline(source: Source, ctx: Context):
    async def parse(response):
        return source.parse(response, ctx)

    return parse


# --- lever ------------------------------------------------------------------------------------


def test_lever_error_object_is_a_parse_error():
    body = b'{"ok": false, "error": "Document not found"}'
    with pytest.raises(ParseError, match="Document not found"):
        read(lever.Lever(), FetchResult(url="u", body=body, content_type=JSON))


# --- rss --------------------------------------------------------------------------------------


def test_a_body_nothing_can_read_is_one_clear_error():
    body = b"<<<< not xml at all &&&& <<"
    with pytest.raises(ParseError, match=r"not well-formed XML .*line 1, column \d+") as err:
        read(rss.Rss(), FetchResult(url="https://jobs.example/feed.rss", body=body))
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "body",
    [
        b"<rss version='2.0'><title>No channel</title></rss>",
        b"<feedish><entry/></feedish>",
        b"<?xml version='1.0'?><html><body>Jobs</body></html>",
    ],
    ids=["rss-without-channel", "unknown-root", "xhtml-page"],
)
def test_well_formed_xml_that_is_no_feed_is_an_error(body):
    with pytest.raises(ParseError, match="expected an RSS or Atom feed"):
        read(rss.Rss(), FetchResult(url="https://jobs.example/feed.rss", body=body))


# --- demo -------------------------------------------------------------------------------------


def test_demo_postings_are_deterministic_per_slot():
    now = 1_784_217_332.0
    first = demo.make_postings(now, 8)
    assert first == demo.make_postings(now + 0.5, 8)
    later = demo.make_postings(now + 8, 8)
    changed = [(a["id"], b["salary"]) for a, b in zip(later[1:], first[:-1], strict=True) if a != b]
    edited = f"demo-{int(now // 8) + 1 - demo.EDITED_AFTER}"
    assert changed in ([], [(edited, None)])  # one new posting a slot; one may state its pay
    assert [p["id"] for p in later[1:]] == [p["id"] for p in first[:-1]]
    assert len(first) == 12
    slot = int(now // 8)
    assert first[0]["id"] == f"demo-{slot}"
    assert first[0]["url"] == f"https://example.com/jobs/demo-{slot}"
    assert first[0]["posted_at"] == datetime.fromtimestamp(slot * 8, UTC).isoformat()


def test_demo_postings_that_state_no_pay_have_it_added_later():
    """One in four that states no pay, neither in its fields nor its text, gets it added a
    few slots on: an edit, as real boards make, that the demo routes to salary: alerts."""
    slot = int(1_784_217_332.0 // 8)
    new = {s: demo._posting(s, 8) for s in range(slot, slot + 40)}
    old = {s: demo._posting(s, 8, demo.EDITED_AFTER) for s in new}
    added = [s for s in new if new[s]["salary"] is None and old[s]["salary"]]
    assert len(added) >= 3 and all(s % 4 == 1 for s in added)
    assert all(old[s]["description_html"] == new[s]["description_html"] for s in added)
    assert all(old[s] == new[s] for s in new if s not in added)


def test_demo_has_a_rust_role_every_third_slot():
    postings = demo.make_postings(1_784_217_332.0, 8, count=60)
    rust = ["rust" in (p["title"] + p["description_html"]).lower() for p in postings]
    assert sum(rust) == 20
    assert all(any(rust[i : i + 3]) for i in range(0, 58))
    for p in postings:
        assert "About the role" in p["description_html"]
        assert "<li>" in p["description_html"]


async def test_demo_fetch_needs_no_network_and_parses():
    source = demo.Demo()
    result = await fetch(source, None, "demo://fintech?every=8", None, None)
    assert result.first.content_type == "application/json"
    raws = result.postings
    assert len(raws) == 12
    board = BoardInfo(name="fintech", kind="demo", url="demo://fintech?every=8")
    normalised = posting(raws[0], board)
    assert normalised.title and normalised.company and normalised.location
    assert normalised.url.startswith("https://example.com/jobs/demo-")
    assert "About the role" in normalised.description
    assert normalised.posted_at is not None
    assert normalised.workplace in {"remote", "hybrid", "onsite"}


# --- shared helpers ---------------------------------------------------------------------------


def fetcher_for(handler) -> Fetcher:
    """A Fetcher whose requests go to `handler` (an httpx.MockTransport), never the network."""
    return Fetcher(httpx.AsyncClient(transport=httpx.MockTransport(handler)))


# --- lever: pages -----------------------------------------------------------------------------


def _lever_item(i: int) -> dict:
    return {
        "id": f"id-{i}",
        "text": f"Rust Engineer {i}",
        "hostedUrl": f"https://jobs.lever.co/x/{i}",
    }


async def test_lever_pages_with_skip_and_limit_until_a_short_page():
    items = [_lever_item(i) for i in range(230)]
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        skip, limit = int(request.url.params["skip"]), int(request.url.params["limit"])
        seen.append((request.url.params["mode"], skip, limit))
        return httpx.Response(200, json=items[skip : skip + limit])

    source = lever.Lever()
    endpoint = source.endpoint("https://jobs.lever.co/harbourcoin")
    result = await fetch(source, fetcher_for(handler), endpoint, '"etag"', None)
    assert seen == [("json", 0, 100), ("json", 100, 100), ("json", 200, 100)]
    raws = result.postings
    assert [r.external_id for r in raws] == [f"id-{i}" for i in range(230)]
    assert result.etag is None  # several pages: a 304 on page one would prove nothing


async def test_lever_single_page_keeps_conditional_get():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(200, json=[_lever_item(1)], headers={"ETag": '"v1"'})

    source = lever.Lever()
    first = await fetch(
        source, fetcher_for(handler), "https://api.lever.co/v0/postings/x", None, None
    )
    assert first.etag == '"v1"' and len(first.postings) == 1
    again = await fetch(
        source, fetcher_for(handler), "https://api.lever.co/v0/postings/x", '"v1"', None
    )
    assert again.not_modified


async def test_lever_stops_when_a_server_ignores_skip():
    page = [_lever_item(i) for i in range(100)]
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.params["skip"])
        return httpx.Response(200, json=page)

    result = await fetch(
        lever.Lever(), fetcher_for(handler), "https://api.lever.co/v0/postings/x", None, None
    )
    assert calls == ["0", "100"]
    assert len(result.postings) == 100


# --- smartrecruiters --------------------------------------------------------------------------


def _sr_handler(total: int, *, failing: set[str] = frozenset(), calls: list | None = None):
    detail = json.loads((FIXTURES / "sources/smartrecruiters/posting_detail.json").read_text())
    items = [
        {"id": str(1000 + i), "name": f"Engineer {i}", "company": {"identifier": "Quillfin"}}
        for i in range(total)
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        if calls is not None:
            calls.append(
                request.url.path + ("?" + request.url.query.decode() if request.url.query else "")
            )
        path = request.url.path
        if path.endswith("/postings"):
            offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
            page = items[offset : offset + limit]
            body = {"offset": offset, "limit": limit, "totalFound": total, "content": page}
            return httpx.Response(200, json=body)
        ident = path.rsplit("/", 1)[1]
        if ident in failing:
            return httpx.Response(500)
        return httpx.Response(200, json=detail | {"id": ident, "name": f"Detail {ident}"})

    return handler


async def test_smartrecruiters_pages_and_fetches_details_only_for_new_postings():
    calls: list[str] = []
    source = get("smartrecruiters")
    endpoint = source.endpoint("https://careers.smartrecruiters.com/Quillfin")
    assert endpoint == "https://api.smartrecruiters.com/v1/companies/Quillfin/postings"
    known = {str(1000 + i) for i in range(150)}  # all but 1150, 1151
    result = await fetch(
        source,
        fetcher_for(_sr_handler(152, failing={"1151"}, calls=calls)),
        endpoint,
        None,
        None,
        known=known,
    )
    lists = [c for c in calls if "offset=" in c]
    details = sorted(c.rsplit("/", 1)[1] for c in calls if "offset=" not in c)
    assert lists == [
        "/v1/companies/Quillfin/postings?limit=100&offset=0",
        "/v1/companies/Quillfin/postings?limit=100&offset=100",
    ]
    assert details == ["1150", "1151"]
    raws = result.postings
    by_id = {r.external_id: r for r in raws}
    assert len(raws) == 152  # 1151's detail failed: kept from the list, asked again next poll
    assert by_id["1151"].title == "Engineer 151" and result.incomplete == {"1151"}
    assert all(r.partial and r.description_html is None for i, r in by_id.items() if i != "1150")
    fresh = by_id["1150"]
    assert not fresh.partial and "Quillfin moves money" in fresh.description_html
    assert fresh.title == "Detail 1150"


async def test_smartrecruiters_empty_company_is_one_request():
    calls: list[str] = []
    source = get("smartrecruiters")
    url = "https://api.smartrecruiters.com/v1/companies/Nobody/postings"
    result = await fetch(source, fetcher_for(_sr_handler(0, calls=calls)), url, None, None)
    assert len(calls) == 1 and result.postings == []


async def test_smartrecruiters_rate_limit_stops_detail_requests():
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path.endswith("/postings"):
            content = [{"id": str(i), "name": "Go"} for i in range(20)]
            return httpx.Response(200, json={"totalFound": 20, "content": content})
        return httpx.Response(429, headers={"Retry-After": "30"})

    source = get("smartrecruiters")
    url = "https://api.smartrecruiters.com/v1/companies/Q/postings"
    result = await fetch(source, fetcher_for(handler), url, None, None)
    assert [r.external_id for r in result.postings] == [str(i) for i in range(20)]
    assert all(r.partial for r in result.postings), "kept from the list data, not dropped"
    assert result.incomplete == {str(i) for i in range(20)}
    assert len(calls) <= 1 + 4  # the list, then at most one round of concurrent detail calls


# --- getro ------------------------------------------------------------------------------------


async def test_getro_fetch_finds_the_collection_and_pages_until_empty():
    page = (FIXTURES / "sources/getro/board.html").read_bytes()
    api = json.loads((FIXTURES / "sources/getro/search.json").read_text())
    posts = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, content=page, headers={"Content-Type": "text/html"})
        body = json.loads(request.content)
        posts.append(
            (request.url.path, body["page"], request.headers["accept"], request.headers["origin"])
        )
        jobs = api["results"]["jobs"] if body["page"] < 2 else []
        jobs = [j | {"id": j["id"] + 10 * body["page"]} for j in jobs]
        return httpx.Response(200, json={"results": {"jobs": jobs, "count": 4}, "meta": {}})

    source = get("getro")
    result = await fetch(
        source, fetcher_for(handler), "https://jobs.fintechfounders.example/jobs", None, None
    )
    origin = "https://jobs.fintechfounders.example"
    path = "/api/v2/collections/71234567890/search/jobs"
    assert posts == [
        (path, 0, "application/json", origin),
        (path, 1, "application/json", origin),
        (path, 2, "application/json", origin),
    ]
    assert len(result.postings) == 4


async def test_getro_collection_id_option_needs_no_page():
    methods = []

    def handler(request: httpx.Request) -> httpx.Response:
        methods.append((request.method, json.loads(request.content).get("query")))
        return httpx.Response(200, json={"results": {"jobs": [], "count": 0}})

    source = get("getro")
    options = {"collection_id": "555", "query": "rust", "max_pages": 3}
    assert source.check_options(options) == []
    result = await fetch(
        source, fetcher_for(handler), "https://jobs.example/", None, None, options=options
    )
    assert methods == [("POST", "rust")]
    assert result.postings == []


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"collection_id": "abc"}, "options.collection_id: a number"),
        ({"max_pages": 0}, "options.max_pages: a whole number"),
        ({"query": 5}, "options.query: text"),
    ],
    ids=["collection-id", "max-pages", "query"],
)
def test_getro_option_problems(options, problem):
    assert any(p.startswith(problem) for p in get("getro").check_options(options))


# --- hacker news ------------------------------------------------------------------------------


FIRST_LINES = [
    (
        "usual",
        "Acme | Senior Rust Engineer | Berlin | REMOTE | Full-time",
        {
            "company": "Acme",
            "title": "Senior Rust Engineer",
            "location": "Berlin",
            "workplace": "remote",
        },
    ),
    (
        "two-roles",
        "Acme | Developer Advocate | Support Specialist | REMOTE",
        {"title": "Developer Advocate / Support Specialist", "location": None},
    ),
    (
        "remote-with-region",
        "Acme | SRE | Remote (EMEA) | $120k-$150k",
        {
            "location": "Remote (EMEA)",
            "workplace": "remote",
            "salary": (120000.0, 150000.0, "USD", None),
        },
    ),
    (
        "hybrid",
        "Acme | Go Engineer | Lisbon | Hybrid",
        {"workplace": "hybrid", "location": "Lisbon"},
    ),
    ("no-remote", "Acme | Data Engineer | NYC | No remote", {"workplace": "onsite"}),
    (
        "company-url",
        "Acme (https://acme.example) | Engineer | Paris",
        {"company": "Acme", "location": "Paris"},
    ),
    ("no-pipes", "Acme is hiring", {"title": "Acme is hiring", "company": "Acme is hiring"}),
    ("role-without-role-word", "Acme | Rustacean | Remote", {"title": "Rustacean"}),
]


@pytest.mark.parametrize(
    ("line", "expected"), [f[1:] for f in FIRST_LINES], ids=[f[0] for f in FIRST_LINES]
)
def test_hn_first_line(line, expected):
    read = hn.read_first_line(line)
    assert {key: read.get(key) for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "title", "company"),
    [
        (
            "This Dot Labs\nOpen roles: • Engineering Leads • Senior Engineers<p>Fully remote.",
            "Engineering Leads / Senior Engineers",
            "This Dot Labs",
        ),
        ("Acme<p>Hiring: Backend Engineer; SRE<p>More.", "Backend Engineer / SRE", "Acme"),
        ("Acme<p>We build products for banks.", "Acme", "Acme"),  # no roles listed: as it was
        ("Acme | Go Engineer<p>Open roles: • Lead", "Go Engineer", "Acme"),  # the first line's
    ],
)
def test_hn_a_company_line_then_a_line_of_roles(text: str, title: str, company: str) -> None:
    """ "This Dot Labs" alone on the first line made a job titled "This Dot Labs"."""
    posting = hn._posting({"id": 7, "text": text, "created_at": None})
    assert (posting.title, posting.company) == (title, company)


@pytest.mark.parametrize(
    ("text", "workplace"),
    [
        (
            "This Dot Labs\nOpen roles: • Engineers<p>Fully remote with US time zone overlap.",
            "remote",
        ),
        ("Acme | Go Engineer<p>We build ledgers.<p>Remote (EU only)", "remote"),
        ("Acme | Go Engineer<p>Location: Berlin, hybrid<p>Hybrid, 2 days a week", "hybrid"),
        ("Acme | Go Engineer<p>Onsite in NYC.", "onsite"),
        ("Acme | Go Engineer | Remote<p>Onsite once a quarter.", "remote"),  # the first line's
        ("Acme | Go Engineer<p>Remote work is not possible.", None),
        ("Acme | Go Engineer<p>We are remote-friendly, mostly.", None),  # not its first word
        ("Acme | Go Engineer<p>We build ledgers for banks.", None),
    ],
)
def test_hn_a_paragraph_that_says_where_the_work_is(text: str, workplace: str | None) -> None:
    """A comment whose first line names no workplace, and a later paragraph starts with one."""
    assert hn._posting({"id": 7, "text": text, "created_at": None}).workplace == workplace


async def test_hn_search_url_pages_through_nbpages():
    pages = []

    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        pages.append(page)
        hit = {
            "objectID": str(100 + page),
            "comment_text": f"Co{page} | Engineer | Remote",
            "parent_id": 1,
            "story_id": 1,
        }
        return httpx.Response(200, json={"hits": [hit], "page": page, "nbPages": 3})

    source = get("hn")
    url = "https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_1&hitsPerPage=1000"
    assert source.endpoint(url) == url
    result = await fetch(source, fetcher_for(handler), url, None, None)
    assert pages == [0, 1, 2]
    assert [r.external_id for r in result.postings] == ["100", "101", "102"]


# --- json-ld and html: an aggregator's page ---------------------------------------------------


@pytest.mark.parametrize("case", ["jsonld/aggregator_cloudwalk", "html/aggregator_cloudwalk"])
def test_aggregator_page_gives_the_posting_once_and_nothing_else(case):
    """The page's noise (similar jobs, ads) is not searchable: only the posting's alert fires."""
    [case] = [c for c in golden.cases() if c.id == case]
    _page, (cloudwalk,) = golden.parse(case)
    assert cloudwalk.description.count("CloudWalk builds payment infrastructure") == 1
    text = "\n".join(
        (cloudwalk.title, cloudwalk.company, cloudwalk.location, cloudwalk.description)
    )
    for noise in ("Similar Jobs", "Harbourcoin", "Premium", "Apply for this position", "RustJobs"):
        assert noise not in text
    alerts = [Alert(1, 10, "harbourcoin"), Alert(2, 10, "custody"), Alert(3, 11, "rust brazil")]
    assert [a.id for a in match.Matcher(alerts).match(cloudwalk)] == [3]


# --- html: options ----------------------------------------------------------------------------

BOARD_SELECTORS = {
    "item": "li.job",
    "title": ".title",
    "link": "a.more",
    "location": ".where",
    "date": "time",
    "description": ".summary",
}


HTML_OPTION_PROBLEMS = [
    ("no-selectors", {}, "selectors.item: required (a CSS selector for one job in the list)"),
    ("missing-link", {"selectors": {"item": "li", "title": "h3"}}, "selectors.link: required"),
    (
        "bad-css",
        {"selectors": {"item": "li[", "title": "h3", "link": "a"}},
        "selectors.item: 'li[' is not a CSS selector",
    ),
    (
        "not-text",
        {"selectors": {"item": "li", "title": 3, "link": "a"}},
        "selectors.title: a CSS selector (text)",
    ),
    (
        "unknown-key",
        {"selectors": {"item": "li", "title": "h3", "link": "a", "salary": "b"}},
        "selectors.salary: unknown",
    ),
]


@pytest.mark.parametrize(
    ("options", "problem"),
    [h[1:] for h in HTML_OPTION_PROBLEMS],
    ids=[h[0] for h in HTML_OPTION_PROBLEMS],
)
def test_html_option_problems(options, problem):
    problems = get("html").check_options(options)
    assert any(p.startswith(problem) for p in problems), problems


def test_html_options_that_are_fine():
    assert get("html").check_options({"selectors": BOARD_SELECTORS}) == []


# --- parse errors -----------------------------------------------------------------------------

HTML_PAGE = b"<!DOCTYPE html><html><head><title>Jobs</title></head><body>Hi</body></html>"
JSON_KINDS = [
    "greenhouse",
    "lever",
    "ashby",
    "smartrecruiters",
    "workable",
    "recruitee",
    "remotive",
    "remoteok",
    "hn",
    "getro",
]
ERRORS = [
    ("gh-invalid-json", "greenhouse", b'{"jobs": [', JSON, "not JSON"),
    ("gh-empty-body", "greenhouse", b"", "", "empty body"),
    ("gh-wrong-shape", "greenhouse", b'{"error": "not found"}', JSON, "object with keys error"),
    ("gh-jobs-not-list", "greenhouse", b'{"jobs": {}}', JSON, "'jobs' list"),
    ("gh-number", "greenhouse", b"42", JSON, "JSON int"),
    ("lever-wrong-shape", "lever", b'{"postings": []}', JSON, "object with keys postings"),
    ("ashby-list", "ashby", b"[]", JSON, "'jobs' list"),
    ("sr-wrong-shape", "smartrecruiters", b'{"message": "no"}', JSON, "'content' list"),
    ("workable-wrong-shape", "workable", b'{"name": "x"}', JSON, "'jobs' or 'results'"),
    ("recruitee-wrong-shape", "recruitee", b'{"jobs": []}', JSON, "'offers' list"),
    ("remotive-wrong-shape", "remotive", b"[]", JSON, "'jobs' list"),
    ("remoteok-object", "remoteok", b'{"error": "blocked"}', JSON, "array of jobs"),
    ("hn-wrong-shape", "hn", b'{"nbHits": 0}', JSON, "'children'"),
    ("getro-wrong-shape", "getro", b'{"error": "406"}', JSON, "Getro search results"),
    ("personio-html", "personio", HTML_PAGE, "text/html", "Personio XML"),
    ("personio-other-xml", "personio", b"<rss><channel/></rss>", "application/xml", "root <rss>"),
    ("personio-empty", "personio", b"", "", "empty body"),
    (
        "jsonld-json-without-jobs",
        "jsonld",
        b'{"@type": "Organization"}',
        JSON,
        "without any JobPosting",
    ),
    ("jsonld-plain-text", "jsonld", b"hello", "text/plain", "not JSON"),
    ("html-not-html", "html", b'{"jobs": []}', JSON, "expected an HTML page"),
    ("rss-garbage", "rss", b"this is not a feed", "text/plain", "RSS or Atom"),
    ("rss-html", "rss", HTML_PAGE, "text/html", "RSS or Atom"),
    ("rss-json", "rss", b'{"jobs": []}', JSON, "RSS or Atom"),
    ("rss-empty", "rss", b"", "", "empty body"),
    (  # libxml2 recovers it, then cannot write it out (a SerialisationError escaped)
        "rss-surrogate-in-a-namespace",
        "rss",
        b'<?xml version="1.0" encoding="windows-1252"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/'
        b'1999/02/22-rdf-syntax-ns#" xmlns:dc="http://pur&#xD800;l.org/dc/elements/1.1/">\n<chan',
        "application/rdf+xml",
        "RSS or Atom",
    ),
    ("demo-wrong-shape", "demo", b"[]", JSON, "'jobs' list"),
]


@pytest.mark.parametrize(
    ("kind", "body", "content_type", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS]
)
def test_parse_errors(kind, body, content_type, message):
    options = {"selectors": BOARD_SELECTORS} if kind == "html" else {}
    with pytest.raises(ParseError, match=message):
        read(
            get(kind),
            FetchResult(url="https://example.com/", body=body, content_type=content_type),
            options,
        )


@pytest.mark.parametrize("kind", JSON_KINDS)
def test_json_kinds_report_an_html_answer(kind):
    result = FetchResult(
        url="https://example.com/", body=HTML_PAGE, content_type="text/html; charset=utf-8"
    )
    if kind == "getro":  # a page is a valid Getro answer; a page without jobs is an empty board
        assert read(get(kind), result) == []
        return
    with pytest.raises(ParseError, match=r"got HTML \(text/html\)"):
        read(get(kind), result)


@pytest.mark.parametrize("kind", JSON_KINDS)
def test_json_kinds_report_invalid_json(kind):
    result = FetchResult(url="https://example.com/", body=b'{"truncated": [', content_type=JSON)
    with pytest.raises(ParseError, match="not JSON"):
        read(get(kind), result)


# --- demo: salaries ---------------------------------------------------------------------------


def test_some_demo_postings_state_a_salary_so_the_demo_shows_it():
    body = json.dumps({"jobs": demo.make_postings(1_000_000.0, 8.0)}).encode()
    raws = read(demo.Demo(), FetchResult(url="demo://fintech", body=body))
    paid = [r for r in raws if r.salary_min]
    assert paid and len(paid) < len(raws), "some do, some don't"
    assert {(r.salary_currency, r.salary_period) for r in paid} == {("EUR", "year")}
    shown = posting(paid[0], BoardInfo("Demo", "demo", "demo://fintech"))
    assert shown.salary_max == shown.salary_min + 20_000


@pytest.mark.parametrize(
    ("description", "currency"),
    [
        ("<p>Salary Range: PLN 350,700 - 474,400 + Benefits</p>", "PLN"),  # Graphcore, Gdańsk
        ("<p>Gehalt: 350.700 € bis 474.400 €</p>", "EUR"),
        ("<p>Pay range: $350,700 - $474,400</p>", "USD"),
        ("<p>We pay 350700 USD a year</p>", "USD"),
        ("<p>Build the ledger; 350,700 customers.</p>", "USD"),  # the amount, but no currency
        ("<p>OTE 350,700 - 474,400</p>", "USD"),  # three capitals, no currency
        ("", "USD"),
    ],
)
def test_remoteok_salary_is_in_dollars_unless_its_text_says_another(
    description: str, currency: str
) -> None:
    """Remote OK's salary fields carry no currency, and are US dollars but where the
    description writes the same amount in another."""
    job = {"id": 1, "position": "Engineering Manager", "description": description,
           "salary_min": 350700, "salary_max": 474400}  # fmt: skip
    assert remoteok._posting(job).salary_currency == currency


# Each kind reads a posting with its module's `_posting`, which must be `@guarded`; these
# read with other functions (a "module.function" under bot/sources/), or none (demo makes its
# own). A new kind is checked without being listed here.
READERS = {
    "demo": (),
    "jsonld": ("jsonld.posting_from",),
    "rippling": ("rippling._listed",),
    "rss": ("rss._rss_entry", "rss._atom_entry"),
    "teamtailor": ("teamtailor._item",),
    "workday": ("workday_data._listed",),
}


def reader(source: Source, name: str) -> object:
    """The function `name` names for `source`: its own module's, or "module.function"."""
    module_name, _, function = name.rpartition(".")
    module = importlib.import_module(
        f"bot.sources.{module_name}" if module_name else type(source).__module__
    )
    assert hasattr(module, function), (
        f"{source.kind}: {module.__name__} has no {function}: name the function that reads "
        "one posting in READERS (tests/test_sources.py)"
    )
    return getattr(module, function)


def test_a_posting_a_source_fails_on_is_left_out_alone(monkeypatch, caplog) -> None:
    """Every source's `_posting` is `guarded`: a bug met on one item of a board's list (here
    a title that is not text) leaves that posting out, not the board's others, logged once
    per source with its traceback."""
    monkeypatch.setattr(base, "_failed", set())

    @base.guarded
    def read(job: dict) -> RawPosting:
        return RawPosting(str(job["id"]), job["title"].strip(), f"https://x.example/{job['id']}")

    jobs = [{"id": 1, "title": "Rust"}, {"id": 2, "title": None}, {"id": 3, "title": "Go"}]
    caplog.set_level(logging.ERROR)
    assert [p.title for p in base.unique(read(job) for job in jobs)] == ["Rust", "Go"]
    assert [p.title for p in base.unique(read(job) for job in jobs)] == ["Rust", "Go"]
    (logged,) = caplog.records  # the second parse: not logged again
    assert logged.getMessage().endswith("a posting could not be read, so it is left out")
    assert logged.exc_info is not None and logged.exc_info[0] is AttributeError
    readers = {
        f"{source.kind}: {name}": reader(source, name)
        for source in sources.all_sources()
        for name in READERS.get(source.kind, ("_posting",))
    }
    unguarded = [n for n, read in readers.items() if not hasattr(read, "__wrapped__")]
    assert unguarded == [], "put @base.guarded on each of these"
