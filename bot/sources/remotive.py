"""Remotive's public API: every job is remote, published 24 hours late. Its terms allow at most
4 requests a day (poll every 6h or slower) and ask you to link back and credit Remotive."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from bot.errors import ParseError
from bot.models import RawPosting
from bot.normalize import salary_from_text
from bot.sources.base import guarded, json_body, register, shape, text, unique
from bot.sources.contract import Context, Page, Response, Source

API = "https://remotive.com/api/remote-jobs"
_URL_FORM = re.compile(r"^(?:https?://)?(?:www\.)?remotive\.(?:com|io)(?P<path>/[^?#]*)?", re.I)
_CATEGORY = re.compile(r"^/remote-jobs/(?P<category>[a-z0-9-]+)/?$", re.I)
_EXPECTED = "expected a Remotive JSON object with a 'jobs' list"


@guarded
def _posting(job: dict[str, Any]) -> RawPosting:
    low, high, cur, period = salary_from_text(text(job.get("salary")))
    return RawPosting(
        external_id=str(job["id"]),
        title=str(job.get("title") or ""),
        url=text(job.get("url")) or "",
        company=text(job.get("company_name")),
        location=text(job.get("candidate_required_location")),
        description_html=text(job.get("description")),
        posted_at=job.get("publication_date"),  # ISO without an offset: UTC
        remote=True,
        employment_type=text(job.get("job_type")),
        department=text(job.get("category")),
        salary_min=low,
        salary_max=high,
        salary_currency=cur,
        salary_period=period,
    )


@register
class Remotive(Source):
    kind = "remotive"
    title = "Remotive remote jobs (remotive.com; at most 4 requests a day, credit Remotive)"
    example_url = "https://remotive.com/remote-jobs/software-dev"

    def endpoint(self, url: str) -> str | None:
        match = _URL_FORM.match(url.strip())
        if not match:
            return None
        path = match["path"] or ""
        if path.startswith("/api/"):
            return url.strip()
        category = _CATEGORY.match(path)
        if category and category["category"].lower() != "all":
            return f"{API}?category={quote(category['category'].lower())}"
        return API

    def parse(self, response: Response, ctx: Context) -> Page:
        data = json_body(response, _EXPECTED)
        if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        return Page(
            unique(
                _posting(job)
                for job in data["jobs"]
                if isinstance(job, dict) and text(job.get("id"))
            )
        )
