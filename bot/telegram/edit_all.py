"""/edit all <change>: one exclusion or filter (-title:senior, -years:>=5, -(crypto OR web3),
from:brazil) added to every alert of the user in one command, where "no more senior roles" had
one /edit a line for each alert to copy on a phone. Each alert's new query is checked as /edit
checks one (syntax, length); all are saved in one transaction or none is. An alert that holds
the change already gets only what it lacks (`excluded.not_yet`) or nothing, and one that asks
for what is left out (senior, -title:senior: nothing would match) is left as it is. A change
with words of its own would be a new query for every alert: refused, with how to write one."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.config import AlertsConfig
from bot.errors import QueryError
from bot.models import Alert
from bot.query import Query
from bot.query import parse as parse_query
from bot.store import Stores
from bot.syntax import And, Field, Node, Not, Or, Phrase, Prefix, Word, format_node
from bot.telegram.excluded import not_yet
from bot.view import stored_query
from bot.wording import plural, shorten

esc = html.escape

USAGE = (
    "<code>/edit all</code> adds one change to every alert: an exclusion "
    "(<code>/edit all -title:senior</code>, <code>-years:&gt;=5</code>, "
    "<code>-(crypto OR web3)</code>) or a filter (<code>/edit all from:brazil</code>). "
    "To give one alert new words: <code>/edit 3 rust backend</code>."
)


@dataclass(frozen=True, slots=True)
class Planned:
    """One alert's part in /edit all: its new query (None: left as it is) and why not."""

    alert: Alert
    query: Query | None
    note: str = ""


def is_all(arg: str) -> bool:
    """Whether an /edit names every alert ("/edit all -crypto"), not an id."""
    head = arg.split(maxsplit=1)[0].lower() if arg.split() else ""
    return head == "all"


def terms_of(node: Node) -> tuple[Node, ...]:
    """A query's top-level terms (an AND's parts; a term alone)."""
    return node.children if isinstance(node, And) else (node,)


def is_addition(node: Node) -> bool:
    """Whether a change only narrows (exclusions and filters): no word, phrase or prefix asked
    for outside an exclusion; those would make it a new query, not an addition."""
    if isinstance(node, Not):
        return True
    if isinstance(node, And):
        return all(is_addition(c) for c in node.children)
    if isinstance(node, Or):
        return not _words(node)
    return not isinstance(node, Word | Phrase | Prefix)


def _words(node: Node) -> bool:
    if isinstance(node, And | Or):
        return any(_words(c) for c in node.children)
    return isinstance(node, Word | Phrase | Prefix)


def asks_for(terms: Sequence[Node], exclusion: Node) -> bool:
    """Whether an alert's `terms` ask for what `exclusion` leaves out: the same term, or its
    word anywhere for one in the title ("senior" and -title:senior match nothing together)."""
    if not isinstance(exclusion, Not):
        return False
    gone = exclusion.child
    bare = gone.child if isinstance(gone, Field) and gone.name == "title" else gone
    return any(t in (gone, bare) or (isinstance(t, Field) and t.child == bare) for t in terms)


def lacking(terms: Sequence[Node], change: Node) -> tuple[Node, ...] | None:
    """What of `change` an alert of `terms` lacks (an exclusion it holds in part: the rest);
    () when it holds it all; None when it asks for something the change leaves out."""
    out: list[Node] = []
    for part in terms_of(change):
        if asks_for(terms, part):
            return None
        rest = not_yet(terms, part) if isinstance(part, Not) else part
        if rest is not None and rest not in terms:
            out.append(rest)
    return tuple(out)


_HELD = "jobbotword"  # (a query of exclusions alone is refused: "matches almost every job")


def parse_change(text: str, limits: AlertsConfig) -> Node:
    """The change /edit all adds, read as an alert's part (QueryError): -title:senior alone
    is no alert, so it is read beside a word of no meaning, then without it."""
    root = parse_query(
        f"{_HELD} {text}", max_length=limits.max_length + len(_HELD) + 1, max_terms=limits.max_terms
    ).root
    terms = terms_of(root)
    if not terms or terms[0] != Word(_HELD):  # ("OR go": the word went into an OR)
        raise QueryError("that is no change to add")
    rest = terms[1:]
    if not rest:
        raise QueryError("it is empty")
    return rest[0] if len(rest) == 1 else And(rest)


def plan(alerts: Sequence[Alert], change: Node, limits: AlertsConfig) -> list[Planned]:
    """Each alert's new query with `change` added (QueryError when one would be too long or
    unreadable: nothing is saved then)."""
    planned = []
    for alert in alerts:
        terms = terms_of(stored_query(alert.query).root)
        more = lacking(terms, change)
        if more is None:
            planned.append(Planned(alert, None, "asks for what it would leave out"))
            continue
        if not more:
            planned.append(Planned(alert, None, "has it already"))
            continue
        try:
            query = parse_query(
                format_node(And((*terms, *more))),
                max_length=limits.max_length,
                max_terms=limits.max_terms,
            )
        except QueryError as exc:
            raise QueryError(f"alert #{alert.id} with it: {exc}") from exc
        planned.append(Planned(alert, query))
    return planned


def edit_all(store: Stores, chat_id: int, text: str, limits: AlertsConfig, now: datetime) -> str:
    """The reply to /edit all `text`, after saving every alert's new query (or none)."""
    alerts = store.alerts.alerts(chat_id)
    if not alerts:
        return "You have no alert yet: <code>/alert rust backend</code> adds one."
    if not text.strip():
        return USAGE
    try:
        change = parse_change(text, limits)
    except QueryError as exc:
        return f"I can't use that change: {esc(str(exc))}. Nothing changed.\n{USAGE}"
    if not is_addition(change):
        return f"“{esc(shorten(text, 60))}” asks for words: that is a new query, not a change to add. {USAGE}"
    try:
        planned = plan(alerts, change, limits)
    except QueryError as exc:
        return f"I can't: {esc(str(exc))}. Nothing changed; shorten that alert first."
    saved = [p for p in planned if p.query is not None]
    if not saved:
        return "Your alerts have it already (or ask for it): nothing changed. /alerts lists them."
    with store.db.transaction():  # every alert or none
        for p in saved:
            assert p.query is not None
            store.alerts.update_alert(chat_id, p.alert.id, p.query.normalized, now)
    lines = [
        f"✏️ Added <code>{esc(format_node(change))}</code> to {_count(len(saved), len(alerts))}:"
    ]
    for p in planned:
        if p.query is None:
            lines.append(f"#{p.alert.id} {p.note}: unchanged.")
        else:
            lines.append(f"#{p.alert.id} <b>{esc(shorten(p.query.normalized, 90))}</b>")
    lines.append("Only jobs found from now on are sent; /alerts lists them.")
    return "\n".join(lines)


def _count(n: int, of: int) -> str:
    return "your alert" if n == of == 1 else plural(n, "alert")


def offer(change: Node, alert_ids: Sequence[int]) -> str:
    """The one line that offers `change` to every alert that lacks it (`alert_ids`, two or
    more), ready to copy; "" for fewer."""
    if len(alert_ids) < 2:
        return ""
    named = ", ".join(f"#{i}" for i in alert_ids)
    return f"<code>/edit all {esc(format_node(change))}</code> — {named} at once"


def each_edit(alerts: Sequence[Alert], exclusion: Node, most: int) -> tuple[list[str], list[int]]:
    """Each alert's /edit (the first `most`) with `exclusion` added (what it lacks of it: not what it leaves out
    already, and none to one that asks for it: "remote:yes" and -remote:yes match nothing);
    and the ids /edit all would change, when none is too long with it (it is offered then)."""
    edits: list[str] = []
    ids: list[int] = []
    fits = True
    for alert in alerts:
        root = parse_query(alert.query).root
        terms = root.children if isinstance(root, And) else (root,)
        rest = not_yet(terms, exclusion)  # (what it leaves out already, not again)
        if exclusion in terms or rest is None or asks_for(terms, exclusion):
            continue
        try:  # (an OR kept whole: "(rust OR go) -crypto", not "rust OR (go -crypto)")
            edited = parse_query(format_node(And((*terms, rest))))
        except QueryError:  # too long with it: the user shortens it (and /edit all would fail)
            fits = False
            continue
        ids.append(alert.id)
        if len(edits) < most:
            edits.append(f"<code>/edit {alert.id} {esc(edited.normalized)}</code>")
    return edits, ids if fits else []
