"""Which words of an alert matched a job: /why on a job that came said only "matched", so a user
could not see that the plain word `latam` of `(from:brazil OR latam)` brought a Mexico-only
job. The query is walked as `bot.why` walks it (each leaf with the matcher's own compiled test,
after synonyms; an OR told by its first part that matches), keeping the words and phrases found
and where; a word that alone of its OR's parts matched is `alone`: the alert without it would
not have brought the job. Filters (remote:, salary:, from:) and exclusions are no words. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import Posting
from bot.synonyms import expand, runs
from bot.syntax import NEAR, OPEN_TO, And, Field, Node, Not, Or, Phrase, Prefix, Word, format_node
from bot.view import ANY, SCOPE, PostingView, compile_node, stored_query, view
from bot.why import fields_with


@dataclass(frozen=True, slots=True)
class Hit:
    """A word or phrase of the alert the job has: the term as the alert writes it (title:x
    with its field), where it is ("“latam” in the description"), and whether it alone of its
    OR's parts matched."""

    term: Node
    said: str
    alone: bool = False


def hits(query: str, posting: Posting) -> list[Hit]:
    """The words of `query` that `posting` has, as they made it match; [] when it does not
    match, or matched by filters alone."""
    found = _walk(stored_query(query).root, ANY, view(posting))
    return found or []


def _walk(node: Node, scope: int, v: PostingView) -> list[Hit] | None:
    """The hits under `node`, or None when it does not match."""
    if isinstance(node, Field) and node.name not in (OPEN_TO, NEAR):
        found = _walk(node.child, SCOPE[node.name], v)
        return [_in_field(h, node.name) for h in found] if found else found
    if isinstance(node, Not):
        return None if compile_node(expand(node.child), scope)(v) else []
    if isinstance(node, And):
        out: list[Hit] = []
        for run in runs(node.children):
            one = _walk(run[0], scope, v) if len(run) == 1 else _leaf(And(run), scope, v)
            if one is None:
                return None
            out += one
        return out
    if isinstance(node, Or):
        each = [_walk(c, scope, v) for c in node.children]
        matched = [h for h in each if h is not None]
        if not matched:
            return None
        if len(matched) == 1 and len(matched[0]) == 1:  # its one way in
            return [Hit(matched[0][0].term, matched[0][0].said, True)]
        return matched[0]
    return _leaf(node, scope, v)


def _leaf(node: Node, scope: int, v: PostingView) -> list[Hit] | None:
    if not compile_node(expand(node), scope)(v):
        return None
    if not isinstance(node, Word | Phrase | Prefix | And):
        return []  # a filter: no word of the alert
    text = format_node(node).strip('"')
    where = fields_with(node, v) if scope == ANY else _name(scope)
    return [Hit(node, f"“{text}” in the {where}")]


def _in_field(hit: Hit, name: str) -> Hit:
    """A hit inside title:(…) written with its field, as the alert has it."""
    return Hit(Field(name, hit.term), hit.said, hit.alone)


def _name(scope: int) -> str:
    return next(n for n, i in SCOPE.items() if i == scope)
