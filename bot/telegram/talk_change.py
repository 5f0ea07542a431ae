"""Changes to one's alerts said in passing, which `texts` answers with `alter`'s /edits: a kind
of job "too" ("co-op roles too": another choice, the either first; it was offered as a new
alert of `"co op" too`), a way of working "too" ("remote jobs too": `workplace_too`), the
years one has alone ("0-2 yrs": years:<=2, a narrowing), and a bare "$" read in the dollar of
the user's /timezone ("at least $40/hour" from Toronto: CAD)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape as esc

from bot.errors import QueryError
from bot.models import Alert
from bot.query import parse as parse_query
from bot.store import Stores
from bot.syntax import NEAR, OPEN_TO, And, Attr, Field, Node, Not, Or, Word, Years, format_node
from bot.telegram import alter, leaveout, talk
from bot.telegram.alter_either import a_kind
from bot.telegram.commands import Command
from bot.telegram.talk_places import language_too, languages_widened, places_too, widened
from bot.telegram.tips import dollars
from bot.telegram.tips.exclude import SEASONS
from bot.telegram.tips.places import a_place
from bot.telegram.tips.sentence import meant, meant_node
from bot.telegram.tips.tip import joined
from bot.transport import Incoming

_TOO = re.compile(
    r"(?P<what>[\w\"“][^,;.!?]{0,40}?)(?:\s+(?:is|are))?(?:\s+(?:ok|okay|fine|good))?\s+"
    r"(?:too|also|as\s+well)(?:\s+(?:please|pls))?[\s.!]*",
    re.IGNORECASE,
)
# Words of talk, not of a kind of job ("me too", "thank you too", "that one too").
_TALK = frozenset({
    "me", "you", "u", "it", "that", "this", "them", "those", "these", "i", "we", "same", "thanks",
    "thank", "love", "miss", "see", "and", "one", "ones", "hi", "hello", "hey", "ok", "okay",
    "yes", "no", "add", "include", "also", "send", "show", "remove", "delete",
})  # fmt: skip


# A co-op's term length ("4 month work term", ", 4 or 8 month terms"): no filter reads it.
_TERM = re.compile(
    r",?\s*\b(?:\d{1,2}|four|eight|twelve)(?:\s*(?:or|to|-|/)\s*\d{1,2})?[\s-]?months?"
    r"(?:\s+(?:work\s+|co-?op\s+)?terms?)?\b",
    re.IGNORECASE,
)
_COOP = re.compile(r"\bco-op", re.IGNORECASE)
_WANT = re.compile(r"^i\s+(?:want|would\s+like|'d\s+like)\s+", re.IGNORECASE)


def too_asked(text: str) -> alter.Change | None:
    """ "co-op roles too", "design lead as well": a kind of job as another choice of each
    alert (`alter` offers the either first); None for talk ("me too") or no query. A term
    length said with it ("4 month work term coops") is left out, and the reply says so."""
    text = _WANT.sub("", " ".join(text.split()))
    terms = [m.group().strip(" ,") for m in _TERM.finditer(text)]
    said = _TOO.fullmatch(_TERM.sub("", text).strip(" ,")) if terms else _TOO.fullmatch(text)
    if said is None or _TALK.intersection(said["what"].lower().split()):
        return None
    if places_too(said["what"]) or language_too(
        said["what"]
    ):  # "montreal too": another place (`talk_places`)
        return alter.Change(True, said["what"].strip(" \"'“”"), None, wide=True)
    if a_place(said["what"]):
        return None
    read = meant(f"{said['what']} jobs")
    try:
        kind = parse_query(read or said["what"]).root
    except QueryError:
        return None
    if (read is None and len(said["what"].split()) > 3) or not (a_kind(kind) or _way(kind)):
        return None  # many words and no filter, or no kind of job ("berlin too")
    left = " and ".join(f"“{esc(t)}”" for t in terms)
    lead = f"I left out {left}: no filter reads a term's length. To add the rest" * bool(terms)
    what = _COOP.sub("coop", said["what"].strip(" \"'“”"))  # ("co-ops": "co ops" else)
    return alter.Change(True, what, None, lead=lead, wide=True)


def years_asked(text: str) -> alter.Change | None:
    """ "0-2 yrs", "2 years of experience": the years one has alone, as the most a job may
    ask (years:<=2), each alert kept to it; a place alone ("canada only": location:canada);
    a season of a term alone, "only summer"
    (title:summer, kept to) or "no winter terms pls, i'm still in school then" (-title:winter,
    left out: a title names it); None for any other text."""
    read = meant(text) if len(text) <= 60 else None
    try:
        root = parse_query(read).root if read else None
    except QueryError:
        return None
    if isinstance(root, Years):
        return alter.Change(True, text, None, only=True)
    if (season := _season(root)) is not None:  # "only summer"
        return alter.Change(True, f"title:{season}", None, only=True)
    if isinstance(root, Field) and root.name == "location" and read:  # "only canada pls"
        return alter.Change(True, read, None, only=True)
    node = meant_node(text, alone=True) if len(text) <= 80 else None
    if isinstance(node, Not) and (season := _season(node.child)) is not None:
        return alter.Change(True, f"-title:{season}", None, leave=True)
    return None


def _season(node: Node | None) -> str | None:
    """The season `node` asks for alone in a title (title:summer), or None."""
    if isinstance(node, Field) and node.name == "title" and isinstance(node.child, Word):
        return node.child.token if node.child.token in SEASONS else None
    return None


_YOURS = "your /timezone's dollar"


def zone_dollar(store: Stores, chat_id: int) -> str | None:
    """The dollar of the user's /timezone's country ("CAD" in Toronto), or None."""
    return dollars.zone_dollar(store.users.settings(chat_id).timezone)


def in_dollars(store: Stores, msg: Incoming, commands: Mapping[str, Command]) -> str:
    """The offer of a sentence that names pay after a bare "$", in the dollar of the user's
    /timezone when it has its own ("CA$40/hour"), saying so; as `talk` reads it else."""
    code = zone_dollar(store, msg.chat_id)
    if code is None:
        return talk.suggestion(msg.text, commands)
    said = talk.suggestion(dollars.local(msg.text, code), commands)
    if said == talk.suggestion(msg.text, commands):
        return said
    return f"{said}\n{_read_as(msg.text, code)}"


def changed(store: Stores, msg: Incoming, change: alter.Change, limit: int) -> str:
    """`alter`'s /edits of a change; asked again in the dollar of the user's /timezone when
    the text names pay after a bare "$" ("only roles paying at least $150k"), saying so; a
    way of working as another choice ("remote jobs too", "also remote"): `workplace_too`."""
    if change.add and change.leave and change.words.startswith("-title:"):  # "no winter terms"
        season = change.words.removeprefix("-title:")
        gone = Not(Field("title", Word(season)))
        return leaveout.reply(
            store, msg, (gone, f"with {season} in the title (“{season.title()} 2027 co-op”)")
        )
    places = places_too(change.words) if change.add and change.wide else None
    if places and (alerts := store.alerts.alerts(msg.chat_id)):
        named = [a for a in alerts if change.alert_id in (None, a.id)]
        return widened(named, places, limit) if named else alter.reply(store, msg, change, limit)
    code = language_too(change.words) if change.add and change.wide else None
    if code and (alerts := store.alerts.alerts(msg.chat_id)):
        return languages_widened(alerts, code, limit)
    way = _way_of(change.words) if change.add and change.wide else None
    if way is not None and (alerts := store.alerts.alerts(msg.chat_id)):
        named = [a for a in alerts if change.alert_id in (None, a.id)]
        return workplace_too(named, way, limit) if named else alter.reply(store, msg, change, limit)
    if not dollars.bare(msg.text) or (code := zone_dollar(store, msg.chat_id)) is None:
        return alter.reply(store, msg, change, limit)
    text = dollars.local(msg.text, code)
    local = alter.asked(text) or too_asked(text)
    if local is None or local == change:
        return alter.reply(store, msg, change, limit)
    said = alter.reply(store, msg, local, limit)
    return f"{said}\n{_read_as(msg.text, code)}"


def _read_as(text: str, code: str) -> str:
    """How the text's pay was read: a bare "$", or pay with no currency, as `code`."""
    if dollars.unsigned(text) and "$" not in text:
        return dollars.unsigned_read_as(code, _YOURS)
    return dollars.read_as(code, _YOURS)


def _way(node: Node) -> Attr | None:
    """The way of working a query is alone (remote:yes), or None."""
    return node if isinstance(node, Attr) and node.name == "remote" else None


def _way_of(words: str) -> Attr | None:
    """The way of working words say ("remote jobs": remote:yes), or None."""
    try:
        return _way(parse_query(meant(f"{words} jobs") or words).root)
    except QueryError:
        return None


def workplace_too(alerts: list[Alert], way: Attr, limit: int) -> str:
    """ "remote jobs too": each alert that keeps jobs of that way of working out, with the
    /edit that takes them as another choice ("golang location:berlin": golang
    (location:berlin OR remote:yes)); for the others, that they send them already (an alert
    that names no place nor way of working sends remote jobs as well)."""
    lines = []
    for alert in alerts[: alter.MOST]:
        if (root := alter.root_of(alert.query)) is None:
            continue
        if (edit := _with_way(root, way)) is None:
            lines.append(f"Alert #{alert.id} {_takes(root, way, alert.id, limit)}.")
        elif len(edit) > limit:
            lines.append(f"Alert #{alert.id} is near its length limit: shorten it first.")
        else:
            lines.append(f"<code>/edit {alert.id} {esc(edit)}</code> — its jobs, and {_of(way)}")
    edits = any(line.startswith("<code>") for line in lines)
    lead = "To take them too (tap to copy, then send):\n" if edits else ""
    return lead + "\n".join(lines) if lines else "Your alerts are no query I can change now."


def _with_way(root: Node, way: Attr) -> str | None:
    """The alert's query with `way` as another choice of what keeps it out (remote:no,
    location:berlin), without -remote:yes; None when nothing does or it asks for it already."""
    terms = _terms(root)
    if any(way in _either(t) for t in terms):
        return None
    kept = [t for t in terms if t != Not(way)]  # "-remote:yes": dropped, not OR-ed
    keeps = [t for t in kept if _keeps_out(t, way)]
    if not keeps and len(kept) == len(terms):
        return None
    if keeps:  # (its places and ways of working together: "(remote:no location:berlin)")
        either = Or((*_either(joined(keeps)), way))
        kept = [either if t == keeps[0] else t for t in kept if t not in keeps[1:]]
    return _query(kept)


def _keeps_out(term: Node, way: Attr) -> bool:
    """Whether a term of an alert keeps jobs of `way` out: another way of working
    (remote:no, remote:hybrid OR remote:no), or for remote jobs a place (location:, near:)."""
    choices = _either(term)
    if all(isinstance(c, Attr) and c.name == "remote" for c in choices):
        return True
    places = ("location", NEAR)
    return way.value == "yes" and all(isinstance(c, Field) and c.name in places for c in choices)


def _takes(root: Node, way: Attr, alert_id: int, limit: int) -> str:
    """What an alert that needs no /edit for `way` does: asks for it, or sends those jobs
    already (with the /edit that keeps to them, for one who meant that)."""
    terms = _terms(root)
    if any(way in _either(t) for t in terms):
        return f"asks for {_of(way)} already"
    opened = [format_node(t) for t in terms if isinstance(t, Field) and t.name == OPEN_TO]
    if opened and way.value == "yes":
        said = f"sends the remote jobs open to people there already ({esc(opened[0])})"
    else:
        what = "place or way of working" if way.value == "yes" else "way of working"
        said = f"sends {_of(way)} already: it names no {what}, so they come too"
    only = _query([*terms, way])
    if only is None or len(only) > limit:
        return said
    return f"{said}. Only those: <code>/edit {alert_id} {esc(only)}</code>"


def _terms(root: Node) -> tuple[Node, ...]:
    return root.children if isinstance(root, And) else (root,)


def _either(node: Node) -> tuple[Node, ...]:
    """The choices of a term: an OR's children, else the term."""
    return node.children if isinstance(node, Or) else (node,)


def _query(terms: list[Node]) -> str | None:
    """The terms as an alert's query, or None when they make none."""
    try:
        return parse_query(format_node(joined(terms))).normalized
    except QueryError:
        return None


def _of(way: Attr) -> str:
    return {"yes": "remote jobs", "hybrid": "hybrid jobs", "no": "on-site jobs"}[way.value]
