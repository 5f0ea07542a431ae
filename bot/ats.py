"""One link to an applicant tracking system -> the board it belongs to, as (kind, board URL).

Pure and table-driven: a host pattern per platform and a small function that reads the board
key from the path or query. The board URL is the canonical public one (what a user would
paste), not the API endpoint: each source's `endpoint` turns it into what to poll. Kinds are
named whether or not jobbot can read them yet (jobvite, dayforce), so that a careers page on
such a platform is reported as such rather than as "nothing found".
`name_for` names a board added in chat after the company part of its URL, with the same
knowledge of which URL parts are a platform's (and `bot.boardnames`' of the words and sites
that name no company).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qs, parse_qsl, quote, unquote, urlsplit

from bot.boardnames import GENERIC, host_name, names_nothing, platform_name, site_name


@dataclass(frozen=True)
class Board:
    """A board a page names: its source kind and public URL."""

    kind: str
    url: str


# Path segments and subdomains that are a platform's own pages, never a customer's board.
_NOT_KEYS = frozenset({
    "", "embed", "api", "v0", "v1", "v2", "www", "app", "apply", "assets", "static", "cdn",
    "help", "support", "docs", "blog", "status", "developers", "marketing", "resources",
    "careers", "jobs", "j", "internal", "login", "signup", "js", "css", "images", "search",
    "en", "de", "fr", "es", "uk", "us", "na", "eu", "company", "companies", "about", "pricing",
    "vs-errors",  # Eightfold's error reporting host
})  # fmt: skip
_KEY = re.compile(r"[A-Za-z0-9][\w .~@-]{0,99}")  # no "${x}" or "{{x}}" from templates
_SUB = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_LOCALE = re.compile(r"[a-z]{2}[-_][a-z]{2}", re.IGNORECASE)  # en-US, en_gb


def _key(value: str | None) -> str | None:
    """`value` when it can be a board key: not a platform page, not a template placeholder."""
    if value is None:
        return None
    value = unquote(value).strip()
    if value.lower() in _NOT_KEYS or not _KEY.fullmatch(value):
        return None
    return value


def _segments(u: SplitResult) -> list[str]:
    return [s for s in u.path.split("/") if s]


def _first(u: SplitResult) -> str | None:
    seg = _segments(u)
    return _key(seg[0]) if seg else None


def _after(u: SplitResult, *prefix: str) -> str | None:
    """The segment after `prefix` in the path (e.g. "v1", "boards" -> the token)."""
    seg = _segments(u)
    n = len(prefix)
    if len(seg) > n and [s.lower() for s in seg[:n]] == list(prefix):
        return _key(seg[n])
    return None


def _subdomain(u: SplitResult, base: str) -> str | None:
    """The label before `base` in the host ("acme" of acme.recruitee.com)."""
    label = (u.hostname or "")[: -len(base)].rstrip(".")
    return label if _SUB.fullmatch(label) and label not in _NOT_KEYS else None


def _greenhouse(u: SplitResult) -> str | None:
    host = u.hostname or ""
    eu = ".eu.greenhouse.io" in host
    if host.startswith(("boards-api.", "api.")):
        token = _after(u, "v1", "boards")
    elif u.path.lower().startswith("/embed/"):
        token = _key(next(iter(parse_qs(u.query).get("for", [])), None))
    else:
        token = _first(u)
    if token is None:
        return None
    return f"https://job-boards{'.eu' if eu else ''}.greenhouse.io/{quote(token)}"


def _lever(u: SplitResult) -> str | None:
    host = u.hostname or ""
    site = _after(u, "v0", "postings") if host.startswith("api.") else _first(u)
    eu = ".eu." in host
    return f"https://jobs{'.eu' if eu else ''}.lever.co/{quote(site)}" if site else None


def _ashby(u: SplitResult) -> str | None:
    api = (u.hostname or "").startswith("api.")
    board = _after(u, "posting-api", "job-board") if api else _first(u)
    return f"https://jobs.ashbyhq.com/{quote(board)}" if board else None


def _workable(u: SplitResult) -> str | None:
    host = u.hostname or ""
    if host in ("apply.workable.com", "www.workable.com"):
        seg = [s.lower() for s in _segments(u)]
        account = None
        if "accounts" in seg and seg.index("accounts") + 1 < len(seg):
            account = _key(_segments(u)[seg.index("accounts") + 1])
        elif seg and seg[0] != "api":
            account = _first(u)
    else:
        account = _subdomain(u, "workable.com")
    return f"https://apply.workable.com/{account}" if account else None


def _subdomain_board(base: str, url: str) -> Callable[[SplitResult], str | None]:
    """A platform with one subdomain per company: `url` formatted with it."""

    def read(u: SplitResult) -> str | None:
        sub = _subdomain(u, base)
        return url.format(sub=sub) if sub else None

    return read


def _personio(u: SplitResult) -> str | None:
    host = u.hostname or ""
    tld = host.rsplit(".", 1)[-1]
    sub = _subdomain(u, f"jobs.personio.{tld}")
    return f"https://{sub}.jobs.personio.{tld}" if sub else None


def _smartrecruiters(u: SplitResult) -> str | None:
    api = (u.hostname or "").startswith("api.")
    company = _after(u, "v1", "companies") if api else _first(u)
    return f"https://jobs.smartrecruiters.com/{quote(company)}" if company else None


def _workday(u: SplitResult) -> str | None:
    seg = _segments(u)
    locale = seg.pop(0) + "/" if seg and _LOCALE.fullmatch(seg[0]) else ""
    site = _key(seg[0]) if seg else None
    if site is None or site.lower() in ("wday", "job"):
        return None
    return f"https://{u.hostname}/{locale}{site}"


def _teamtailor(u: SplitResult) -> str | None:
    label = (u.hostname or "").removesuffix(".teamtailor.com").removesuffix(".na")
    if not _SUB.fullmatch(label) or label in _NOT_KEYS:
        return None
    return f"https://{u.hostname}/jobs"


def _rippling(u: SplitResult) -> str | None:
    slug = _after(u, "api", "v2", "board") or _first(u)
    return f"https://ats.rippling.com/{quote(slug)}/jobs" if slug else None


def _join(u: SplitResult) -> str | None:
    if u.path.startswith("/api/widget/bundle/"):  # names the company by an id in a JWT
        return f"https://join.com{u.path}"
    slug = _after(u, "companies")
    return f"https://join.com/companies/{quote(slug)}" if slug else None


def _dayforce(u: SplitResult) -> str | None:
    seg = _segments(u)
    if len(seg) >= 3 and seg[0].lower() == "candidateportal" and _key(seg[2]):
        return f"https://{u.hostname}/CandidatePortal/{seg[1]}/{seg[2]}"
    return None


# (kind, host pattern, reader). The first pattern that matches a link's host decides.
_KIND_BY_HOST: tuple[tuple[str, re.Pattern[str], Callable[[SplitResult], str | None]], ...] = (
    ("greenhouse", re.compile(r"(?:job-)?boards(?:-api)?(?:\.eu)?\.greenhouse\.io|api\.greenhouse\.io"), _greenhouse),
    ("lever", re.compile(r"(?:jobs|api)(?:\.eu)?\.lever\.co"), _lever),
    ("ashby", re.compile(r"(?:jobs|api)\.ashbyhq\.com"), _ashby),
    ("workable", re.compile(r"(?:[a-z0-9-]+\.)?workable\.com"), _workable),
    ("recruitee", re.compile(r"[a-z0-9-]+\.recruitee\.com"), _subdomain_board("recruitee.com", "https://{sub}.recruitee.com")),
    ("personio", re.compile(r"[a-z0-9-]+\.jobs\.personio\.(?:de|com)"), _personio),
    ("smartrecruiters", re.compile(r"(?:jobs|careers|api)\.smartrecruiters\.com"), _smartrecruiters),
    ("teamtailor", re.compile(r"[a-z0-9-]+(?:\.na)?\.teamtailor\.com"), _teamtailor),
    ("workday", re.compile(r"[a-z0-9_-]+\.wd\d+\.myworkdayjobs\.com"), _workday),
    ("bamboohr", re.compile(r"[a-z0-9-]+\.bamboohr\.com"), _subdomain_board("bamboohr.com", "https://{sub}.bamboohr.com/careers")),
    ("rippling", re.compile(r"ats\.rippling\.com"), _rippling),
    ("join", re.compile(r"join\.com"), _join),
    ("breezy", re.compile(r"[a-z0-9-]+\.breezy\.hr"), _subdomain_board("breezy.hr", "https://{sub}.breezy.hr/")),
    ("pinpoint", re.compile(r"[a-z0-9-]+\.pinpointhq\.com"), _subdomain_board("pinpointhq.com", "https://{sub}.pinpointhq.com/")),
    ("jobvite", re.compile(r"jobs\.jobvite\.com"), lambda u: f"https://jobs.jobvite.com/{_first(u)}" if _first(u) else None),
    ("dayforce", re.compile(r"[a-z0-9-]+\.dayforcehcm\.com"), _dayforce),
    ("eightfold", re.compile(r"[a-z0-9-]+\.eightfold\.ai"), _subdomain_board("eightfold.ai", "https://{sub}.eightfold.ai/careers")),
)  # fmt: skip


def board_of(url: str) -> Board | None:
    """The board an absolute http(s) link belongs to, or None when it is no ATS board's."""
    try:
        u = urlsplit(url.strip())
        host = (u.hostname or "").rstrip(".")
    except ValueError:
        return None
    if u.scheme not in ("http", "https") or not host:
        return None
    for kind, pattern, read in _KIND_BY_HOST:
        if pattern.fullmatch(host):
            found = read(u._replace(netloc=host))
            return Board(kind, found) if found else None
    return None


def name_for(url: str, endpoint: str = "") -> str:
    """A board's default name from its URL: the company's part of it. A job site's own name
    for its feeds ("Hacker News" of news.ycombinator.com/item?id=1). The `domain` the URL or
    its `endpoint` names for an Eightfold API ("infineon" of infineon.com). On a platform with
    a subdomain per company, the subdomain (nvidia of nvidia.wd5.myworkdayjobs.com/en-US/
    External), or the platform's name for its own careers site (career.teamtailor.com:
    Teamtailor). Else the first path segment that is not a platform's word or a locale (acme
    of boards.greenhouse.io/acme; not "au" of careers.mars.com/au/en) nor, on a site that is
    no platform, a page's word, a feed's file of such words or a job's number ("item",
    "remote-jobs.rss", "4876297"); else the host's first part that is no such word (infineon
    of jobs.infineon.com/careers). A name from a host or a domain is capitalised ("Infineon"):
    jobs of a source that names no company show it (`bot.render_title.shown_company`)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    query = dict(parse_qsl(urlsplit(endpoint).query)) | dict(parse_qsl(parts.query))
    domain = query.get("domain", "")
    if site := site_name(host):
        return site
    segments = _named_segments(parts.path, platform=board_of(url) is not None)
    if "." in domain:
        base = domain.split(".")[0].capitalize()
    elif _BY_SUBDOMAIN.search(host):
        label = host.split(".")[0]
        named = not names_nothing(label)
        base = label.capitalize() if named else platform_name(host) or host_name(host)
    elif segments:
        base = segments[0]  # as the URL writes it: greenhouse.io/acme, smartrecruiters.com/Wise
    else:
        base = host_name(host)
    return re.sub(r"[^\w.-]+", "-", base).strip("-") or "board"


def _named_segments(path: str, platform: bool) -> list[str]:
    """The segments of `path` that may name a company: not a platform's word or a locale, and
    on a site that is no `platform`, no page's word, feed's file or job's number either."""
    split = [s for s in path.split("/") if s]
    return [
        s
        for i, s in enumerate(split)
        if s.lower() not in GENERIC
        and not _locale_at(split, i)
        and (platform or not names_nothing(s))
    ]


# Platforms with a subdomain per company: their paths name a site or a job, not the company.
_BY_SUBDOMAIN = re.compile(
    r"\.(?:myworkdayjobs\.com|recruitee\.com|bamboohr\.com|breezy\.hr|pinpointhq\.com|"
    r"personio\.(?:de|com)|teamtailor\.com|eightfold\.ai|jibeapply\.com)$",
    re.IGNORECASE,
)


def _locale_at(path: list[str], i: int) -> bool:
    """Whether `path[i]` is a locale: "en-US", or half of a country and language pair
    ("au" and "en" of /au/en). A lone two-letter segment is a name (boards.greenhouse.io/hp)."""

    def two(segment: str) -> bool:
        return len(segment) == 2 and segment.isalpha()

    if _LOCALE.fullmatch(path[i]):
        return True
    return two(path[i]) and any(two(path[j]) for j in (i - 1, i + 1) if 0 <= j < len(path))
