"""Each source kind: fixture in, expected records out; URL detection; ParseError cases."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.errors import DetectError, ParseError
from bot.models import BoardInfo, FetchResult
from bot.normalize import posting
from bot.sources import base, demo, greenhouse, lever, rss

FIXTURES = Path(__file__).parent / "fixtures"
JSON = "application/json; charset=utf-8"


def fixture(name: str, content_type: str = JSON, url: str = "https://example.com/") -> FetchResult:
    return FetchResult(url=url, body=(FIXTURES / name).read_bytes(), content_type=content_type)


# --- greenhouse -------------------------------------------------------------------------------


def test_greenhouse_reads_jobs_and_skips_duplicate_ids():
    raws = greenhouse.Greenhouse().parse(fixture("greenhouse_jobs.json"))
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
    raws = greenhouse.Greenhouse().parse(fixture("greenhouse_jobs.json"))
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
    assert len(greenhouse.Greenhouse().parse(FetchResult(url="u", body=body))) == count


# --- lever ------------------------------------------------------------------------------------


def test_lever_reads_postings():
    raws = lever.Lever().parse(fixture("lever_postings.json"))
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
        posting(r, board) for r in lever.Lever().parse(fixture("lever_postings.json"))
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
        lever.Lever().parse(FetchResult(url="u", body=body, content_type=JSON))


def test_lever_empty_site_is_no_postings():
    assert lever.Lever().parse(FetchResult(url="u", body=b"[]")) == []


# --- rss --------------------------------------------------------------------------------------


def test_wwr_feed():
    raws = rss.Rss().parse(fixture("wwr.rss", "application/rss+xml"))
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
        posting(r, board) for r in rss.Rss().parse(fixture("wwr.rss", "application/rss+xml"))
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
    raws = rss.Rss().parse(fixture("atom.xml", "application/atom+xml"))
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
    raws = rss.Rss().parse(FetchResult(url="https://jobs.example/feed", body=body))
    assert [(r.company, r.title, r.url) for r in raws] == [
        ("Vellum Pay", "Data Engineer", "https://jobs.example/1"),
        ("Zephyr Clearing", "SRE", "https://jobs.example/2"),
    ]
    assert raws[0].remote is None


def test_empty_feed_is_no_postings():
    body = b"<rss version='2.0'><channel><title>Quiet board</title></channel></rss>"
    assert rss.Rss().parse(FetchResult(url="u", body=body)) == []


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
    result = await source.fetch(None, "demo://fintech?every=8", None, None)
    assert result.content_type == "application/json"
    raws = source.parse(result)
    assert len(raws) == 12
    board = BoardInfo(name="fintech", kind="demo", url="demo://fintech?every=8")
    normalised = posting(raws[0], board)
    assert normalised.title and normalised.company and normalised.location
    assert normalised.url.startswith("https://example.com/jobs/demo-")
    assert "About the role" in normalised.description
    assert normalised.posted_at is not None
    assert normalised.workplace in {"remote", "hybrid", "onsite"}


# --- detection --------------------------------------------------------------------------------

GH = ("greenhouse", "https://boards-api.greenhouse.io/v1/boards/quillfin/jobs?content=true")
LEVER = ("lever", "https://api.lever.co/v0/postings/harbourcoin?mode=json")
LEVER_EU = ("lever", "https://api.eu.lever.co/v0/postings/harbourcoin?mode=json")
WWR_CATEGORY = "https://weworkremotely.com/categories/remote-programming-jobs"
DETECT = [
    ("gh-boards", "https://boards.greenhouse.io/quillfin", GH),
    ("gh-job-boards", "https://job-boards.greenhouse.io/quillfin", GH),
    ("gh-job-page", "https://job-boards.greenhouse.io/quillfin/jobs/123", GH),
    ("gh-no-scheme", "boards.greenhouse.io/quillfin", GH),
    ("gh-embed", "https://boards.greenhouse.io/embed/job_board?for=quillfin", GH),
    ("gh-api", "https://boards-api.greenhouse.io/v1/boards/quillfin/jobs", GH),
    ("lever-jobs", "https://jobs.lever.co/harbourcoin", LEVER),
    ("lever-job-page", "https://jobs.lever.co/harbourcoin/0f3c2a10/apply", LEVER),
    ("lever-eu", "https://jobs.eu.lever.co/harbourcoin", LEVER_EU),
    ("lever-api", "https://api.lever.co/v0/postings/harbourcoin", LEVER),
    ("lever-api-eu", "https://api.eu.lever.co/v0/postings/harbourcoin?mode=json", LEVER_EU),
    (
        "wwr-home",
        "https://weworkremotely.com/",
        ("rss", "https://weworkremotely.com/remote-jobs.rss"),
    ),
    ("wwr-rss", f"{WWR_CATEGORY}.rss", ("rss", f"{WWR_CATEGORY}.rss")),
    ("wwr-category-page", WWR_CATEGORY, ("rss", f"{WWR_CATEGORY}.rss")),
    (
        "rss-suffix",
        "https://jobs.example/openings.rss",
        ("rss", "https://jobs.example/openings.rss"),
    ),
    ("atom-suffix", "https://jobs.example/all.atom", ("rss", "https://jobs.example/all.atom")),
    ("xml-suffix", "https://jobs.example/jobs.xml", ("rss", "https://jobs.example/jobs.xml")),
    ("feed-segment", "https://blog.example/feed/", ("rss", "https://blog.example/feed/")),
    ("rss-segment", "https://jobs.example/rss/eng", ("rss", "https://jobs.example/rss/eng")),
    ("demo", "demo://fintech?every=8", ("demo", "demo://fintech?every=8")),
    ("demo-default", "demo://fintech", ("demo", "demo://fintech")),
]


@pytest.mark.parametrize(("url", "expected"), [d[1:] for d in DETECT], ids=[d[0] for d in DETECT])
def test_detect(url, expected):
    assert base.detect(url) == expected


@pytest.mark.parametrize(
    "url",
    ["https://example.com/careers", "https://greenhouse.io/", "ftp://jobs.example/feed.rss", ""],
    ids=["career-page", "greenhouse-home", "ftp", "empty"],
)
def test_detect_rejects_other_urls(url):
    with pytest.raises(DetectError):
        base.detect(url)


# --- parse errors -----------------------------------------------------------------------------

HTML_PAGE = b"<!DOCTYPE html><html><head><title>Jobs</title></head><body>Hi</body></html>"
GH_SOURCE, LEVER_SOURCE = greenhouse.Greenhouse, lever.Lever
ERRORS = [
    ("gh-html", GH_SOURCE, HTML_PAGE, "text/html", r"'jobs' list, got HTML \(text/html\)"),
    ("gh-invalid-json", GH_SOURCE, b'{"jobs": [', JSON, "not JSON"),
    ("gh-empty-body", GH_SOURCE, b"", "", "empty body"),
    ("gh-wrong-shape", GH_SOURCE, b'{"error": "not found"}', JSON, "object with keys error"),
    ("gh-jobs-not-list", GH_SOURCE, b'{"jobs": {}}', JSON, "'jobs' list"),
    ("gh-number", GH_SOURCE, b"42", JSON, "JSON int"),
    ("lever-html", LEVER_SOURCE, HTML_PAGE, "text/html; charset=utf-8", r"HTML \(text/html\)"),
    ("lever-invalid-json", LEVER_SOURCE, b"[{", JSON, "not JSON"),
    ("lever-wrong-shape", LEVER_SOURCE, b'{"postings": []}', JSON, "object with keys postings"),
    ("rss-garbage", rss.Rss, b"this is not a feed", "text/plain", "RSS or Atom"),
    ("rss-html", rss.Rss, HTML_PAGE, "text/html", "RSS or Atom"),
    ("rss-json", rss.Rss, b'{"jobs": []}', JSON, "RSS or Atom"),
    ("rss-empty", rss.Rss, b"", "", "empty body"),
    ("demo-wrong-shape", demo.Demo, b"[]", JSON, "'jobs' list"),
]


@pytest.mark.parametrize(
    ("source", "body", "content_type", "message"),
    [e[1:] for e in ERRORS],
    ids=[e[0] for e in ERRORS],
)
def test_parse_errors(source, body, content_type, message):
    with pytest.raises(ParseError, match=message):
        source().parse(
            FetchResult(url="https://example.com/", body=body, content_type=content_type)
        )
