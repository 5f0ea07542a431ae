"""Greenhouse Job Board API: one GET returns the whole board, descriptions included."""

from __future__ import annotations

import re
from typing import Any

from bot.errors import ParseError
from bot.models import FetchResult, RawPosting
from bot.sources.base import guarded, items, json_body, register, shape, unique
from bot.sources.contract import Context, Page, Response, Source

_API = "https://boards-api{eu}.greenhouse.io/v1/boards/{token}/jobs?content=true"
_URL_FORMS = (  # EU boards (job-boards.eu.greenhouse.io) are read from the EU API host
    re.compile(
        r"^(?:https?://)?(?:boards|job-boards)(?P<eu>\.eu)?\.greenhouse\.io/"
        r"(?:embed/job_(?:board(?:/js)?|app)\?for=)?(?P<token>[A-Za-z0-9_-]+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:https?://)?boards-api(?P<eu>\.eu)?\.greenhouse\.io/v1/boards/"
        r"(?P<token>[A-Za-z0-9_-]+)",
        re.IGNORECASE,
    ),
)
_EMPLOYMENT_FIELDS = ("employment type", "time type", "job type", "employment")
_WORKPLACE_FIELDS = ("location type", "workplace type", "workplace", "remote", "work type")
_EXPECTED = "expected a JSON object with a 'jobs' list"


def _jobs(result: FetchResult) -> list[Any]:
    data = json_body(result, _EXPECTED)
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        return data["jobs"]
    raise ParseError(f"{_EXPECTED}, got {shape(data)}")


def _text(value: object) -> str | None:
    """A metadata value as text: Greenhouse sends strings, lists (multi-select) or null."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _metadata(job: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for field in items(job.get("metadata")):
        if isinstance(field, dict) and str(field.get("name", "")).strip().lower() in names:
            value = _text(field.get("value"))
            if value:
                return value
    return None


def _names(items: object) -> list[str]:
    if not isinstance(items, list):
        return []
    names = (item.get("name") for item in items if isinstance(item, dict))
    return [name.strip() for name in names if isinstance(name, str) and name.strip()]


@guarded
def _posting(job: dict[str, Any]) -> RawPosting:
    location = job.get("location")
    if isinstance(location, dict):
        location = location.get("name")
    return RawPosting(
        external_id=str(job["id"]),
        title=str(job.get("title") or ""),
        url=str(job.get("absolute_url") or ""),
        company=job.get("company_name") if isinstance(job.get("company_name"), str) else None,
        location=location if isinstance(location, str) else None,
        locations=tuple(_names(job.get("offices"))),
        description_html=job.get("content") if isinstance(job.get("content"), str) else None,
        posted_at=job.get("first_published") or job.get("updated_at"),
        workplace=_metadata(job, _WORKPLACE_FIELDS),
        employment_type=_metadata(job, _EMPLOYMENT_FIELDS),
        department=", ".join(_names(job.get("departments"))) or None,
    )


@register
class Greenhouse(Source):
    kind = "greenhouse"
    title = "Greenhouse job board (boards.greenhouse.io/{token})"
    example_url = "https://boards.greenhouse.io/acme"

    def endpoint(self, url: str) -> str | None:
        url = url.strip()
        for form in _URL_FORMS:
            match = form.match(url)
            if match and match["token"].lower() != "embed":
                return _API.format(eu=(match["eu"] or "").lower(), token=match["token"])
        return None

    def parse(self, response: Response, ctx: Context) -> Page:
        """The board's jobs; also reads a bare list or a saved wrapper such as {company, jobs}."""
        jobs = _jobs(response)
        return Page(
            unique(
                _posting(job)
                for job in jobs
                if isinstance(job, dict) and job.get("id") not in (None, "")
            )
        )
