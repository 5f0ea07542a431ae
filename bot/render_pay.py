"""A posting's pay as a message words it: as stated, and about how much in the currency an
alert's salary filter asks for ("$140k–150k a year (≈ €133k–143k a year)")."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from bot.errors import QueryError
from bot.models import Posting
from bot.salary import converted, posting_salary
from bot.syntax import And, Field, Node, Or, Salary
from bot.view import stored_query


def pay(posting: Posting, queries: Sequence[str] = ()) -> str:
    """The salary as stated; when one of `queries` (the matched alerts, a search) asks for
    one in another currency, about how much it is in that one ("$140k–150k a year (≈
    €133k–143k a year)")."""
    stated = posting_salary(posting)
    if not stated:
        return ""
    for currency in dict.fromkeys(c for q in queries for c in _currencies(q)):
        if about := converted(posting, currency, dated=False):
            return f"{stated} (≈ {about})"
    return stated


def pay_line(posting: Posting, alert_queries: Sequence[str]) -> str:
    """The job message's salary line (`pay`)."""
    said = pay(posting, alert_queries)
    return f"💰 {said}" if said else ""


@functools.lru_cache(maxsize=1024)
def _currencies(query: str) -> tuple[str, ...]:
    """The currencies the salary filters of an alert's query ask for."""
    found: list[str] = []
    try:
        nodes: list[Node] = [stored_query(query).root]
    except QueryError:  # saved by an older jobbot that took it
        return ()
    while nodes:
        node = nodes.pop()
        if isinstance(node, Salary) and node.currency:
            found.append(node.currency)
        nodes.extend(node.children if isinstance(node, And | Or) else ())
        nodes.extend((node.child,) if isinstance(node, Field) else ())
    return tuple(found)
