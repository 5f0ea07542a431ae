"""The queries behind the /edits `alter` offers, each with what it does: an alert with a term
added (jobs with both; with either word; or, beside a filter that pins the same field, either
filter in its place: a job has one salary:, remote:, type:, lang:, so "both" would match none),
or with a term taken out (no longer asked for), its jobs left out (-crypto), or let in again
(the -crypto it had gone). Pure."""

from __future__ import annotations

from bot.errors import QueryError
from bot.syntax import (
    And,
    Attr,
    Field,
    Node,
    Not,
    Or,
    Phrase,
    Salary,
    Word,
    Years,
    format_node,
)
from bot.telegram.alter_either import alternatives, is_words, joined, or_of, words_only
from bot.telegram.leaveout import place_left_out, words_left_out
from bot.view import ATTR_VALUES, stored_query

Offer = tuple[str, str]  # an edited query ("" when nothing would be left) and what it does
Values = frozenset[str | None]
_EITHER = " — jobs with either"


def added(root: Node, term: Node, wide: bool = False) -> list[Offer]:
    """The alert with `term` as well (jobs with both) and, for words, as either (jobs with
    one of them, `alter_either.joined`), first when `wide` ("also", "include", "too"). A filter its field
    has already goes beside it in an OR (salary:none to salary:>=80k: "(salary:>=80k OR
    salary:none)"), never both. Nothing when the alert has it (each of "staff and principal")."""
    terms = _terms(root)
    parts = term.children if isinstance(term, And | Or) and words_only(term) else (term,)
    if all(without(root, t) != root for t in parts):  # it has it, alone or inside OR
        return []
    if (rival := _rival(terms, term)) is not None:  # a job has one salary, one workplace
        return [(_query((*terms[:rival], or_of(terms[rival], term), *terms[rival + 1 :])), _EITHER)]
    both = [(format_node(And((*terms, term))), " — jobs with both")]
    either = joined(terms, term, wide) if wide or is_words(term) or words_only(term) else None
    if either is None:  # a filter narrows; of two words, which?
        return both
    offers = [*both, (_query(either), _EITHER)]
    return offers[::-1] if wide else offers


def _query(terms: tuple[Node, ...]) -> str:
    return format_node(And(terms) if len(terms) > 1 else terms[0])


def removed(
    root: Node, term: Node, said: str, leave: bool = False, excluded: bool = False
) -> list[Offer]:
    """What taking `term` (`said`, as typed) out of an alert can mean, each offer saying which:
    the alert no longer asking for it and, for a word it asks for, the alert leaving its jobs
    out; for one it leaves out already (in a group too: -(a OR b)), letting them in again (not
    when `leave`: "exclude X", "no X", then it says so); for one it lacks, leaving them out
    (`leaveout`'s reading: -location:berlin, -title:senior, -crypto). The reading `leave` asks
    for comes first. `excluded` ("remove -crypto"): only the letting in again."""
    items = _items(root, term)
    negated = [t for t in items if without(root, t) != root and not _asks(root, t)]
    if excluded and not negated:
        return [("", f"leaves out no jobs with -{format_node(term)}: nothing to take out.")]
    asked = [t for t in items if _asks(root, t) and not excluded]
    absent = [t for t in items if without(root, t) == root and not excluded]
    typed = [said if len(items) == 1 else format_node(t) for t in items]
    gone = [_left_out(t, s) for t, s in zip(items, typed, strict=True) if t in absent]
    kept: Node | None = root
    for t in asked:
        kept = without(kept, t) if kept is not None else None
    offers: list[Offer] = []
    if asked and (kept is None or not _valid(_with(kept, gone))):
        return [("", "")]  # nothing (or only exclusions) would be left
    if asked and kept is not None:
        names = " and ".join(format_node(t) for t in asked)
        offers.append((_with(kept, gone), f" — no longer asks for {names}"))
        if all(_as_word(root, t) for t in asked):  # (not a filter: -salary:>=75k)
            out = [_left_out(t, s) for t, s in zip(items, typed, strict=True) if t in asked]
            leaving = (_with(kept, out + gone), f" — leaves out the jobs {_about(out + gone)}")
            offers.insert(0 if leave else 1, leaving)
    elif gone:
        offers.append((_with(root, gone), f" — leaves out the jobs {_about(gone)}"))
    if negated:
        had = [_left_out(t, s) for t, s in zip(items, typed, strict=True) if t in negated]
        back = _back_in(root, negated)
        if leave or back is None:
            offers.append(("", f"leaves out the jobs {_about(had)} already."))
        else:
            offers.append((format_node(back), f" — lets in the jobs {_about(had)} again"))
    return offers


def has(root: Node, term: Node) -> bool:
    """Whether an alert asks for `term` or leaves it out, or one of its words ("go and scala")."""
    return any(without(root, t) != root for t in _items(root, term))


def leaves_out(root: Node, term: Node) -> bool:
    """Whether an alert leaves `term` out (-crypto, -(crypto OR web3)) and does not ask for it."""
    return any(without(root, t) != root and not _asks(root, t) for t in _items(root, term))


def without(node: Node, term: Node) -> Node | None:
    """`node` with `term` (or a filter of it) taken out wherever it stands; None when nothing
    is left."""
    if node == term or _names(node, term):
        return None
    if _in_group(node, term):  # title:(senior OR staff OR principal) - principal
        assert isinstance(node, Field) and isinstance(node.child, Or)
        kept = [c for c in node.child.children if c != term and Field(node.name, c) != term]
        return Field(node.name, kept[0] if len(kept) == 1 else Or(tuple(kept)))
    if isinstance(node, Not) and isinstance(node.child, Or):  # -(werkstudent OR praktika)
        inner = without(node.child, term)
        return node if inner == node.child else Not(inner) if inner is not None else None
    if not isinstance(node, And | Or):
        return node
    kept = [k for c in node.children if (k := without(c, term)) is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else type(node)(tuple(kept))


def _names(term: Node, word: Node) -> bool:
    """Whether `term` is a filter of `word` (location:berlin, -crypto, remote:yes of
    "remote", salary:>=80k of "salary")."""
    if isinstance(term, Field | Not):
        return term.child == word or _names(term.child, word)
    if isinstance(term, Salary | Years):
        return word == Word(type(term).__name__.lower())
    return isinstance(term, Attr) and format_node(word) in (term.name, f"{term.name}:{term.value}")


def _items(root: Node, term: Node) -> tuple[Node, ...]:
    """What to take out: `term`; or, for words the alert has not together, the phrase of them
    it has ("machine learning") or each ("go and scala", "go OR scala")."""
    if not isinstance(term, And | Or) or not all(isinstance(c, Word) for c in term.children):
        return (term,)
    if without(root, term) != root:
        return (term,)
    phrase = Phrase(tuple(c.token for c in term.children if isinstance(c, Word)))
    if isinstance(term, And) and without(root, phrase) != root:
        return (phrase,)
    return term.children if any(without(root, c) != root for c in term.children) else (term,)


def _asks(node: Node, term: Node) -> bool:
    """Whether `node` asks for `term` (itself or a filter of it), not only leaves it out."""
    if isinstance(node, Not):
        return False
    if node == term or _names(node, term) or _in_group(node, term):
        return True
    return isinstance(node, And | Or) and any(_asks(c, term) for c in node.children)


def _in_group(node: Node, term: Node) -> bool:
    """Whether `term` (principal, title:principal) is a value of a field's OR group."""
    if not isinstance(node, Field) or not isinstance(node.child, Or):
        return False
    return any(term in (c, Field(node.name, c)) for c in node.child.children)


def _as_word(node: Node, term: Node) -> bool:
    """Whether `node` asks for `term` as it stands and `term` is words (not location:berlin,
    salary:>=75k: leaving out a filter's jobs is the filter turned round)."""
    if isinstance(node, And | Or):
        return any(_as_word(c, term) for c in node.children)
    return (node == term or _in_group(node, term)) and is_words(term)


def _left_out(term: Node, said: str) -> tuple[Node, str]:
    """The exclusion of `term` and its jobs in words ("about crypto", "in Berlin")."""
    words = isinstance(term, Word | Phrase) or (
        isinstance(term, And | Or) and all(isinstance(c, Word) for c in term.children)
    )
    found = (place_left_out(said) or words_left_out(said)) if words else None
    return found or (Not(term), f"with {format_node(term)}")


def _back_in(root: Node, negated: list[Node]) -> Node | None:
    kept: Node | None = root
    for t in negated:
        kept = without(kept, t) if kept is not None else None
    return kept if kept is not None and _valid(format_node(kept)) else None


def _with(kept: Node, gone: list[tuple[Node, str]]) -> str:
    return format_node(And((*_terms(kept), *(g for g, _ in gone)))) if gone else format_node(kept)


def _about(found: list[tuple[Node, str]]) -> str:
    """ "about crypto or web3", "in Berlin, about crypto"."""
    said = [s for _, s in found]
    if all(s.startswith("about ") for s in said):
        return "about " + " or ".join(s.removeprefix("about ") for s in said)
    return ", ".join(said)


def _valid(query: str) -> bool:
    try:
        stored_query(query)
    except QueryError:
        return False
    return True


def _terms(node: Node) -> tuple[Node, ...]:
    return node.children if isinstance(node, And) else (node,)


def _rival(terms: tuple[Node, ...], term: Node) -> int | None:
    """Where among `terms` one pins `term`'s field to other values (remote:hybrid for
    remote:yes, salary:>=80k for salary:none: both together match no job), or, for a
    filter of values alone, to values it implies (salary:>=80k for salary:stated: both
    together are the alert as it is); None when both can hold (salary:>=80k salary:<=120k)."""
    field = _field(term)
    wanted = _pinned(term, field) if field else None
    if field is None or wanted is None:
        return None
    values_only = all(isinstance(c, Attr) for c in alternatives(term))
    for at, t in enumerate(terms):
        have = _pinned(t, field)
        if have is not None and (not have & wanted or (values_only and have <= wanted)):
            return at
    return None


def _field(term: Node) -> str | None:
    """The one field a filter (or an OR of them) is of: remote, salary, years, type, lang."""
    if isinstance(term, Or):
        fields = {_field(c) for c in term.children}
        return fields.pop() if len(fields) == 1 else None
    if isinstance(term, Attr):
        return term.name
    return type(term).__name__.lower() if isinstance(term, Salary | Years) else None


def _pinned(node: Node, field: str) -> Values | None:
    """The values of `field` a job must have for `node` to match it (salary:>=80k: stated;
    "(remote:yes from:europe) OR remote:hybrid": remote or hybrid); None when any will do."""
    if isinstance(node, Attr):
        return ATTR_VALUES.get((node.name, node.value)) if node.name == field else None
    if isinstance(node, Salary | Years):
        return ATTR_VALUES.get((field, "stated")) if _field(node) == field else None
    if isinstance(node, And):
        sets = [s for c in node.children if (s := _pinned(c, field)) is not None]
        return sets[0].intersection(*sets[1:]) if sets else None
    if isinstance(node, Or):
        each = [s for c in node.children if (s := _pinned(c, field)) is not None]
        return each[0].union(*each[1:]) if len(each) == len(node.children) else None
    return None
