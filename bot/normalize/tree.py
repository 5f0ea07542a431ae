"""HTML into a lexbor tree (selectolax) in time linear in its size, whatever the markup.

lexbor is a real HTML5 parser in C: unclosed tags, stray quotes, unterminated comments and
scripts, truncated input all cost what ordinary markup costs. One thing does not: the HTML5
tree builder scans the stack of open elements for many tags (`<div>` closes a `<p>` "in button
scope", an unknown end tag looks for its start), so markup nested thousands deep costs the
square of its depth (16,000 nested `<div>` take half a second, a megabyte of them minutes).
Browsers cap the depth for that reason; `shallow` does the same before parsing, and only for
markup with enough tags to be slow at all.

Callers cut their input, not refuse it, at `MAX_PAGE` (a page) or `MAX_DESCRIPTION` (one
posting's description), and `note_cut` logs that once per board.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from selectolax.lexbor import LexborHTMLParser

log = logging.getLogger(__name__)

MAX_PAGE = 5_000_000  # characters of one HTML page
MAX_DESCRIPTION = 100_000  # characters of one posting's description (markup or text)
MAX_DEPTH = 256  # elements open at once (libxml2's limit; browsers cap depth too)
# Below this many "<", even the worst nesting parses in milliseconds: no need to look.
_FEW_TAGS = 3000
_TAG = re.compile(r"<(/?[A-Za-z][^\s/>]*)")
# Elements that never stay open (void), or close their open sibling (p, li, a...): no depth.
_FLAT = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "basefont", "bgsound", "frame", "image", "a", "p", "li", "dt", "dd",
    "option", "optgroup", "tr", "td", "th", "rt", "rp", "thead", "tbody", "tfoot", "colgroup",
))  # fmt: skip
_logged: set[str] = set()


def note_cut(board: str, what: str, size: int, limit: int) -> None:
    """Log that a `what` of `board` was cut, the first time only (not once per posting)."""
    key = f"{board}\x1f{what}"
    if key in _logged:
        return
    if len(_logged) < 10_000:
        _logged.add(key)
    log.warning("%s: a %s of %d characters was cut to %d", board, what, size, limit)


def shallow(markup: str) -> str:
    """`markup` with every start tag that would open an element deeper than `MAX_DEPTH`
    renamed to `<wbr` (void: it opens nothing), its text kept. The depth is a count of
    start tags less the end tags that close an element of their name; elements that never
    nest (void ones, `<p>`, `<li>`, cells) are left out. Markup with few tags, or few that
    nest, is returned as it is without a loop over its tags."""
    if markup.count("<") < _FEW_TAGS:
        return markup
    starts = Counter(_TAG.findall(markup))  # counted in C: most pages stop here
    if sum(n for name, n in starts.items() if name[0] != "/" and name.lower() not in _FLAT) <= (
        MAX_DEPTH
    ):
        return markup
    parts = _TAG.split(markup)  # text, tag name (with "/" for an end tag), text, ...
    open_by_name: dict[str, int] = {}
    depth = 0
    deep = False
    for i in range(1, len(parts), 2):
        name = parts[i].lower()
        if name[0] == "/":
            name = name[1:]
            if open_by_name.get(name):
                open_by_name[name] -= 1
                depth -= 1
        elif name not in _FLAT:
            if depth < MAX_DEPTH:
                open_by_name[name] = open_by_name.get(name, 0) + 1
                depth += 1
            else:
                parts[i] = "wbr"
                deep = True
    if not deep:
        return markup
    parts[1::2] = ["<" + name for name in parts[1::2]]
    return "".join(parts)


def utf8(markup: str) -> bytes:
    """`markup` as the UTF-8 that lexbor reads. Lone surrogates, which UTF-8 cannot carry, are
    dropped, as selectolax drops them from the text it is given."""
    return markup.encode("utf-8", errors="ignore")


def parse(markup: str) -> LexborHTMLParser:
    """The lexbor tree of `markup`, made `shallow` first where it has enough tags to need it
    (counted in its UTF-8, which is encoded once, here)."""
    data = utf8(markup)
    if data.count(b"<") >= _FEW_TAGS:
        data = utf8(shallow(markup))
    return LexborHTMLParser(data)


def text_of(data: bytes) -> str:
    """The text of the UTF-8 markup `data`, which has no tags (nothing to make `shallow`): its
    character references decoded, as an HTML parser decodes them."""
    return LexborHTMLParser(data).text()
