"""Gem job board: `api.gem.com/job_board/v0/{board}/job_posts/`, one GET of a bare list.

Public and unpaged. Greenhouse-like fields; no company name (the board's name stands in), pay
only in the text. `first_published_at` is the posting date (`created_at` is the draft's)."""

from __future__ import annotations

import re
from typing import Any

from bot.errors import ParseError
from bot.models import RawPosting
from bot.sources.base import guarded, items, json_body, mapping, register, shape, text, unique
from bot.sources.contract import Context, Page, Response, Source

_API = "https://api.gem.com/job_board/v0/{board}/job_posts/"
_URL_FORMS = (
    re.compile(r"^(?:https?://)?jobs\.gem\.com/(?P<board>[A-Za-z0-9_.-]+)", re.I),
    re.compile(r"^(?:https?://)?api\.gem\.com/job_board/v0/(?P<board>[A-Za-z0-9_.-]+)", re.I),
)
_EXPECTED = "expected a Gem JSON list of job posts"
_WORKPLACES = {"in_office": "onsite", "onsite": "onsite", "hybrid": "hybrid", "remote": "remote"}


def _names(value: object) -> list[str]:
    return [n for n in (text(mapping(v).get("name")) for v in items(value)) if n]


@guarded
def _posting(post: dict[str, Any]) -> RawPosting:
    workplace = text(post.get("location_type"))
    html = text(post.get("content"))
    offices = [text(mapping(o.get("location")).get("name")) or text(o.get("name"))
               for o in items(post.get("offices")) if isinstance(o, dict)]  # fmt: skip
    return RawPosting(
        external_id=str(post["id"]),
        title=text(post.get("title")) or "",
        url=text(post.get("absolute_url")) or "",
        location=text(mapping(post.get("location")).get("name")),
        locations=tuple(dict.fromkeys(o for o in offices if o)),
        description_html=html,
        description_text=None if html else text(post.get("content_plain")),
        posted_at=text(post.get("first_published_at")) or text(post.get("created_at")),
        workplace=_WORKPLACES.get((workplace or "").lower(), workplace),
        employment_type=text(post.get("employment_type")),
        department=", ".join(_names(post.get("departments"))) or None,
    )


@register
class Gem(Source):
    kind = "gem"
    title = "Gem job board (jobs.gem.com/{board})"
    example_url = "https://jobs.gem.com/acme"

    def endpoint(self, url: str) -> str | None:
        for form in _URL_FORMS:
            match = form.match(url.strip())
            if match:
                return _API.format(board=match["board"])
        return None

    def parse(self, response: Response, ctx: Context) -> Page:
        """Every open post (a bare list; a `{job_posts: [...]}` wrapper is read too)."""
        data = json_body(response, _EXPECTED)
        if isinstance(data, dict) and isinstance(data.get("job_posts"), list):
            data = data["job_posts"]
        if not isinstance(data, list):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        return Page(
            unique(
                _posting(post) for post in data if isinstance(post, dict) and text(post.get("id"))
            )
        )
