"""SmartRecruiters Posting API: a paged list without descriptions, plus one detail request per
posting for its ad. Details are fetched only for postings not seen before; known ones come back
`partial` (the store keeps their description), so a poll costs list pages, not one call a job.

A detail request that fails skips that new posting for this poll (it is still new next poll and
is fetched then); a 429, a network failure or the fetch's deadline drawing near stops detail
requests until the next poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.errors import BoardHTTPError, BoardUnreachable, FetchError, ParseError
from bot.models import FetchResult, RawPosting
from bot.normalize import workplace
from bot.sources.base import (
    NO_OPTIONS,
    Source,
    json_body,
    mapping,
    register,
    shape,
    text,
    unique,
)

if TYPE_CHECKING:
    from bot.http import Fetcher

_API = "https://api.smartrecruiters.com/v1/companies/{company}/postings"
_URL_FORMS = (
    re.compile(
        r"^(?:https?://)?(?:jobs|careers)\.smartrecruiters\.com/(?P<company>[^/?#\s]+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:https?://)?api\.smartrecruiters\.com/v1/companies/(?P<company>[^/?#\s]+)",
        re.IGNORECASE,
    ),
)
_NOT_COMPANIES = frozenset({"external-referrals", "oneclick-ui", "sr-jobs", "search"})
_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
_EXPECTED = "expected a SmartRecruiters JSON object with a 'content' list"
PAGE_SIZE = 100  # the API's maximum
MAX_PAGES = 50
DETAIL_CONCURRENCY = 4
MAX_DETAILS = 1000  # detail requests in one poll; the rest wait for the next poll
DETAIL_SHARE = 0.8  # of the time left in the fetch's deadline; the rest wait for the next poll


def _list_url(url: str) -> str:
    """The postings list endpoint for any URL of the company (a pasted page works too)."""
    for form in _URL_FORMS:
        match = form.match(url.strip())
        if match and match["company"].lower() not in _NOT_COMPANIES:
            return _API.format(company=match["company"])
    return url.split("?", 1)[0]


def _page_url(url: str, offset: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("offset", "limit")]
    query += [("limit", str(PAGE_SIZE)), ("offset", str(offset))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _content(data: object) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        return data["content"]
    if isinstance(data, dict) and data.get("id") and data.get("name"):
        return [data]  # one posting's detail on its own
    raise ParseError(f"{_EXPECTED}, got {shape(data)}")


def _label(value: object) -> str | None:
    return text(value.get("label")) if isinstance(value, dict) else text(value)


def _location(loc: dict[str, Any]) -> str | None:
    """fullLocation, without the empty parts ("Tallinn, , Estonia") and repeats."""
    full = text(loc.get("fullLocation"))
    parts = full.split(",") if full else [loc.get(k) for k in ("city", "region", "country")]
    seen = dict.fromkeys(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return ", ".join(seen) or None


def _workplace(loc: dict[str, Any], location: str | None) -> str | None:
    if loc.get("remote") is True:
        return "remote"
    if loc.get("hybrid") is True:
        return "hybrid"
    if loc.get("remote") is False and loc.get("hybrid") is False:
        return workplace(None, None, location or "") or "onsite"
    return None


def _description(item: dict[str, Any]) -> str | None:
    ad = mapping(item.get("jobAd"))
    sections = mapping(ad.get("sections"))
    parts = []
    for name in _SECTIONS:
        section = sections.get(name)
        if isinstance(section, dict) and text(section.get("text")):
            heading = text(section.get("title"))
            parts.append(f"<h3>{heading}</h3>{section['text']}" if heading else section["text"])
    return "".join(parts) or None


def _posting(item: dict[str, Any]) -> RawPosting:
    company = mapping(item.get("company"))
    loc = mapping(item.get("location"))
    location = _location(loc)
    ident = str(item["id"])
    fallback_url = (
        f"https://jobs.smartrecruiters.com/{company['identifier']}/{ident}"
        if text(company.get("identifier"))
        else ""
    )
    return RawPosting(
        external_id=ident,
        title=str(item.get("name") or ""),
        url=text(item.get("postingUrl")) or fallback_url,
        company=text(company.get("name")),
        location=location,
        description_html=_description(item),
        posted_at=item.get("releasedDate"),
        workplace=_workplace(loc, location),
        employment_type=_label(item.get("typeOfEmployment")),
        department=_label(item.get("department")),
        apply_url=text(item.get("applyUrl")),
        partial=item.get("_partial") is True,
    )


async def _details(
    fetcher: Fetcher, list_url: str, items: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Detail objects by posting id, for as many of `items` as answer."""
    found: dict[str, dict[str, Any]] = {}
    gate = asyncio.Semaphore(DETAIL_CONCURRENCY)
    stop = asyncio.Event()

    async def one(ident: str) -> None:
        async with gate:
            if stop.is_set():
                return
            try:
                result = await fetcher.get(f"{list_url}/{ident}")
                detail = json.loads(result.text)
            except (BoardHTTPError, BoardUnreachable) as exc:
                if isinstance(exc, BoardUnreachable) or exc.status == 429:
                    stop.set()
                return
            except (FetchError, ValueError):
                return
            if isinstance(detail, dict):
                found[ident] = detail

    left = fetcher.time_left()  # stop in time: slow details must not fail the whole fetch
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(None if left is None else left * DETAIL_SHARE):
            await asyncio.gather(*(one(str(item["id"])) for item in items[:MAX_DETAILS]))
    return found


@register
class SmartRecruiters(Source):
    kind = "smartrecruiters"
    title = "SmartRecruiters company (jobs.smartrecruiters.com/{company})"
    example_url = "https://jobs.smartrecruiters.com/Wise"

    def endpoint(self, url: str) -> str | None:
        for form in _URL_FORMS:
            match = form.match(url.strip())
            if match and match["company"].lower() not in _NOT_COMPANIES:
                return _API.format(company=match["company"])
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
        """Every list page (offset += 100 until totalFound), then details for new postings;
        all of it as one JSON body `{"totalFound", "content": [...]}` for `parse`."""
        list_url = _list_url(url)
        items: dict[str, dict[str, Any]] = {}
        for page in range(MAX_PAGES):
            result = await fetcher.get(_page_url(list_url, page * PAGE_SIZE))
            data = json_body(result, _EXPECTED)
            batch = [i for i in _content(data) if isinstance(i, dict) and text(i.get("id"))]
            for item in batch:
                items.setdefault(str(item["id"]), item)
            total = data.get("totalFound") if isinstance(data, dict) else None
            if not batch or not isinstance(total, int) or (page + 1) * PAGE_SIZE >= total:
                break
        new = [item for ident, item in items.items() if ident not in known]
        details = await _details(fetcher, list_url, new)
        content = []
        for ident, item in items.items():
            if ident in known:
                content.append({**item, "_partial": True})
            elif ident in details:
                content.append({**item, **details[ident]})
        body = json.dumps({"totalFound": len(items), "content": content}).encode()
        return FetchResult(url=list_url, body=body, content_type="application/json")

    def parse(
        self, result: FetchResult, options: Mapping[str, Any] = NO_OPTIONS
    ) -> list[RawPosting]:
        """A list page, a posting's detail, or what `fetch` put together from both."""
        content = _content(json_body(result, _EXPECTED))
        return unique(
            _posting(item) for item in content if isinstance(item, dict) and text(item.get("id"))
        )
