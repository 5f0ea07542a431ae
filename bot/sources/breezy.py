"""Breezy HR careers portal: `{company}.breezy.hr/json`, one GET, a bare list, no paging.

The feed has no description (only the job page has it) and states pay as free text."""

from __future__ import annotations

import re
from typing import Any

from bot.errors import ParseError
from bot.models import RawPosting
from bot.normalize import salary_from_text
from bot.sources.base import guarded, json_body, mapping, register, shape, text, unique
from bot.sources.contract import Context, Page, Response, Source

_URL_FORM = re.compile(r"^(?:https?://)?(?P<company>[A-Za-z0-9-]+)\.breezy\.hr(?:[/?#]|$)", re.I)
_NOT_COMPANIES = frozenset({"www", "app", "api", "help", "blog", "support", "developer"})
_EXPECTED = "expected a Breezy JSON list of positions"
_REMOTE_TITLE = re.compile(r"\(\s*(?:fully\s+|100%\s+)?remote\b", re.I)  # "Writer (Remote)"


def _place(location: dict[str, Any]) -> str | None:
    """`location.name`, else "city, state, country" from its parts."""
    name = text(location.get("name"))
    if name:
        return name
    country = location.get("country")
    country = mapping(country).get("name") if isinstance(country, dict) else country
    state = location.get("state")
    state = mapping(state).get("name") if isinstance(state, dict) else state
    parts = [text(location.get("city")), text(state), text(country)]
    return ", ".join(p for p in parts if p) or None


@guarded
def _posting(job: dict[str, Any]) -> RawPosting:
    location = mapping(job.get("location"))
    low, high, currency, period = salary_from_text(text(job.get("salary")))
    company = mapping(job.get("company"))
    url = text(job.get("url")) or ""
    title = text(job.get("name")) or ""
    return RawPosting(
        external_id=str(job["id"]),
        title=title,
        url=url,
        company=text(company.get("name")),
        location=_place(location),
        posted_at=text(job.get("published_date")),
        # `is_remote: false` is also sent on "(Remote)" titles: only True is a statement.
        remote=True if location.get("is_remote") is True or _REMOTE_TITLE.search(title) else None,
        employment_type=text(mapping(job.get("type")).get("name")),
        department=text(job.get("department")),
        apply_url=f"{url.rstrip('/')}/apply" if url else None,
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_period=period,
    )


@register
class Breezy(Source):
    kind = "breezy"
    title = "Breezy HR careers portal ({company}.breezy.hr)"
    example_url = "https://acme.breezy.hr"

    def endpoint(self, url: str) -> str | None:
        match = _URL_FORM.match(url.strip())
        if not match or match["company"].lower() in _NOT_COMPANIES:
            return None
        return f"https://{match['company'].lower()}.breezy.hr/json"

    def parse(self, response: Response, ctx: Context) -> Page:
        """The portal's published positions (no descriptions: the feed has none)."""
        if b"no career portal here" in response.body[:20000].lower():
            raise ParseError(f"there is no Breezy career portal at {response.url}")
        data = json_body(response, _EXPECTED)
        if not isinstance(data, list):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        return Page(
            unique(_posting(job) for job in data if isinstance(job, dict) and text(job.get("id")))
        )
