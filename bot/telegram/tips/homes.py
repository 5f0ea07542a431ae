"""The places a query read from a text asks for, settled: a place one is from said apart from
the remote work asked ("… engineer from Brazil. … remote Go roles …") is where the jobs are
open to (from:brazil, not location:brazil); of two from: one inside the other ("from Brazil"
and "hire in Latin America"), the narrower (both asked, the wider says no more, and a job
open to Brazil by its time zone is no LATAM job by its words); and "no US-only roles" said
beside a from: outside the US is left out, as the from: keeps them out already ("Remote - US"
never says "US only"). Pure; `sentence` and `paragraph` settle what they read with it."""

from __future__ import annotations

from typing import TypeGuard

from bot.places import read_places
from bot.placewords import where
from bot.syntax import OPEN_TO, And, Field, Node, Not, Or, Phrase, Word
from bot.telegram.tips.where import open_to

_PLACE_FIELDS = frozenset({"location", OPEN_TO, "near"})
_ONLY = frozenset({"only", "based"})  # "us only", "us based": a region's own jobs


def settled(node: Node) -> Node:
    """`node` with its places settled, as the module says."""
    if (remote := open_to(node)) is not None:
        node = remote[0]
    terms = list(node.children if isinstance(node, And) else (node,))
    homes = [t.child.text for t in terms if _home(t) and isinstance(t.child, Word | Phrase)]
    narrow = [t for t in terms if not (_home(t) and _wider(t, homes))]
    kept = [t for t in narrow if not (homes and _only_covered(t, homes))]
    return kept[0] if len(kept) == 1 else And(tuple(kept)) if kept else node


def _home(term: Node) -> TypeGuard[Field]:
    """Whether `term` is a from: of one place (from:brazil)."""
    return (
        isinstance(term, Field) and term.name == OPEN_TO and isinstance(term.child, Word | Phrase)
    )


def _wider(term: Node, homes: list[str]) -> bool:
    """Whether another from: of `homes` lies inside the place of `term`."""
    if not isinstance(term, Field) or not isinstance(term.child, Word | Phrase):
        return False
    wide = term.child.text
    return any(h != wide and _inside(h, wide) for h in homes)


def _inside(place: str, region: str) -> bool:
    """Whether `place` ("brazil") lies in `region` ("latin america", "latam"), a region of
    several countries (not a state: "Austin, TX" is both, the state telling which Austin)."""
    wide = read_places(region)
    return bool(wide) and all(p[0] in "+^" for p in wide) and _within(place, region)


def _within(place: str, region: str) -> bool:
    return tuple(region.split()) in where(place).names


def _only_covered(term: Node, homes: list[str]) -> bool:
    """Whether `term` leaves out a region's own jobs ( -"us only") that a from: outside that
    region keeps out already."""
    child = term.child if isinstance(term, Not) else None
    said = child.children if isinstance(child, Or) else (child,) if child else ()
    regions = [p.tokens[:-1] for p in said if isinstance(p, Phrase) and p.tokens[-1] in _ONLY]
    if not said or len(regions) != len(said):
        return False
    return all(not _within(h, " ".join(r)) and h != " ".join(r) for r in regions for h in homes)


def placed(node: Node | None) -> bool:
    """Whether `node` asks for a place (location:, from:, near:) anywhere in it."""
    if isinstance(node, Field):
        return node.name in _PLACE_FIELDS or placed(node.child)
    if isinstance(node, And | Or):
        return any(placed(c) for c in node.children)
    return isinstance(node, Not) and placed(node.child)
