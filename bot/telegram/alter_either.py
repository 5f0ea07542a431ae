"""What "either" joins when a term is added to an alert: its words or a title:(…) group of
roles, and the term as another choice ("also UX researcher" to "product designer": "(product
designer OR ux researcher)"). Pure; `alter_terms.added` offers it."""

from __future__ import annotations

from bot.syntax import And, Field, Node, Or, Phrase, Prefix, Word
from bot.telegram.tips.words import LEVELS


def joined(terms: tuple[Node, ...], term: Node) -> tuple[Node, ...] | None:
    """`terms` with `term` an alternative to its words: the one word or OR of them ("rust
    location:europe" + go: "(rust OR go) …"), a title:(…) group of roles, or, for a role of
    several words, all its words together ("product designer" + "design lead"); None when
    which is unclear ("senior rust" + go)."""
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
