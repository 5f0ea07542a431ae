"""Lever Postings API: JSON arrays of a site's postings (EU accounts on api.eu.lever.co), paged
with skip/limit. Lever leaves the company name out; the board's `company` setting fills it."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.errors import ParseError
from bot.models import FetchResult, RawPosting
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

_URL_FORM = re.compile(
    r"^(?:https?://)?"
    r"(?:jobs(?P<jobs_eu>\.eu)?\.lever\.co/|api(?P<api_eu>\.eu)?\.lever\.co/v0/postings/)"
    r"(?P<site>[^/?#\s]+)",
    re.IGNORECASE,
)
_EXPECTED = "expected a JSON array of Lever postings"
PAGE_SIZE = 100
MAX_PAGES = 100  # 10,000 postings: far past any real board, short of a server that loops


def _items(result: FetchResult) -> list[Any]:
    data = json_body(result, _EXPECTED)
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and data.get("ok") is False:
        raise ParseError(f"Lever answered an error: {data.get('error') or 'no reason given'}")
    raise ParseError(f"{_EXPECTED}, got {shape(data)}")


def _page_url(url: str, skip: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("skip", "limit")]
    query += [("skip", str(skip)), ("limit", str(PAGE_SIZE))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _description(item: dict[str, Any]) -> str | None:
    """Opening and body, each list as a heading with its bullets, then the closing text."""
    parts = [text(item.get("description"))]
    for block in item.get("lists") or ():
        if isinstance(block, dict):
            heading = text(block.get("text"))
            content = text(block.get("content"))
            parts.append(f"<h3>{heading or ''}</h3><ul>{content or ''}</ul>")
    parts.append(text(item.get("additional")))
    html = "".join(p for p in parts if p)
    return html or None


def _posting(item: dict[str, Any]) -> RawPosting:
    categories = mapping(item.get("categories"))
    all_locations = categories.get("allLocations")
    locations = [x for x in all_locations if text(x)] if isinstance(all_locations, list) else []
    description = _description(item)
    pay = mapping(item.get("salaryRange"))
    return RawPosting(
        external_id=str(item["id"]),
        title=str(item.get("text") or ""),
        url=text(item.get("hostedUrl")) or "",
        location=text(categories.get("location")),
        locations=tuple(locations),
        description_html=description,
        description_text=None if description else text(item.get("descriptionPlain")),
        posted_at=item.get("createdAt"),
        workplace=text(item.get("workplaceType")),
        employment_type=text(categories.get("commitment")),
        department=text(categories.get("department")) or text(categories.get("team")),
        apply_url=text(item.get("applyUrl")),
        salary_min=pay.get("min"),
        salary_max=pay.get("max"),
        salary_currency=pay.get("currency"),
        salary_period=pay.get("interval"),
    )


@register
class Lever(Source):
    kind = "lever"
    title = "Lever job site (jobs.lever.co/{site}, also jobs.eu.lever.co)"
    example_url = "https://jobs.lever.co/acme"

    def endpoint(self, url: str) -> str | None:
        match = _URL_FORM.match(url.strip())
        if not match:
            return None
        host = "api.eu.lever.co" if match["jobs_eu"] or match["api_eu"] else "api.lever.co"
        return f"https://{host}/v0/postings/{match['site']}?mode=json"

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
        """Page with skip/limit until a short page. A board that fits in one page keeps its
        ETag, so a 304 on that page means the whole board is unchanged; longer boards don't."""
        first = await fetcher.get(_page_url(url, 0), etag=etag, last_modified=last_modified)
        if first.not_modified:
            return first
        items = _items(first)
        if len(items) < PAGE_SIZE:
            return first
        seen = {item.get("id") for item in items if isinstance(item, dict)}
        for page in range(1, MAX_PAGES):
            result = await fetcher.get(_page_url(url, page * PAGE_SIZE))
            batch = _items(result)
            fresh = [i for i in batch if isinstance(i, dict) and i.get("id") not in seen]
            seen.update(item.get("id") for item in fresh)
            items.extend(fresh)
            if len(batch) < PAGE_SIZE or not fresh:
                break
        body = json.dumps(items).encode()
        return FetchResult(url=first.url, body=body, content_type="application/json")

    def parse(
        self, result: FetchResult, options: Mapping[str, Any] = NO_OPTIONS
    ) -> list[RawPosting]:
        """Every posting in the array; `{"ok": false, "error": ...}` becomes a ParseError."""
        items = _items(result)
        return unique(
            _posting(item)
            for item in items
            if isinstance(item, dict) and item.get("id") not in (None, "")
        )
