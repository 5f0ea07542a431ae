"""Telegram HTML -> messages within Telegram's limit, cut between paragraphs or lines.

Telegram counts a message's length in UTF-16 code units of its visible text, after entity
parsing: tags count nothing, `&amp;` counts one, an emoji outside the BMP two. `split_html` cuts
only between tokens (never inside a tag or an entity), preferably after a blank line, else after
a line, else after a space, and closes the tags open at a cut and opens them again in the next
message, so every message is balanced HTML on its own. Nothing is dropped except messages that
would be blank (Telegram refuses those).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot.render import MAX_MESSAGE, utf16_len

_TOKEN = re.compile(r"<[^>]*>|&#?[0-9A-Za-z]+;|[^<&]+|[<&]")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][\w-]*)")
_BREAKS = (("\n\n", 3), ("\n", 2), (" ", 1))  # where a cut may go, the best first


@dataclass(frozen=True, slots=True)
class _Piece:
    """One token or text character: its HTML, its visible length, and how good a cut after it is."""

    raw: str
    units: int
    opens: str | None = None  # tag name when the piece is a start tag
    closes: bool = False  # when the piece is an end tag
    cut: int = 0  # 0 = only if nothing better; see _BREAKS


def _pieces(text: str) -> list[_Piece]:
    out: list[_Piece] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok.startswith("<") and len(tok) > 1:
            name = _TAG_NAME.match(tok)
            if tok.startswith("</"):
                out.append(_Piece(tok, 0, closes=True))
            elif name and not tok.endswith("/>"):
                out.append(_Piece(tok, 0, opens=name.group(1).lower()))
            else:
                out.append(_Piece(tok, 0))
        elif tok.startswith("&") and len(tok) > 1:
            out.append(_Piece(tok, utf16_len(html.unescape(tok))))
        else:
            for ch in tok:
                if ch == "\n":
                    cut = 3 if out and out[-1].raw == "\n" else 2
                else:
                    cut = 1 if ch == " " else 0
                out.append(_Piece(ch, utf16_len(ch), cut=cut))
    return out


def _visible(pieces: list[_Piece]) -> str:
    return html.unescape("".join(p.raw for p in pieces if p.units))  # tags have none


def visible_text(text: str) -> str:
    """What Telegram shows of `text`: tags dropped, entities decoded."""
    return _visible(_pieces(text))


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Cut Telegram HTML into messages of at most `limit` visible UTF-16 units each."""
    if utf16_len(text) <= limit:  # the markup only ever adds to the length
        return [text] if visible_text(text).strip() else []
    pieces = _pieces(text)
    chunks: list[str] = []
    reopen: list[_Piece] = []  # start tags open where the previous message was cut
    start = 0
    while start < len(pieces):
        end, stack = _cut(pieces, start, list(reopen), limit)
        body = pieces[start:end]
        if _visible(body).strip():
            closing = "".join(f"</{p.opens}>" for p in reversed(stack))
            chunks.append("".join(p.raw for p in reopen) + "".join(p.raw for p in body) + closing)
        reopen, start = stack, end
    return chunks


def _cut(
    pieces: list[_Piece], start: int, stack: list[_Piece], limit: int
) -> tuple[int, list[_Piece]]:
    """Where the message starting at `start` ends, and the tags still open there.

    The best break in the second half of the room wins (a blank line over a line over a
    space); failing that, the best anywhere; failing that, the last piece that fits.
    """
    units, i = 0, start
    breaks: dict[int, tuple[int, int, list[_Piece]]] = {}  # kind -> (end, units, open tags)
    while i < len(pieces) and units + pieces[i].units <= limit:
        p = pieces[i]
        units += p.units
        if p.opens:
            stack.append(p)
        elif p.closes and stack:
            stack.pop()
        i += 1
        if p.cut:
            breaks[p.cut] = (i, units, list(stack))
    if i == len(pieces):
        return i, stack
    late = [kind for kind, (_, at, _) in breaks.items() if at * 2 >= limit]
    if late or breaks:
        end, _, stack = breaks[max(late or breaks)]
    else:
        end = max(i, start + 1)
    while end < len(pieces) and pieces[end].closes and stack:  # end tags stay with their text
        stack.pop()
        end += 1
    return end, stack
