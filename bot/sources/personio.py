"""Personio XML feed: `{company}.jobs.personio.de/xml` (or .com), one GET, no paging.

Personio has no remote flag; an office named "Berlin (Remote)" is read as remote by the
location hint in normalising."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from bot.errors import ParseError
from bot.models import RawPosting
from bot.sources.base import content_id, describe_body, guarded, origin_of, register, unique
from bot.sources.contract import Context, Page, Response, Source

_URL_FORM = re.compile(
    r"^(?:https?://)?(?P<company>[A-Za-z0-9-]+)\.jobs\.personio\.(?P<tld>de|com)(?:[/?#]|$)", re.I
)
_EXPECTED = "expected a Personio XML feed (<workzag-jobs>)"


def _text(node: ET.Element | None) -> str | None:
    if node is None or node.text is None:
        return None
    return node.text.strip() or None


def _employment(position: ET.Element) -> str | None:
    """`employmentType` (permanent, intern, trainee, freelance) refined by `schedule`."""
    kind = (_text(position.find("employmentType")) or "").lower()
    schedule = _text(position.find("schedule"))
    if kind in ("intern", "trainee", "freelance", "temporary"):
        return kind
    return schedule or kind or None


def _description(position: ET.Element) -> str | None:
    parts = []
    for block in position.iterfind("jobDescriptions/jobDescription"):
        name, value = _text(block.find("name")), _text(block.find("value"))
        if value:
            parts.append(f"<h3>{name}</h3>{value}" if name else value)
    return "".join(parts) or None


@guarded
def _posting(position: ET.Element, base: str) -> RawPosting:
    ident = _text(position.find("id"))
    offices = [_text(position.find("office"))]
    offices += [_text(o) for o in position.iterfind("additionalOffices/office")]
    places = tuple(dict.fromkeys(o for o in offices if o))
    title, description = _text(position.find("name")) or "", _description(position)
    return RawPosting(
        external_id=ident or content_id(title, places, description),
        title=title,
        url=f"{base}/job/{ident}" if ident else base,
        company=_text(position.find("subcompany")),
        location=", ".join(places) or None,
        locations=places,
        description_html=description,
        posted_at=_text(position.find("createdAt")),
        employment_type=_employment(position),
        department=_text(position.find("department")),
    )


@register
class Personio(Source):
    kind = "personio"
    title = "Personio job feed ({company}.jobs.personio.de)"
    example_url = "https://acme.jobs.personio.de"

    def endpoint(self, url: str) -> str | None:
        match = _URL_FORM.match(url.strip())
        if not match:
            return None
        host = f"{match['company'].lower()}.jobs.personio.{match['tld'].lower()}"
        return f"https://{host}/xml?language=en"

    def parse(self, response: Response, ctx: Context) -> Page:
        """Each <position>; a position repeated with the same <id> counts once."""
        try:
            root = ET.fromstring(response.body)
        except ET.ParseError as exc:
            raise ParseError(f"{_EXPECTED}, got {describe_body(response)}: {exc}") from None
        if root.tag != "workzag-jobs":
            raise ParseError(f"{_EXPECTED}, got XML with root <{root.tag}>")
        base = origin_of(response.url)
        return Page(unique(_posting(p, base) for p in root.iterfind("position")))
