"""Breezy, Pinpoint, Gem, JOIN, iCIMS Jibe, Phenom and Eightfold: URL recognition, clear errors,
`jobbot probe` on each kind's public URL shape over a loopback board. What each reads from a
recorded answer is in the golden cases (tests/fixtures/sources/<kind>)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import BoardConfig, PollingConfig
from bot.errors import ParseError, UnsupportedBoard
from bot.http import Fetcher, build_client
from bot.models import FetchResult
from bot.poller import Poller, PollStores
from bot.sources import breezy, detect, detect_remote, icims, join, phenom, pinpoint
from bot.sources.contract import Context, Source, parse_recorded

FIXTURES = Path(__file__).parent / "fixtures"


def parsed(source: Source, result: FetchResult):
    return parse_recorded(source, result).postings


def probe_json(capsys, url: str, kind: str) -> list[dict]:
    assert main(["probe", url, "--kind", kind, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://quillfin.breezy.hr/", ("breezy", "https://quillfin.breezy.hr/json")),
        ("quillfin.breezy.hr/p/0a1b-rust", ("breezy", "https://quillfin.breezy.hr/json")),
        ("https://quillfin.pinpointhq.com/en/postings/1-2",
         ("pinpoint", "https://quillfin.pinpointhq.com/postings.json")),
        ("https://jobs.gem.com/quillfin/123",
         ("gem", "https://api.gem.com/job_board/v0/quillfin/job_posts/")),
        ("https://api.gem.com/job_board/v0/quillfin/job_posts/",
         ("gem", "https://api.gem.com/job_board/v0/quillfin/job_posts/")),
        ("https://join.com/companies/quillfin/601-backend-engineer",
         ("join", "https://join.com/companies/quillfin")),
        ("https://join.com/de/companies/quillfin", ("join", "https://join.com/companies/quillfin")),
        ("https://quillfin.jibeapply.com/jobs/1001",
         ("icims", "https://quillfin.jibeapply.com/api/jobs")),
        ("https://www.quillfinjobs.com/api/jobs?page=2",
         ("icims", "https://www.quillfinjobs.com/api/jobs")),
    ],
)  # fmt: skip
def test_public_urls_are_recognised(url: str, expected: tuple[str, str]) -> None:
    assert detect(url) == expected


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://careers-quillfin.icims.com/jobs/search", "classic iCIMS portal"),
        ("https://quillfin.eightfold.ai/careers?query=rust", "Eightfold career site"),
    ],
)
def test_recognised_but_unreadable_sites_get_one_clear_line(url: str, says: str) -> None:
    with pytest.raises(UnsupportedBoard) as caught:
        detect(url)
    assert says in str(caught.value) and "\n" not in str(caught.value)
    assert url in str(caught.value)


# --- breezy -------------------------------------------------------------------------------------


def test_breezy_portal_that_does_not_exist_is_a_clear_error() -> None:
    page = b"<html><body><h1>There's no career portal here</h1></body></html>"
    result = FetchResult(url="https://nobody.breezy.hr/json", body=page, content_type="text/html")
    with pytest.raises(ParseError, match=r"no Breezy career portal at https://nobody\.breezy\.hr"):
        parsed(breezy.Breezy(), result)


def test_probe_reads_a_breezy_portal(boards, capsys) -> None:
    boards.set("/json", (FIXTURES / "sources/breezy/positions.json").read_bytes())
    lines = probe_json(capsys, boards.url("/json"), "breezy")
    assert [x["title"] for x in lines] == ["Rust Engineer (Remote)", "Support Lead"]
    assert lines[0]["salary"] == {"min": 110000, "max": 140000, "currency": "USD", "period": "year"}


# --- pinpoint -----------------------------------------------------------------------------------


def test_pinpoint_error_names_the_shape() -> None:
    result = FetchResult(url="https://x.pinpointhq.com/postings.json", body=b'{"jobs": []}')
    with pytest.raises(ParseError, match="'data' list, got an object with keys jobs"):
        parsed(pinpoint.Pinpoint(), result)


def test_probe_reads_a_pinpoint_site(boards, capsys) -> None:
    boards.set("/postings.json", (FIXTURES / "sources/pinpoint/postings.json").read_bytes())
    lines = probe_json(capsys, boards.url("/postings.json"), "pinpoint")
    assert [x["id"] for x in lines] == ["700001", "700002"]
    assert lines[0]["url"].startswith("https://quillfin.pinpointhq.com/en/postings/")


# --- gem ----------------------------------------------------------------------------------------


def test_probe_reads_a_gem_board(boards, capsys) -> None:
    path = "/job_board/v0/quillfin/job_posts/"
    boards.set(path, (FIXTURES / "sources/gem/job_posts.json").read_bytes())
    lines = probe_json(capsys, boards.url(path), "gem")
    assert [x["title"] for x in lines] == ["Software Engineer", "Product Manager"]


# --- join ---------------------------------------------------------------------------------------


def test_join_page_without_its_state_is_a_clear_error() -> None:
    result = FetchResult(url="https://join.com/companies/x", body=b"<html><p>Hi</p></html>",
                         content_type="text/html")  # fmt: skip
    with pytest.raises(ParseError, match=r"JOIN company page .* got HTML"):
        parsed(join.Join(), result)


def test_probe_reads_every_page_of_a_join_company(boards, capsys) -> None:
    for n in (1, 2):
        html = (FIXTURES / f"sources/join/company_page{n}.html").read_bytes()
        boards.set("/companies/quillfin" + ("" if n == 1 else "?page=2"), html,
                   content_type="text/html")  # fmt: skip
    lines = probe_json(capsys, boards.url("/companies/quillfin"), "join")
    assert [x["id"] for x in lines] == ["501", "502", "503"]
    assert [p for p, _ in boards.requests] == ["/companies/quillfin", "/companies/quillfin?page=2"]


# --- icims (Jibe) -------------------------------------------------------------------------------


def test_probe_pages_through_a_jibe_site(boards, capsys) -> None:
    boards.set(
        "/api/jobs?page=1&limit=100", (FIXTURES / "sources/icims/jibe_page1.json").read_bytes()
    )
    boards.set(
        "/api/jobs?page=2&limit=100", (FIXTURES / "sources/icims/jibe_page2.json").read_bytes()
    )
    lines = probe_json(capsys, boards.url("/api/jobs"), "icims")
    assert [x["id"] for x in lines] == ["1001", "1002", "1003"]
    quality = lines[0]
    assert quality["url"] == boards.url("/jobs/1001?lang=en-us")
    assert quality["apply_url"] == "https://uscareers-quillfin.icims.com/jobs/1001/login"
    assert quality["location"] == "Plano, Texas; Porto, Portugal"  # multipleLocations
    assert quality["company"] == "Quillfin" and quality["posted_at"] == "2026-05-27T12:38:00Z"
    assert lines[1]["title"] == "Line Lead\u2011Nights"
    assert len(boards.requests) == 2  # totalCount reached: no third request


def test_jibe_starts_at_the_site_s_size_and_caps_the_pages_totalcount_asks() -> None:
    """The pages the recorded first page asks for are in the golden case icims/jibe_page1."""
    url = "https://www.quillfinjobs.com/api/jobs"
    source, ctx = icims.Icims(), Context(url=url)
    [start] = source.start(ctx)
    assert start.url == url + "?page=1&limit=100"
    body = json.loads((FIXTURES / "sources/icims/jibe_page1.json").read_text())  # 2 jobs of 3
    huge = FetchResult(start.url, body=json.dumps({**body, "totalCount": 10**6}).encode())
    capped = parse_recorded(source, huge, ctx, start).follow
    assert len(capped) == icims.MAX_PAGES - 1, "a page of 2 and a million jobs: capped"


def test_jibe_stops_at_an_empty_page_whatever_totalcount_says(boards, capsys) -> None:
    boards.set(
        "/api/jobs?page=1&limit=100", (FIXTURES / "sources/icims/jibe_page1.json").read_bytes()
    )
    boards.set_json("/api/jobs?page=2&limit=100", {"jobs": [], "totalCount": 3})
    assert len(probe_json(capsys, boards.url("/api/jobs"), "icims")) == 2
    assert len(boards.requests) == 2


# --- phenom -------------------------------------------------------------------------------------


def serve_phenom(boards) -> None:
    for offset, name in (
        (0, "sources/phenom/search_page1.json"),
        (2, "sources/phenom/search_page2.json"),
    ):
        request = phenom.search_body(boards.url("/au/en/"), offset)
        boards.set_post("/widgets", request, json.loads((FIXTURES / name).read_text()))


def test_probe_reads_a_phenom_site_in_its_locale(boards, capsys) -> None:
    serve_phenom(boards)
    lines = probe_json(capsys, boards.url("/au/en/"), "phenom")
    assert [x["id"] for x in lines] == ["R100", "R101", "R102"]
    sent = [body for _, body in boards.posted]
    assert [(b["from"], b["lang"], b["country"], b["ddoKey"]) for b in sent] == [
        (0, "en_au", "au", "refineSearch"), (2, "en_au", "au", "refineSearch")]  # fmt: skip
    assert {path for path, _ in boards.posted} == {"/widgets"}
    first = lines[0]
    assert first["url"] == boards.url("/au/en/job/R100")
    assert first["apply_url"].startswith("https://quillfin.wd3.myworkdayjobs.com/")
    assert (first["location"], first["posted_at"]) == (
        "Brisbane, Queensland, Australia", "2026-06-15T00:00:00Z")  # fmt: skip


def test_phenom_starts_with_one_post_to_the_site_s_widgets() -> None:
    """What its answers read and the offsets they ask for are in the golden cases phenom/*."""
    [start] = phenom.Phenom().start(Context(url="https://careers.quillfin.com/au/en"))
    assert (start.method, start.url) == ("POST", "https://careers.quillfin.com/widgets")
    assert start.json == phenom.search_body("https://careers.quillfin.com/au/en", 0)


# --- recognising a fetched page -----------------------------------------------------------------

PHENOM_PAGE = (
    '<html><head><script src="https://cdn.phenompeople.com/CareerConnectResources/app.js">'
    "</script></head><body>Careers</body></html>"
)
EIGHTFOLD_PAGE = (
    '<html><head><link href="https://static.vscdn.net/fonts/css/eightfold-font-base.css">'
    '</head><body><a href="https://quillfin.eightfold.ai/careerhub">Hub</a>'
    "<code>{&#34;domain&#34;: &#34;quillfin.com&#34;}</code></body></html>"
)


async def _detect(url: str) -> tuple[str, str]:
    async with build_client() as client:
        return await detect_remote(Fetcher(client), url)


async def test_a_phenom_site_on_its_own_domain_is_recognised_by_its_page(boards) -> None:
    boards.set("/us/en/", PHENOM_PAGE, content_type="text/html")
    assert await _detect(boards.url("/us/en/")) == ("phenom", boards.url("/us/en/"))


async def test_an_eightfold_site_on_its_own_domain_is_named_and_refused(boards) -> None:
    boards.set("/careers", EIGHTFOLD_PAGE, content_type="text/html")
    with pytest.raises(
        UnsupportedBoard, match=r"quillfin\.eightfold\.ai/careers is an Eightfold career site"
    ):
        await _detect(boards.url("/careers"))


async def test_a_board_configured_as_eightfold_fails_its_poll_with_the_one_line(
    boards, store, now
) -> None:
    boards.set("/careers", EIGHTFOLD_PAGE, content_type="text/html")
    url = boards.url("/careers")
    store.boards.sync_boards([BoardConfig("Quillfin", url, "eightfold", url, 60.0)], now)
    async with build_client() as client:
        outcome = await Poller(
            store.view(PollStores), Fetcher(client), PollingConfig(), lambda: None
        ).poll("Quillfin")
    assert outcome.status == "failed", outcome
    assert "is an Eightfold career site" in (outcome.error or "")
    assert "internal error" not in (outcome.error or "") and "\n" not in (outcome.error or "")
