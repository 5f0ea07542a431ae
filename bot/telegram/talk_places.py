"""Places said "too" ("also montreal and waterloo", "montreal too"): another place each alert's
location: takes (location:(toronto OR montreal OR waterloo)), not required words; an alert that
names no place sends jobs there already. A language the same way ("french jobs ok too": lang:)."""

from __future__ import annotations

import re
from html import escape as esc

from bot.errors import QueryError
from bot.language import NAMES
from bot.models import Alert
from bot.query import parse as parse_query
from bot.syntax import And, Attr, Field, Node, Or, format_node
from bot.telegram import alter
from bot.telegram.tips.places import a_place

_SPLIT = re.compile(r"\s*(?:,|&|/|\band\b|\bor\b|\bplus\b)\s*", re.IGNORECASE)
_FRAME = re.compile(
    r"^(?:(?:and|also|plus)\s+)*(?:(?:jobs|roles|positions)\s+)?(?:in\s+)?|"
    r"(?:\s+(?:jobs|roles|positions))?(?:\s+(?:is|are))?(?:\s+(?:ok|okay|fine|good))?$",
    re.IGNORECASE,
)


def places_too(words: str) -> list[str] | None:
    """The places `words` name, each one ("montreal and waterloo": montreal, waterloo), or None
    when any part is no place we know."""
    words = _FRAME.sub("", " ".join(words.split()).strip(" .!\"'“”"))
    parts = [p.strip() for p in _SPLIT.split(words) if p.strip()]
    if not parts or len(parts) > 5 or not all(a_place(p) for p in parts):
        return None
    return [p.lower() for p in parts]


def widened(alerts: list[Alert], places: list[str], limit: int) -> str:
    """Each alert's /edit whose location: takes `places` as well; for an alert with no
    location:, that it sends jobs there already."""
    named = _named(places)
    lines = []
    for alert in alerts[: alter.MOST]:
        if (root := alter.root_of(alert.query)) is None:
            continue
        edit = _with_places(root, places)
        if edit is None:
            lines.append(f"Alert #{alert.id} names no place: jobs in {named} come already.")
        elif edit == alert.query:
            lines.append(f"Alert #{alert.id} takes jobs in {named} already.")
        elif len(edit) > limit:
            lines.append(f"Alert #{alert.id} is near its length limit: shorten it first.")
        else:
            lines.append(f"<code>/edit {alert.id} {esc(edit)}</code> — also jobs in {named}")
    lead = "To take jobs there too (tap to copy, then send):\n"
    if not any(line.startswith("<code>") for line in lines):
        lead = ""
    return lead + "\n".join(lines) if lines else "Your alerts are no query I can change now."


def _with_places(root: Node, places: list[str]) -> str | None:
    """The query with each location: (not under a minus) taking `places` too; None when it
    has none."""
    found = [False]
    node = _widen(root, places, found)
    if not found[0]:
        return None
    try:
        return parse_query(format_node(node)).normalized
    except QueryError:
        return None


def _widen(node: Node, places: list[str], found: list[bool]) -> Node:
    if isinstance(node, Field) and node.name == "location":
        found[0] = True
        have = node.child.children if isinstance(node.child, Or) else (node.child,)
        said = {format_node(c).strip('"').lower() for c in have}
        more = tuple(_place(p) for p in places if p not in said)
        return Field("location", Or((*have, *more))) if more else node
    if isinstance(node, And | Or):
        return type(node)(tuple(_widen(c, places, found) for c in node.children))
    return node  # a minus ("-location:x") is kept as it is


def _place(name: str) -> Node:
    child = parse_query(f'location:"{name}"').root
    return child.child if isinstance(child, Field) else child


def _named(places: list[str]) -> str:
    shown = [p.title() for p in places]
    return esc(shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}")


_CODES = {name.lower(): code for code, name in NAMES.items()}


def language_too(words: str) -> str | None:
    """The language's code when `words` name one alone ("french jobs": fr), else None."""
    return _CODES.get(_FRAME.sub("", " ".join(words.split()).strip(" .!")).lower())


def languages_widened(alerts: list[Alert], code: str, limit: int) -> str:
    """ "french jobs ok too": each alert kept to a language (lang:en) with the /edit that
    takes `code` too; an alert that names none sends jobs in every language already."""
    named, lines = NAMES[code], []
    for alert in alerts[: alter.MOST]:
        if (root := alter.root_of(alert.query)) is None:
            continue
        terms = root.children if isinstance(root, And) else (root,)
        langs = [t for t in terms if _langs(t)]
        if not langs:
            lines.append(f"Alert #{alert.id} names no language: jobs in {named} come already.")
        elif any(Attr("lang", code) in _langs(t) for t in langs):
            lines.append(f"Alert #{alert.id} takes jobs in {named} already.")
        else:
            either = Or((*_langs(langs[0]), Attr("lang", code)))
            kept = [either if t == langs[0] else t for t in terms]
            edit = parse_query(format_node(And(tuple(kept)) if len(kept) > 1 else either))
            if len(edit.normalized) > limit:
                lines.append(f"Alert #{alert.id} is near its length limit: shorten it first.")
            else:
                lines.append(
                    f"<code>/edit {alert.id} {esc(edit.normalized)}</code> — also in {named}"
                )
    return "\n".join(lines) or "Your alerts are no query I can change now."


def _langs(term: Node) -> tuple[Attr, ...]:
    """The lang: choices of a term (lang:en, lang:en OR lang:fr), or none."""
    choices = term.children if isinstance(term, Or) else (term,)
    if all(isinstance(c, Attr) and c.name == "lang" for c in choices):
        return tuple(c for c in choices if isinstance(c, Attr))
    return ()
