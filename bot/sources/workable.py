"""Workable: the public widget API (one GET, descriptions with `details=true`); the careers-page
API's `{total, results}` shape (v3) is read too. The widget repeats a job once per location;
those rows are merged into one posting with every location."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from bot.errors import ParseError
from bot.models import RawPosting
from bot.sources.base import guarded, json_body, register, shape, text
from bot.sources.contract import Context, Page, Response, Source

_WIDGET = "https://apply.workable.com/api/v1/widget/accounts/{account}?details=true"
_URL_FORMS = (
    re.compile(
        r"^(?:https?://)?apply\.workable\.com/(?:api/v\d+/(?:widget/)?accounts/)?"
        r"(?P<account>[A-Za-z0-9_-]+)",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:https?://)?(?P<account>[A-Za-z0-9-]+)\.workable\.com(?:[/?#]|$)", re.I),
)
_NOT_ACCOUNTS = frozenset({"j", "api", "www", "apply", "jobs", "help", "resources", "careers"})
_ACCOUNT_IN_API = re.compile(r"/accounts/([^/?#]+)")
_V3_TYPES = {"full": "full_time", "part": "part_time", "contract": "contract"}
_EXPECTED = "expected a Workable JSON object with a 'jobs' or 'results' list"


def _place(row: dict[str, Any]) -> str | None:
    parts = dict.fromkeys(text(row.get(k)) for k in ("city", "region", "state", "country"))
    return ", ".join(p for p in parts if p) or None


def _places(job: dict[str, Any]) -> list[str]:
    rows = job.get("locations")
    places = [
        _place(row)
        for row in (rows if isinstance(rows, list) else ())
        if isinstance(row, dict) and not row.get("hidden")
    ]
    if not any(places):
        location = job.get("location")
        places = [_place(location if isinstance(location, dict) else job)]
    return [p for p in places if p]


def _description(job: dict[str, Any]) -> str | None:
    parts = [text(job.get("description"))]
    for key, heading in (("requirements", "Requirements"), ("benefits", "Benefits")):
        if text(job.get(key)):
            parts.append(f"<h3>{heading}</h3>{job[key]}")
    return "".join(p for p in parts if p) or None


def _department(value: object) -> str | None:
    if isinstance(value, list):
        return ", ".join(v for v in (text(x) for x in value) if v) or None
    return text(value)


def _job_url(job: dict[str, Any], account: str | None) -> str:
    url = text(job.get("url")) or text(job.get("shortlink"))
    if url:
        return url
    code = text(job.get("shortcode"))
    if not code:
        return ""
    return (
        f"https://apply.workable.com/{account}/j/{code}/"
        if account
        else (f"https://apply.workable.com/j/{code}")
    )


@guarded
def _posting(job: dict[str, Any], company: str | None, account: str | None) -> RawPosting:
    kind = text(job.get("employment_type")) or text(job.get("type"))
    return RawPosting(
        external_id=str(job.get("shortcode") or job.get("id")),
        title=str(job.get("title") or ""),
        url=_job_url(job, account),
        company=company,
        locations=tuple(_places(job)),
        description_html=_description(job),
        posted_at=job.get("published_on") or job.get("published") or job.get("created_at"),
        workplace=text(job.get("workplace")),
        remote=(job.get("telecommuting") or job.get("remote")) is True or None,
        employment_type=_V3_TYPES.get(kind or "", kind),
        department=_department(job.get("department")),
        apply_url=text(job.get("application_url")),
    )


def _account(url: str) -> str | None:
    match = _ACCOUNT_IN_API.search(urlsplit(url).path)
    return match.group(1) if match else None


@register
class Workable(Source):
    kind = "workable"
    title = "Workable account (apply.workable.com/{account})"
    example_url = "https://apply.workable.com/acme"

    def endpoint(self, url: str) -> str | None:
        for form in _URL_FORMS:
            match = form.match(url.strip())
            if match and match["account"].lower() not in _NOT_ACCOUNTS:
                return _WIDGET.format(account=match["account"])
        return None

    def parse(self, response: Response, ctx: Context) -> Page:
        """Widget `{name, jobs}` or careers API `{total, results}`; rows of one shortcode merge."""
        data = json_body(response, _EXPECTED)
        if not isinstance(data, dict):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        jobs = data.get("jobs") if "jobs" in data else data.get("results")
        if not isinstance(jobs, list):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        company, account = text(data.get("name")), _account(response.url)
        merged: dict[str, RawPosting] = {}
        for job in jobs:
            if not isinstance(job, dict) or not (text(job.get("shortcode")) or text(job.get("id"))):
                continue
            posting = _posting(job, company, account)
            if posting is None:
                continue
            seen = merged.get(posting.external_id)
            if seen is None:
                merged[posting.external_id] = posting
            else:
                places = tuple(dict.fromkeys((*seen.locations, *posting.locations)))
                merged[posting.external_id] = replace(seen, locations=places)
        return Page(list(merged.values()))
