"""A query whose filters no job meets together: two values of one attribute side by side
("remote:yes remote:hybrid": a job has one workplace), or a salary or years beside their none
("salary:>=80k salary:none"). Saved as typed, such an alert never sends a job; the query with
them as either is offered. Pure."""

from __future__ import annotations

from bot.attributes import ATTRIBUTES
from bot.syntax import And, Attr, Node, Or, Salary, Years, format_node
from bot.telegram.tips.tip import Tip, esc, joined

# What a job has one of, per attribute.
_ONE = {
    "remote": "one workplace (remote, hybrid or on-site)",
    "type": "one job type",
    "lang": "one language",
    "visa": "one stance on visas",
    "salary": "one salary, or none stated",
    "years": "one number of years asked, or none",
}
_AMOUNT = "stated"  # a salary:>=80k or years:<=3 asks a stated one


def clash_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When two terms of the query's AND ask one attribute for values no job has both of:
    the two as either, in the first one's place."""
    if not isinstance(root, And):
        return None
    seen: dict[str, Node] = {}
    for term in root.children:
        if (name := _attribute(term)) is None:
            continue
        if (first := seen.get(name)) is None:
            seen[name] = term
            continue
        if _values(first) & _values(term):
            continue  # salary:stated salary:>=80k, type:contract type:contract: both can hold
        either = Or(tuple(dict.fromkeys((*_options(first), *_options(term)))))
        terms = [either if t is first else t for t in root.children if t is not term]
        shown = f"<code>{_shown(first)}</code> and <code>{_shown(term)}</code>"
        return Tip(
            f"a job has {_ONE[name]}, so {shown} together match no job.", "For either:",
            joined(terms),
        )  # fmt: skip
    return None


def _attribute(term: Node) -> str | None:
    """The attribute a term asks (an OR of terms that ask the same one too), or None."""
    if isinstance(term, Attr) and term.name in _ONE:
        return term.name
    if isinstance(term, Salary):
        return "salary"
    if isinstance(term, Years):
        return "years"
    if isinstance(term, Or):
        names = {_attribute(c) for c in term.children}
        return names.pop() if len(names) == 1 else None
    return None


def _values(term: Node) -> frozenset[str | None]:
    """The readings of its attribute a term can match (an amount: a stated one)."""
    if isinstance(term, Attr):
        return ATTRIBUTES[term.name].values.get(term.value, frozenset())
    if isinstance(term, Or):
        return frozenset().union(*(_values(c) for c in term.children))
    return frozenset({_AMOUNT})


def _options(term: Node) -> tuple[Node, ...]:
    return term.children if isinstance(term, Or) else (term,)


def _shown(term: Node) -> str:
    """A term as it stands in the query (an OR in its brackets), in HTML."""
    said = format_node(term)
    return esc(f"({said})" if isinstance(term, Or) else said)
