"""Tips: a line under the reply to /alert, /edit or /search when the query likely says
something other than what its writer meant, with the query they likely meant, ready to copy
("rust OR go remote:yes" groups as rust, or remote go; "visa sponsorship" finds the jobs that
refuse it too). Pure: each reads the parsed query.

This module says which tips a reply gets, in what order; each kind is a module of its own:
`sentence` (a query written as a sentence), `where` (remote, from:, near:, location:),
`words` (levels, years, visa, languages, OR and commas, other sites' fields) and `amounts`
(salaries and years a job may not state, currencies).
"""

from __future__ import annotations

from bot.syntax import Node, format_node
from bot.telegram.tips.amounts import currency_tip
from bot.telegram.tips.sentence import as_filters, sentence_tip
from bot.telegram.tips.where import open_tip, place_tip, remote_from_tip, workplace_tip
from bot.telegram.tips.words import (
    grouping_tip,
    language_tip,
    level_tip,
    list_tip,
    visa_tip,
    years_tip,
)


def alert_tips(root: Node, typed: str, command: str) -> str:
    """The tips an alert's query gets when it is saved or edited (`command`: "/edit 3"). Those
    after a sentence's tip build on the filters it offers, so each offer keeps them."""
    first = sentence_tip(root, command)
    if first and (rewritten := as_filters(root)):
        root, typed = rewritten[0], format_node(rewritten[0])
    return (
        (first or workplace_tip(root, command))
        + grouping_tip(root, typed, command)
        + list_tip(root, typed, command)
        + place_tip(root, command)
        + remote_from_tip(root, command)
        + visa_tip(root, command)
        + language_tip(root, command)
        + level_tip(root, command)
        + years_tip(root, command)
        + currency_tip(root)
    )


def search_tips(root: Node, typed: str) -> str:
    """The tips a /search that found nothing gets: those that say why a job may have been
    missed ("rust, go" needs both words), each with the /search that finds it."""
    return (
        (sentence_tip(root, "/search") or workplace_tip(root, "/search"))
        + list_tip(root, typed, "/search")
        + place_tip(root, "/search")
        + open_tip(root)
        + years_tip(root, "/search")
        + currency_tip(root)
    )
