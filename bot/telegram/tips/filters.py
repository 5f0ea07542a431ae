"""The filter the words at one place of a sentence most likely mean ("no crypto", "in berlin",
"jobs at stripe", "over 100k", "hybrid munich"): a chain of readers, the first that reads the
words wins. Pure; `sentence` reads a whole sentence with it."""

from __future__ import annotations

from collections.abc import Callable

from bot import nearby
from bot.syntax import (
    ATTRS,
    NEAR,
    And,
    Attr,
    Field,
    Node,
    Or,
    Phrase,
    Salary,
    Word,
    Years,
    format_node,
)
from bot.telegram.tips.exclude import excluded_at
from bot.telegram.tips.pay import AT_LEAST, AT_MOST, amount, salary_at
from bot.telegram.tips.places import place_at, remote_at, town_at, within_at
from bot.telegram.tips.stated import kind_at, stated_at
from bot.telegram.tips.tip import Found, word_of
from bot.telegram.tips.where import WORKPLACE_WORDS
from bot.telegram.tips.words import TYPES, years_at
from bot.telegram.tips.zones import hours_at

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
JOB_WORDS = frozenset({
    "job", "jobs", "role", "roles", "position", "positions", "opening", "openings", "vacancy",
    "vacancies", "opportunity", "opportunities", "only", "anything", "gig", "gigs", *_KINDS,
    "stelle", "stellen", "trabajo", "empleo", "vacante", "poste", "emploi", "vacature", "baan",
    "vaga", "vagas", "trabalho", "trabalhos", "emprego", "empregos", "oportunidade",
    "oportunidades", "trabajos", "empleos", "vacantes", "puesto", "puestos", "oferta", "ofertas",
    "postes", "emplois", "offre", "offres", "vacatures", "banen",
})  # fmt: skip
GLUE = frozenset({
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
    "zoek", "een", "als", "procuro", "um", "uma", "de", "nur", "kannst", "du", "mir", "schicken",
    "zeig", "zeige", "mit", "gehalt", "oder", "und", "will", "mochte", "moechte", "brauche",
    "firmen", "firma", "unternehmen", "aus", "bei", "fur", "fuer", "gerne", "gern", "auch",
    "bin", "habe", "hab", "was", "etwas", "neues", "gibt", "gibts", "es", "wie", "bekomme",
    "kriege", "finde",
    "procurando", "quero", "gostaria", "preciso", "estou", "sou", "tenho", "em", "na", "nas",
    "nos", "da", "das", "dos", "para", "com", "uns", "umas", "e", "ao", "por", "favor", "que",
    "buscando", "quiero", "necesito", "estoy", "soy", "tengo", "en", "el", "del", "con", "y",
    "recherche", "veux", "voudrais", "suis", "pour", "avec", "dans", "et", "ik", "met",
    "mostly", "mainly", "primarily", "largely",
})  # fmt: skip
# ... then a place: location: ("en madrid", "em lisboa", "within Europe")
_IN = frozenset({"in", "en", "em", "within", "across", "throughout", "inside"})
NEAR_WORDS = _IN | {"near", "around"}  # ... then a place: location:, near: for "near munich"
# After "jobs at", the company's name runs up to 3 words, to one of these or a filter.
_NOT_A_NAME = GLUE | NEAR_WORDS | AT_LEAST | AT_MOST | JOB_WORDS | {"and", "most"}


def filter_at(terms: list[Node], i: int, currency: str = "") -> Found | None:
    """The filter the words from `i` most likely mean, as `Found`; None when they are words
    of the query as they are. `currency` is the one the text names for amounts without one."""
    return (
        _first(_BEFORE_PAY, terms, i)
        or salary_at(terms, i, currency)
        or _first(_AFTER_PAY, terms, i)
    )


def _first(
    readers: tuple[Callable[[list[Node], int], Found | None], ...], terms: list[Node], i: int
) -> Found | None:
    return next((found for read in readers if (found := read(terms, i)) is not None), None)


def _excluded(terms: list[Node], i: int) -> Found | None:
    """ "no crypto": -crypto."""
    gone = excluded_at(terms, i)
    return None if gone is None else Found(gone[0], gone[1], gone[2], True)


def _years(terms: list[Node], i: int) -> Found | None:
    """ "3 years experience": the years asked, naming the words."""
    if (years := years_at(terms, i)) is None:
        return None
    said = " ".join(format_node(t) for t in terms[i : years[1]])
    return Found(Years("<=", years[0]), years[1] - i, said, False)


def _within(terms: list[Node], i: int) -> Found | None:
    """ "within 30 km of munich"."""
    return within_at(terms, i) if word_of(terms[i]) == "within" else None


def _near_town(terms: list[Node], i: int) -> Found | None:
    """ "near portland maine": the town, and the towns around it."""
    if word_of(terms[i]) not in ("near", "around") or (town := town_at(terms, i + 1)) is None:
        return None
    return Found(Field(NEAR, town[1]), 1 + town[0], "", True)


def _hours(terms: list[Node], i: int) -> Found | None:
    """ "in the CET timezone", "EU tz"."""
    hours = hours_at(terms, i, NEAR_WORDS)
    return None if hours is None else Found(hours[1], hours[0], "", True)


def _in_place(terms: list[Node], i: int) -> Found | None:
    """ "in berlin" (a job may well say it), "near munich" (the towns around it too)."""
    token = word_of(terms[i])
    if token not in NEAR_WORDS or (place := place_at(terms, i + 1)) is None:
        return None
    n, named = place
    city = named.child if isinstance(named, Field) else None
    if token not in _IN and isinstance(city, Word | Phrase) and nearby.near(city.text):
        named = Field(NEAR, city)
    return Found(named, 1 + n, "", True)


def _open_to(terms: list[Node], i: int) -> Found | None:
    """ "open to singapore" (remote work open to it, as "in" it reads after "remote")."""
    if word_of(terms[i]) != "open" or i + 1 >= len(terms) or word_of(terms[i + 1]) != "to":
        return None
    place = place_at(terms, i + 2)
    return None if place is None else Found(place[1], 2 + place[0], "", True)


def _at_company(terms: list[Node], i: int) -> Found | None:
    """ "jobs at stripe" (or at a place); "roles at fintechs" is a kind, not a name."""
    token, jobs = word_of(terms[i]), i > 0 and word_of(terms[i - 1]) in JOB_WORDS
    sector = _SECTORS.get(word_of(terms[i + 1]) if i + 1 < len(terms) else "")
    if sector and (token == "at" or (token == "from" and jobs)):  # "rust at fintechs"
        return Found(Word(sector), 2, "", True)
    if token not in ("at", "from") or not jobs:
        return None
    found = place_at(terms, i + 1) or _company_at(terms, i + 1)
    return None if found is None else Found(found[1], 1 + found[0], "", True)


def _from_place(terms: list[Node], i: int) -> Found | None:
    """ "an engineer from Berlin": there, or from: it."""
    if word_of(terms[i]) != "from" or (home := place_at(terms, i + 1)) is None:
        return None
    return Found(home[1], 1 + home[0], "", True)


def _remote(terms: list[Node], i: int) -> Found | None:
    """ "remote EU or Berlin"."""
    remote = remote_at(terms, i)
    return None if remote is None else Found(remote[1], remote[0], "", True)


def _workplace(terms: list[Node], i: int) -> Found | None:
    """ "hybrid", "onsite"; "hybrid munich": hybrid there."""
    if (token := word_of(terms[i])) not in WORKPLACE_WORDS:
        return None
    attr = Attr("remote", ATTRS["remote"][token])
    if token in ("hybrid", "onsite") and (place := place_at(terms, i + 1)) is not None:
        return Found(And((attr, place[1])), 1 + place[0], "", True)
    return Found(attr, 1, "", False)


def _or_place(terms: list[Node], i: int) -> Found | None:
    """ "Berlin or remote Germany", no "in" before it."""
    if not isinstance(terms[i], Or) or (place := place_at(terms, i)) is None:
        return None
    return Found(place[1], place[0], "", True)


def _either(terms: list[Node], i: int) -> Found | None:
    """ "remote or hybrid" as remote:yes OR remote:hybrid, "contract or freelance" as
    type:contract."""
    term = terms[i]
    if not isinstance(term, Or):
        return None
    if all(isinstance(c, Salary) for c in term.children):  # "180k SGD or 90k GBP", read so
        return Found(term, 1, "", True)
    words = [c.text if isinstance(c, Word | Phrase) else "" for c in term.children]
    if all(w in WORKPLACE_WORDS for w in words):
        attrs = [Attr("remote", ATTRS["remote"][w]) for w in words]
    elif all(w in TYPES or w in ATTRS["type"] for w in words):
        attrs = [Attr("type", TYPES.get(w) or ATTRS["type"][w]) for w in words]
    else:
        return None
    unique = tuple(dict.fromkeys(attrs))
    return Found(unique[0] if len(unique) == 1 else Or(unique), 1, "", False)


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


# In this order: "in the CET timezone" is hours before a place; "from" after "jobs" a
# company before a home; pay before "remote".
_BEFORE_PAY = (
    _excluded, stated_at, _years, _within, _near_town, _hours, _in_place, _open_to, _at_company, _from_place,
)  # fmt: skip
_AFTER_PAY = (_remote, _workplace, _or_place, _either, kind_at)
