"""The registry of source kinds and URL recognition by shape (`detect`), plus the small helpers
every parser shares. The contract itself is in `contract`; recognising a URL by fetching it is
in `discover`."""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

from bot.decoding import loads_json
from bot.errors import DetectError, ParseError
from bot.models import FetchResult, RawPosting
from bot.normalize import tree
from bot.sources.contract import Source

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


def known(kind: str) -> Source | None:
    """The source for `kind`, None when jobbot has no source of that kind."""
    return _REGISTRY.get(kind)


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
    if head[:1] in (b"{", b"["):
        try:  # (an error message's: the body is read once more only here)
            loads_json(result.body, result.encoding, lambda: result.text)
            return f"JSON ({ctype})"
        except ValueError:
            pass
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
