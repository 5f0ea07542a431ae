"""Pathological markup costs about what ordinary markup of the same size costs (issue 12, #7).

Each test times one of our HTML paths on a hostile input and on an ordinary one of the same
size, and asserts on the ratio of their CPU times (never on a wall-clock time; see
`tests.cputime`). The old regex and html.parser code took seconds on these sizes (quadratic),
a hundred times the ordinary input and more.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import pytest

from bot.models import BoardInfo, FetchResult, RawPosting
from bot.normalize import html_to_text, page_text, posting, tree
from bot.sources import get
from bot.sources.base import page_markup
from bot.sources.contract import Context, parse_recorded
from bot.sources.discover import sniff
from bot.sources.getro import next_data
from bot.sources.hn import _first_line
from tests import cputime

SIZE = 32 * 1024
MAX_RATIO = 20


def _fill(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


HOSTILE: dict[str, Callable[[], str]] = {
    "malformed-quotes": lambda: _fill("<a x=\"1' y='2 <b c=\"3 "),
    "open-a": lambda: _fill("<a "),
    "unclosed-p": lambda: _fill("<p>"),
    "deep-nesting": lambda: "<div>" * (SIZE // 11) + "x" + "</div>" * (SIZE // 11),
    "deep-unknown-ends": lambda: "<span>" * (SIZE // 10) + "</x>" * (SIZE // 10),
    "huge-attribute": lambda: '<p><a href="' + _fill("x", SIZE - 24) + '">link</a></p>',
    "long-comment": lambda: "<p>a</p><!--" + _fill("x -- ", SIZE - 15) + "-->",
    "open-comment": lambda: "<p>a</p>" + _fill("<!-- x ", SIZE - 8),
    "open-script": lambda: "<p>a</p><script>" + _fill("if (a<b) { s = '<p>'; }\n", SIZE - 16),
    "open-tags-named": lambda: _fill("<nav <link <script <div "),
}
ORDINARY = _fill(
    "<p>You will build <b>services</b> that move money, with "
    '<a href="https://example.com/team">our team</a> &amp; partners.</p>'
    "<ul><li>Rust or Go</li><li>SQL &lt;3</li></ul><h3>About us</h3>\n"
)
# An HN comment's first line ends at the first <p>: an ordinary one, as long, has none.
ORDINARY_LINE = _fill('Acme | <a href="https://acme.example">Engineer</a> &amp; more | ')
_JOB = json.dumps({"@context": "https://schema.org", "@type": "JobPosting", "title": "Engineer"})
_HEAD = f'<html><head><script type="application/ld+json">{_JOB}</script></head><body><main>'
# A page without JobPosting data, with a <link>: detect looks for a linked feed in it.
_LINK_HEAD = '<html><head><link rel="stylesheet" href="/s.css"></head><body>'
_ITEM = '<li class="job"><h3><a href="/jobs/{i}">Engineer {i}</a></h3></li>'


def ratio(path: Callable[[str], object], hostile: str, ordinary: str = ORDINARY) -> float:
    """How many times longer `path` takes on `hostile` than on `ordinary` (of its size)."""
    assert abs(len(hostile) - len(ordinary)) < len(ordinary) // 10
    return cputime.ratio(lambda: path(hostile), lambda: path(ordinary))


def _page(body: str, head: str = _HEAD) -> FetchResult:
    text = head + "".join(_ITEM.format(i=i) for i in range(3)) + body + "</main></body></html>"
    return FetchResult(url="https://example.com/jobs", body=text.encode(), content_type="text/html")


def _description(markup: str) -> object:
    raw = RawPosting(
        external_id="1", title="t", url="https://example.com/1", description_html=markup
    )
    return posting(raw, BoardInfo(name="b", kind="greenhouse", url="https://example.com/"))


PATHS: dict[str, Callable[[str], object]] = {
    "description": _description,
    "page-text": page_text,
    "jsonld-page": lambda body: parse_recorded(get("jsonld"), _page(body)),
    "html-scrape": lambda body: parse_recorded(
        get("html"),
        _page(body),
        Context(options={"selectors": {"item": "li.job", "title": "h3", "link": "a"}}),
    ),
    "detect-sniff": lambda body: sniff(_page(body, head=_LINK_HEAD)),
    "getro-next-data": next_data,
    "hn-first-line": _first_line,
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_html_to_text_is_linear_on_hostile_markup(kind):
    assert ratio(html_to_text, HOSTILE[kind]()) < MAX_RATIO


@pytest.mark.parametrize("path", [p for p in PATHS if p != "description"])
@pytest.mark.parametrize("kind", ["malformed-quotes", "open-a", "deep-nesting", "open-tags-named"])
def test_every_html_path_is_linear_on_hostile_markup(path, kind):
    ordinary = ORDINARY_LINE if path == "hn-first-line" else ORDINARY
    assert ratio(PATHS[path], HOSTILE[kind](), ordinary) < MAX_RATIO


@pytest.mark.parametrize("kind", ["unclosed-p", "deep-unknown-ends", "open-script"])
def test_pages_are_linear_on_hostile_markup(kind):
    assert ratio(PATHS["jsonld-page"], HOSTILE[kind]()) < MAX_RATIO
    assert ratio(PATHS["html-scrape"], HOSTILE[kind]()) < MAX_RATIO


def test_a_page_of_unclosed_tags_is_linear():
    """html.parser, the old page parser, took over 90 s on a megabyte of these."""
    size = 256 * 1024
    hostile, ordinary = _fill("<p>", size), _fill(ORDINARY, size)
    assert ratio(PATHS["jsonld-page"], hostile, ordinary) < MAX_RATIO


@pytest.mark.parametrize("unit", ["<div>", "<span></x>"])
def test_deep_nesting_is_linear(unit):
    """lexbor's tree builder scans the open elements for many tags: quadratic in the depth,
    unless `tree.shallow` caps it as browsers do."""
    size = 256 * 1024
    hostile, ordinary = _fill(unit, size), _fill(ORDINARY, size)
    assert ratio(html_to_text, hostile, ordinary) < MAX_RATIO


def test_deep_nesting_keeps_its_text():
    deep = "<div>" * 5000 + "<p>bottom</p>" + "</div>" * 5000 + "<p>after</p>"
    assert html_to_text(deep) == "bottom\n\nafter"
    assert tree.shallow("<div>" * 10) == "<div>" * 10  # few tags: left alone


def test_a_long_description_is_cut_and_logged_once_per_board(caplog):
    long = "<p>" + "word " * (tree.MAX_DESCRIPTION // 5) + "</p><p>tail</p>"
    info = BoardInfo(name="cut-board", kind="greenhouse", url="https://example.com/")
    raws = [
        RawPosting(external_id=str(i), title="t", url=f"https://e.com/{i}", description_html=long)
        for i in range(3)
    ]
    with caplog.at_level(logging.WARNING, logger="bot.normalize.tree"):
        texts = [posting(raw, info).description for raw in raws]
    assert all(text.startswith("word word") and "tail" not in text for text in texts)
    assert len(texts[0]) <= tree.MAX_DESCRIPTION
    cuts = [r for r in caplog.records if "cut-board" in r.getMessage()]
    assert len(cuts) == 1
    assert "description" in cuts[0].getMessage()


def test_a_huge_page_is_cut_before_parsing_and_logged_once(caplog):
    page = "<p>job</p>" * (tree.MAX_PAGE // 10 + 1)
    with caplog.at_level(logging.WARNING, logger="bot.normalize.tree"):
        cut = [page_markup(page, "https://huge.example/jobs") for _ in range(3)]
    assert all(len(markup) == tree.MAX_PAGE for markup in cut)
    assert cut[0] == page[: tree.MAX_PAGE]
    assert len([r for r in caplog.records if "huge.example" in r.getMessage()]) == 1
