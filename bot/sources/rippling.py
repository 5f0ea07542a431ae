"""Rippling ATS boards (`ats.rippling.com/{slug}/jobs`).

One poll: the board's list (`GET /api/v2/board/{slug}/jobs?page=N`, pages from 0, 20 a page,
`totalPages` on each), then `GET …/jobs/{id}` for each posting not stored yet: only the detail
has the date, the company's name and the description. Known postings come back `partial`
from the list (the store keeps their description).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from bot.errors import ParseError
from bot.models import RawPosting
from bot.sources.base import guarded, items, json_body, mapping, register, shape, text
from bot.sources.contract import Context, Page, Request, Response, Source

_API = "https://ats.rippling.com/api/v2/board/{slug}/jobs"
_BOARD = re.compile(
    r"^(?:https?://)?ats\.rippling\.com/(?:api/v2/board/)?(?:[a-z]{2}-[a-z]{2}/)?"
    r"(?P<slug>[^/?#\s]+)(?:/jobs)?(?:[/?#]|$)",
    re.IGNORECASE,
)
_NOT_SLUGS = frozenset({"api", "internal", "static", "_next", "jobs"})
MAX_PAGES = 50  # 1,000 postings
_EXPECTED = "expected a Rippling board answer with 'items' or a job's 'uuid'"
_CODE = re.compile(r"^[A-Z0-9_]+$")  # SALARIED_FT: a code, not a label


def _list_url(url: str) -> str:
    return url.split("?", 1)[0].rstrip("/")


def _page_of(url: str) -> int:
    value = (parse_qs(urlsplit(url).query).get("page") or ["0"])[0]
    return int(value) if value.isdigit() else 0


def _name(value: object) -> str | None:
    return text(value.get("name")) if isinstance(value, dict) else text(value)


def _places(values: object) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in map(_name, items(values)) if n))


def _workplace(locations: object) -> str | None:
    """REMOTE / ON_SITE / HYBRID, when every location says the same."""
    kinds = {text(mapping(x).get("workplaceType")) for x in items(locations)}
    return kinds.pop() if len(kinds) == 1 else None


def _employment(value: object) -> str | None:
    """`employmentType` has `label` and `id` swapped on some boards: take the readable one."""
    found = [v for v in (text(mapping(value).get(k)) for k in ("label", "id")) if v]
    readable = [v for v in found if not _CODE.match(v)]
    return (readable or found)[0] if found else None


@guarded
def _listed(item: dict[str, Any]) -> RawPosting:
    places = _places(item.get("locations"))
    return RawPosting(
        external_id=str(item["id"]),
        title=text(item.get("name")) or "",
        url=text(item.get("url")) or "",
        locations=places,
        workplace=_workplace(item.get("locations")),
        department=_name(item.get("department")),
        partial=True,
    )


def _detail(data: dict[str, Any], request: Request) -> RawPosting:
    ident = request.detail_of or text(data.get("uuid")) or text(data.get("id"))
    if not ident or not text(data.get("name")):
        raise ParseError(f"{_EXPECTED}, got {shape(data)}")
    parts = mapping(data.get("description"))
    html = "".join(p for p in (text(parts.get("role")), text(parts.get("company"))) if p)
    return RawPosting(
        external_id=ident,
        title=text(data.get("name")) or "",
        url=text(data.get("url")) or "",
        company=text(data.get("companyName")),
        locations=_places(data.get("workLocations")),
        description_html=html or text(data.get("description")),
        posted_at=text(data.get("createdOn")),
        employment_type=_employment(data.get("employmentType")),
        department=_name(data.get("department")),
    )


@register
class Rippling(Source):
    kind = "rippling"
    details = True
    title = "Rippling ATS board (ats.rippling.com/{slug}/jobs)"
    example_url = "https://ats.rippling.com/acme/jobs"

    def endpoint(self, url: str) -> str | None:
        match = _BOARD.match(url.strip())
        if not match or match["slug"].lower() in _NOT_SLUGS:
            return None
        return _API.format(slug=match["slug"])

    def parse(self, response: Response, ctx: Context) -> Page:
        """A list page (postings, the pages after it, details of new ones) or one detail."""
        data = json_body(response, _EXPECTED)
        if isinstance(data, dict) and "uuid" in data and "items" not in data:
            return Page([_detail(data, response.request)])
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        base = _list_url(response.request.url)
        postings, follow = [], []
        for item in data["items"]:
            if not isinstance(item, dict) or not text(item.get("id")) or not text(item.get("name")):
                continue
            posting = _listed(item)
            if posting is None:
                continue
            postings.append(posting)
            if posting.external_id not in ctx.known:
                follow.append(
                    Request(f"{base}/{posting.external_id}", detail_of=posting.external_id)
                )
        pages = data.get("totalPages")
        if _page_of(response.request.url) == 0 and isinstance(pages, int):
            follow += [Request(f"{base}?page={n}") for n in range(1, min(pages, MAX_PAGES))]
        return Page(postings, follow)
