"""Phenom career sites: the site's own search, `POST {site}/widgets` (ddoKey `refineSearch`).

Phenom runs career sites on the company's own domain (`careers.mars.com/au/en/`), so a pasted
URL alone can't say it is Phenom: `recognise` knows a fetched page by its Phenom assets, or set
`kind = "phenom"` with the site's URL. The path's `/{country}/{lang}/` picks the locale the
search runs in. Pages of SIZE go by `from` until `totalHits`. A job's page is
`{site}/{country}/{lang}/job/{jobId}`; `applyUrl` often leads to the ATS behind it (Workday)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.errors import ParseError
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

_LOCALE = re.compile(r"^/(?P<country>[a-z]{2}|global)/(?P<lang>[a-z]{2})(?:/|$)", re.I)
_MARKERS = (b"cdn.phenompeople.com", b"phenompeople")
_EXPECTED = "expected a Phenom JSON object with refineSearch.data.jobs"
SIZE = 50


def site(url: str) -> tuple[str, str, str]:
    """(origin, locale path like "/au/en" or "", Phenom lang like "en_au") of a site URL."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    found = _LOCALE.match(parts.path)
    if not found:
        return origin, "", "en_us"
    country, lang = found["country"].lower(), found["lang"].lower()
    return origin, f"/{country}/{lang}", f"{lang}_{country}"


def search_body(url: str, offset: int) -> dict[str, Any]:
    """The `refineSearch` request for page `offset` of the site at `url`, in its locale."""
    _, path, lang = site(url)
    country = path.split("/")[1] if path else "us"
    return {
        "lang": lang, "deviceType": "desktop", "country": country, "pageName": "search-results",
        "ddoKey": "refineSearch", "sortBy": "", "subsearch": "", "from": offset, "size": SIZE,
        "jobs": True, "counts": False, "all_fields": [], "clearAll": False, "jdsource": "facets",
        "isSliderEnable": False, "pageId": "page1", "siteType": "external", "keywords": "",
        "global": True, "selected_fields": {}, "locationData": {},
    }  # fmt: skip


def _refine(data: object) -> dict[str, Any]:
    refine = mapping(mapping(data).get("refineSearch"))
    if not isinstance(mapping(refine.get("data")).get("jobs"), list):
        raise ParseError(f"{_EXPECTED}, got {shape(data)}")
    return refine


def read(result: FetchResult) -> Any:
    data = json_body(result, _EXPECTED)
    _refine(data)
    return data


def _posting(job: dict[str, Any], base: str) -> RawPosting:
    ident = text(job.get("jobId")) or text(job.get("reqId")) or ""
    apply = text(job.get("applyUrl"))
    place = text(job.get("cityStateCountry")) or ", ".join(
        p for p in (text(job.get(k)) for k in ("city", "state", "country")) if p
    )
    return RawPosting(
        external_id=ident,
        title=text(job.get("title")) or "",
        url=f"{base}/job/{ident}",
        location=place or None,
        locations=tuple(t for t in (text(x) for x in items(job.get("multi_location"))) if t),
        description_text=text(job.get("descriptionTeaser")),
        posted_at=text(job.get("postedDate")) or text(job.get("dateCreated")),
        employment_type=text(job.get("type")),
        department=text(job.get("category")),
        apply_url=apply,
    )


@register
class Phenom(Source):
    kind = "phenom"
    title = "Phenom career site (a company's own domain, e.g. careers.acme.com/us/en)"
    example_url = "https://careers.acme.com/us/en"

    def recognise(self, result: FetchResult) -> str | None:
        head = result.body[:300_000]
        return result.url if any(marker in head for marker in _MARKERS) else None

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
        """Search pages of SIZE from offset 0 until `totalHits` (or an empty page)."""
        widgets = site(url)[0] + "/widgets"
        seen = 0

        def next_page(data: Any, number: int) -> Any:
            nonlocal seen
            refine = _refine(data)
            batch = len(mapping(refine.get("data"))["jobs"])
            seen += batch
            total = refine.get("totalHits")
            if not batch or not isinstance(total, int) or seen >= total:
                return None
            return fetcher.request("POST", widgets, json=search_body(url, seen))

        first = await fetcher.request("POST", widgets, json=search_body(url, 0))
        result = await paging.collect(first, read, next_page)
        return FetchResult(url=url, body=result.body, content_type=result.content_type)

    def parse(
        self, result: FetchResult, options: Mapping[str, Any] = NO_OPTIONS
    ) -> list[RawPosting]:
        """Every job the search gave: title, place, date, a teaser (the list has no more)."""
        origin, path, _ = site(result.url)
        return unique(
            _posting(job, origin + path)
            for page in paging.pages(result, read)
            for job in mapping(_refine(page).get("data"))["jobs"]
            if isinstance(job, dict) and (text(job.get("jobId")) or text(job.get("reqId")))
        )
