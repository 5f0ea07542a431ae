"""Why an alert did or did not bring a job: the query tree walked against the posting's view.

`explain` evaluates every leaf of the query (a word, phrase, prefix, an attribute, salary:,
years:)
with the matcher's own compiled test (`bot.view`), after the same synonym expansion, and
combines them as AND/OR/NOT do; so it agrees with the matcher, and it can say which term is
missing, which exclusion hit and which field filter failed (`bot.reached` adds what the
store knows). Pure: no I/O. Reasons are plain text; the caller escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import nearby
from bot.attributes import asks, meaning, pays
from bot.experience import asked
from bot.hiring import said
from bot.models import Posting
from bot.salary import converted, posting_salary
from bot.stack import is_tech
from bot.synonyms import expand, near_place, runs, town
from bot.syntax import (
    NEAR,
    OPEN_TO,
    And,
    Attr,
    Field,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Query,
    Salary,
    Word,
    Years,
)
from bot.syntax import format_node as _text
from bot.view import ANY, ANYWHERE, SCOPE, PostingView, compile_node, stored_query, view
from bot.wording import shorten
from bot.words import LANGUAGE_WORDS

# Why a "go" or "c" the posting has is not the language (`bot.words.only_ordinary`).
_ORDINARY = {
    "go": "“go” only as a word, not Go the language (like “as they go” or “go-live”)",
    "c": "“c” only as a letter, not C the language (like “series C” or “C-level”)",
}


@dataclass(frozen=True, slots=True)
class Explanation:
    """Whether the query matches, and why: what is missing (or excluded), else what matched."""

    matched: bool
    reasons: tuple[str, ...]


def explain(query: str | Query, posting: Posting) -> Explanation:
    """Walk `query` over `posting`: matched or not, with the reasons (see the module doc)."""
    ok, reasons = _walk(stored_query(query).root, ANY, view(posting), posting)
    return Explanation(ok, tuple(dict.fromkeys(reasons)))


def _where(scope: int, p: Posting) -> str:
    if scope == ANY:
        return "the title, company, location or description"
    return stated_field(next(n for n, i in SCOPE.items() if i == scope), p)


def stated_field(name: str, p: Posting) -> str:
    """A field of the job as the reasons quote it: 'the location “Dublin, Ireland”'."""
    value = getattr(p, name) or ""
    return f"the {name} “{shorten(value, 60)}”" if value else f"the {name} (empty)"


def _label(node: Node, scope: int) -> str:
    text = _text(node)
    if scope == ANY:
        return f"“{text.strip(chr(34))}”"
    name = next(n for n, i in SCOPE.items() if i == scope)
    return f"{name}:{text}"


def _leaf(node: Node, scope: int, v: PostingView, p: Posting) -> tuple[bool, list[str]]:
    ok = compile_node(expand(node), scope)(v)
    if isinstance(node, Salary | Years | Attr):
        return ok, [f"{_text(node)}: the job {_stated(node, v, p)}"]
    if ok and _city_name_only(node, v, p):
        place = shorten(p.location or "", 60)
        return ok, [f"{_label(node, scope)}: another name of the city in the location “{place}”"]
    if ok and scope == ANY:
        return ok, [f"{_label(node, scope)} is in the {fields_with(node, v)}"]
    if ok:
        return ok, [f"{_label(node, scope)} is in {_where(scope, p)}"]
    field = "" if scope == ANY else _label(node, scope).partition(":")[0] + ": "
    if scope == ANY and isinstance(node, Word) and is_tech(node.token) and node.token in v.parts[2]:
        place = shorten(p.location or "", 60)
        why = f"“{node.token}” only in the location “{place}”: a place, not the tech"
        return ok, [f"{why} (location:{node.token} finds it there)"]
    if isinstance(node, Word) and node.token in LANGUAGE_WORDS and node.token in v.words[scope]:
        why = _ORDINARY[node.token]
        return ok, [f"{field}{why} in {_where(scope, p)}"]
    return ok, [_missing(node, scope, p)]


def _missing(node: Node, scope: int, p: Posting) -> str:
    """A term's plain miss: "location: no “london” in the location “Dublin, Ireland”"."""
    field = "" if scope == ANY else _label(node, scope).partition(":")[0] + ": "
    if isinstance(node, Prefix):
        missing = f"no word starting with “{node.stem}”"
    elif isinstance(node, Phrase):
        missing = f"no phrase “{' '.join(node.tokens)}”"
    else:
        missing = f"no “{_text(node).strip(chr(34))}”"
    return f"{field}{missing} in {_where(scope, p)}"


def _stated(node: Salary | Years | Attr, v: PostingView, p: Posting) -> str:
    """What the job states of a filter's field: "pays €90k–110k a year", "asks “5+ years of
    experience”", "is remote"… (an attribute's as `bot.attributes` words it)."""
    if isinstance(node, Attr):
        return meaning(node.name).said(p, v)
    if isinstance(node, Salary):
        stated = posting_salary(p)
        told = pays(stated)
        if node.currency and (conv := converted(p, node.currency)):
            told += f" (≈ {conv})"
        return told + ("" if stated else " (salary:none matches such jobs)")
    phrase = asked(p.title, p.description or "").phrase
    return asks(phrase) + ("" if phrase else " (years:none matches such jobs)")


def fields_with(node: Node, v: PostingView) -> str:
    """Where a term found anywhere is: the title, company or location that has it ("title
    and location"), else the description."""
    names = [n for n in ANYWHERE[:3] if compile_node(expand(node), SCOPE[n])(v)]
    names = names or [ANYWHERE[3]]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 2 else names)


def _city_name_only(node: Node, v: PostingView, p: Posting) -> bool:
    """Whether `node` is a word the posting has only as a name of its city ("munich" for a
    job in München), not in its own text."""
    if not isinstance(node, Word) or node.token not in v.where.city_words:
        return False
    return not any(node.token in part for part in v.parts[:4])


def _walk(node: Node, scope: int, v: PostingView, p: Posting) -> tuple[bool, list[str]]:
    """(value, reasons): when false, why it fails; when true, what made it true (for NOT)."""
    if isinstance(node, Field) and node.name == OPEN_TO:
        return _open_to(node, v, p)
    if isinstance(node, Field) and node.name == NEAR:
        return _near(node, v, p)
    if isinstance(node, Field):
        return _walk(node.child, SCOPE[node.name], v, p)
    if isinstance(node, Not):
        ok, inner = _walk(node.child, scope, v, p)
        if not ok:
            return True, [f"{_label(node.child, scope)} is absent"]
        return False, [f"excluded by {_text(node)}: {r}" for r in inner]
    if isinstance(node, And):  # "full stack" typed apart is one leaf, as the matcher sees it
        results = [
            _walk(run[0], scope, v, p) if len(run) == 1 else _run(run, scope, v, p)
            for run in runs(node.children)
        ]
        failed = [r for ok, rs in results if not ok for r in rs]
        if failed:
            return False, failed
        return True, [r for _, rs in results for r in rs]
    if isinstance(node, Or):
        results = [_walk(c, scope, v, p) for c in node.children]
        hit = next((rs for ok, rs in results if ok), None)
        if hit is not None:
            return True, hit
        said = _none_of(node.children, [rs for _, rs in results], scope, v, p)
        return False, said if len(said) == 1 else ["none of: " + "; ".join(said)]
    return _leaf(node, scope, v, p)


def _none_of(
    children: tuple[Node, ...], reasons: list[list[str]], scope: int, v: PostingView, p: Posting
) -> list[str]:
    """An OR's failed parts, the values of one field said once: "the location “Dublin,
    Ireland” has none of london, amsterdam, berlin", "remote:(yes OR hybrid): the job is
    on-site"; the other parts' reasons as they are."""
    groups: dict[tuple[str, int], list[tuple[str, str]]] = {}
    said: list[str | tuple[str, int]] = []
    for child, rs in zip(children, reasons, strict=True):
        one = _one_value(child, rs, scope, p)
        if one is None:
            said.extend(rs)
            continue
        key, value = one
        if key not in groups:
            said.append(key)
        groups.setdefault(key, []).append((value, rs[0]))
    out = []
    for part in said:
        if isinstance(part, str):
            out.append(part)
            continue
        values = [value for value, _ in groups[part]]
        if len(values) == 1:  # alone: its own reason, as before
            out.append(groups[part][0][1])
        elif part[0] == "in":
            out.append(f"{_where(part[1], p)} has none of {', '.join(values)}")
        else:
            out.append(f"{part[0]}:({' OR '.join(values)}): the job {meaning(part[0]).said(p, v)}")
    return out


def _one_value(
    node: Node, reasons: list[str], scope: int, p: Posting
) -> tuple[tuple[str, int], str] | None:
    """An OR's part that is one value of a field, missed plainly: its field ("in", scope) or
    (attribute, 0), and the value as said; None for any other part."""
    if isinstance(node, Field) and node.name not in (OPEN_TO, NEAR):
        return _one_value(node.child, reasons, SCOPE[node.name], p)
    if isinstance(node, Attr):
        return (node.name, 0), node.value
    if isinstance(node, Word | Phrase | Prefix) and reasons == [_missing(node, scope, p)]:
        return ("in", scope), f"“{node.text}”" if isinstance(node, Phrase) else _text(node)
    return None


def _open_to(node: Field, v: PostingView, p: Posting) -> tuple[bool, list[str]]:
    """from:: one leaf, told as the location's being in the place or open to it."""
    ok = compile_node(expand(node), ANY)(v)
    place = _text(node.child)
    where = _where(SCOPE["location"], p)
    if (hires := said(p.location or "")) is not None:  # "Remote; hires in Brazil"
        return ok, [f"{_text(node)}: the description says it hires in {shorten(hires, 60)}"]
    if ok:
        return ok, [f"{_text(node)}: {where} is in or open to {place}"]
    return ok, [f"{_text(node)}: {where} is neither in nor open to {place}"]


def _near(node: Field, v: PostingView, p: Posting) -> tuple[bool, list[str]]:
    """near:: one leaf, told as the location's being within so many km of the place."""
    ok = compile_node(expand(node), ANY)(v)
    where = _where(SCOPE["location"], p)
    leaves = node.child.children if isinstance(node.child, Or) else (node.child,)
    asked = [near_place(leaf) for leaf in leaves if isinstance(leaf, Word | Phrase)]
    if not asked:
        return ok, [f"{_text(node)}: {where} is{'' if ok else ' not'} near enough"]
    if any(nearby.near(name, radius) is None for name, radius in asked):
        unknown = next(name for name, radius in asked if nearby.near(name, radius) is None)
        said = f"I know no city “{unknown}”, so it looks for that name in {where}"
        return ok, [f"{_text(node)}: {said}" + ("" if ok else ": not there")]
    within = " or ".join(f"{radius:.0f} km of {name}" for name, radius in asked)
    away = _away(asked[0][0], v)
    said = f" ({away:.0f} km away)" if away is not None and away >= 0.5 and len(asked) == 1 else ""
    return ok, [f"{_text(node)}: {where} is{'' if ok else ' not'} within {within}{said}"]


def _away(name: str, v: PostingView) -> float | None:
    """How far the job's town is from `name`, when it is within `nearby.MAX_NEAR_KM`."""
    for city, among, km in nearby.distances(name, nearby.MAX_NEAR_KM) or ():
        if compile_node(Field("location", town(city, among)), ANY)(v):
            return km
    return None


def _run(run: tuple[Node, ...], scope: int, v: PostingView, p: Posting) -> tuple[bool, list[str]]:
    """A group's phrase typed as words ("full stack") as one leaf; one whose first word
    carries a field ("title:full stack") is told as looked for in that field."""
    head = run[0]
    if not isinstance(head, Field) or head.name == OPEN_TO:
        return _leaf(And(run), scope, v, p)
    ok = compile_node(expand(And(run)), scope)(v)
    where = _where(SCOPE[head.name], p)
    words = " ".join(_text(c) for c in (head.child, *run[1:]))
    return ok, [f"“{_text(And(run))}” is in {where}" if ok else f"no “{words}” in {where}"]


# -- what else keeps a matching job from a user --------------------------------------------
