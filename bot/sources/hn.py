"""Hacker News "Ask HN: Who is hiring?" threads through the public Algolia HN API.

Each top-level comment is a posting. By convention its first line reads
`Company | Role | Location | REMOTE | Full-time | $salary`; the parts are read heuristically
(a role word makes a role, "remote"/"onsite"/"hybrid" the workplace, a currency the salary, what
is left the location). A first line without "|" becomes the title as it stands, unless it is
the company's name alone and the next line lists the roles ("Open roles: • Leads • Seniors").
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.errors import ParseError
from bot.models import RawPosting
from bot.normalize import clean, html_to_text, salary_from_text
from bot.sources import hn_threads
from bot.sources.base import guarded, json_body, register, shape, text, unique
from bot.sources.contract import Context, Page, Request, Response, Source

ITEMS = "https://hn.algolia.com/api/v1/items/{id}"
_URL_FORMS = (
    re.compile(r"^(?:https?://)?news\.ycombinator\.com/item\?(?:.*&)?id=(?P<id>\d+)", re.I),
    re.compile(r"^(?:https?://)?hn\.algolia\.com/api/v1/items/(?P<id>\d+)", re.I),
)
_SEARCH = re.compile(r"^(?:https?://)?hn\.algolia\.com/api/v1/search(?:_by_date)?\b", re.I)
_EXPECTED = "expected an Algolia HN item (with 'children') or search result (with 'hits')"
MAX_PAGES = 20

_FIRST_LINE = re.compile(r"<p>|<br\s*/?>|\n", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(?:engineer|engineers|developer|developers|dev|sre|devops|architect|scientist|analyst"
    r"|designer|manager|lead|head|director|vp|cto|founding|intern|recruiter|advocate"
    r"|specialist|consultant|researcher|administrator|programmer|technician|writer|marketer"
    r"|product|sales|support|operations|accountant|counsel|executive|associate|staff"
    r"|principal|frontend|backend|full[- ]?stack|ml|ai)\b",
    re.IGNORECASE,
)
_WORKPLACE = re.compile(
    r"(?:(?:fully|100%|partially|partly)\s+)?(?P<kind>remote|on-?site|on site|onsite|in[- ]office"
    r"|in[- ]person|hybrid|no remote|not remote)(?:[- ](?:only|friendly|ok|first|possible))?"
    r"(?:\s*(?:\(.*\)|[-:,/]\s*.+))?",
    re.IGNORECASE,
)
_EMPLOYMENT = re.compile(
    r"full[- ]?time|part[- ]?time|contract|contractor|intern(?:ship)?|permanent|freelance"
    r"|temporary",
    re.IGNORECASE,
)
_ROLES_SAID = re.compile(
    r"(?:open roles?|roles?|positions?|openings?|hiring(?: for)?|we(?:'|’)?re hiring(?: for)?)"
    r"\s*:\s*",
    re.IGNORECASE,
)
# A paragraph that starts by saying where the work is ("Fully remote with US time zone overlap
# required.", "Location: Berlin, hybrid" does not: it starts with a place); one that says no
# to it ("Remote work is not possible") is passed over.
_WORKPLACE_SAID = re.compile(
    r"(?:location\s*:\s*)?(?:(?:fully|100%)\s+)?(?P<kind>remote|hybrid|on-?site|in[- ]office)\b",
    re.IGNORECASE,
)
_SAYS_NO = re.compile(r"\b(?:not|no|never)\b|n[’']t\b", re.IGNORECASE)
_URLISH = re.compile(r"https?://|www\.|\.(?:com|io|ai|co|dev|org|net)\b", re.IGNORECASE)


def _first_line(comment: str) -> str:
    return clean(html_to_text(_FIRST_LINE.split(comment, 1)[0]))


def _roles_line(comment: str) -> str | None:
    """The roles a comment's second line lists after a first line of the company's name alone
    ("This Dot Labs" then "Open roles: • Engineering Leads • Senior Engineers"), joined as
    the title; None when the second line lists none."""
    lines = _FIRST_LINE.split(comment, 2)
    line = clean(html_to_text(lines[1])) if len(lines) > 1 else ""
    listed = _ROLES_SAID.match(line)
    if listed is None or len(line) > 200 or not _ROLE.search(line):
        return None
    roles = [r.strip(" ,;") for r in re.split(r"[•;]", line[listed.end() :])]
    return " / ".join(r for r in roles if r) or None


def _workplace_said(comment: str) -> str | None:
    """The workplace a paragraph of the comment starts with, when its first line names none
    ("This Dot Labs" ... "Fully remote with US time zone overlap required."); None if none
    of its first paragraphs does."""
    for part in _FIRST_LINE.split(comment, 8)[1:8]:
        said = clean(html_to_text(part))
        found = _WORKPLACE_SAID.match(said)
        if found and len(said) <= 200 and not _SAYS_NO.search(said):
            return _workplace([found["kind"]])
    return None


def _workplace(kinds: list[str]) -> str | None:
    found = {k.lower().replace("-", "").replace(" ", "") for k in kinds}
    if "hybrid" in found:
        return "hybrid"
    if "remote" in found:
        return "remote"
    if found:
        return "onsite"  # onsite, in office, in person, no remote
    return None


def read_first_line(line: str) -> dict[str, Any]:
    """Company, title, location, workplace, employment and salary from a posting's first line."""
    parts = [p.strip() for p in line.split("|") if p.strip()]
    if len(parts) < 2:
        short = line if len(line) <= 120 else line[:117].rsplit(" ", 1)[0] + "…"
        return {"title": short, "company": line if len(line) <= 50 else None}
    company = _URLISH.split(parts[0])[0].strip(" (-–,") or parts[0]
    roles: list[str] = []
    places: list[str] = []
    kinds: list[str] = []
    employment = pay = None
    for part in parts[1:]:
        workplace = _WORKPLACE.fullmatch(part)
        if workplace:
            kinds.append(workplace["kind"])
            if "(" in part or len(part) > len(workplace["kind"]) + 6:
                places.append(part)  # "Remote (EMEA)", "Remote - US only"
        elif salary_from_text(part)[0] or salary_from_text(part)[1]:
            pay = pay or part
        elif _EMPLOYMENT.search(part) and len(part) <= 40 and not _ROLE.search(part):
            employment = employment or part
        elif "visa" in part.lower() or "equity" in part.lower() or _URLISH.search(part):
            continue
        elif _ROLE.search(part):
            roles.append(part)
        else:
            places.append(part)
    if not roles and places:
        roles.append(places.pop(0))
    return {
        "company": company,
        "title": " / ".join(roles) or line,
        "location": places[0] if places else None,
        "workplace": _workplace(kinds),
        "employment_type": employment,
        "salary": salary_from_text(pay),
    }


def _comments(data: object) -> list[dict[str, Any]]:
    """Top-level comments, as {id, text, created_at}, from an item tree or a search result."""
    if isinstance(data, dict) and isinstance(data.get("children"), list):
        return [
            {"id": c.get("id"), "text": c.get("text"), "created_at": c.get("created_at")}
            for c in data["children"]
            if isinstance(c, dict) and c.get("type", "comment") == "comment"
        ]
    if isinstance(data, dict) and isinstance(data.get("hits"), list):
        story = data.get("story_id")
        return [
            {
                "id": h.get("objectID"),
                "text": h.get("comment_text"),
                "created_at": h.get("created_at"),
            }
            for h in data["hits"]
            if isinstance(h, dict) and str(h.get("parent_id")) == str(h.get("story_id") or story)
        ]
    raise ParseError(f"{_EXPECTED}, got {shape(data)}")


@guarded
def _posting(comment: dict[str, Any]) -> RawPosting:
    ident = str(comment["id"])
    line = _first_line(comment["text"])
    first = read_first_line(line)
    if "|" not in line and not _ROLE.search(line) and (roles := _roles_line(comment["text"])):
        first = {"title": roles, "company": line if len(line) <= 50 else None}
    low, high, cur, period = first.get("salary") or (None, None, None, None)
    return RawPosting(
        external_id=ident,
        title=first["title"],
        url=f"https://news.ycombinator.com/item?id={ident}",
        company=first.get("company"),
        location=first.get("location"),
        description_html=comment["text"],
        posted_at=comment.get("created_at"),
        workplace=first.get("workplace") or _workplace_said(comment["text"]),
        employment_type=first.get("employment_type"),
        salary_min=low,
        salary_max=high,
        salary_currency=cur,
        salary_period=period,
    )


def _page(url: str) -> int:
    page = dict(parse_qsl(urlsplit(url).query)).get("page", "0")
    return int(page) if page.isdigit() else 0


def _page_url(url: str, page: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "page"] + [("page", str(page))]
    return urlunsplit(parts._replace(query=urlencode(query)))


@register
class HackerNews(Source):
    kind = "hn"
    title = (
        'Hacker News "Who is hiring?": the latest thread, month after month '
        "(news.ycombinator.com/submitted?id=whoishiring), or one thread (item?id=N)"
    )
    example_url = "https://news.ycombinator.com/submitted?id=whoishiring"

    def endpoint(self, url: str) -> str | None:
        url = url.strip()
        if hn_threads.is_submitted_page(url):
            return hn_threads.THREADS
        for form in _URL_FORMS:
            match = form.match(url)
            if match:
                return ITEMS.format(id=match["id"])
        return url if _SEARCH.match(url) else None

    def start(self, ctx: Context) -> list[Request]:
        """An item tree is one conditional request; a search URL is paged from page 0; a
        board that names no thread starts from whoishiring's latest stories."""
        if hn_threads.follows_latest(ctx.url):
            listed = ctx.url if hn_threads.is_thread_list(ctx.url) else hn_threads.THREADS
            return [Request(listed)]
        if not _SEARCH.match(ctx.url):
            return [Request(ctx.url, conditional=True)]
        return [Request(_page_url(ctx.url, 0))]

    def parse(self, response: Response, ctx: Context) -> Page:
        """Top-level comments with text; replies and deleted comments are left out. A search
        result asks for its next page, until `nbPages`. A list of threads asks for the newest
        "Who is hiring?" thread, on the same API host."""
        data = json_body(response, _EXPECTED)
        if hn_threads.is_thread_list(response.request.url):
            story = hn_threads.newest_hiring_thread(data)
            return Page((), [Request(hn_threads.thread_url(response.url, story))])
        comments = _comments(data)
        follow = []
        if _SEARCH.match(response.request.url):
            page = _page(response.request.url) + 1
            pages = data.get("nbPages") if isinstance(data.get("nbPages"), int) else 1
            if page < min(pages, MAX_PAGES):
                follow.append(Request(_page_url(response.request.url, page)))
        postings = unique(
            _posting(c) for c in comments if text(c.get("id")) and isinstance(c.get("text"), str)
        )
        return Page(postings, follow)
