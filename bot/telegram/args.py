"""Command arguments: ids parsed strictly (and the reply to one that names no alert of the
user's), addresses as people write them, user input echoed back short and escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import Protocol

from bot.wording import shorten

MAX_ID = 2**63 - 1  # SQLite's INTEGER: a larger id cannot exist
_ID = re.compile(r"[0-9]{1,19}")  # ASCII digits only: "²" and "٣" are digits to str.isdigit
# A host name and what follows it, as address bars show a URL: boards.greenhouse.io/acme.
_BARE_HOST = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)


_NAMED = re.compile(r"(?:alerts?|number|no\.)\s*(?=#?\d)", re.IGNORECASE)  # "alert 2"


def without_alert_word(arg: str) -> str:
    """`arg` without the word before its leading id ("alert 2 rust" is "2 rust")."""
    return _NAMED.sub("", arg.strip(), count=1)


def parse_id(arg: str) -> int | None:
    """An id like `3`, `#3` or `alert 3`, or None when `arg` is not one."""
    raw = without_alert_word(arg).removeprefix("#").strip()
    if not _ID.fullmatch(raw) or int(raw) > MAX_ID:
        return None
    return int(raw)


_SEVERAL = re.compile(r"\s*(?:,|;|\band\b|&|\s)\s*")  # "1, 2", "1 2", "1 and 2"
_SPAN = re.compile(r"#?([0-9]{1,4})\s*(?:-|–|\.\.)\s*#?([0-9]{1,4})")  # "1-3"
MAX_SEVERAL = 100  # ids in one command


def parse_ids(arg: str) -> list[int] | None:
    """Several ids ("1 2", "1, 2 and #5", "1-3"), in order, each once; None when `arg` names
    fewer than two, or anything but ids."""
    ids: list[int] = []
    for part in _SEVERAL.split(_SPAN.sub(_spelled, without_alert_word(arg))):
        one = parse_id(part) if part else 0
        if one is None:
            return None
        if one and one not in ids:
            ids.append(one)
    return ids if 1 < len(ids) <= MAX_SEVERAL else None


def _spelled(span: re.Match[str]) -> str:
    """A span of ids ("1-3") as its ids ("1 2 3"); one too long stays as typed (no id)."""
    low, high = int(span[1]), int(span[2])
    return " ".join(map(str, range(low, high + 1))) if 0 < high - low < MAX_SEVERAL else span[0]


def leading_ids(arg: str, rest_ok: Callable[[str], bool]) -> tuple[list[int], str] | None:
    """Several ids at the start of `arg` and what follows them ("1 2 2w": [1, 2], "2w"),
    when `rest_ok` takes what follows (or nothing follows); the most ids that leave such a
    rest ("1 2 weeks" is alert 1 for two weeks: None). None when no two ids lead."""
    words = arg.split()
    for k in range(len(words), 0, -1):
        ids = parse_ids(" ".join(words[:k]))
        rest = " ".join(words[k:])
        if ids is not None and (not rest or rest_ok(rest)):
            return ids, rest
    return None


def ids_named(ids: Iterable[int], last: str = "and") -> str:
    """#1, #2 and #3."""
    named = [f"#{i}" for i in ids]
    return f"{', '.join(named[:-1])} {last} {named[-1]}" if len(named) > 1 else named[0]


def with_scheme(url: str) -> str:
    """`url`, with https:// put first when it is written without a scheme (stripe.com/jobs)."""
    return "https://" + url if "://" not in url and _BARE_HOST.match(url) else url


def echo(text: str, limit: int = 40) -> str:
    """User input quoted back in a reply: one line, at most `limit` characters, escaped."""
    return html.escape(shorten(text, limit))


class _Alert(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def query(self) -> str: ...


def yours(alerts: Iterable[_Alert]) -> str:
    """A line naming the user's alerts by id, for a reply that needs one of them."""
    mine = list(alerts)
    if not mine:
        return " You have no alert yet: <code>/alert rust backend</code> adds one."
    return f" Yours: {listed(mine)} (/alerts lists them)."


def listed(alerts: Iterable[_Alert]) -> str:
    """The alerts by id and query on one line ("#1 rust · #2 golang remote:yes"), the first
    five of them."""
    mine = list(alerts)
    shown = " · ".join(f"#{a.id} {html.escape(shorten(a.query, 40))}" for a in mine[:5])
    return shown + (" · …" if len(mine) > 5 else "")


def no_such_alert(alert_id: int, alerts: Iterable[_Alert]) -> str:
    """The reply to an id that names none of the user's `alerts`: theirs, by id."""
    return f"You have no alert #{alert_id}." + yours(alerts)
