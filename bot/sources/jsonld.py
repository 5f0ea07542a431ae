"""schema.org JobPosting wherever a site publishes it: JSON-LD blocks in a page (an object, a
list or an @graph), microdata (`itemtype=".../JobPosting"`), or a JSON feed whose items carry a
JobPosting (Teamtailor's `_jobposting`). Descriptions go through the page-noise stripper, and a
page with one JobPosting but no description gets the page's own text, minus its noise."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from bot.errors import ParseError
from bot.models import RawPosting
from bot.normalize import canonical_url, page_text, tree
from bot.sources.base import (
    content_id,
    describe_body,
    guarded,
    page_markup,
    register,
    text,
    unique,
)
from bot.sources.contract import Context, Page, Response, Source

_EXPECTED = "expected a page or JSON feed with schema.org JobPosting data"
_CONTINENTS = frozenset(
    {"europe", "asia", "africa", "oceania", "north america", "south america", "emea", "apac",
     "latam", "americas", "worldwide", "global"}
)  # fmt: skip
_URL_ATTRS = {"a": "href", "link": "href", "area": "href", "img": "src", "source": "src"}


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [str(k).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in kinds if k]


def job_postings(node: object) -> Iterator[dict[str, Any]]:
    """Every JobPosting object in a JSON-LD value (object, list, @graph, nested), in order."""
    if isinstance(node, list):
        for item in node:
            yield from job_postings(item)
    elif isinstance(node, dict):
        if "JobPosting" in _types(node):
            yield node
            return
        for key in ("@graph", "mainEntity", "itemListElement", "item", "_jobposting"):
            if key in node:
                yield from job_postings(node[key])


def _first(value: object) -> object:
    return value[0] if isinstance(value, list) and value else value


def _name(value: object) -> str | None:
    value = _first(value)
    return text(value.get("name")) if isinstance(value, dict) else text(value)


def _address(place: object) -> str | None:
    """ "Locality, Region, Country" from a Place; a region that is a continent is left out."""
    if isinstance(place, dict) and "address" in place:
        place = place["address"]
    if isinstance(place, list):
        place = _first(place)
    if not isinstance(place, dict):
        return text(place)
    region = text(place.get("addressRegion"))
    if region and region.lower() in _CONTINENTS:
        region = None
    country = place.get("addressCountry")
    parts = [text(place.get("addressLocality")), region, _name(country) or text(country)]
    return ", ".join(dict.fromkeys(p for p in parts if p)) or text(place.get("name"))


def _identifier(value: object) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        return text(value.get("value")) or text(value.get("@id")) or text(value.get("name"))
    return text(value)


def _salary(value: object) -> tuple[Any, Any, Any, Any]:
    """(min, max, currency, unit) from a MonetaryAmount with a QuantitativeValue inside."""
    if not isinstance(value, dict):
        return None, None, None, None
    amount = value.get("value")
    if isinstance(amount, dict):
        low = amount.get("minValue", amount.get("value"))
        high = amount.get("maxValue", amount.get("value"))
        return low, high, value.get("currency"), amount.get("unitText")
    return amount, amount, value.get("currency"), value.get("unitText")


def _is_remote(jp: dict[str, Any]) -> bool | None:
    kinds = jp.get("jobLocationType")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if any(isinstance(k, str) and "telecommute" in k.lower() for k in kinds):
        return True
    return None


@guarded
def posting_from(
    jp: dict[str, Any], base_url: str, *, ident: str | None = None, **fallback: Any
) -> RawPosting:
    """A RawPosting from one JobPosting object; `fallback` fills what it leaves out
    (url, title, posted_at, description_html, from the feed item or the page around it)."""
    places = jp.get("jobLocation")
    places = places if isinstance(places, list) else [places] if places else []
    locations = tuple(dict.fromkeys(a for a in (_address(p) for p in places) if a))
    own_url = text(_first(jp.get("url"))) or fallback.get("url")
    url = own_url or base_url
    title = text(jp.get("title")) or text(jp.get("name")) or fallback.get("title") or ""
    description = text(jp.get("description")) or fallback.get("description_html")
    low, high, cur, unit = _salary(jp.get("baseSalary") or jp.get("estimatedSalary"))
    kind = jp.get("employmentType")
    return RawPosting(
        external_id=ident
        or _identifier(jp.get("identifier"))
        or (canonical_url(own_url, base_url) if own_url else None)
        or content_id(title, _name(jp.get("hiringOrganization")), locations, description),
        title=title,
        url=url,
        company=_name(jp.get("hiringOrganization")),
        location="; ".join(locations) or None,
        locations=locations,
        description_text=page_text(description) if description else None,
        posted_at=jp.get("datePosted") or fallback.get("posted_at"),
        remote=_is_remote(jp),
        employment_type=text(_first(kind)),  # the first of a list ("FULL_TIME", "CONTRACTOR")
        salary_min=low,
        salary_max=high,
        salary_currency=cur,
        salary_period=unit,
    )


# --- microdata ------------------------------------------------------------------------------------


def _value(node: LexborNode, name: str) -> object:
    attrs = node.attributes
    tag = node.tag or ""
    if tag == "meta":
        return attrs.get("content")
    if tag in _URL_ATTRS and attrs.get(_URL_ATTRS[tag]):
        return attrs.get(_URL_ATTRS[tag])
    if tag == "time" and attrs.get("datetime"):
        return attrs.get("datetime")
    if attrs.get("content") is not None:
        return attrs.get("content")
    if name == "description":
        return node.inner_html
    return node.text(separator=" ", strip=True)


def microdata(scope: LexborNode) -> dict[str, Any]:
    """An itemscope element as a JSON-LD-like dict: itemprops by name (first value wins), nested
    items as dicts, `@type` from the itemtype. Walked without recursion into plain elements."""
    item: dict[str, Any] = {}
    kind = scope.attributes.get("itemtype")
    if kind:
        item["@type"] = str(kind).split()[0].rstrip("/").rsplit("/", 1)[-1]
    stack = list(scope.iter())[::-1]  # document order: the first value of a name wins
    while stack:
        child = stack.pop()
        attrs = child.attributes
        nested = "itemscope" in attrs
        for name in str(attrs.get("itemprop") or "").split():
            item.setdefault(name, microdata(child) if nested else _value(child, name))
        if not nested:
            stack.extend(list(child.iter())[::-1])
    return item


def _ancestor(node: LexborNode, tag: str) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag != tag:
        parent = parent.parent
    return parent


def _item_link(scope: LexborNode) -> str | None:
    """The link to the posting inside a microdata card: the anchor around (or inside) its title,
    else the first anchor whose address mentions a job."""
    title = scope.css_first('[itemprop="title"]') or scope.css_first('[itemprop="name"]')
    if title is not None:
        anchor = _ancestor(title, "a") or title.css_first("a[href]")
        if anchor is not None and anchor.attributes.get("href"):
            return str(anchor.attributes["href"])
    for anchor in scope.css("a[href]"):
        href = str(anchor.attributes.get("href") or "")
        if "job" in href.lower():
            return href
    return None


# --- documents ------------------------------------------------------------------------------------


def _main_text(parsed: LexborHTMLParser) -> str | None:
    root = parsed.css_first("main") or parsed.css_first("article") or parsed.body
    return root.html if root is not None else None


def read_page(markup: str, url: str) -> list[RawPosting]:
    """JobPostings of an HTML page: JSON-LD blocks first, then microdata items."""
    parsed = tree.parse(page_markup(markup, url))
    found: list[tuple[dict[str, Any], str | None]] = []
    for script in parsed.css('script[type*="ld+json" i]'):
        try:
            data = json.loads(script.text(deep=True) or "null")
        except ValueError:
            continue  # one broken block must not hide the others
        found.extend((jp, None) for jp in job_postings(data))
    for scope in parsed.css("[itemscope][itemtype]"):
        if str(scope.attributes.get("itemtype")).rstrip("/").endswith("JobPosting"):
            found.append((microdata(scope), _item_link(scope)))
    postings = []
    for jp, link in found:
        # A page holding one posting is that posting's own page; of several, it is no one's.
        own = link or (url if len(found) == 1 else None)
        fallback: dict[str, Any] = {"url": canonical_url(own, url) if own else None}
        if len(found) == 1 and not text(jp.get("description")):
            fallback["description_html"] = _main_text(parsed)
        postings.append(posting_from(jp, url, **fallback))
    return unique(postings)


def read_json(data: object, url: str) -> list[RawPosting]:
    """A JSON feed whose items carry `_jobposting`, or JSON-LD served as JSON."""
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        postings = []
        for item in data["items"]:
            if not isinstance(item, dict):
                continue
            for jp in job_postings(item.get("_jobposting")):
                fallback = {
                    "url": text(item.get("url")) or text(item.get("external_url")),
                    "title": text(item.get("title")),
                    "posted_at": item.get("date_published"),
                    "description_html": text(item.get("content_html"))
                    or text(item.get("content_text"))
                    or text(item.get("summary")),
                }
                postings.append(posting_from(jp, url, ident=text(item.get("id")), **fallback))
        return unique(postings)
    return unique(posting_from(jp, url) for jp in job_postings(data))


@register
class JsonLd(Source):
    kind = "jsonld"
    generic = True
    title = (
        "Any career page with schema.org JobPosting (JSON-LD or microdata), or a JSON feed of "
        "_jobposting items"
    )
    example_url = "https://careers.example.com/jobs"

    def parse(self, response: Response, ctx: Context) -> Page:
        """Every JobPosting found. A page without any is an empty board (a company with no
        openings publishes none); JSON that is neither a feed nor JSON-LD is an error."""
        body = response.text
        head = body[:200].lstrip()
        if head.startswith(("{", "[")):
            try:
                postings = read_json(json.loads(body), response.url)
            except ValueError:
                raise ParseError(f"{_EXPECTED}, got {describe_body(response)}") from None
            is_feed = head.startswith("{") and '"items"' in body
            if postings or is_feed:
                return Page(unique(postings))
            raise ParseError(f"{_EXPECTED}, got JSON without any JobPosting")
        if not head.startswith("<"):
            raise ParseError(f"{_EXPECTED}, got {describe_body(response)}")
        return Page(unique(read_page(body, response.url)))
