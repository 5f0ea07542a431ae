"""BambooHR careers sites (`{company}.bamboohr.com/careers`).

One poll: `GET /careers/list` (every opening, no paging, but no date and no description), then
`GET /careers/{id}/detail` for each opening not stored yet. Known openings come back `partial`
from the list (the store keeps their description). These are the paths the careers site's own
page calls; BambooHR's documented API needs each company's key.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bot.errors import ParseError
from bot.models import RawPosting
from bot.sources.base import (
    guarded,
    json_body,
    mapping,
    origin_of,
    register,
    shape,
    text,
    unique,
)
from bot.sources.contract import Context, Page, Request, Response, Source

_HOST = re.compile(
    r"^(?:https?://)?(?P<company>[a-z0-9][a-z0-9-]*)\.bamboohr\.com(?:[/?#]|$)", re.IGNORECASE
)
_NOT_COMPANIES = frozenset({"www", "api", "help", "marketplace", "partners"})
_LIST = "/careers/list"
_EXPECTED = "expected a BambooHR careers answer with a 'result' list or 'jobOpening'"
# `locationType`: "1" remote, "2" hybrid (as BambooHR's careers page shows them); "0" is not said.
_WORKPLACE = {"1": "remote", "2": "hybrid"}


def _base(url: str) -> str:
    """The site's root for any of its careers URLs (so a mirror or a test server works too)."""
    path = urlsplit(url).path
    cut = path.find("/careers")
    return origin_of(url) + (path[:cut] if cut >= 0 else "")


def _place(*values: object) -> str | None:
    seen = dict.fromkeys(v for v in (text(x) for x in values) if v)
    return ", ".join(seen) or None


def _location(item: dict[str, Any]) -> str | None:
    """`location` or `atsLocation`: in each opening one of the two is all null."""
    loc, ats = mapping(item.get("location")), mapping(item.get("atsLocation"))
    return _place(loc.get("city"), loc.get("state"), loc.get("addressCountry")) or _place(
        ats.get("city"), ats.get("state") or ats.get("province"), ats.get("country")
    )


@guarded
def _posting(ident: str, item: dict[str, Any], base: str, **more: Any) -> RawPosting:
    remote = item.get("isRemote")
    return RawPosting(
        external_id=ident,
        title=text(item.get("jobOpeningName")) or "",
        url=f"{base}/careers/{ident}",
        location=_location(item),
        workplace=_WORKPLACE.get(str(item.get("locationType"))),
        remote=remote if isinstance(remote, bool) else None,
        employment_type=text(item.get("employmentStatusLabel")),
        department=text(item.get("departmentLabel")),
        **more,
    )


def _detail(data: dict[str, Any], request: Request, base: str) -> RawPosting | None:
    opening = mapping(mapping(data.get("result")).get("jobOpening"))
    share = text(opening.get("jobOpeningShareUrl")) or ""
    ident = request.detail_of or share.rstrip("/").rsplit("/", 1)[-1]
    if not ident or not text(opening.get("jobOpeningName")):
        raise ParseError(f"{_EXPECTED}, got an opening without an id or a name")
    return _posting(
        ident,
        opening,
        base,
        description_html=text(opening.get("description")),
        posted_at=text(opening.get("datePosted")),
    )


@register
class BambooHR(Source):
    kind = "bamboohr"
    details = True
    title = "BambooHR careers site ({company}.bamboohr.com/careers)"
    example_url = "https://acme.bamboohr.com/careers"

    def endpoint(self, url: str) -> str | None:
        match = _HOST.match(url.strip())
        if not match or match["company"].lower() in _NOT_COMPANIES:
            return None
        return f"https://{match['company'].lower()}.bamboohr.com{_LIST}"

    def parse(self, response: Response, ctx: Context) -> Page:
        """The list (postings, details of new ones) or one opening's detail."""
        data = json_body(response, _EXPECTED)
        base = _base(response.request.url)
        if isinstance(data, dict) and isinstance(data.get("result"), dict):
            return Page(unique([_detail(data, response.request, base)]))
        if not isinstance(data, dict) or not isinstance(data.get("result"), list):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        postings, follow = [], []
        for item in data["result"]:
            item = mapping(item)
            ident = text(item.get("id"))
            if not ident or not text(item.get("jobOpeningName")):
                continue
            postings.append(_posting(ident, item, base, partial=True))
            if ident not in ctx.known:
                follow.append(Request(f"{base}/careers/{ident}/detail", detail_of=ident))
        return Page(unique(postings), follow)
