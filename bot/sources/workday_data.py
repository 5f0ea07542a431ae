"""Workday CXS answers, read: pure functions over decoded JSON, no I/O.

A site is `https://{tenant}.wd{N}.myworkdayjobs.com/[{locale}/]{site}` (or
`https://wd{N}.myworkdaysite.com/[{locale}/]recruiting/{tenant}/{site}`); its jobs are behind
`POST /wday/cxs/{tenant}/{site}/jobs` (20 a page, `total` on the first page) and each job's
detail behind `GET /wday/cxs/{tenant}/{site}{externalPath}`. The list has no description and
only a relative date ("Posted 3 Days Ago"); the detail has both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from bot.errors import ParseError
from bot.models import RawPosting
from bot.sources.base import content_id, guarded, items, mapping, shape, text

PAGE_SIZE = 20  # Workday answers nothing for a larger limit
_LOCALE = r"(?:[a-z]{2}(?:-[A-Za-z]{2,4})?/)?"
_SEGMENT = r"[^/?#\s]+"
_PUBLIC = re.compile(
    rf"^(?:https?://)?(?P<tenant>[a-z0-9_-]+)\.(?P<shard>wd\d+)\.myworkdayjobs\.com/"
    rf"{_LOCALE}(?P<site>{_SEGMENT})",
    re.IGNORECASE,
)
_SITE_HOST = re.compile(
    rf"^(?:https?://)?(?P<host>(?:wd\d+\.)?myworkdaysite\.com)/{_LOCALE}recruiting/"
    rf"(?P<tenant>{_SEGMENT})/(?P<site>{_SEGMENT})",
    re.IGNORECASE,
)
_API = re.compile(
    rf"^(?P<origin>https?://[^/?#\s]+)/wday/cxs/(?P<tenant>{_SEGMENT})/(?P<site>{_SEGMENT})",
    re.IGNORECASE,
)
_NOT_SITES = frozenset({"wday", "job", "details", "login", "apply"})
_POSTED = re.compile(r"^posted\s+(?:(today)|(yesterday)|(\d+)(\+)?\s+days?\s+ago)$", re.I)
_N_LOCATIONS = re.compile(r"^\d+\s+locations?$", re.IGNORECASE)
_EXPECTED = "expected a Workday CXS answer with 'jobPostings' or 'jobPostingInfo'"


@dataclass(frozen=True, slots=True)
class Site:
    """One Workday career site: where its API is, and where its job pages are."""

    origin: str  # scheme and host, as given: the wdN shard is per customer
    tenant: str
    site: str

    @property
    def api(self) -> str:
        return f"{self.origin}/wday/cxs/{self.tenant}/{self.site}"

    @property
    def jobs(self) -> str:
        """The list endpoint (POST)."""
        return f"{self.api}/jobs"

    def detail(self, external_path: str) -> str:
        return f"{self.api}{external_path}"

    def page(self, external_path: str) -> str:
        """The job's public page."""
        return f"{self.origin}/{self.site}{external_path}"


def site_of(url: str) -> Site | None:
    """The site a URL names: a public career-site URL, or its CXS API URL (any host, so a
    mirror or a loopback test server works with kind = "workday"). None when neither."""
    url = url.strip()
    if match := _API.match(url):
        return Site(match["origin"], match["tenant"], match["site"])
    if (match := _PUBLIC.match(url)) and match["site"].lower() not in _NOT_SITES:
        host = urlsplit(url if "://" in url else "https://" + url).netloc
        return Site(f"https://{host}", match["tenant"], match["site"])
    if match := _SITE_HOST.match(url):
        return Site(f"https://{match['host']}", match["tenant"], match["site"])
    return None


def list_body(offset: int) -> dict[str, Any]:
    """The JSON body of one list request."""
    return {"appliedFacets": {}, "limit": PAGE_SIZE, "offset": offset, "searchText": ""}


def posted_on(label: object, now: datetime | None) -> datetime | None:
    """A list's relative date, counted back from `now` (the answer's own date): "Posted Today",
    "Posted Yesterday", "Posted 3 Days Ago"; "Posted 30+ Days Ago" is read as 30 days, the
    most recent it can be. Other wording (translated sites) is None: unknown, not guessed."""
    match = _POSTED.match(" ".join(str(label or "").split()))
    if not match or now is None:
        return None
    days = 0 if match[1] else 1 if match[2] else int(match[3])
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return start - timedelta(days=days)


def req_id(external_path: str) -> str | None:
    """The job's id: the `_JR-7309` tail of its path (a repost with the same title has its own,
    and `-1` suffixes are kept, since the plain id may be another posting)."""
    tail = external_path.rstrip("/").rsplit("/", 1)[-1]
    _, sep, ident = tail.rpartition("_")
    return ident if sep and ident else None


def _location(label: object) -> str | None:
    """`locationsText`, unless it only counts them ("2 Locations")."""
    value = text(label)
    return None if value is None or _N_LOCATIONS.match(value) else value


@dataclass(frozen=True, slots=True)
class ListPage:
    """One list answer: its postings (without descriptions), their paths, and `total`."""

    postings: list[RawPosting]
    paths: dict[str, str]  # external id -> externalPath, for the detail request
    total: int | None


def read_list(data: object, site: Site, now: datetime | None) -> ListPage:
    """The postings of one list answer. Raises ParseError when it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("jobPostings"), list):
        raise ParseError(f"{_EXPECTED}, got {shape(data)}")
    postings, paths = [], {}
    for item in data["jobPostings"]:
        listed = _listed(mapping(item), site, now)
        if listed is None or listed[0].external_id in paths:
            continue
        posting, path = listed
        paths[posting.external_id] = path
        postings.append(posting)
    total = data.get("total")
    return ListPage(postings, paths, total if isinstance(total, int) and total >= 0 else None)


@guarded
def _listed(
    item: dict[str, Any], site: Site, now: datetime | None
) -> tuple[RawPosting, str] | None:
    """One list item's posting and its externalPath (None without a title)."""
    path, title = text(item.get("externalPath")), text(item.get("title"))
    if not title:
        return None
    bullets = items(item.get("bulletFields"))
    ident = (path and req_id(path)) or text(bullets[0] if bullets else None)
    ident = ident or content_id(title, path, item.get("locationsText"))
    posting = RawPosting(
        external_id=ident,
        title=title,
        url=site.page(path) if path else site.page(""),
        location=_location(item.get("locationsText")),
        posted_at=posted_on(item.get("postedOn"), now),
    )
    return posting, path or ""


def read_detail(data: object, site: Site, now: datetime | None) -> RawPosting:
    """The whole posting from one job's detail answer. Raises ParseError when it is not one."""
    info = mapping(data.get("jobPostingInfo")) if isinstance(data, dict) else {}
    title = text(info.get("title"))
    if not title:
        raise ParseError(f"{_EXPECTED}, got {shape(data)}")
    url = text(info.get("externalUrl")) or ""
    path = urlsplit(url).path
    ident = req_id(path) or req_id(str(info.get("jobPostingId") or ""))
    ident = ident or text(info.get("jobReqId")) or content_id(title, url)
    places = [text(info.get("location"))]
    places += [text(p) for p in items(info.get("additionalLocations"))]
    found = tuple(dict.fromkeys(p for p in places if p))
    country = text(mapping(info.get("country")).get("descriptor"))
    return RawPosting(
        external_id=ident,
        title=title,
        url=url or site.page(""),
        location=found[0] if len(found) == 1 else None,
        locations=found if len(found) > 1 else (() if found else _country(country)),
        description_html=text(info.get("jobDescription")),
        posted_at=_start_date(info.get("startDate")) or posted_on(info.get("postedOn"), now),
        workplace=text(info.get("remoteType")),
        employment_type=text(info.get("timeType")),
    )


def _country(country: str | None) -> tuple[str, ...]:
    return (country,) if country else ()


def _start_date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
