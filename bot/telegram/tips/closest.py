"""Which part holds back an alert or a search that found nothing.

"senior backend engineer (go OR rust) fintech remote:yes" may match no job because few jobs
say "fintech", and the job seeker cannot tell that from "no such job this week". For a query
of several parts (an AND at its top), the jobs found without each part in turn are counted,
and the parts whose leaving out finds the most are named, each with the command that leaves
it out, ready to copy. A part left out must leave a word to look for (`bot.query`), and a
tech asked for ("rust") is left out only where another one stays: it is what the job seeker
wants, not what may give.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape as esc

from bot.errors import QueryError
from bot.query import Query
from bot.stack import is_tech
from bot.syntax import And, Attr, Field, Node, Or, Phrase, Salary, Word, Years, format_node
from bot.telegram.tips.exclude import negated
from bot.view import stored_query
from bot.wording import plural

MOST_PARTS = 8  # parts tried, at most (each is one more search)
SHOWN = 2  # parts named, at most
# Jobs read at most for all the parts left out (each ~0.2 ms: the reply stays quick), shared
# among them, but at least `LEAST_SCAN` each.
SCAN, LEAST_SCAN = 600, 60

# (the query without a part, jobs to read at most) -> (the jobs it finds, whether it stopped
# at its bound first)
Count = Callable[[Query, int], tuple[int, bool]]


@dataclass(frozen=True, slots=True)
class Miss:
    """A part of a query, and what the query finds without it."""

    part: Node
    rest: Query
    jobs: int
    more: bool  # the search stopped at its bound: at least `jobs`

    @property
    def found(self) -> str:
        """What the query finds without the part, in words: "1 job", "300+ jobs"."""
        return f"{self.jobs:,}+ jobs" if self.more else plural(self.jobs, "job")


def without_each(root: Node, amounts: bool = True) -> list[tuple[Node, Query]]:
    """(part, the query without it) for each part of an AND at the top of `root` that can go
    (the rest still looks for a word); salary amounts and years only when `amounts` (another
    tip offers to take the jobs that state none: `tips.amounts`)."""
    if not isinstance(root, And):
        return []
    out = []
    off = negated(root.children)  # "sem crypto": "crypto" alone, or "sem" alone, is no rest
    for i, part in enumerate(root.children[:MOST_PARTS]):
        if (not amounts and isinstance(part, Salary | Years)) or i in off:
            continue
        rest = root.children[:i] + root.children[i + 1 :]
        if _techs(part) and not any(_techs(r) for r in rest):
            continue  # "rust berlin": Rust is what is asked for, Berlin may give
        if not any(_asks(r) for r in rest):
            continue  # only filters left ("location:toronto -title:senior"): every job there
        try:
            query = stored_query(format_node(rest[0] if len(rest) == 1 else And(rest)))
        except QueryError:  # only exclusions left (a rest is within the limits the whole met)
            continue
        out.append((part, query))
    return out


def _techs(node: Node) -> bool:
    """Whether `node` asks for a tech ("rust", "(rust OR go)"), not leaves one out."""
    if isinstance(node, Word | Phrase):
        return is_tech(node.text)
    if isinstance(node, Field):
        return _techs(node.child)  # "title:rust"
    return isinstance(node, And | Or) and any(_techs(c) for c in node.children)


def _asks(node: Node) -> bool:
    """Whether `node` asks for a kind of job: a word, a title or company, a type:; not a
    filter alone (a place, pay, a way of working, a minus)."""
    if isinstance(node, Word | Phrase):
        return True
    if isinstance(node, Field):
        return node.name in ("title", "company") and _asks(node.child)
    if isinstance(node, Attr):
        return node.name == "type"
    return isinstance(node, And | Or) and any(_asks(c) for c in node.children)


def misses(root: Node, count: Count, amounts: bool = True) -> list[Miss]:
    """The parts whose leaving out finds jobs, those that find the most first."""
    found = []
    parts = without_each(root, amounts)
    for part, rest in parts:
        jobs, more = count(rest, max(LEAST_SCAN, SCAN // len(parts)))
        if jobs:
            found.append(Miss(part, rest, jobs, more))
    return sorted(found, key=lambda m: -m.jobs)


def tip(found: list[Miss], command: str, jobs: str) -> str:
    """Lines for a reply that found nothing: the parts of `found` that hold it back, with
    `command` ("/edit 3", "/search") and the query without each; "" when none does. `jobs`
    says which jobs were counted ("jobs of the last 7 days")."""
    if not found:
        return ""
    lines = [f"\nOne part less finds some ({jobs}):"]
    for miss in found[:SHOWN]:
        lines.append(
            f"• without <b>{esc(format_node(miss.part))}</b>: {miss.found}, "
            f"<code>{esc(command)} {esc(miss.rest.normalized)}</code>"
        )
    return "\n".join(lines)
