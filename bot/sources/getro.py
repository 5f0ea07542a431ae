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
from typing import Any

from bot.errors import ParseError
from bot.models import RawPosting
from bot.normalize import tree
from bot.sources.base import (
    describe_body,
    guarded,
    mapping,
    origin_of,
    page_markup,
    register,
    shape,
    text,
    unique,
)
from bot.sources.contract import Context, Page, Request, Response, Source
from bot.sources.jsonld import read_page

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


@guarded
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
    root = origin_of(url)
    return None if not root or root.endswith("://api.getro.com") else root


@register
class Getro(Source):
    kind = "getro"
    title = 'Getro job board (VC portfolio boards on their own domains; set kind = "getro")'
    example_url = "https://jobs.techstars.com/jobs"
    option_keys = ("collection_id", "max_pages", "query")

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

    def start(self, ctx: Context) -> list[Request]:
        """The search API's first page when the collection is known (option or API URL), else
        the board page, which names it."""
        ident = text(ctx.options.get("collection_id"))
        match = _API_FORM.match(ctx.url)
        if match:
            ident = ident or match["id"]
        if ident:
            return [_search(ident, 0, ctx)]
        return [Request(ctx.url)]

    def parse(self, response: Response, ctx: Context) -> Page:
        """Search results (and the next page while one is full), or a board page: the search
        of its collection when it names one, else the jobs in its `__NEXT_DATA__`, else its
        microdata job cards."""
        body = response.text
        if body[:200].lstrip().startswith("<"):
            data = next_data(body, response.url)
            if data is None:
                return Page(read_page(body, response.url))
            ident = collection_id(data)
            if ident:
                return Page((), [_search(ident, 0, ctx)])
            jobs, board = _embedded_jobs(data), _board_root(response.url)
            return Page(_postings(jobs, board))
        try:
            data = json.loads(body)
        except ValueError:
            raise ParseError(f"{_EXPECTED}, got {describe_body(response)}") from None
        jobs = _api_jobs_of(data)
        follow = []
        sent = response.request.json
        if jobs and isinstance(sent, dict) and isinstance(sent.get("page"), int):
            ident = response.request.url.rstrip("/").split("/")[-3]
            if sent["page"] + 1 < _max_pages(ctx):
                follow.append(_search(ident, sent["page"] + 1, ctx))
        return Page(_postings(jobs, _board_root(ctx.url)), follow)


def _max_pages(ctx: Context) -> int:
    return int(ctx.options.get("max_pages") or MAX_PAGES)


def _search(ident: str, page: int, ctx: Context) -> Request:
    """One POST to the search API, with the board's own Origin when it has one."""
    board = _board_root(ctx.url)
    headers = [("Accept", "application/json")]
    if board:
        headers += [("Origin", board), ("Referer", board + "/")]
    body = {"hitsPerPage": HITS_PER_PAGE, "page": page, "query": ctx.options.get("query", "")}
    return Request(SEARCH.format(id=ident), "POST", tuple(headers), json={**body, "filters": {}})


def _postings(jobs: list[Any], board: str | None) -> list[RawPosting]:
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
