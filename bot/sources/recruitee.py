"""Recruitee careers site API: `{company}.recruitee.com/api/offers/`, one GET, no paging."""

from __future__ import annotations

import re
from typing import Any

from bot.errors import ParseError
from bot.models import RawPosting
from bot.sources.base import guarded, items, json_body, mapping, register, shape, text, unique
from bot.sources.contract import Context, Page, Response, Source

_URL_FORM = re.compile(
    r"^(?:https?://)?(?P<company>[A-Za-z0-9-]+)\.recruitee\.com(?:[/?#]|$)", re.I
)
_NOT_COMPANIES = frozenset({"www", "app", "api", "help", "blog", "support", "docs"})
_EXPECTED = "expected a Recruitee JSON object with an 'offers' list"


def _place(value: object) -> str | None:
    if isinstance(value, dict):
        parts = [text(value.get(k)) for k in ("city", "state", "country")]
        value = ", ".join(p for p in parts if p) or text(value.get("name"))
    if not isinstance(value, str):
        return None
    unique = dict.fromkeys(p.strip() for p in value.split(",") if p.strip())  # "Berlin, Berlin"
    return ", ".join(unique) or None


def _workplace(offer: dict[str, Any]) -> str | None:
    for key, name in (("hybrid", "hybrid"), ("remote", "remote"), ("on_site", "onsite")):
        if offer.get(key) is True:
            return name
    return None


@guarded
def _posting(offer: dict[str, Any]) -> RawPosting:
    places = items(offer.get("locations"))
    pay = mapping(offer.get("salary"))
    body = [text(offer.get("description")), text(offer.get("requirements"))]
    return RawPosting(
        external_id=str(offer["id"]),
        title=str(offer.get("title") or ""),
        url=text(offer.get("careers_url")) or text(offer.get("url")) or "",
        company=text(offer.get("company_name")),
        location=_place(offer.get("location")),
        locations=tuple(p for p in (_place(x) for x in places) if p),
        description_html="".join(p for p in body if p) or None,
        posted_at=offer.get("published_at") or offer.get("created_at"),
        workplace=_workplace(offer),
        employment_type=text(offer.get("employment_type_code")),
        department=text(offer.get("department")),
        apply_url=text(offer.get("careers_apply_url")),
        salary_min=pay.get("min"),
        salary_max=pay.get("max"),
        salary_currency=pay.get("currency"),
        salary_period=pay.get("period"),
    )


@register
class Recruitee(Source):
    kind = "recruitee"
    title = "Recruitee careers site ({company}.recruitee.com)"
    example_url = "https://acme.recruitee.com"

    def endpoint(self, url: str) -> str | None:
        match = _URL_FORM.match(url.strip())
        if not match or match["company"].lower() in _NOT_COMPANIES:
            return None
        return f"https://{match['company'].lower()}.recruitee.com/api/offers/"

    def parse(self, response: Response, ctx: Context) -> Page:
        """Published offers (an offer in another state, when one is listed, is left out)."""
        data = json_body(response, _EXPECTED)
        if not isinstance(data, dict) or not isinstance(data.get("offers"), list):
            raise ParseError(f"{_EXPECTED}, got {shape(data)}")
        return Page(
            unique(
                _posting(offer)
                for offer in data["offers"]
                if isinstance(offer, dict)
                and text(offer.get("id"))
                and offer.get("status", "published") == "published"
            )
        )
