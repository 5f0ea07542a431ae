"""Pinpoint careers site: `{company}.pinpointhq.com/postings.json`, one GET of `{data: [...]}`.

The feed states no posted date and no company name (the board's name stands in, and the
first time jobbot saw a posting is its date). The description is the posting's HTML sections
in the order the site shows them, each after its own header."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from bot.errors import ParseError
from bot.models import RawPosting
from bot.sources.base import guarded, json_body, mapping, register, shape, text, unique
from bot.sources.contract import Context, Page, Response, Source

_URL_FORM = re.compile(
    r"^(?:https?://)?(?P<company>[A-Za-z0-9-]+)\.pinpointhq\.com(?:[/?#]|$)", re.I
)
_NOT_COMPANIES = frozenset({"www", "app", "api", "help", "blog", "support", "developers"})
_EXPECTED = "expected a Pinpoint JSON object with a 'data' list"
_SECTIONS = ("key_responsibilities", "skills_knowledge_expertise", "benefits")
_WORKPLACES = {"remote": "remote", "hybrid": "hybrid", "onsite": "onsite", "on_site": "onsite"}


def _description(posting: dict[str, Any]) -> str | None:
    parts = [text(posting.get("description"))]
    for section in _SECTIONS:
        body = text(posting.get(section))
        if body:
            header = text(posting.get(f"{section}_header"))
            parts.append(f"<h3>{escape(header.rstrip(': '))}</h3>{body}" if header else body)
    return "".join(p for p in parts if p) or None


def _place(location: dict[str, Any]) -> str | None:
    """ "London, Remote" style: the city, then the location's own name when it adds something."""
    city, name = text(location.get("city")), text(location.get("name"))
    province = text(location.get("province"))
    parts = dict.fromkeys(p for p in (city, province, name) if p)
    return ", ".join(parts) or None


@guarded
def _posting(item: dict[str, Any]) -> RawPosting:
    job = mapping(item.get("job"))
    visible = item.get("compensation_visible") is not False
    workplace = text(item.get("workplace_type"))
    return RawPosting(
        external_id=str(item["id"]),
        title=text(item.get("title")) or "",
        url=text(item.get("url")) or text(item.get("path")) or "",
        location=_place(mapping(item.get("location"))),
        description_html=_description(item),
        workplace=_WORKPLACES.get((workplace or "").lower(), workplace),
        employment_type=text(item.get("employment_type")),
        department=text(mapping(job.get("department")).get("name")),
        salary_min=item.get("compensation_minimum") if visible else None,
        salary_max=item.get("compensation_maximum") if visible else None,
        salary_currency=text(item.get("compensation_currency")) if visible else None,
        salary_period=text(item.get("compensation_frequency")) if visible else None,
    )


@register
class Pinpoint(Source):
    kind = "pinpoint"
    title = "Pinpoint careers site ({company}.pinpointhq.com)"
    example_url = "https://acme.pinpointhq.com"

    def endpoint(self, url: str) -> str | None:
        match = _URL_FORM.match(url.strip())
        if not match or match["company"].lower() in _NOT_COMPANIES:
            return None
        return f"https://{match['company'].lower()}.pinpointhq.com/postings.json"

    def parse(self, response: Response, ctx: Context) -> Page:
        """Every posting the site lists (the feed has no paging); pay only where shown."""
        data = json_body(response, _EXPECTED)
        if not isinstance(data, dict) or not isinstance(data.get("data"), list):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        return Page(
            unique(
                _posting(item)
                for item in data["data"]
                if isinstance(item, dict) and text(item.get("id"))
            )
        )
