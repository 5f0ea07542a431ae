"""Command arguments: ids parsed strictly, user input echoed back short and escaped."""

from __future__ import annotations

import html
import re

from bot.render import shorten

MAX_ID = 2**63 - 1  # SQLite's INTEGER: a larger id cannot exist
_ID = re.compile(r"[0-9]{1,19}")  # ASCII digits only: "²" and "٣" are digits to str.isdigit


def parse_id(arg: str) -> int | None:
    """An id like `3` or `#3`, or None when `arg` is not one."""
    raw = arg.strip().removeprefix("#").strip()
    if not _ID.fullmatch(raw) or int(raw) > MAX_ID:
        return None
    return int(raw)


def echo(text: str, limit: int = 40) -> str:
    """User input quoted back in a reply: one line, at most `limit` characters, escaped."""
    return html.escape(shorten(text, limit))
