"""Plain-text tidying and HTML entity decoding."""

from __future__ import annotations

import html
import re


def clean(s: object) -> str:
    """Trim and collapse every run of whitespace (including \\xa0) to one space."""
    if s is None:
        return ""
    return " ".join(str(s).split())


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def field(s: object) -> str:
    """A one-line field (title, company, place) as text: `clean`, with HTML entities decoded,
    twice at most: JSON-LD and feeds often escape them ("R&amp;D", "Caf&eacute;"), which would
    show as such and would not match an alert for r&d."""
    text = clean(s)
    for _ in range(2):
        if "&" not in text or not _ENTITY.search(text):
            break
        text = clean(html.unescape(text))
    return text


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


_COMMON = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"))


def _unescape_once(s: str) -> str:
    """`html.unescape(s)`; when every "&" starts one of the entities escaped markup is made of
    (a Greenhouse description has hundreds), by `str.replace` ("&amp;" last, so "&amp;lt;"
    decodes once), for html.unescape calls back into Python for each one."""
    common = sum(s.count(entity) for entity, _ in _COMMON) + s.count("&amp;")
    if common != s.count("&"):
        return html.unescape(s)
    for entity, char in _COMMON:
        s = s.replace(entity, char)
    return s.replace("&amp;", "&")


def unescape(s: str, rounds: int = 3) -> str:
    """Undo whole-document entity escaping: unescape until tags show or nothing changes.

    Greenhouse escapes its HTML once, sometimes twice (`&amp;amp;lt;p&amp;amp;gt;`). Once real
    tags appear, entities left in the text are decoded exactly once, by the HTML parser, so
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
