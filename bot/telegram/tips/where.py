"""Tips on where a job is: "remote" typed as a word (remote: means it), a place after
location: in a remote query (from: finds jobs open to it), from: or near: of a place we do not
know, and location: followed by the rest of a place's name. Pure.
"""

from __future__ import annotations

import html
import re
from typing import TypeGuard

from bot import nearby, placenames, placewords
from bot.geodata import TIME_ZONES
from bot.synonyms import near_place
from bot.syntax import (
    ATTRS,
    NEAR,
    OPEN_TO,
    And,
    Attr,
    Field,
    Node,
    Not,
    Or,
    Phrase,
    Word,
    format_node,
)
from bot.telegram.tips.romance import workplace_word
from bot.telegram.tips.tip import Tip, joined, word_of

esc = html.escape


# Words a job seeker types meaning where the job is done: the word alone matches only text
# that has it ("Remote (EU)"), not a job the board marks remote, as the remote: filter does.
WORKPLACE_WORDS = ("remote", "hybrid", "onsite")


_FULLY = tuple(Word(w) for w in ("100", "fully", "full", "completely", "totally", "entirely"))


def workplace_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When the query has "remote", "hybrid" or "onsite" as a plain word of its own (or "wfh",
    "work from home", "remote-first", "100% remote", "remoto"), or after location: (not inside
    OR or NOT): the `remote:` filter, offered unless it would be the whole query, is likely
    what was meant."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        where = "text"
        if isinstance(term, Field) and term.name == "location":
            term, where = term.child, "location"
        start, end = i, i + 1
        if where == "text" and (said := _says_remote(terms, i)):
            word, end = "remote", i + said
        elif isinstance(term, Word) and (word := _workplace(term.token)):
            start -= i > 0 and terms[i - 1] in _FULLY  # "100% remote": "100" is a word too
        else:
            continue
        attr = Attr("remote", ATTRS["remote"][word])
        shown = " ".join(format_node(t) for t in terms[start:end])
        shown = shown.replace("100 ", "100% ") if terms[start] == Word("100") else shown
        shown = shown if where == "text" else f"location:{word_of(term)}"
        meant: Node = And((*terms[:start], attr, *terms[end:]))
        region = ""
        if (opened := open_to(meant)) is not None:  # "remote rust eu": open to the EU
            meant, name = opened  # (a place asked with location: is its value: from:berlin)
            name = name.child if isinstance(name, Field) else name
            region = f" (with <code>{esc(format_node(Field(OPEN_TO, name)))}</code>, "
            region += "those open to people there)"
        return Tip(
            f"<b>{esc(shown)}</b> matches the word{'s' * (' ' in shown)} in a job's {where}; "
            f"<code>{format_node(attr)}</code> matches every job the board marks {word}, "
            f"whatever its text says{region}.",
            "For that:",
            meant if len(terms) - (end - start) > 0 else None,
        )
    return None


def _workplace(token: str) -> str:
    """The way of working a word says: "remote", "hybrid", "onsite", or the same in Portuguese
    or Spanish ("remoto", "presencial"); "" for another word."""
    return token if token in WORKPLACE_WORDS else workplace_word(token) or ""


def either_remote_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When location: lists "remote" among its places ("location:berlin,remote", read as
    location:(berlin OR remote)): the word is looked for in the job's location, while the
    remote: filter matches every job the board marks remote; either is offered
    ((location:berlin OR remote:yes))."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        if not (isinstance(term, Field) and term.name == "location" and isinstance(term.child, Or)):
            continue
        places = [c for c in term.child.children if word_of(c) != "remote"]
        if len(places) == len(term.child.children) or not places:
            continue
        where = Field("location", places[0] if len(places) == 1 else Or(tuple(places)))
        either = Or((where, Attr("remote", "yes")))
        return Tip(
            "<b>location:remote</b> matches the word in a job's location; <code>remote:yes</code> "
            "matches every job the board marks remote, whatever its text says.",
            "For either:",
            joined((*terms[:i], either, *terms[i + 1 :])),
        )
    return None


# Said for remote work: "wfh", "work from home", "remote-first" (a phrase), "remote friendly".
_REMOTE_SAID = (("wfh",), ("work", "from", "home"), ("remote", "first"), ("remote", "friendly"))


def _says_remote(terms: tuple[Node, ...], i: int) -> int:
    """How many terms from `i` say remote work other than by the word "remote" alone (0 for
    none): one word or phrase ("wfh", "remote-first") or plain words ("work from home")."""
    term = terms[i]
    if isinstance(term, Word | Phrase) and tuple(term.text.split()) in _REMOTE_SAID:
        return 1
    for said in _REMOTE_SAID:
        if tuple(word_of(t) for t in terms[i : i + len(said)]) == said:
            return len(said)
    return 0


def region_at(terms: tuple[Node, ...] | list[Node], i: int) -> tuple[int, Word | Phrase] | None:
    """The country or region named by the plain words from `i` ("eu", "latin america", "us"),
    the longest of up to 2 words: not a city's name, which many words are ("reading")."""
    for n in range(min(2, len(terms) - i), 0, -1):
        words = tuple(t.token for t in terms[i : i + n] if isinstance(t, Word))
        if len(words) == n and (placenames.names_a_region(" ".join(words)) or words == ("us",)):
            return n, Word(words[0]) if n == 1 else Phrase(words)
    return None


# Countries' codes people type for where to work ("in DE", "remote NL"): read as the country.
# Not those that are also words of work ("in IT", "in HR", "in QA", "in SE") or a state's
# first ("in CA" is California, "in PA" Pennsylvania).
COUNTRY_CODES = frozenset({
    "DE", "NL", "CH", "UK", "GB", "FR", "ES", "PT", "PL", "IE", "AT", "BE", "DK", "NO", "FI",
    "CZ", "US", "AU", "NZ", "SG", "JP", "IL", "AE", "BR", "MX", "EE", "LT", "LV", "RO",
})  # fmt: skip
_ON_SITE = re.compile(r"\bon[\s-]+site\b(?![\s-]+reliab)", re.IGNORECASE)  # not SRE
_OPEN_TO = re.compile(r"\b(?:open|happy)\s+to\s+remote(?:\s+work)?\b", re.IGNORECASE)
_ALL_REMOTE = re.compile(
    r"(?:\b(?:fully|full|completely|entirely)|\b100\s?%)[\s-]+remote\b"
    r"|\bremote[\s-]+(?:friendly|first)\b|\b(?:work(?:ing)?\s+)?from\s+home\b|\bwfh\b",
    re.IGNORECASE,
)


def workplace_spelled(text: str) -> str:
    """`text` with its workplace as a sentence's reader takes it: "on site" is onsite ("on" is
    glue, "site" no word of the job), "full remote", "100% remote", "remote-first" and "from
    home" remote, "open to remote" welcome ("remote ok")."""
    return _OPEN_TO.sub("remote ok", _ALL_REMOTE.sub("remote", _ON_SITE.sub("onsite", text)))


def open_to(root: Node) -> tuple[Node, Node] | None:
    """For a remote-only query that asks for a place with location: ("rust remote:yes
    location:germany") or a plain word ("remote:yes rust eu"), the query with from: instead,
    and the term it replaced."""
    terms = root.children if isinstance(root, And) else (root,)
    if Attr("remote", "yes") not in terms:
        return None
    for i, term in enumerate(terms):
        if _located(term):  # each place ("Austin, TX": location:austin location:texas)
            return And(tuple(Field(OPEN_TO, t.child) if _located(t) else t for t in terms)), term
        if (region := region_at(terms, i)) is not None:
            n, name = region
            said = i - (i > 0 and terms[i - 1] in _FROM)  # "from europe": both words
            n += i + n < len(terms) and terms[i + n] == Word("only")  # "us only"
            while name.text in TIME_ZONES and i + n < len(terms):  # "remote (CET ±3h)"
                if not ZONE_TAIL.fullmatch(word_of(terms[i + n])):
                    break
                n += 1
            return And((*terms[:said], Field(OPEN_TO, name), *terms[i + n :])), name
    return None


_FROM = (Word("from"), Word("in"))
ZONE_TAIL = re.compile(r"\d{1,2}h?|hours?|h")  # "cet +/- 2h": the lexer keeps "2h"


def _located(term: Node) -> TypeGuard[Field]:
    if not isinstance(term, Field) or term.name != "location":
        return False
    code = term.child.token.upper() if isinstance(term.child, Word) else ""  # "in the US"
    return _places(term.child) or code in COUNTRY_CODES


def _places(node: Node) -> bool:
    """Whether `node` names places we know: a place, or places joined by OR."""
    named = node.children if isinstance(node, Or) else (node,)
    return all(isinstance(n, Word | Phrase) and placenames.names_a_place(n.text) for n in named)


def remote_from_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When a remote-only query asks for a place with location: ("rust remote:yes
    location:germany") or a plain word ("eu"): remote jobs open to all of Europe say "Europe",
    not Germany, and location: misses them; the word finds only a text that has it. from: is
    offered."""
    if (found := open_to(root)) is None:
        return None
    meant, term = found
    if isinstance(term, Word | Phrase):
        return Tip(
            f"<b>{esc(term.text)}</b> matches only jobs whose text has it; "
            f"<code>{esc(format_node(Field(OPEN_TO, term)))}</code> finds the remote jobs open "
            "to people there, also those that name a wider region or “Worldwide”.",
            "For those:",
            meant,
        )
    return Tip(
        f"{esc(format_node(term))} misses remote jobs open to a whole region (“Remote (EU)”, "
        "“Worldwide”).",
        "For those too:",
        meant,
    )


def open_tip(root: Node) -> str:
    """A line for the reply when from: names no place we know ("from:mars"): it then finds
    only the jobs whose location has the word and those open worldwide, which is likely not
    what was meant; or near: no city we
    know: it then looks for the name in the location."""
    unknown = [
        name
        for name in _open_places(root)
        if not placenames.names_a_place(name) and len(placewords.open_names(name)) == 1  # worldwide
    ]
    if unknown:
        return (
            f"\nTip: I know no place “{esc(unknown[0])}”, so from: finds only the jobs whose "
            "location names it and those open worldwide. It takes a country, a state or a big "
            "city: <code>from:germany</code>."
        )
    far = [near_place(leaf)[0] for leaf in _leaves_of(root, NEAR)]
    unknown = [name for name in far if nearby.near(name) is None]
    if not unknown:
        return ""
    return (
        f"\nTip: I know no city “{esc(unknown[0])}”, so near: finds only jobs whose location "
        "names it. It takes a city or an area, and a distance if you like: "
        "<code>near:munich</code>, <code>near:&quot;bay area 30km&quot;</code>."
    )


def _open_places(node: Node) -> list[str]:
    """The places named after from: anywhere in the query, as words joined by spaces."""
    return [leaf.text for leaf in _leaves_of(node, OPEN_TO)]


def _leaves_of(node: Node, field: str) -> list[Word | Phrase]:
    """The words and phrases typed after `field`: anywhere in the query."""
    if isinstance(node, Field) and node.name == field:
        typed = node.child.children if isinstance(node.child, Or) else (node.child,)
        return [leaf for leaf in typed if isinstance(leaf, Word | Phrase)]
    children = node.children if isinstance(node, And | Or) else ()
    child = (node.child,) if isinstance(node, Not) else ()
    return [leaf for c in (*children, *child) for leaf in _leaves_of(c, field)]


def place_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When location: is followed by words that name one place with its own ("location:new
    york"): the field takes one word, so the others are looked for anywhere, which few mean.
    The place quoted is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        if not (
            isinstance(term, Field) and term.name == "location" and isinstance(term.child, Word)
        ):
            continue
        for n in range(min(4, len(terms) - i), 1, -1):
            words = [t.token for t in terms[i + 1 : i + n] if isinstance(t, Word)]
            name = (term.child.token, *words)
            if len(name) == n and placenames.names_a_place(" ".join(name)):
                return Tip(
                    f"location: takes the one word after it, so “{esc(' '.join(words))}” is "
                    "looked for anywhere.",
                    "For the place:",
                    joined((*terms[:i], Field("location", Phrase(name)), *terms[i + n :])),
                )
    return None
