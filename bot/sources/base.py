"""The Source plugin contract, the registry of source kinds and URL recognition (`detect`, and
`detect_remote`, which may fetch), plus the small helpers every parser shares."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin, urlsplit

from bot.decoding import loads_json
from bot.errors import DetectError, FetchError, ParseError
from bot.models import FetchResult, RawPosting
from bot.normalize import tree

if TYPE_CHECKING:
    from bot.http import Fetcher


NO_OPTIONS: Mapping[str, Any] = MappingProxyType({})


class Source:
    """One kind of job board.

    A subclass sets `kind`, `title` (one line, for docs) and `example_url`, and implements
    `parse`, which must be pure: it turns one `FetchResult` into `RawPosting`s with no I/O, and
    raises `ParseError` when the body is not in the expected shape. It may override
    `endpoint` (the URL to fetch for a board URL a user pasted, or None when the URL is not
    this kind's) and `fetch` (when one poll needs more than one request: pages, details).

    `options` are the board's own settings from the config (e.g. CSS selectors for `html`).
    `known` holds the external ids already stored for the board, so that `fetch` can skip
    per-posting detail requests for them; a posting read without its description is then
    returned with `partial=True`, and the store keeps what it had.
    """

    kind: ClassVar[str]
    title: ClassVar[str]
    example_url: ClassVar[str]
    generic: ClassVar[bool] = False  # accepts URLs of many sites (feeds, pages): tried last

    def check_options(self, options: Mapping[str, Any]) -> list[str]:
        """Problems with a board's options, each as "key: what is wrong"; none by default."""
        return []

    def endpoint(self, url: str) -> str | None:
        """The URL to poll for a pasted board URL, or None when the URL is not of this kind."""
        return None

    async def fetch(
        self,
        fetcher: Fetcher,
        url: str,
        etag: str | None,
        last_modified: str | None,
        *,
        known: AbstractSet[str] = frozenset(),
        options: Mapping[str, Any] = NO_OPTIONS,
    ) -> FetchResult:
        """Fetch one board; the default is one conditional GET."""
        return await fetcher.get(url, etag=etag, last_modified=last_modified)

    def parse(
        self, result: FetchResult, options: Mapping[str, Any] = NO_OPTIONS
    ) -> list[RawPosting]:
        """Turn a response into postings. Pure: no I/O."""
        raise NotImplementedError


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
        endpoint = source.endpoint(url)
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


def content_id(*parts: object) -> str:
    """A stable id for a posting with no id or link of its own, from what it says: its board
    and this together make its key, so it never shares one with another posting."""
    text = "\x1f".join(" ".join(str(p).split()) if p else "" for p in parts)
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10)
    return "c:" + digest.hexdigest()


def unique(postings: Iterable[RawPosting]) -> list[RawPosting]:
    """Postings with the same external id appear once (the first one): boards repeat rows."""
    seen: set[str] = set()
    out: list[RawPosting] = []
    for posting in postings:
        if posting.external_id and posting.external_id not in seen:
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
        link = tree.parse(page_markup(result.text, url)).css_first(_ALTERNATE_FEED)
        href = str(link.attributes.get("href") or "").strip() if link is not None else ""
        if href:
            return "rss", urljoin(url, href)
    return None


async def detect_remote(fetcher: Fetcher, url: str) -> tuple[str, str]:
    """Like `detect`, and when the URL alone says nothing, fetch it once and `sniff` the answer:
    feeds by content type, career pages with JobPosting data. Raises DetectError."""
    try:
        return detect(url)
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
    found = sniff(result)
    if found:
        return found
    raise DetectError(
        f"{url} is {describe_body(result)} with no job feed or JobPosting data that jobbot "
        'can read; set kind = "html" with CSS selectors for its job list, or set kind to '
        f"one of {', '.join(kinds())}"
    )
