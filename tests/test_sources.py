"""Each source kind: fixture in, expected records out; URL detection; ParseError cases."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from bot import match
from bot.crawl import crawl
from bot.errors import ParseError
from bot.http import Fetcher
from bot.models import Alert, BoardInfo, FetchResult, RawPosting
from bot.normalize import posting
from bot.sources import demo, get, greenhouse, hn, lever, rss
from bot.sources.contract import Context, Source, parse_recorded

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


def fixture(name: str, content_type: str = JSON, url: str = "https://example.com/") -> FetchResult:
    return FetchResult(url=url, body=(FIXTURES / name).read_bytes(), content_type=content_type)


# --- greenhouse -------------------------------------------------------------------------------


def test_greenhouse_reads_jobs_and_skips_duplicate_ids():
    raws = read(greenhouse.Greenhouse(), fixture("greenhouse_jobs.json"))
    assert [r.external_id for r in raws] == ["4011001", "4011002", "4011003", "4011004"]
    first = raws[0]
    assert first.title == "Senior Backend Engineer (Rust)"
    assert first.company == "Quillfin "
    assert first.location == "Berlin, Germany"
    assert first.locations == ("Berlin",)
    assert first.department == "Engineering"
    assert first.employment_type == "Full-Time"
    assert first.workplace == "Hybrid"
    assert first.posted_at == "2026-07-01T09:30:00-04:00"
    assert first.description_html.startswith("&lt;p&gt;Quillfin")
    assert raws[1].posted_at == "2026-07-18T08:15:00-04:00"  # no first_published: updated_at
    assert raws[1].workplace is None  # "Location Type" is null
    assert raws[2].department == "Product, Frontend"


def test_greenhouse_postings_normalise():
    board = BoardInfo(
        name="quillfin", kind="greenhouse", url="https://boards.greenhouse.io/quillfin"
    )
    raws = read(greenhouse.Greenhouse(), fixture("greenhouse_jobs.json"))
    rust, go, javascript, data = (posting(r, board) for r in raws)
    assert rust.company == "Quillfin"
    assert rust.description == (
        "Quillfin moves money for 40,000 small businesses.\n\n"
        "About the role\n\n"
        "You will build our settlement engine in Rust.\n\n"
        "• Rust and tokio\n"
        "• PostgreSQL"
    )
    assert rust.posted_at == datetime(2026, 7, 1, 13, 30, tzinfo=UTC)
    assert (rust.workplace, rust.employment_type) == ("hybrid", "full_time")
    assert go.title == "Go Developer — Ledger Platform"
    assert (
        go.description == "Our R&D team builds the ledger in Go.\n\nBalances must add up exactly."
    )
    assert (go.workplace, go.employment_type) == ("remote", "contract")
    assert javascript.url == "https://careers.quillfin.example/jobs?gh_jid=4011003"
    assert javascript.description == (
        "We are looking for a JavaScript engineer.\n\n• React\n• Node.js\n\nOur stack includes"
    )
    assert javascript.workplace == "onsite"
    assert (data.company, data.location, data.description) == ("quillfin", "", "")


@pytest.mark.parametrize(
    ("body", "count"),
    [
        (b'[{"id": 1, "title": "Rust Engineer", "absolute_url": "https://x.example/1"}]', 1),
        (b'{"company": "quillfin", "job_count": 1, "jobs": [{"id": 7, "title": "Go"}]}', 1),
        (b'{"jobs": [], "meta": {"total": 0}}', 0),
        (b'{"jobs": [{"title": "no id"}, "junk", {"id": 2, "title": "ok"}]}', 1),
    ],
    ids=["bare-list", "saved-wrapper", "empty-board", "items-without-id"],
)
def test_greenhouse_accepts_other_shapes(body, count):
    assert len(read(greenhouse.Greenhouse(), FetchResult(url="u", body=body))) == count


# --- lever ------------------------------------------------------------------------------------


def test_lever_reads_postings():
    raws = read(lever.Lever(), fixture("lever_postings.json"))
    assert len(raws) == 3
    first = raws[0]
    assert first.external_id == "0f3c2a10-6b1e-4c55-9d7e-1a2b3c4d5e01"
    assert first.title == "Senior Rust Engineer,  Settlement"
    assert first.company is None
    assert first.location == "Lisbon, Portugal"
    assert first.locations == ("Lisbon, Portugal", "Porto, Portugal")
    assert first.department == "Engineering"
    assert (first.employment_type, first.workplace) == ("Permanent", "onsite")
    assert first.posted_at == 1751360400000
    assert first.apply_url.endswith("/apply")
    assert "<h3>What you'll do</h3><ul>" in first.description_html
    assert raws[1].department == "Payments"  # no department: the team


def test_lever_postings_normalise():
    board = BoardInfo(
        name="harbourcoin",
        kind="lever",
        url="https://jobs.lever.co/harbourcoin",
        company="Harbourcoin",
    )
    rust, go, intern = (
        posting(r, board) for r in read(lever.Lever(), fixture("lever_postings.json"))
    )
    assert rust.title == "Senior Rust Engineer, Settlement"
    assert rust.company == "Harbourcoin"
    assert rust.url == "https://jobs.lever.co/harbourcoin/0f3c2a10-6b1e-4c55-9d7e-1a2b3c4d5e01"
    assert rust.description == (
        "Harbourcoin runs card issuing for Europe.\n\n"
        "You will work on settlement in Rust.\n\n"
        "What you'll do\n\n"
        "• Build the settlement service\n"
        "• Own it in production\n\n"
        "What we look for\n\n"
        "• Rust\n"
        "• PostgreSQL\n\n"
        "We offer 30 days of holiday."
    )
    assert rust.posted_at == datetime(2025, 7, 1, 9, 0, tzinfo=UTC)
    assert (rust.workplace, rust.employment_type) == ("onsite", "full_time")
    assert go.description == "We’re building a payments API in Go."
    assert (go.workplace, go.location) == ("remote", "Chicago, IL")
    assert (intern.location, intern.employment_type, intern.workplace) == (
        "Warsaw, Poland",
        "intern",
        None,
    )
    assert intern.description == "Plain text only.\n\nJoin the risk team."


def test_lever_error_object_is_a_parse_error():
    body = b'{"ok": false, "error": "Document not found"}'
    with pytest.raises(ParseError, match="Document not found"):
        read(lever.Lever(), FetchResult(url="u", body=body, content_type=JSON))


def test_lever_empty_site_is_no_postings():
    assert read(lever.Lever(), FetchResult(url="u", body=b"[]")) == []


# --- rss --------------------------------------------------------------------------------------


def test_wwr_feed():
    raws = read(rss.Rss(), fixture("wwr.rss", "application/rss+xml"))
    assert [(r.company, r.title) for r in raws] == [
        ("Tallowbank", "Senior Rust Engineer"),
        ("Ardent Ledger", "Go Developer (Payments)"),
        (None, "Backend Developer (JavaScript)"),
    ]
    first = raws[0]
    assert first.external_id == first.url
    assert first.url == "https://weworkremotely.com/remote-jobs/tallowbank-senior-rust-engineer"
    assert (first.location, first.employment_type, first.remote) == (
        "Europe Only",
        "Full-Time",
        True,
    )
    assert first.posted_at == datetime(2026, 7, 3, 9, 15, tzinfo=UTC)
    assert raws[2].location is None
    assert raws[2].employment_type is None


def test_wwr_postings_normalise():
    board = BoardInfo(name="wwr", kind="rss", url="https://weworkremotely.com/remote-jobs.rss")
    rust, go, javascript = (
        posting(r, board) for r in read(rss.Rss(), fixture("wwr.rss", "application/rss+xml"))
    )
    assert rust.description == (
        "Headquarters: Dublin\nURL: https://tallowbank.example\n\n"
        "Tallowbank is a neobank for freelancers. We write our core ledger in Rust.\n\n"
        "• Five years of backend work\n"
        "• Async Rust\n\n"
        "To apply: https://tallowbank.example/jobs/rust"
    )
    assert (rust.workplace, rust.employment_type) == ("remote", "full_time")
    assert go.employment_type == "contract"
    assert go.posted_at == datetime(2026, 7, 2, 17, 40, 12, tzinfo=UTC)
    assert javascript.company == "wwr"
    assert javascript.description == "Node.js & TypeScript services."
    assert javascript.posted_at == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


def test_atom_feed_with_byte_order_mark():
    assert (FIXTURES / "atom.xml").read_bytes().startswith(b"\xef\xbb\xbf")
    raws = read(rss.Rss(), fixture("atom.xml", "application/atom+xml"))
    assert [r.title for r in raws] == [
        "Platform Engineer (Kubernetes)",
        "Senior Frontend Engineer (TypeScript)",
        "Scala Engineer: Risk Platform",  # has an author, so the title is not split
    ]
    assert {r.company for r in raws} == {"Moneta Loop"}
    assert raws[0].url == "https://careers.monetaloop.example/jobs/platform-engineer"
    assert raws[0].posted_at == datetime(2026, 7, 3, 8, 0, tzinfo=UTC)
    assert raws[1].posted_at == datetime(2026, 7, 8, 12, 30, tzinfo=UTC)  # only <updated>
    assert raws[0].remote is None

    board = BoardInfo(name="moneta", kind="rss", url="https://careers.monetaloop.example/feed.atom")
    platform, frontend, scala = (posting(r, board) for r in raws)
    assert (
        platform.description
        == "Run our clusters in Lisboa and São Paulo.\n\n• Kubernetes\n• Terraform"
    )
    assert frontend.url == "https://careers.monetaloop.example/jobs/frontend"
    assert frontend.description == (
        "Build the merchant dashboard.\nHybrid, two days a week in Berlin."
    )
    assert scala.description == "Scala and Kafka for credit risk."


def test_feed_without_authors_splits_company_role_titles():
    body = b"""<rss version="2.0"><channel><title>Jobs</title>
    <item><title>Vellum Pay: Data Engineer</title><link>https://jobs.example/1</link></item>
    <item><title>Zephyr Clearing: SRE</title><guid>https://jobs.example/2</guid></item>
    </channel></rss>"""
    raws = read(rss.Rss(), FetchResult(url="https://jobs.example/feed", body=body))
    assert [(r.company, r.title, r.url) for r in raws] == [
        ("Vellum Pay", "Data Engineer", "https://jobs.example/1"),
        ("Zephyr Clearing", "SRE", "https://jobs.example/2"),
    ]
    assert raws[0].remote is None


def test_empty_feed_is_no_postings():
    body = b"<rss version='2.0'><channel><title>Quiet board</title></channel></rss>"
    assert read(rss.Rss(), FetchResult(url="u", body=body)) == []


def test_rss_1_0_feed_is_read():
    body = b"""<?xml version="1.0" encoding="windows-1252"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
             xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="https://jobs.example/"><title>Jobs</title>
      <link>https://jobs.example/</link></channel>
    <item rdf:about="https://jobs.example/1"><title>Caf\xe9 Engineer</title>
      <link>https://jobs.example/1</link><dc:creator>Lumen</dc:creator>
      <dc:date>2026-07-03T09:15:00Z</dc:date><description>Brew &amp; build.</description></item>
    </rdf:RDF>"""
    [raw] = read(rss.Rss(), FetchResult(url="https://jobs.example/index.rdf", body=body))
    assert (raw.external_id, raw.title, raw.company) == (
        "https://jobs.example/1",
        "Caf\u00e9 Engineer",
        "Lumen",
    )
    assert (raw.description_html, raw.posted_at) == (
        "Brew & build.",
        datetime(2026, 7, 3, 9, 15, tzinfo=UTC),
    )


MALFORMED_FEEDS = [
    ("bare-ampersand", b"<rss><channel><item><title>R&D Engineer</title></item></channel></rss>"),
    ("truncated", b"<rss version='2.0'><channel><item><title>R&D Engineer</title>"),
    ("mismatched-tag", b"<rss><channel><item><title>R&D Engineer</item></channel></rss>"),
]


@pytest.mark.parametrize(
    "body", [b for _, b in MALFORMED_FEEDS], ids=[n for n, _ in MALFORMED_FEEDS]
)
def test_a_malformed_feed_is_read_as_far_as_it_goes(body):
    """Hand-made feeds break XML (a bare "&", an unclosed tag): their jobs are not lost."""
    (raw,) = read(rss.Rss(), FetchResult(url="https://jobs.example/feed.rss", body=body))
    assert raw.title.startswith("R") and "Engineer" in raw.title


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
    assert later[1:] == first[:-1]  # one new posting per slot, the rest unchanged
    assert len(first) == 12
    slot = int(now // 8)
    assert first[0]["id"] == f"demo-{slot}"
    assert first[0]["url"] == f"https://example.com/jobs/demo-{slot}"
    assert first[0]["posted_at"] == datetime.fromtimestamp(slot * 8, UTC).isoformat()


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


def parse(kind: str, name: str, url: str = "https://board.example/jobs", **options):
    """Parse a fixture with `kind` and normalise it for a board named "board"."""
    raws = read(get(kind), fixture(name, url=url), options)
    board = BoardInfo(name="board", kind=kind, url=url)
    return raws, [posting(raw, board) for raw in raws]


def fetcher_for(handler) -> Fetcher:
    """A Fetcher whose requests go to `handler` (an httpx.MockTransport), never the network."""
    return Fetcher(httpx.AsyncClient(transport=httpx.MockTransport(handler)))


# --- lever: pages and salary --------------------------------------------------------------------


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


def test_lever_salary_range():
    item = _lever_item(1) | {
        "salaryRange": {
            "min": 60000,
            "max": 80000,
            "currency": "usd",
            "interval": "per-year-salary",
        }
    }
    raw = read(lever.Lever(), FetchResult(url="u", body=json.dumps([item]).encode()))[0]
    board = BoardInfo(name="x", kind="lever", url="https://jobs.lever.co/x")
    p = posting(raw, board)
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == (
        60000.0,
        80000.0,
        "USD",
        "year",
    )


# --- ashby ------------------------------------------------------------------------------------


def test_ashby_board():
    raws, (rust, go) = parse("ashby", "ashby_board.json")
    assert len(raws) == 2  # the unlisted job and the repeated id are left out
    assert rust.title == "Senior Rust Engineer, Matching Engine"  # trailing space trimmed
    assert rust.location == "London"
    assert rust.locations == ("London", "Remote - UK", "Dublin")
    assert rust.workplace == "hybrid"  # workplaceType wins over isRemote: true
    assert (rust.employment_type, rust.department) == ("full_time", "Engineering")
    assert rust.posted_at == datetime(2026, 7, 2, 10, 15, 30, 250000, tzinfo=UTC)
    assert (rust.salary_min, rust.salary_max, rust.salary_currency, rust.salary_period) == (
        95000.0,
        130000.0,
        "GBP",
        "year",
    )
    assert rust.description == (
        "About Harbourcoin\n\nWe run a crypto exchange for European retail traders.\n\n"
        "What you'll do\n\n• Own the order book in Rust\n• Keep p99 latency under 50 µs"
    )
    assert rust.apply_url.endswith("/application")
    assert go.description == "Build cold-storage custody in Go.\n\nSix-month contract."
    assert (go.workplace, go.employment_type, go.salary_min) == (None, "contract", None)


# --- smartrecruiters --------------------------------------------------------------------------


def test_smartrecruiters_list_page():
    _raws, (scala, ops, risk) = parse("smartrecruiters", "smartrecruiters_postings.json")
    assert scala.title == "Senior Backend Engineer (Scala)"
    assert scala.company == "Quillfin"
    assert scala.location == "Tallinn, Estonia"  # "Tallinn, , Estonia" tidied
    assert scala.url == "https://jobs.smartrecruiters.com/Quillfin/744000112233401"
    assert (scala.workplace, scala.employment_type, scala.department) == (
        "hybrid",
        "full_time",
        "Engineering",
    )
    assert scala.description == "" and scala.partial  # the list has no ad: its detail follows
    assert (ops.location, ops.workplace, ops.department) == ("Poland, Remote", "remote", None)
    assert ops.posted_at == datetime(2018, 3, 1, 12, 0, tzinfo=UTC)  # stale, still listed
    assert risk.workplace == "onsite"  # remote and hybrid both false


def test_smartrecruiters_detail_has_the_sections_in_order():
    _raws, (scala,) = parse("smartrecruiters", "smartrecruiters_posting_detail.json")
    assert scala.url.endswith("/744000112233401-senior-backend-engineer-scala-")
    assert scala.description == (
        "Company Description\n\nQuillfin moves money for 40,000 small businesses.\n\n"
        "Job Description\n\nBuild our ledger services in Scala and Kafka.\n\n"
        "• Design event-sourced services\n• Own them on call\n\n"
        "Qualifications\n\nQualifications\n\n• 5+ years of JVM backend work\n• Kafka in production"
    )


def _sr_handler(total: int, *, failing: set[str] = frozenset(), calls: list | None = None):
    detail = json.loads((FIXTURES / "smartrecruiters_posting_detail.json").read_text())
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


# --- workable ---------------------------------------------------------------------------------


def test_workable_widget_merges_rows_of_one_shortcode():
    raws, (go, intern) = parse("workable", "workable_widget.json")
    assert len(raws) == 2
    assert (go.external_id, go.company) == ("A1B2C3D4E5", "Vellum Pay")
    assert go.locations == ("Spain", "Lisbon, Portugal")
    assert go.location == "Spain; Lisbon, Portugal"
    assert (go.workplace, go.employment_type, go.department) == (
        "remote",
        "full_time",
        "Engineering",
    )
    assert go.posted_at == datetime(2026, 7, 10, tzinfo=UTC)
    assert go.description == (
        "Vellum Pay issues cards for SMEs.\n\n"
        "You will write Go services that authorise payments in under 100 ms.\n\n"
        "Requirements\n\n• Go in production\n• PostgreSQL"
    )
    assert (intern.location, intern.workplace, intern.employment_type) == (
        "Madrid, Community of Madrid, Spain",
        None,
        "intern",
    )


def test_workable_careers_api_shape():
    url = "https://apply.workable.com/api/v3/accounts/vellum-pay/jobs"
    _raws, (scala, books) = parse("workable", "workable_v3.json", url=url)
    assert scala.url == "https://apply.workable.com/vellum-pay/j/K1L2M3N4O5/"
    assert (scala.workplace, scala.employment_type, scala.department) == (
        "hybrid",
        "full_time",
        "Engineering, Risk",
    )
    assert scala.location == "Berlin, Germany"
    assert (books.location, books.workplace, books.employment_type) == (
        "Germany",
        "remote",
        "part_time",
    )


# --- recruitee --------------------------------------------------------------------------------


def test_recruitee_offers():
    raws, (rust, support) = parse("recruitee", "recruitee_offers.json")
    assert len(raws) == 2  # the draft is left out
    assert rust.location == "Berlin, Germany"  # "Berlin, Berlin, Germany"
    assert rust.locations == ("Berlin, Germany", "Hamburg, Germany")
    assert rust.posted_at == datetime(2026, 8, 5, 10, 10, 39, tzinfo=UTC)
    assert (rust.workplace, rust.employment_type) == ("hybrid", "full_time")
    assert (rust.salary_min, rust.salary_max, rust.salary_currency, rust.salary_period) == (
        70000.0,
        90000.0,
        "EUR",
        "year",
    )
    assert rust.description == (
        "What you will do\n\nBuild our payment rails in Rust.\n\n"
        "What we expect\n\n• Async Rust (tokio)\n• SEPA or card schemes"
    )
    assert rust.apply_url.endswith("/c/new")
    assert support.title == "Customer Support Agent"
    assert support.posted_at == datetime(2026, 7, 20, 8, 0, tzinfo=UTC)  # no published_at
    assert (support.workplace, support.employment_type, support.salary_min) == (
        "onsite",
        "part_time",
        None,
    )


# --- personio ---------------------------------------------------------------------------------


def test_personio_feed_with_byte_order_mark():
    assert (FIXTURES / "personio.xml").read_bytes().startswith(b"\xef\xbb\xbf")
    url = "https://fernpoint.jobs.personio.de/xml?language=en"
    raws, (kotlin, student) = parse("personio", "personio.xml", url=url)
    assert len(raws) == 2  # the repeated <id> counts once
    assert kotlin.url == "https://fernpoint.jobs.personio.de/job/2001001"
    assert kotlin.title == "Backend Engineer (Kotlin)"
    assert kotlin.company == "Fernpoint Finance GmbH & Co. KG"
    assert kotlin.locations == ("Munich", "Berlin (Remote)")
    assert kotlin.workplace == "remote"  # from the office name: Personio has no remote flag
    assert kotlin.posted_at == datetime(2026, 7, 1, 6, 30, tzinfo=UTC)
    assert kotlin.description == (
        "Your mission\n\nBuild our lending platform in Kotlin.\n\n• Credit decisions\n"
        "• Repayment plans\n\nYour profile\n\n3+ years on the JVM & a taste for clean APIs."
    )
    assert (student.description, student.employment_type) == ("", "intern")


# --- getro ------------------------------------------------------------------------------------


def test_getro_board_page_asks_the_search_api_for_its_collection():
    url = "https://jobs.fintechfounders.example/jobs"
    page = parse_recorded(get("getro"), fixture("getro_board.html", url=url), Context(url=url))
    assert not page.postings  # the search API lists them all; the page only its first 20
    ((search,),) = [page.follow]
    assert (search.method, search.url, search.json["page"]) == (
        "POST",
        "https://api.getro.com/api/v2/collections/71234567890/search/jobs",
        0,
    )


def test_getro_board_page_reads_next_data():
    """A page that names no collection gives the jobs it embeds."""
    url = "https://jobs.fintechfounders.example/jobs"
    body = (FIXTURES / "getro_board.html").read_bytes().replace(b'"network"', b'"other"')
    raws = read(get("getro"), FetchResult(url=url, body=body, content_type="text/html"))
    board = BoardInfo(name="board", kind="getro", url=url)
    rust, go = [posting(raw, board) for raw in raws]
    assert rust.url == "https://jobs.lever.co/quillfin/1a2b3c4d-0000-4000-8000-000000000001"
    assert (rust.company, rust.locations, rust.workplace) == (
        "Quillfin",
        ("Berlin, Germany", "Remote"),
        "hybrid",
    )
    assert (rust.salary_min, rust.salary_max, rust.salary_currency, rust.salary_period) == (
        90000.0,
        120000.0,
        "EUR",
        "year",
    )  # from cents
    assert rust.posted_at == datetime.fromtimestamp(1783000000, UTC)
    assert go.url == f"{url.rsplit('/', 1)[0]}/companies/ardent-ledger/jobs/93000002-go-engineer"
    assert (go.workplace, go.salary_min) == ("remote", None)


def test_getro_search_results():
    _raws, (scala, data) = parse("getro", "getro_search.json")
    assert (scala.company, scala.workplace, scala.salary_currency) == (
        "Tallowbank",
        "onsite",
        "GBP",
    )
    assert (scala.salary_min, scala.salary_max) == (75000.0, 90000.0)
    assert data.url == "https://apply.workable.com/j/ABCDE12345"


async def test_getro_fetch_finds_the_collection_and_pages_until_empty():
    page = (FIXTURES / "getro_board.html").read_bytes()
    api = json.loads((FIXTURES / "getro_search.json").read_text())
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


# --- remotive and remote ok -------------------------------------------------------------------


def test_remotive():
    raws, (rust, go) = parse("remotive", "remotive.json")
    assert len(raws) == 2  # one id repeated
    assert (rust.company, rust.location, rust.workplace) == (
        "Zephyr Clearing",
        "Europe, UK",
        "remote",
    )
    assert rust.posted_at == datetime(2026, 7, 12, 8, 45, 10, tzinfo=UTC)  # naive: UTC
    assert (rust.salary_min, rust.salary_max, rust.salary_currency) == (120000.0, 150000.0, "USD")
    assert (
        rust.description
        == "Zephyr Clearing settles card payments across Europe.\n\n• Rust\n• Kafka"
    )
    assert (go.employment_type, go.salary_min) == ("contract", None)


def test_remoteok_repairs_mojibake_and_drops_the_canary():
    raws, (rust, go, scala) = parse("remoteok", "remoteok.json")
    assert [r.external_id for r in raws] == ["1200001", "1200002", "1200004"]  # no blank row
    assert rust.description == (
        "At Moneta Loop you’ll build our FX engine in Rust — the core of every payment.\n\n"
        "• Async Rust • tokio\n• Kraków or anywhere in the EU"
    )
    assert rust.location == "Gdańsk, Poland"
    assert rust.posted_at == datetime(2026, 7, 16, 15, 55, 32, tzinfo=UTC)
    assert (
        rust.url
        == "https://remoteok.com/remote-jobs/remote-senior-rust-engineer-moneta-loop-1200001"
    )
    assert (rust.salary_min, rust.salary_max, rust.salary_currency, rust.salary_period) == (
        90000.0,
        120000.0,
        "USD",
        "year",
    )
    assert go.description == "We are hiring a Go developer.\nYou will own our payouts API."
    assert (go.salary_min, go.salary_max, go.salary_currency) == (None, None, None)  # 0: unknown
    assert go.workplace == "remote"
    assert scala.description == "Scala and Akka at Tallowbank. Truncated ad that ends"
    assert (scala.salary_min, scala.salary_max) == (80000.0, None)
    for p in (rust, go, scala):
        assert "mention the word" not in p.description and "RMTI3" not in p.description


# --- hacker news ------------------------------------------------------------------------------


def test_hn_item_tree_top_level_comments_only():
    raws, (quillfin, harbourcoin, vellum, tallowbank) = parse("hn", "hn_item.json")
    assert [r.external_id for r in raws] == ["48000101", "48000102", "48000104", "48000105"]
    assert quillfin.url == "https://news.ycombinator.com/item?id=48000101"
    assert (quillfin.company, quillfin.title, quillfin.location, quillfin.workplace) == (
        "Quillfin",
        "Senior Rust Engineer",
        "Berlin, Germany",
        "hybrid",
    )
    assert (quillfin.salary_min, quillfin.salary_max, quillfin.salary_currency) == (
        90000.0,
        120000.0,
        "EUR",
    )
    assert quillfin.description.endswith("Apply: https://quillfin.example/jobs")
    assert (harbourcoin.company, harbourcoin.title) == (
        "Harbourcoin",
        "Go Backend Engineer, Staff SRE",
    )
    assert (harbourcoin.location, harbourcoin.workplace) == ("REMOTE (EU timezones)", "remote")
    assert (harbourcoin.salary_min, harbourcoin.salary_max) == (150000.0, 190000.0)
    assert (
        vellum.title
        == "Vellum Pay is hiring backend developers in Lisbon and remotely across the EU"
    )
    assert (tallowbank.title, tallowbank.location, tallowbank.workplace) == (
        "Scala Developer",
        "London",
        "onsite",
    )
    assert tallowbank.employment_type == "contract"


def test_hn_search_shape_skips_replies():
    _raws, (zephyr,) = parse("hn", "hn_search.json")
    assert (zephyr.title, zephyr.location, zephyr.workplace, zephyr.employment_type) == (
        "Platform Engineer (Kubernetes)",
        "Amsterdam",
        "onsite",
        "full_time",
    )


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


# --- json-ld, microdata, json feeds -----------------------------------------------------------


def test_jsonld_page_graph_list_and_broken_block():
    url = "https://quillfin.example/careers"
    _raws, (rust, go) = parse("jsonld", "jsonld_page.html", url=url)
    assert rust.external_id == "Q-101"
    assert rust.title == "Senior Rust Engineer, Settlement"
    assert rust.url == "https://quillfin.example/careers/q-101"  # relative, tracking and fragment
    assert rust.locations == ("Berlin, DE", "Lisbon, Portugal")  # region "Europe" left out
    assert (rust.workplace, rust.employment_type) == ("remote", "full_time")  # TELECOMMUTE
    assert rust.posted_at == datetime(2026, 7, 3, tzinfo=UTC)
    assert rust.description == "Settle SEPA payments in Rust & Postgres.\n\n• tokio\n• Kafka"
    assert (rust.salary_min, rust.salary_max, rust.salary_currency, rust.salary_period) == (
        85000.0,
        110000.0,
        "EUR",
        "year",
    )
    assert go.external_id == "https://quillfin.example/careers/go-payouts"  # no identifier
    assert (go.company, go.location, go.employment_type) == (
        "Quillfin",
        "Amsterdam, Netherlands",
        "part_time",
    )
    assert (go.salary_min, go.salary_max, go.salary_currency, go.salary_period) == (
        45.0,
        45.0,
        "EUR",
        "hour",
    )


def test_microdata_cards():
    url = "https://jobs.board.example/jobs?filter=x"
    _raws, (rust, analyst) = parse("jsonld", "microdata_cards.html", url=url)
    assert rust.url == (
        "https://jobs.board.example/companies/zephyr-clearing/jobs/61000001-senior-rust-engineer"
        "?filter=eyJqb2JzIjpbXX0"
    )
    assert (rust.title, rust.company, rust.location) == (
        "Senior Rust Engineer",
        "Zephyr Clearing",
        "Amsterdam, Netherlands",
    )
    assert rust.posted_at == datetime(2026, 7, 14, tzinfo=UTC)  # not "2 days"
    assert analyst.url.endswith("/companies/moneta-loop/jobs/61000002-payments-analyst")
    assert (analyst.company, analyst.posted_at) == (
        "Moneta Loop",
        datetime(2026, 7, 12, 8, 0, tzinfo=UTC),
    )


def test_jsonld_feed_items_with_jobposting_and_a_byte_order_mark():
    assert (FIXTURES / "jsonld_feed.json").read_bytes().startswith(b"\xef\xbb\xbf")
    _raws, (staff, office) = parse("jsonld", "jsonld_feed.json")
    assert staff.external_id == "4c1e2d3f-aaaa-4bbb-8ccc-000000000001"
    assert staff.locations == ("Stockholm, SE", "København, DK")
    assert staff.description == "Own our double-entry ledger, written in Rust."
    assert staff.posted_at == datetime(2026, 7, 4, 8, 26, 20, tzinfo=UTC)
    assert (office.title, office.url) == (
        "Office Manager",
        "https://careers.ardentledger.example/jobs/9100002-office-manager",
    )


AGGREGATOR_URL = "https://rustjobs.example/jobs/cloudwalk-senior-rust-engineer-4411"
CLOUDWALK_BODY = (
    "CloudWalk builds payment infrastructure for millions of Brazilian merchants, from card "
    "machines to instant Pix transfers.\n\n"
    "What You'll Do\n"
    "• Design and build low-latency payment services in Rust\n"
    "• Own the reliability of the transaction pipeline\n"
    "• Ship to production every week\n\n"
    "What We're Looking For\n"
    "• Solid experience with Rust and async (tokio)\n"
    "• Distributed systems and Kafka\n"
    "• Fluent English; Portuguese is a plus\n\n"
    "We offer remote work across Brazil, equity and a yearly learning budget."
)
AGGREGATOR_SELECTORS = {
    "item": "main",
    "title": "h1",
    "link": "a.apply",
    "company": ".company",
    "location": ".location",
    "date": "time",
}


@pytest.mark.parametrize(
    ("kind", "options"),
    [("jsonld", {}), ("html", {"selectors": AGGREGATOR_SELECTORS})],
    ids=["jsonld", "html"],
)
def test_aggregator_page_gives_the_posting_once_and_nothing_else(kind, options):
    _raws, (cloudwalk,) = parse(kind, "aggregator_cloudwalk.html", url=AGGREGATOR_URL, **options)
    assert cloudwalk.company == "CloudWalk"
    assert cloudwalk.description.count("CloudWalk builds payment infrastructure") == 1
    assert cloudwalk.description.endswith(CLOUDWALK_BODY)
    for noise in ("Similar Jobs", "Harbourcoin", "Premium", "Apply for this position", "RustJobs"):
        assert noise not in cloudwalk.search_text()
    alerts = [Alert(1, 10, "harbourcoin"), Alert(2, 10, "custody"), Alert(3, 11, "rust brazil")]
    assert [a.id for a in match.Matcher(alerts).match(cloudwalk)] == [3]


# --- html with selectors ----------------------------------------------------------------------

BOARD_SELECTORS = {
    "item": "li.job",
    "title": ".title",
    "link": "a.more",
    "location": ".where",
    "date": "time",
    "description": ".summary",
}


def test_html_board_with_selectors_and_truncated_markup():
    url = "https://fernpoint.example/careers/"
    raws, (kotlin, data, risk) = parse(
        "html", "html_board.html", url=url, selectors=BOARD_SELECTORS
    )
    assert len(raws) == 3  # the item without a title is left out
    assert kotlin.title == "Senior Kotlin Engineer, Lending"
    assert kotlin.url == "https://fernpoint.example/careers/kotlin-lending"
    assert (kotlin.location, kotlin.posted_at) == (
        "Munich, Germany",
        datetime(2026, 7, 9, 8, 0, tzinfo=UTC),
    )
    assert (
        kotlin.description == "Credit decisions in Kotlin."
    )  # what follows "Similar jobs" is dropped
    assert (data.title, data.url, data.workplace) == (
        "Data Engineer & Analyst",
        "https://jobs.fernpoint.example/data-engineer",
        "remote",
    )
    assert data.posted_at == datetime(2026, 7, 2, tzinfo=UTC)  # from the text
    assert (risk.title, risk.location) == ("Risk Analyst", "Berlin")  # the page is cut off here


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


def test_jsonld_page_without_postings_is_an_empty_board():
    assert read(get("jsonld"), FetchResult(url="https://x.example/", body=HTML_PAGE)) == []


# --- postings without a link of their own ------------------------------------------------------


def _page(body: str) -> FetchResult:
    return FetchResult(
        url="https://acme.example/careers", body=body.encode(), content_type="text/html"
    )


def test_jsonld_postings_without_url_or_id_on_one_page_stay_apart():
    block = '{"@type": "JobPosting", "title": "%s", "hiringOrganization": {"name": "Acme"}}'
    scripts = "".join(
        f'<script type="application/ld+json">{block % t}</script>'
        for t in ("Rust Engineer", "Go Engineer", "Data Analyst")
    )
    raws = read(get("jsonld"), _page(f"<html><body>{scripts}</body></html>"))
    assert len({r.external_id for r in raws}) == 3
    again = read(get("jsonld"), _page(f"<html><body>{scripts}</body></html>"))
    assert [r.external_id for r in raws] == [r.external_id for r in again], "ids are stable"


def test_jsonld_page_of_one_posting_is_its_own_link():
    block = '{"@type": "JobPosting", "title": "Rust Engineer"}'
    page = f'<html><script type="application/ld+json">{block}</script></html>'
    (raw,) = read(get("jsonld"), _page(page))
    assert raw.external_id == raw.url == "https://acme.example/careers"


def test_html_items_sharing_one_link_are_each_a_posting():
    items = "".join(
        f'<li class="job"><h3>{t}</h3><a href="/apply">Apply</a></li>'
        for t in ("Rust Engineer", "Go Engineer", "Rust Engineer (Lisbon)")
    )
    options = {"selectors": {"item": "li.job", "title": "h3", "link": "a"}}
    raws = read(get("html"), _page(f"<ul>{items}</ul>"), options)
    assert [r.title for r in raws] == ["Rust Engineer", "Go Engineer", "Rust Engineer (Lisbon)"]
    assert len({r.external_id for r in raws}) == 3


def test_some_demo_postings_state_a_salary_so_the_demo_shows_it():
    body = json.dumps({"jobs": demo.make_postings(1_000_000.0, 8.0)}).encode()
    raws = read(demo.Demo(), FetchResult(url="demo://fintech", body=body))
    paid = [r for r in raws if r.salary_min]
    assert paid and len(paid) < len(raws), "some do, some don't"
    assert {(r.salary_currency, r.salary_period) for r in paid} == {("EUR", "year")}
    shown = posting(paid[0], BoardInfo("Demo", "demo", "demo://fintech"))
    assert shown.salary_max == shown.salary_min + 20_000
