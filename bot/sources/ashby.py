"""Ashby posting API: one GET returns the whole board, with compensation when asked for it."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from bot.errors import ParseError
from bot.models import RawPosting
from bot.sources.base import guarded, json_body, register, shape, text, unique
from bot.sources.contract import Context, Page, Response, Source

_API = "https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true"
# Board names may hold dots, spaces and mixed case: kraken.com, "Kraken Digital", HighlightTA.
_URL_FORM = re.compile(
    r"^(?:https?://)?(?:jobs\.ashbyhq\.com/|api\.ashbyhq\.com/posting-api/job-board/)"
    r"(?P<board>[^/?#]+)",
    re.IGNORECASE,
)
_EXPECTED = "expected a JSON object with a 'jobs' list (Ashby job board)"


def _salary(job: dict[str, Any]) -> dict[str, Any]:
    """The "Salary" summary component: {minValue, maxValue, currencyCode, interval}."""
    compensation = job.get("compensation")
    if not isinstance(compensation, dict):
        return {}
    for part in compensation.get("summaryComponents") or ():
        if isinstance(part, dict) and str(part.get("compensationType", "")).lower() == "salary":
            return part
    return {}


def _locations(job: dict[str, Any]) -> tuple[str, ...]:
    places = [text(job.get("location"))]
    for extra in job.get("secondaryLocations") or ():
        if isinstance(extra, dict):
            places.append(text(extra.get("location")))
    return tuple(p for p in places if p)


@guarded
def _posting(job: dict[str, Any]) -> RawPosting:
    pay = _salary(job)
    return RawPosting(
        external_id=str(job["id"]),
        title=str(job.get("title") or ""),
        url=text(job.get("jobUrl")) or "",
        location=text(job.get("location")),
        locations=_locations(job),
        description_html=text(job.get("descriptionHtml")),
        description_text=text(job.get("descriptionPlain")),
        posted_at=job.get("publishedAt"),
        workplace=text(job.get("workplaceType")),  # trusted over isRemote, which can disagree
        remote=job.get("isRemote") if isinstance(job.get("isRemote"), bool) else None,
        employment_type=text(job.get("employmentType")),
        department=text(job.get("department")) or text(job.get("team")),
        apply_url=text(job.get("applyUrl")),
        salary_min=pay.get("minValue"),
        salary_max=pay.get("maxValue"),
        salary_currency=pay.get("currencyCode"),
        salary_period=pay.get("interval"),
    )


@register
class Ashby(Source):
    kind = "ashby"
    title = "Ashby job board (jobs.ashbyhq.com/{board})"
    example_url = "https://jobs.ashbyhq.com/kraken.com"

    def endpoint(self, url: str) -> str | None:
        match = _URL_FORM.match(url.strip())
        if not match:
            return None
        return _API.format(board=quote(unquote(match["board"]), safe=""))

    def parse(self, response: Response, ctx: Context) -> Page:
        """Listed jobs only (`isListed: false` ones are hidden from the board)."""
        data = json_body(response, _EXPECTED)
        if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        return Page(
            unique(
                _posting(job)
                for job in data["jobs"]
                if isinstance(job, dict)
                and text(job.get("id"))
                and job.get("isListed") is not False
            )
        )
