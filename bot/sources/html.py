"""Any HTML job list, read with CSS selectors from the board's config:

    [boards.selectors]
    item = "li.job"          # one job in the list (required)
    title = "h3"             # inside an item (required)
    link = "a"               # inside an item; its href is the posting's URL (required)
    company = ".company"     # optional, likewise location, date and description
    location = ".location"
    date = "time"            # a datetime/content attribute, else the text
    description = ".summary"

`:scope` selects the item itself (e.g. `link = ":scope"` when the item is the <a>). An item
without a link gets the page URL, which suits a page holding one posting. Text taken from a
page goes through the page-noise stripper.

The page is parsed by lxml for BeautifulSoup's CSS selectors (soupsieve: `:scope`, which lexbor
lacks, and the selectors users already have); all other HTML goes through lexbor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.errors import ParseError
from bot.models import RawPosting
from bot.normalize import canonical_url, clean, page_text
from bot.sources.base import content_id, describe_body, guarded, page_markup, register, unique
from bot.sources.contract import Context, Page, Response, Source

if TYPE_CHECKING:  # BeautifulSoup and soupsieve cost 0.2 s to import: only a board of this kind
    from bs4 import Tag  # pays it, when it is first checked or read

REQUIRED = {
    "item": "a CSS selector for one job in the list",
    "title": "a CSS selector for the job title inside an item",
    "link": "a CSS selector for the job's link inside an item",
}
OPTIONAL = ("company", "location", "date", "description")


def _selectors(options: Mapping[str, Any]) -> dict[str, str]:
    selectors = options.get("selectors")
    return dict(selectors) if isinstance(selectors, Mapping) else {}


def _text(item: Tag, selector: str | None) -> str | None:
    if not selector:
        return None
    found = item.select_one(selector)
    return clean(found.get_text(" ", strip=True)) or None if found is not None else None


def _date(item: Tag, selector: str | None) -> str | None:
    found = item.select_one(selector) if selector else None
    if found is None:
        return None
    for attr in ("datetime", "content", "data-date", "title"):
        if found.get(attr):
            return str(found[attr])
    return clean(found.get_text(" ", strip=True)) or None


def _href(item: Tag, selector: str) -> str | None:
    found = item.select_one(selector)
    if found is not None and found.name != "a" and not found.get("href"):
        found = found.find("a", href=True) or found.find_parent("a", href=True)
    return str(found["href"]).strip() if found is not None and found.get("href") else None


@guarded
def _posting(
    item: Tag, selectors: Mapping[str, str], hrefs: Counter[str | None], page_url: str, alone: bool
) -> RawPosting | None:
    """One item's posting (None without a title). Its link is its id when the link is its
    own (no other item shares it, and it is not the page); else its content is. A page of
    one item with no description selector gives that item's text as the description."""
    title = _text(item, selectors["title"])
    if not title:
        return None
    href = _href(item, selectors["link"])
    url = canonical_url(href, page_url) if href else canonical_url(page_url)
    own = bool(href) and hrefs[href] == 1 and url != canonical_url(page_url)
    markup = None
    if described := selectors.get("description"):
        found = item.select_one(described)
        markup = found.decode_contents() if found is not None else None
    elif alone:
        markup = item.decode_contents()
    company = _text(item, selectors.get("company"))
    location = _text(item, selectors.get("location"))
    return RawPosting(
        external_id=url if own else content_id(title, company, location, markup),
        title=title,
        url=url,
        company=company,
        location=location,
        description_text=page_text(markup) if markup else None,
        posted_at=_date(item, selectors.get("date")),
    )


@register
class Html(Source):
    kind = "html"
    title = 'Any HTML job list, read with CSS selectors (set kind = "html" and [boards.selectors])'
    example_url = "https://careers.example.com/jobs"
    option_keys = ("selectors",)

    def check_options(self, options: Mapping[str, Any]) -> list[str]:
        selectors = options.get("selectors")
        if not isinstance(selectors, Mapping):
            return [f"selectors.{key}: required ({what})" for key, what in REQUIRED.items()]
        problems = []
        for key in (*REQUIRED, *OPTIONAL):
            value = selectors.get(key)
            if value is None:
                if key in REQUIRED:
                    problems.append(f"selectors.{key}: required ({REQUIRED[key]})")
                continue
            if not isinstance(value, str) or not value.strip():
                problems.append(f"selectors.{key}: a CSS selector (text), got {value!r}")
                continue
            import soupsieve

            try:
                soupsieve.compile(value)
            except (soupsieve.SelectorSyntaxError, ValueError) as exc:
                first = str(exc).splitlines()[0]
                problems.append(f"selectors.{key}: {value!r} is not a CSS selector ({first})")
        known = set(REQUIRED) | set(OPTIONAL)
        problems += [
            f"selectors.{extra}: unknown (known: {', '.join(sorted(known))})"
            for extra in sorted(set(selectors) - known)
        ]
        return problems

    def parse(self, response: Response, ctx: Context) -> Page:
        """One posting per item with a title; none found is an empty board."""
        selectors = _selectors(ctx.options)
        missing = [key for key in REQUIRED if not selectors.get(key)]
        if missing:
            raise ParseError(f"the html kind needs selectors: {', '.join(missing)} missing")
        if not response.text.lstrip()[:1] == "<":
            raise ParseError(f"expected an HTML page, got {describe_body(response)}")
        # lxml (libxml2) rather than html.parser, which is quadratic on unclosed tags; and
        # without NULs, at which libxml2 would stop reading.
        from bs4 import BeautifulSoup

        page = page_markup(response.text, response.url).replace("\x00", "")
        soup = BeautifulSoup(page, "lxml")
        items = soup.select(selectors["item"])
        hrefs = Counter(_href(item, selectors["link"]) for item in items)
        postings = [
            _posting(item, selectors, hrefs, response.url, alone=len(items) == 1) for item in items
        ]
        return Page(unique(postings))
