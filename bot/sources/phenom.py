"""Phenom career sites: the site's own search, `POST {site}/widgets` (ddoKey `refineSearch`).

Phenom runs career sites on the company's own domain (`careers.mars.com/au/en/`), so a pasted
URL alone can't say it is Phenom: `recognise` knows a fetched page by its Phenom assets, or set
`kind = "phenom"` with the site's URL. The path's `/{country}/{lang}/` picks the locale the
search runs in. The first answer asks for the pages after it by `from`, at its own size, until
`totalHits` (up to MAX_PAGES in all). A job's page is
`{site}/{country}/{lang}/job/{jobId}`; `applyUrl` often leads to the ATS behind it (Workday)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bot.errors import ParseError
from bot.models import FetchResult, RawPosting
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

_LOCALE = re.compile(r"^/(?P<country>[a-z]{2}|global)/(?P<lang>[a-z]{2})(?:/|$)", re.I)
_MARKERS = (b"cdn.phenompeople.com", b"phenompeople")
_EXPECTED = "expected a Phenom JSON object with refineSearch.data.jobs"
SIZE = 50
MAX_PAGES = 50
_ACCEPT = (("Accept", "application/json"),)


def site(url: str) -> tuple[str, str, str]:
    """(origin, locale path like "/au/en" or "", Phenom lang like "en_au") of a site URL."""
    origin = origin_of(url)
    found = _LOCALE.match(urlsplit(url).path)
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


def search(url: str, offset: int) -> Request:
    """The search request for page `offset` of the site at `url`."""
    return Request(
        site(url)[0] + "/widgets", "POST", headers=_ACCEPT, json=search_body(url, offset)
    )


def later_pages(url: str, sent: object, listed: int, total: object) -> list[Request]:
    """From the first answer (`from` 0, `listed` jobs): the pages up to `totalHits`."""
    offset = mapping(sent).get("from", 0)
    if offset != 0 or not listed or not isinstance(total, int):
        return []
    last = min(total, listed * MAX_PAGES)
    return [search(url, at) for at in range(listed, last, listed)]


def _place(job: dict[str, Any]) -> str:
    """The job's place, a part its city and state repeat said once ("Auckland, Auckland, New
    Zealand" is Auckland, New Zealand)."""
    place = text(job.get("cityStateCountry")) or ", ".join(
        p for p in (text(job.get(k)) for k in ("city", "state", "country")) if p
    )
    parts = [p.strip() for p in place.split(",")]
    kept = [p for i, p in enumerate(parts) if i == 0 or p.casefold() != parts[i - 1].casefold()]
    return ", ".join(kept) if len(kept) < len(parts) else place


# The teaser starts with the description's first heading, run into its first sentence.
_TEASER_LABEL = re.compile(r"(?i)^\s*job description\s*[.:]\s*")


@guarded
def _posting(job: dict[str, Any], base: str) -> RawPosting:
    ident = text(job.get("jobId")) or text(job.get("reqId")) or ""
    apply = text(job.get("applyUrl"))
    place = _place(job)
    teaser = text(job.get("descriptionTeaser"))
    return RawPosting(
        external_id=ident,
        title=text(job.get("title")) or "",
        url=f"{base}/job/{ident}",
        location=place or None,
        locations=tuple(t for t in (text(x) for x in items(job.get("multi_location"))) if t),
        description_text=_TEASER_LABEL.sub("", teaser) if teaser else teaser,
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

    def start(self, ctx: Context) -> list[Request]:
        return [search(ctx.url, 0)]

    def parse(self, response: Response, ctx: Context) -> Page:
        """One page of the search: title, place, date, a teaser (the list has no more); the
        first page asks for the rest."""
        refine = _refine(json_body(response, _EXPECTED))
        jobs = mapping(refine.get("data"))["jobs"]
        origin, path, _ = site(ctx.url or response.url)
        found = unique(
            _posting(job, origin + path)
            for job in jobs
            if isinstance(job, dict) and (text(job.get("jobId")) or text(job.get("reqId")))
        )
        total = refine.get("totalHits")
        return Page(found, later_pages(ctx.url, response.request.json, len(jobs), total))
