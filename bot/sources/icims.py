"""iCIMS "Jibe" career sites: `GET {site}/api/jobs?page=N` → `{jobs: [{data}], totalCount}`.

Jibe is the front end many iCIMS customers run on their own domain (or `{client}.jibeapply.com`);
its JSON search API is public. Pages are 1-based and the site picks the page size, so the first
page asks for as many more as `totalCount` needs at its own size (up to MAX_PAGES in all; a page
with no new job ends the paging, in the crawl). A job's page is its
`canonical_url`, else `{site}/jobs/{slug}`; its application goes to the iCIMS portal. Classic iCIMS
portals (`careers-{company}.icims.com`) are HTML only: `endpoint` says they are not supported."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.errors import ParseError, UnsupportedBoard
from bot.models import RawPosting
from bot.sources.base import (
    guarded,
    items,
    json_body,
    mapping,
    origin_of,
    register,
    shape,
    text,
    unique,
)
from bot.sources.contract import Context, Page, Request, Response, Source

_JIBE = re.compile(r"^(?:https?://)?(?P<client>[A-Za-z0-9-]+)\.jibeapply\.com(?:[/?#]|$)", re.I)
_API_PATH = re.compile(r"^(?:https?://)?(?P<site>[^/?#]+)/api/jobs/?(?:[?#]|$)", re.I)
_CLASSIC = re.compile(r"^(?:https?://)?[A-Za-z0-9-]+\.icims\.com(?:[/?#]|$)", re.I)
_EXPECTED = "expected an iCIMS Jibe JSON object with a 'jobs' list"
PAGE_SIZE = 100  # asked for; a site may send fewer a page, so paging counts what came
MAX_PAGES = 50


def _jobs(data: object) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise ParseError(f"{_EXPECTED}, got {shape(data)}")
    found = (mapping(job).get("data", job) for job in data["jobs"])
    return [job for job in found if isinstance(job, dict)]


def _place(job: dict[str, Any]) -> str | None:
    if job.get("multipleLocations") is True and text(job.get("full_location")):
        return text(job.get("full_location"))
    parts = (text(job.get("city")), text(job.get("state")), text(job.get("country")))
    return ", ".join(dict.fromkeys(p for p in parts if p)) or text(job.get("full_location"))


@guarded
def _posting(job: dict[str, Any], site: str) -> RawPosting:
    slug = text(job.get("slug")) or text(job.get("req_id")) or ""
    language = text(job.get("language"))
    url = text(mapping(job.get("meta_data")).get("canonical_url")) or (
        f"{site}/jobs/{slug}" + (f"?lang={language}" if language else "")
    )
    categories = [text(mapping(c).get("name")) for c in items(job.get("categories"))]
    return RawPosting(
        external_id=slug,
        title=text(job.get("title")) or "",
        url=url,
        company=text(job.get("hiring_organization")),
        location=_place(job),
        description_html=text(job.get("description")),
        posted_at=text(job.get("posted_date")) or text(job.get("create_date")),
        employment_type=text(job.get("employment_type")),
        department=", ".join(c for c in categories if c) or None,
        apply_url=text(job.get("apply_url")),
    )


def page_url(url: str, number: int) -> str:
    """`url` asking for page `number` of PAGE_SIZE (other query parameters are kept)."""
    parts = urlsplit(url)
    query = {k: v for k, v in parse_qsl(parts.query) if k not in ("page", "limit")}
    query |= {"page": str(number), "limit": str(PAGE_SIZE)}
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def page_number(url: str) -> int:
    """The page a URL asks for: its `page` parameter, 1 without one."""
    value = dict(parse_qsl(urlsplit(url).query)).get("page", "1")
    return int(value) if value.isdigit() else 1


def later_pages(url: str, listed: int, total: object) -> list[Request]:
    """From page 1 with `listed` jobs: the pages `total` needs at that size, up to MAX_PAGES."""
    if page_number(url) != 1 or not listed or not isinstance(total, int) or total <= listed:
        return []
    count = min(-(-total // listed), MAX_PAGES)
    return [Request(page_url(url, n)) for n in range(2, count + 1)]


@register
class Icims(Source):
    kind = "icims"
    title = "iCIMS Jibe career site ({client}.jibeapply.com, or a site's /api/jobs)"
    example_url = "https://acme.jibeapply.com"

    def endpoint(self, url: str) -> str | None:
        url = url.strip()
        match = _JIBE.match(url)
        if match:
            return f"https://{match['client'].lower()}.jibeapply.com/api/jobs"
        match = _API_PATH.match(url)
        if match:
            return f"https://{match['site']}/api/jobs"
        if _CLASSIC.match(url):
            raise UnsupportedBoard(
                f"{url} is a classic iCIMS portal, which has no public job feed: jobbot can "
                "read iCIMS sites that run Jibe (their /api/jobs), not this one"
            )
        return None

    def start(self, ctx: Context) -> list[Request]:
        return [Request(page_url(ctx.url, 1))]

    def parse(self, response: Response, ctx: Context) -> Page:
        """The jobs on one page (no descriptions in the list: the job page has them); the
        first page asks for the rest."""
        data = json_body(response, _EXPECTED)
        jobs = _jobs(data)
        site = origin_of(response.url)
        found = unique(
            _posting(job, site) for job in jobs if text(job.get("slug")) or text(job.get("req_id"))
        )
        return Page(found, later_pages(response.request.url, len(jobs), data.get("totalCount")))
