"""One tip: what a query does that its writer likely did not mean, and the query likely
meant, offered ready to copy."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from bot.syntax import And, Node, Or, Word, format_node

esc = html.escape


class Found(NamedTuple):
    """What the words at one place of a sentence mean (`tips.filters` and the readers it
    asks): the filter, how many words it takes, the words to name as ones few jobs say ("" for
    none), and whether it alone reads as a sentence ("remote" and "3 years" have tips of
    their own)."""

    filter: Node
    taken: int
    said: str
    alone: bool


@dataclass(frozen=True, slots=True)
class Tip:
    """`said` (HTML, a sentence or more) tells what the query does; `meant` is the whole query
    it offers instead, after `lead` ("For the job's own level:") and before `tail`."""

    said: str
    lead: str = ""
    meant: Node | None = None
    tail: str = ""

    def line(self, command: str) -> str:
        """The tip as a line of a reply, offering `command` ("/edit 3") with `meant`."""
        if self.meant is None:
            return f"\nTip: {self.said}"
        offer = f"<code>{esc(command)} {esc(format_node(self.meant))}</code>"
        return f"\nTip: {self.said} {self.lead} {offer}{self.tail}."

    def part(self, change: Node | None) -> str:
        """The tip as a line of a reply whose one offer takes several tips' `meant` at once:
        it names its own `change` only (title:senior)."""
        if change is None:
            return f"\nTip: {self.said}"
        shown = format_node(change)
        shown = f"({shown})" if isinstance(change, Or) else shown  # as it stands in the offer
        return f"\nTip: {self.said} {self.lead} <code>{esc(shown)}</code>{self.tail}."


def joined(terms: Iterable[Node]) -> Node:
    """Terms as one query: AND of them, or the one."""
    both = tuple(terms)
    return And(both) if len(both) > 1 else both[0]


def word_of(term: Node) -> str:
    """The term's token when it is one word ("rust"); "" for a phrase, a filter or a group."""
    return term.token if isinstance(term, Word) else ""
