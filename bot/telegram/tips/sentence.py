"""A query written as a sentence ("rust jobs in berlin paying over 100k"), read as the filters
it most likely means ("rust location:berlin salary:>=100k"): every word of a query must be in
the job, and few jobs say "jobs" or "over 100k". Pure.
"""

from __future__ import annotations

import html
import re

from bot.errors import QueryError
from bot.query import parse as parse_query
from bot.syntax import And, Attr, Node, Not, Or, Phrase, Salary, format_node
from bot.telegram.tips.asides import hours_dropped, spelled
from bot.telegram.tips.codes import codes_spelled
from bot.telegram.tips.context import context_dropped
from bot.telegram.tips.dollars import bare, in_dollars, local, place_dollar
from bot.telegram.tips.either import either_spelled, or_tight
from bot.telegram.tips.filters import GLUE, JOB_WORDS, NEAR_WORDS, filter_at
from bot.telegram.tips.homes import placed, settled
from bot.telegram.tips.hybrid import hybrid_spelled
from bot.telegram.tips.lists import jobs_or
from bot.telegram.tips.only_place import places_spelled
from bot.telegram.tips.pay import AT_LEAST, AT_MOST, amount, currency_of, pay_spelled
from bot.telegram.tips.phrases import phrases_quoted
from bot.telegram.tips.places import in_a_place, or_remote, without_place_again
from bot.telegram.tips.roles import roles_spelled
from bot.telegram.tips.romance import romance_spelled
from bot.telegram.tips.said import kind_of_work, one_word
from bot.telegram.tips.seasons import seasons_spelled
from bot.telegram.tips.shorthand import shorthand_spelled
from bot.telegram.tips.stated import NO_SPONSORSHIP, languages_spelled
from bot.telegram.tips.tip import Tip, joined, word_of
from bot.telegram.tips.where import WORKPLACE_WORDS, open_to, region_at, workplace_spelled
from bot.telegram.tips.words import NO_WORDS

esc = html.escape


# After a workplace: it is welcome, not asked ("hybrid is ok"): no filter.
_WELCOME = frozenset({"ok", "okay", "fine", "welcome", "possible"})
_RATHER = frozenset({"ideally", "preferably"})  # ... before a workplace: welcome too


_A_PLACE = re.compile(r"(?<!\w)à(?!\w)")
_AT_SIGN = re.compile(r"(?<=\s)@(?=\s)")  # "jobs @ stripe": at
_ARTICLE = re.compile(r"(?<!\w)(?:un|una|une)(?!\w)")  # as written: "UN jobs" are the UN's


def _after_region(terms: list[Node], i: int) -> bool:
    """Whether the words just before `i` name a region ("us", "latin america"), as the
    remote tips read one (`where.region_at`)."""
    return any(
        (found := region_at(terms, j)) is not None and j + found[0] == i
        for j in (i - 1, i - 2)
        if j >= 0
    )


def _said_before(terms: list[Node], i: int) -> bool:
    """Whether the word before `i` only leads what comes: "new" before a job word ("a new
    role"), "anywhere" before a place ("anywhere in europe"), "pay" before an amount's word
    ("that pay over $200k"); "anywhere" last ("elixir jobs anywhere")."""
    after, before = (word_of(terms[i]) if i < len(terms) else ""), word_of(terms[i - 1])
    if before == "pay":
        return after in AT_LEAST or after in AT_MOST or (i < len(terms) and bool(amount(terms[i])))
    if before == "new":  # "a new role"; "any new rust roles": "new" of any job
        return after in JOB_WORDS or (i > 1 and word_of(terms[i - 2]) == "any")
    return after in NEAR_WORDS or not after  # "anywhere"


def _welcome(terms: list[Node], i: int) -> int:
    """How many words from `i` say the workplace before them is welcome, not asked ("is ok",
    "also fine", "is fine too"): 0 when they don't."""
    words = [word_of(t) for t in terms[i : i + 4]]
    n = next(
        (k for k, w in enumerate(words) if w not in _WELCOME | {"is", "also", "too"}), len(words)
    )
    return n if _WELCOME.intersection(words[:n]) - {"too", "also"} else 0


def as_filters(
    root: Node, loose: bool = False, currency: str = "", alone: bool = False
) -> tuple[Node, list[str]] | None:
    """The query written as a sentence, rewritten with the filters it most likely means ("rust
    jobs in berlin paying over 100k" -> "rust location:berlin salary:>=100k"), with the words
    it left out or read as filters; None when it reads as keywords already. "remote" and "3
    years experience" alone make no rewrite (their own tips tell of them) unless `loose`.
    `alone`: the rewrite even when it is no alert alone ("no crypto": a part of a text)."""
    found = _rewritten(root, loose, currency)
    if found is None or alone:
        return found
    try:  # what is left may be no alert ("jobs -java": only an exclusion)
        return parse_query(format_node(found[0])).root, found[1]
    except QueryError:
        return None


def _rewritten(root: Node, loose: bool, currency: str) -> tuple[Node, list[str]] | None:
    terms = [one_word(t) for t in (root.children if isinstance(root, And) else (root,))]
    out: list[Node] = []
    read: list[str] = []  # the words that made a change
    sentence = False
    i = 0
    while i < len(terms):
        rather = int(word_of(terms[i]) in _RATHER and i + 1 < len(terms))  # "ideally remote"
        if word_of(terms[i + rather]) in WORKPLACE_WORDS and (
            welcome := rather or _welcome(terms, i + 1)
        ):
            read.append(word_of(terms[i + rather]))  # "hybrid is ok": hybrid or not, no filter
            if word_of(terms[i + rather]) == "remote" and out and in_a_place(out[-1]):
                out[-1] = or_remote(out[-1])  # "in berlin, remote ok"
            i += 1 + welcome
            continue
        if (found := filter_at(terms, i, currency)) is not None:
            node, taken, said, alone = found
            out.append(node)
            read.append(said)
            sentence |= alone
            i += taken
            continue
        term, token = terms[i], word_of(terms[i])
        if token == "only" and _after_region(terms, i):
            out.append(term)  # "us only": from:us, which the remote tips offer
        elif token in JOB_WORDS or (token == "work" and i and kind_of_work(terms[i - 1])):
            read.append(token)  # ("remote work", "go work"; not "social work")
            sentence = True
        elif token in ("new", "anywhere", "pay") and _said_before(terms, i + 1):
            read.append(token)  # "a new job" (not "new grad"), "anywhere in europe", "pay over"
        elif not (token in GLUE or (isinstance(term, Phrase) and set(term.tokens) <= GLUE)):
            out.append(term)  # (a phrase of glue: "I'm")
        i += 1
    if not out or not (sentence or (loose and read)):
        return None
    return (And(tuple(out)) if len(out) > 1 else out[0]), read


# "… at least 80k euros or no salary stated": the salary asked, or none stated.
_OR_NONE = re.compile(
    r"\s*,?\s+(?:or|ou|o|oder)\s+(?:(?:if|when)\s+)?(?:(?:with\s+)?no|none|without|sem|sin|sans"
    r"|ohne|kein(?:e|em)?|(?:an?\s+)?(?:unstated|unlisted|undisclosed))\s+(?:(?:an?|any|the)\s+)?"
    r"(?:salary|salaries|pay|compensation|gehalt)(?:\s+(?:is\s+)?(?:stated|listed|given|posted"
    r"|shown|disclosed|mentioned|specified|informado|indicado|divulgado|angegeben))?(?!\w)",
    re.IGNORECASE,
)
_COMMA_OR = re.compile(r"\s*,\s*(?=or\s)", re.IGNORECASE)  # "in Europe, or Berlin": a clause's OR


def _or_none(node: Node) -> Node:
    """Each salary asked, or none stated (`salary:none`): "at least 80k or no salary stated"."""
    terms = node.children if isinstance(node, And) else (node,)
    return joined(Or((t, Attr("salary", "none"))) if isinstance(t, Salary) else t for t in terms)


def meant(text: str) -> str | None:
    """The query a text written as a sentence most likely means ("I'm looking for rust jobs
    in Berlin" -> "rust location:berlin", "remote go jobs in Germany" -> "remote:yes go
    from:germany"); None when it is no query or reads as one already."""
    node = meant_node(text)
    return None if node is None else format_node(node)


def meant_node(text: str, alone: bool = False) -> Node | None:
    """The query `meant` reads, as a node; `alone`: the filters read even when they make no
    alert alone ("please no crypto"), for a sentence of a longer text (`paragraph`). What
    it says beside the jobs is left out (`asides`: working hours when another place is
    asked), its places settled (`homes`)."""
    text = spelled(text)
    if (bare := hours_dropped(text)) != text and placed(node := _dollars(bare, alone)):
        return settled(node) if node is not None else None
    node = _dollars(hours_dropped(text, kept=True), alone)  # ("overlap with CET": from:cet)
    return settled(node) if node is not None else None


def _dollars(text: str, alone: bool) -> Node | None:
    """The query of `text`; a bare "$" is the dollar of the one country its places lie in
    ("in toronto … $40/hour": CAD)."""
    node = _read(text, alone)
    if node is None or not bare(text) or not in_dollars(node):
        return node
    code = place_dollar(node)
    return _read(local(text, code), alone) if code else node


def _read(text: str, alone: bool) -> Node | None:
    """The query of `text`, as `meant_node` reads it, with "$" as typed."""
    text = places_spelled(seasons_spelled(context_dropped(text)))  # "graduating in may …"
    text = phrases_quoted(text)  # "new grad or …"; "no winter terms", "only canada": `tips`
    text, unstated = _OR_NONE.subn("", shorthand_spelled(romance_spelled(text)))  # "mínimo"
    text = jobs_or(NO_WORDS.sub(" ", NO_SPONSORSHIP.sub(" ", pay_spelled(text))))  # "top 5"
    text, said = hybrid_spelled(text), text  # "remote in Europe or hybrid in Berlin": both
    text = _ARTICLE.sub("", _A_PLACE.sub("in", _AT_SIGN.sub("at", text)))  # "à paris", "un"
    text = codes_spelled(workplace_spelled(languages_spelled(text)))  # "on site": onsite
    try:  # (glue too)
        root = parse_query(
            _COMMA_OR.sub(" ", either_spelled(text)), repeats=True, max_terms=60, max_length=400
        )
    except QueryError:
        return None
    tight = or_tight(root.root)  # "rust jobs in berlin or munich": berlin OR munich
    rewritten = as_filters(tight, loose=True, currency=currency_of(text), alone=True)
    if rewritten is None:
        spelled = text != said or roles_spelled(text) != text  # (places, roles: the sentence)
        return tight if spelled else None
    try:  # what is left may be no alert ("jobs -java": only an exclusion), or too long
        rewritten_root = _alert(as_asked(rewritten[0]), alone)
    except QueryError:
        return None
    remote = open_to(rewritten_root)  # "remote jobs in germany": open to Germany, from:
    found = remote[0] if remote else rewritten_root
    return _or_none(found) if unstated else found


# "full-time only": the other hours and terms left out, which keeps the many jobs whose board
# states no type (an internship is a level: full-time or not).
_NOT_FULL_TIME = (Not(Attr("type", "contract")), Not(Attr("type", "part-time")))


def as_asked(node: Node) -> Node:
    """The filters as a job seeker means them: a pay range said is her floor ("$150K–$190K":
    salary:>=USD150k, a job paying $200k is welcome); full-time asked is no other kind
    (-type:contract -type:part-time: most boards state no type, and type:full-time would
    drop their jobs). Terms said twice once."""
    terms: list[Node] = []
    for term in node.children if isinstance(node, And) else (node,):
        if isinstance(term, Salary) and term.op == "-":
            terms.append(Salary(">=", term.amount, None, term.currency, term.per))
        elif term == Attr("type", "full-time"):
            terms.extend(_NOT_FULL_TIME)
        else:
            terms.extend(term.children if isinstance(term, And) else (term,))
    return joined(dict.fromkeys(terms))


def _alert(found: Node, alone: bool) -> Node:
    """The alert read: without a place asked alone that an either-or names again, checked as
    an alert (its length too) unless `alone`; QueryError when it is none."""
    if alone:
        return without_place_again(found)
    whole = without_place_again(parse_query(format_node(found), max_length=400).root)
    return parse_query(format_node(whole)).root


def sentence_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When the query reads as a sentence: "jobs", "in berlin", "over 100k" are words every
    job must have, which few have as meant. The filters it most likely means are offered."""
    rewritten = as_filters(root, currency=currency_of(typed))
    if rewritten is None or rewritten[0] == root:  # nothing to change: no tip
        return None
    filters, read = rewritten
    named = [f"“{esc(w)}”" for w in dict.fromkeys(read) if w][:3]
    said = ", ".join(named[:-1]) + f" or {named[-1]}" if len(named) > 1 else "".join(named)
    why = f": few jobs say {said}" if named else ""
    kept = set(root.children if isinstance(root, And) else (root,))
    added = [t for t in (filters.children if isinstance(filters, And) else (filters,))]
    without = "Without it:" if len(named) == 1 else "Without them:"
    lead = "With filters:" if any(t not in kept for t in added) else without
    return Tip(f"a job matches only if its text has every word of the query{why}.", lead, filters)


def hybrid_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When the query says remote work open to a region, or another way of working in a town
    ("remote in Europe or hybrid in Berlin"): its OR took the nearest words. Both, each in its
    place, are offered (`hybrid`)."""
    if hybrid_spelled(typed) == typed or (read := meant(typed)) is None:
        return None
    try:
        offered = parse_query(read).root
    except QueryError:
        return None
    return Tip(
        "OR takes the words beside it, so the places and ways of working mix up.",
        "Each way of working in its place:",
        offered,
    )
