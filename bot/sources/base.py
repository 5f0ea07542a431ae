"""The registry of source kinds and URL recognition (`detect`, and `detect_remote`, which may
fetch), plus the small helpers every parser shares. The contract itself is in `contract`."""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

from bot import careers
from bot.decoding import loads_json
from bot.errors import DetectError, FetchError, ParseError, UnsupportedBoard
from bot.models import FetchResult, RawPosting
from bot.normalize import tree
from bot.normalize.urls import joined
from bot.sources.contract import Source

if TYPE_CHECKING:
    from bot.http import Fetcher

P = ParamSpec("P")
T = TypeVar("T")
log = logging.getLogger(__name__)


_REGISTRY: dict[str, Source] = {}


def register(cls: type[Source]) -> type[Source]:
    """Class decorator: make a source kind available by its `kind`."""
    if cls.kind in _REGISTRY:
        raise ValueError(f"source kind {cls.kind!r} registered twice")
    _REGISTRY[cls.kind] = cls()
    return cls


def get(kind: str) -> Source:
    """The source for `kind`; KeyError when unknown."""
    return _REGISTRY[kind]


def kinds() -> list[str]:
    """Every registered kind, sorted."""
    return sorted(_REGISTRY)


def all_sources() -> list[Source]:
    return [_REGISTRY[k] for k in kinds()]


def detect(url: str) -> tuple[str, str]:
    """Recognise a pasted board URL: (kind, endpoint to poll). Raises DetectError."""
    for source in sorted(_REGISTRY.values(), key=lambda s: s.generic):
        try:
            endpoint = source.endpoint(url)
        except ValueError as exc:  # urllib's "Invalid IPv6 URL" and the like
            raise DetectError(f"{url} is not a valid URL: {exc}") from None
        if endpoint:
            return source.kind, endpoint
    raise DetectError(
        f"{url} is not a board URL jobbot recognises; set kind = one of {', '.join(kinds())}"
    )


# --- helpers shared by the parsers ---------------------------------------------------------------


def describe_body(result: FetchResult) -> str:
    """What a body looks like, for error messages: "HTML (text/html)", "an empty body"..."""
    head = result.body[:300].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    ctype = result.content_type.split(";")[0].strip() or "no content type"
    if not head:
        return "an empty body"
    if head.startswith(b"<"):
        if b"<html" in head or b"<!doctype html" in head or b"<head" in head or "html" in ctype:
            return f"HTML ({ctype})"
        return f"XML ({ctype})"
    return f"a body that is not JSON ({ctype})"


def page_markup(markup: str, url: str) -> str:
    """An HTML page cut at `tree.MAX_PAGE` characters before parsing (logged once per URL)."""
    if len(markup) <= tree.MAX_PAGE:
        return markup
    tree.note_cut(url, "page", len(markup), tree.MAX_PAGE)
    return markup[: tree.MAX_PAGE]


def json_body(result: FetchResult, expected: str) -> Any:
    """The body as JSON; ParseError "{expected}, got HTML (text/html)" and the like when not."""
    try:
        return loads_json(result.body, result.encoding, lambda: result.text)
    except ValueError:
        raise ParseError(f"{expected}, got {describe_body(result)}") from None


def shape(data: object) -> str:
    """A JSON value's shape, for error messages: "an object with keys a, b" or "a JSON list"."""
    if isinstance(data, dict):
        keys = ", ".join(sorted(map(str, data))[:6]) or "none"
        return f"an object with keys {keys}"
    return f"a JSON {type(data).__name__}"


def text(value: object) -> str | None:
    """A non-blank string, stripped, else None (numbers become strings; lists, dicts don't)."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def mapping(value: object) -> dict[str, Any]:
    """`value` when it is a JSON object, else an empty one: a missing or odd field reads as
    empty rather than failing the board."""
    return value if isinstance(value, dict) else {}


def items(value: object) -> list[Any]:
    """`value` when it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def origin_of(url: str) -> str:
    """The "scheme://host[:port]" of `url` (https when it has no scheme), or "" when it names
    no host: the root that a board's relative links and API paths hang from."""
    parts = urlsplit(url)
    if not parts.netloc:
        return ""
    return f"{parts.scheme or 'https'}://{parts.netloc.lower()}"


def content_id(*parts: object) -> str:
    """A stable id for a posting with no id or link of its own, from what it says: its board
    and this together make its key, so it never shares one with another posting."""
    text = "\x1f".join(" ".join(str(p).split()) if p else "" for p in parts)
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10)
    return "c:" + digest.hexdigest()


def guarded(read: Callable[P, T]) -> Callable[P, T | None]:
    """A source's reading of one posting (its `_posting`), None where it fails, which `unique`
    leaves out: one posting's bug must not fail its board's parse (logged once per source)."""

    @functools.wraps(read)
    def one(*args: P.args, **kwargs: P.kwargs) -> T | None:
        try:
            return read(*args, **kwargs)
        except Exception:
            if read.__module__ not in _failed:
                _failed.add(read.__module__)
                source = read.__module__.rsplit(".", 1)[-1]
                log.exception("%s: a posting could not be read, so it is left out", source)
            return None

    return one


_failed: set[str] = set()


def unique(postings: Iterable[RawPosting | None]) -> list[RawPosting]:
    """Postings with the same external id appear once (the first one): boards repeat rows.
    None, a posting `guarded` could not read, is left out."""
    seen: set[str] = set()
    out: list[RawPosting] = []
    for posting in postings:
        if posting is not None and posting.external_id and posting.external_id not in seen:
            seen.add(posting.external_id)
            out.append(posting)
    return out


# --- recognising a URL by fetching it ------------------------------------------------------------

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
    source = _REGISTRY.get(board.kind)
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
    (`sniff`: a feed, JobPosting data). Raises DetectError when there is none."""
    try:
        kind, endpoint = detect(url)
        return [Found(kind, url.strip(), endpoint)]
    except UnsupportedBoard:
        raise
    except DetectError as exc:
        not_known = exc
    url = url.strip()
    if "://" not in url and "." in url.split("/", 1)[0]:
        url = "https://" + url
    if urlsplit(url).scheme not in ("http", "https"):
        raise not_known
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
    raise DetectError(
        f"{url} is {describe_body(result)} with no job board, job feed or JobPosting data "
        'that jobbot can read; set kind = "html" with CSS selectors for its job list, or set '
        f"kind to one of {', '.join(kinds())}"
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
