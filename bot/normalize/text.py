"""Plain-text tidying and HTML entity decoding, on UTF-8 bytes where that is faster."""

from __future__ import annotations

import html
import re


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
