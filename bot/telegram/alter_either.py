"""What "either" joins when a term is added to an alert: its words or a title:(…) group of
roles, and the term as another choice ("also UX researcher" to "product designer": "(product
designer OR ux researcher)"), and kinds of job said as another choice ("also internships
and co-op"). Pure; `alter_terms.added` offers it."""

from __future__ import annotations

import re

from bot.errors import QueryError
from bot.query import parse as parse_query
from bot.syntax import And, Attr, Field, Node, Or, Phrase, Prefix, Salary, Word, Years, format_node
from bot.telegram.tips.sentence import meant
from bot.telegram.tips.words import LEVELS


def joined(terms: tuple[Node, ...], term: Node, wide: bool = False) -> tuple[Node, ...] | None:
    """`terms` with `term` an alternative to its words: the one word or OR of them ("rust
    location:europe" + go: "(rust OR go) …"), a title:(…) group of roles, or, for a role of
    several words, all its words together ("product designer" + "design lead"); None when
    which is unclear ("senior rust" + go). Said as another choice (`wide`), kinds of job with
    filters too (`kinds_joined`)."""
    if wide and not (is_words(term) or words_only(term)):
        return kinds_joined(terms, term)
    roles = [k for k, t in enumerate(terms) if role_group(t)]
    words = [k for k, t in enumerate(terms) if is_words(t)]
    if roles:
        at, field = roles[0], terms[roles[0]]
        assert isinstance(field, Field)
        return (*terms[:at], Field(field.name, or_of(field.child, term)), *terms[at + 1 :])
    if len(words) == 1:
        return (*terms[: words[0]], or_of(terms[words[0]], term), *terms[words[0] + 1 :])
    if len(words) < 2 or not (isinstance(term, Phrase) or words_only(term)):
        return None
    either = Or((And(tuple(terms[k] for k in words)), term))
    return tuple(either if k == words[0] else t for k, t in enumerate(terms) if k not in words[1:])


def role_group(node: Node) -> bool:
    """Whether `node` is title:(a OR b) of words that are no levels: roles to add one to."""
    if not (isinstance(node, Field) and node.name == "title" and isinstance(node.child, Or)):
        return False
    return is_words(node.child) and not any(
        isinstance(c, Word) and c.token in LEVELS for c in node.child.children
    )


def words_only(term: Node) -> bool:
    """Words joined by AND or OR ("design lead", "staff and principal"): a role or a list."""
    return isinstance(term, And | Or) and all(isinstance(c, Word | Phrase) for c in term.children)


def is_words(term: Node) -> bool:
    """Words, or words joined by OR ("rust", "(rust OR go)"): what "either" joins."""
    if isinstance(term, Or):
        return all(is_words(c) for c in term.children)
    return isinstance(term, Word | Phrase | Prefix)


def or_of(have: Node, term: Node) -> Or:
    """`have` OR `term`, one flat OR ("(remote:yes OR remote:hybrid OR remote:no)")."""
    return Or((*alternatives(have), *alternatives(term)))


def alternatives(node: Node) -> tuple[Node, ...]:
    return node.children if isinstance(node, Or) else (node,)


def kinds_joined(terms: tuple[Node, ...], term: Node) -> tuple[Node, ...] | None:
    """`terms` with each kind of job `term` names another choice ("new grad swe
    location:toronto" + type:internship OR "co op": "((new grad swe) OR type:internship OR
    "co op") location:toronto"): beside the alert's words, its filters kept for all; the
    whole alert one choice when the kinds pin a field it pins too ("… location:toronto" +
    remote jobs from:canada). None when `term` is no kind of job (remote:yes: a narrowing),
    or the alert has no words to be the other choice."""
    kinds = alternatives(term)
    if not all(a_kind(k) for k in kinds):
        return None
    words = [k for k, t in enumerate(terms) if is_words(t) or role_group(t)]
    others = [t for k, t in enumerate(terms) if k not in words]
    if not words:
        return None
    if _pins(term) & {p for t in others for p in _pins(t)}:
        return (Or((And(terms) if len(terms) > 1 else terms[0], *kinds)),)
    mine = tuple(terms[k] for k in words)
    either = Or((And(mine) if len(mine) > 1 else mine[0], *kinds))
    return tuple(either if k == words[0] else t for k, t in enumerate(terms) if k not in words[1:])


def a_kind(node: Node) -> bool:
    """Whether `node` names a kind of job: words, type:, or an AND with either."""
    if isinstance(node, And):
        return any(a_kind(c) for c in node.children)
    return is_words(node) or (isinstance(node, Attr) and node.name == "type")


def _pins(node: Node) -> set[str]:
    """The fields and attributes a query's filters pin: location, remote, salary, …"""
    if isinstance(node, Field) and node.name != "title":
        return {"location" if node.name in ("from", "near") else node.name}
    if isinstance(node, Attr):
        return {node.name}
    if isinstance(node, Salary | Years):
        return {type(node).__name__.lower()}
    if isinstance(node, And | Or):
        return {p for c in node.children for p in _pins(c)}
    return set()


# An addition said as several choices: "internships summer 2027 and co-op".
_PARTS = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.IGNORECASE)


def either_typed(words: str) -> str | None:
    """For an addition said as another choice, of several kinds of job ("also internships
    summer 2027 and co-op"): each read on its own, one OR of them ('(type:internship summer
    2027) OR "co op"'); None for one, or for words alone ("rust and go": both, as typed)."""
    parts = [p for p in _PARTS.split(words) if p.strip()]
    if not 1 < len(parts) <= 4:
        return None
    read = [meant(f"{p} jobs") or p for p in parts]
    if not any(":" in r for r in read):
        return None
    try:
        kinds = [parse_query(r).root for r in read]
    except QueryError:
        return None
    wider = [k for k in kinds if not any(_narrower(k, o) for o in kinds)]  # (one of them once)
    unique = tuple(dict.fromkeys(wider))
    return format_node(unique[0] if len(unique) == 1 else Or(unique))


def _narrower(kind: Node, other: Node) -> bool:
    """Whether `other` asks for part of what `kind` does, so `kind` adds no job beside it."""
    have = set(kind.children if isinstance(kind, And) else (kind,))
    return other != kind and set(other.children if isinstance(other, And) else (other,)) < have
