"""Whether a posting matches an alert query: the reference evaluator, search and route.

The last step of the line query -> view/plan -> index -> match. `matches` is the plain
reference: it walks the query over the posting's words, nothing clever. `search` passes over
postings whose text lacks the keys that `bot.plan` says a match needs, and tests the rest with
the compiled query of `bot.view`. `route` asks the `Matcher` of `bot.index` which users each
posting goes to, so that it does not evaluate every alert.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot import gcpause
from bot.experience import asked
from bot.index import Matcher
from bot.models import Alert, Delivery, Posting, Routed
from bot.placenames import city_spellings, is_place_word
from bot.placewords import where
from bot.plan import plan
from bot.salary import yearly
from bot.stack import is_tech
from bot.synonyms import expand
from bot.syntax import (
    ATTRS,
    And,
    Attr,
    Field,
    Node,
    Not,
    Phrase,
    Prefix,
    Query,
    Salary,
    Word,
    Years,
)
from bot.view import (
    ANYWHERE,
    ATTR_VALUES,
    attribute,
    compile_query,
    salary_test,
    stored_query,
    view,
    years_test,
)
from bot.words import LANGUAGE_WORDS, fold, only_ordinary, tokens

# -- reference evaluator -------------------------------------------------------------------


def matches(query: str | Query, posting: Posting) -> bool:
    """Reference evaluator: walks the query over the posting's word lists, nothing clever.

    Each field is a list of word lists (a phrase runs within one); location: also looks in
    "places", the words of the countries, regions and states the location lies in, and for
    phrases in "place names", their names of several words.
    """
    fields = {f: [tokens(getattr(posting, f) or "")] for f in (*ANYWHERE, "board")}
    here = where(posting.location)
    fields["places"] = [[w] for w in here.words]  # its words alone: not "asia" of "asia pacific"
    fields["place names"] = [list(name) for name in here.names if len(name) > 1]
    fields["cities"] = [[w] for w in here.city_words]
    return _naive(expand(stored_query(query).root), fields, (*ANYWHERE, "cities"), posting)


def _has_word(word: str, field: str, words: list[list[str]], p: Posting) -> bool:
    """Whether the field has the word; a "go" or "c" that the field never writes as the
    language ("as they go", "go-live", "C-level") does not count."""
    if not any(word in w for w in words):
        return False
    if word not in LANGUAGE_WORDS or field in ("places", "cities"):
        return True
    return not only_ordinary(getattr(p, field) or "", [word])


def _naive(
    node: Node, fields: dict[str, list[list[str]]], scope: tuple[str, ...], p: Posting
) -> bool:
    if isinstance(node, Word):
        placed = "description" in scope and is_tech(node.token)  # "West Java" is no Java
        skip = ("place names", "location", "cities") if placed else ("place names",)
        return any(_has_word(node.token, f, fields[f], p) for f in scope if f not in skip)
    if isinstance(node, Phrase):
        n = len(node.tokens)
        found = any(
            tuple(w[i : i + n]) == node.tokens
            for f in scope
            for w in fields[f]
            for i in range(len(w))
        )
        if found and "description" in scope and any(is_tech(t) for t in node.tokens):
            said = {t for f in ("title", "company", "description") for w in fields[f] for t in w}
            return all(t in said for t in node.tokens if is_tech(t))  # as a word: no "Rust, AT"
        return found
    if isinstance(node, Prefix):
        return any(t.startswith(node.stem) for f in scope for w in fields[f] for t in w)
    if isinstance(node, Attr):
        return attribute(p, node.name) in ATTR_VALUES[node.name, node.value]
    if isinstance(node, Salary):
        return salary_test(node, yearly(p))
    if isinstance(node, Years):
        return years_test(node, asked(p.title, p.description or "").years)
    if isinstance(node, Field):
        names = ("location", "places", "place names") if node.name == "location" else (node.name,)
        return _naive(node.child, fields, names, p)
    if isinstance(node, Not):
        return not _naive(node.child, fields, scope, p)
    if isinstance(node, And):
        return all(_naive(c, fields, scope, p) for c in node.children)
    return any(_naive(c, fields, scope, p) for c in node.children)


def search(query: str | Query, postings: Iterable[Posting], limit: int = 0) -> list[Posting]:
    """The postings that match, in their order; the first `limit` of them when it is set.

    A posting whose folded text lacks the words of every way to match is passed over without
    being tokenized: a few times quicker on the postings that don't match.
    """
    q = stored_query(query)
    test = compile_query(q)
    needles = [[n for k in way.keys for n in _needles(k)] for way in plan(expand(q.root)) or ()]
    hits: list[Posting] = []
    for posting in postings:
        text = fold("\n".join(getattr(posting, f) or "" for f in (*ANYWHERE, "board")))
        if not any(all(any(n in text for n in ns) for ns in way) for way in needles):
            continue
        if test(view(posting)):
            hits.append(posting)
            if len(hits) == limit:
                break
    return hits


def _needles(key: str) -> list[tuple[str, ...]]:
    """Text that the folded text of a posting with `key` contains: one of each tuple's."""
    field, _, words = key.rpartition(":")
    if field in ATTRS or (field == "location" and is_place_word(words)):
        return []  # not in the text, or a country or region that its cities imply
    names = city_spellings(words) if field in ("", "location") else ()
    if names:
        return [names]  # "munich": München, Munich, Muenchen…
    return [(n,) for n in words.lstrip("*").split(" ")]


def fulltext(query: str | Query) -> str | None:
    """An FTS5 query (`bot.store.fulltext`) that every posting matching `query` satisfies:
    one way's needles (as phrases; a stem as a phrase prefix) for each way to match. None
    when some way needs no word (only negations, remote:, type:, salary: or a country):
    then there is nothing to look up, and the caller scans instead."""
    ways = plan(expand(stored_query(query).root))
    if not ways:
        return None
    clauses: dict[str, None] = {}
    for way in ways:
        terms = sorted({t for k in way.keys for t in _phrases(k)})
        if not terms:
            return None
        clauses["(" + " AND ".join(terms) + ")"] = None
    return " OR ".join(clauses)


def _phrases(key: str) -> list[str]:
    """`_needles` as FTS5 phrases; a needle with no letter or digit (nothing FTS5 indexes)
    asks for nothing."""
    prefix = " *" if key.rpartition(":")[2].startswith("*") else ""
    phrases = []
    for needles in _needles(key):
        either = ['"' + n.replace('"', '""') + '"' + prefix for n in needles if _indexed(n)]
        if len(either) == len(needles):  # (one that FTS5 cannot find: ask for none)
            phrases.append(either[0] if len(either) == 1 else "(" + " OR ".join(either) + ")")
    return phrases


def _indexed(needle: str) -> bool:
    return any(c.isalnum() for c in needle)


def route(postings: Iterable[Posting], alerts: Iterable[Alert] | Matcher) -> list[Routed]:
    """Who each posting goes to: one `Routed` (users and their alerts, in arrays) for each
    posting that some alert matches; `deliveries` makes one `Delivery` per user of them."""
    matcher = alerts if isinstance(alerts, Matcher) else Matcher(alerts)
    return [r for r in map(matcher.route, postings) if r is not None]


def deliveries(routed: Iterable[Routed]) -> list[Delivery]:
    """One delivery per (user, posting), naming every alert of that user that matched: the
    readable form (the poll's write path takes `Routed` whole, `bot.fanout`).

    The cyclic collector is paused meanwhile: a burst's tuples hold no cycles, and each
    collection they set off would walk the whole index (see `gcpause`)."""
    out: list[Delivery] = []
    with gcpause.paused():
        for r in routed:
            out.extend(r.deliveries())
    return out
