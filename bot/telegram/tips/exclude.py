"""What a query leaves out, written as words ("rust no crypto", "go without gambling", "rust
but not web3"): every word of a query must be in the job, so "no crypto" finds the very jobs
that mention crypto. The exclusion (-crypto) is offered. Pure.
"""

from __future__ import annotations

import html

from bot.errors import QueryError
from bot.query import parse as parse_query
from bot.syntax import (
    ATTRS,
    And,
    Attr,
    Field,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Word,
    format_node,
)
from bot.telegram.tips.tip import Tip, joined, word_of
from bot.telegram.tips.words import LEVELS, TYPES, level_aside
from bot.telegram.topics import spellings

esc = html.escape

# The words people put before what they do not want.
EXCLUDING = frozenset({
    "no", "without", "excluding", "exclude", "except", "minus", "nor", "nothing", "avoid",
    "avoiding", "kein", "keine", "ohne", "sin", "sans", "sem", "zonder", "geen", "exceto",
    "excepto", "nada",
})  # fmt: skip
# Words between "nothing" ("nada") and what it leaves out: "nothing in crypto", "nothing to do
# with gambling", "nothing related to the defense industry", "nada de cripto".
_TO_WHAT = frozenset({"in", "at", "with", "from", "around", "the", "to", "do", "related", "de"})
_NOTHING = ("nothing", "nada")
# Words that negate what follows, left out by the exclusion tip or not ("não cripto"): a word
# after one is no word to offer a job must have (`negated`).
NEGATING = EXCLUDING | {"not", "nao", "nem", "ni", "never", "nunca", "salvo", "sauf"}
# After "no", words meant as they stand: "no experience" (entry level), "no code", "no visa
# sponsorship" (the visa tip's) are no exclusion.
_KEPT = frozenset({
    "experience", "exp", "degree", "code", "coding", "visa", "visas", "sponsorship", "sponsor",
})  # fmt: skip
_WORKPLACE = ("remote", "hybrid", "onsite")  # "no remote": the remote: filter, negated
# Words of other languages that postings write in English too: "sem cripto" leaves out both.
_ALSO = {"cripto": "crypto", "criptomoedas": "crypto", "criptomonedas": "crypto"}
# Words that end what is left out in several words: "no working student roles".
_ROLES = frozenset({
    "job", "jobs", "role", "roles", "position", "positions", "opening", "openings", "stelle",
    "stellen",
})  # fmt: skip
# Things of several words left out whole even with no job word after them.
_WHOLE = frozenset({("working", "student"), ("working", "students")})


def _text(term: Node) -> str:
    return term.text if isinstance(term, Word | Phrase) else ""


def excluded_at(terms: list[Node] | tuple[Node, ...], i: int) -> tuple[Node, int, str] | None:
    """(what the terms from `i` leave out, as the query says it; how many terms that takes;
    the words as typed) when they say to leave something out: "no crypto" (-crypto), "without
    crypto or web3" (-(crypto OR web3)), "nothing to do with crypto" (-crypto), "no remote"
    (-remote:yes), "but -crypto" (the exclusion, without "but"). None otherwise."""
    word = _text(terms[i])
    via = 0
    while word in _NOTHING and i + 2 + via < len(terms) and _text(terms[i + 1 + via]) in _TO_WHAT:
        via += 1
    after = terms[i + 1 + via] if i + 1 + via < len(terms) else None
    if after is None:
        return None
    if word == "but" and isinstance(after, Not):
        return after, 2, "but"
    if word not in EXCLUDING or (via == 0 and word in _NOTHING and _text(after) in _TO_WHAT):
        return None
    if not via and (whole := whole_at(terms, i + 1)) is not None:  # "no working student roles"
        typed = " ".join((word, *(format_node(t) for t in terms[i + 1 : i + 1 + whole[1]])))
        return Not(_also(whole[0])), 1 + whole[1], typed
    typed = " ".join((word, *(_text(t) for t in terms[i + 1 : i + 1 + via]), format_node(after)))
    if isinstance(after, Or) and all(_text(c) for c in after.children):
        if any(_text(c) in _KEPT for c in after.children):
            return None
        return _kinds_apart(after) or Not(_own(after) or _also(after)), 2 + via, typed
    said = _text(after)
    if not said or said.split()[0] in _KEPT:
        return None
    if season := season_of(said):  # "no winter internships": "(Winter 2027 co-op)"
        return Not(Field("title", Word(season))), 2 + via, typed
    if kind := TYPES.get(said):  # "no contract roles": the jobs marked so, not the word
        return Not(Attr("type", kind)), 2 + via, typed
    return Not(_own(after) or _also(after)), 2 + via, typed


SEASONS = frozenset({"winter", "spring", "summer", "fall", "autumn"})
_TERMS = frozenset({"term", "terms", "internship", "internships", "coop", "coops", "co-op",
                    "co-ops", "co", "op", "ops", "jobs", "roles", "positions", "intern", "interns"})  # fmt: skip


def season_of(said: str) -> str | None:
    """The season words name alone or as a term ("winter", "winter internships", "summer co
    op"): a title names it ("SWE Intern (Winter 2027 co-op)"); None for other words."""
    words = said.lower().split()
    if words and words[0] in SEASONS and set(words[1:3]) <= _TERMS and len(words) <= 3:
        return words[0]
    return None


def negated(terms: list[Node] | tuple[Node, ...]) -> frozenset[int]:
    """The indexes of the terms that say to leave something out ("sem cripto", "nada de
    cripto", "no crypto or web3"): a negating word, the words like "de" after it and the term
    it leaves out. Neither is a word to ask for alone: "cripto" without "sem" asks for it."""
    out: set[int] = set()
    for i, term in enumerate(terms):
        if _text(term) not in NEGATING:
            continue
        j = i + 1
        while j < len(terms) - 1 and j - i <= 3 and _text(terms[j]) in _TO_WHAT:
            j += 1
        if j < len(terms):
            out.update(range(i, j + 1))
    return frozenset(out)


def _kinds_apart(either: Or) -> Node | None:
    """ "no agencies or contract work": a kind of job (contract, internship) left out as the
    jobs marked so (-type:contract), apart from the words left out (-agencies); None when
    the OR names no kind of job, or only kinds."""
    kinds = [TYPES[_text(c)] for c in either.children if _text(c) in TYPES]
    words = [c for c in either.children if _text(c) not in TYPES]
    if not kinds or not words:
        return None
    rest = words[0] if len(words) == 1 else Or(tuple(words))
    marked = (Not(Attr("type", k)) for k in dict.fromkeys(kinds))
    return And((Not(_own(rest) or _also(rest)), *marked))


def whole_at(terms: list[Node] | tuple[Node, ...], i: int) -> tuple[Node, int] | None:
    """(the thing of several words from `i` left out whole, how many terms it takes) when
    they run to a job word ("working student roles": "working student"; "working student or
    intern roles": "working student" OR intern) or are one ("working student"); None for one
    word, or words that start with a level, a type or a workplace ("senior backend roles")."""
    run = list(terms[i : i + 3])
    ends = next((k for k, t in enumerate(run) if _text(t) in _ROLES), None)
    pair = tuple(_text(t.children[0] if isinstance(t, Or) else t) for t in run[:2])
    if ends is None and pair not in _WHOLE:
        return None
    run = run[: 2 if ends is None else ends]
    if len(run) < 2:
        return None
    words, last = [_text(t) for t in run[:-1]], run[-1]
    either = isinstance(last, Or) and all(isinstance(c, Word) for c in last.children)
    if not all(words) or not (either or _text(last)) or words[0] in (*LEVELS, *TYPES, *_WORKPLACE):
        return None
    if any(w in EXCLUDING or w in _KEPT for w in words):
        return None
    if isinstance(last, Or):  # "working student or intern": the words before go to the first
        first = Phrase((*words, _text(last.children[0])))
        return Or((first, *last.children[1:])), len(run)
    return Phrase(tuple(_text(t) for t in run)), len(run)


def _also(term: Node) -> Node:
    """What to leave out with the English word postings write too ("cripto": cripto OR
    crypto; "krypto": krypto OR crypto, as editing an alert in German leaves out,
    `topics.spellings`)."""
    named = term.children if isinstance(term, Or) else (term,)
    forms = [_forms(t) for t in named]
    kept = [f[0] if len(f) == 1 else t for t, f in zip(named, forms, strict=True)]
    also = tuple(dict.fromkeys((*kept, *(w for f in forms for w in f if len(f) > 1))))
    return term if also == named else Or(also) if len(also) > 1 else also[0]


def _forms(term: Node) -> tuple[Node, ...]:
    """A word and the other ways jobs write it ("krypto": krypto, crypto); its forms that all
    start with one, as that prefix* alone ("werkstudenten": werkstudent*, Werkstudentin too)."""
    said = _text(term)
    if not said or " " in said:
        return (term,)
    forms = [w for w in (*spellings(said), _ALSO.get(said, "")) if w]
    if len(forms) > 1 and all(f.startswith(forms[0]) for f in forms):
        return (Prefix(forms[0]),)
    return tuple(Word(w) for w in forms)


def exclusion_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When the query says in words what to leave out ("rust no crypto"): those words are
    words a job must have. The query with the exclusions (rust -crypto) is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    out: list[Node] = []
    said: list[str] = []
    gone: list[Node] = []
    i = 0
    while i < len(terms):
        if (found := excluded_at(terms, i)) is None:
            out.append(terms[i])
            i += 1
            continue
        node, taken, words = found
        out.append(node)
        said.append(f"“{esc(words)}”")
        if not isinstance(terms[i + 1], Not):
            whole = whole_at(terms, i + 1) if _text(terms[i]) in EXCLUDING else None
            gone.append(terms[i + taken - 1] if whole is None else whole[0])  # ("working student")
        i += taken
    if not said:
        return None
    named = " and ".join(said)
    if gone:
        each = [c for g in gone for c in (g.children if isinstance(g, Or) else (g,))]
        shown = (g.text if isinstance(g, Phrase) else format_node(g) for g in each)
        things = " or ".join(f"“{esc(g)}”" for g in shown)
        why = f"{named} finds only the jobs that mention {things}, the ones meant to be left out."
    else:
        why = f"{named} is a word a job must have too: every word of a query must be in the job."
    try:
        meant = parse_query(format_node(joined(out))).root
    except QueryError:  # only exclusions ("no crypto"): no alert on its own
        minus = esc(format_node(next(t for t in out if isinstance(t, Not))))
        example = f"<code>{esc(command)} backend {minus}</code>"
        return Tip(f"{why} A minus leaves them out, after a word a job must have: {example}.")
    return Tip(why, "To leave them out:" if gone else "Without it:", meant)


def unwanted_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When the query leaves out a level or workplace by its word (-senior, -remote, not
    inside OR): that leaves out every job whose text has the word, even in passing
    ("mentored by senior engineers", "this role is not remote"). The job's own level
    (-title:senior) or workplace (-remote:yes) is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    own: dict[Node, Node] = {
        t: Not(o) for t in terms if isinstance(t, Not) and (o := _own(t.child)) is not None
    }
    if not own:
        return None
    unwanted = [t for t in terms if isinstance(t, Not) and t in own]
    child = unwanted[0].child
    several = len(unwanted) > 1 or isinstance(child, Or)
    first = _text(child.children[0] if isinstance(child, Or) else child)
    if first in _WORKPLACE:
        aside, lead = f"“this role is not {first}”", "To leave out the jobs the board marks so:"
    else:
        level = "those levels" if several else "that level"
        aside, lead = f"“{level_aside(first)}”", f"To leave out the jobs of {level}:"
    words = " ".join(format_node(t) for t in unwanted)
    has = "leave out every job whose text has one of the words" if several else ""
    has = has or "leaves out every job whose text has the word"
    return Tip(
        f"<b>{esc(words)}</b> {has}, even in passing ({aside}).",
        lead,
        joined(own.get(t, t) for t in terms),
    )


def _own(term: Node) -> Node | None:
    """The filter for a job's own level or workplace that a word names (or levels joined by
    OR), or None."""
    if isinstance(term, Or) and all(_text(c) in LEVELS for c in term.children):
        return Field("title", term)
    word = word_of(term)
    if word in LEVELS:
        return Field("title", term)
    if word in _WORKPLACE:
        return Attr("remote", ATTRS["remote"][word])
    return None
