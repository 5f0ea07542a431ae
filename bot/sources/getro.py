"""Getro job boards (VC portfolio and community boards on their own domains, e.g.
jobs.techstars.com). Set `kind = "getro"` with the board's jobs page as `url`, or with
`options.collection_id`; the URL alone can't say it is Getro.

From a page, the collection id is read from its `__NEXT_DATA__`; then the search API is paged
(POST, about 20 jobs a page) until a page comes back empty or `options.max_pages` is reached.
A page without a collection id gives the jobs it embeds (the first 20 or so), or its microdata
cards. `options.query` narrows the search server-side (e.g. "rust").
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.errors import ParseError
from bot.models import FetchResult, RawPosting
from bot.normalize import tree
from bot.sources.base import (
    NO_OPTIONS,
    Source,
    describe_body,
    mapping,
    page_markup,
    register,
    shape,
    text,
    unique,
)
from bot.sources.jsonld import read_page

if TYPE_CHECKING:
    from bot.http import Fetcher

SEARCH = "https://api.getro.com/api/v2/collections/{id}/search/jobs"
_API_FORM = re.compile(r"^(?:https?://)?api\.getro\.com/api/v2/collections/(?P<id>\d+)", re.I)
_EXPECTED = "expected Getro search results or a Getro board page"
HITS_PER_PAGE = 20
MAX_PAGES = 50


def _get(job: dict[str, Any], snake: str) -> Any:
    """A field by its API name (snake_case) or its page name (camelCase)."""
    if snake in job:
        return job[snake]
    head, *rest = snake.split("_")
    return job.get(head + "".join(part.title() for part in rest))


def _cents(value: object) -> float | None:
    return value / 100 if isinstance(value, int | float) and not isinstance(value, bool) else None


def _posting(job: dict[str, Any], board: str | None) -> RawPosting:
    org = mapping(job.get("organization"))
    places = _get(job, "locations") or _get(job, "searchable_locations") or []
    places = tuple(p for p in (text(x) for x in places) if p) if isinstance(places, list) else ()
    slug, org_slug = text(job.get("slug")), text(org.get("slug"))
    page = f"{board}/companies/{org_slug}/jobs/{slug}" if board and slug and org_slug else None
    kind = _get(job, "employment_type") or _get(job, "employment_types")
    return RawPosting(
        external_id=str(job.get("id") or slug),
        title=str(job.get("title") or ""),
        url=text(job.get("url")) or page or "",
        company=text(org.get("name")),
        locations=places,
        description_html=text(job.get("description")),
        posted_at=_get(job, "created_at"),
        workplace=text(_get(job, "work_mode")),
        employment_type=", ".join(map(str, kind)) if isinstance(kind, list) else text(kind),
        salary_min=_cents(_get(job, "compensation_amount_min_cents")),
        salary_max=_cents(_get(job, "compensation_amount_max_cents")),
        salary_currency=_get(job, "compensation_currency"),
        salary_period=_get(job, "compensation_period"),
    )


def next_data(markup: str, url: str = "a Getro page") -> dict[str, Any] | None:
    """The page's `__NEXT_DATA__` JSON, or None."""
    if "__NEXT_DATA__" not in markup:
        return None
    script = tree.parse(page_markup(markup, url)).css_first("script#__NEXT_DATA__")
    if script is None:
        return None
    try:
        data = json.loads(script.text(deep=True))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _page_props(data: dict[str, Any]) -> dict[str, Any]:
    props = mapping(data.get("props"))
    page = mapping(props.get("pageProps"))
    return page


def collection_id(data: dict[str, Any]) -> str | None:
    """The board's collection id: `props.pageProps.network.id` on Getro's Next.js pages."""
    network = _page_props(data).get("network")
    return text(network.get("id")) if isinstance(network, dict) else None


def _embedded_jobs(data: dict[str, Any]) -> list[Any]:
    state = _page_props(data).get("initialState")
    jobs = state.get("jobs") if isinstance(state, dict) else None
    found = jobs.get("found") if isinstance(jobs, dict) else None
    return found if isinstance(found, list) else []


def _board_root(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.netloc or parts.netloc.lower() == "api.getro.com":
        return None
    return f"{parts.scheme or 'https'}://{parts.netloc}"


@register
class Getro(Source):
    kind = "getro"
    title = 'Getro job board (VC portfolio boards on their own domains; set kind = "getro")'
    example_url = "https://jobs.techstars.com/jobs"

    def endpoint(self, url: str) -> str | None:
        match = _API_FORM.match(url.strip())
        return SEARCH.format(id=match["id"]) if match else None

    def check_options(self, options: Mapping[str, Any]) -> list[str]:
        problems = []
        ident = options.get("collection_id")
        if ident is not None and not str(ident).strip().isdigit():
            problems.append(f"options.collection_id: a number, got {ident!r}")
        pages = options.get("max_pages")
        if pages is not None and (
            not isinstance(pages, int) or isinstance(pages, bool) or pages < 1
        ):
            problems.append(f"options.max_pages: a whole number of 1 or more, got {pages!r}")
        if not isinstance(options.get("query", ""), str):
            problems.append(f"options.query: text, got {options['query']!r}")
        return problems

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
        """The API's pages as one `{"results": {"jobs": [...]}, "board": ...}` body, or the page
        itself when it names no collection."""
        ident = text(options.get("collection_id"))
        match = _API_FORM.match(url)
        page: FetchResult | None = None
        if match:
            ident = ident or match["id"]
        elif not ident:
            page = await fetcher.get(url)
            data = next_data(page.text, page.url)
            ident = collection_id(data) if data else None
            if not ident:
                return page
        board = _board_root(url)
        headers = {"Accept": "application/json"}
        if board:
            headers.update({"Origin": board, "Referer": board + "/"})
        jobs: list[Any] = []
        for number in range(int(options.get("max_pages") or MAX_PAGES)):
            body = {"hitsPerPage": HITS_PER_PAGE, "page": number, "query": options.get("query", "")}
            result = await fetcher.request(
                "POST", SEARCH.format(id=ident), json={**body, "filters": {}}, headers=headers
            )
            batch = _api_jobs(result)
            if not batch:
                break
            jobs.extend(batch)
        combined = {"results": {"jobs": jobs, "count": len(jobs)}, "board": board}
        return FetchResult(
            url=page.url if page else url,
            body=json.dumps(combined).encode(),
            content_type="application/json",
        )

    def parse(
        self, result: FetchResult, options: Mapping[str, Any] = NO_OPTIONS
    ) -> list[RawPosting]:
        """Search results (the API's, or what `fetch` put together), or a board page: the jobs
        in its `__NEXT_DATA__`, else its microdata job cards."""
        body = result.text
        head = body[:200].lstrip()
        if head.startswith("<"):
            data = next_data(body, result.url)
            if data is None:
                return read_page(body, result.url)
            jobs, board = _embedded_jobs(data), _board_root(result.url)
        else:
            try:
                data = json.loads(body)
            except ValueError:
                raise ParseError(f"{_EXPECTED}, got {describe_body(result)}") from None
            jobs = _api_jobs_of(data)
            board = text(data.get("board")) if isinstance(data, dict) else None
        return unique(
            _posting(job, board)
            for job in jobs
            if isinstance(job, dict) and (text(job.get("id")) or text(job.get("slug")))
        )


def _api_jobs_of(data: object) -> list[Any]:
    results = data.get("results") if isinstance(data, dict) else None
    jobs = results.get("jobs") if isinstance(results, dict) else None
    if not isinstance(jobs, list):
        raise ParseError(f"{_EXPECTED}, got {shape(data)}")
    return jobs


def _api_jobs(result: FetchResult) -> list[Any]:
    try:
        data = json.loads(result.text)
    except ValueError:
        raise ParseError(f"{_EXPECTED}, got {describe_body(result)}") from None
    return _api_jobs_of(data)
