"""JOIN company pages (`join.com/companies/{slug}`): the page embeds its data, five jobs a page.

No public JSON API: the Next.js page carries its state in `<script id="__NEXT_DATA__">`, read
with lexbor. A board page lists `jobs.items` and `jobs.pagination.pageCount`; later pages are
`?page=N`: the first page asks for the others (up to MAX_PAGES). A job page also holds the
whole `job` (description included). Amounts are in cents.
The key is `id`: the number in a job's URL (`idParam`) changes when the job is re-published."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

from bot.errors import ParseError
from bot.models import FetchResult, RawPosting
from bot.normalize import tree
from bot.sources.base import (
    describe_body,
    guarded,
    items,
    mapping,
    page_markup,
    register,
    text,
    unique,
)
from bot.sources.contract import Context, Page, Request, Response, Source

_URL_FORM = re.compile(
    r"^(?:https?://)?(?:www\.)?join\.com/(?:[a-z]{2}(?:-[a-z]{2})?/)?companies/"
    r"(?P<slug>[A-Za-z0-9_.-]+)",
    re.I,
)
MAX_PAGES = 50  # 250 jobs: far past a JOIN company's board
_EXPECTED = "expected a JOIN company page with its __NEXT_DATA__ state"
_PERIODS = {"PER_YEAR": "year", "PER_MONTH": "month", "PER_WEEK": "week", "PER_DAY": "day",
            "PER_HOUR": "hour"}  # fmt: skip


def state(result: FetchResult) -> dict[str, Any]:
    """`props.pageProps.initialState` of the page, plus the route's `query`; ParseError if none."""
    markup = result.text
    script = None
    if "__NEXT_DATA__" in markup:
        script = tree.parse(page_markup(markup, result.url)).css_first("script#__NEXT_DATA__")
    try:
        data = json.loads(script.text(deep=True)) if script is not None else None
    except ValueError:
        data = None
    found = mapping(mapping(mapping(data).get("props")).get("pageProps")).get("initialState")
    if not isinstance(found, dict):
        raise ParseError(f"{_EXPECTED}, got {describe_body(result)}")
    return {**found, "query": mapping(mapping(data).get("query"))}


def _amount(value: object) -> float | None:
    cents = mapping(value).get("amount")
    if isinstance(cents, int | float) and not isinstance(cents, bool) and cents > 0:
        return cents / 100
    return None


def _place(job: dict[str, Any]) -> str | None:
    city = mapping(job.get("city"))
    parts = (text(city.get("cityName")), text(city.get("countryName")))
    return ", ".join(p for p in parts if p) or text(mapping(job.get("country")).get("name"))


@guarded
def _posting(job: dict[str, Any], slug: str, company: str | None) -> RawPosting:
    shown = mapping(job.get("settings")).get("showSalary") is not False
    low, high = _amount(job.get("salaryAmountFrom")), _amount(job.get("salaryAmountTo"))
    currency = text(mapping(job.get("salaryAmountFrom")).get("currency"))
    id_param = text(job.get("idParam")) or str(job["id"])
    return RawPosting(
        external_id=str(job["id"]),
        title=text(job.get("title")) or "",
        url=f"https://join.com/companies/{slug}/{id_param}",
        company=text(mapping(job.get("company")).get("name")) or company,
        location=_place(job),
        description_html=text(job.get("schemaDescription")),
        description_text=text(job.get("description")),
        posted_at=text(job.get("createdAt")),
        workplace=text(job.get("workplaceType")),
        employment_type=text(mapping(job.get("employmentType")).get("googleType"))
        or text(mapping(job.get("employmentType")).get("name")),
        department=text(mapping(job.get("category")).get("name")),
        salary_min=low if shown else None,
        salary_max=high if shown else None,
        salary_currency=currency if shown and (low or high) else None,
        salary_period=_PERIODS.get(text(job.get("salaryFrequency")) or "") if shown else None,
    )


def postings(page: dict[str, Any]) -> list[RawPosting]:
    """The jobs a page's state lists, and its own `job` on a job page (first: it is whole)."""
    own = mapping(mapping(page.get("job")).get("company"))
    company = text(mapping(page.get("company")).get("name")) or text(own.get("name"))
    slug = text(mapping(page.get("query")).get("companySlug")) or text(
        mapping(page.get("company")).get("domain")
    )
    jobs = [page.get("job"), *items(mapping(page.get("jobs")).get("items"))]
    return unique(
        _posting(job, slug or "", company)
        for job in jobs
        if isinstance(job, dict) and text(job.get("id")) and text(job.get("title"))
    )


def page_url(url: str, number: int) -> str:
    """The board's page `number`: `?page=N` on the company page (the state says how many)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, f"page={number}", ""))


def page_number(url: str) -> int:
    """The page a URL asks for: its `page` parameter, 1 without one."""
    value = (parse_qs(urlsplit(url).query).get("page") or ["1"])[0]
    return int(value) if value.isdigit() else 1


def later_pages(page: dict[str, Any], url: str) -> list[Request]:
    """From the first page: requests for pages 2..pageCount (at most MAX_PAGES in all)."""
    count = mapping(mapping(page.get("jobs")).get("pagination")).get("pageCount")
    if page_number(url) != 1 or not isinstance(count, int) or isinstance(count, bool):
        return []
    return [Request(page_url(url, n)) for n in range(2, min(count, MAX_PAGES) + 1)]


@register
class Join(Source):
    kind = "join"
    title = "JOIN company page (join.com/companies/{slug})"
    example_url = "https://join.com/companies/acme"

    def endpoint(self, url: str) -> str | None:
        match = _URL_FORM.match(url.strip())
        return f"https://join.com/companies/{match['slug']}" if match else None

    def parse(self, response: Response, ctx: Context) -> Page:
        """The jobs on one page (a job page's own job comes whole); the first page asks for
        the rest."""
        page = state(response)
        return Page(unique(postings(page)), later_pages(page, response.request.url))
