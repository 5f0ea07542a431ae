"""Turn a source's `RawPosting` into a clean `Posting`: text, URL, date, workplace, salary, hash.

Every function here is pure and total: junk input gives an empty or None value, never an error,
because one odd posting must not stop a whole board from being read. `posting()` runs once per
posting per poll, so the hot paths (`html_to_text` above all) use C-level string methods and
regexes, on UTF-8 bytes where that halves their cost, split-and-map rather than a Python callback
per match, and no per-character Python. Each fast path is exact: it gives what the plain rules
would (tests/test_normalize.py holds the behaviour).
"""

from __future__ import annotations

import dataclasses
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


# HTML to text works on UTF-8 bytes: the regex engine runs about twice as fast on one-byte units
# as on the two-byte string one "’" or "•" makes of a whole description, and every pattern below
# is ASCII, so it matches exactly where its str twin would. Lone surrogates (JSON may carry
# them) survive the round trip through "surrogatepass".
_ENC = "surrogatepass"

_FAST_ENTITIES = {
    "lt": "<", "gt": ">", "quot": '"', "#39": "'", "#x27": "'", "nbsp": "\xa0", "#xa0": "\xa0",
    "rsquo": "\u2019", "#x2F": "/",
}  # fmt: skip
_FAST_ENTITIES_B = tuple(
    (f"&{name};".encode(), char.encode()) for name, char in _FAST_ENTITIES.items()
)
# An entity's name (what follows "&", up to ";") -> its UTF-8; "amp" last of all, see below.
_ENTITY_NAMES = {name.encode(): char.encode() for name, char in _FAST_ENTITIES.items()}
_ENTITY_NAMES[b"amp"] = b"&"
_ENTITY_START = re.compile(rb"&[#A-Za-z]")  # what html.unescape could decode ("& " it can't)
_MANY_ENTITIES = 24  # more than this, and the commonest are replaced in bulk first


def _unescape_full(s: bytes) -> bytes:
    """`html.unescape` on UTF-8, after replacing the entities boards actually send in bulk."""
    fast = s
    for entity, char in _FAST_ENTITIES_B:
        if entity in fast:
            fast = fast.replace(entity, char)
    if fast.count(b"&") != fast.count(b"&amp;") and _ENTITY_START.search(
        fast.replace(b"&amp;", b"")
    ):
        return html.unescape(s.decode("utf-8", _ENC)).encode("utf-8", _ENC)  # the full rules
    return fast.replace(b"&amp;", b"&")  # last, so "&amp;lt;" decodes once, to "&lt;"


def _unescape_once(s: bytes) -> bytes:
    """`html.unescape` on UTF-8. When every "&" starts one of a handful of entities (or is a
    bare "&" before a space or the like), each is decoded where it stands; any other entity
    takes `_unescape_full`, which gives the same answer the slow way."""
    if b"&" not in s:
        return s
    pieces = s.split(b"&")
    if len(pieces) > _MANY_ENTITIES:  # escaped markup: "&lt;" and friends by the hundred
        bulk = s.replace(b"&lt;", b"<").replace(b"&gt;", b">").replace(b"&quot;", b'"')
        bulk = bulk.replace(b"&#39;", b"'")
        if bulk.count(b"&") == bulk.count(b"&amp;"):  # every "&" left starts "&amp;"
            return bulk.replace(b"&amp;", b"&")  # last, so "&amp;lt;" decodes once
        pieces = bulk.split(b"&")
    out = [pieces[0]]
    for piece in pieces[1:]:
        end = piece.find(b";", 0, 6)
        if end > 0:
            char = _ENTITY_NAMES.get(piece[:end])
            if char is None:
                return _unescape_full(s)
            out.append(char)
            out.append(piece[end + 1 :])
        elif not piece or piece[:1].isalpha() or piece[:1] == b"#":
            return _unescape_full(s)  # another entity, one without ";", or "&&"
        else:
            out.append(b"&")
            out.append(piece)
    return b"".join(out)


def _unescape_rounds(s: bytes, rounds: int = 3) -> bytes:
    for _ in range(rounds):
        if b"&" not in s or b"<" in s:
            break
        unescaped = _unescape_once(s)
        if unescaped == s:
            break
        s = unescaped
    return s


def unescape(s: str, rounds: int = 3) -> str:
    """Undo whole-document entity escaping: unescape until tags show or nothing changes.

    Greenhouse escapes its HTML once, sometimes twice (`&amp;amp;lt;p&amp;amp;gt;`). Once real
    tags appear, entities left in the text are decoded exactly once, with the tags gone, so
    "&amp;lt;" in escaped text still reads "&lt;" and not a tag.
    """
    if "&" not in s or "<" in s:
        return s
    return _unescape_rounds(s.encode("utf-8", _ENC), rounds).decode("utf-8", _ENC)


# Tags become one-character break markers (or nothing) in one split, whitespace collapses, then
# each run of markers becomes "\n", "\n\n" and/or "• ".
_M = b"\x00"  # marker prefix; NULs in the input are dropped first
_LINE, _PARA, _LI, _BR, _END_LI, _LIST, _END_LIST = (_M + bytes([c]) for c in b"LPIBEUV")
_BLOCK_TAGS = (
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
    "pre", "table", "form", "fieldset", "figure", "dl", "address", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr",
)  # fmt: skip
_MARKS: dict[str, bytes] = {}
for _tag_name in _BLOCK_TAGS:
    _MARKS[_tag_name] = _MARKS["/" + _tag_name] = _PARA
for _tag_name in ("tr", "dt", "dd", "figcaption", "caption"):
    _MARKS[_tag_name] = _MARKS["/" + _tag_name] = _LINE
_MARKS.update(
    {"li": _LI, "/li": _END_LI, "ul": _LIST, "ol": _LIST, "/ul": _END_LIST, "/ol": _END_LIST}
)
_MARKS.update({"br": _BR, "td": b" ", "th": b" "})


class _TagMarks(dict):
    """Tag name (bytes, from the split; None for a comment) -> its marker, learnt as met."""

    def __missing__(self, name: bytes | None) -> bytes:
        if name is None:
            return b""
        text = name.decode("ascii")
        mark = _MARKS.get(text) or _MARKS.get(text.lower(), b"")
        if len(self) < 4096:  # tag names come from the wild: keep the table bounded
            self[name] = mark
        return mark


_TAG_MARKS = _TagMarks({None: b"", **{k.encode(): v for k, v in _MARKS.items()}})
_TAG = re.compile(
    rb"<(/?[A-Za-z][A-Za-z0-9]*)(?:[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*|[^>]*)>"
    rb"|<!--.*?(?:-->|\Z)|<[!?][^>]*>",
    re.S,
)  # a quoted ">" stays inside its attribute; an unbalanced quote falls back to the next ">"
_MUTED = re.compile(
    r"<(script|style|noscript|template|svg)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.IGNORECASE
)
_MUTED_START = re.compile(r"<(?:script|style|noscript|template|svg)\b", re.IGNORECASE)


# Bytes that may hold a `_MUTED_START` or a "<pre", which are then looked for in the text.
# re.IGNORECASE folds "ſ" to "s" and "İ", "ı" to "i" in str patterns; in bytes, ASCII only.
_S, _I = b"(?:s|\xc5\xbf)", b"(?:i|\xc4[\xb0\xb1])"
_MUTED_HINT = re.compile(
    b"<(?:" + _S + b"(?:cr" + _I + b"pt|tyle|vg)|no" + _S + b"cr" + _I + b"pt|template|pre)", re.I
)
_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre\s*>|\Z)", re.S | re.IGNORECASE)
_PRE_NEWLINE = "\ue000"  # a newline inside <pre>, kept out of whitespace collapsing
_PRE_NEWLINE_B = _PRE_NEWLINE.encode()
_RUN = re.compile(b"(\x00[A-Z](?: ?\x00[A-Z])* ?)")
_TRUNCATED_TAG = re.compile(rb"</?[A-Za-z!]")
_State = tuple[int, tuple[int, ...]]  # (open <li> count, the count saved at each open list)
_BULLET = "• ".encode()
# Every whitespace character to a space: one-byte ones with translate, the rest one by one.
_SPACE_BYTES = bytes.maketrans(b"\r\n\t\f\v\x1c\x1d\x1e\x1f", b" " * 9)
# "\xa0", "\x85" (C2 ..), "\u2028", "\u2029", "\u202f" (E2 80 ..), "\u3000" (E3 80 80)
_WIDE_C2 = re.compile(b"\xc2[\xa0\x85]")
_WIDE_E2 = re.compile(b"\xe2\x80[\xa8\xa9\xaf]")
_SPACE_RUNS = re.compile(b"  +")
_EDGE_SPACES_B = re.compile(b" *\n *")
_BLANK_RUNS_B = re.compile(b"\n{3,}")


def _resolve(state: _State, run: bytes) -> tuple[_State, bytes]:
    """One run of markers -> (list state after it, "\\n" or "\\n\\n", plus "• " for a bullet).

    `state` is (open <li> count, the count saved at each open list). A paragraph inside a bullet
    breaks one line, not two, so a list never splits into blank-line separated items.
    """
    in_li, lists = state
    level, bullet = 0, False
    for kind in run.replace(b" ", b"")[1::2].decode("ascii"):
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
    return (in_li, lists), (b"\n\n" if level > 1 else b"\n") + (_BULLET if bullet else b"")


class _Runs:
    """`_resolve`, learnt: list states are numbered, and for each state a table maps a run to
    (the next state's number, its break), so a run costs one dict lookup."""

    LIMIT = 4096  # runs learnt before starting afresh (input is from the wild)

    def __init__(self) -> None:
        self.states: list[_State] = [(0, ())]
        self.numbers: dict[_State, int] = {(0, ()): 0}
        self.tables: list[dict[bytes, tuple[int, bytes]]] = [{}]
        self.learnt = 0

    def learn(self, number: int, run: bytes) -> tuple[int, bytes]:
        state, brk = _resolve(self.states[number], run)
        following = self.numbers.get(state)
        if following is None:
            following = self.numbers[state] = len(self.states)
            self.states.append(state)
            self.tables.append({})
        self.learnt += 1
        hit = self.tables[number][run] = (following, brk)
        return hit


_RUNS = _Runs()


def _runs() -> _Runs:
    """The run table, a fresh one once it has learnt `LIMIT` runs (a caller keeps the one it
    got, so the numbers it holds stay valid)."""
    global _RUNS
    if _RUNS.learnt > _Runs.LIMIT:
        _RUNS = _Runs()
    return _RUNS


def _breaks(s: bytes) -> bytes:
    """Each run of markers to its break, carrying the list state from run to run; a run at the
    very end gives nothing, one at the start only its bullet. No space is left before a break
    (a run takes the space after it, and spaces are single by now)."""
    runs = _runs()
    tables, learn = runs.tables, runs.learn
    parts = _RUN.split(s)  # text, run, text, run, ..., text
    number = 0
    for i in range(1, len(parts), 2):
        hit = tables[number].get(parts[i])
        if hit is None:
            hit = learn(number, parts[i])
        number, parts[i] = hit
        if parts[i - 1].endswith(b" "):
            parts[i - 1] = parts[i - 1][:-1]
    if not parts[-1]:
        parts[-2] = b""
    if not parts[0] and len(parts) > 2 and parts[1]:
        parts[1] = _BULLET if parts[1].endswith(b" ") else b""
    return b"".join(parts)


def _protect_pre(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2).replace("\n", _PRE_NEWLINE) + match.group(3)


def _collapse_spaces(s: bytes) -> bytes:
    """Every whitespace run to one space, the ends stripped of spaces."""
    s = s.translate(_SPACE_BYTES)
    if b"\xc2" in s:  # a one-byte search is a memchr: far cheaper than looking for each space
        s = _WIDE_C2.sub(b" ", s)
    if b"\xe2" in s:
        s = _WIDE_E2.sub(b" ", s)
    if b"\xe3" in s:
        s = s.replace(b"\xe3\x80\x80", b" ")
    if b"  " in s:
        s = _SPACE_RUNS.sub(b" ", s)
    return s.strip(b" ")


def html_to_text(markup: str | None) -> str:
    """Readable plain text from (possibly escaped, possibly truncated) HTML.

    Paragraphs and headings become blank-line separated blocks, `<li>` a line starting "• ",
    `<br>` a newline; script, style and svg are dropped. Forgiving of unclosed tags: nothing is
    parsed into a tree, each tag only marks a break (or nothing) where it stands.
    """
    return _html_text(markup)[0]


def _html_text(markup: str | None) -> tuple[str, bytes | None]:
    """`html_to_text`, and the text's UTF-8 when it is at hand (for the content hash)."""
    if not markup:
        return "", None
    s = markup.encode("utf-8", _ENC)
    if b"&" in s and b"<" not in s:
        s = _unescape_rounds(s)
    if b"<" not in s:
        return clean_text(s.decode("utf-8", _ENC).replace("\xa0", " ")), None
    cut = s.rfind(b"<")
    if cut > s.rfind(b">") and _TRUNCATED_TAG.match(s, cut):
        s = s[:cut]  # a tag cut off mid-way would otherwise show up as text
    if _M in s:
        s = s.replace(_M, b"")
    if _MUTED_HINT.search(s):
        s = _muted_and_pre(s)
    parts = _TAG.split(s)
    parts[1::2] = map(_TAG_MARKS.__getitem__, parts[1::2])
    s = _collapse_spaces(_unescape_once(b"".join(parts)))
    if _M in s:
        s = _breaks(s)
    if b"\xee" in s and _PRE_NEWLINE_B in s:
        s = _BLANK_RUNS_B.sub(b"\n\n", _EDGE_SPACES_B.sub(b"\n", s.replace(_PRE_NEWLINE_B, b"\n")))
    text = s.decode("utf-8", _ENC)
    stripped = text.strip()
    # The bytes are the text's UTF-8 unless strip() took something, or there are surrogates
    # (ED A0..BF; a strict encode would refuse them, and the hash must fail as it did).
    same = len(stripped) == len(text) and b"\xed" not in s
    return stripped, s if same else None


def _muted_and_pre(s: bytes) -> bytes:
    """Script, style and the like dropped, newlines inside <pre> protected (on text: these
    patterns fold case the Unicode way)."""
    text = s.decode("utf-8", _ENC)
    if _MUTED_START.search(text):
        text = _MUTED.sub("", text)
    if "<pre" in text or "<PRE" in text:
        text = _PRE.sub(_protect_pre, text)
    return text.encode("utf-8", _ENC)


# --- repairs for particular sources -----------------------------------------------------------

# UTF-8 read as Latin-1 or cp1252: a lead byte (Â..ô) then 1-3 continuation bytes, which
# show up as C1 controls, Latin-1 punctuation, or cp1252's € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
_CP1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = f"[\x80-\xbf{_CP1252}]"
# One lead class first (then a look back at which lead it was): the regex engine scans for a
# leading class quickly, but tries an alternation at every position.
_MOJIBAKE = re.compile(
    f"[\xc2-\xf4](?:(?<=[\xc2-\xdf]){_CONT}|(?<=[\xe0-\xef]){_CONT}{{2}}"
    f"|(?<=[\xf0-\xf4]){_CONT}{{3}})"
)
# Cheap substring tests first: real mojibake nearly always has one of these, clean text rarely.
_MOJIBAKE_HINTS = ("Ã", "Â", "â", "Å", "Ä", "Ð", "Ñ", "×", "Ø", "Ù", "ð")


def _to_bytes(chars: str) -> bytes:
    return b"".join(
        bytes([ord(c)]) if ord(c) < 256 else c.encode("cp1252", errors="strict") for c in chars
    )


def _fixed(chars: str) -> str:
    try:
        return _to_bytes(chars).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return chars


class _Fixes(dict):
    """Mojibake sequence -> the text it should have been, learnt as met (a few hundred)."""

    def __missing__(self, chars: str) -> str:
        fixed = _fixed(chars)
        if len(self) < 4096:
            self[chars] = fixed
        return fixed


_FIXES = _Fixes()
_MOJIBAKE_SPLIT = re.compile(f"({_MOJIBAKE.pattern})")


def repair_mojibake(s: str) -> str:
    """Undo UTF-8 that was decoded as Latin-1/cp1252 ("Youâ€™ll" -> "You’ll"), sequence by
    sequence, so correct text around it is left alone (Remote OK mixes both in one string).
    A lead character must be followed by the right number of continuation characters, so
    "SÃO PAULO" or "Ñandú" are left as they are."""
    if not s or s.isascii() or not any(hint in s for hint in _MOJIBAKE_HINTS):
        return s
    parts = _MOJIBAKE_SPLIT.split(s)  # text, sequence, text, ..., text
    if len(parts) == 1:
        return s
    parts[1::2] = map(_FIXES.__getitem__, parts[1::2])
    return "".join(parts)


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
    while head[-8:].lower().endswith(_BREAKS):  # the tail only: lowering all of it is slow
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


_URL_ODD = re.compile(r"[^ -~]|[#\[\]]")  # what urlsplit strips, rejects or splits off


def _canonical_already(url: str) -> bool:
    """Whether `canonical_url` would give an absolute http(s) URL back as it is: plain ASCII,
    no fragment, a lower-case host, and a non-empty query without tracking parameters."""
    if _URL_ODD.search(url):
        return False
    start = url.find("//") + 2
    query_at = url.find("?", start)
    path_at = url.find("/", start, None if query_at < 0 else query_at)
    host = url[start : path_at if path_at >= 0 else query_at if query_at >= 0 else len(url)]
    if not host or host.lower() != host:
        return False
    if query_at < 0:
        return True
    params = url[query_at + 1 :].split("&")
    return all(p and not _is_tracking(p) for p in params)


def canonical_url(url: str | None, base: str | None = None) -> str:
    """An absolute URL without its fragment or tracking parameters (utm_*, gclid, fbclid, mc_*).

    Other parameters are kept as they were (Greenhouse's `gh_jid` identifies the job)."""
    url = (url or "").strip()
    if url.startswith(("https://", "http://")):
        if _canonical_already(url):
            return url
    elif base:
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


def _content_hash(
    title: str, company: str, location: str, description: str, utf8: bytes | None
) -> str:
    """`content_hash`, with the description's UTF-8 when it is already at hand."""
    if utf8 is None:
        return content_hash(title, company, location, description)
    digest = hashlib.sha256("\x1f".join((title, company, location, "")).encode("utf-8"))
    digest.update(utf8)
    return digest.hexdigest()


def posting(raw: RawPosting, board: BoardInfo) -> Posting:
    """The normalised `Posting` for one raw posting of `board`."""
    try:
        return _posting(raw, board)
    except UnicodeEncodeError:  # lone surrogates (JSON "\ud800"): SQLite and hashes refuse them
        return _posting(_scrub(raw), board)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(raw: RawPosting) -> RawPosting:
    """`raw` with every lone surrogate in its text replaced by U+FFFD."""

    def fix(value: object) -> object:
        if isinstance(value, str):
            return _SURROGATE.sub("\ufffd", value)
        if isinstance(value, tuple):
            return tuple(fix(v) for v in value)
        return value

    return dataclasses.replace(
        raw, **{f.name: fix(getattr(raw, f.name)) for f in dataclasses.fields(raw)}
    )


def _posting(raw: RawPosting, board: BoardInfo) -> Posting:
    title = clean(repair_mojibake(raw.title))
    company = clean(repair_mojibake(raw.company)) or clean(board.company) or clean(board.name)
    location = clean(repair_mojibake(raw.location))
    places = locations(raw.locations, location)
    if not location:
        location = ("; " if any("," in p for p in places) else ", ").join(places)
    if raw.description_html:
        description, utf8 = _html_text(repair_mojibake(raw.description_html))
    else:
        description, utf8 = clean_text(repair_mojibake(raw.description_text)), None
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
        content_hash=_content_hash(title, company, location, description, utf8),
        locations=places,
        department=clean(raw.department) or None,
        salary_min=low,
        salary_max=high,
        salary_currency=cur,
        salary_period=period,
        partial=raw.partial,
    )
