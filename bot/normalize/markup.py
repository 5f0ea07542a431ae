"""HTML (possibly escaped, possibly truncated) to readable plain text, through lexbor.

The markup is parsed into a tree by a real HTML5 parser (`tree.parse`: linear time on any
input). Script, style and the like are cut out of the tree, each block element gets a mark
(a short text node) before and after it, and lexbor collects all the text in C: no Python
visit of every node. The marks between two words then give one break, worked out from the
whole run of them: a line, a blank line and/or a bullet.
"""

from __future__ import annotations

import functools
import re

from selectolax.lexbor import LexborNode

from bot.normalize import tree
from bot.normalize.text import clean_text, unescape

# A mark is NUL and a letter: the HTML parser drops or replaces every NUL of its input, so
# none can come from the markup. "P" a paragraph, "L" a line, "I"/"E" a list item's
# start/end, "U"/"V" a list's start/end, "B" a <br>; "R"/"Q" a <pre>'s start/end.
_BLOCK_TAGS = (
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
    "table", "form", "fieldset", "figure", "dl", "address", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr",
)  # fmt: skip
_MARKS: dict[str, tuple[str, str]] = dict.fromkeys(_BLOCK_TAGS, ("\0P", "\0P"))
_MARKS.update(dict.fromkeys(("tr", "dt", "dd", "figcaption", "caption"), ("\0L", "\0L")))
_MARKS.update(dict.fromkeys(("ul", "ol"), ("\0U", "\0V")))
_MARKS.update({"li": ("\0I", "\0E"), "pre": ("\0P\0R", "\0Q\0P")})
_MARKS.update({"br": ("\0B", ""), "td": (" ", ""), "th": (" ", "")})  # void, or no end mark
_UNMARKED = (b"", b"")  # (as bytes, see `_actions`)
_MUTED = ("script", "style", "noscript", "template", "svg")  # comments never reach the text
_PRE = re.compile("\0([RQ])")
_BULLET = "• "
_PRE_NEWLINE = "\ue000"  # a newline inside <pre>, kept out of whitespace collapsing
_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_RUNS = re.compile(r"\n{3,}")
# A run of marks (maybe with whitespace between them), less its first NUL.
_RUN = re.compile(r"\0([A-Z](?:\s*\0[A-Z])*)")
_State = tuple[int, tuple[int, ...]]  # (open <li> count, the count saved at each open list)


def _resolve(state: _State, run: str) -> tuple[_State, str]:
    """One run of marks (their letters, and the NULs and whitespace between them) -> (list
    state after it, "\\n" or "\\n\\n", plus "• " for a bullet).

    A paragraph inside a bullet breaks one line, not two, so a list never splits into
    blank-line separated items.
    """
    in_li, lists = state
    level, bullet = 0, False
    for kind in run:
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
        elif kind == "L":
            level = max(level, 1)
    return (in_li, lists), ("\n\n" if level > 1 else "\n") + (_BULLET if bullet else "")


_resolve_cached = functools.lru_cache(maxsize=4096)(_resolve)
_LONG_RUN = 64  # characters: a longer run (hostile markup) is worked out, not cached


def _keep_pre_lines(text: str) -> str:
    """`text` with the newlines inside <pre> turned into `_PRE_NEWLINE`, its marks removed."""
    parts = _PRE.split(text)  # text, "R" or "Q", text, ...
    depth = 0
    for i in range(1, len(parts), 2):
        depth = depth + 1 if parts[i] == "R" else max(depth - 1, 0)
        parts[i] = ""
        if depth:
            parts[i + 1] = parts[i + 1].replace("\n", _PRE_NEWLINE)
    return "".join(parts)


def _words(text: str) -> str:
    """`text` with each run of whitespace made one space, and none at its ends."""
    if text.isprintable() and "  " not in text:  # no whitespace but single spaces: most text
        return text.strip(" ")
    return " ".join(text.split())


def marked_text(text: str) -> str:
    """Readable text from the marked text of a tree: words joined by one space, and the run
    of marks between two words turned into its break. (A private-use U+E000 of the markup
    itself is dropped where a <pre> needs it as its stand-in, and kept elsewhere.)"""
    pre = "\0R" in text
    if pre:
        text = _keep_pre_lines(text.replace(_PRE_NEWLINE, ""))
    parts = _RUN.split(text)  # words, a run of marks, words, ..., words (split in C)
    parts[::2] = map(_words, parts[::2])
    state: _State = (0, ())
    for i in range(1, len(parts), 2):
        run = parts[i]
        state, parts[i] = (_resolve_cached if len(run) < _LONG_RUN else _resolve)(state, run)
    if len(parts) > 1:
        if not parts[0]:  # a run at the start gives only its bullet
            parts[1] = _BULLET if parts[1].endswith(_BULLET) else ""
        if not parts[-1]:  # and one at the end nothing
            parts[-2] = ""
    text = "".join(parts)
    if pre and _PRE_NEWLINE in text:
        text = text.replace(_PRE_NEWLINE, "\n")
        text = _BLANK_RUNS.sub("\n\n", _EDGE_SPACES.sub("\n", text))
    return text.strip()


@functools.lru_cache(maxsize=64)
def _actions(drop: tuple[str, ...]) -> dict[str | None, tuple[bytes, bytes] | None]:
    """Tag -> the marks to put before and after its element (UTF-8, as lexbor takes text), or
    None to cut it out."""
    actions: dict[str | None, tuple[bytes, bytes] | None] = {
        tag: (start.encode(), end.encode()) for tag, (start, end) in _MARKS.items()
    }
    actions.update(dict.fromkeys((*_MUTED, *drop)))
    return actions


def tree_text(root: LexborNode, drop: tuple[str, ...] = ()) -> str:
    """The text under `root`, script, style and the elements named in `drop` (and their
    content) left out. The tree is changed: it is of no further use.

    One walk over the elements (not the text) in C; Python sees each element once, and
    lexbor collects the text."""
    actions = _actions(drop)
    cut: list[LexborNode] = []
    for node in root.traverse():
        marks = actions.get(node.tag, _UNMARKED)
        if marks is None:
            cut.append(node)
            continue
        start, end = marks
        if start:
            node.insert_before(start)
        if end:
            node.insert_after(end)
    for node in cut:
        node.decompose()
    return marked_text(root.text())


def _decoded(text: str) -> str:
    """`unescape(text)`, by lexbor in C where it gives the same: text without tags parses to
    one text node, its entities decoded (html.unescape calls back into Python for each of
    the hundreds in an escaped Greenhouse description). Numeric references other than
    "&#39;" are left to `unescape` (it drops the control characters they may name), and so
    is text with NUL in it (lexbor drops it, and "&lt;\\0p" must not become a tag): looked for
    in the UTF-8 that lexbor reads, where memchr finds it quickly."""
    for _ in range(3):
        if "<" in text or "&" not in text:  # decoded markup shows a tag in its first bytes
            break
        data = tree.utf8(text)
        if text.count("&#") != text.count("&#39;") or b"\0" in data:
            return unescape(text)
        decoded = tree.text_of(data)
        if decoded == text:
            break
        text = decoded
    return text


def html_to_text(markup: str | None, drop: tuple[str, ...] = ()) -> str:
    """Readable plain text from (possibly escaped, possibly truncated) HTML.

    Paragraphs and headings become blank-line separated blocks, `<li>` a line starting "• ",
    `<br>` a newline, `<pre>` keeps its lines; script, style and svg are dropped, and so are
    the elements named in `drop` (with their content).
    """
    if not markup:
        return ""
    if "<" not in markup:
        markup = _decoded(markup)  # escaped HTML, once or twice, or plain text
        if "<" not in markup:
            return clean_text(markup.replace("\xa0", " ").replace("\x00", ""))
    root = tree.parse(markup).root
    if root is None:
        return ""
    return tree_text(root, drop)
