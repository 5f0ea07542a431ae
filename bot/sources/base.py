"""The Source plugin contract and the registry of source kinds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from bot.errors import DetectError
from bot.models import FetchResult, RawPosting

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


ParseFn = Callable[[FetchResult], list[RawPosting]]
