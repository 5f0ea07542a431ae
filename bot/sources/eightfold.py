"""Eightfold career sites, read through the job API the site itself calls.

Eightfold runs career sites at `{company}.eightfold.ai/careers` or on the company's own domain
(`jobs.infineon.com/careers`); the page loads its jobs in the browser from one of two public
JSON APIs, and a site has only one of them:

- "SmartApply": `GET /api/apply/v2/jobs?domain=D&start=N&num=M` -> `{positions, count}`, a
  position's detail at `/api/apply/v2/jobs/{id}?domain=D`;
- the newer career hub, "PCSX": `GET /api/pcsx/search?domain=D&start=N` -> `{data: {positions,
  count}}`, 10 a page, a detail at `/api/pcsx/position_details?position_id={id}&domain=D`.

Both need the site's `domain` (the company's, "infineon.com"), which the careers page names
(`_EF_GROUP_ID`, or `"domain"` in its site config: entity-escaped JSON in a `<code>`), or which a
careers URL carries as `?domain=`. A board's endpoint is one API's list URL with its domain: the
PCSX one for a page built for it (its `static.vscdn.net` assets name "pcsx"), else SmartApply.
A site answers the API it lacks with HTTP 403 (the poll fails, saying so), or with "Not
authorized for PCSX": then, when that was the board's SmartApply endpoint, the poll asks PCSX
instead. A board added as
`{company}.eightfold.ai/careers` (with or without `?domain=`) reads that page first, at each
poll, to pick the API.

A list gives id, title, places, department, the date (epoch seconds, sometimes a string), the
workplace and the job's page, but no description, or a cut preview: each posting not stored yet
gets its detail, and the list's postings are `partial` (the store keeps a known one's
description). Sites pick their page size, so the first page asks for the rest at the size that
came, up to `count` and MAX_PAGES. A site that refuses both APIs fails its poll in one line."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from bot.errors import ParseError, UnsupportedBoard
from bot.models import FetchResult, RawPosting
from bot.normalize.urls import joined
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

V2 = "/api/apply/v2/jobs"
PCSX = "/api/pcsx/search"
_PCSX_DETAIL = "/api/pcsx/position_details"
_V2_DETAIL = re.compile(r"^/api/apply/v2/jobs/(?P<id>[^/?#]+)/?$")
_HOSTED = re.compile(r"^[A-Za-z0-9-]+\.eightfold\.ai$", re.I)
_MARKERS = (b"static.vscdn.net", b".eightfold.ai")
# `_EF_GROUP_ID = "acme.com"` in a script, or `"domain": "acme.com"` in the site config
_DOMAIN = re.compile(
    r'(?:_EF_GROUP_ID\s*=\s*|"domain"\s*:\s*)["\'](?P<domain>[A-Za-z0-9.-]+\.[A-Za-z]{2,})["\']'
)
_PCSX_PAGE = re.compile(rb"static\.vscdn\.net/[^\"' ]*pcsx", re.I)
_EXPECTED = "expected an Eightfold JSON object with a 'positions' list"
_ACCEPT = (("Accept", "application/json"),)
_NOT_SITES = ("www", "app", "api", "static", "vs-errors")  # Eightfold's own hosts
_COMMA = re.compile(r",(?=\S)")
PAGE_SIZE = 100  # asked for; a site may send fewer a page, so paging counts what came
MAX_PAGES = 100
# a workplace option -> ours; "remote_local" is remote within a country or region
_WORKPLACE = {"onsite": "onsite", "remote": "remote", "remote_local": "remote", "hybrid": "hybrid"}


def site_domain(markup: str) -> str | None:
    """The `domain` an Eightfold page names for its APIs ("infineon.com"), or None."""
    found = _DOMAIN.search(html.unescape(markup[:2_000_000]))
    return found["domain"].lower() if found else None


def api_url(origin: str, domain: str, api: str = V2) -> str:
    """A board's endpoint: the list URL of the site's `api` (V2 or PCSX) for `domain`."""
    return f"{origin}{api}?domain={quote(domain)}"


def page_api(body: bytes) -> str:
    """The API a careers page is built for: PCSX when its assets say so, else V2."""
    return PCSX if _PCSX_PAGE.search(body[:600_000]) else V2


def _query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def _domain_of(url: str) -> str | None:
    value = _query(url).get("domain", "").strip().lower()
    return value if "." in value and re.fullmatch(r"[a-z0-9.-]+", value) else None


def list_url(endpoint: str, start: int) -> str:
    """The list of the endpoint's API from `start` (PAGE_SIZE asked for; PCSX sends 10)."""
    api = PCSX if urlsplit(endpoint).path.startswith(PCSX) else V2
    query = {"domain": _domain_of(endpoint) or "", "start": str(start)}
    if api == V2:
        query["num"] = str(PAGE_SIZE)
    return f"{origin_of(endpoint)}{api}?{urlencode(query)}"


def _detail_url(origin: str, api: str, ident: str, domain: str) -> str:
    if api == PCSX:
        query = urlencode({"position_id": ident, "domain": domain, "hl": "en"})
        return f"{origin}{_PCSX_DETAIL}?{query}"
    return f"{origin}{V2}/{quote(ident)}?domain={quote(domain)}"


def _no_domain(url: str) -> str:
    return (
        f"{url} is an Eightfold career site, but its page names no site domain for its job "
        "API; add it with the domain, e.g. https://acme.eightfold.ai/careers?domain=acme.com"
    )


def _place(value: object) -> str | None:
    """A place as Eightfold writes it ("Berlin,Germany"), with a space after each comma."""
    place = text(value)
    return _COMMA.sub(", ", place) if place else None


def _first(position: dict[str, Any], *keys: str) -> Any:
    return next((position[k] for k in keys if position.get(k) not in (None, "", [])), None)


@guarded
def _posting(position: dict[str, Any], origin: str, *, partial: bool) -> RawPosting:
    """One position of either API (SmartApply's snake_case, PCSX's camelCase)."""
    ident = text(position.get("id")) or ""
    places = tuple(p for p in map(_place, items(position.get("locations"))) if p)
    page = text(_first(position, "canonicalPositionUrl", "publicUrl", "positionUrl"))
    workplace = str(_first(position, "work_location_option", "workLocationOption") or "")
    return RawPosting(
        external_id=ident,
        title=text(_first(position, "name", "posting_name")) or "",
        url=joined(origin + "/", page or f"/careers/job/{ident}"),
        location=_place(position.get("location")) or (places[0] if len(places) == 1 else None),
        locations=places,
        description_html=text(_first(position, "job_description", "jobDescription")),
        posted_at=_first(position, "t_create", "postedTs", "creationTs", "t_update"),
        workplace=_WORKPLACE.get(workplace.lower()),
        department=text(_first(position, "department", "business_unit")),
        partial=partial,
    )


def _message(data: object) -> str | None:
    return text(mapping(data).get("message")) or text(mapping(data).get("error"))


def _refused(response: Response, data: object) -> ParseError:
    said = _message(data)
    if not said:
        return ParseError(f"{_EXPECTED}, got {shape(data)}")
    url = response.request.url
    hint = "jobbot reads Eightfold sites whose job list is public"
    if "pcsx" in said.lower() and urlsplit(url).path.startswith(V2):
        pcsx = api_url(origin_of(url), _domain_of(url) or "", PCSX)
        hint = f"add the board as {pcsx} (its newer job API)"
    return ParseError(
        f"{origin_of(url)} turns its job API away (Eightfold said: {said[:120]}); {hint}"
    )


def later_pages(url: str, listed: int, total: object) -> list[Request]:
    """From the first page (`start` 0, `listed` positions): the pages `total` needs."""
    if _query(url).get("start", "0") != "0" or not listed or not isinstance(total, int):
        return []
    last = min(total, listed * MAX_PAGES)
    return [Request(list_url(url, at), headers=_ACCEPT) for at in range(listed, last, listed)]


def _pcsx_instead(response: Response, data: object, ctx: Context) -> Request | None:
    """PCSX's first list page, when the board's SmartApply endpoint was turned away with a
    message naming PCSX ("Not authorized for PCSX": the site runs the newer hub). Only for
    the poll's first answer: the crawl follows no empty page after it."""
    url = response.request.url
    said = (_message(data) or "").lower()
    first = _query(url).get("start", "0") == "0" and urlsplit(ctx.url).path.startswith(V2)
    if "pcsx" not in said or not urlsplit(url).path.startswith(V2) or not first:
        return None
    return Request(
        list_url(api_url(origin_of(url), _domain_of(url) or "", PCSX), 0), headers=_ACCEPT
    )


def _careers_page(response: Response, ctx: Context) -> Page:
    """The careers page: its domain and API found, the first list page asked for."""
    domain = _domain_of(response.url) or site_domain(response.text)
    if domain is None:
        raise ParseError(_no_domain(ctx.url or response.url))
    api = api_url(origin_of(response.url), domain, page_api(response.body))
    return Page(follow=[Request(list_url(api, 0), headers=_ACCEPT)])


def _detail_page(response: Response, data: Any, detail: re.Match[str] | None) -> Page:
    """One position's detail (v2 by its path, PCSX by its query): the whole posting."""
    position = mapping(data).get("data", data) if not detail else data
    if not isinstance(position, dict) or not _first(position, "id", "name"):
        raise _refused(response, data)
    ident = (
        response.request.detail_of
        or (detail["id"] if detail else _query(response.request.url).get("position_id"))
        or ""
    )
    return Page(
        unique([_posting(position | {"id": ident}, origin_of(response.request.url), partial=False)])
    )


def _list_page(response: Response, data: Any, path: str, ctx: Context) -> Page:
    """A list page: its positions (partial until their detail is read), the details of new
    ones and the pages after it; an API that refuses v2 is asked through PCSX instead."""
    origin = origin_of(response.request.url)
    listed = mapping(data).get("data", data) if path.startswith(PCSX) else data
    if not isinstance(listed, dict) or not isinstance(listed.get("positions"), list):
        instead = _pcsx_instead(response, data, ctx)
        if instead is None:
            raise _refused(response, data)
        return Page(follow=[instead])
    positions = [p for p in listed["positions"] if isinstance(p, dict) and text(p.get("id"))]
    found = unique(_posting(p, origin, partial=True) for p in positions)
    api, domain = (PCSX if path.startswith(PCSX) else V2), _domain_of(response.request.url)
    follow = [
        Request(
            _detail_url(origin, api, p.external_id, domain or ""),
            headers=_ACCEPT,
            detail_of=p.external_id,
        )
        for p in found
        if p.external_id not in ctx.known
    ]
    follow += later_pages(response.request.url, len(listed["positions"]), listed.get("count"))
    return Page(found, follow)


@register
class Eightfold(Source):
    kind = "eightfold"
    details = True
    title = "Eightfold career site ({company}.eightfold.ai, or its own domain)"
    example_url = "https://acme.eightfold.ai/careers?domain=acme.com"

    def endpoint(self, url: str) -> str | None:
        url = url.strip()
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = (parts.hostname or "").lower()
        hosted = bool(_HOSTED.match(host)) and host.split(".")[0] not in _NOT_SITES
        api = next((a for a in (V2, PCSX) if parts.path.startswith(a)), None)
        if not hosted and api is None:
            return None
        origin = origin_of(parts.geturl())
        domain = _domain_of(url)
        if api is not None:
            return api_url(origin, domain, api) if domain else None
        # Which API the site has, only its page says (its assets): read at each poll.
        return f"{origin}/careers" + (f"?domain={quote(domain)}" if domain else "")

    def recognise(self, result: FetchResult) -> str | None:
        """A fetched page that is an Eightfold site: its job API, with the domain it names."""
        head = result.body[:600_000]
        if not all(marker in head for marker in _MARKERS):
            return None
        domain = _domain_of(result.url) or site_domain(result.text)
        if domain is None:
            raise UnsupportedBoard(_no_domain(result.url))
        return api_url(origin_of(result.url), domain, page_api(result.body))

    def start(self, ctx: Context) -> list[Request]:
        if urlsplit(ctx.url).path.startswith((V2, PCSX)):
            return [Request(list_url(ctx.url, 0), headers=_ACCEPT)]
        return [Request(ctx.url)]  # the careers page, for the domain it names

    def parse(self, response: Response, ctx: Context) -> Page:
        """A careers page (asks for the first list page), a list page (postings, the pages
        after it, details of new postings) or one posting's detail."""
        path = urlsplit(response.request.url).path
        if not path.startswith((V2, PCSX, _PCSX_DETAIL)):
            return _careers_page(response, ctx)
        data = json_body(response, _EXPECTED)
        detail = _V2_DETAIL.match(path)
        if detail or path.startswith(_PCSX_DETAIL):
            return _detail_page(response, data, detail)
        return _list_page(response, data, path, ctx)
