"""The multi-request kinds (workday, bamboohr, rippling, teamtailor) over a loopback board: one
crawl sends their pages and details; a detail that fails keeps its posting from the list."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from bot.cli import main
from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.crawl import Crawl, crawl
from bot.http import Fetcher, build_client
from bot.intake import Read, fetch_and_read
from bot.models import BoardInfo
from bot.poller import Poller
from bot.sources.bamboohr import BambooHR
from bot.sources.contract import Context, Page, Response, Source
from bot.sources.greenhouse import Greenhouse
from bot.sources.rippling import Rippling
from bot.sources.teamtailor import Teamtailor
from bot.sources.workday import Workday
from bot.store import Stores
from bot.storing import PollStores
from tests.board_server import BoardServer
from tests.test_poller import gh_job

FIXTURES = Path(__file__).parent / "fixtures"
CXS = "/wday/cxs/acmedairy/Acme_Careers"
PATH_GH = "/v1/boards/acme/jobs"
P1 = {"appliedFacets": {}, "limit": 20, "offset": 0, "searchText": ""}


def fixture(name: str) -> object:
    return json.loads((FIXTURES / name).read_text())


async def run(source: Source, url: str, known: frozenset[str] = frozenset()):
    async def parse(response: Response) -> Page:
        return source.parse(response, ctx)

    ctx = Context(board="Acme", url=url, known=known)
    async with httpx.AsyncClient() as client:
        fetcher = Fetcher(client)
        async with fetcher.deadline(10):
            return await crawl(fetcher, source, ctx, parse)


def serve_workday(boards: BoardServer) -> None:
    boards.set_post(f"{CXS}/jobs", P1, fixture("sources/workday/jobs_p1.json"))
    boards.set_post(f"{CXS}/jobs", {**P1, "offset": 20}, fixture("sources/workday/jobs_p2.json"))
    detail = fixture("sources/workday/detail.json")
    boards.set_json(f"{CXS}/job/Springfield-IL/Cheese-Maker_JR-145", detail)


async def test_workday_crawl_posts_pages_and_fetches_details_of_new_postings_only(boards) -> None:
    serve_workday(boards)
    known = frozenset({"JR-101", "JR-77", "JR-120-1", "JR-130"})
    done = await run(Workday(), boards.url(f"{CXS}/jobs"), known)
    by_id = {p.external_id: p for p in done.postings}
    assert set(by_id) == known | {"JR-145", "JR-150"}
    assert [body["offset"] for _, body in boards.posted] == [0, 20]
    gets = [path for path, _ in boards.requests if not path.endswith("/jobs")]
    assert sorted(gets) == [f"{CXS}/job/Springfield-IL/Cheese-Maker_JR-145",
                            f"{CXS}/job/Springfield-IL/Quality-Lead_JR-150"]  # fmt: skip
    assert not by_id["JR-145"].partial and "Make cheese" in by_id["JR-145"].description_html
    # JR-150's detail answered 404: kept from the list, partial, asked again next poll
    assert by_id["JR-150"].partial and by_id["JR-150"].title == "Quality Lead"
    assert done.incomplete == {"JR-150"}
    assert all(by_id[i].partial for i in known)


async def test_a_429_on_details_still_returns_every_listed_posting(boards) -> None:
    serve_workday(boards)
    boards.set(f"{CXS}/job/Springfield-IL/Cheese-Maker_JR-145", b"{}", status=429)
    boards.set(f"{CXS}/job/Springfield-IL/Quality-Lead_JR-150", b"{}", status=429)
    done = await run(Workday(), boards.url(f"{CXS}/jobs"))
    assert len(done.postings) == 6, "a baseline poll still sees every posting it listed"
    assert done.incomplete and all(p.partial for p in done.postings)


async def test_bamboohr_crawl_keeps_an_opening_whose_detail_fails(boards) -> None:
    boards.set_json("/careers/list", fixture("sources/bamboohr/list.json"))
    boards.set_json("/careers/9/detail", fixture("sources/bamboohr/detail.json"))
    boards.set("/careers/12/detail", b'{"type":"not_found"}', status=404)
    done = await run(BambooHR(), boards.url("/careers/list"), frozenset({"7"}))
    by_id = {p.external_id: p for p in done.postings}
    assert set(by_id) == {"7", "9", "12"}
    assert not by_id["9"].partial and by_id["9"].posted_at == "2026-02-20"
    assert by_id["12"].partial and by_id["12"].title == "Support Engineer"
    assert done.incomplete == {"12"}
    assert by_id["9"].url == boards.url("/careers/9")


async def test_rippling_crawl_reads_every_page_and_new_details(boards) -> None:
    api = "/api/v2/board/initech/jobs"
    boards.set_json(api, fixture("sources/rippling/jobs_p0.json"))
    boards.set_json(f"{api}?page=1", fixture("sources/rippling/jobs_p1.json"))
    detail = fixture("sources/rippling/detail.json")
    boards.set_json(f"{api}/{detail['uuid']}", detail)
    done = await run(Rippling(), boards.url(api))
    by_id = {p.external_id: p for p in done.postings}
    assert len(by_id) == 3
    assert by_id[detail["uuid"]].company == "Initech"
    assert len(done.incomplete) == 2, "the two details not served are asked again next poll"


async def test_teamtailor_on_its_own_domain_reads_the_feed_its_page_links(boards) -> None:
    boards.set(
        "/careers",
        (FIXTURES / "sources/teamtailor/page.html").read_bytes(),
        content_type="text/html",
    )
    boards.set("/jobs.rss", (FIXTURES / "sources/teamtailor/jobs.rss").read_bytes(),
               content_type="application/rss+xml")  # fmt: skip
    done = await run(Teamtailor(), boards.url("/careers"))
    assert [p.title for p in done.postings] == ["Compression Engineer", "Office Manager"]
    assert [path for path, _ in boards.requests] == ["/careers", "/jobs.rss"]


# --- through the poller and the store: baseline, partial postings, details owed -----------------


@pytest.fixture
async def poller(store: Stores):
    client = build_client(timeout=2.0)
    yield Poller(store.view(PollStores), Fetcher(client), PollingConfig(), lambda: None)
    await client.aclose()


@pytest.mark.parametrize("kind", ["workday", "bamboohr"])
async def test_a_baseline_with_failed_details_baselines_every_posting_and_fills_them_later(
    kind: str, poller: Poller, store: Stores, boards: BoardServer, now
) -> None:
    if kind == "workday":
        serve_workday(boards)
        url, detail = boards.url(f"{CXS}/jobs"), f"{CXS}/job/Springfield-IL/Cheese-Maker_JR-145"
        served, key = fixture("sources/workday/detail.json"), "Acme:JR-145"
    else:
        boards.set_json("/careers/list", fixture("sources/bamboohr/list.json"))
        url, detail = boards.url("/careers/list"), "/careers/9/detail"
        served, key = fixture("sources/bamboohr/detail.json"), "Acme:9"
    store.boards.sync_boards([BoardConfig("Acme", url, kind, url, 60.0)], now)
    store.users.subscribe(7, now)
    store.alerts.add_alert(7, "cheese OR roaster OR engineer OR lead", now)
    boards.set(detail, b"{}", status=429)
    first = await poller.poll("Acme")
    listed = len(store.listings.board_postings("Acme"))
    assert first.status == "baseline" and listed == first.seen >= 3, "every listed posting"
    assert store.listings.posting(key).description == ""
    assert "JR-145" not in store.postings.known_ids("Acme") and "9" not in (
        store.postings.known_ids("Acme")
    ), "stored without its detail: owed, so not known"
    boards.set_json(detail, served)
    second = await poller.poll("Acme", force=True)
    assert (second.status, second.new, second.enqueued) == ("ok", 0, 0), "old jobs stay old"
    assert sum(path == detail for path, _ in boards.requests) == 2, "the owed detail, again"
    assert store.listings.posting(key).description, "filled in on the later poll"
    assert key.split(":")[1] in store.postings.known_ids("Acme"), "stored whole now"
    assert len(store.listings.board_postings("Acme")) == listed


def test_probe_reads_each_kind_over_loopback(boards: BoardServer, capsys) -> None:
    serve_workday(boards)
    boards.set_json("/careers/list", fixture("sources/bamboohr/list.json"))
    boards.set_json("/careers/9/detail", fixture("sources/bamboohr/detail.json"))
    api = "/api/v2/board/initech/jobs"
    boards.set_json(api, fixture("sources/rippling/jobs_p0.json"))
    boards.set_json(f"{api}?page=1", fixture("sources/rippling/jobs_p1.json"))
    boards.set(
        "/careers",
        (FIXTURES / "sources/teamtailor/page.html").read_bytes(),
        content_type="text/html",
    )
    boards.set("/jobs.rss", (FIXTURES / "sources/teamtailor/jobs.rss").read_bytes())
    for kind, path, count in [("workday", f"{CXS}/jobs", 6), ("bamboohr", "/careers/list", 3),
                              ("rippling", api, 3), ("teamtailor", "/careers", 2)]:  # fmt: skip
        assert main(["probe", boards.url(path), "--kind", kind, "--json"]) == 0
        lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
        assert len(lines) == count, kind
        assert all(x["title"] and x["url"].startswith("http") for x in lines), kind


async def test_what_a_board_has_stored_is_read_once_it_changed_and_reaches_its_parse(
    boards: BoardServer,
) -> None:
    """`fetch_and_read` reads the ids stored for a board (`known`) and their fingerprints
    (`stored`) once it has answered with something new: the parse asks no detail for a known
    id. A 304 reads neither (most polls: the store is not asked for every board each cycle)."""
    boards.set_json("/careers/list", fixture("sources/bamboohr/list.json"))
    boards.set_json("/careers/9/detail", fixture("sources/bamboohr/detail.json"))
    boards.set_json(PATH_GH, {"jobs": [gh_job(1)]})
    reads: list[str] = []

    def known() -> frozenset[str]:
        reads.append("known")
        return frozenset({"7", "12"})

    def stored() -> dict[str, str]:
        reads.append("stored")
        return {}

    async def read(kind: Source, url: str, etag: str | None = None) -> Read | Crawl:
        info = BoardInfo("Acme", kind.kind, url)
        async with httpx.AsyncClient() as client:
            fetcher = Fetcher(client)
            async with fetcher.deadline(10):
                return await fetch_and_read(
                    fetcher, kind, Context("Acme", url), info, stored=stored, known=known,
                    etag=etag,
                )  # fmt: skip

    listed = await read(BambooHR(), boards.url("/careers/list"))
    details = [path for path, _ in boards.requests if path.endswith("/detail")]
    assert isinstance(listed, Read) and details == ["/careers/9/detail"]
    assert reads == ["known", "stored"]
    first = await read(Greenhouse(), boards.url(PATH_GH))
    assert isinstance(first, Read) and first.crawl.etag and reads[2:] == ["known", "stored"]
    again = await read(Greenhouse(), boards.url(PATH_GH), etag=first.crawl.etag)
    assert isinstance(again, Crawl) and again.not_modified and len(reads) == 4
