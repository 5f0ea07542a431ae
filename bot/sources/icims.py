"""iCIMS "Jibe" career sites: `GET {site}/api/jobs?page=N` → `{jobs: [{data}], totalCount}`.

Jibe is the front end many iCIMS customers run on their own domain (or `{client}.jibeapply.com`);
its JSON search API is public. Pages are 1-based and the site picks the page size, so the next
page is asked for while jobs keep coming and `totalCount` is not reached. A job's page is its
`canonical_url`, else `{site}/jobs/{slug}`; its application goes to the iCIMS portal. Classic iCIMS
portals (`careers-{company}.icims.com`) are HTML only: `endpoint` says they are not supported."""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.errors import ParseError, UnsupportedBoard
from bot.models import FetchResult, RawPosting
from bot.sources import paging
from bot.sources.base import (
    NO_OPTIONS,
    Source,
    items,
    json_body,
    mapping,
    register,
    shape,
    text,
    unique,
)

if TYPE_CHECKING:
    from bot.http import Fetcher

_JIBE = re.compile(r"^(?:https?://)?(?P<client>[A-Za-z0-9-]+)\.jibeapply\.com(?:[/?#]|$)", re.I)
_API_PATH = re.compile(r"^(?:https?://)?(?P<site>[^/?#]+)/api/jobs/?(?:[?#]|$)", re.I)
_CLASSIC = re.compile(r"^(?:https?://)?[A-Za-z0-9-]+\.icims\.com(?:[/?#]|$)", re.I)
_EXPECTED = "expected an iCIMS Jibe JSON object with a 'jobs' list"
PAGE_SIZE = 100  # asked for; a site may send fewer a page, so paging counts what came


def _jobs(data: object) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise ParseError(f"{_EXPECTED}, got {shape(data)}")
    found = (mapping(job).get("data", job) for job in data["jobs"])
    return [job for job in found if isinstance(job, dict)]


def read(result: FetchResult) -> Any:
    """One page's JSON (checked to be a Jibe answer)."""
    data = json_body(result, _EXPECTED)
    _jobs(data)
    return data


def _place(job: dict[str, Any]) -> str | None:
    if job.get("multipleLocations") is True and text(job.get("full_location")):
        return text(job.get("full_location"))
    parts = (text(job.get("city")), text(job.get("state")), text(job.get("country")))
    return ", ".join(dict.fromkeys(p for p in parts if p)) or text(job.get("full_location"))


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


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def page_url(url: str, number: int) -> str:
    """`url` asking for page `number` of PAGE_SIZE (other query parameters are kept)."""
    parts = urlsplit(url)
    query = {k: v for k, v in parse_qsl(parts.query) if k not in ("page", "limit")}
    query |= {"page": str(number), "limit": str(PAGE_SIZE)}
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def more(pages: list[Any]) -> bool:
    """Whether another page is due: the last one had jobs and `totalCount` is not reached."""
    total = mapping(pages[-1]).get("totalCount")
    seen = sum(len(_jobs(p)) for p in pages)
    return bool(_jobs(pages[-1])) and isinstance(total, int) and seen < total


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
        """Page 1, 2, ... while jobs keep coming and `totalCount` is not reached."""
        seen: list[Any] = []

        def next_page(data: Any, number: int) -> Any:
            seen.append(data)
            return fetcher.get(page_url(url, number)) if more(seen) else None

        return await paging.collect(await fetcher.get(page_url(url, 1)), read, next_page)

    def parse(
        self, result: FetchResult, options: Mapping[str, Any] = NO_OPTIONS
    ) -> list[RawPosting]:
        """Every job on the page(s) read; no descriptions in the list (the job page has them)."""
        site = _site(result.url)
        return unique(
            _posting(job, site)
            for page in paging.pages(result, read)
            for job in _jobs(page)
            if text(job.get("slug")) or text(job.get("req_id"))
        )
