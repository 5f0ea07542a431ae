"""Teamtailor career sites: `{company}.teamtailor.com` (and `.na.teamtailor.com`), read through
their RSS feed `/jobs.rss` with its `tt:` location elements; a site on the company's own domain
is read from the feed its page links (`<link rel="alternate" type="application/rss+xml">`).

One poll is one conditional GET of the feed (plus the page first, for a custom domain). The
feed shows 100 jobs; a full page asks for the next (`?offset=N&per_page=100`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

from bot.errors import ParseError
from bot.models import RawPosting
from bot.normalize import tree
from bot.normalize.urls import joined
from bot.sources.base import describe_body, guarded, page_markup, register, text
from bot.sources.contract import Context, Page, Request, Response, Source

_HOST = re.compile(
    r"^(?:https?://)?(?P<host>[a-z0-9][a-z0-9-]*\.(?:na\.)?teamtailor\.com)(?:[/?#]|$)",
    re.IGNORECASE,
)
_NOT_HOSTS = frozenset({"www.teamtailor.com", "app.teamtailor.com", "api.teamtailor.com"})
_TT = "{https://teamtailor.com/locations}"
_JOB_ID = re.compile(r"/jobs/(\d+)")
_FEED_LINK = 'link[href][rel~="alternate" i][type="application/rss+xml" i]'
PER_PAGE = 100
# remoteStatus -> workplace; "none" and "temporary" say nothing sure
_WORKPLACE = {"fully": "remote", "remote": "remote", "hybrid": "hybrid", "onsite": "onsite"}


def _location(element: ET.Element) -> str | None:
    city = text(element.findtext(f"{_TT}city"))
    country = text(element.findtext(f"{_TT}country"))
    if city:
        return ", ".join(dict.fromkeys(p for p in (city, country) if p))
    return text(element.findtext(f"{_TT}name")) or country


@guarded
def _item(item: ET.Element, company: str | None) -> RawPosting | None:
    title, link = text(item.findtext("title")), text(item.findtext("link")) or ""
    number = _JOB_ID.search(urlsplit(link).path)
    ident = number[1] if number else text(item.findtext("guid"))
    if not title or not ident:
        return None
    places = [_location(x) for x in item.iterfind(f"{_TT}locations/{_TT}location")]
    status = (text(item.findtext("remoteStatus")) or "").lower()
    return RawPosting(
        external_id=ident,
        title=title,
        url=link,
        company=text(item.findtext("company_name")) or company,
        locations=tuple(dict.fromkeys(p for p in places if p)),
        description_html=text(item.findtext("description")),
        posted_at=text(item.findtext("pubDate")),
        workplace=_WORKPLACE.get(status),
        department=text(item.findtext(f"{_TT}department")),
    )


def _feed(response: Response) -> Page:
    try:
        root = ET.fromstring(response.body)
    except ET.ParseError as exc:
        raise ParseError(f"expected a Teamtailor RSS feed, got broken XML ({exc})") from None
    channel = root.find("channel") if root.tag == "rss" else None
    if channel is None:
        raise ParseError(f"expected a Teamtailor RSS feed, got XML whose root is <{root.tag}>")
    company = text(channel.findtext("title"))
    found = channel.findall("item")
    postings = [p for p in (_item(i, company) for i in found) if p]
    follow = []
    if len(found) >= PER_PAGE:
        parts = urlsplit(response.request.url)
        offset = int((parse_qs(parts.query).get("offset") or ["0"])[0] or 0) + len(found)
        query = f"offset={offset}&per_page={PER_PAGE}"
        follow.append(Request(parts._replace(query=query).geturl()))
    return Page(postings, follow)


def _page(response: Response) -> Page:
    """A career page on the company's own domain: follow its job feed (not its blog's)."""
    links = tree.parse(page_markup(response.text, response.url)).css(_FEED_LINK)
    hrefs = [str(x.attributes.get("href") or "").strip() for x in links]
    jobs = [h for h in hrefs if "/jobs" in h] or [h for h in hrefs if h][:1]
    href = jobs[0] if jobs else ""
    if not href:
        raise ParseError(
            f"expected a Teamtailor RSS feed or a career page linking one, got "
            f"{describe_body(response)} without an RSS alternate link"
        )
    return Page((), [Request(joined(response.url, href))])


@register
class Teamtailor(Source):
    kind = "teamtailor"
    title = "Teamtailor career site ({company}.teamtailor.com, or its own domain)"
    example_url = "https://acme.teamtailor.com/jobs"

    def endpoint(self, url: str) -> str | None:
        match = _HOST.match(url.strip())
        if not match or match["host"].lower() in _NOT_HOSTS:
            return None
        return f"https://{match['host'].lower()}/jobs.rss"

    def parse(self, response: Response, ctx: Context) -> Page:
        """The feed (postings; the next page when this one is full), or a page linking it."""
        head = response.body[:500].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<?xml", b"<rss")):
            return _feed(response)
        if head.startswith(b"<"):
            return _page(response)
        raise ParseError(f"expected a Teamtailor RSS feed, got {describe_body(response)}")
