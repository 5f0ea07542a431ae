"""HTML (possibly escaped, possibly truncated) to readable plain text, on UTF-8 bytes.

Tags become one-character break markers (or nothing) in one split, whitespace collapses,
then each run of markers becomes a line break, a blank line and/or a bullet.
"""

from __future__ import annotations

import re
import threading

from bot.normalize.text import _ENC, _unescape_once, _unescape_rounds, clean_text

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
        self.lock = threading.Lock()

    def learn(self, number: int, run: bytes) -> tuple[int, bytes]:
        with self.lock:  # rare (new runs only), and numbering must not race between threads
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
