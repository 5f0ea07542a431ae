"""What an /edit says before its text is read as the alert's new query: the alert (its id
first, or the one alert there is), and texts that are no new query: "cancel" after the ✏️ Edit
button, the id typed last ("/edit rust OR go 1"), or a change to the query the alert has ("add
scala", "+scala", "also kotlin", "remove fintech", "without fintech", "no crypto") or a
narrowing said in words ("salary 90k", "remote only"), whose /edit that keeps the alert's words
is offered. Each changes nothing: a new query replaces the old one whole, so a misread one
would lose it ("python remote us only", with words of its own, is meant whole; its reply says
what the alert was, and the /edit that puts it back; quoted, "no code" is a query too)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from bot.models import Alert
from bot.store import Stores
from bot.syntax import (
    And,
    Attr,
    Field,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Salary,
    Word,
    Years,
    format_node,
)
from bot.telegram import alter
from bot.telegram.alter_terms import has, leaves_out
from bot.telegram.args import no_such_alert, parse_id, without_alert_word, yours
from bot.telegram.leaveout import words_left_out
from bot.telegram.tips.sentence import meant
from bot.transport import Incoming

esc = html.escape

_CANCEL = re.compile(
    r"(?:cancel|never\s?mind|nvm|forget\s+it|leave\s+it|stop|nope|abort|exit|quit|"
    r"no(?:\s*,?\s*(?:thanks?|thank\s+you|wait|sorry|need|worries|changes?|keep\s+it))?|"
    r"abbrechen|doch\s+nicht)[\s.!]*",
    re.IGNORECASE,
)
_ID_LAST = re.compile(r"(?P<query>.+?)\s+#?(?P<id>\d{1,6})")
_END = r"(?:\s+(?:too|also|as\s+well|please|pls|thanks|bitte|danke|auch|noch|mehr))*[\s.!]*"
# ... and in German: "auch kafka", "zusätzlich kafka", "füge kafka hinzu", "kafka auch"; and
# "kafka too".
_ALSO = r"add|also|plus|include|auch|zus(?:ä|ae|a)tzlich|au(?:ß|ss)erdem"
_ADD = (
    re.compile(rf"(?:(?:{_ALSO})\s+|\+\s*)(?P<what>[^+\s].{{0,99}}?){_END}", re.I),
    re.compile(rf"f(?:ü|ue|u)ge?\s+(?P<what>[^+\s].{{0,99}}?)\s+(?:hinzu|dazu){_END}", re.I),
    re.compile(
        r"(?P<what>[^+\s].{0,99}?)\s+(?:bitte\s+)?(?:auch|zus(?:ä|ae|a)tzlich|dazu|"
        r"hinzuf(?:ü|ue|u)gen|too|as\s+well)[\s.!]*",
        re.I,
    ),
)
# "remove fintech", "without fintech", "drop go", "take go out", "exclude crypto", "no crypto":
# a word to take out of the alert (`take`) or whose jobs to leave out (`leave`), no new query.
# German too: "ohne werkstudenten", "entferne spark", "lösche X", "nimm X raus", "keine X";
# "ohne" never starts a query meant as words.
_TAKE = (
    r"remove|delete|drop|without|take\s+(?:out|away)|get\s+rid\s+of|"
    r"ohne|entfernen?|l(?:ö|oe|o)schen?|streichen?"
)
_LEAVE = r"exclude|excluding|except|minus|leave\s+out|no\s+more|no|au(?:ß|ss)er|keine?"
_NO = ("no", "kein", "keine")  # a leaving out that counts only for words people leave out
_FROM = (
    r"(?:\s+(?:jobs|roles|ones|companies|filter|stellen|firmen))?(?:\s+(?:from|out\s+of|off|"
    r"aus|von)\s+(?:it|this|(?:the\s+|this\s+|my\s+|dem\s+|meinem\s+|der\s+|meiner\s+)?"
    r"(?:alert|suche|filter)(?:\s+#?\d{1,6})?))?"
)
_REMOVE = (
    re.compile(
        rf"(?:please\s+)?(?:(?P<take>{_TAKE})|(?P<leave>{_LEAVE}))\s+(?:the\s+words?\s+)?"
        rf"(?P<what>\S.{{0,79}}?){_FROM}{_END}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?:please\s+|bitte\s+)?(?P<take>take|nimm)\s+(?P<what>\S.{{0,79}}?)\s+"
        rf"(?:out|raus|heraus){_FROM}{_END}",
        re.I,
    ),
    re.compile(  # "spark entfernen", "crypto raus"
        rf"(?P<what>\S.{{0,79}}?)\s+(?:bitte\s+)?(?P<take>entfernen|l(?:ö|oe|o)schen|"
        rf"streichen|raus(?:nehmen)?|weg){_END}",
        re.I,
    ),
)
# German "und", "oder", "sowie" between the words named: as the English ones.
_JOIN = re.compile(r"\s+(?:(?P<and>und|sowie)|oder)\s+", re.I)


def _english(what: str) -> str:
    """The words named, their German "und"/"oder" as "and"/"or"; quotes trimmed."""
    what = what.strip(" \"'“”")
    return _JOIN.sub(lambda m: " and " if m["and"] else " or ", what)


_WHOLE = re.compile(
    r"(?:it|this|that|all|everything|es|alles|(?:the\s+|this\s+|my\s+|den\s+|meinen\s+)?alert)",
    re.I,
)
# After "no", a short list of words ("no crypto", "no crypto or web3"): what people leave out.
_FEW = re.compile(r"[\w+#.-]+(?:\s*(?:,|/|&|\s(?:or|and|nor)\s)\s*[\w+#.-]+){0,4}", re.I)


def target(arg: str, mine: Mapping[int, Alert]) -> tuple[int, str] | str:
    """The alert an /edit names and the text after it, or the reply when it names none (no
    id, an id not theirs, the id last)."""
    raw_id, _, text = without_alert_word(arg).partition(" ")  # ("/edit alert 2 go")
    alert_id = parse_id(raw_id) if raw_id else None
    if alert_id is None and (m := _ID_LAST.fullmatch(arg.strip())) and int(m["id"]) in mine:
        again = esc(f"/edit {int(m['id'])} {m['query'].strip()}")
        return f"The alert's id comes first: <code>{again}</code>. Nothing changed."
    if alert_id is None and arg.strip() and len(mine) == 1:
        return next(iter(mine)), arg  # the one alert there is: "/edit rust go"
    if alert_id is None:
        how = "Send <code>/edit 3 rust backend</code>: the alert's id, then its new query."
        return how + yours(mine.values())
    if alert_id not in mine:
        return no_such_alert(alert_id, mine.values())
    return alert_id, text


def not_a_query(
    store: Stores, msg: Incoming, alert: Alert, text: str, limit: int = alter.LIMIT
) -> str | None:
    """The reply to an edit's text that is no new query ("cancel", "add scala"), or None;
    no /edit offered is longer than `limit` (the alerts' `max_length`)."""
    text = " ".join(text.split())
    kept = f"Alert #{alert.id} is unchanged: <b>{esc(alert.query)}</b>."
    if _CANCEL.fullmatch(text):
        return kept
    if (removal := _removal(store, msg, alert, text, limit)) is not None:
        return f"{kept} {removal}"
    if (m := next((m for p in _ADD if (m := p.fullmatch(text)) is not None), None)) is not None:
        change = alter.Change(True, _english(m["what"]), alert.id, wide=alter.widens(text))
        return f"{kept} {alter.reply(store, msg, change, limit)}"
    read = meant(text) if len(text) <= 200 else None  # "salary 90k": salary:>=90k
    if (
        read is None
        or _has_words(alter.root_of(read))
        or not _has_words(alter.root_of(alert.query))
    ):
        return None
    offer = alter.reply(store, msg, alter.Change(True, read, alert.id), limit)
    alone = esc(f"/edit {alert.id} {read}")
    return f"{kept} {offer}\nFor those alone, without its words: <code>{alone}</code>."


def _removal(store: Stores, msg: Incoming, alert: Alert, text: str, limit: int) -> str | None:
    """The offers for "remove fintech", "without fintech", "exclude crypto" (`alter.removed`:
    the alert without it, or leaving its jobs out); None for a text that is no such ask: "no"
    and words neither the alert has nor people leave out ("no code", "no experience": those
    words; quoting a text keeps it a query: "drop shipping" in quotes)."""
    m = next((m for p in _REMOVE if (m := p.fullmatch(text)) is not None), None)
    root = alter.root_of(alert.query)
    if m is None or root is None:
        return None
    what, verb = _english(m["what"]), (m["take"] or m["leave"]).split()[0].lower()
    if _WHOLE.fullmatch(what) and m["take"]:  # "delete it", "remove this alert"
        return f"To delete the alert: <code>/delete {alert.id}</code>."
    term = alter.root_of(what)
    there = term is not None and has(root, term)
    if verb in _NO and not (there or (_FEW.fullmatch(what) and words_left_out(what))):
        return None  # "no code rust": a query of those words
    gone = there and term is not None and leaves_out(root, term)  # ("without" it: already)
    leave = m["take"] is None or (verb in ("without", "ohne") and gone)
    lead = f"To {'leave' if leave else 'take'} {esc(what)} out"
    change = alter.Change(False, what, alert.id, lead=lead, leave=leave)
    offer = alter.reply(store, msg, change, limit)
    if verb == "drop" and not there and '"' not in text:  # "drop shipping", meant as words
        quoted = esc(f'/edit {alert.id} "{text}"')
        offer += f"\nTo look for these words instead: <code>{quoted}</code>"
    return offer


def words_kept(alert_id: int, was: str, now: Node, limit: int = alter.LIMIT) -> str:
    """When an /edit put filters alone (`now`: remote:hybrid) in place of an alert that had
    words (`was`: data analyst munich), the /edit that keeps them and adds the filters, as a
    line to tell; "" otherwise. What was typed is a valid query, so it is done as typed."""
    old = alter.root_of(was)
    if old is None or _has_words(now) or not _has_words(old):
        return ""
    kinds = _kinds(now)  # (its other filters stay, unless the new ones say the same)
    kept = [t for t in _terms(old) if _has_words(t) or not _kinds(t) & kinds]
    both = format_node(And((*kept, *_terms(now))))
    if len(both) > limit:  # (an /edit it would refuse)
        return ""
    return f"\nTo keep its words: <code>{esc(f'/edit {alert_id} {both}')}</code>"


def _terms(node: Node) -> tuple[Node, ...]:
    return node.children if isinstance(node, And) else (node,)


def _kinds(node: Node) -> set[str]:
    """The filters a query names (location, remote, salary), in OR and NOT too."""
    if isinstance(node, And | Or):
        return set().union(*(_kinds(c) for c in node.children))
    if isinstance(node, Not):
        return _kinds(node.child)
    if isinstance(node, Attr | Field):
        return {node.name}
    return {type(node).__name__.lower()} if isinstance(node, Salary | Years) else set()


def _has_words(node: Node | None) -> bool:
    """Whether a query asks for words (rust, "site reliability"), not only filters: a new
    query of filters alone said in words ("salary 90k", "remote only") is a narrowing."""
    if isinstance(node, And | Or):
        return any(_has_words(c) for c in node.children)
    return isinstance(node, Word | Phrase | Prefix)
