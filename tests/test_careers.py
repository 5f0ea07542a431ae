"""Careers pages -> the boards behind them (`bot.careers.boards`): our own small pages, every
careers page of the shared corpus, and hostile markup at the cost of ordinary markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ats import Board, board_of
from bot.careers import boards
from tests.corpus import CORPUS as SHARED
from tests.test_hostile_markup import HOSTILE, MAX_RATIO, ORDINARY, SIZE, _fill, ratio

FIXTURES = Path(__file__).parent / "fixtures" / "careers"
CORPUS = SHARED / "careers_pages"
PAGE = "https://www.example.com/careers"

CASES: dict[str, list[tuple[str, str]]] = {
    "greenhouse_embed.html": [("greenhouse", "https://job-boards.greenhouse.io/quillfin")],
    "group_links.html": [
        ("greenhouse", "https://job-boards.eu.greenhouse.io/fernweb"),
        ("greenhouse", "https://job-boards.eu.greenhouse.io/fernmail2"),
        ("personio", "https://fernpay.jobs.personio.de"),
        ("greenhouse", "https://job-boards.greenhouse.io/fernhold"),
    ],
    "script_calls.html": [
        ("ashby", "https://jobs.ashbyhq.com/tallow.io"),
        ("lever", "https://jobs.eu.lever.co/tallow-eu"),
    ],
    "every_platform.html": [
        ("workday", "https://birchline.wd3.myworkdayjobs.com/en-US/Birchline_Careers"),
        ("bamboohr", "https://copperhill.bamboohr.com/careers"),
        ("rippling", "https://ats.rippling.com/dunmore/jobs"),
        ("join", "https://join.com/companies/elmwood"),
        ("breezy", "https://fallow.breezy.hr/"),
        ("pinpoint", "https://gristle.pinpointhq.com/"),
        ("smartrecruiters", "https://jobs.smartrecruiters.com/Hemlock2"),
        ("recruitee", "https://ironbark.recruitee.com"),
        ("teamtailor", "https://juniper.teamtailor.com/jobs"),
        ("workable", "https://apply.workable.com/kestrel-labs"),
        ("ashby", "https://jobs.ashbyhq.com/Larch%20Digital"),
        ("lever", "https://jobs.lever.co/mossgate"),
    ],
    "workable_embed.html": [
        ("workable", "https://apply.workable.com/api/v1/widget/accounts/812345")
    ],
    "teamtailor_own_domain.html": [("teamtailor", "https://www.example.com/jobs.rss")],
    "teamtailor_untitled_feed.html": [("teamtailor", "https://www.example.com/jobs.rss")],
    "jobvite_embed.html": [("jobvite", "https://jobs.jobvite.com/acmecorp")],  # a div, no link
    "jsonld_only.html": [("jsonld", PAGE)],
    "commented_out.html": [
        ("dayforce", "https://usr12.dayforcehcm.com/CandidatePortal/en-us/pinecrest")
    ],
    "nothing.html": [],
}

# Every careers page of the shared corpus and the boards it names (boards.md §24).
CORPUS_CASES: dict[str, list[tuple[str, str]]] = {
    "avidxchange_wp_job_openings_template_dayforce_iframe_jobvite_embed.php": [
        ("dayforce", "https://usr54.dayforcehcm.com/CandidatePortal/en-us/avidxchange")
    ],
    "nicholasbraun_accurx_careers_ashby_api_fetch.html": [
        ("ashby", "https://jobs.ashbyhq.com/accurx")
    ],
    "nicholasbraun_degreed_careers_greenhouse_links.html": [
        ("greenhouse", "https://job-boards.greenhouse.io/degreed")
    ],
    "nicholasbraun_dexory_career_greenhouse_api_fetch.html": [
        ("greenhouse", "https://job-boards.greenhouse.io/dexory")
    ],
    "nicholasbraun_gtlaw_berlin_karriere_workday_link.html": [
        ("workday", "https://gtlaw.wd1.myworkdayjobs.com/GTLAW")
    ],
    "nicholasbraun_ionos_group_karriere_greenhouse_eu_links.html": [
        ("greenhouse", "https://job-boards.eu.greenhouse.io/homepl2"),
        ("greenhouse", "https://job-boards.eu.greenhouse.io/strato"),
    ],
    "nicholasbraun_medivise_jobs_join_widget.html": [
        ("join", "https://join.com/api/widget/bundle/")
    ],
    "nicholasbraun_nexcess_careers_rippling_link.html": [
        ("rippling", "https://ats.rippling.com/nexcess/jobs")
    ],
    "nicholasbraun_playlist_careers_personio_link.html": [
        ("personio", "https://egym.jobs.personio.de")
    ],
    "nicholasbraun_shiftmove_job_board_workable_embed.html": [
        ("workable", "https://apply.workable.com/api/v1/widget/accounts/670249")
    ],
    "octiv2016_wp_careers_template_greenhouse_embed.php": [
        ("greenhouse", "https://job-boards.greenhouse.io/octiv")
    ],
}


def _found(path: Path) -> list[tuple[str, str]]:
    return [(b.kind, b.url) for b in boards(path.read_text(errors="replace"), PAGE)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_careers_page_names_its_boards(name: str) -> None:
    assert _found(FIXTURES / name) == CASES[name]


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(CASES)


def _corpus() -> list:
    if not CORPUS.is_dir():
        reason = f"shared corpus not found at {CORPUS}"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-corpus")]
    return [pytest.param(p, id=p.name) for p in sorted(CORPUS.iterdir())]


@pytest.mark.parametrize("path", _corpus())
def test_every_corpus_careers_page(path: Path) -> None:
    expected = CORPUS_CASES.get(path.name)
    assert expected is not None, f"no expected boards for new corpus page {path.name}"
    found = _found(path)
    # A JOIN widget's URL carries a long token; the rest must match exactly.
    assert [(k, u[: len(e)]) for (k, u), (_, e) in zip(found, expected, strict=False)] == expected
    assert len(found) == len(expected)


@pytest.mark.parametrize(
    "url",
    [
        "https://boards.greenhouse.io/",
        "https://job-boards.greenhouse.io/embed/job_board?for=",
        "https://jobs.lever.co/${site}",
        "https://jobs.ashbyhq.com/{{ board }}",
        "https://www.workable.com/assets/embed.js",
        "https://apply.workable.com/j/A1B2C3D4E5",
        "https://www.recruitee.com/",
        "https://api.smartrecruiters.com/v1/companies/",
        "https://gtlaw.wd1.myworkdayjobs.com/en-US",
        "https://ats.rippling.com/api/v2/",
        "ftp://jobs.lever.co/acme",
        "https://jobs.lever.co.evil.example/acme",
    ],
)
def test_links_that_name_no_board(url: str) -> None:
    assert board_of(url) is None


def test_api_links_give_the_public_board() -> None:
    assert board_of("https://boards-api.eu.greenhouse.io/v1/boards/acme/jobs") == Board(
        "greenhouse", "https://job-boards.eu.greenhouse.io/acme"
    )
    assert board_of("https://api.rippling.com/x") is None
    assert board_of("https://ats.rippling.com/api/v2/board/acme/jobs?page=0") == Board(
        "rippling", "https://ats.rippling.com/acme/jobs"
    )
    assert board_of("https://api.eu.lever.co/v0/postings/acme?mode=json") == Board(
        "lever", "https://jobs.eu.lever.co/acme"
    )


SCRIPT_HOSTILE = {
    "open-block-comments": "<script>" + _fill("/*a ", SIZE - 8),
    "slashes": "<script>" + _fill("//a.b", SIZE - 8),
    "dotted-host": "<script>//" + _fill("a.", SIZE - 10),
    "escaped-slashes": "<script>" + _fill("https:\\/\\/x", SIZE - 8),
}


@pytest.mark.parametrize("kind", [*HOSTILE, *SCRIPT_HOSTILE])
def test_hostile_pages_cost_what_ordinary_ones_do(kind: str) -> None:
    hostile = SCRIPT_HOSTILE[kind] if kind in SCRIPT_HOSTILE else HOSTILE[kind]()
    ordinary = ORDINARY if kind in HOSTILE else "<script>" + _fill("var a = 'x';\n", SIZE - 8)
    assert ratio(lambda page: boards(page, PAGE), hostile, ordinary) < MAX_RATIO
