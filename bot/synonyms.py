"""Words that mean the same in a job posting: tech names (`go` finds "Golang", `k8s` finds
"Kubernetes", and back), words written joined, apart or hyphenated (`backend` finds
"Back-End"), titles as postings shorten them (`senior` finds "Sr.") and one role written in
either order (`UX/UI` finds "UI/UX").

One table of groups, each a set of spellings as `bot.words` splits them (a spelling of several
words is a phrase). A query word or phrase that is in a group stands for the whole group:
`expand` rewrites the query's tree once, before it is compiled, planned or indexed, so every
evaluator agrees and a posting is never rewritten. Words typed apart that spell a group's
phrase (`full stack`) stand for the group too. Ambiguous short words (`py`, `r`) are not
here, and `node` stays the plain word: "node" finds graph nodes too, write `node.js`.

`expand` also rewrites `from:` ("open to someone in"): from:germany is location:germany, or a
location that names alone a region Germany lies in ("Remote (EU)", "Worldwide"; see
`bot.placewords.open_names`); and `near:`: near:munich is location:munich, or a location that
names a city within 40 km of Munich with its state or country (`bot.nearby.near`).
"""

from __future__ import annotations

import re

from bot.nearby import MAX_NEAR_KM, NEAR_KM, near
from bot.placewords import left_out_names, open_names
from bot.syntax import NEAR, OPEN_TO, And, Field, Node, Not, Or, Phrase, Word
from bot.words import tokens

GROUPS: tuple[tuple[str, ...], ...] = (
    ("go", "golang"),
    ("k8s", "kubernetes"),
    ("postgres", "postgresql"),
    ("js", "javascript"),
    ("ts", "typescript"),
    ("react", "react.js", "reactjs"),
    ("node.js", "nodejs"),
    ("vue", "vue.js", "vuejs"),
    ("ml", "machine learning"),
    ("ai", "artificial intelligence"),
    ("sre", "site reliability"),
    ("c#", "csharp"),
    (".net", "dotnet"),
    ("aws", "amazon web services"),
    ("gcp", "google cloud"),
    # one word, two, or hyphenated (which `bot.words` splits in two): "Back-End Engineer"
    ("backend", "back end"),
    ("frontend", "front end"),
    ("fullstack", "full stack"),
    ("devops", "dev ops"),
    ("ecommerce", "e commerce"),
    # titles as postings abbreviate them
    ("senior", "sr"),
    ("junior", "jr"),
    ("qa", "quality assurance"),
    ("swe", "software engineer"),
    ("sde", "software development engineer"),
    # a student's words: "new grad" finds "New Graduate" and "Ideal for new grads"; "graduate"
    # alone is no member ("graduate degree preferred" is in senior jobs too), only after "new"
    # or "recent"; a co-op ("Co-op", "coop") and an intern, however written
    (
        "grad",
        "grads",
        "newgrad",
        "newgrads",
        "new grad",
        "new grads",
        "new graduate",
        "new graduates",
        "recent grad",
        "recent grads",
        "recent graduate",
        "recent graduates",
    ),
    ("intern", "interns", "internship", "internships"),
    ("coop", "coops", "co op", "co ops"),
    # one role, in either order, however joined ("UX/UI", "UI / UX", "UX-UI", "UXUI")
    ("ux ui", "ui ux", "uxui", "uiux"),
)

# A region and a country as postings write them in English, Portuguese and Spanish ("Remote -
# LATAM", "Anywhere in Latin America", "Remoto - Brasil", "América Latina"; accents are
# folded: mexico finds "México"). Apart from GROUPS: a sentence's "latin america" is a place
# to read, not a tech's phrase to keep whole (`tips.phrases`).
PLACES: tuple[tuple[str, ...], ...] = (
    ("latam", "latin america", "latinoamerica", "america latina"),
    ("brazil", "brasil"),
)


def _term(spelling: str) -> Word | Phrase:
    toks = tuple(tokens(spelling))
    assert toks, spelling
    return Word(toks[0]) if len(toks) == 1 else Phrase(toks)


_GROUP_OF: dict[Word | Phrase, tuple[Word | Phrase, ...]] = {
    _term(s): tuple(_term(x) for x in group) for group in GROUPS + PLACES for s in group
}


def expand(node: Node) -> Node:
    """`node` with every word or phrase of a group replaced by an OR of the group."""
    if isinstance(node, Word | Phrase):
        group = _GROUP_OF.get(node)
        return node if group is None else Or(group)
    if isinstance(node, Field) and node.name == OPEN_TO:
        return Field("location", _open_to(expand(node.child)))
    if isinstance(node, Field) and node.name == NEAR:
        return Field("location", _near(node.child))
    if isinstance(node, Field):
        return Field(node.name, expand(node.child))
    if isinstance(node, Not):
        return Not(expand(node.child))
    if isinstance(node, And):
        return And(tuple(_expand_run(run) for run in runs(node.children)))
    if isinstance(node, Or):
        return Or(tuple(expand(c) for c in node.children))
    return node


def _open_to(node: Node) -> Node:
    """from:'s place as location: finds it: the place itself, or a region it lies in that
    a location names alone."""
    if isinstance(node, Word | Phrase):  # not its word in "LATAM (excluding Brazil)"
        out = tuple(Phrase(n) for n in left_out_names(node.text))
        own = And((node, Not(out[0] if len(out) == 1 else Or(out)))) if out else node
        return Or((own, *(Phrase(n) for n in open_names(node.text))))
    if isinstance(node, Or):
        return Or(tuple(_open_to(c) for c in node.children))
    return node


# A distance as near: and a sentence's "within 30 km of" take it: "30km", or "30" then a unit.
DISTANCE = re.compile(r"(\d+(?:\.\d+)?)(km|mi)?")
UNITS = {"km": 1.0, "kms": 1.0, "mi": 1.609, "miles": 1.609, "mile": 1.609}  # in km


def near_place(node: Word | Phrase) -> tuple[str, float]:
    """near:'s place and distance in km: "munich" (40 km), "munich 20km", "munich 10 miles"."""
    toks = [node.token] if isinstance(node, Word) else list(node.tokens)
    unit = 1.0
    if len(toks) > 2 and toks[-1] in UNITS and DISTANCE.fullmatch(toks[-2]):
        unit = UNITS[toks.pop()]
    if len(toks) > 1 and (m := DISTANCE.fullmatch(toks[-1])):
        toks.pop()
        unit = UNITS[m.group(2)] if m.group(2) else unit
        return " ".join(toks), min(float(m.group(1)) * unit, MAX_NEAR_KM)
    return " ".join(toks), float(NEAR_KM)


def _near(node: Node) -> Node:
    """near:'s place as location: finds it: the place named, or a city near enough named
    with its state or country (a Cambridge near Boston is not the one near London)."""
    if isinstance(node, Or):
        return Or(tuple(_near(c) for c in node.children))
    if not isinstance(node, Word | Phrase):
        return node
    name, radius = near_place(node)
    place = _term(name) if name else node
    cities = near(name, radius) if name else None
    if not cities:
        return place
    return Or((place, *(town(city, among) for city, among in cities)))


def town(city: str, among: str) -> Node:
    """A town as near: looks for it in a location: its name and its state's or country's."""
    return And((_term(city), _term(among)))


_LONGEST = max(len(t.tokens) for t in _GROUP_OF if isinstance(t, Phrase))


def runs(children: tuple[Node, ...]) -> list[tuple[Node, ...]]:
    """The children of an AND cut into runs: words typed one after another that spell a
    group's phrase ("full stack", "title:full stack") make one run, every other child is a
    run of its own."""
    out: list[tuple[Node, ...]] = []
    i = 0
    while i < len(children):
        n = next((n for n in range(_LONGEST, 1, -1) if _spelt(children[i : i + n])), 1)
        out.append(children[i : i + n])
        i += n
    return out


def _spelt(run: tuple[Node, ...]) -> tuple[str | None, tuple[Word | Phrase, ...]] | None:
    """(the field its first word carries, the group) when the words of `run`, typed one
    after another, spell a group's phrase: `full stack`, `title:full stack`; else None."""
    first: Node = run[0]
    field = None
    if isinstance(first, Field) and isinstance(first.child, Word):
        field, first = first.name, first.child
    words = [c.token for c in (first, *run[1:]) if isinstance(c, Word)]
    group = _GROUP_OF.get(Phrase(tuple(words))) if len(words) == len(run) > 1 else None
    return None if group is None else (field, group)


def _expand_run(run: tuple[Node, ...]) -> Node:
    """One run expanded; a phrase typed as words finds its group as well as the words as
    typed: `full stack engineer` finds "Fullstack Engineer", `machine learning` "ML", and
    `title:full stack` a "Fullstack" title (the field is the first word's)."""
    spelt = _spelt(run)
    if spelt is None:
        return expand(run[0])
    field, group = spelt
    typed = And(tuple(expand(c) for c in run))
    return Or((typed, *group)) if field is None else Or((typed, Field(field, Or(group))))


def listing() -> str:
    """The groups for people: "go = golang, k8s = kubernetes, …"."""
    return ", ".join(" = ".join(group) for group in GROUPS + PLACES)
