"""Turn a source's `RawPosting` into a clean `Posting`: text, URL, date, workplace, salary, hash.

Every function here is pure and total: junk input gives an empty or None value, never an error,
because one odd posting must not stop a whole board from being read. `posting()` runs once per
posting per poll, so the hot paths (`html_to_text` above all) use C-level string methods and
literal-prefixed regexes rather than per-character Python.
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import math
import re
import time
from datetime import UTC, date, datetime
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


_FAST_ENTITIES = (
    ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&#x27;", "'"),
    ("&nbsp;", "\xa0"), ("&#xa0;", "\xa0"), ("&rsquo;", "\u2019"), ("&#x2F;", "/"),
)  # fmt: skip


_ENTITY_START = re.compile(r"&[#A-Za-z]")  # what html.unescape could decode ("& " it can't)


def _unescape_once(s: str) -> str:
    """`html.unescape`, with a fast path for the handful of entities boards actually send."""
    if "&" not in s:
        return s
    fast = s
    for entity, char in _FAST_ENTITIES:
        if entity in fast:
            fast = fast.replace(entity, char)
    if fast.count("&") != fast.count("&amp;") and _ENTITY_START.search(fast.replace("&amp;", "")):
        return html.unescape(s)  # other entities, or ones without ";": the full rules
    return fast.replace("&amp;", "&")  # last, so "&amp;lt;" decodes once, to "&lt;"


def unescape(s: str, rounds: int = 3) -> str:
    """Undo whole-document entity escaping: unescape until tags show or nothing changes.

    Greenhouse escapes its HTML once, sometimes twice (`&amp;amp;lt;p&amp;amp;gt;`). Once real
    tags appear, entities left in the text are decoded exactly once, with the tags gone, so
    "&amp;lt;" in escaped text still reads "&lt;" and not a tag.
    """
    for _ in range(rounds):
        if "&" not in s or "<" in s:
            break
        unescaped = _unescape_once(s)
        if unescaped == s:
            break
        s = unescaped
    return s


# HTML to text works in three C-speed passes: tags become one-character break markers (or
# nothing), whitespace collapses, then each run of markers becomes "\n", "\n\n" and/or "• ".
_M = "\x00"  # marker prefix; NULs in the input are dropped first
_LINE, _PARA, _LI, _BR, _END_LI, _LIST, _END_LIST = (_M + c for c in "LPIBEUV")
_BLOCK_TAGS = (
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
    "pre", "table", "form", "fieldset", "figure", "dl", "address", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr",
)  # fmt: skip
_MARKS: dict[str, str] = {}
for _tag_name in _BLOCK_TAGS:
    _MARKS[_tag_name] = _MARKS["/" + _tag_name] = _PARA
for _tag_name in ("tr", "dt", "dd", "figcaption", "caption"):
    _MARKS[_tag_name] = _MARKS["/" + _tag_name] = _LINE
_MARKS.update(
    {"li": _LI, "/li": _END_LI, "ul": _LIST, "ol": _LIST, "/ul": _END_LIST, "/ol": _END_LIST}
)
_MARKS.update({"br": _BR, "td": " ", "th": " "})
_MARK = _MARKS.get
_TAG = re.compile(
    r"<(/?[A-Za-z][A-Za-z0-9]*)(?:[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*|[^>]*)>"
    r"|<!--.*?(?:-->|\Z)|<[!?][^>]*>",
    re.S,
)  # a quoted ">" stays inside its attribute; an unbalanced quote falls back to the next ">"
_MUTED = re.compile(
    r"<(script|style|noscript|template|svg)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.IGNORECASE
)
_MUTED_START = re.compile(r"<(?:script|style|noscript|template|svg)\b", re.IGNORECASE)
_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre\s*>|\Z)", re.S | re.IGNORECASE)
_PRE_NEWLINE = "\ue000"  # a newline inside <pre>, kept out of whitespace collapsing
_RUN = re.compile("\x00[A-Z](?: ?\x00[A-Z])* ?")
_TRUNCATED_TAG = re.compile(r"</?[A-Za-z!]")
_RUN_CACHE: dict[tuple[tuple[int, tuple[int, ...]], str], tuple[tuple, str]] = {}


def _tag(match: re.Match[str]) -> str:
    name = match.group(1)
    if name is None:
        return ""  # a comment, doctype or processing instruction
    mark = _MARK(name)
    if mark is None and not name.islower():
        mark = _MARK(name.lower())
    return mark or ""


def _resolve(state: tuple[int, tuple[int, ...]], run: str) -> tuple[tuple, str]:
    """One run of markers -> (list state after it, "\\n" or "\\n\\n", plus "• " for a bullet).

    `state` is (open <li> count, the count saved at each open list). A paragraph inside a bullet
    breaks one line, not two, so a list never splits into blank-line separated items.
    """
    in_li, lists = state
    level, bullet = 0, False
    for kind in run.replace(" ", "")[1::2]:
        if kind in "PUV":
            if kind == "U":
                lists = (*lists, in_li)
            elif kind == "V" and lists:
                in_li, lists, bullet = lists[-1], lists[:-1], False
            level = max(level, 1 if in_li else 2)
        elif kind == "I":
            level, in_li, bullet = max(level, 1), in_li + 1, True
        elif kind == "E":
            level, in_li, bullet = max(level, 1), max(in_li - 1, 0), False
        elif kind == "B":
            level = min(level + 1, 2)
        else:  # "L"
            level = max(level, 1)
    return (in_li, lists), ("\n\n" if level > 1 else "\n") + ("• " if bullet else "")


class _Breaks:
    """re.sub callback over marker runs, carrying the list state from run to run."""

    __slots__ = ("end", "state")

    def __init__(self, end: int):
        self.end = end
        self.state: tuple[int, tuple[int, ...]] = (0, ())

    def __call__(self, match: re.Match[str]) -> str:
        key = (self.state, match.group())
        hit = _RUN_CACHE.get(key)
        if hit is None:
            if len(_RUN_CACHE) > 4096:
                _RUN_CACHE.clear()
            hit = _RUN_CACHE[key] = _resolve(*key)
        self.state, brk = hit
        if match.end() >= self.end:
            return ""
        if match.start() == 0:
            return "• " if brk[-1] == " " else ""
        return brk


def _protect_pre(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2).replace("\n", _PRE_NEWLINE) + match.group(3)


def _collapse_spaces(s: str) -> str:
    """Every whitespace run to one space: str.replace beats a regex scan several times over."""
    for ch in "\r\n\t\xa0\f\v\x1c\x1d\x1e\x1f\x85\u2028\u2029\u202f\u3000":
        if ch in s:
            s = s.replace(ch, " ")
    while "  " in s:
        s = s.replace("    ", " ").replace("  ", " ")
    return s.strip(" ")


def html_to_text(markup: str | None) -> str:
    """Readable plain text from (possibly escaped, possibly truncated) HTML.

    Paragraphs and headings become blank-line separated blocks, `<li>` a line starting "• ",
    `<br>` a newline; script, style and svg are dropped. Forgiving of unclosed tags: nothing is
    parsed into a tree, each tag only marks a break (or nothing) where it stands.
    """
    if not markup:
        return ""
    s = unescape(markup)
    if "<" not in s:
        return clean_text(s.replace("\xa0", " "))
    cut = s.rfind("<")
    if cut > s.rfind(">") and _TRUNCATED_TAG.match(s, cut):
        s = s[:cut]  # a tag cut off mid-way would otherwise show up as text
    if _M in s:
        s = s.replace(_M, "")
    if _MUTED_START.search(s):
        s = _MUTED.sub("", s)
    if "<pre" in s or "<PRE" in s:
        s = _PRE.sub(_protect_pre, s)
    s = _collapse_spaces(_unescape_once(_TAG.sub(_tag, s)))
    if _M in s:
        s = _RUN.sub(_Breaks(len(s)), s)
    if " \n" in s or "\n " in s:
        s = s.replace(" \n", "\n").replace("\n ", "\n")
    if _PRE_NEWLINE in s:
        s = _BLANK_RUNS.sub("\n\n", _EDGE_SPACES.sub("\n", s.replace(_PRE_NEWLINE, "\n")))
    return s.strip()


# --- repairs for particular sources -----------------------------------------------------------

# UTF-8 read as Latin-1 or cp1252: a lead byte (Â..ô) then 1-3 continuation bytes, which
# show up as C1 controls, Latin-1 punctuation, or cp1252's € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
_CP1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = f"[\x80-\xbf{_CP1252}]"
_MOJIBAKE = re.compile(f"[\xc2-\xdf]{_CONT}|[\xe0-\xef]{_CONT}{{2}}|[\xf0-\xf4]{_CONT}{{3}}")
# Cheap substring tests first: real mojibake nearly always has one of these, clean text rarely.
_MOJIBAKE_HINTS = ("Ã", "Â", "â", "Å", "Ä", "Ð", "Ñ", "×", "Ø", "Ù", "ð")


def _to_bytes(chars: str) -> bytes:
    return b"".join(
        bytes([ord(c)]) if ord(c) < 256 else c.encode("cp1252", errors="strict") for c in chars
    )


def _fix_sequence(match: re.Match[str]) -> str:
    try:
        return _to_bytes(match.group()).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return match.group()


def repair_mojibake(s: str) -> str:
    """Undo UTF-8 that was decoded as Latin-1/cp1252 ("Youâ€™ll" -> "You’ll"), sequence by
    sequence, so correct text around it is left alone (Remote OK mixes both in one string).
    A lead character must be followed by the right number of continuation characters, so
    "SÃO PAULO" or "Ñandú" are left as they are."""
    if not s or s.isascii() or not any(hint in s for hint in _MOJIBAKE_HINTS):
        return s
    return _MOJIBAKE.sub(_fix_sequence, s)


_CANARY_START = "Please mention the word"
_CANARY_END = re.compile(r"they(?:'|’|&#39;|&rsquo;)re human\.?|</p>")
_BREAKS = ("<br>", "<br/>", "<br />")


def strip_canary(markup: str | None) -> str:
    """Drop Remote OK's anti-spam paragraph ("Please mention the word **X** and tag <base64 of
    the fetcher's IP>..."): noise to a reader, a false match for alerts, and our IP address."""
    if not markup:
        return ""
    start = markup.find(_CANARY_START)
    if start < 0:
        return markup
    end = _CANARY_END.search(markup, start)
    tail = "" if end is None else markup[end.end() if end.group() != "</p>" else end.start() :]
    head = markup[:start].rstrip()
    while head.lower().endswith(_BREAKS):
        head = head[: head.rfind("<")].rstrip()
    return head + tail


# --- page noise -------------------------------------------------------------------------------

# A line that starts what follows the posting on aggregator pages: other companies' jobs.
_TAIL_HEADINGS = re.compile(
    r"(?:similar|related|recommended|more|other) (?:jobs|positions|roles|openings|vacancies)"
    r"(?: (?:at|from|by|in|like this|you may like)(?: [^.!?]{0,40})?)?(?: \(\d+\))?"
    r"|(?:other|more) jobs (?:at|from|by) [^.!?]{1,40}|jobs you (?:may|might) (?:also )?like"
    r"|you (?:may|might) also like|people also (?:viewed|applied(?: for)?)",
    re.IGNORECASE,
)
# A short line of page chrome: apply buttons, paywalls, sharing, navigation.
_CHROME_LINES = re.compile(
    r"apply (?:now|here|for this (?:position|job|role))\b.*|.*\bad[- ]free\b.*"
    r"|.*\b(?:go|get|upgrade to|try|join) premium\b.*|(?:sign|log) ?in (?:to|for) .*"
    r"|(?:subscribe|register) to (?:see|view|read|unlock|apply).*|unlock (?:the )?full .*"
    r"|share (?:this )?(?:job|position|role|on)\b.*|report (?:this )?(?:job|listing)\b.*"
    r"|save (?:this )?job|back to (?:all )?jobs\b.*|skip to (?:main )?content|view all jobs\b.*"
    r"|(?:home|jobs|companies|remote jobs|post a job)(?: [|/›>·] .*)?",
    re.IGNORECASE,
)
_LANDMARKS = re.compile(
    r"<(nav|header|footer|aside|form|button|dialog)\b[^>]*>.*?(?:</\1\s*>|\Z)",
    re.S | re.IGNORECASE,
)
_INLINE_BULLET = re.compile(r"(?<=[^\s•])[ \t]*•[ \t]*")


def _drop_repeats(lines: list[str]) -> list[str]:
    """Drop a second copy of a run of lines (a page that renders its body twice, e.g. desktop and
    mobile). A run counts when it has 3+ lines and 200+ characters, so a repeated bullet stays;
    it is grown backwards over short lines (a title) that the two copies also share."""
    first: dict[str, int] = {}
    kept: list[int] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        j = first.get(line)
        if j is not None and len(line) >= 20:
            k = size = 0
            while i + k < n and j + k < i and lines[j + k] == lines[i + k]:
                size += len(lines[i + k])
                k += 1
            if k >= 3 and size >= 200:
                back = 1
                while (
                    kept
                    and kept[-1] == i - back >= j + k
                    and j - back >= 0
                    and lines[j - back] == lines[i - back]
                ):
                    kept.pop()
                    back += 1
                i += k
                continue
        first.setdefault(line, i)
        kept.append(i)
        i += 1
    return [lines[x] for x in kept]


def strip_page_noise(text: str) -> str:
    """The posting alone from a page's text: no "Similar Jobs" (or "Other jobs from X") list and
    what follows it, no apply/paywall/share/navigation lines, no second copy of the body; inline
    "•" bullets (Lever lists flattened by aggregators) put back on lines of their own."""
    if not text:
        return ""
    text = _INLINE_BULLET.sub("\n• ", text)
    lines: list[str] = []
    for line in text.split("\n"):
        bare = line.strip().rstrip(":")
        if bare and len(bare) <= 80 and _TAIL_HEADINGS.fullmatch(bare):
            break
        if bare and len(bare) <= 120 and _CHROME_LINES.fullmatch(bare):
            continue
        lines.append(line.strip())
    return clean_text("\n".join(_drop_repeats(lines)))


def page_text(markup: str | None) -> str:
    """Text of a posting's part of an HTML page (or a scraped description): landmarks such as
    nav, header, footer, aside and forms dropped, then `strip_page_noise`."""
    if not markup:
        return ""
    markup = unescape(markup)
    if "<" in markup:
        markup = _LANDMARKS.sub("", markup)
    return strip_page_noise(html_to_text(markup))


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

_TRACKING = frozenset({"gclid", "fbclid", "mc_cid", "mc_eid", "ref_src", "igshid", "_hsenc"})


def _is_tracking(param: str) -> bool:
    key = param.split("=", 1)[0].lower()
    return key.startswith("utm_") or key in _TRACKING


def canonical_url(url: str | None, base: str | None = None) -> str:
    """An absolute URL without its fragment or tracking parameters (utm_*, gclid, fbclid, mc_*).

    Other parameters are kept as they were (Greenhouse's `gh_jid` identifies the job)."""
    url = (url or "").strip()
    if base and not url.startswith(("https://", "http://")):
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
_NOT_KEY = re.compile(r"[^a-z0-9]")
_HYBRID_HINT = re.compile(r"\bhybrid\b")
_REMOTE_HINT = re.compile(r"\b(?:remote|anywhere|wfh|telecommute)\b")


def _key(value: object) -> str:
    return _NOT_KEY.sub("", str(value).lower())


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
        if "hybrid" in lowered and _HYBRID_HINT.search(lowered):
            return "hybrid"
        if _REMOTE_HINT.search(lowered):
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


# --- locations --------------------------------------------------------------------------------

_LOCATION_SEPARATORS = re.compile(r"\s*(?:;|\||•|\s/\s|\bor\b|,(?=\S))\s*")


def split_locations(value: str | None) -> tuple[str, ...]:
    """One free-text location field as a list: "Amsterdam, Netherlands; France" -> two places.

    Splits on ";", "|", "•", " / ", " or ", and on commas without a space after them
    ("UK,Brazil,Canada"), but not on ", " (it joins city and country: "Berlin, Germany")."""
    if not value:
        return ()
    parts = (clean(p) for p in _LOCATION_SEPARATORS.split(value))
    return tuple(dict.fromkeys(p for p in parts if p))


def locations(raw_locations: tuple[str, ...] | list[str], location: str) -> tuple[str, ...]:
    """The posting's places: the source's list (cleaned, deduplicated), else `location` split."""
    if raw_locations:
        cleaned = (clean(x) for x in raw_locations)
        return tuple(dict.fromkeys(x for x in cleaned if x))
    return split_locations(location)


# --- salary -----------------------------------------------------------------------------------

_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "R$": "BRL"}
_PERIODS = (
    ("hour", ("hour", "hr", "hourly", "perhourwage")),
    ("day", ("day", "daily", "perdiem")),
    ("week", ("week", "weekly", "wk")),
    ("month", ("month", "monthly", "mo", "mth")),
    ("year", ("year", "yearly", "annual", "annually", "yr", "y", "pa", "annum")),
)
_PERIOD_WORD = {word: name for name, words in _PERIODS for word in words}
_AMOUNT = re.compile(r"(\d+(?:[.,]\d{3})*(?:[.,]\d+)?)\s*([kKmM])?(?![\w.])")


def _amount(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        match = _AMOUNT.search(str(value).replace("\u202f", "").replace(" ", ""))
        if not match:
            return None
        number = _number(match.group(1), match.group(2))
    return number if math.isfinite(number) and number > 0 else None


def _number(digits: str, suffix: str | None) -> float:
    if "," in digits and "." in digits:
        digits = (
            digits.replace(",", "")
            if digits.rfind(".") > digits.rfind(",")
            else (digits.replace(".", "").replace(",", "."))
        )
    elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        digits = digits.replace(",", "").replace(".", "")  # thousands separators
    else:
        digits = digits.replace(",", ".")
    number = float(digits)
    if suffix:
        number *= 1000 if suffix in "kK" else 1_000_000
    return number


def currency(value: object) -> str | None:
    """ISO 4217 code, upper-case, from a code or a sign ("usd", "$", "€"); None if neither."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[value]
    return value.upper() if len(value) == 3 and value.isalpha() else None


def salary_period(value: object) -> str | None:
    """One of year, month, week, day, hour, from the many ways boards write it
    ("per-year-salary", "1 YEAR", "HOUR", "annual", "/hr"); None when unknown."""
    if not isinstance(value, str):
        return None
    key = _key(value.replace("per-", "").replace("per ", ""))
    key = key.lstrip("0123456789")
    if key in _PERIOD_WORD:
        return _PERIOD_WORD[key]
    for name, words in _PERIODS:
        if any(word in key for word in words if len(word) > 3):
            return name
    return None


def salary(
    low: object, high: object, cur: object = None, period: object = None
) -> tuple[float | None, float | None, str | None, str | None]:
    """(min, max, currency, period), each None when unknown. Zero or negative amounts are unknown
    (Remote OK sends 0); a lone bound stays alone; swapped bounds are put in order."""
    low_f, high_f = _amount(low), _amount(high)
    if low_f is None and high_f is None:
        return None, None, None, None
    if low_f is not None and high_f is not None and low_f > high_f:
        low_f, high_f = high_f, low_f
    return low_f, high_f, currency(cur), salary_period(period)


_SALARY_TEXT = re.compile(
    r"(?P<cur1>[A-Z]{3}|R\$|[$€£¥₹])?\s?(?P<low>\d[\d.,]*\s?[kKmM]?)"
    r"(?:\s?(?:-|–|—|to)\s?(?P<cur2>[A-Z]{3}|R\$|[$€£¥₹])?\s?(?P<high>\d[\d.,]*\s?[kKmM]?))?"
    r"\s?(?P<cur3>[A-Z]{3}|[€£])?"
    r"(?:\s?(?:/|per|an|a|p\.?)\s?(?P<period>hour|hr|h|day|week|wk|month|mo|year|yr|annum|y)\b)?",
)


def salary_from_text(
    text: str | None,
) -> tuple[float | None, float | None, str | None, str | None]:
    """Best-effort salary from free text: "$160k–$180k", "USD 55-55 / hour", "€60,000 - €75,000
    per year", "up to $185,500". Needs a currency next to the amount, so "5+ years" is no salary."""
    if not text:
        return None, None, None, None
    for match in _SALARY_TEXT.finditer(text):
        cur = match.group("cur1") or match.group("cur2") or match.group("cur3")
        if not cur:
            continue
        period = match.group("period")
        if period == "h":
            period = "hour"
        low, high = match.group("low"), match.group("high")
        if high and high[-1] in "kKmM" and low[-1] not in "kKmM":
            low += high[-1]  # "90-110K": the suffix counts for both
        if not high and re.search(r"up to\s*$", text[: match.start()], re.IGNORECASE):
            low, high = None, low
        return salary(low, high, cur, period)
    return None, None, None, None


# --- the record -------------------------------------------------------------------------------


def content_hash(title: str, company: str, location: str, description: str) -> str:
    """sha256 of what a reader sees; dates are left out so a bumped `updated_at` is no edit."""
    joined = "\x1f".join((title, company, location, description))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def posting(raw: RawPosting, board: BoardInfo) -> Posting:
    """The normalised `Posting` for one raw posting of `board`."""
    title = clean(repair_mojibake(raw.title))
    company = clean(repair_mojibake(raw.company)) or clean(board.company) or clean(board.name)
    location = clean(repair_mojibake(raw.location))
    places = locations(raw.locations, location)
    if not location:
        location = ("; " if any("," in p for p in places) else ", ").join(places)
    if raw.description_html:
        description = html_to_text(repair_mojibake(raw.description_html))
    else:
        description = clean_text(repair_mojibake(raw.description_text))
    apply_url = canonical_url(raw.apply_url, board.url) if raw.apply_url else None
    low, high, cur, period = salary(
        raw.salary_min, raw.salary_max, raw.salary_currency, raw.salary_period
    )
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
        workplace=workplace(raw.workplace, raw.remote, " / ".join((location, *places))),
        employment_type=employment_type(raw.employment_type),
        apply_url=apply_url,
        content_hash=content_hash(title, company, location, description),
        locations=places,
        department=clean(raw.department) or None,
        salary_min=low,
        salary_max=high,
        salary_currency=cur,
        salary_period=period,
        partial=raw.partial,
    )
