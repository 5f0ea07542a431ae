"""Tips: a line under the reply to /alert, /edit or /search when the query likely says
something other than what its writer meant, with the query they likely meant, ready to copy
("rust OR go remote:yes" groups as rust, or remote go; "visa sponsorship" finds the jobs that
refuse it too). Pure: each reads the parsed query (and, for `unstated_tip`, a count the
caller found).
"""

from __future__ import annotations

import html
import re

from bot import places, rates
from bot.errors import QueryError, UnknownField
from bot.query import parse as parse_query
from bot.synonyms import DISTANCE, UNITS, near_place
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
    Salary,
    Word,
    Years,
    format_node,
)

esc = html.escape


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def alert_tips(root: Node, typed: str, command: str) -> str:
    """The tips an alert's query gets when it is saved or edited (`command`: "/edit 3"). Those
    after a sentence's tip build on the filters it offers, so each offer keeps them."""
    first = sentence_tip(root, command)
    if first and (rewritten := as_filters(root)):
        root, typed = rewritten[0], format_node(rewritten[0])
    return (
        (first or workplace_tip(root, command))
        + grouping_tip(root, typed, command)
        + list_tip(root, typed, command)
        + place_tip(root, command)
        + remote_from_tip(root, command)
        + visa_tip(root, command)
        + language_tip(root, command)
        + level_tip(root, command)
        + years_tip(root, command)
        + currency_tip(root)
    )


def currency_tip(root: Node) -> str:
    """A line for the reply when a salary filter names a currency this bot cannot convert
    others into (no exchange rates in use, or none for it): it then finds only the jobs paid
    in that currency, which the user may not expect."""
    asked = [
        leaf.currency for leaf in _all_leaves(root) if isinstance(leaf, Salary) and leaf.currency
    ]
    table = rates.current()
    lacking = [c for c in dict.fromkeys(asked) if table is None or c not in table.per_eur]
    if not lacking:
        return ""
    cur = lacking[0]
    why = "I have no exchange rates now" if table is None else f"the ECB's rates have no {cur}"
    return (
        f"\nTip: {why}, so a salary in {esc(cur)} is compared only with jobs paid in "
        f"{esc(cur)}: a job paid in another currency does not match."
    )


def _all_leaves(node: Node) -> list[Node]:
    """Every leaf of the query, under fields, NOT and groups too."""
    if isinstance(node, And | Or):
        return [leaf for c in node.children for leaf in _all_leaves(c)]
    if isinstance(node, Field | Not):
        return _all_leaves(node.child)
    return [node]


# Written as a sentence ("rust jobs in berlin paying over 100k"), a query's every word must be
# in the job: these say what a job is, or join words, and few jobs say them as meant.
_JOB_WORDS = frozenset({
    "job", "jobs", "role", "roles", "position", "positions", "opening", "openings", "vacancy",
    "vacancies", "opportunity", "opportunities",
})  # fmt: skip
_GLUE = frozenset({
    "in", "at", "for", "with", "the", "a", "an", "of", "based", "near", "around", "paying",
    "pays", "earning", "i", "im", "m", "looking", "seeking", "searching", "want", "need", "find",
    "me", "any", "some", "ok", "please", "pls", "good", "today", "latest", "recent", "there",
})  # fmt: skip
_NEAR = frozenset({"in", "near", "around"})  # ... then a place: location:
_AT_LEAST = frozenset({
    "over", "above", "from", "min", "minimum", "least", "paying", "pays", "earning", "salary",
})  # fmt: skip
_AT_MOST = frozenset({"under", "below", "max", "maximum", "upto"})
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)([km]?)")
# After "jobs at", the company's name runs up to 3 words, to one of these or a filter.
_NOT_A_NAME = _GLUE | _NEAR | _AT_LEAST | _AT_MOST | _JOB_WORDS | {"and", "most"}


def _amount(term: Node, bare: bool = False) -> str | None:
    """The term as a yearly amount ("100k", "120000"); a bare one needs its k or m."""
    m = _AMOUNT.fullmatch(term.token) if isinstance(term, Word) else None
    if m is None or (bare and not m.group(2)):
        return None
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2)]
    return m.group(0) if float(m.group(1)) * scale >= 1000 else None


def _place_at(terms: list[Node], i: int) -> tuple[int, Node] | None:
    """The place named by the words from `i` (the longest, of up to 3 words) as location:."""
    for n in range(min(3, len(terms) - i), 0, -1):
        words = [t.token for t in terms[i : i + n] if isinstance(t, Word)]
        if len(words) == n and places.names_a_place(" ".join(words)):
            return n, Field("location", Word(words[0]) if n == 1 else Phrase(tuple(words)))
    return None


def _token(term: Node) -> str:
    return term.token if isinstance(term, Word) else ""


def _within_at(terms: list[Node], i: int) -> tuple[Node, int, str, bool] | None:
    """ "within 30 km of munich" (or "30km", "20 miles") from `i`, as near:"munich 30km"."""
    toks = [_token(t) for t in terms[i + 1 : i + 5]]
    m = DISTANCE.fullmatch(toks[0]) if toks else None
    if m is None:
        return None
    unit, n = m.group(2), 1
    if unit is None and len(toks) > 1 and toks[1] in UNITS:
        unit, n = "km" if UNITS[toks[1]] == 1.0 else "mi", 2
    if unit is None or n >= len(toks) or toks[n] != "of":
        return None
    place = _place_at(terms, i + n + 2)
    city = place[1].child if place is not None and isinstance(place[1], Field) else None
    if place is None or not isinstance(city, Word | Phrase) or not places.near(_words(city)):
        return None
    name = Phrase((*_words(city).split(), f"{m.group(1)}{unit}"))
    return Field(NEAR, name), n + 2 + place[0], " ".join(["within", *toks[:n]]), True


def _town_at(terms: list[Node], i: int) -> tuple[int, Phrase] | None:
    """A city named with its state or country by the words from `i` ("portland maine",
    "cambridge uk"), of up to 3 words, as near: takes it."""
    for n in range(min(3, len(terms) - i), 1, -1):
        words = tuple(t.token for t in terms[i : i + n] if isinstance(t, Word))
        if len(words) == n and places.near(" ".join(words)) is not None:
            return n, Phrase(words)
    return None


def _company_at(terms: list[Node], i: int) -> tuple[int, Node] | None:
    """The company named by the words from `i`, after "jobs at" ("stripe", "goldman sachs",
    a quoted name), as company:; None when the first is no name ("at least")."""
    if i < len(terms) and isinstance(terms[i], Phrase):
        return 1, Field("company", terms[i])
    words: list[str] = []
    for term in terms[i : i + 3]:
        token = _token(term)
        if not token or token in _NOT_A_NAME or token in _WORKPLACE_WORDS or _amount(term):
            break
        words.append(token)
    if not words:
        return None
    return len(words), Field("company", Word(words[0]) if len(words) == 1 else Phrase(tuple(words)))


def _filter_at(terms: list[Node], i: int) -> tuple[Node, int, str, bool] | None:
    """The filter the words from `i` most likely mean: (the filter, how many words it takes,
    what to name as words few jobs say ("" for none), whether it alone reads as a sentence:
    "remote" and "3 years" have tips of their own)."""
    token = _token(terms[i])
    nxt = terms[i + 1] if i + 1 < len(terms) else None
    if (years := _years_at(terms, i)) is not None:
        said = " ".join(format_node(t) for t in terms[i : years[1]])
        return Years("<=", years[0]), years[1] - i, said, False
    if token == "within" and (close := _within_at(terms, i)) is not None:
        return close
    if token in ("near", "around") and (town := _town_at(terms, i + 1)) is not None:
        return Field(NEAR, town[1]), 1 + town[0], "", True  # "near portland maine"
    if token in _NEAR and (place := _place_at(terms, i + 1)) is not None:
        n, named = place  # a job may well say "in Berlin"
        city = named.child if isinstance(named, Field) else None
        if token != "in" and isinstance(city, Word | Phrase) and places.near(_words(city)):
            named = Field(NEAR, city)  # "near munich": the towns around it too
        return named, 1 + n, "", True
    if token == "at" and i and _token(terms[i - 1]) in _JOB_WORDS:  # "jobs at stripe"
        found = _place_at(terms, i + 1) or _company_at(terms, i + 1)
        if found is not None:
            return found[1], 1 + found[0], "", True
    if nxt is not None and token in _AT_LEAST | _AT_MOST and (amount := _amount(nxt)):
        op = "<=" if token in _AT_MOST else ">="
        at = "at " if token == "least" and i and _token(terms[i - 1]) == "at" else ""
        return parse_query(f"salary:{op}{amount}").root, 2, f"{at}{token} {amount}", True
    if (bare := _amount(terms[i], bare=True)) is not None:
        return parse_query(f"salary:>={bare}").root, 1, bare, True
    if token in _WORKPLACE_WORDS:
        return Attr("remote", ATTRS["remote"][token]), 1, "", False
    return None


def as_filters(root: Node, loose: bool = False) -> tuple[Node, list[str]] | None:
    """The query written as a sentence, rewritten with the filters it most likely means ("rust
    jobs in berlin paying over 100k" -> "rust location:berlin salary:>=100k"), with the words
    it left out or read as filters; None when it reads as keywords already. "remote" and "3
    years experience" alone make no rewrite (their own tips tell of them) unless `loose`."""
    terms: list[Node] = list(root.children) if isinstance(root, And) else [root]
    out: list[Node] = []
    read: list[str] = []  # the words that made a change
    sentence = False
    i = 0
    while i < len(terms):
        if (found := _filter_at(terms, i)) is not None:
            node, taken, said, alone = found
            out.append(node)
            read.append(said)
            sentence |= alone
            i += taken
            continue
        term, token = terms[i], _token(terms[i])
        if token in _JOB_WORDS:
            read.append(token)
            sentence = True
        elif not (token in _GLUE or (isinstance(term, Phrase) and set(term.tokens) <= _GLUE)):
            out.append(term)  # (a phrase of glue: "I'm")
        i += 1
    if not out or not (sentence or (loose and read)):
        return None
    rewritten = And(tuple(out)) if len(out) > 1 else out[0]
    try:  # what is left may be no alert ("jobs -java": only an exclusion)
        return parse_query(format_node(rewritten)).root, read
    except QueryError:
        return None


def meant(text: str) -> str | None:
    """The query a text written as a sentence most likely means ("I'm looking for rust jobs
    in Berlin" -> "rust location:berlin", "remote go jobs in Germany" -> "remote:yes go
    from:germany"); None when it is no query or reads as one already."""
    try:
        rewritten = as_filters(parse_query(text).root, loose=True)
    except QueryError:
        return None
    if rewritten is None:
        return None
    remote = _open_to(rewritten[0])  # "remote jobs in germany": open to Germany, from:
    return format_node(remote[0] if remote else rewritten[0])


def sentence_tip(root: Node, command: str) -> str:
    """A line for the reply when the query reads as a sentence: "jobs", "in berlin", "over
    100k" are words every job must have, which few have as meant. `command` ("/edit 3",
    "/search") with the filters it most likely means is offered, ready to copy."""
    rewritten = as_filters(root)
    if rewritten is None:
        return ""
    filters, read = rewritten
    named = [f"“{esc(w)}”" for w in dict.fromkeys(read) if w][:3]
    said = ", ".join(named[:-1]) + f" or {named[-1]}" if len(named) > 1 else "".join(named)
    why = f": few jobs say {said}" if named else ""
    return (
        f"\nTip: a job matches only if its text has every word of the query{why}. "
        f"With filters: <code>{command} {esc(format_node(filters))}</code>."
    )


# Words a job seeker types meaning where the job is done: the word alone matches only text
# that has it ("Remote (EU)"), not a job the board marks remote, as the remote: filter does.
_WORKPLACE_WORDS = ("remote", "hybrid", "onsite")


def workplace_tip(root: Node, command: str | None = None) -> str:
    """A line for the reply when the query has "remote", "hybrid" or "onsite" as a plain word
    of its own, or after location: (not inside OR or NOT): the `remote:` filter is likely what
    was meant. With `command` ("/edit 3", "/search"), the query with it, ready to copy."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        where = "text"
        if isinstance(term, Field) and term.name == "location":
            term, where = term.child, "location"
        if isinstance(term, Word) and term.token in _WORKPLACE_WORDS:
            word, attr = term.token, Attr("remote", ATTRS["remote"][term.token])
            typed = word if where == "text" else f"location:{word}"
            meant: Node = And((*terms[:i], attr, *terms[i + 1 :]))
            region = ""
            if (opened := _open_to(meant)) is not None:  # "remote rust eu": open to the EU
                meant, name = opened
                region = f" (with <code>{esc(format_node(Field(OPEN_TO, name)))}</code>, "
                region += "those open to people there)"
            offer = (
                f" For that: <code>{command} {esc(format_node(meant))}</code>."
                if command and len(terms) > 1
                else ""
            )
            return (
                f"\nTip: <b>{typed}</b> matches the word in a job's {where}; "
                f"<code>{format_node(attr)}</code> matches every job the board marks {word}, "
                f"whatever its text says{region}.{offer}"
            )
    return ""


_VISA_WORDS = frozenset({"visa", "visas", "sponsorship", "sponsor"})


# A job's level: a description names others in passing ("mentored by senior engineers").
_LEVELS = frozenset({"senior", "sr", "junior", "jr", "staff", "principal"})


def level_tip(root: Node, command: str) -> str:
    """A line for the reply when a level ("senior", "junior", "staff") is a word of its own
    (not inside OR or NOT): it matches a description that names the level in passing too,
    while title:senior matches the job's own. `command` ("/edit 3") with title: is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    levels = [t for t in terms if isinstance(t, Word) and t.token in _LEVELS]
    if not levels:
        return ""
    meant = tuple(Field("title", t) if t in levels else t for t in terms)
    fixed = esc(format_node(And(meant) if len(meant) > 1 else meant[0]))
    word = levels[0].token
    level = {"sr": "senior", "jr": "junior"}.get(word, word)
    aside = (
        f"mentoring {level} engineers" if level == "junior" else f"mentored by {level} engineers"
    )
    return (
        f"\nTip: <b>{esc(word)}</b> also matches a description that names the level in passing "
        f"(“{aside}”). For the job's own level: <code>{command} {fixed}</code>."
    )


_YEAR_WORDS = frozenset({"years", "year", "yrs", "yr"})
_AFTER_YEARS = frozenset({"experience", "exp", "of"})


def _years_at(terms: list[Node], i: int) -> tuple[int, int] | None:
    """(years, the end of its words) when a number of years typed as words ("3 years
    experience", "\"3 years\"") starts at `i`; a number over 20 is no such number."""
    term = terms[i]
    own = _words(term).split() if isinstance(term, Word | Phrase) else []
    after = terms[i + 1] if i + 1 < len(terms) else None
    words = own + (_words(after).split() if isinstance(after, Word | Phrase) else [])
    if not own or len(words) < 2 or not words[0].isdigit() or words[1] not in _YEAR_WORDS:
        return None
    if not 0 < (years := int(words[0])) <= 20:
        return None
    end = i + 1 if len(own) > 1 else i + 2
    while end < len(terms) and _is_word(terms[end], _AFTER_YEARS):
        end += 1
    return years, end


def years_tip(root: Node, command: str) -> str:
    """A line for the reply when a number of years is typed as words ("rust 3 years
    experience", "rust \"3 years\""): they find those words in a job's text, not the
    years a job asks. `command` ("/edit 3", "/search") with years: is offered."""
    terms = list(root.children if isinstance(root, And) else (root,))
    for i in range(len(terms)):
        if (found := _years_at(terms, i)) is None:
            continue
        years, end = found
        meant = (*terms[:i], Years("<=", years), *terms[end:])
        fixed = esc(format_node(And(meant) if len(meant) > 1 else meant[0]))
        typed = esc(" ".join(format_node(t) for t in terms[i:end]))
        return (
            f"\nTip: {typed} finds these words in a job's text. For the jobs that ask at most "
            f"{plural(years, 'year')} of experience: <code>{command} {fixed}</code> "
            f"(<code>years:&gt;={years}</code> for at least)."
        )
    return ""


def _is_word(node: Node, words: frozenset[str]) -> bool:
    return isinstance(node, Word) and node.token in words


def visa_tip(root: Node, command: str) -> str:
    """A line for the reply when the query looks for the words "visa" or "sponsorship" (not
    inside OR or NOT): they also find the jobs that say they will *not* sponsor, which
    visa:yes leaves out. `command` ("/edit 3", "/search") with visa:yes for them is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    named = [
        t for t in terms if isinstance(t, Word | Phrase) and _VISA_WORDS & set(_words(t).split())
    ]
    if not named or any(isinstance(t, Attr) and t.name == "visa" for t in terms):
        return ""
    rest = [t for t in terms if t not in named]
    meant = And((*rest, Attr("visa", "yes"))) if rest else Attr("visa", "yes")
    return (
        f"\nTip: {esc(' '.join(map(format_node, named)))} also finds the jobs that say they "
        "will not sponsor a visa. Only those that offer it: "
        f"<code>{command} {esc(format_node(meant))}</code>."
    )


def language_tip(root: Node, command: str) -> str:
    """A line for the reply when a language's name is a word of its own ("rust berlin
    english", not inside OR or NOT): it finds the word ("fluent English and German"), while
    lang: finds the jobs written in it, which is likely what was meant. `command` ("/edit 3",
    "/search") with lang: instead is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        word = term.token if isinstance(term, Word) else ""
        code = ATTRS["lang"].get(word)
        if code is not None and len(word) > 2:  # a name, not "de"
            meant = (*terms[:i], Attr("lang", code), *terms[i + 1 :])
            fixed = esc(format_node(And(meant) if len(meant) > 1 else meant[0]))
            return (
                f"\nTip: <b>{esc(word)}</b> finds the word in a job's text (“fluent "
                f"{esc(word.title())} required”); for the jobs written in it: "
                f"<code>{command} {fixed}</code>."
            )
    return ""


def _region_at(terms: tuple[Node, ...], i: int) -> tuple[int, Word | Phrase] | None:
    """The country or region named by the plain words from `i` ("eu", "latin america", "us"),
    the longest of up to 2 words: not a city's name, which many words are ("reading")."""
    for n in range(min(2, len(terms) - i), 0, -1):
        words = tuple(t.token for t in terms[i : i + n] if isinstance(t, Word))
        if len(words) == n and (places.names_a_region(" ".join(words)) or words == ("us",)):
            return n, Word(words[0]) if n == 1 else Phrase(words)
    return None


def _open_to(root: Node) -> tuple[Node, Node] | None:
    """For a remote-only query that asks for a place with location: ("rust remote:yes
    location:germany") or a plain word ("remote:yes rust eu"), the query with from: instead,
    and the term it replaced."""
    terms = root.children if isinstance(root, And) else (root,)
    if Attr("remote", "yes") not in terms:
        return None
    for i, term in enumerate(terms):
        if (
            isinstance(term, Field)
            and term.name == "location"
            and isinstance(term.child, Word | Phrase)
            and places.names_a_place(_words(term.child))
        ):
            return And((*terms[:i], Field(OPEN_TO, term.child), *terms[i + 1 :])), term
        if (region := _region_at(terms, i)) is not None:
            n, name = region
            return And((*terms[:i], Field(OPEN_TO, name), *terms[i + n :])), name
    return None


def remote_from_tip(root: Node, command: str) -> str:
    """A line for the reply when a remote-only query asks for a place with location: ("rust
    remote:yes location:germany") or a plain word ("eu"): remote jobs open to all of Europe
    say "Europe", not Germany, and location: misses them; the word finds only a text that
    has it. `command` ("/edit 3") with from: is offered."""
    if (found := _open_to(root)) is None:
        return ""
    meant, term = found
    offer = f"<code>{command} {esc(format_node(meant))}</code>"
    if isinstance(term, Word | Phrase):
        return (
            f"\nTip: <b>{esc(_words(term))}</b> matches only jobs whose text has it; "
            f"<code>{esc(format_node(Field(OPEN_TO, term)))}</code> finds the remote jobs open "
            f"to people there, also those that name a wider region or “Worldwide”: {offer}."
        )
    return (
        f"\nTip: {esc(format_node(term))} misses remote jobs open to a whole region "
        f"(“Remote (EU)”, “Worldwide”). For those too: {offer}."
    )


def open_tip(root: Node) -> str:
    """A line for the reply when from: names no place we know ("from:mars"): it then finds
    only the jobs open worldwide, which is likely not what was meant; or near: no city we
    know: it then looks for the name in the location."""
    unknown = [
        name
        for name in _open_places(root)
        if not places.names_a_place(name) and len(places.open_names(name)) == 1  # worldwide
    ]
    if unknown:
        return (
            f"\nTip: I know no place “{esc(unknown[0])}”, so from: finds only the jobs open "
            "worldwide. It takes a country, a state or a big city: <code>from:germany</code>."
        )
    far = [near_place(leaf)[0] for leaf in _leaves_of(root, NEAR)]
    unknown = [name for name in far if places.near(name) is None]
    if not unknown:
        return ""
    return (
        f"\nTip: I know no city “{esc(unknown[0])}”, so near: finds only jobs whose location "
        "names it. It takes a city or an area, and a distance if you like: "
        "<code>near:munich</code>, <code>near:&quot;bay area 30km&quot;</code>."
    )


def _open_places(node: Node) -> list[str]:
    """The places named after from: anywhere in the query, as words joined by spaces."""
    return [_words(leaf) for leaf in _leaves_of(node, OPEN_TO)]


def _leaves_of(node: Node, field: str) -> list[Word | Phrase]:
    """The words and phrases typed after `field`: anywhere in the query."""
    if isinstance(node, Field) and node.name == field:
        typed = node.child.children if isinstance(node.child, Or) else (node.child,)
        return [leaf for leaf in typed if isinstance(leaf, Word | Phrase)]
    children = node.children if isinstance(node, And | Or) else ()
    child = (node.child,) if isinstance(node, Not) else ()
    return [leaf for c in (*children, *child) for leaf in _leaves_of(c, field)]


def _words(term: Word | Phrase) -> str:
    return term.token if isinstance(term, Word) else " ".join(term.tokens)


def grouping_tip(root: Node, text: str, command: str) -> str:
    """A line for the reply when OR sits beside words it does not group, with no parentheses
    typed: "rust OR go remote:yes" is rust, or go that is remote, which few mean. The
    `command` ("/edit 3") with the grouping most mean is offered, ready to copy."""
    if (
        "(" in text
        or not isinstance(root, Or)
        or not any(isinstance(c, And) for c in root.children)
    ):
        return ""
    meant = _regrouped(root)
    offer = (
        f"If you meant <code>{command} {html.escape(format_node(meant))}</code>, send that."
        if meant is not None
        else "To group otherwise, write them: <code>(rust OR go) remote:yes</code>."
    )
    return f"\nTip: AND binds tighter than OR, as the parentheses above show. {offer}"


def _regrouped(root: Or) -> Node | None:
    """The query with OR binding tighter: "a OR b x y" -> "(a OR b) x y", "x y a OR b" ->
    "x y (a OR b)" and "x a OR b y" -> "x (a OR b) y"; None when a term between the first
    and the last is itself several words."""
    head, *middle, last = root.children
    if any(isinstance(c, And) for c in middle):
        return None
    before = head.children if isinstance(head, And) else (head,)
    after = last.children if isinstance(last, And) else (last,)
    return And((*before[:-1], Or((before[-1], *middle, after[0])), *after[1:]))


def place_tip(root: Node, command: str) -> str:
    """A line for the reply when location: is followed by words that name one place with its
    own ("location:new york"): the field takes one word, so the others are looked for
    anywhere, which few mean. `command` ("/edit 3", "/search") with the place quoted is
    offered, ready to copy."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        if not (
            isinstance(term, Field) and term.name == "location" and isinstance(term.child, Word)
        ):
            continue
        for n in range(min(4, len(terms) - i), 1, -1):
            words = [t.token for t in terms[i + 1 : i + n] if isinstance(t, Word)]
            name = (term.child.token, *words)
            if len(name) == n and places.names_a_place(" ".join(name)):
                meant = (*terms[:i], Field("location", Phrase(name)), *terms[i + n :])
                fixed = esc(format_node(And(meant) if len(meant) > 1 else meant[0]))
                return (
                    f"\nTip: location: takes the one word after it, so “{esc(' '.join(words))}” "
                    f"is looked for anywhere. For the place: <code>{command} {fixed}</code>."
                )
    return ""


_UNSTATED = {Salary: Attr("salary", "none"), Years: Attr("years", "none")}
_UNSAID = {Salary: "state no salary", Years: "ask no number of years"}


def or_unstated(root: Node) -> Node | None:
    """The query with every salary amount and number of years it requires also taking the
    jobs that state none ("rust salary:>=100k" -> "rust (salary:>=100k OR salary:none)"); None
    when it requires neither, or names salary:none (years:none) already."""
    kinds = tuple(kind for kind, none in _UNSTATED.items() if not _has(root, none))
    loose = _loosened(root, kinds) if kinds else root
    return loose if loose != root else None


def _loosened(node: Node, kinds: tuple[type, ...]) -> Node:
    if isinstance(node, Salary | Years) and isinstance(node, kinds):
        return Or((node, _UNSTATED[type(node)]))
    if isinstance(node, And):
        return And(tuple(_loosened(c, kinds) for c in node.children))
    if isinstance(node, Or):
        loose = [_loosened(c, kinds) for c in node.children]
        return Or(tuple(n for c in loose for n in (c.children if isinstance(c, Or) else (c,))))
    return node  # a NOT, a field (which holds no salary nor years) or a term


def _has(node: Node, part: Node) -> bool:
    children = node.children if isinstance(node, And | Or) else ()
    inner = (node.child,) if isinstance(node, Not | Field) else ()
    return node == part or any(_has(c, part) for c in (*children, *inner))


def unstated_tip(root: Node, command: str, more: int | None) -> str:
    """A line for the reply when `more` jobs of the last 7 days (None: some stored jobs) would
    match but for a salary amount or a number of years they do not state, as most jobs state
    neither. `command` ("/edit 3", "/search") with the query that takes them too
    (`or_unstated`) is offered, ready to copy."""
    loose = or_unstated(root)
    if loose is None or more == 0:
        return ""
    open_kinds = [kind for kind, none in _UNSTATED.items() if not _has(root, none)]
    loosened = [n for n in _leaves(root) if isinstance(n, Salary | Years) and type(n) in open_kinds]
    kinds = list(dict.fromkeys(type(n) for n in loosened))
    named = list(dict.fromkeys(esc(format_node(n)) for n in loosened))
    filters = " and ".join(named)
    unsaid = " or ".join(_UNSAID[k] for k in kinds)
    verb = "leave" if len(named) > 1 else "leaves"
    most = "most state none" if kinds == [Salary] else "most do"
    found = (
        ("Jobs that state none" if kinds == [Salary] else "Such jobs") + " match the rest"
        if more is None
        else f"{plural(more, 'more job')} of the last 7 days "
        f"{'match' if more > 1 else 'matches'} the rest"
    )
    return (
        f"\nTip: {filters} {verb} out the jobs that {unsaid}, and {most}. "
        f"{found}. For those too: <code>{command} {esc(format_node(loose))}</code>."
    )


def _leaves(node: Node) -> list[Node]:
    children = node.children if isinstance(node, And | Or) else ()
    return [node] if not children else [n for c in children for n in _leaves(c)]


# A comma between terms, not inside a number ("salary:>=120,000").
_LIST_COMMA = re.compile(r"\s*,(?!\d)\s*")
_LIST_ITEM = re.compile(r"\.?\w[\w.+#*/-]*")  # one word: no field, negation or space


def list_tip(root: Node, text: str, command: str) -> str:
    """A line for the reply when single words are listed with commas and no OR: "rust, go,
    scala" needs all three words, as spaces would; most who write it mean any of them, so
    `command` ("/edit 3", "/search") with OR is offered, ready to copy."""
    if isinstance(root, Or) or '"' in text or re.search(r"\bOR\b|\|", text, re.I):
        return ""
    items = [item for item in _LIST_COMMA.split(text.strip(" ,")) if item]
    if len(items) < 2 or not all(_LIST_ITEM.fullmatch(item) for item in items):
        return ""  # "senior rust, berlin", "rust, -java", "rust, remote:yes": all meant
    either = html.escape(" OR ".join(items))
    what = "search" if command == "/search" else "alert"
    return (
        f"\nTip: a comma joins words as a space does, so this {what} needs all of them. For "
        f"any one of them: <code>{command} {either}</code>."
    )


def field_fix(exc: QueryError, text: str, command: str) -> str:
    """For a refused query whose fields other tools have (`level:senior`, `posted:7d`): the
    command with each written as jobbot takes it, ready to send; "" when there is none."""
    fixed = text
    for _ in range(5):  # a field at a time, each fixed where the error says it is
        if not isinstance(exc, UnknownField) or exc.instead is None:
            return ""
        fixed = " ".join((fixed[: exc.start] + exc.instead + fixed[exc.end :]).split())
        try:
            parse_query(fixed)
        except QueryError as again:
            exc = again
            continue
        return f"\nSend <code>{esc(command)} {esc(fixed)}</code> for that." if fixed else ""
    return ""
