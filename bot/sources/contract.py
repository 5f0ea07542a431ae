"""The Source contract and the typed records it speaks: a source turns one real `Response` into a
`Page` (postings plus follow-up `Request`s); the poller sends the requests (`bot.crawl`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, ClassVar

from bot.models import FetchResult, RawPosting

NO_OPTIONS: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Request:
    """One request a source wants sent.

    `detail_of` names the posting whose detail this is (None: a page of the board's list).
    Details are optional: one that fails leaves that posting as its list page gave it. A page
    that fails fails the poll. `conditional` sends the board's stored ETag / Last-Modified
    (the default start request does). `json` is the body of a POST, sent as JSON."""

    url: str
    method: str = "GET"
    headers: tuple[tuple[str, str], ...] = ()
    json: object = None
    detail_of: str | None = None
    conditional: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Response(FetchResult):
    """A real fetched response (status, final URL, body bytes, content type, validators) and
    the `Request` it answers."""

    request: Request

    @classmethod
    def of(cls, request: Request, result: FetchResult) -> Response:
        return cls(request=request, **{f.name: getattr(result, f.name) for f in fields(result)})


@dataclass(frozen=True, slots=True)
class Context:
    """What a parse may know besides the response: the board's name, endpoint and options, and
    the external ids already stored for it (`known`: ask no details for those)."""

    board: str = "board"
    url: str = ""
    options: Mapping[str, Any] = field(default_factory=lambda: NO_OPTIONS)
    known: AbstractSet[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Page:
    """What one response holds: postings, and the requests to send next (pages, details)."""

    postings: Sequence[RawPosting] = ()
    follow: Sequence[Request] = ()


class Source:
    """One kind of job board.

    A subclass sets `kind`, `title` (one line, for docs) and `example_url`, and implements
    `parse`, which must be pure: it turns one `Response` into a `Page` with no I/O, and raises
    `ParseError` when the body is not in the expected shape. It may override `endpoint` (the
    URL to poll for a board URL a user pasted, or None when the URL is not this kind's) and
    `start` (the first requests of a poll; by default one conditional GET of the endpoint).

    A board that needs more than one request says so in `parse`: the next page as a follow-up
    `Request`, and a detail `Request(detail_of=id)` only for ids not in `ctx.known`. A posting
    read without its description (known, or its detail still to come) has `partial=True`, so
    the store keeps what it had; its detail's posting, when it comes, replaces it.
    """

    kind: ClassVar[str]
    title: ClassVar[str]
    example_url: ClassVar[str]
    generic: ClassVar[bool] = False  # accepts URLs of many sites (feeds, pages): tried last
    details: ClassVar[bool] = False  # asks a detail of each posting not in `ctx.known`
    option_keys: ClassVar[tuple[str, ...]] = ()  # the `options` it reads; any other is a typo

    def check_options(self, options: Mapping[str, Any]) -> list[str]:
        """Problems with a board's options, each as "key: what is wrong"; none by default."""
        return []

    def endpoint(self, url: str) -> str | None:
        """The URL to poll for a pasted board URL, or None when the URL is not of this kind.
        Raises UnsupportedBoard for a URL of a kind jobbot recognises but cannot read."""
        return None

    def recognise(self, result: FetchResult) -> str | None:
        """The URL to poll when a fetched page is this kind's by its content (a site on the
        company's own domain), else None; may raise UnsupportedBoard like `endpoint`."""
        return None

    def start(self, ctx: Context) -> list[Request]:
        """The first requests of one poll of the board at `ctx.url`."""
        return [Request(ctx.url, conditional=True)]

    def respond(self, request: Request) -> FetchResult | None:
        """A simulated board's answer with no network (the demo); None: send it for real."""
        return None

    def parse(self, response: Response, ctx: Context) -> Page:
        """Turn one response into postings and follow-up requests. Pure: no I/O."""
        raise NotImplementedError


def parse_recorded(
    source: Source,
    result: FetchResult,
    ctx: Context | None = None,
    request: Request | None = None,
) -> Page:
    """Parse a response fetched outside a poll (a recorded one, in tests and benchmarks) as
    the answer to `request`, by default a GET of its own URL."""
    ctx = ctx or Context(url=result.url)
    return source.parse(Response.of(request or Request(result.url), result), ctx)
