"""Lever Postings API: JSON arrays of a site's postings (EU accounts on api.eu.lever.co), paged
with skip/limit. Lever leaves the company name out; the board's `company` setting fills it."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.errors import ParseError
from bot.models import FetchResult, RawPosting
from bot.sources.base import guarded, json_body, mapping, register, shape, text, unique
from bot.sources.contract import Context, Page, Request, Response, Source

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


def _skip(url: str) -> int:
    skip = dict(parse_qsl(urlsplit(url).query)).get("skip", "0")
    return int(skip) if skip.isdigit() else 0


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


@guarded
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

    def start(self, ctx: Context) -> list[Request]:
        """The first page, conditional: a board that fits in one page keeps its ETag, so a 304
        means the whole board is unchanged; longer boards don't."""
        return [Request(_page_url(ctx.url, 0), conditional=True)]

    def parse(self, response: Response, ctx: Context) -> Page:
        """Every posting in the array, and the next page after a full one (skip/limit);
        `{"ok": false, "error": ...}` becomes a ParseError."""
        items = _items(response)
        skip = _skip(response.request.url)
        more = len(items) >= PAGE_SIZE and skip + PAGE_SIZE < PAGE_SIZE * MAX_PAGES
        return Page(
            unique(
                _posting(item)
                for item in items
                if isinstance(item, dict) and item.get("id") not in (None, "")
            ),
            [Request(_page_url(ctx.url, skip + PAGE_SIZE))] if more else [],
        )
