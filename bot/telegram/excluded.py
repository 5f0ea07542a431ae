"""What an alert leaves out already: `/mute crypto` (and "stop sending me crypto jobs", by
`leaveout`) offers no /edit that adds -crypto to an alert with -(crypto OR web3) or -crypto,
and adds only the rest to one that leaves out part of it. A term counts as left out when
the alert's exclusions leave out every job it would, as the matcher reads them: a synonym
(-golang for go, `bot.synonyms`), a prefix (-crypto* for crypto), the word anywhere for it
in the title (-sales for -title:sales). Pure."""

from __future__ import annotations

from collections.abc import Iterable

from bot.synonyms import expand
from bot.syntax import Field, Node, Not, Or, Prefix, Word


def not_yet(terms: Iterable[Node], exclusion: Node) -> Node | None:
    """The part of `exclusion` (-crypto, -(crypto OR blockchain)) that an alert's top-level
    `terms` do not leave out yet: all of it, some of its OR's terms, or None for none."""
    if not isinstance(exclusion, Not):
        return exclusion
    gone = tuple(g for t in terms if isinstance(t, Not) for g in _each(t.child))
    kids = _either(exclusion.child)
    left = tuple(k for k in kids if not all(any(_covers(g, a) for g in gone) for a in _each(k)))
    if len(left) == len(kids):
        return exclusion
    return Not(left[0] if len(left) == 1 else Or(left)) if left else None


def leaving_out(terms: Iterable[Node], exclusion: Node) -> Node | None:
    """An alert's exclusion that leaves out some of what `exclusion` does (to say so: "#1
    leaves out crypto already: -(crypto OR web3)"); None when none does."""
    kids = _either(exclusion.child) if isinstance(exclusion, Not) else ()
    for term in terms:
        if isinstance(term, Not) and any(not_yet([term], Not(k)) is None for k in kids):
            return term
    return None


def _either(node: Node) -> tuple[Node, ...]:
    """The terms of an OR, nested ones flattened; a term alone as one."""
    if isinstance(node, Or):
        return tuple(k for c in node.children for k in _either(c))
    return (node,)


def _each(node: Node) -> tuple[Node, ...]:
    """What a job having any one of is left out by -`node`, its synonyms each."""
    return _either(expand(node))


def _covers(gone: Node, term: Node) -> bool:
    """Whether an alert leaving out `gone` leaves out every job that has `term`."""
    if gone == term:
        return True
    if isinstance(gone, Prefix) and isinstance(term, Word):
        return term.token.startswith(gone.stem)
    if isinstance(term, Field) and term.name == "title":  # -sales: no sales in the title either
        return _covers(gone, term.child)
    return False
