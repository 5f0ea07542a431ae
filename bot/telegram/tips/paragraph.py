"""A text that tells what one looks for over several sentences, too long to read as one ("I am
a senior backend engineer … mostly in Rust and Go … I live in Lisbon and would like a remote
role in Europe … Please no crypto, web3 or gambling companies. Thanks a lot!"): read sentence
by sentence, the filters each says joined into one query, the sentences that say none of the
job (thanks, one's past) left out; and for a query of filters alone, what they are in words.
Pure; `talk` asks it."""

from __future__ import annotations

import html
import re

from bot.errors import QueryError
from bot.query import parse as parse_query
from bot.syntax import And, Attr, Field, Node, Not, Or, Phrase, Salary, Word, Years, format_node
from bot.telegram.tips.asides import hours_dropped, spelled
from bot.telegram.tips.homes import placed, settled
from bot.telegram.tips.sentence import meant_node
from bot.words import tokens

LONGEST = 1500  # characters: a longer text is read no further
_SENTENCES = 12  # ... nor more of its sentences
_SENTENCE = 200  # characters of one sentence, as `talk` reads a text of one
_END = re.compile(r"(?<=[.;!?])\s+|\n\s*")
# Sentences of one's past, not of the job wanted ("I have worked at two payment companies").
_PAST = frozenset({"worked", "was", "were", "been", "had", "did", "previously", "spent", "used"})


def paragraph_meant(text: str) -> str | None:
    """The query a long text means, its sentences' filters joined ("senior backend engineer
    years:<=12 (rust OR go) … -(crypto OR web3 OR gambling)"); None when no sentence says a
    filter, or the text is longer than `LONGEST`. What it says beside the jobs is left out
    (`asides`: working hours when another place is asked), its places settled (`homes`)."""
    if len(text) > LONGEST:
        return None
    text = spelled(text)
    if (bare := hours_dropped(text)) != text and placed(found := _joined(bare)):
        return format_node(found) if found is not None else None
    found = _joined(text)
    return None if found is None else format_node(found)


def _joined(text: str) -> Node | None:
    """The filters of `text`'s sentences joined, each exclusion said kept (the plain words
    of earlier sentences give way to it when the alert would be too long)."""
    terms: list[Node] = []
    for said in [s for s in _END.split(text) if s.strip()][:_SENTENCES]:
        if len(said) > _SENTENCE or _PAST.intersection(tokens(said)):
            continue
        node = meant_node(said, alone=True)
        parts = node.children if isinstance(node, And) else (node,) if node else ()
        if any(not isinstance(p, Word | Phrase) for p in parts):  # a filter, or OR
            terms = _added(terms, [p for p in parts if p not in terms])
    if not terms or all(isinstance(t, Not) for t in terms):
        return None
    return settled(And(tuple(terms)) if len(terms) > 1 else terms[0])


def _added(terms: list[Node], parts: list[Node]) -> list[Node]:
    """`terms` with `parts` when the alert stays within its length; else with the exclusions
    of `parts` alone, plain words of `terms` left out from the last until they fit."""
    if _parses([*terms, *parts]):
        return [*terms, *parts]
    left_out = [p for p in parts if isinstance(p, Not)]
    kept = list(terms)
    while left_out and not _parses([*kept, *left_out]):
        plain = [k for k, t in enumerate(kept) if isinstance(t, Word | Phrase)]
        if not plain:
            return terms
        del kept[plain[-1]]
    return [*kept, *left_out] if left_out else terms


def left_out_only(text: str) -> str | None:
    """For a sentence that says only what to leave out ("jobs without consulting", "ich suche
    jobs ohne beratung"): the exclusion ("-consulting"), which is no alert alone; None for any
    other text."""
    if len(text) > _SENTENCE or (node := meant_node(text, alone=True)) is None:
        return None
    parts = node.children if isinstance(node, And) else (node,)
    if not all(isinstance(p, Not) for p in parts) or not _parses([Word("x"), *parts]):
        return None
    return format_node(node)


def _parses(terms: list[Node]) -> bool:
    try:
        parse_query(format_node(And(tuple(terms)) if len(terms) > 1 else terms[0]))
    except QueryError:
        return False
    return True


# What each filter is, in words ("the way of working", "the pay").
_KINDS = (
    ("the way of working", lambda n: isinstance(n, Attr) and n.name == "remote"),
    ("the place", lambda n: isinstance(n, Field) and n.name in ("location", "from", "near")),
    ("the pay", lambda n: isinstance(n, Salary) or (isinstance(n, Attr) and n.name == "salary")),
    ("the years of experience", lambda n: isinstance(n, Years)),
    ("the kind of job", lambda n: isinstance(n, Attr) and n.name == "type"),
    ("the company", lambda n: isinstance(n, Field) and n.name == "company"),
    ("what to leave out", lambda n: isinstance(n, Not)),
)


def filters_read(query: str) -> str:
    """The filters of a query that has no words of a job, in words ("the way of working, the
    place and the pay"); "" when it has a word of the job ("rust") or does not parse."""
    try:
        root = parse_query(query).root
    except QueryError:
        return ""
    leaves = _leaves(root)
    if any(isinstance(n, Word | Phrase) for n in leaves):
        return ""
    named = [kind for kind, test in _KINDS if any(test(n) for n in leaves)]
    if not named:
        return ""
    return ", ".join(named[:-1]) + f" and {named[-1]}" if len(named) > 1 else named[0]


def _leaves(node: Node) -> list[Node]:
    """The filters and words of a query, a NOT whole (what it leaves out is no word of it)."""
    if isinstance(node, And | Or):
        return [leaf for c in node.children for leaf in _leaves(c)]
    return [node]


def role_asked(kinds: str, query: str) -> str:
    """For a long text whose query is filters alone: what was read, and the role or tech
    asked for, with the /alert of its words (theirs to fill in) and those filters."""
    return (
        f"I read {kinds} in that, but no role or tech: what kind of job do you look for? Its "
        f"words with them: <code>/alert &lt;your keywords&gt; {html.escape(query)}</code>."
    )
