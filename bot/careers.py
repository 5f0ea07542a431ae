"""A company's careers page -> the job boards behind it. Pure: no I/O.

The page is read by lexbor (selectolax), so whatever sits in an HTML comment is not markup and
is never seen (a dead Jobvite embed kept in a comment names no board). Boards are found in
document order from:

- links and embeds: `href`, `src`, `action` and lazy-loading `data-*` URLs (`bot.ats`);
- URLs in inline scripts (a careers page that calls `api.ashbyhq.com/posting-api/job-board/X`
  or `boards-api.greenhouse.io/v1/boards/X/jobs` in the browser), read with a regex since a
  script is text, after its JavaScript comments are dropped;
- embed markers whose key is not a URL: Workable's `whr_embed(<account id>)`, Jobvite's
  `data-careersite`, a Teamtailor site on its own domain (`teamtailor-cdn.com` assets and a
  jobs feed link), an Eightfold site on its own domain (`static.vscdn.net` assets: the page
  itself; links to its `*.eightfold.ai` hub are then the same site and are dropped).

Every board the page names is kept (a group page may name several subsidiaries' boards). When
it names none, a page with schema.org JobPosting data is its own board (kind `jsonld`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote, urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from bot.ats import Board, board_of
from bot.normalize import tree
from bot.normalize.urls import joined

__all__ = ["Board", "boards"]

_LINKS = "[href], [src], [action], [data-src], [data-href], [data-url], [data-careersite], script"
_URL_ATTRS = ("href", "src", "action", "data-src", "data-href", "data-url")
# A URL with a scheme or protocol-relative, up to a quote, space, bracket or backslash.
_SCRIPT_URL = re.compile(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#][^\s\"'`<>\\)]*)?")
# JavaScript comments a careers page's scripts carry: /* ... */, and lines that are only a
# `//` or `<!--` comment (a `//` after code is left alone: it may be a URL's).
_JS_COMMENTS = re.compile(r"/\*.*?(?:\*/|\Z)|^[ \t]*(?://|<!--)[^\n]*", re.DOTALL | re.MULTILINE)
_WORKABLE_EMBED = re.compile(r"\bwhr_embed\(\s*['\"]?(\d{1,12})\b")
_FEED = 'link[rel~="alternate" i][href][type="application/rss+xml" i]'


def boards(markup: str, page_url: str) -> list[Board]:
    """The boards a careers page at `page_url` names, each once, in the order they appear."""
    if len(markup) > tree.MAX_PAGE:
        tree.note_cut(page_url, "page", len(markup), tree.MAX_PAGE)
        markup = markup[: tree.MAX_PAGE]
    page = tree.parse(markup)
    found: dict[tuple[str, str], Board] = {}
    hosted = list(_self_hosted(page, page_url))
    linked = _linked(page, page_url)
    if any(board.kind == "eightfold" for board in hosted):  # its hub's links: the same site
        linked = (board for board in linked if board.kind != "eightfold")
    for board in [*linked, *hosted]:
        found.setdefault((board.kind, board.url.lower()), board)
    if not found and _has_job_postings(page):
        return [Board("jsonld", page_url)]
    return list(found.values())


def _linked(page: LexborHTMLParser, page_url: str) -> Iterator[Board]:
    for node in page.css(_LINKS):
        if node.tag == "script" and "src" not in node.attributes:
            yield from _in_script(node.text(deep=True) or "", page_url)
            continue
        for attr in _URL_ATTRS:
            value = node.attributes.get(attr)
            if value:
                board = _board_at(value, page_url)
                if board:
                    yield board
        site = node.attributes.get("data-careersite")
        if site:  # Jobvite's career-site embed
            board = board_of(f"https://jobs.jobvite.com/{quote(site, safe='')}")
            if board:
                yield board


def _in_script(script: str, page_url: str) -> Iterator[Board]:
    script = _JS_COMMENTS.sub("", script.replace("\\/", "/").replace("\\u002F", "/"))
    for match in _SCRIPT_URL.finditer(script):
        board = _board_at(match.group(0), page_url)
        if board:
            yield board
    for account in _WORKABLE_EMBED.findall(script):  # the embed names a numeric account id
        yield Board("workable", f"https://apply.workable.com/api/v1/widget/accounts/{account}")


def _board_at(value: str, page_url: str) -> Board | None:
    value = value.strip()
    if not value or value.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    try:
        return board_of(urljoin(page_url, value))
    except ValueError:
        return None


def _self_hosted(page: LexborHTMLParser, page_url: str) -> Iterator[Board]:
    """A page that is itself a board on a platform's custom domain."""
    assets = " ".join(
        str(n.attributes.get("src") or n.attributes.get("href") or "")
        for n in page.css("script[src], link[href], img[src]")
    )
    if "teamtailor-cdn.com" in assets:
        feed = _jobs_feed(page)
        if feed is not None:
            yield Board("teamtailor", joined(page_url, feed))
    if "static.vscdn.net" in assets:  # the page is the site: its source reads what to poll
        yield Board("eightfold", page_url)


def _jobs_feed(page: LexborHTMLParser) -> str | None:
    """The href of the page's job feed link: the one titled for jobs, else /jobs.rss."""
    links: list[LexborNode] = page.css(_FEED)
    for link in links:
        title = str(link.attributes.get("title") or "").lower()
        if "job" in title or "career" in title:
            return str(link.attributes["href"])
    for link in links:
        if str(link.attributes["href"]).rstrip("/").endswith("jobs.rss"):
            return str(link.attributes["href"])
    return None


def _has_job_postings(page: LexborHTMLParser) -> bool:
    """Whether the page states schema.org JobPosting data (JSON-LD or microdata)."""
    for script in page.css('script[type="application/ld+json" i]'):
        if "JobPosting" in (script.text(deep=True) or ""):
            return True
    return any("JobPosting" in str(n.attributes.get("itemtype")) for n in page.css("[itemtype]"))
