"""Finding the board at a URL nothing recognises by its shape: fetch it once, then read the
careers page's boards (`bot.careers`) or what the page itself is (`sniff`: a feed, JobPosting
data, a Getro board). `jobbot detect`, `jobbot probe` and /follow of a link use it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot import careers
from bot.errors import DetectError, FetchError, UnsupportedBoard
from bot.models import FetchResult
from bot.normalize import tree
from bot.normalize.urls import is_web_url, joined
from bot.sources.base import all_sources, describe_body, detect, kinds, known, page_markup

if TYPE_CHECKING:
    from bot.http import Fetcher

_FEED_TYPES = ("rss+xml", "atom+xml", "rdf+xml", "/xml")
_ALTERNATE_FEED = (
    'link[href][type="application/rss+xml" i], link[href][type="application/atom+xml" i]'
)


def sniff(result: FetchResult) -> tuple[str, str] | None:
    """(kind, endpoint) for a fetched page or document, from its content: a feed, a Personio
    XML feed, a JSON feed of JobPostings, a page with JobPosting data (JSON-LD or microdata), a
    Getro board, or a page that links its own job feed. None when nothing fits."""
    for source in all_sources():
        endpoint = source.recognise(result)
        if endpoint:
            return source.kind, endpoint
    body, url = result.body, result.url
    head = body[:2000].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    ctype = result.content_type.split(";")[0].strip().lower()
    if b"<workzag-jobs" in head:
        return "personio", url
    is_xml = head.startswith(b"<?xml") or ctype.endswith(_FEED_TYPES)
    if is_xml and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf")):
        return "rss", url
    if ctype.endswith("json") or head.startswith(b"{"):
        if b'"_jobposting"' in body or b'"JobPosting"' in body:
            return "jsonld", url
        return None
    if b"JobPosting" in body and (
        b"application/ld+json" in body or b"schema.org/JobPosting" in body
    ):
        return "jsonld", url
    if b'id="__NEXT_DATA__"' in body and b"getro" in body:
        return "getro", url
    if b"<link" in body or b"<LINK" in body:
        links = tree.parse(page_markup(result.text, url)).css(_ALTERNATE_FEED)
        feeds = [
            (str(n.attributes.get("title") or "").lower(), n.attributes.get("href")) for n in links
        ]
        jobs = [href for title, href in feeds if "job" in title or "career" in title]
        href = str(next(iter(jobs + [href for _, href in feeds]), None) or "").strip()
        if href:  # the page's job feed, not its blog's
            return "rss", joined(url, href)
    return None


@dataclass(frozen=True)
class Found:
    """A board found at a URL: its kind, its public URL (what `jobbot detect` prints) and the
    endpoint to poll, None when jobbot has no source of that kind (a Dayforce careers site)."""

    kind: str
    url: str
    endpoint: str | None


def _found(board: careers.Board, page: FetchResult, page_url: str) -> Found:
    """What to poll for a board a careers `page` (at `page_url`) names. A board that is the
    page itself (a site on the company's own domain) is what its source recognises in it,
    and that is also its URL, as `sniff` gives it."""
    source = known(board.kind)
    if source is None:
        return Found(board.kind, board.url, None)
    endpoint = source.endpoint(board.url)
    if endpoint is None and board.url == page_url:  # as `sniff` finds it: the URL to poll
        endpoint = source.recognise(page)
        return Found(board.kind, endpoint or board.url, endpoint or board.url)
    return Found(board.kind, board.url, endpoint or board.url)


def _looks_html(result: FetchResult) -> bool:
    return describe_body(result).startswith("HTML")


async def detect_all(fetcher: Fetcher, url: str) -> list[Found]:
    """Every board at `url`: the URL itself when `detect` knows it; else the page, fetched
    once: the boards a careers page links or embeds (`bot.careers`), else what the page is
    (`sniff`: a feed, JobPosting data). A feed known only by its name ("….xml") is read to
    be sure (a Personio feed is XML too). Raises DetectError when there is none."""
    named = None
    try:
        kind, endpoint = detect(url)
        named = Found(kind, url.strip(), endpoint)
        if kind != "rss" or not urlsplit(endpoint).path.lower().endswith(".xml"):
            return [named]  # (".rss", "/feed": a feed's own names; ".xml" may be any XML)
    except UnsupportedBoard:
        raise
    except DetectError:
        pass  # not known by its shape: fetch it, if it is a web address at all
    try:
        return await _fetched(fetcher, url)
    except DetectError:
        if named is None:
            raise
        return [named]  # (it may answer later: the poll says what it gets)


async def _fetched(fetcher: Fetcher, url: str) -> list[Found]:
    """The boards the page at `url` links or embeds, or what the page itself is."""
    url = url.strip()
    if "://" not in url and "." in url.split("/", 1)[0]:
        url = "https://" + url
    if not is_web_url(url):
        raise DetectError(f"{url!r} is not an http(s) URL, like https://jobs.lever.co/acme")
    try:
        result = await fetcher.get(url)
    except FetchError as exc:
        raise DetectError(
            f"{url} is not a board URL jobbot knows, and fetching it failed: {exc}"
        ) from None
    page_url = result.url or url
    named = careers.boards(result.text, page_url) if _looks_html(result) else []
    if named:
        return [_found(b, result, page_url) for b in named]
    sniffed = sniff(result)
    if sniffed:
        return [Found(sniffed[0], sniffed[1], sniffed[1])]
    went = (
        f" (redirected to {page_url}: a sign-in page?)"
        if page_url.rstrip("/") != url.rstrip("/")
        else ""
    )
    raise DetectError(
        f"{url}{went} is {describe_body(result)} with no job board, job feed or JobPosting data "
        'that jobbot can read; in the config, set kind = "html" with CSS selectors for its job '
        f"list, or set kind to one of {', '.join(kinds())}"
    )


async def detect_remote(fetcher: Fetcher, url: str) -> tuple[str, str]:
    """The one board at `url` as (kind, endpoint), by `detect_all`. Raises DetectError when
    there is none jobbot can read, or several (listed, to pick one from)."""
    found = await detect_all(fetcher, url)
    usable = [f for f in found if f.endpoint]
    if len(usable) == 1:
        return usable[0].kind, str(usable[0].endpoint)
    listed = "; ".join(f"{f.kind} {f.url}" for f in (usable or found))
    if usable:
        raise DetectError(f"{url} names {len(usable)} boards: {listed}. Use one of them (its URL)")
    raise DetectError(f"{url} uses {listed}, which jobbot cannot read yet")
