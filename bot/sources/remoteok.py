"""Remote OK's API: a JSON array whose first element is its terms, then every job (all flagged
remote, on-site ones too: a job whose text states it is on-site or hybrid is that, see
`bot.normalize.statedworkplace`). Terms: link back to Remote OK and name it as the source.
Descriptions carry mojibake (repaired in normalising) and an anti-spam canary paragraph naming
the fetcher's IP (dropped here)."""

from __future__ import annotations

import re
from typing import Any

from bot.errors import ParseError
from bot.models import RawPosting
from bot.normalize import strip_canary
from bot.normalize.statedpay import code_of
from bot.normalize.statedworkplace import stated_workplace
from bot.sources.base import guarded, json_body, register, shape, text, unique
from bot.sources.contract import Context, Page, Response, Source

API = "https://remoteok.com/api"
_URL_FORM = re.compile(r"^(?:https?://)?(?:www\.)?remoteok\.(?:com|io)(?:[/?#]|$)", re.I)
_EXPECTED = "expected a Remote OK JSON array of jobs"


def _description(value: object) -> str | None:
    html = text(value)
    if not html:
        return None
    html = html.replace("\\r\\n", "<br>").replace("\\n", "<br>")  # literal "\n" in some ads
    return strip_canary(html) or None


# A currency written right before or after an amount ("PLN 350,700", "350.700 €").
_BEFORE = re.compile(r"(?:^|[^A-Za-z])([A-Z]{3}|[€£¥₹])\s?$")
_AFTER = re.compile(r"\s?([A-Z]{3}|[€£¥₹])(?![A-Za-z])")


def _currency(job: dict[str, Any]) -> str:
    """Remote OK's salary fields are in US dollars, unless the description writes the same
    lowest amount in another currency ("Salary Range: PLN 350,700 - 474,400": Graphcore's
    Gdańsk job was "$350,700–474,400 a year")."""
    low, said = job.get("salary_min"), text(job.get("description")) or ""
    if not isinstance(low, int | float) or isinstance(low, bool) or low <= 0 or not said:
        return "USD"
    n = int(low)
    for written in dict.fromkeys(
        (f"{n:,}", f"{n:,}".replace(",", "."), f"{n:,}".replace(",", " "), str(n))
    ):
        i = said.find(written)
        if i < 0:
            continue
        near = _BEFORE.search(said, max(0, i - 6), i) or _AFTER.match(said, i + len(written))
        if near:
            return code_of(near[1]) or "USD"  # "OTE 150,000" names no currency
    return "USD"


@guarded
def _posting(job: dict[str, Any]) -> RawPosting:
    description = _description(job.get("description"))
    return RawPosting(
        external_id=str(job["id"]),
        title=str(job.get("position") or ""),
        url=text(job.get("url")) or "",
        company=text(job.get("company")),
        location=text(job.get("location")),
        description_html=description,
        posted_at=job.get("epoch") or job.get("date"),
        workplace=stated_workplace(description),  # "Work Location: Onsite" beats the flag
        remote=True,
        apply_url=text(job.get("apply_url")),
        salary_min=job.get("salary_min"),  # 0 means unknown; normalising drops it
        salary_max=job.get("salary_max"),
        salary_currency=_currency(job),
        salary_period="year",
    )


@register
class RemoteOk(Source):
    kind = "remoteok"
    title = "Remote OK remote jobs (remoteok.com; link back and name Remote OK)"
    example_url = "https://remoteok.com"

    def endpoint(self, url: str) -> str | None:
        return API if _URL_FORM.match(url.strip()) else None

    def parse(self, response: Response, ctx: Context) -> Page:
        """Jobs only: the leading `{last_updated, legal}` element is skipped, and so are rows
        without a position (the feed has blank ones holding only the canary)."""
        data = json_body(response, _EXPECTED)
        if not isinstance(data, list):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        return Page(
            unique(
                _posting(job)
                for job in data
                if isinstance(job, dict)
                and text(job.get("id"))
                and text(job.get("position"))
                and "legal" not in job
            )
        )
