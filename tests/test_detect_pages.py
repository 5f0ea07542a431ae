"""`jobbot detect`, `jobbot probe` and the admin's /addboard on a company's careers page, over
loopback: the page is fetched once and names its ATS board(s) (issue 11, §4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.config import PollingConfig
from bot.http import Fetcher, HostGuard, build_client
from bot.poller import Poller
from bot.scheduler import BoardScheduler
from bot.store import Stores
from bot.storing import PollStores
from bot.telegram.admin import AdminCommands
from tests.test_admin import ADMIN, say

FIXTURES = Path(__file__).parent / "fixtures" / "careers"
pytestmark = pytest.mark.timeout(30)


def _serve(boards, name: str, path: str = "/careers") -> str:
    boards.set(path, (FIXTURES / name).read_bytes(), content_type="text/html; charset=utf-8")
    return boards.url(path)


def test_detect_prints_each_board_a_careers_page_names(boards, capsys) -> None:
    url = _serve(boards, "group_links.html")
    assert main(["detect", url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "greenhouse\thttps://job-boards.eu.greenhouse.io/fernweb",
        "greenhouse\thttps://job-boards.eu.greenhouse.io/fernmail2",
        "personio\thttps://fernpay.jobs.personio.de",
        "greenhouse\thttps://job-boards.greenhouse.io/fernhold",
    ]
    assert [p for p, _ in boards.requests] == ["/careers"], "fetched once, nothing polled"


def test_detect_a_board_url_fetches_nothing(boards, capsys) -> None:
    assert main(["detect", "https://jobs.lever.co/cloudwalk"]) == 0
    assert capsys.readouterr().out == "lever\thttps://jobs.lever.co/cloudwalk\n"


def test_detect_names_a_platform_jobbot_cannot_read(boards, capsys) -> None:
    assert main(["detect", _serve(boards, "commented_out.html")]) == 0
    out = capsys.readouterr()
    assert out.out == "dayforce\thttps://usr12.dayforcehcm.com/CandidatePortal/en-us/pinecrest\n"
    assert "dayforce boards are not a kind jobbot reads yet" in out.err


def test_detect_says_when_a_page_names_no_board(boards, capsys) -> None:
    assert main(["detect", _serve(boards, "nothing.html")]) == 1
    assert "no job board, job feed or JobPosting data" in capsys.readouterr().err


def test_probe_reads_the_page_itself_when_it_has_job_postings(boards, capsys) -> None:
    assert main(["probe", _serve(boards, "jsonld_only.html")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("jsonld board at http://127.0.0.1:") and "Payments Engineer" in out


def test_probe_lists_the_boards_when_a_page_names_several(boards, capsys) -> None:
    assert main(["probe", _serve(boards, "group_links.html")]) == 1
    err = capsys.readouterr().err
    assert "names 4 boards: greenhouse https://job-boards.eu.greenhouse.io/fernweb;" in err
    assert "personio https://fernpay.jobs.personio.de" in err
    assert [p for p, _ in boards.requests] == ["/careers"]


def test_probe_says_which_platform_it_cannot_read(boards, capsys) -> None:
    assert main(["probe", _serve(boards, "commented_out.html")]) == 1
    err = capsys.readouterr().err
    assert "uses dayforce https://usr12.dayforcehcm.com/CandidatePortal/en-us/pinecrest" in err
    assert "jobvite" not in err, "the Jobvite embed sits in an HTML comment"


@pytest.fixture
async def admin(store: Stores):
    guard = HostGuard(allow_private=True)
    client = build_client(timeout=2.0, guard=guard)
    poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig())
    yield AdminCommands(store.db, poller, BoardScheduler(poller), lambda: (ADMIN,), 900.0, guard)
    await client.aclose()


async def test_addboard_takes_a_careers_page(admin, store, boards) -> None:
    page = _serve(boards, "jsonld_only.html", "/oakridge/careers")
    added = await admin.handle("addboard", say(ADMIN), f"{page} Oakridge")
    assert added.startswith("Added <b>Oakridge</b> (jsonld): 1 posting stored as its baseline")
    assert store.boards.board("Oakridge").endpoint == page


async def test_addboard_lists_the_boards_of_a_page_that_names_several(admin, store, boards) -> None:
    listed = await admin.handle("addboard", say(ADMIN), _serve(boards, "group_links.html"))
    assert "names 4 boards: greenhouse https://job-boards.eu.greenhouse.io/fernweb;" in listed
    assert "personio https://fernpay.jobs.personio.de" in listed
    assert store.boards.all() == [] and [p for p, _ in boards.requests] == ["/careers"]


async def test_addboard_fetches_no_careers_page_on_a_private_address(store, boards) -> None:
    async def resolve(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]  # a public-looking name that points into the private network

    guard = HostGuard(resolve=resolve)
    client = build_client(timeout=2.0, guard=guard)
    poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig())
    commands = AdminCommands(
        store.db, poller, BoardScheduler(poller), lambda: (ADMIN,), 900.0, guard
    )
    _serve(boards, "group_links.html")
    url = f"http://careers.acme.example:{boards.port}/careers"
    reply = await commands.handle("addboard", say(ADMIN), url)
    await client.aclose()
    assert "private or local address" in reply and boards.requests == []


def test_detect_names_json_as_json_and_a_redirect_to_a_sign_in_page(boards, capsys) -> None:
    """A JSON API jobbot does not know was "a body that is not JSON (application/json)"; a
    board moved behind a login was only "HTML" with nothing said of the redirect."""
    boards.set_json("/data/openings.json", {"hello": "world"})
    assert main(["detect", boards.url("/data/openings.json")]) == 1
    err = capsys.readouterr().err
    assert "is JSON (application/json) with no job board" in err and "not JSON" not in err
    boards.set("/careers", "", status=302, headers={"Location": "/login?next=/careers"})
    boards.set(
        "/login?next=/careers", "<html><body>Sign in</body></html>", content_type="text/html"
    )
    assert main(["detect", boards.url("/careers")]) == 1
    assert f"(redirected to {boards.url('/login?next=/careers')}: a sign-in page?) is HTML" in (
        capsys.readouterr().err
    )


def test_a_feed_named_xml_is_read_to_be_sure_of_its_kind(boards, capsys) -> None:
    """A Personio feed on a company's own domain ("/jobs.xml") was taken for RSS by its name,
    and /addboard then failed on it."""
    personio = Path(__file__).parent / "fixtures" / "sources" / "personio"
    xml = next(p for p in sorted(personio.iterdir()) if p.suffix == ".xml").read_bytes()
    boards.set("/jobs.xml", xml, content_type="application/xml")
    assert main(["detect", boards.url("/jobs.xml")]) == 0
    assert capsys.readouterr().out == f"personio\t{boards.url('/jobs.xml')}\n"  # was "rss"
    assert main(["detect", "https://example.com/careers/feed.xml"]) == 0  # no answer: its name
    assert capsys.readouterr().out.startswith("rss\thttps://example.com/careers/feed.xml")
