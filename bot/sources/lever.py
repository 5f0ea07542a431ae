"""Lever Postings API: a bare JSON array of a site's postings (EU accounts on api.eu.lever.co)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from bot.errors import ParseError
from bot.models import FetchResult, RawPosting
from bot.sources.base import NO_OPTIONS, Source, register

_URL_FORM = re.compile(
    r"^(?:https?://)?"
    r"(?:jobs(?P<jobs_eu>\.eu)?\.lever\.co/|api(?P<api_eu>\.eu)?\.lever\.co/v0/postings/)"
    r"(?P<site>[^/?#\s]+)",
    re.IGNORECASE,
)
_EXPECTED = "expected a JSON array of Lever postings"


def _describe(result: FetchResult) -> str:
    """What a body that is not JSON looks like; Lever sometimes answers HTML even to mode=json."""
    head = result.body[:200].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    ctype = result.content_type.split(";")[0].strip() or "no content type"
    if head.startswith(b"<"):
        return f"HTML ({ctype})" if b"<html" in head or b"<!doctype" in head else f"XML ({ctype})"
    return f"a body that is not JSON ({ctype})" if head else "an empty body"


def _items(result: FetchResult) -> list[Any]:
    try:
        data = json.loads(result.text)
    except ValueError:
        raise ParseError(f"{_EXPECTED}, got {_describe(result)}") from None
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and data.get("ok") is False:
        raise ParseError(f"Lever answered an error: {data.get('error') or 'no reason given'}")
    shape = f"an object with keys {', '.join(sorted(map(str, data))[:6])}"
    raise ParseError(f"{_EXPECTED}, got {shape if isinstance(data, dict) else type(data).__name__}")


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _description(item: dict[str, Any]) -> str | None:
    """Opening and body, each list as a heading with its bullets, then the closing text."""
    parts = [_str(item.get("description"))]
    for block in item.get("lists") or ():
        if isinstance(block, dict):
            heading = _str(block.get("text"))
            content = _str(block.get("content"))
            parts.append(f"<h3>{heading or ''}</h3><ul>{content or ''}</ul>")
    parts.append(_str(item.get("additional")))
    html = "".join(p for p in parts if p)
    return html or None


def _posting(item: dict[str, Any]) -> RawPosting:
    categories = item.get("categories") if isinstance(item.get("categories"), dict) else {}
    all_locations = categories.get("allLocations")
    locations = [x for x in all_locations if _str(x)] if isinstance(all_locations, list) else []
    description = _description(item)
    return RawPosting(
        external_id=str(item["id"]),
        title=str(item.get("text") or ""),
        url=_str(item.get("hostedUrl")) or "",
        location=_str(categories.get("location")),
        locations=tuple(locations),
        description_html=description,
        description_text=None if description else _str(item.get("descriptionPlain")),
        posted_at=item.get("createdAt"),
        workplace=_str(item.get("workplaceType")),
        employment_type=_str(categories.get("commitment")),
        department=_str(categories.get("department")) or _str(categories.get("team")),
        apply_url=_str(item.get("applyUrl")),
    )


@register
class Lever(Source):
    kind = "lever"
    title = "Lever job site (jobs.lever.co/{site})"
    example_url = "https://jobs.lever.co/acme"

    def endpoint(self, url: str) -> str | None:
        match = _URL_FORM.match(url.strip())
        if not match:
            return None
        host = "api.eu.lever.co" if match["jobs_eu"] or match["api_eu"] else "api.lever.co"
        return f"https://{host}/v0/postings/{match['site']}?mode=json"

    def parse(
        self, result: FetchResult, options: Mapping[str, Any] = NO_OPTIONS
    ) -> list[RawPosting]:
        """Every posting in the array; `{"ok": false, "error": ...}` becomes a ParseError."""
        postings: list[RawPosting] = []
        seen: set[str] = set()
        for item in _items(result):
            if not isinstance(item, dict) or item.get("id") in (None, ""):
                continue
            posting = _posting(item)
            if posting.external_id not in seen:
                seen.add(posting.external_id)
                postings.append(posting)
        return postings
