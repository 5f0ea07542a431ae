"""Eightfold career sites, read through their job API: `GET {site}/api/apply/v2/jobs?domain=…`.

Eightfold runs career sites at `{company}.eightfold.ai/careers` or on the company's own domain
(`explore.jobs.netflix.net`); the page loads its jobs from that JSON API in the browser. The API
needs the site's `domain` (the company's, "netflix.com"), which the careers page names in its
site config (entity-escaped JSON in a `<code>` element, next to `static.vscdn.net` assets), or
which a careers URL carries as `?domain=`. A board's endpoint is the API URL with its domain.
A board added as `{company}.eightfold.ai/careers` with no domain reads that page first, at each
poll, to find it.

A list answer is `{positions: [...], count}`: id, title (`name`), places, department, the
creation time (`t_create`, epoch seconds, sometimes a string), the workplace and the job's page,
but no description, or a cut preview. So each posting not stored yet gets its detail
(`/api/apply/v2/jobs/{id}?domain=…`, the same record with `job_description` in full), and the
list's postings are `partial` (the store keeps a known one's description). Sites pick their
own page size (many send 10, whatever is asked), so the first page asks for the rest at the
size that came, up to `count` and MAX_PAGES.

Sites on Eightfold's newer career hub ("PCSX") turn this API away: HTTP 403, or a JSON
`{"message": "Not authorized…"}`. Their poll fails with one line that says so."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit

from bot.careers import eightfold_domain
from bot.errors import ParseError, UnsupportedBoard
from bot.models import FetchResult, RawPosting
from bot.sources.base import items, json_body, mapping, register, shape, text, unique
from bot.sources.contract import Context, Page, Request, Response, Source

_HOSTED = re.compile(r"^[A-Za-z0-9-]+\.eightfold\.ai$", re.I)
_MARKERS = (b"static.vscdn.net", b".eightfold.ai")
_API = "/api/apply/v2/jobs"
_DETAIL = re.compile(r"^/api/apply/v2/jobs/(?P<id>[^/?#]+)/?$")
_EXPECTED = "expected an Eightfold JSON object with a 'positions' list"
_ACCEPT = (("Accept", "application/json"),)
_NOT_SITES = ("www", "app", "api", "static", "vs-errors")  # Eightfold's own hosts
_COMMA = re.compile(r",(?=\S)")
PAGE_SIZE = 100  # asked for; a site may send fewer a page, so paging counts what came
MAX_PAGES = 100
# work_location_option -> our workplace; "remote_local" is remote within a country or region
_WORKPLACE = {"onsite": "onsite", "remote": "remote", "remote_local": "remote", "hybrid": "hybrid"}


def site_domain(markup: str) -> str | None:
    """The `domain` an Eightfold page's site config names ("infineon.com"), or None."""
    return eightfold_domain(html.unescape(markup[:2_000_000]))


def api_url(origin: str, domain: str) -> str:
    """The board's endpoint: the site's job API for `domain`."""
    return f"{origin}{_API}?domain={quote(domain)}"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _domain_of(url: str) -> str | None:
    value = dict(parse_qsl(urlsplit(url).query)).get("domain", "").strip().lower()
    return value if "." in value and re.fullmatch(r"[a-z0-9.-]+", value) else None


def list_url(endpoint: str, start: int) -> str:
    """The endpoint asking for PAGE_SIZE positions from `start`."""
    query = {"domain": _domain_of(endpoint) or "", "start": str(start), "num": str(PAGE_SIZE)}
    return f"{_origin(endpoint)}{_API}?{urlencode(query)}"


def _no_domain(url: str) -> str:
    return (
        f"{url} is an Eightfold career site, but its page names no site domain for its job "
        "API; add it with the domain, e.g. https://acme.eightfold.ai/careers?domain=acme.com"
    )


def _place(value: object) -> str | None:
    """A place as Eightfold writes it ("Berlin,Germany"), with a space after each comma."""
    place = text(value)
    return _COMMA.sub(", ", place) if place else None


def _posting(position: dict[str, Any], origin: str, *, partial: bool) -> RawPosting:
    ident = text(position.get("id")) or ""
    places = tuple(p for p in map(_place, items(position.get("locations"))) if p)
    page = text(position.get("canonicalPositionUrl")) or f"/careers/job/{ident}"
    return RawPosting(
        external_id=ident,
        title=text(position.get("name")) or text(position.get("posting_name")) or "",
        url=urljoin(origin + "/", page),
        location=_place(position.get("location")) or (places[0] if len(places) == 1 else None),
        locations=places,
        description_html=text(position.get("job_description")),
        posted_at=position.get("t_create") or position.get("t_update"),
        workplace=_WORKPLACE.get(str(position.get("work_location_option") or "").lower()),
        department=text(position.get("department")) or text(position.get("business_unit")),
        partial=partial,
    )


def _refused(response: Response, data: object) -> ParseError:
    said = text(mapping(data).get("message")) or text(mapping(data).get("error"))
    if not said:
        return ParseError(f"{_EXPECTED}, got {shape(data)}")
    return ParseError(
        f"{_origin(response.url)} turns its job API away (Eightfold said: {said[:120]}); "
        "jobbot reads Eightfold sites whose job list is public"
    )


def later_pages(url: str, listed: int, total: object) -> list[Request]:
    """From the first page (`start` 0, `listed` positions): the pages `total` needs."""
    start = dict(parse_qsl(urlsplit(url).query)).get("start", "0")
    if start != "0" or not listed or not isinstance(total, int) or total <= listed:
        return []
    last = min(total, listed * MAX_PAGES)
    return [Request(list_url(url, at), headers=_ACCEPT) for at in range(listed, last, listed)]


@register
class Eightfold(Source):
    kind = "eightfold"
    title = "Eightfold career site ({company}.eightfold.ai, or its own domain)"
    example_url = "https://acme.eightfold.ai/careers?domain=acme.com"

    def endpoint(self, url: str) -> str | None:
        url = url.strip()
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = (parts.hostname or "").lower()
        hosted = bool(_HOSTED.match(host)) and host.split(".")[0] not in _NOT_SITES
        if not hosted and not parts.path.startswith(_API):
            return None
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        domain = _domain_of(url)
        if domain:
            return api_url(origin, domain)
        return f"{origin}/careers" if hosted else None

    def recognise(self, result: FetchResult) -> str | None:
        """A fetched page that is an Eightfold site: its job API, with the domain it names."""
        head = result.body[:600_000]
        if not all(marker in head for marker in _MARKERS):
            return None
        domain = _domain_of(result.url) or site_domain(result.text)
        if domain is None:
            raise UnsupportedBoard(_no_domain(result.url))
        return api_url(_origin(result.url), domain)

    def start(self, ctx: Context) -> list[Request]:
        if urlsplit(ctx.url).path.startswith(_API):
            return [Request(list_url(ctx.url, 0), headers=_ACCEPT)]
        return [Request(ctx.url)]  # the careers page, for the domain its config names

    def parse(self, response: Response, ctx: Context) -> Page:
        """A careers page (asks for the first list page), a list page (postings, the pages
        after it, details of new postings) or one posting's detail."""
        path = urlsplit(response.request.url).path
        if not path.startswith(_API):
            domain = _domain_of(response.url) or site_domain(response.text)
            if domain is None:
                raise ParseError(_no_domain(ctx.url or response.url))
            first = list_url(api_url(_origin(response.url), domain), 0)
            return Page(follow=[Request(first, headers=_ACCEPT)])
        origin = _origin(response.request.url)
        data = json_body(response, _EXPECTED)
        detail = _DETAIL.match(path)
        if detail:
            if not isinstance(data, dict) or not (text(data.get("id")) or text(data.get("name"))):
                raise _refused(response, data)
            ident = response.request.detail_of or detail["id"]
            return Page([_posting(data | {"id": ident}, origin, partial=False)])
        if not isinstance(data, dict) or not isinstance(data.get("positions"), list):
            raise _refused(response, data)
        positions = [p for p in data["positions"] if isinstance(p, dict) and text(p.get("id"))]
        found = unique(_posting(p, origin, partial=True) for p in positions)
        domain = _domain_of(response.request.url) or ""
        follow = [
            Request(
                f"{origin}{_API}/{quote(p.external_id)}?domain={quote(domain)}",
                headers=_ACCEPT,
                detail_of=p.external_id,
            )
            for p in found
            if p.external_id not in ctx.known
        ]
        follow += later_pages(response.request.url, len(data["positions"]), data.get("count"))
        return Page(found, follow)
