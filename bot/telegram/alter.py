"""A text that asks to change an alert in words ("remove crypto from alert 1", "add go to my
alert", "take berlin out of my alerts"): the /edit that does it, ready to copy. Nothing is
changed until the user sends it (it was offered /delete 1, which deletes the whole alert)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot.config import AlertsConfig
from bot.errors import QueryError
from bot.query import parse as parse_query
from bot.store import Stores
from bot.syntax import And, Node, format_node
from bot.telegram.alter_either import either_typed
from bot.telegram.alter_terms import Offer, added, has, removed
from bot.telegram.tips.sentence import meant
from bot.transport import Incoming
from bot.view import stored_query

esc = html.escape

_ALERT = r"\s+(?:my\s+|the\s+|all\s+(?:my\s+)?)?alerts?(?:\s+(?:#\s?|number\s+)?(?P<id>\d{1,6}))?"
_POLITE = r"(?:please\s+|pls\s+|bitte\s+)?(?:(?:can|could)\s+you\s+)?(?:please\s+)?"
_END = r"(?:\s+(?:too|also|as\s+well|please|pls|bitte|for\s+me))*[\s.!?]*"
_REMOVE = re.compile(
    rf"{_POLITE}(?:remove|delete|drop|take)\s+(?:the\s+word\s+)?(?P<what>.+?)\s+"
    rf"(?:out\s+of|off|from){_ALERT}{_END}",
    re.IGNORECASE,
)
_ADD = re.compile(
    rf"{_POLITE}(?:add|include|put)\s+(?:the\s+word\s+)?(?P<what>.+?)\s+(?:to|in|into|on)"
    rf"{_ALERT}{_END}",
    re.IGNORECASE,
)
# ... or said as "change my alert to include go", "can you also search for go".
_ALSO = re.compile(
    rf"{_POLITE}(?:(?:change|update|edit|extend){_ALERT}\s+(?:to\s+)?(?:also\s+)?"
    r"(?:include|cover|add)|also\s+(?:search|look|watch)\s+for|also\s+(?:include|add))"
    rf"\s+(?:the\s+word\s+)?(?P<what>.+?){_END}",
    re.IGNORECASE,
)
# ... or without naming the alert: "add scala", "can you add Scala?", "also kotlin please";
# and a narrowing: "only remote jobs please", "English only", "just fintech", "nur remote"
# (German), "hybrid is fine, remote also" (either).
_ADD_ALONE = re.compile(
    rf"{_POLITE}(?:add|include|also(?:\s+add|\s+include)?)\s+(?P<what>[\w\"“][^,;.!?]{{0,40}}?){_END}",
    re.IGNORECASE,
)
_FINE = r"\s+(?:is|are|would\s+be)\s+(?:fine|ok|okay|good)"
_ONLY = (
    re.compile(rf"{_POLITE}(?:only|just|nur)\s+(?P<what>[\w\"“][^,;.!?]{{0,40}}?){_END}", re.I),
    re.compile(rf"(?P<what>[\w\"“][^,;.!?]{{0,40}}?)\s+only{_END}", re.IGNORECASE),
    re.compile(
        rf"(?P<what>\w[^,;.!?]{{0,40}}?){_FINE}(?:\s+(?:too|also))?(?:\s*[,;]\s*|\s+)"
        rf"(?:(?:and|but)\s+)?(?:also\s+)?(?P<more>\w[^,;.!?]{{0,40}}?)(?:{_FINE})?{_END}",
        re.IGNORECASE,
    ),
    re.compile(rf"(?P<what>\w[^,;.!?]{{0,40}}?\s+or\s+\w[^,;.!?]{{0,40}}?){_FINE}{_END}", re.I),
)
# "only roles that pay at least $150k": the jobs meant are those that pay it.
_WHICH = re.compile(r"^(?:roles?|jobs?|positions?|ones|openings?)\s+(?:that|which)\s+", re.I)
_DOING = re.compile(  # "only send jobs once a day": how jobs come, not which
    r"\b(?:send|sends|show|get|give|notify|message|messages|tell|e-?mail|receive|once|daily|"
    r"weekly|digest|night|want|me|my|you|it|this|that|these|them|one|alerts?)\b",
    re.IGNORECASE,
)
# "add visa", "add visa sponsorship", "add relocation with visa": the jobs that sponsor one.
_VISA = frozenset({"visa", "visas", "sponsorship", "sponsor", "sponsors", "sponsored"})
_VISA_TOO = frozenset({"relocation", "relocate", "with", "and", "support", "a", "work", "permit"})


def visa_meant(words: str) -> str | None:
    """ "visa:yes" for words that ask to add a visa ("visa", "sponsorship", "relocation with
    visa"): the word alone also finds "we are unable to sponsor visas"; else None."""
    said = set(words.lower().replace("-", " ").split())
    return "visa:yes" if said & _VISA and said <= _VISA | _VISA_TOO else None


MOST = 5  # alerts offered an edit
LIMIT = AlertsConfig().max_length  # an alert's longest query, as configured by default


@dataclass(frozen=True)
class Change:
    """Words to add to an alert or remove from it, as typed; the alert named, if one was."""

    add: bool
    words: str
    alert_id: int | None
    only: bool = False  # "only remote jobs": the words of a narrowing, a new alert of it too
    lead: str = ""  # what the /edits do, said first ("To add it")
    leave: bool = False  # a removal said as leaving out ("exclude crypto", "no crypto")
    wide: bool = False  # an addition said as "also", "include", "too": either offered first


def asked(text: str) -> Change | None:
    """The change a text asks for ("remove crypto from alert 1", "add go to my alert"), or
    None when it asks none."""
    text = " ".join(text.split())
    if len(text) > 300:  # a change asked in words is short
        return None
    for add, pattern in ((False, _REMOVE), (True, _ADD), (True, _ALSO)):
        if (m := pattern.fullmatch(text)) and len(m["what"]) <= 100:
            alert_id = int(m["id"]) if m["id"] else None
            return Change(add, m["what"].strip(" \"'“”"), alert_id, wide=widens(text))
    if (m := _ADD_ALONE.fullmatch(text)) and not _DOING.search(m["what"]):
        return Change(True, m["what"].strip(" \"'“”"), None, wide=widens(text))
    for pattern in _ONLY:
        said = _WHICH.sub("", m["what"]) if (m := pattern.fullmatch(text)) else ""
        if m and not _DOING.search(said):  # ("jobs that pay 150k": no "that" of a thing meant)
            what = f"{said} or {m['more']}" if "more" in m.groupdict() else said
            narrowed = meant(f"only {what} jobs") or ""  # ("only rust": a word)
            return Change(True, narrowed, None, only=True) if ":" in narrowed else None
    return None


def reply(store: Stores, msg: Incoming, change: Change, limit: int = LIMIT) -> str:
    """The /edit of each alert meant (the one named; else the first few, and for a removal
    those that have it, when some do) that does `change`, none longer than `limit`; "remove
    -crypto" takes the exclusion out."""
    alerts = store.alerts.alerts(msg.chat_id)
    if change.alert_id is not None:
        alerts = [a for a in alerts if a.id == change.alert_id]
        if not alerts:
            return f"You have no alert #{change.alert_id}: /alerts lists yours."
    typed = _typed(change)
    if not alerts and change.only:  # "nur remote": the jobs of it alone, as talk offers them
        return f"To get a message for each new job like that, send {_both(typed)}"
    if not alerts:
        return f"You have no alert yet. <code>/alert {esc(typed if change.add else 'rust backend')}</code> adds one."
    minus = not change.add and typed.startswith("-") and len(typed) > 1
    said = typed[1:] if minus else typed  # "remove -werkstudent": the exclusion
    try:
        term = parse_query(said).root
    except QueryError as exc:
        return f"“{esc(change.words)}” is no query I can use: {esc(str(exc))}."
    roots = {a.id: root for a in alerts if (root := root_of(a.query)) is not None}
    alerts = [a for a in alerts if a.id in roots]
    having = [a for a in alerts if has(roots[a.id], term)]
    if not change.add and having:  # "remove go from my alert": the alerts that have it
        alerts = having
    lines = []
    for alert in alerts[:MOST]:
        root = roots[alert.id]
        edits = _edits(root, term, change, said, minus)
        had = [f"Alert #{alert.id} has it already."] if change.add else []  # (beside others)
        lines += _lines(alert.id, root, edits, limit) or had
    if not lines or (change.add and not any("<code>" in line for line in lines)):
        whose = f"Alert #{change.alert_id} has" if change.alert_id else "Your alerts have"
        return f"{whose} it already: /alerts lists them."
    lead = change.lead or (
        "To take it out" if not change.add else "To keep to those" if change.only else "To add it"
    )
    if not any("<code>" in line for line in lines):  # ("it leaves them out already")
        return "\n".join(lines)
    alone = f"\nOr a new alert of them alone: <code>/alert {esc(typed)}</code>" * change.only
    return f"{lead} (tap to copy, then send):\n" + "\n".join(lines) + alone


_WIDE = re.compile(
    r"\b(?:also|include|including|too|as\s+well|auch|zus(?:ä|ae|a)tzlich|au(?:ß|ss)erdem)\b",
    re.IGNORECASE,
)


def widens(text: str) -> bool:
    """Whether an addition is said as another choice ("also UX researcher", "include design
    lead", "scala too"), not a narrowing ("add remote"): its OR is offered first."""
    return _WIDE.search(text) is not None


def _edits(root: Node, term: Node, change: Change, said: str, minus: bool) -> list[Offer]:
    if change.add:
        return added(root, term, change.wide)
    return removed(root, term, said, change.leave and not minus, minus)


def _typed(change: Change) -> str:
    """The query of the words to add, as an alert means them ("visa": visa:yes, which the
    word alone is not: it finds "unable to sponsor visas" too); to take out, as typed."""
    if not change.add:
        return change.words
    either = either_typed(change.words) if change.wide else None  # "also X and Y": either
    return visa_meant(change.words) or either or meant(f"{change.words} jobs") or change.words


def _lines(alert_id: int, root: Node, edits: list[Offer], limit: int) -> list[str]:
    """The offers of one alert that it can take (no query over `limit`), or what to shorten
    when none can."""
    fits = [_line(alert_id, e, why) for e, why in edits if len(e) <= limit]
    if fits or not edits:
        return fits
    parts = root.children if isinstance(root, And) else (root,)
    longest = max((format_node(p) for p in parts), key=len)
    over = min(len(e) for e, _ in edits)
    return [
        f"Alert #{alert_id} is near its length limit: with that it would be {over} characters, "
        f"and {limit} is the most. Shorten it first, say its longest part: "
        f"<code>{esc(longest)}</code>."
    ]


def _line(alert_id: int, edit: str, why: str) -> str:
    """One offer: its /edit and what it does; or what the alert is without one."""
    if edit:
        return f"<code>/edit {alert_id} {esc(edit)}</code>{why}"
    return f"Alert #{alert_id} " + (
        why or f"is only that: <code>/delete {alert_id}</code> removes it."
    )


def _both(query: str) -> str:
    return f"<code>/alert {esc(query)}</code>; to see the stored ones, <code>/search {esc(query)}</code>."


def root_of(query: str) -> Node | None:
    """A stored alert's query, or None when today's language no longer reads it."""
    try:
        return stored_query(query).root
    except QueryError:
        return None
