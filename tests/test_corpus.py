"""Every parser over the shared corpus of real responses (not ours to publish, so not copied here).

Run with -s to see, per file, how many postings came out and how many have each field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import careers
from bot.models import BoardInfo, FetchResult
from bot.normalize import posting
from bot.sources import get
from bot.sources.contract import Context, parse_recorded
from bot.sources.discover import sniff
from tests.corpus import CORPUS

# The folder's kind, unless a file is listed here with its own (kind, options).
FOLDER_KINDS = {
    "greenhouse": "greenhouse",
    "lever": "lever",
    "ashby": "ashby",
    "smartrecruiters": "smartrecruiters",
    "workable": "workable",
    "recruitee": "recruitee",
    "personio": "personio",
    "remoteok": "remoteok",
    "rss": "rss",
    "hn": "hn",
    "jsonld": "jsonld",  # a Teamtailor JSON feed whose items carry `_jobposting`
    "getro": "jsonld",  # a Getro job card: schema.org microdata
    "workday": "workday",
    "teamtailor": "teamtailor",
    "bamboohr": "bamboohr",
    "rippling": "rippling",
    "breezy": "breezy",
    "pinpoint": "pinpoint",
    "gem": "gem",
    "join": "join",  # a company page and a job page: both embed their jobs
    "icims": "icims",
    "phenom": "phenom",
}
# Folders of careers pages that hold no jobs, whose site loads them from an API: each page must
# be recognised as its kind, with the endpoint it names.
SITE_PAGES = {"eightfold": ("eightfold", "/api/pcsx/search?domain=infineon.com")}
# Folders that are not boards, checked by another test (named), so a new, unknown folder still
# fails the mapping test below.
ELSEWHERE = {
    "careers_pages": "company pages that name their ATS, not boards: tests/test_careers.py "
    "checks `detect` names the right board on each",
}
LEVER_PAGE = {"item": ".posting-header", "title": "h2", "link": "a", "location": ".location"}
FILE_KINDS = {
    # A saved Lever job page (no JSON-LD): the html kind with selectors for its header.
    "lever_hosted_page_CIandT_saved.html": ("html", {"selectors": LEVER_PAGE}),
    # Teamtailor job pages on custom domains: the feed they link is the board; the page itself
    # is one JobPosting (JSON-LD).
    "nicholasbraun_teamtailor_fifthdimensionai_job_4876297_page.html": ("jsonld", {}),
    "nicholasbraun_teamtailor_moove_job_8041975_page.html": ("jsonld", {}),
}
# The board a recorded answer came from, where the answer alone does not say (Workday lists
# give paths relative to their site), by the file name's start.
BOARD_URLS = {
    "shellrazer_begacheese": "https://begacheese.wd3.myworkdayjobs.com/Bega_Careers",
    "shellrazer_saputo": "https://saputo.wd5.myworkdayjobs.com/Saputo_External_Careers",
}
CONTENT_TYPES = {".json": "application/json", ".xml": "application/xml", ".html": "text/html"}


def _cases() -> list:
    if not CORPUS.is_dir():
        reason = f"shared corpus not found at {CORPUS}"
        return [pytest.param(None, None, {}, marks=pytest.mark.skip(reason=reason), id="no-corpus")]
    cases = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for file in sorted(f for f in folder.iterdir() if f.is_file()):
            kind, options = FILE_KINDS.get(file.name, (FOLDER_KINDS.get(folder.name), {}))
            if folder.name in SITE_PAGES or folder.name in ELSEWHERE:
                continue
            if kind is None:  # (the mapping test fails too)
                skip = pytest.mark.skip(reason=f"{folder.name}: no kind is mapped to this folder")
                cases.append(pytest.param(None, file, {}, marks=skip, id=folder.name))
                continue
            cases.append(pytest.param(kind, file, options, id=f"{folder.name}/{file.name}"))
    return cases


def test_every_corpus_folder_is_mapped():
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    unmapped = folders - set(FOLDER_KINDS) - set(ELSEWHERE) - set(SITE_PAGES)
    assert not unmapped, f"unmapped corpus folders: {unmapped}"


@pytest.mark.parametrize(("kind", "path", "options"), _cases())
def test_corpus_file_parses(kind: str, path: Path, options: dict):
    url = f"https://corpus.invalid/{path.parent.name}/{path.name}"
    result = FetchResult(
        url=url, body=path.read_bytes(), content_type=CONTENT_TYPES.get(path.suffix, "")
    )
    source = get(kind)
    board_url = next((u for k, u in BOARD_URLS.items() if path.name.startswith(k)), url)
    ctx = Context(url=source.endpoint(board_url) or url, options=options)
    raws = parse_recorded(source, result, ctx).postings
    board = BoardInfo(name=path.stem, kind=kind, url=url)
    postings = [posting(raw, board) for raw in raws]

    def count(field: str) -> int:
        return sum(1 for p in postings if getattr(p, field))

    own_company = sum(1 for raw in raws if raw.company and raw.company.strip())
    print(
        f"\n{path.parent.name}/{path.name} ({kind}): {len(postings)} postings; with title "
        f"{count('title')}, url {count('url')}, company from source {own_company}, location "
        f"{count('location')}, date {count('posted_at')}, description {count('description')}"
    )
    assert postings, f"{path.name} gave no postings"
    assert len({p.key for p in postings}) == len(postings), "duplicate ids left in"
    for p in postings:
        assert p.title, f"{p.key} has no title"
        assert p.url.startswith(("http://", "https://")), f"{p.key} has no absolute URL: {p.url!r}"
        assert "#" not in p.url and "utm_" not in p.url, f"{p.key} URL not canonical: {p.url}"
        assert p.posted_at is None or p.posted_at.tzinfo is not None
        assert "Please mention the word" not in p.description, "Remote OK canary left in"
        assert "â€" not in p.description and "â\x80" not in p.description, "mojibake left in"


def _site_pages() -> list:
    if not CORPUS.is_dir():
        reason = f"shared corpus not found at {CORPUS}"
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=reason), id="no-corpus")]
    return [
        pytest.param(file, SITE_PAGES[name], id=f"{name}/{file.name}")
        for name in sorted(SITE_PAGES)
        for file in sorted((CORPUS / name).iterdir())
    ]


@pytest.mark.parametrize(("path", "expected"), _site_pages())
def test_corpus_careers_page_is_recognised_as_its_site(path: Path, expected: tuple[str, str]):
    """A careers page whose jobs load from its site's API names that API, both when it is
    read as a careers page and when it is sniffed as a page of its kind."""
    kind, endpoint = expected
    url = "https://careers.example.com/careers"
    result = FetchResult(url=url, body=path.read_bytes(), content_type="text/html")
    assert sniff(result) == (kind, "https://careers.example.com" + endpoint)
    assert careers.boards(result.text, url) == [careers.Board(kind, url)], "the page itself"
