"""SmartRecruiters Posting API: a paged list without descriptions, plus one detail request per
posting for its ad. Details are fetched only for postings not seen before; known ones come back
`partial` (the store keeps their description), so a poll costs list pages, not one call a job.

A new posting whose detail request fails is kept from its list data (`partial`, no description)
and its detail is asked for again next poll; a 429, a network failure or the fetch's deadline
drawing near stops detail requests until the next poll (see `bot.crawl`).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.errors import ParseError
from bot.models import RawPosting
from bot.normalize import workplace
from bot.sources.base import guarded, json_body, mapping, register, shape, text, unique
from bot.sources.contract import Context, Page, Request, Response, Source

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


def _offset(url: str) -> int:
    offset = dict(parse_qsl(urlsplit(url).query)).get("offset", "0")
    return int(offset) if offset.isdigit() else 0


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
        if isinstance(section, dict) and (body := text(section.get("text"))):
            heading = text(section.get("title"))
            parts.append(f"<h3>{heading}</h3>{body}" if heading else body)
    return "".join(parts) or None


@guarded
def _posting(item: dict[str, Any], *, partial: bool = False) -> RawPosting:
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
        partial=partial,
    )


@register
class SmartRecruiters(Source):
    kind = "smartrecruiters"
    details = True
    title = "SmartRecruiters company (jobs.smartrecruiters.com/{company})"
    example_url = "https://jobs.smartrecruiters.com/Wise"

    def endpoint(self, url: str) -> str | None:
        for form in _URL_FORMS:
            match = form.match(url.strip())
            if match and match["company"].lower() not in _NOT_COMPANIES:
                return _API.format(company=match["company"])
        return None

    def start(self, ctx: Context) -> list[Request]:
        return [Request(_page_url(_list_url(ctx.url), 0))]

    def parse(self, response: Response, ctx: Context) -> Page:
        """A list page: its postings from the list data (`partial`: no description there), the
        next page (offset += 100 until totalFound) and details of postings not known. Or one
        posting's detail: that posting, whole."""
        data = json_body(response, _EXPECTED)
        content = [i for i in _content(data) if isinstance(i, dict) and text(i.get("id"))]
        if response.request.detail_of is not None or "content" not in data:
            return Page(unique(_posting(item) for item in content))
        list_url = response.request.url.split("?", 1)[0]
        offset = _offset(response.request.url) + PAGE_SIZE
        total = data.get("totalFound")
        more = content and isinstance(total, int) and offset < min(total, PAGE_SIZE * MAX_PAGES)
        follow = [Request(_page_url(list_url, offset))] if more else []
        follow += [
            Request(f"{list_url}/{item['id']}", detail_of=str(item["id"]))
            for item in content
            if str(item["id"]) not in ctx.known
        ]
        return Page(unique(_posting(item, partial=True) for item in content), follow)
