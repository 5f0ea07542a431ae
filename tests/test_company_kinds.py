"""Breezy, Pinpoint, Gem, JOIN, iCIMS Jibe, Phenom and Eightfold: URL recognition, clear errors,
`jobbot probe` on each kind's public URL shape over a loopback board. What each reads from a
recorded answer is in the golden cases (tests/fixtures/sources/<kind>)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from bot.cli import main
from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.crawl import crawl
from bot.errors import ParseError, UnsupportedBoard
from bot.http import Fetcher, build_client
from bot.intake import inline
from bot.models import FetchResult
from bot.poller import Poller
from bot.sources import (
    breezy,
    detect,
    detect_remote,
    eightfold,
    icims,
    join,
    phenom,
    pinpoint,
)
from bot.sources.contract import Context, Source, parse_recorded
from bot.sources.discover import detect_all
from bot.storing import PollStores

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
        ("https://quillfin.eightfold.ai/careers?query=rust",
         ("eightfold", "https://quillfin.eightfold.ai/careers")),
        ("quillfin.eightfold.ai/careers/job/563001?domain=quillfin.com",
         ("eightfold", "https://quillfin.eightfold.ai/careers?domain=quillfin.com")),
        ("https://explore.jobs.quillfin.net/api/apply/v2/jobs?domain=Quillfin.com&start=10&num=10",
         ("eightfold", "https://explore.jobs.quillfin.net/api/apply/v2/jobs?domain=quillfin.com")),
        ("https://jobs.quillfin.com/api/pcsx/search?domain=quillfin.com&query=rust",
         ("eightfold", "https://jobs.quillfin.com/api/pcsx/search?domain=quillfin.com")),
    ],
)  # fmt: skip
def test_public_urls_are_recognised(url: str, expected: tuple[str, str]) -> None:
    assert detect(url) == expected


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://careers-quillfin.icims.com/jobs/search", "classic iCIMS portal"),
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


async def test_an_eightfold_site_on_its_own_domain_is_read_through_the_domain_it_names(
    boards,
) -> None:
    boards.set("/careers", EIGHTFOLD_PAGE, content_type="text/html")
    expected = boards.url("/api/apply/v2/jobs?domain=quillfin.com")
    assert await _detect(boards.url("/careers")) == ("eightfold", expected)
    async with build_client() as client:  # what `jobbot detect` prints: the URL to configure
        [found] = await detect_all(Fetcher(client), boards.url("/careers"))
    assert (found.kind, found.url, found.endpoint) == ("eightfold", expected, expected)


async def test_an_eightfold_page_built_for_the_newer_hub_names_its_pcsx_api(boards) -> None:
    page = (
        '<html><head><link rel="stylesheet" href="https://static.vscdn.net/images/careers/demo/'
        'quillfin-pcsx/bootstrap-style.css"><script>window._EF_GROUP_ID = "quillfin.com";'
        '</script></head><body><a href="https://quillfin.eightfold.ai/careerhub">Hub</a>'
        "</body></html>"
    )
    boards.set("/careers", page, content_type="text/html")
    expected = ("eightfold", boards.url("/api/pcsx/search?domain=quillfin.com"))
    assert await _detect(boards.url("/careers")) == expected
    result = FetchResult(url=boards.url("/careers"), body=page.encode(), content_type="text/html")
    assert eightfold.Eightfold().recognise(result) == expected[1], "sniffed the same way"


async def test_an_eightfold_page_that_names_no_domain_says_how_to_add_it(boards) -> None:
    """With a link to its hub (read as a careers page) or without (sniffed: the Sentry host is
    Eightfold's own, no board), the answer says to add the site with its domain."""
    no_domain = EIGHTFOLD_PAGE.replace("domain", "site")
    sentry = '<script>init("https://vs-errors.eightfold.ai/api/5")</script></body>'
    alone = no_domain.replace('<a href="https://quillfin.eightfold.ai/careerhub">Hub</a>', "")
    boards.set("/careers", no_domain, content_type="text/html")
    boards.set("/jobs", alone.replace("</body>", sentry), content_type="text/html")
    for path in ("/careers", "/jobs"):
        with pytest.raises(UnsupportedBoard, match=r"names no site domain .*\?domain=acme\.com"):
            await _detect(boards.url(path))


EIGHTFOLD = FIXTURES / "sources" / "eightfold"
LIST = "/api/apply/v2/jobs?domain=quillfin.com&start={}&num=100"


def _eightfold_site(boards, list_p1: dict | None = None) -> str:
    """A loopback Eightfold site: its careers page, two list pages and every detail."""
    boards.set("/careers", (EIGHTFOLD / "careers_page.html").read_bytes(), content_type="text/html")
    p1 = list_p1 or json.loads((EIGHTFOLD / "list_p1.json").read_text())
    boards.set_json(LIST.format(0), p1)
    boards.set_json(LIST.format(3), json.loads((EIGHTFOLD / "list_p2.json").read_text()))
    detail = json.loads((EIGHTFOLD / "detail.json").read_text())
    for ident in range(563001, 563006):
        boards.set_json(
            f"/api/apply/v2/jobs/{ident}?domain=quillfin.com",
            detail | {"id": ident, "name": f"{detail['name']} {ident}"},
        )
    return boards.url("/careers")


async def _poll_once(store, now, url: str, name: str = "Quillfin"):
    store.boards.sync_boards([BoardConfig(name, url, "eightfold", url, 60.0)], now)
    async with build_client() as client:
        return await Poller(
            store.view(PollStores), Fetcher(client), PollingConfig(), lambda: None
        ).poll(name)


async def test_an_eightfold_board_reads_its_page_every_list_page_and_new_details(
    boards, store, now
) -> None:
    outcome = await _poll_once(store, now, _eightfold_site(boards))
    assert (outcome.status, outcome.seen) == ("baseline", 5), outcome
    paths = [path for path, _ in boards.requests]
    assert paths[:3] == ["/careers", LIST.format(0), LIST.format(3)]
    assert sorted(paths[3:]) == [
        f"/api/apply/v2/jobs/{n}?domain=quillfin.com" for n in range(563001, 563006)
    ]
    stored = {p.external_id: p for p in store.listings.board_postings("Quillfin")}
    assert sorted(stored) == [str(n) for n in range(563001, 563006)]
    rust = stored["563001"]
    assert rust.title == "Senior Backend Engineer (Rust) 563001"
    assert "• Build our ledger in Rust & PostgreSQL" in rust.description
    assert (rust.location, rust.workplace) == ("Berlin, Germany", "hybrid")
    assert rust.url == "https://careers.quillfin.com/careers/job/563001"


async def test_an_eightfold_site_that_turns_its_api_away_fails_in_one_line(
    boards, store, now
) -> None:
    """Read from its careers page, SmartApply names PCSX: the poll fails saying which URL
    reads it. Added by that API URL, PCSX is asked; when it is not enabled either, that fails
    in one line too."""
    url = _eightfold_site(boards, {"message": "Not authorized for PCSX"})
    outcome = await _poll_once(store, now, url)
    assert outcome.status == "failed", outcome
    pcsx = boards.url("/api/pcsx/search?domain=quillfin.com")
    assert f"(Eightfold said: Not authorized for PCSX); add the board as {pcsx}" in (
        outcome.error or ""
    )
    assert "\n" not in (outcome.error or "") and "internal error" not in (outcome.error or "")
    refused = {"message": "PCSX is not enabled for this user."}
    boards.set_json("/api/pcsx/search?domain=quillfin.com&start=0", refused)
    api = boards.url("/api/apply/v2/jobs?domain=quillfin.com")
    outcome = await _poll_once(store, now, api, "Quillfin API")
    assert outcome.status == "failed", outcome
    assert "turns its job API away (Eightfold said: PCSX is not enabled for this user.)" in (
        outcome.error or ""
    )
    assert "\n" not in (outcome.error or "") and "internal error" not in (outcome.error or "")


async def test_an_eightfold_site_on_the_newer_hub_is_read_through_pcsx(boards, store, now) -> None:
    """SmartApply says "Not authorized for PCSX": the same poll asks PCSX, and its details."""
    boards.set_json("/api/apply/v2/jobs?domain=quillfin.com&start=0&num=100", {
        "message": "Not authorized for PCSX"
    })  # fmt: skip
    listed = json.loads((EIGHTFOLD / "pcsx_p1.json").read_text())
    listed["data"]["count"] = 2
    boards.set_json("/api/pcsx/search?domain=quillfin.com&start=0", listed)
    detail = json.loads((EIGHTFOLD / "pcsx_detail.json").read_text())
    for ident in ("1970393556001", "1970393556002"):
        boards.set_json(
            f"/api/pcsx/position_details?position_id={ident}&domain=quillfin.com&hl=en", detail
        )
    outcome = await _poll_once(store, now, boards.url("/api/apply/v2/jobs?domain=quillfin.com"))
    assert (outcome.status, outcome.seen) == ("baseline", 2), outcome
    stored = {p.external_id: p for p in store.listings.board_postings("Quillfin")}
    go = stored["1970393556001"]
    assert go.title == "Backend Engineer, Payments (Go)" and go.workplace == "hybrid"
    assert "• Design payment services in Go" in go.description
    assert go.location == "Munich, Bavaria, Germany; Berlin, Germany"


@pytest.mark.parametrize(
    "answer",
    [
        {"positions": [None, "x", 7, {"name": "no id"}], "count": "many"},
        {"positions": [{"id": 1, "name": None, "locations": "Berlin", "t_create": "soon"}]},
        {"positions": [{"id": {"nested": 1}, "name": ["a"], "work_location_option": 3}]},
    ],
)
def test_odd_eightfold_answers_read_what_they_can(answer: dict) -> None:
    """Odd values are skipped or read as nothing: no exception but ParseError, ever."""
    url = "https://quillfin.eightfold.ai/api/apply/v2/jobs?domain=quillfin.com"
    result = FetchResult(url=url, body=json.dumps(answer).encode(), content_type="application/json")
    page = parse_recorded(eightfold.Eightfold(), result, Context(url=url))
    assert all(p.external_id and p.url.startswith("https://") for p in page.postings)
    assert all(not r.url.endswith("start=0") for r in page.follow), "no page asks for itself"


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"{}", b'{"data": null}', b"<html></html>"])
def test_an_eightfold_answer_of_another_shape_is_a_parse_error(body: bytes) -> None:
    for url in (
        "https://quillfin.eightfold.ai/api/apply/v2/jobs?domain=quillfin.com&start=0",
        "https://quillfin.eightfold.ai/api/pcsx/search?domain=quillfin.com&start=0",
        "https://quillfin.eightfold.ai/api/pcsx/position_details?position_id=1&domain=q.com",
    ):
        result = FetchResult(url=url, body=body, content_type="application/json")
        with pytest.raises(ParseError):
            parse_recorded(eightfold.Eightfold(), result, Context(url=url))


async def test_the_pages_a_first_page_names_are_asked_for_side_by_side() -> None:
    """Eightfold's first page names the three after it; two of them are in flight at once
    (the per-host limit), and the postings come back in page order all the same."""
    url = "https://quillfin.eightfold.ai/api/apply/v2/jobs?domain=quillfin.com"
    in_flight, both = 0, asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight
        start = int(request.url.params["start"])
        if start in (10, 20):  # the first two later pages: each waits until both arrived
            in_flight += 1
            if in_flight == 2:
                both.set()
            await asyncio.wait_for(both.wait(), timeout=10)
        positions = [{"id": start + i, "name": f"Job {start + i}"} for i in range(10)]
        return httpx.Response(200, json={"count": 40, "positions": positions})

    fetcher = Fetcher(httpx.AsyncClient(transport=httpx.MockTransport(handler)))
    source = eightfold.Eightfold()
    ctx = Context(url=url, known=frozenset(str(n) for n in range(40)))  # no details
    found = await crawl(fetcher, source, ctx, lambda r: inline(source.parse, r, ctx))
    assert [p.external_id for p in found.postings] == [str(n) for n in range(40)]
    assert both.is_set()
