"""Plain-text tidying and HTML entity decoding."""

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
