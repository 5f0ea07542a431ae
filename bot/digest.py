"""Held jobs -> one summary: jobs grouped by alert, each its title linked to the posting with
company, location and salary; at most MAX_LISTED listed, then a count and the /search that
shows the rest (for the companies followed, a /search of their boards). Split into messages within Telegram's limit only where needed, each message
knowing which deliveries it carries, so that each is recorded sent as it goes."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.models import Earlier, OutgoingMessage
from bot.render import MAX_MESSAGE, job_line, utf16_len
from bot.store import OutboxItem
from bot.wording import plural, shorten

_TAG = re.compile(r"<[^>]*>")
_PLAIN = re.compile(r"[\w.+-]+")  # a board's name `board:` takes unquoted
MAX_LISTED = 30  # jobs listed in one summary; the rest are counted, with how to see them


@dataclass(frozen=True, slots=True)
class Part:
    """One message of a summary and the deliveries it stands for."""

    message: OutgoingMessage
    ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Line:
    html: str
    plain: str
    ids: tuple[int, ...] = ()
    heading: str | None = None  # the group heading to repeat when a message starts here


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


FOLLOWED = -1  # the group of jobs that came for a follow of every new job
MAX_BOARDS = 5  # boards one /search of the followed group's rest names; past it, /following


def _groups(
    items: Sequence[OutboxItem], alerts: Mapping[int, str], under: Mapping[int, int]
) -> list[tuple[int | None, list[OutboxItem]]]:
    """Items by the group `under` names for them (by delivery id: the alert, or `FOLLOWED`,
    that decided when they came), else by the first of their alerts that still exists (in
    alert order), or `FOLLOWED` for a job of no alert; after the alerts, the companies
    followed, then None: other (their alerts deleted)."""
    groups: dict[int | None, list[OutboxItem]] = {}
    for item in items:
        first = min((a for a in item.alert_ids if a in alerts), default=None)
        key = under.get(item.id, FOLLOWED if not item.alert_ids else first)
        groups.setdefault(key if key in alerts or key == FOLLOWED else first, []).append(item)
    order = sorted(groups, key=lambda a: (a is None, a == FOLLOWED, a or 0))
    return [(a, groups[a]) for a in order]


def _before(earlier: Earlier | None) -> str:
    """What a list line adds for a job listed before (`Jobs.earlier`)."""
    if earlier is None:
        return ""
    return " · 🔁 listed before" + ("; you applied" if earlier.applied_at is not None else "")


def _edited(edit: str | None) -> str:
    """What a list line adds for a job an edit queued ("pay added": `history.changes`)."""
    if edit is None:
        return ""
    return f" · ✏️ updated: {edit}" if edit else " · ✏️ updated"


def _lines(
    header: str,
    items: Sequence[OutboxItem],
    alerts: Mapping[int, str],
    earlier: Callable[[str], Earlier | None],
    under: Mapping[int, int],
) -> list[_Line]:
    lines = [_Line(header, _visible(header))]
    room = MAX_LISTED
    for alert, group in _groups(items, alerts, under):
        query = alerts.get(alert) if alert is not None else None
        n = len(group)
        name = f"“{shorten(query, 80)}”" if query else "Other matches"
        mark = "🔔"
        if alert == FOLLOWED:
            name, mark = "Companies you follow", "🏢"
        count = plural(n, "job")
        heading = f"{mark} <b>{_esc(name)}</b> — {count}"
        lines.append(_Line("", ""))
        lines.append(_Line(heading, f"{mark} {name} — {count}", heading=heading))
        listed, rest = group[:room], group[room:]
        room -= len(listed)
        for item in listed:
            h, p = job_line(item.posting, (query,) if query else ())
            before = _before(earlier(item.posting.key)) + _edited(item.edit)
            lines.append(_Line(h + _esc(before), p + before, (item.id,), heading))
        if rest:
            lines.append(_more(rest, query, alert == FOLLOWED, heading))
    return lines


def _more(rest: Sequence[OutboxItem], query: str | None, followed: bool, heading: str) -> _Line:
    """The line after a group's listed jobs: how many more, and the command that shows them
    (the alert's /search; for the companies followed, a /search of their boards)."""
    more, ids = f"…and {len(rest)} more", tuple(i.id for i in rest)
    see = f"/search {shorten(query, 200)}" if query else ""
    if followed:
        see = _followed_search(rest)
    if not see:
        return _Line(_esc(more), more, ids, heading)
    return _Line(f"{more}: <code>{_esc(see)}</code>", f"{more}: {see}", ids, heading)


def _followed_search(rest: Sequence[OutboxItem]) -> str:
    """The /search of the boards of the followed companies' jobs not listed ("/search
    board:(stripe OR wise)"); of too many boards, /following, which names them all."""
    boards = list(dict.fromkeys(i.posting.board for i in rest))
    if len(boards) > MAX_BOARDS:
        return "/following"
    names = [b if _PLAIN.fullmatch(b) else f'"{b}"' for b in boards]
    return "/search board:" + (names[0] if len(names) == 1 else f"({' OR '.join(names)})")


def _visible(text: str) -> str:
    """What Telegram shows of our own HTML (tags dropped, entities decoded)."""
    return html.unescape(_TAG.sub("", text))


def summary(
    header: str,
    items: Sequence[OutboxItem],
    alerts: Mapping[int, str],
    limit: int = MAX_MESSAGE,
    earlier: Callable[[str], Earlier | None] = lambda key: None,
    under: Mapping[int, int] | None = None,
) -> list[Part]:
    """The summary of `items` under `header` (HTML), in as few messages as fit `limit` UTF-16
    units each; `alerts` maps the user's alert ids to their queries, for the grouping, and
    `under` a delivery's id to the group it goes in (its alert's id or `FOLLOWED`) when not its
    first alert's; `earlier` says, of a posting's key, whether its job was listed before
    (asked only of the jobs listed)."""
    parts: list[Part] = []
    cur: list[_Line] = []
    used = 0

    def close() -> None:
        while cur and not cur[-1].plain:
            cur.pop()
        if cur:
            ids = tuple(i for line in cur for i in line.ids)
            message = OutgoingMessage(
                "\n".join(x.html for x in cur), "\n".join(x.plain for x in cur)
            )
            parts.append(Part(message, ids))

    for line in _lines(header, items, alerts, earlier, under or {}):
        size = utf16_len(line.plain) + 1
        if cur and used + size > limit:
            close()
            cur, used = [], 0
            if not line.plain:
                continue
            if line.heading and line.heading != line.html:  # a group goes on: say which
                again = line.heading + " (continued)"
                cur.append(_Line(again, _visible(again)))
                used += utf16_len(cur[-1].plain) + 1
        cur.append(line)
        used += size
    close()
    return parts
