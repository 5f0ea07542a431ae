"""Tips on amounts: a salary or number of years that leaves out the many jobs stating none,
a salary too small for a year's pay ("salary:>=80"), and a salary in a currency the bot cannot
convert into. Pure.
"""

from __future__ import annotations

import html

from bot import rates
from bot.salaryterm import as_rate, in_thousands, too_small
from bot.syntax import (
    And,
    Attr,
    Field,
    Node,
    Not,
    Or,
    Salary,
    Years,
    format_node,
)
from bot.telegram.tips.tip import Tip
from bot.wording import plural

esc = html.escape


def currency_tip(root: Node, typed: str = "", command: str = "") -> Tip | None:
    """When a salary filter names a yearly amount no year's pay is (`small_tip`, first: the
    filter it offers has the currency too); else when it names a currency this bot cannot
    convert others into (no exchange rates in use, or none for it): it then finds only the
    jobs paid in that currency, which the user may not expect."""
    if (small := small_tip(root)) is not None:
        return small
    asked = [
        leaf.currency for leaf in _all_leaves(root) if isinstance(leaf, Salary) and leaf.currency
    ]
    table = rates.current()
    lacking = [c for c in dict.fromkeys(asked) if table is None or c not in table.per_eur]
    if not lacking:
        return None
    cur = lacking[0]
    why = "I have no exchange rates now" if table is None else f"the ECB's rates have no {cur}"
    return Tip(
        f"{why}, so a salary in {esc(cur)} is compared only with jobs paid in {esc(cur)}: a "
        "job paid in another currency does not match."
    )


def small_tip(root: Node) -> Tip | None:
    """When a salary filter's yearly amount is too small for a year's pay ("salary:>=80", "80
    000" typed with the word apart before): it then takes any job that states a salary, and
    most who write it mean thousands, offered (`salaryterm.in_thousands`)."""
    for leaf in _all_leaves(root):
        if isinstance(leaf, Salary) and (meant := in_thousands(leaf)) is not None:
            rate = as_rate(leaf)
            hour = f" (a rate takes its period: {esc(format_node(rate))})" if rate != leaf else ""
            return Tip(
                f"{esc(too_small(leaf))}, so it takes any job that states a salary{hour}.",
                "Did you mean it in thousands?",
                _swapped(root, leaf, meant),
            )
    return None


def _swapped(node: Node, old: Node, new: Node) -> Node:
    """`node` with `old` as `new` wherever it is (a salary is never inside a field)."""
    if node == old:
        return new
    if isinstance(node, And | Or):
        return type(node)(tuple(_swapped(c, old, new) for c in node.children))
    return Not(_swapped(node.child, old, new)) if isinstance(node, Not) else node


def _all_leaves(node: Node) -> list[Node]:
    """Every leaf of the query, under fields, NOT and groups too."""
    if isinstance(node, And | Or):
        return [leaf for c in node.children for leaf in _all_leaves(c)]
    if isinstance(node, Field | Not):
        return _all_leaves(node.child)
    return [node]


_UNSTATED = {Salary: Attr("salary", "none"), Years: Attr("years", "none")}


_UNSAID = {Salary: "state no salary", Years: "ask no number of years"}


def or_unstated(root: Node) -> Node | None:
    """The query with every salary amount and number of years it requires also taking the
    jobs that state none ("rust salary:>=100k" -> "rust (salary:>=100k OR salary:none)"); None
    when it requires neither, or names salary:none (years:none) already."""
    kinds = tuple(kind for kind, none in _UNSTATED.items() if not _has(root, none))
    loose = _loosened(root, kinds) if kinds else root
    return loose if loose != root else None


def _loosened(node: Node, kinds: tuple[type, ...]) -> Node:
    if isinstance(node, Salary | Years) and isinstance(node, kinds):
        return Or((node, _UNSTATED[type(node)]))
    if isinstance(node, And):
        return And(tuple(_loosened(c, kinds) for c in node.children))
    if isinstance(node, Or):
        loose = [_loosened(c, kinds) for c in node.children]
        flat = (n for c in loose for n in (c.children if isinstance(c, Or) else (c,)))
        return Or(tuple(dict.fromkeys(flat)))  # once each: "salary:none" of two salaries
    return node  # a NOT, a field (which holds no salary nor years) or a term


def _has(node: Node, part: Node) -> bool:
    children = node.children if isinstance(node, And | Or) else ()
    inner = (node.child,) if isinstance(node, Not | Field) else ()
    return node == part or any(_has(c, part) for c in (*children, *inner))


def unstated_tip(root: Node, command: str, more: int | None) -> str:
    """A line for the reply when `more` jobs of the last 7 days (None: some stored jobs) would
    match but for a salary amount or a number of years they do not state, as most jobs state
    neither. `command` ("/edit 3", "/search") with the query that takes them too
    (`or_unstated`) is offered, ready to copy."""
    loose = or_unstated(root)
    small = any(isinstance(n, Salary) and in_thousands(n) for n in _leaves(root))
    if loose is None or more == 0 or small:  # (`small_tip` first: "salary:>=80" is 80k)
        return ""
    open_kinds = [kind for kind, none in _UNSTATED.items() if not _has(root, none)]
    loosened = [n for n in _leaves(root) if isinstance(n, Salary | Years) and type(n) in open_kinds]
    kinds = list(dict.fromkeys(type(n) for n in loosened))
    named = list(dict.fromkeys(esc(format_node(n)) for n in loosened))
    filters = " and ".join(named)
    unsaid = " or ".join(_UNSAID[k] for k in kinds)
    verb = "leave" if len(named) > 1 else "leaves"
    most = "most state none" if kinds == [Salary] else "most do"
    found = (
        ("Jobs that state none" if kinds == [Salary] else "Such jobs") + " match the rest"
        if more is None
        else f"{plural(more, 'more job')} of the last 7 days "
        f"{'match' if more > 1 else 'matches'} the rest"
    )
    return (
        f"\nTip: {filters} {verb} out the jobs that {unsaid}, and {most}. "
        f"{found}. For those too: <code>{command} {esc(format_node(loose))}</code>."
    )


def _leaves(node: Node) -> list[Node]:
    children = node.children if isinstance(node, And | Or) else ()
    return [node] if not children else [n for c in children for n in _leaves(c)]
