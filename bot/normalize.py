"""Turn a source's `RawPosting` into a clean `Posting`: text, URL, date, workplace, hash.

Every function here is pure and total: junk input gives an empty or None value, never an error,
because one odd posting must not stop a whole board from being read.
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import math
import re
import time
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from bot.models import BoardInfo, Posting, RawPosting

# --- text -------------------------------------------------------------------------------------


def clean(s: object) -> str:
    """Trim and collapse every run of whitespace (including \\xa0) to one space."""
    if s is None:
        return ""
    return " ".join(str(s).split())


_SPACES = re.compile(r"[^\S\n]+")
_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_RUNS = re.compile(r"\n{3,}")


def clean_text(s: str | None) -> str:
    """Tidy plain text but keep its lines: collapse spaces, at most one blank line, strip."""
    if not s:
        return ""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = _SPACES.sub(" ", s)
    s = _EDGE_SPACES.sub("\n", s)
    return _BLANK_RUNS.sub("\n\n", s).strip()


_SKIP = frozenset({"script", "style", "img", "noscript", "template", "svg"})
_PARAGRAPH = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
        "blockquote", "pre", "table", "form", "fieldset", "figure", "dl", "address",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "hr",
    }
)  # fmt: skip
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area"})
_LISTS = frozenset({"ul", "ol"})
_LINE = frozenset({"tr", "dt", "dd", "figcaption", "caption"})
_CELL = frozenset({"td", "th"})
_WS = re.compile(r"\s+")
_SPACE_RUNS = re.compile(r"[ \t]{2,}")
_TRUNCATED_TAG = re.compile(r"</?[A-Za-z!]")


class _TextWriter:
    """Builds text from tag events. Breaks are held as a pending level (1 newline, 2 blank line)
    and written only before the next visible text, so empty elements and runs of block tags
    cost nothing and never pile up blank lines."""

    __slots__ = ("bullet", "in_li", "lists", "out", "pending", "pre")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.pending = 0
        self.bullet = False
        self.in_li = 0
        self.lists: list[int] = []  # `in_li` at each open <ul>/<ol>, restored at its end
        self.pre = 0

    def brk(self, level: int) -> None:
        if self.in_li and level > 1:
            level = 1  # a <p> inside a bullet must not split the list with blank lines
        if level > self.pending:
            self.pending = level

    def start(self, name: str) -> None:
        if name == "li":
            self.brk(1)
            self.in_li += 1
            self.bullet = True
        elif name == "br":
            self.pending = min(2, self.pending + 1)
        elif name in _PARAGRAPH:
            self.brk(2)
            if name in _LISTS:
                self.lists.append(self.in_li)
            elif name == "pre":
                self.pre += 1
        elif name in _LINE:
            self.brk(1)
        elif name in _CELL:
            self.text(" ")

    def end(self, name: str) -> None:
        if name == "li":
            self.in_li = max(0, self.in_li - 1)
            self.bullet = False
            self.brk(1)
        elif name in _PARAGRAPH:
            if name in _LISTS and self.lists:
                self.in_li = self.lists.pop()  # closes any <li> left open inside the list
                self.bullet = False
            elif name == "pre":
                self.pre = max(0, self.pre - 1)
            self.brk(2)
        elif name in _LINE:
            self.brk(1)

    def text(self, data: str) -> None:
        if not self.pre:
            data = _WS.sub(" ", data)
        if not data or (data == " " and (self.pending or not self.out)):
            return
        if self.pending or self.bullet:
            if self.out:
                self.out.append("\n\n" if self.pending > 1 else "\n")
            data = data.lstrip(" ")
            if self.bullet:
                data = "• " + data
                self.bullet = False
            self.pending = 0
        self.out.append(data)

    def result(self) -> str:
        s = "".join(self.out).replace("\xa0", " ")
        s = _SPACE_RUNS.sub(" ", s)
        s = _EDGE_SPACES.sub("\n", s)
        return _BLANK_RUNS.sub("\n\n", s).strip()


def unescape(s: str, rounds: int = 3) -> str:
    """Undo whole-document entity escaping: `html.unescape` until tags show or nothing changes.

    Greenhouse escapes its HTML once, sometimes twice (`&amp;amp;lt;p&amp;amp;gt;`). Once real
    tags appear, entities left in the text are the HTML parser's to decode, exactly once, so
    "&amp;lt;" in escaped text still reads "&lt;" and not a tag.
    """
    for _ in range(rounds):
        if "&" not in s or "<" in s:
            break
        unescaped = html.unescape(s)
        if unescaped == s:
            break
        s = unescaped
    return s


class _Converter(HTMLParser):
    """Streams parser events into a `_TextWriter`; skipped elements (script, style...) are muted."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.writer = _TextWriter()
        self.muted = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self.muted += 1
        elif not self.muted:
            self.writer.start(tag)
            if tag in _VOID:
                self.writer.end(tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        if tag not in _SKIP and not self.muted:
            self.writer.start(tag)
            self.writer.end(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if tag not in _VOID and self.muted:
                self.muted -= 1
        elif not self.muted and tag not in _VOID:
            self.writer.end(tag)

    def handle_data(self, data: str) -> None:
        if not self.muted:
            self.writer.text(data)


def html_to_text(markup: str | None) -> str:
    """Readable plain text from (possibly escaped, possibly truncated) HTML.

    Paragraphs and headings become blank-line separated blocks, `<li>` a line starting "• ",
    `<br>` a newline. It streams the stdlib `html.parser` (the parser behind BeautifulSoup's
    "html.parser", equally forgiving of unclosed tags) without building a tree: one linear pass,
    about three times faster than walking a soup.
    """
    if not markup:
        return ""
    s = unescape(markup)
    if "<" not in s:
        return clean_text(s.replace("\xa0", " "))
    cut = s.rfind("<")
    if cut > s.rfind(">") and _TRUNCATED_TAG.match(s, cut):
        s = s[:cut]  # a tag cut off mid-way would otherwise show up as text
    converter = _Converter()
    converter.feed(s)
    converter.close()
    return converter.writer.result()


# --- dates ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_TZ_WORD = re.compile(r"\s*(UTC|GMT|Z)$", re.IGNORECASE)


def _from_epoch(value: float) -> datetime | None:
    if not math.isfinite(value) or value < 1e8:  # before 1973: not a posting date
        return None
    if value > 1e11:  # milliseconds: 1e11 seconds is the year 5138
        value /= 1000
    return datetime.fromtimestamp(value, UTC)


def _as_utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _parse_str(s: str) -> datetime | None:
    s = s.strip()
    if not s:
        return None
    if _NUMBER.fullmatch(s) and float(s) >= 1e8:  # short numbers may be "20260805"
        return _from_epoch(float(s))
    try:
        return _as_utc(datetime.fromisoformat(s))
    except ValueError:
        pass
    bare = _TZ_WORD.sub("", s)  # Recruitee: "2026-08-05 09:41:37 UTC"
    if bare != s:
        try:
            return datetime.fromisoformat(bare).replace(tzinfo=UTC)
        except ValueError:
            pass
    return _as_utc(email.utils.parsedate_to_datetime(s))


def parse_date(value: object) -> datetime | None:
    """A UTC datetime from whatever a board sends, or None. Never raises.

    Accepts ISO 8601 (naive means UTC), date-only, RFC 822, "YYYY-MM-DD HH:MM:SS UTC", epoch
    seconds or milliseconds (as numbers or numeric strings), datetimes, dates and struct_times.
    """
    try:
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, datetime):
            return _as_utc(value)
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day, tzinfo=UTC)
        if isinstance(value, time.struct_time):
            return datetime(*value[:6], tzinfo=UTC)
        if isinstance(value, int | float):
            return _from_epoch(float(value))
        if isinstance(value, str):
            return _parse_str(value)
    except (ValueError, TypeError, OverflowError, OSError, IndexError):
        return None
    return None


# --- URLs -------------------------------------------------------------------------------------

_TRACKING = frozenset({"gclid", "fbclid", "mc_cid", "mc_eid"})


def _is_tracking(param: str) -> bool:
    key = param.split("=", 1)[0].lower()
    return key.startswith("utm_") or key in _TRACKING


def canonical_url(url: str | None, base: str | None = None) -> str:
    """An absolute URL without its fragment or tracking parameters (utm_*, gclid, fbclid, mc_*).

    Other parameters are kept as they were (Greenhouse's `gh_jid` identifies the job)."""
    url = (url or "").strip()
    if base:
        url = urljoin(base.strip(), url)
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    query = parts.query
    if query:
        params = query.split("&")
        kept = [p for p in params if p and not _is_tracking(p)]
        if len(kept) != len(params):
            query = "&".join(kept)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, query, ""))


# --- categories -------------------------------------------------------------------------------

_ONSITE = frozenset({"onsite", "inoffice", "office", "inperson", "onpremise", "onpremises"})


def _key(value: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(value).lower())


def workplace(value: str | None, remote: bool | None = None, location: str = "") -> str | None:
    """'remote', 'hybrid', 'onsite' or None (unknown). The explicit value wins, then the remote
    flag, then a hint in the location text ("Remote - US", "Berlin (Hybrid)")."""
    if value:
        key = _key(value)
        if "hybrid" in key:
            return "hybrid"
        if "remote" in key or key in {"telecommute", "wfh", "workfromhome"}:
            return "remote"
        if key in _ONSITE:
            return "onsite"
    if remote:
        return "remote"
    if location:
        lowered = location.lower()
        if re.search(r"\bhybrid\b", lowered):
            return "hybrid"
        if re.search(r"\b(remote|anywhere)\b", lowered):
            return "remote"
    return None


_EMPLOYMENT = (
    ("intern", re.compile(r"intern(?!ation)|trainee|apprentice|werkstudent|workingstudent")),
    ("freelance", re.compile(r"freelance")),
    ("part_time", re.compile(r"parttime")),
    ("temporary", re.compile(r"temporary|temp$|shortterm|seasonal|fixedterm")),
    ("contract", re.compile(r"contract|1099")),
    ("full_time", re.compile(r"fulltime|permanent|regular|employee")),
)


def employment_type(value: str | None) -> str | None:
    """full_time, part_time, contract, intern, temporary, freelance, or None when unknown."""
    if not value:
        return None
    key = _key(value)
    for name, pattern in _EMPLOYMENT:
        if pattern.search(key):
            return name
    return None


# --- the record -------------------------------------------------------------------------------


def content_hash(title: str, company: str, location: str, description: str) -> str:
    """sha256 of what a reader sees; dates are left out so a bumped `updated_at` is no edit."""
    joined = "\x1f".join((title, company, location, description))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def posting(raw: RawPosting, board: BoardInfo) -> Posting:
    """The normalised `Posting` for one raw posting of `board`."""
    title = clean(raw.title)
    company = clean(raw.company) or clean(board.company) or clean(board.name)
    location = clean(raw.location) or ", ".join(filter(None, map(clean, raw.locations)))
    if raw.description_html:
        description = html_to_text(raw.description_html)
    else:
        description = clean_text(raw.description_text)
    apply_url = canonical_url(raw.apply_url, board.url) if raw.apply_url else None
    return Posting(
        key=f"{board.name}:{raw.external_id}",
        board=board.name,
        external_id=str(raw.external_id),
        title=title,
        company=company,
        location=location,
        url=canonical_url(raw.url or raw.apply_url, board.url),
        description=description,
        posted_at=parse_date(raw.posted_at),
        workplace=workplace(raw.workplace, raw.remote, location),
        employment_type=employment_type(raw.employment_type),
        apply_url=apply_url,
        content_hash=content_hash(title, company, location, description),
        partial=raw.partial,
    )
