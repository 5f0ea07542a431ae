"""Either-or as a sentence spells it, written with OR: words joined by a slash
("Staff/Principal"), a list closed by "or" ("at Stripe, Adyen or Wise"), "in berlin or in
munich"; and an OR made to bind tighter than the words around it, as a sentence means it
("rust or go jobs in berlin"). Pure; `sentence` and /search read sentences with them.
"""

from __future__ import annotations

import re

from bot.stack import is_tech
from bot.syntax import And, Attr, Field, Node, Or
from bot.telegram.tips.lists import regrouped, slashed
from bot.telegram.tips.places import a_place
from bot.telegram.tips.roles import roles_spelled

# "at stripe, adyen or wise", "in berlin, munich or hamburg": a list of one-word names.
_LISTED = re.compile(
    r"\b(?P<glue>at|in|for|with|from|like|using)\s+(?P<items>(?:[\w.+#]+\s*,\s*)+[\w.+#]+),?"
    r"\s+or\s+(?P<last>[\w.+#]+)",
    re.IGNORECASE,
)
_COMMA = re.compile(r"\s*,\s*")
# What to leave out, listed: "no crypto and gambling", "excluding crypto, web3 or betting".
# ("sem cripto, web3 ou apostas", "sin crypto ni apuestas": said in the boards' languages)
_LEFT_OUT = re.compile(
    r"\b(?P<no>no|without|excluding|except|keine?|ohne|sem|sin|sans|zonder|geen)\s+"
    r"(?P<items>[\w.+#-]+(?:\s*,\s*[\w.+#-]+)*,?\s+(?:and|or|nor|und|oder|noch|ni|e|y|et)\s+"
    r"[\w.+#-]+)",
    re.IGNORECASE,
)
_AND_OR = re.compile(r"\s*,?\s+(?:and|or|nor|und|oder|noch|ni|e|y|et)\s+|\s*,\s*", re.IGNORECASE)
# Words after "no" meant as they stand ("no experience and no degree"), or that start another
# ("without crypto and without web3": each left out on its own).
_NOT_LEFT_OUT = frozenset({
    "no", "not", "experience", "degree", "visa", "sponsorship", "code", "without", "excluding",
    "except", "kein", "keine", "ohne", "sem", "sin", "sans", "zonder", "geen",
})  # fmt: skip


def _left_out(m: re.Match[str]) -> str:
    """A list of what to leave out as one OR: "no (crypto OR gambling)"."""
    items = _AND_OR.split(m["items"])
    if any(item.lower() in _NOT_LEFT_OUT for item in items):
        return m[0]
    return f"{m['no']} ({' OR '.join(items)})"


_BULLETS = re.compile(r"\s+[·•]\s+")  # ("|" is OR: "rust | go")
_HOURS_OR = re.compile(r"\s+(?:time\s+zones?|timezones?|tz|hours)(?=\s+or\b)", re.IGNORECASE)
_OR_AGAIN = re.compile(r"\b(or)\s+(?:in|at|near)\b", re.IGNORECASE)


def either_spelled(text: str) -> str:
    """`text` with the either-or a sentence spells written with OR: words joined by a slash
    ("Staff/Principal": `tips.lists.slashed`), a list closed by "or" after "at", "in" or
    "for" ("at stripe, adyen or wise"), what to leave out listed ("no crypto and gambling":
    either is left out)."""
    text = _BULLETS.sub(", ", _OR_SAID.sub(" or ", text))  # "Backend · Berlin": as commas set
    text = roles_spelled(text)  # ("Data Analyst/BI Analyst": before the slashed words)
    for words, typed in slashed(text).items():
        text = text.replace(typed, f"({' OR '.join(words)})")
    text = _SKILLS.sub(_skills, text)  # "mostly in Rust and Go, some Scala": any of them
    text = _OR_AGAIN.sub(r"\1", text)  # "in berlin or in munich": in berlin or munich
    text = _HOURS_OR.sub("", text)  # "remote within EU timezones or Berlin": EU or Berlin
    text = _LEFT_OUT.sub(_left_out, text)
    text = _TWO_WORDS.sub(_two_words, _RUN.sub(_run, text))  # "in london paris or rome"
    text = _PLACES.sub(_places, _LISTED.sub(_listed, text))
    return _ALONE.sub(_alone, text)


# The techs one describes oneself by ("mostly in Rust and Go, some Scala", "experienced with
# Java and Kotlin"): what one knows, so any of them, where "rust and go jobs" asks for both.
_TECH = r"\.?[\w+#]+(?:\.[\w+#]+)*"  # "c++", "node.js", ".net"; not a sentence's stop
_SKILL_SEP = re.compile(
    r"(?:\s*,\s*(?:(?:and|or|plus)\s+)?|\s+(?:and|or|plus|&)\s+)"
    r"(?:(?:some|also|a\s+bit\s+of|a\s+little(?:\s+of)?)\s+)?",
    re.IGNORECASE,
)
_SKILLS = re.compile(
    r"\b(?:mostly|mainly|primarily|largely|especially|experienced?|expertise|background|skilled"
    r"|proficient|fluent|know|worked|working)(?:\s+(?:in|with|on|using))?\s+"
    rf"(?P<items>{_TECH}(?:{_SKILL_SEP.pattern}{_TECH}){{1,8}})",
    re.IGNORECASE,
)


def _skills(m: re.Match[str]) -> str:
    """The techs that lead a self-description's list, as one OR ("mostly in (Rust OR Go OR
    Scala)"); the text as it was when fewer than two lead it."""
    said = m["items"]
    seps = list(_SKILL_SEP.finditer(said))
    ends = [*(sep.start() for sep in seps), len(said)]
    items = [said[a:b] for a, b in zip((0, *(sep.end() for sep in seps)), ends, strict=True)]
    n = next((k for k, item in enumerate(items) if not is_tech(item.lower())), len(items))
    if n < 2:
        return m[0]
    lead = m[0][: m.start("items") - m.start()]
    return f"{lead}({' OR '.join(items[:n])}){said[ends[n - 1] :]}"


# "or" in the languages of the boards' markets ("remote oder hybrid", "rust o go").
_OR_SAID = re.compile(r"(?<=\w)\s+(?:oder|ou|o)\s+(?=\w)", re.IGNORECASE)
# Two places after "in", one of them of several words: "in Singapore or Hong Kong".
_TWO_WORDS = re.compile(
    r"\b(?P<glue>in|from)\s+(?P<a>[\w.]+(?:\s+[\w.]+)?)\s+or\s+(?P<b>[\w.]+(?:\s+[\w.]+){0,2})",
    re.IGNORECASE,
)


# Places after "in" with no commas before "or", as a phone types them: "in london paris or rome".
_RUN = re.compile(
    r"\b(?P<glue>in|to|from)\s+(?P<items>[\w.]+(?:\s+[\w.]+){1,5}?)\s+or\s+(?P<last>[\w.]+)",
    re.IGNORECASE,
)


def _run(m: re.Match[str]) -> str:
    """Places run together before "or" as one OR of them ("in (london OR paris OR rome)"),
    when each word is a place; the text as it was otherwise."""
    items = [*m["items"].split(), m["last"]]
    if not all(a_place(item.lower()) for item in items):
        return m[0]
    return f"{m['glue']} ({' OR '.join(items)})"


def _two_words(m: re.Match[str]) -> str:
    """Two places joined by "or", one named by several words, as one OR of them quoted (the
    parser would join "singapore OR hong", then "kong"); the longest places the words make.
    A place of two words or remote: the place quoted."""
    a_words, b_words = m["a"].split(), m["b"].split()
    a = next((a_words[-n:] for n in (2, 1) if a_place(" ".join(a_words[-n:]).lower())), None)
    if a is not None and len(a) == len(a_words) == 2 and b_words[0].lower() == "remote":
        return f'{m["glue"]} "{m["a"]}" or {m["b"]}'  # "in Hong Kong or remote"
    b = next((b_words[:n] for n in (3, 2, 1) if a_place(" ".join(b_words[:n]).lower())), None)
    if a is None or b is None or (len(a) == 1 and len(b) == 1) or len(a_words) - len(a) > 0:
        return m[0]
    rest = " ".join(b_words[len(b) :])
    either = f'{m["glue"]} ("{" ".join(a)}" OR "{" ".join(b)}")'
    return f"{either} {rest}" if rest else either


# One place as a part of its own between commas, written with its capital: "…, Zurich, …".
_ALONE = re.compile(r"(?<=,)(?P<space>\s*)(?P<place>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})\s*(?=,|$)")


def _alone(m: re.Match[str]) -> str:
    """A place that is a part of its own ("data engineer, Zurich, 150k") as "in" it: a place
    to work, not a word of the text. Not a tech that is a place's name too."""
    place = m["place"].lower()
    if not a_place(place) or is_tech(place):
        return m[0]
    return f"{m['space']}in {m['place']}"


def _listed(m: re.Match[str]) -> str:
    """A list closed by "or" as one OR, when its items are what its glue word takes: places
    after "in" and "from" (not "in Berlin, Rust or Go"), techs after "with", "like", "using".
    Places closed by "or remote" as the places or remote ("in berlin, munich or remote")."""
    items = [*_COMMA.split(m["items"]), m["last"]]
    glue = m["glue"].lower()
    if (
        glue == "in"
        and items[-1].lower() == "remote"
        and all(a_place(i.lower()) for i in items[:-1])
    ):
        return f"{m['glue']} {' or '.join(items)}"
    kind = a_place if glue in ("in", "from") else is_tech if glue in _TECH_GLUE else None
    if kind is not None and not all(kind(item.lower()) for item in items):
        return m[0]
    return f"{m['glue']} ({' OR '.join(items)})"


_TECH_GLUE = ("with", "like", "using")
# A list closed by "or" with no word before it: "backend, berlin, hamburg or munich".
_PLACES = re.compile(r"(?P<items>(?:\b[\w.]+\s*,\s*)+)(?P<last>[\w.]+),?\s+or\s+(?P<end>[\w.]+)\b")


def _places(m: re.Match[str]) -> str:
    """The places that end a list, as one OR after "in" ("backend, in (berlin OR hamburg OR
    munich)"), or those places or remote when "or remote" ends it; the list as it was when
    its last two are not places (but for "remote"), or only they are."""
    items = [i for i in _COMMA.split(m["items"]) if i]
    remote = m["end"].lower() == "remote"  # "berlin, munich, or remote": the places or remote
    tail = [m["last"]] if remote else [m["last"], m["end"]]
    if not all(a_place(t.lower()) for t in tail):
        return m[0]
    k = len(items)
    while k and a_place(items[k - 1].lower()):
        k -= 1
    if k == len(items):
        return m[0]  # "rust, berlin or munich": "in" is not said, so not read as places
    if remote:  # (read as "in berlin or munich", then or remote, as `_listed` gives it)
        either = "in " + " or ".join([*items[k:], *tail, m["end"]])
    else:
        either = f"in ({' OR '.join([*items[k:], *tail])})"
    return "".join(f"{item}, " for item in items[:k]) + either


def or_tight(node: Node) -> Node:
    """`node` with each OR that has words on a side binding tighter (`regrouped`), the whole
    and each of its parts between commas ("… with rust or go, fully remote")."""
    if isinstance(node, Or) and any(isinstance(c, And) for c in node.children):
        if _filters_beside(node):  # "(remote:yes from:eu) OR (remote:hybrid location:berlin)"
            return node
        return regrouped(node) or _each_or_tight(node)
    if not isinstance(node, And):
        return node
    parts = [or_tight(c) for c in node.children]
    return And(tuple(t for p in parts for t in (p.children if isinstance(p, And) else (p,))))


def _filters_beside(node: Or) -> bool:
    """Whether the terms beside each OR are filters, grouped as written, not a sentence's
    words (`hybrid` writes them so)."""
    sides = [c.children if isinstance(c, And) else (c,) for c in node.children]
    beside = [t for terms in sides for t in (terms[0], terms[-1])]
    return all(isinstance(t, Attr | Field) for t in beside)


def _each_or_tight(node: Or) -> Node:
    """Each OR of a sentence joining only the words beside it, where a part between two ORs
    is several words ("go or rust jobs in berlin or remote": (go OR rust) jobs in (berlin OR
    remote)); `regrouped` reads a query's OR so only when those parts are one word each."""
    out: list[Node] = []
    group: list[Node] = []
    for child in node.children:
        terms = child.children if isinstance(child, And) else (child,)
        group.append(terms[0])
        if len(terms) > 1:
            if len(group) > 1:
                out.append(Or(tuple(group)))
            out.extend(terms[1 if len(group) > 1 else 0 : -1])
            group = [terms[-1]]
    out.append(Or(tuple(group)) if len(group) > 1 else group[0])
    return And(tuple(out))
