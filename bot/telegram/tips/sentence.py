"""A query written as a sentence ("rust jobs in berlin paying over 100k"), read as the filters
it most likely means ("rust location:berlin salary:>=100k"): every word of a query must be in
the job, and few jobs say "jobs" or "over 100k". Pure.
"""

from __future__ import annotations

import html
import re

from bot import nearby
from bot.errors import QueryError
from bot.query import parse as parse_query
from bot.syntax import (
    ATTRS,
    NEAR,
    And,
    Attr,
    Field,
    Node,
    Or,
    Phrase,
    Word,
    Years,
    format_node,
)
from bot.telegram.tips.codes import codes_spelled
from bot.telegram.tips.either import either_spelled, or_tight
from bot.telegram.tips.exclude import excluded_at
from bot.telegram.tips.pay import AT_LEAST, AT_MOST, amount, currency_of, pay_spelled, salary_at
from bot.telegram.tips.places import (
    in_a_place,
    or_remote,
    place_at,
    remote_at,
    town_at,
    within_at,
    without_place_again,
)
from bot.telegram.tips.said import kind_of_work, one_word
from bot.telegram.tips.stated import NO_SPONSORSHIP, kind_at, stated_at
from bot.telegram.tips.tip import Tip, word_of
from bot.telegram.tips.where import WORKPLACE_WORDS, open_to, region_at, workplace_spelled
from bot.telegram.tips.words import NO_WORDS, TYPES, jobs_or, years_at
from bot.telegram.tips.zones import hours_at

esc = html.escape


# Kinds of employer: "jobs at fintech companies" names no company.
_KINDS = (
    "companies", "firms", "startups", "scaleups", "businesses", "organisations", "organizations",
    "employers",
)  # fmt: skip
# Kinds of employer by their trade, in the plural ("roles at fintechs"): the trade's word.
_SECTORS = {
    **{f"{t}techs": f"{t}tech" for t in ("fin", "insur", "reg", "prop", "health", "ed", "legal")},
    "banks": "bank", "neobanks": "neobank", "insurers": "insurance", "agencies": "agency",
}  # fmt: skip
# Written as a sentence ("rust jobs in berlin paying over 100k"), a query's every word must be
# in the job: these say what a job is, or join words, and few jobs say them as meant.
_JOB_WORDS = frozenset({
    "job", "jobs", "role", "roles", "position", "positions", "opening", "openings", "vacancy",
    "vacancies", "opportunity", "opportunities", "only", "anything", "gig", "gigs", *_KINDS,
    "stelle", "stellen", "trabajo", "empleo", "vacante", "poste", "emploi", "vacature", "baan",
    "vaga",
})  # fmt: skip


_GLUE = frozenset({
    "in", "at", "for", "with", "the", "a", "an", "of", "based", "near", "around", "paying",
    "pays", "paid", "earning", "i", "im", "m", "looking", "seeking", "searching", "want", "need", "find",
    "me", "any", "some", "ok", "please", "pls", "good", "today", "latest", "recent", "there",
    "show", "send", "give", "is", "fully", "completely", "totally", "entirely", "timezone",
    "timezones", "tz", "d", "ll", "like", "love", "would", "prefer", "interested", "am", "but",
    "after", "as", "can", "could", "you", "ideally", "preferably", "that", "what", "which",
    "do", "does", "have", "has", "are", "live", "living", "located", "reside", "residing",
    "here", "to", "on", "hiring", "allow", "allows", "allowing", "who", "wanted", "how", "many",
    # the same said in the languages of the boards' markets ("Ich suche Rust Jobs in Berlin")
    "ich", "suche", "einen", "eine", "neuen", "neue", "bitte", "busco", "je", "cherche",
    "zoek", "een", "als", "procuro", "um", "uma", "de",
})  # fmt: skip
# After a workplace: it is welcome, not asked ("hybrid is ok"): no filter.
_WELCOME = frozenset({"ok", "okay", "fine", "welcome", "possible"})
_RATHER = frozenset({"ideally", "preferably"})  # ... before a workplace: welcome too


_A_PLACE = re.compile(r"(?<!\w)à(?!\w)")
_ARTICLE = re.compile(r"(?<!\w)(?:un|una|une)(?!\w)")  # as written: "UN jobs" are the UN's
# ... then a place: location: ("en madrid", "em lisboa", "within Europe")
_IN = frozenset({"in", "en", "em", "within", "across", "throughout", "inside"})
_NEAR = _IN | {"near", "around"}  # ... then a place: location:, near: for "near munich"


# After "jobs at", the company's name runs up to 3 words, to one of these or a filter.
_NOT_A_NAME = _GLUE | _NEAR | AT_LEAST | AT_MOST | _JOB_WORDS | {"and", "most"}


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
    return after in _JOB_WORDS if before == "new" else after in _NEAR or not after  # "anywhere"


def _company_at(terms: list[Node], i: int) -> tuple[int, Node] | None:
    """The company named by the words from `i`, after "jobs at" ("stripe", "goldman sachs",
    a quoted name), as company:; None when the first is no name ("at least")."""
    if i < len(terms) and isinstance(terms[i], Phrase):
        return 1, Field("company", terms[i])
    either = terms[i] if i < len(terms) else None
    if isinstance(either, Or) and all(isinstance(c, Word | Phrase) for c in either.children):
        return 1, Field("company", either)  # "at stripe, adyen or wise"
    words: list[str] = []
    for term in terms[i : i + 3]:
        token = word_of(term)
        if not token or token in _NOT_A_NAME or token in WORKPLACE_WORDS or amount(term):
            break
        words.append(token)
    after = terms[i + len(words)] if i + len(words) < len(terms) else None
    if not words or (after is not None and word_of(after) in _KINDS):
        return None  # "at fintech companies": a kind of company, not its name
    return len(words), Field("company", Word(words[0]) if len(words) == 1 else Phrase(tuple(words)))


def _filter_at(terms: list[Node], i: int, currency: str = "") -> tuple[Node, int, str, bool] | None:
    """The filter the words from `i` most likely mean: (the filter, how many words it takes,
    what to name as words few jobs say ("" for none), whether it alone reads as a sentence:
    "remote" and "3 years" have tips of their own)."""
    token = word_of(terms[i])
    if (gone := excluded_at(terms, i)) is not None:  # "no crypto": -crypto
        return gone[0], gone[1], gone[2], True
    if (stated := stated_at(terms, i)) is not None:  # "with visa sponsorship", "in English"
        return stated
    if (years := years_at(terms, i)) is not None:
        said = " ".join(format_node(t) for t in terms[i : years[1]])
        return Years("<=", years[0]), years[1] - i, said, False
    if token == "within" and (close := within_at(terms, i)) is not None:
        return close
    if token in ("near", "around") and (town := town_at(terms, i + 1)) is not None:
        return Field(NEAR, town[1]), 1 + town[0], "", True  # "near portland maine"
    if (hours := hours_at(terms, i, _NEAR)) is not None:  # "in the CET timezone", "EU tz"
        return hours[1], hours[0], "", True
    if token in _NEAR and (place := place_at(terms, i + 1)) is not None:
        n, named = place  # a job may well say "in Berlin"
        city = named.child if isinstance(named, Field) else None
        if token not in _IN and isinstance(city, Word | Phrase) and nearby.near(city.text):
            named = Field(NEAR, city)  # "near munich": the towns around it too
        return named, 1 + n, "", True
    if token in ("at", "from") and i and word_of(terms[i - 1]) in _JOB_WORDS:  # "jobs at stripe"
        if sector := _SECTORS.get(word_of(terms[i + 1]) if i + 1 < len(terms) else ""):
            return Word(sector), 2, "", True  # "roles at fintechs": a kind, not a name
        found = place_at(terms, i + 1) or _company_at(terms, i + 1)
        if found is not None:
            return found[1], 1 + found[0], "", True
    if token == "from" and (home := place_at(terms, i + 1)) is not None:
        return home[1], 1 + home[0], "", True  # "an engineer from Berlin": there, or from: it
    if (salary := salary_at(terms, i, currency)) is not None:
        return salary
    if (remote := remote_at(terms, i)) is not None:
        return remote[1], remote[0], "", True  # "remote EU or Berlin"
    if token in ("hybrid", "onsite") and (place := place_at(terms, i + 1)) is not None:
        return And((Attr("remote", ATTRS["remote"][token]), place[1])), 1 + place[0], "", True
    if token in WORKPLACE_WORDS:
        return Attr("remote", ATTRS["remote"][token]), 1, "", False
    if isinstance(terms[i], Or) and (place := place_at(terms, i)) is not None:
        return place[1], place[0], "", True  # "Berlin or remote Germany", no "in" before it
    if (either := _either_attr(terms[i])) is not None:
        return either, 1, "", False  # "remote or hybrid", "contract or freelance"
    return kind_at(terms, i)  # "contract rust jobs", "full time only", "permanent roles"


def _either_attr(term: Node) -> Node | None:
    """ "remote or hybrid" as remote:yes OR remote:hybrid, "contract or freelance" as
    type:contract; None for any other term."""
    if not isinstance(term, Or):
        return None
    words = [c.text if isinstance(c, Word | Phrase) else "" for c in term.children]
    if all(w in WORKPLACE_WORDS for w in words):
        attrs = [Attr("remote", ATTRS["remote"][w]) for w in words]
    elif all(w in TYPES or w in ATTRS["type"] for w in words):
        attrs = [Attr("type", TYPES.get(w) or ATTRS["type"][w]) for w in words]
    else:
        return None
    unique = tuple(dict.fromkeys(attrs))
    return unique[0] if len(unique) == 1 else Or(unique)


def _welcome(terms: list[Node], i: int) -> int:
    """How many words from `i` say the workplace before them is welcome, not asked ("is ok",
    "also fine", "is fine too"): 0 when they don't."""
    words = [word_of(t) for t in terms[i : i + 4]]
    n = next(
        (k for k, w in enumerate(words) if w not in _WELCOME | {"is", "also", "too"}), len(words)
    )
    return n if _WELCOME.intersection(words[:n]) - {"too", "also"} else 0


def as_filters(
    root: Node, loose: bool = False, currency: str = ""
) -> tuple[Node, list[str]] | None:
    """The query written as a sentence, rewritten with the filters it most likely means ("rust
    jobs in berlin paying over 100k" -> "rust location:berlin salary:>=100k"), with the words
    it left out or read as filters; None when it reads as keywords already. "remote" and "3
    years experience" alone make no rewrite (their own tips tell of them) unless `loose`."""
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
        if (found := _filter_at(terms, i, currency)) is not None:
            node, taken, said, alone = found
            out.append(node)
            read.append(said)
            sentence |= alone
            i += taken
            continue
        term, token = terms[i], word_of(terms[i])
        if token == "only" and _after_region(terms, i):
            out.append(term)  # "us only": from:us, which the remote tips offer
        elif token in _JOB_WORDS or (token == "work" and i and kind_of_work(terms[i - 1])):
            read.append(token)  # ("remote work", "go work"; not "social work")
            sentence = True
        elif token in ("new", "anywhere", "pay") and _said_before(terms, i + 1):
            read.append(token)  # "a new job" (not "new grad"), "anywhere in europe", "pay over"
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
    text = jobs_or(NO_WORDS.sub(" ", NO_SPONSORSHIP.sub(" ", pay_spelled(text))))  # "top 5"
    text = _ARTICLE.sub("", _A_PLACE.sub("in", text))  # "à paris", "un"
    text = codes_spelled(workplace_spelled(text))  # "on site": onsite; "in NY": new york
    try:
        root = parse_query(either_spelled(text), repeats=True, max_terms=60).root  # glue too
    except QueryError:
        return None
    root = or_tight(root)  # "rust jobs in berlin or munich": berlin OR munich
    rewritten = as_filters(root, loose=True, currency=currency_of(text))
    if rewritten is None:
        return None
    rewritten_root = without_place_again(rewritten[0])
    remote = open_to(rewritten_root)  # "remote jobs in germany": open to Germany, from:
    return format_node(remote[0] if remote else rewritten_root)


def sentence_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When the query reads as a sentence: "jobs", "in berlin", "over 100k" are words every
    job must have, which few have as meant. The filters it most likely means are offered."""
    rewritten = as_filters(root, currency=currency_of(typed))
    if rewritten is None:
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
