"""A place a sentence names ("in berlin", "in the netherlands", "in berlin or munich", "within
30 km of munich", "near portland maine"), as the filter it means; a place or remote ("in
berlin or remote", "in berlin, remote ok", "in amsterdam or remote within europe"); and remote
work open to places ("remote germany or austria", "remote EU or Berlin"). Pure; `sentence`
reads sentences with it.
"""

from __future__ import annotations

from typing import TypeGuard

from bot import nearby, placenames
from bot.synonyms import DISTANCE, UNITS
from bot.syntax import NEAR, OPEN_TO, And, Attr, Field, Node, Or, Phrase, Word
from bot.telegram.tips.tip import Found, word_of
from bot.words import fold


def place_at(terms: list[Node], i: int) -> tuple[int, Node] | None:
    """The place named by the words from `i` (the longest, of up to 3 words; "the
    netherlands" is the Netherlands) as location:, or places joined by OR ("berlin OR
    munich") as location:(berlin OR munich)."""
    the = int(i < len(terms) and word_of(terms[i]) == "the")
    if i + the < len(terms) and isinstance(either := terms[i + the], Or):
        named = [c for c in either.children if isinstance(c, Word | Phrase)]
        places = [c for c in named if a_place(c.text) or c.text == "us"]  # "the US or …"
        if len(places) == len(either.children):
            return the + 1, Field("location", either)
        others = [c.text for c in named if c not in places]  # "in berlin or remote"
        if places and len(named) == len(either.children) and set(others) == {"remote"}:
            where = places[0] if len(places) == 1 else Or(tuple(places))
            n, region = _region_at(terms, i + the + 1) or (0, None)  # "... within europe"
            return the + 1 + n, or_remote(Field("location", where), region)
    for n in range(min(3, len(terms) - i - the), 0, -1):
        words = [t.token for t in terms[i + the : i + the + n] if isinstance(t, Word)]
        if len(words) == n and (a_place(" ".join(words)) or (the and words == ["us"])):
            return the + n, Field("location", Word(words[0]) if n == 1 else Phrase(tuple(words)))
    return None


def in_a_place(node: Node) -> TypeGuard[Field]:
    """Whether `node` asks for jobs in a place (location:, near:)."""
    return isinstance(node, Field) and node.name in ("location", NEAR)


def without_place_again(root: Node) -> Node:
    """Without a place asked alone that an either-or names again ("a backend engineer in
    Berlin looking for … remote in the EU or Berlin"): the one alone is where the writer
    is, the either-or where they would work; kept, it would leave the remote side no job."""
    if not isinstance(root, And):
        return root
    either = {c for o in root.children if isinstance(o, Or) for c in o.children}
    either |= {t for c in either if isinstance(c, And) for t in c.children}  # "… or hybrid in X"
    either |= {  # "in berlin … berlin, munich or remote": location:(berlin OR munich) names it
        Field(f.name, place)
        for f in either
        if in_a_place(f) and isinstance(f.child, Or)
        for place in f.child.children
    }
    kept = tuple(c for c in root.children if not (in_a_place(c) and c in either))
    return root if len(kept) == len(root.children) else And(kept) if len(kept) > 1 else kept[0]


def or_remote(place: Field, region: Node | None = None) -> Or:
    """Jobs in `place`, or remote ones open to it ("in berlin or remote", "in berlin, remote
    ok": `location:berlin OR remote:yes from:berlin`): a remote job of the US only is not.
    Or open to `region` when one is named ("in amsterdam or remote within europe")."""
    if region is not None:
        return Or((place, And((Attr("remote", "yes"), Field(OPEN_TO, region)))))
    where = place.child
    if isinstance(where, Phrase) and DISTANCE.fullmatch(where.tokens[-1]):  # near:"munich 30km"
        rest = where.tokens[:-1]
        where = Word(rest[0]) if len(rest) == 1 else Phrase(rest)
    return Or((place, And((Attr("remote", "yes"), Field(OPEN_TO, where)))))


_TO = frozenset({"in", "within", "from", "across"})  # remote ... a region


def _region_at(terms: list[Node], i: int) -> tuple[int, Node] | None:
    """The region remote work is open to, named by the words from `i` after "remote": "within
    europe", "in the eu", or a country or region alone ("(uk)"; not any place: "reading")."""
    to = int(i < len(terms) and word_of(terms[i]) in _TO)
    if i + to < len(terms) and word_of(terms[i + to]) == "us":  # "remote US": the US here,
        return to + 1, Word("us")  # though "us" alone names no place (it is a word)
    found = place_at(terms, i + to)
    if found is None or not isinstance(found[1], Field):
        return None
    where = found[1].child
    if not to and not (isinstance(where, Word | Phrase) and placenames.names_a_region(where.text)):
        return None
    return to + found[0], where


def remote_at(terms: list[Node], i: int) -> tuple[int, Node] | None:
    """ "remote" then places joined by OR, from `i`: "remote germany or austria" is remote
    work open to either; "remote EU or Berlin" is remote work open to the EU, or a job in
    Berlin (the places after the first town are where to work, the regions before it open to)."""
    if word_of(terms[i]) != "remote":
        return None
    to = int(i + 1 < len(terms) and word_of(terms[i + 1]) in _TO)
    the = int(i + 1 + to < len(terms) and word_of(terms[i + 1 + to]) == "the")
    either = terms[i + 1 + to + the] if i + 1 + to + the < len(terms) else None
    if not isinstance(either, Or):
        return None
    named = [c for c in either.children if isinstance(c, Word | Phrase) and _remote_place(c.text)]
    if len(named) != len(either.children):
        return None
    town = next((k for k, c in enumerate(named) if not _region(c.text)), 0)
    regions, towns = (named[:town], named[town:]) if town else (named, [])
    remote = And((Attr("remote", "yes"), Field(OPEN_TO, _either(regions))))
    taken = 2 + to + the
    return taken, Or((Field("location", _either(towns)), remote)) if towns else remote


def _region(name: str) -> bool:
    """A country's or region's name ("us" too: the word, as people write it after remote)."""
    return placenames.names_a_region(name) or name == "us"


def _remote_place(name: str) -> bool:
    return _region(name) or a_place(name)


def _either(named: list[Word | Phrase]) -> Node:
    return named[0] if len(named) == 1 else Or(tuple(named))


def a_place(name: str) -> bool:
    """Whether `name` names a place we know ("netherlands" too: the Netherlands; "São Paulo"
    folded)."""
    name = fold(name)
    return placenames.names_a_place(name) or placenames.names_a_place(f"the {name}")


def within_at(terms: list[Node], i: int) -> Found | None:
    """ "within 30 km of munich" (or "30km", "20 miles") from `i`, as near:"munich 30km"."""
    toks = [word_of(t) for t in terms[i + 1 : i + 5]]
    m = DISTANCE.fullmatch(toks[0]) if toks else None
    if m is None:
        return None
    unit, n = m.group(2), 1
    if unit is None and len(toks) > 1 and toks[1] in UNITS:
        unit, n = "km" if UNITS[toks[1]] == 1.0 else "mi", 2
    if unit is None or n >= len(toks) or toks[n] != "of":
        return None
    place = place_at(terms, i + n + 2)
    city = place[1].child if place is not None and isinstance(place[1], Field) else None
    if place is None or not isinstance(city, Word | Phrase) or not nearby.near(city.text):
        return None
    name = Phrase((*city.text.split(), f"{m.group(1)}{unit}"))
    return Found(Field(NEAR, name), n + 2 + place[0], " ".join(["within", *toks[:n]]), True)


def town_at(terms: list[Node], i: int) -> tuple[int, Phrase] | None:
    """A city named with its state or country by the words from `i` ("portland maine",
    "cambridge uk"), of up to 3 words, as near: takes it."""
    for n in range(min(3, len(terms) - i), 1, -1):
        words = tuple(t.token for t in terms[i : i + n] if isinstance(t, Word))
        if len(words) == n and nearby.near(" ".join(words)) is not None:
            return n, Phrase(words)
    return None
