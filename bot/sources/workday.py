"""Workday career sites (`{tenant}.wd{N}.myworkdayjobs.com/{site}`), read through their CXS API.

One poll: the list pages (`POST …/jobs`, 20 a page; the first page's `total` says how many
pages follow, since later pages may say 0), then one detail request for each posting not
stored yet. Known postings come back `partial` from the list (the store keeps their
description). Workday's terms ask for low volume, so nothing else is requested: no facets,
no details of known postings. Dates in the list are relative ("Posted 3 Days Ago") and are
counted from the answer's own Date header; the detail's `startDate` replaces them.
"""

from __future__ import annotations

import dataclasses

from bot.errors import ParseError
from bot.normalize import parse_date
from bot.sources.base import json_body, register
from bot.sources.contract import Context, Page, Request, Response, Source
from bot.sources.workday_data import PAGE_SIZE, Site, list_body, read_detail, read_list, site_of

MAX_OFFSET = 2000  # Workday serves no more of one search; offsets past it wrap around
_EXPECTED = "expected a Workday CXS answer with 'jobPostings' or 'jobPostingInfo'"
_ACCEPT = (("Accept", "application/json"),)


def _list_request(site: Site, offset: int) -> Request:
    return Request(site.jobs, "POST", headers=_ACCEPT, json=list_body(offset))


@register
class Workday(Source):
    kind = "workday"
    details = True
    title = "Workday career site ({tenant}.wd{N}.myworkdayjobs.com/{site})"
    example_url = "https://nvidia.wd5.myworkdayjobs.com/en-US/NVIDIAExternalCareerSite"

    def endpoint(self, url: str) -> str | None:
        site = site_of(url)
        return site.jobs if site else None

    def start(self, ctx: Context) -> list[Request]:
        site = site_of(ctx.url)
        if site is None:  # kind = "workday" with a URL of another shape: POST to it as given
            return [Request(ctx.url, "POST", headers=_ACCEPT, json=list_body(0))]
        return [_list_request(site, 0)]

    def parse(self, response: Response, ctx: Context) -> Page:
        """A list page (postings, the pages after it, details of new postings) or a detail."""
        site = site_of(response.request.url) or site_of(ctx.url)
        if site is None:
            raise ParseError(f"{response.request.url} is not a Workday CXS URL")
        data = json_body(response, _EXPECTED)
        now = parse_date(response.date)
        if isinstance(data, dict) and "jobPostingInfo" in data:
            posting = read_detail(data, site, now)
            if response.request.detail_of:
                posting = dataclasses.replace(posting, external_id=response.request.detail_of)
            return Page([posting])
        page = read_list(data, site, now)
        follow = [
            Request(site.detail(path), headers=_ACCEPT, detail_of=ident)
            for ident, path in page.paths.items()
            if ident not in ctx.known and path
        ]
        body = response.request.json
        offset = body.get("offset", 0) if isinstance(body, dict) else 0
        if offset == 0 and page.total:
            last = min(page.total, MAX_OFFSET)
            follow += [_list_request(site, at) for at in range(PAGE_SIZE, last, PAGE_SIZE)]
        postings = [dataclasses.replace(p, partial=True) for p in page.postings]
        return Page(postings, follow)
