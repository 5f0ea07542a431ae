"""Tips: a line under the reply to /alert, /edit or /search when the query likely says
something other than what its writer meant, with the query they likely meant, ready to copy
("rust OR go remote:yes" groups as rust, or remote go; "visa sponsorship" finds the jobs that
refuse it too). Pure: each reads the parsed query.

This module says which tips a reply gets, in what order, and offers one query that takes them
all; each kind is a module of its own: `sentence` (a query written as a sentence), `where`
(remote, from:, near:, location:), `words` (levels, years, visa, languages, other sites'
fields), `lists` (OR beside words, commas, slashes), `said` (roles typed in the plural),
`amounts` (salaries and years a job may not state, currencies) and `clash` (two values of one
attribute no job has both of).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence

from bot.syntax import And, Node, Or, format_node
from bot.telegram.tips.amounts import currency_tip
from bot.telegram.tips.clash import clash_tip
from bot.telegram.tips.exclude import exclusion_tip, unwanted_tip
from bot.telegram.tips.lists import grouping_tip, languages_tip, list_tip, slash_tip
from bot.telegram.tips.said import plural_tip
from bot.telegram.tips.sector import sector_tip
from bot.telegram.tips.sentence import hybrid_tip, sentence_tip
from bot.telegram.tips.tip import Tip, joined
from bot.telegram.tips.where import (
    either_remote_tip,
    open_tip,
    place_tip,
    remote_from_tip,
    workplace_tip,
)
from bot.telegram.tips.words import (
    german_tip,
    language_tip,
    level_tip,
    type_tip,
    visa_tip,
    years_tip,
)
from bot.telegram.tips.zones import zone_tip

# A kind of tip: (the query, as typed, the command it is offered with) -> its tip, if any.
Kind = Callable[[Node, str, str], Tip | None]

ALERT: tuple[Kind, ...] = (
    hybrid_tip,  # first: "remote in Europe or hybrid in Berlin" is grouped by its places
    grouping_tip,  # then: the others read the query as grouped
    list_tip,
    languages_tip,
    slash_tip,
    exclusion_tip,  # before the tips on words: "no remote" is no remote:yes
    unwanted_tip,
    clash_tip,  # "remote:yes remote:hybrid": either, which the tips after read
    sentence_tip,
    german_tip,  # after the sentence's: "über 80k" is pay there
    zone_tip,  # before the remote tips: from: the zone's region, not a word
    workplace_tip,
    either_remote_tip,  # "location:berlin,remote": the place, or remote:yes
    place_tip,
    remote_from_tip,
    visa_tip,
    language_tip,
    level_tip,
    plural_tip,
    type_tip,
    years_tip,
    currency_tip,
    sector_tip,  # last: it offers no query, only says what the word misses
)
SEARCH: tuple[Kind, ...] = (
    hybrid_tip,
    exclusion_tip,
    clash_tip,
    sentence_tip,
    german_tip,
    plural_tip,
    workplace_tip,
    either_remote_tip,
    list_tip,
    languages_tip,
    slash_tip,
    place_tip,
    years_tip,
    currency_tip,
)


def alert_tips(root: Node, typed: str, command: str) -> str:
    """The tips an alert's query gets when it is saved or edited (`command`: "/edit 3")."""
    return _chain(root, typed, command, ALERT)


def search_tips(root: Node, typed: str) -> str:
    """The tips a /search that found nothing gets: those that say why a job may have been
    missed ("rust, go" needs both words), each with the /search that finds it."""
    return _chain(root, typed, "/search", SEARCH) + open_tip(root)


def _chain(root: Node, typed: str, command: str, kinds: Sequence[Kind]) -> str:
    """Each kind's tip on the query as the tips before it rewrote it, so the last offer takes
    them all. With one offer, each tip is a line and the offer ends its own; with several,
    each names its own change and one line offers the query that makes them all."""
    tips: list[tuple[Tip, Node | None]] = []
    for kind in kinds:
        if (tip := kind(root, typed, command)) is None:
            continue
        change = None
        if tip.meant is not None:
            change = _changed(root, tip.meant)
            root, typed = tip.meant, format_node(tip.meant)
        tips.append((tip, change))
    if sum(tip.meant is not None for tip, _ in tips) < 2:
        return "".join(tip.line(command) for tip, _ in tips)
    offer = f"<code>{html.escape(command)} {html.escape(format_node(root))}</code>"
    return "".join(tip.part(change) for tip, change in tips) + f"\nAll of these: {offer}."


def _changed(before: Node, after: Node) -> Node:
    """The terms of `after` that are nowhere in `before`: title:senior for senior, (rust OR
    go) for rust OR go remote:yes; all of it when there are none."""
    old = set(_nodes(before))
    new = [t for t in (after.children if isinstance(after, And) else (after,)) if t not in old]
    return joined(new) if new else after


def _nodes(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children if isinstance(node, And | Or) else ():
        yield from _nodes(child)
