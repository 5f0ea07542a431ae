"""HTML (possibly escaped, possibly truncated) to readable plain text, through lexbor.

The markup is parsed into a tree by a real HTML5 parser (`tree.parse`: linear time on any
input), then walked once: text nodes give their words, and the tags between two pieces of text
give one break, worked out from the whole run of them: a line, a blank line and/or a bullet.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from selectolax.lexbor import LexborNode

from bot.normalize import tree
from bot.normalize.text import clean_text, unescape

# What a tag (start or end) marks: "P" a paragraph, "L" a line, "I"/"E" a list item's
# start/end, "U"/"V" a list's start/end, "B" a <br>, " " a space (table cells).
_BLOCK_TAGS = (
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
    "pre", "table", "form", "fieldset", "figure", "dl", "address", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr",
)  # fmt: skip
_OPENS: dict[str, str] = dict.fromkeys(_BLOCK_TAGS, "P")
_OPENS.update(dict.fromkeys(("tr", "dt", "dd", "figcaption", "caption"), "L"))
_CLOSES = dict(_OPENS)
_OPENS.update({"li": "I", "ul": "U", "ol": "U", "br": "B", "td": " ", "th": " "})
_CLOSES.update({"li": "E", "ul": "V", "ol": "V"})
_MUTED = frozenset({"script", "style", "noscript", "template", "svg", "-comment", "!doctype"})
_INLINE = (  # one selector: one walk of the tree, where unwrap_tags makes one per name
    "a, b, i, u, s, em, strong, span, small, code, font, sup, sub, mark, abbr, cite, strike,"
    " label, time, big, tt, q, bdi, bdo"
)
_BULLET = "• "
_PRE_NEWLINE = "\ue000"  # a newline inside <pre>, kept out of whitespace collapsing
_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_RUNS = re.compile(r"\n{3,}")
_State = tuple[int, tuple[int, ...]]  # (open <li> count, the count saved at each open list)


@functools.lru_cache(maxsize=4096)
def _resolve(state: _State, run: str) -> tuple[_State, str]:
    """One run of marks -> (list state after it, "\\n" or "\\n\\n", plus "• " for a bullet).

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
        else:  # "L"
            level = max(level, 1)
    return (in_li, lists), ("\n\n" if level > 1 else "\n") + (_BULLET if bullet else "")


class _Writer:
    """Collects words and the marks between them; a run of marks becomes one break."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.run: list[str] = []
        self.state: _State = (0, ())
        self.space = False
        self.pre = 0

    def mark(self, kind: str | None) -> None:
        if kind == " ":
            self.space = True
        elif kind:
            self.run.append(kind)

    def text(self, text: str) -> None:
        if self.pre:
            text = text.replace("\n", _PRE_NEWLINE)
        words = text.split()
        if not words:
            self.space = self.space or bool(text)
            return
        out = self.out
        if self.run:
            self.state, brk = _resolve(self.state, "".join(self.run))
            self.run.clear()
            if out:
                out.append(brk)
            elif brk.endswith(_BULLET):
                out.append(_BULLET)  # a run at the start gives only its bullet
        elif out and (self.space or text[0].isspace()):
            out.append(" ")
        out.append(" ".join(words))
        self.space = text[-1].isspace()

    def result(self) -> str:
        text = "".join(self.out)
        if _PRE_NEWLINE in text:
            text = text.replace(_PRE_NEWLINE, "\n")
            text = _BLANK_RUNS.sub("\n\n", _EDGE_SPACES.sub("\n", text))
        return text.strip()


def tree_text(root: LexborNode, drop: frozenset[str] = _MUTED) -> str:
    """The text under `root`, elements named in `drop` (and their content) left out.

    Walked without recursion (nesting depth is the input's to choose): a stack holds, for
    each open element, its tag and the iterator over its children."""
    writer = _Writer()
    stack: list[tuple[str | None, Iterator[LexborNode]]] = [(None, root.iter(include_text=True))]
    while stack:
        parent, children = stack[-1]
        for node in children:
            tag = node.tag
            if tag == "-text":
                writer.text(node.text_content or "")
            elif tag not in drop:
                writer.mark(_OPENS.get(tag))
                if tag == "pre":
                    writer.pre += 1
                stack.append((tag, node.iter(include_text=True)))
                break
        else:
            stack.pop()
            if parent is not None:
                _close(writer, parent)
    return writer.result()


def _close(writer: _Writer, tag: str | None) -> None:
    writer.mark(_CLOSES.get(tag or ""))
    if tag == "pre":
        writer.pre -= 1


def html_to_text(markup: str | None, drop: tuple[str, ...] = ()) -> str:
    """Readable plain text from (possibly escaped, possibly truncated) HTML.

    Paragraphs and headings become blank-line separated blocks, `<li>` a line starting "• ",
    `<br>` a newline, `<pre>` keeps its lines; script, style and svg are dropped, and so are
    the elements named in `drop` (with their content).
    """
    if not markup:
        return ""
    if "<" not in markup:
        markup = unescape(markup)  # escaped HTML, once or twice, or plain text
        if "<" not in markup:
            return clean_text(markup.replace("\xa0", " ").replace("\x00", ""))
    parsed = tree.parse(markup)
    root = parsed.root
    if root is None:
        return ""
    # Inline elements mark nothing: unwrapped and their text merged in C, the walk is shorter.
    for node in root.css(_INLINE):
        node.unwrap()
    root.merge_text_nodes()
    return tree_text(root, _MUTED.union(drop) if drop else _MUTED)
