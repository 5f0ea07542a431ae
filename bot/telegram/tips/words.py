"""Tips on words that find other jobs than meant: a level ("senior") or language ("german")
typed as a word, years of experience or "visa" as words, German glue ("für", "über"), OR
beside words it does not group, and fields other sites have (`level:senior`). How words are joined (OR, commas, slashes) is
`lists`. Pure.
"""

from __future__ import annotations

import html
import re

from bot.synonyms import expand
from bot.syntax import (
    ATTRS,
    And,
    Attr,
    Field,
    Node,
    Phrase,
    Word,
    Years,
    format_node,
)
from bot.telegram.tips.tip import Tip, joined, word_of
from bot.wording import plural
from bot.words import fold

esc = html.escape


_VISA_WORDS = frozenset({"visa", "visas", "sponsorship", "sponsor"})
_NEGATING = frozenset({"no", "without", "not"})


# A job's level: a description names others in passing ("mentored by senior engineers").
LEVELS = frozenset({"senior", "sr", "junior", "jr", "staff", "principal"})


def level_aside(word: str) -> str:
    """How a description names a level in passing: "mentored by senior engineers"."""
    level = {"sr": "senior", "jr": "junior"}.get(word, word)
    return f"mentoring {level} engineers" if level == "junior" else f"mentored by {level} engineers"


def level_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When a level ("senior", "junior", "staff", "new grad") is a word of its own (not
    inside OR or NOT): it matches a description that names the level in passing too, while
    title:senior matches the job's own, which is offered. (An intern's or co-op's is
    `type_tip`'s type:internship: a board marks one whose title does not say so.)"""
    terms = root.children if isinstance(root, And) else (root,)
    levels = [t for t in terms if isinstance(t, Word) and t.token in LEVELS]
    grad = _new_grad(terms)
    if not levels and grad is None:
        return None
    if grad is not None:
        i, n, said = grad
        terms = (*terms[:i], Field("title", said), *terms[i + n :])
    meant = joined(Field("title", t) if t in levels else t for t in terms)
    word = levels[0].token if levels else grad[2].text if grad else ""
    aside = level_aside(word) if levels else "mentoring new grads"
    return Tip(
        f"<b>{esc(word)}</b> also matches a description that names the level in passing "
        f"(“{aside}”).",
        "For the job's own level:",
        meant,
    )


_GRAD = expand(Word("grad"))  # "grad", "new grad", "new graduate", "recent graduate"…


def _new_grad(terms: tuple[Node, ...]) -> tuple[int, int, Word | Phrase] | None:
    """(where, how many terms, as one term) a new grad is named by a word or two words of
    `terms` ("new grad" typed as two words or quoted, "grads", "recent graduate"); else None."""
    for i, term in enumerate(terms):
        after = terms[i + 1] if i + 1 < len(terms) else None
        if isinstance(term, Word) and isinstance(after, Word):
            two = Phrase((term.token, after.token))
            if expand(two) == _GRAD:
                return i, 2, two
        if isinstance(term, Word | Phrase) and expand(term) == _GRAD:
            return i, 1, term
    return None


# ... and as the boards' languages say them ("5 anos de experiência", "5 Jahre Erfahrung")
_YEAR_WORDS = frozenset({
    "years", "year", "yrs", "yr", "anos", "ans", "jahre", "jahren", "jaar",
})  # fmt: skip


_AFTER_YEARS = frozenset({
    "experience", "exp", "of", "de", "experiencia", "d", "erfahrung", "berufserfahrung",
    "ervaring", "werkervaring",
})  # fmt: skip


def years_at(terms: list[Node], i: int) -> tuple[int, int] | None:
    """(years, the end of its words) when a number of years typed as words ("3 years
    experience", "\"3 years\"") starts at `i`; a number over 20 is no such number."""
    term = terms[i]
    own = term.text.split() if isinstance(term, Word | Phrase) else []
    after = terms[i + 1] if i + 1 < len(terms) else None
    words = own + (after.text.split() if isinstance(after, Word | Phrase) else [])
    if not own or len(words) < 2 or not words[0].isdigit() or words[1] not in _YEAR_WORDS:
        return None
    if not 0 < (years := int(words[0])) <= 20:
        return None
    end = i + 1 if len(own) > 1 else i + 2
    while end < len(terms) and _after_years(terms[end]):
        end += 1
    return years, end


def _after_years(term: Node) -> bool:
    """Whether a term after the years says they are of experience ("of experience", French
    "d'expérience": a phrase)."""
    said = (
        term.tokens if isinstance(term, Phrase) else (term.token,) if isinstance(term, Word) else ()
    )
    return bool(said) and set(said) <= _AFTER_YEARS


def years_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When a number of years is typed as words ("rust 3 years experience", "rust \"3
    years\""): they find those words in a job's text, not the years a job asks; years: is
    offered."""
    terms = list(root.children if isinstance(root, And) else (root,))
    for i in range(len(terms)):
        if (found := years_at(terms, i)) is None:
            continue
        years, end = found
        words = esc(" ".join(format_node(t) for t in terms[i:end]))
        return Tip(
            f"{words} finds these words in a job's text.",
            f"For the jobs that ask at most {plural(years, 'year')} of experience:",
            joined((*terms[:i], Years("<=", years), *terms[end:])),
            tail=f" (<code>years:&gt;={years}</code> for at least)",
        )
    return None


def _is_word(node: Node, words: frozenset[str]) -> bool:
    return isinstance(node, Word) and node.token in words


def visa_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When the query looks for the words "visa" or "sponsorship" (not inside OR or NOT): they
    also find the jobs that say they will *not* sponsor, which visa:yes, offered, leaves
    out."""
    terms = root.children if isinstance(root, And) else (root,)
    named = [t for t in terms if isinstance(t, Word | Phrase) and _VISA_WORDS & set(t.text.split())]
    if not named or any(isinstance(t, Attr) and t.name == "visa" for t in terms):
        return None
    if _is_word(terms[max(terms.index(named[0]) - 1, 0)], _NEGATING):
        return None  # "no visa sponsorship": no sign it wants the jobs that sponsor
    return Tip(
        f"{esc(' '.join(map(format_node, named)))} also finds the jobs that say they will not "
        "sponsor a visa.",
        "Only those that offer it:",
        joined((*(t for t in terms if t not in named), Attr("visa", "yes"))),
    )


def language_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When a language's name is a word of its own ("rust berlin english", not inside OR or
    NOT): it finds the word ("fluent English and German"), while lang:, offered, finds the
    jobs written in it, which is likely what was meant."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        word = word_of(term)
        code = ATTRS["lang"].get(word)
        if code is not None and len(word) > 2:  # a name, not "de"
            return Tip(
                f"<b>{esc(word)}</b> finds the word in a job's text (“fluent "
                f"{esc(word.title())} required”).",
                "For the jobs written in it:",
                joined((*terms[:i], Attr("lang", code), *terms[i + 1 :])),
            )
    return None


# Words no job says as meant: "the top 5", a startup's "Series A", "early-stage".
NO_WORDS = re.compile(
    r"\b(?:the\s+)?(?:top|best|latest|first|last)\s+\d{1,2}\b|\bseries[- ][a-e]\b"
    r"|\b(?:seed|early|late|growth)[- ]stage\b"
    r"|\b(?:(?:from|of|in|during|posted)\s+)?(?:the\s+)?(?:next|this|last|past)\s+(?:week|month|year|"
    r"spring|summer|autumn|fall|winter)\b|\bsoon\b|\bin\s+"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|(?:(?<=part[- ]time)|(?<=parttime)|(?<=teilzeit))\s*\(?\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s*%\)?"
    r"|\b\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s*%(?=\s*(?:part[- ]?time|teilzeit)\b)",
    re.IGNORECASE,
)  # when: "I'm moving to Amsterdam next month"; how much of a week: "part time 80%"

# Words that name a kind of job ("rust contract"): as words they find any text that has them
# ("this contract", "mentoring interns"); type: finds the jobs the board or title marks so.
TYPES = {
    "contract": "contract", "contractor": "contract", "freelance": "contract",
    "freelancer": "contract", "internship": "internship", "intern": "internship",
    "internships": "internship", "coop": "internship", "coops": "internship",
    "co op": "internship",
    "fulltime": "full-time", "parttime": "part-time", "full time": "full-time",
    "part time": "part-time", "vollzeit": "full-time", "teilzeit": "part-time",
}  # fmt: skip


# What type:'s kind takes that its word does not say (a co-op term is an internship).
_TOO = {"contract": " (freelance and temporary too)"}
_TOO |= dict.fromkeys(("coop", "coops", "co op"), " (co-op terms too)")


def type_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When a kind of job ("contract", "internship", "part-time") is a word of its own (not
    inside OR or NOT, nor a smart contract): type:, offered, finds the jobs of that kind."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        said = term.text if isinstance(term, Word | Phrase) else ""
        after = terms[i + 1] if i + 1 < len(terms) else None
        n = 1
        if isinstance(term, Word) and isinstance(after, Word) and f"{said} {after.token}" in TYPES:
            said, n = f"{said} {after.token}", 2  # "part time", typed as two words
        if (kind := TYPES.get(said)) is None or (i and terms[i - 1] == Word("smart")):
            continue
        if any(isinstance(t, Attr) and t.name == "type" for t in terms):
            return None
        too = _TOO.get(kind if kind == "contract" else said, "")
        return Tip(
            f"<b>{esc(said)}</b> finds the word{'s' * (' ' in said)} in any job's text; "
            f"<code>type:{kind}</code> finds the jobs the board or their title marks {kind}"
            f"{too}.",
            "For those:",
            joined((*terms[:i], Attr("type", kind), *terms[i + n :])),
        )
    return None


# German words that join a sentence ("backend für fintech", "jobs über 80k"), as typed: no word
# of the job, as the sentence reader drops them (`tips.filters`' GLUE); folded, "über" is "uber",
# the company Uber's name. ("MIT" in capitals is the university, or the licence.)
_GERMAN_GLUE = re.compile(
    r"(?<![\w:*-])(?:über|ueber|für|fuer|mit|bei|nach|ich|suche|bitte|gerne)(?![\w:*-])", re.I
)


def german_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When German glue is a word of its own in the query as typed ("backend über"): a job
    matches only if its text has it ("über" folded is "uber": Uber's jobs); the query without
    it is offered."""
    said = [w for w in _GERMAN_GLUE.findall(typed) if w != "MIT"]
    glue = {fold(w) for w in said}
    terms = root.children if isinstance(root, And) else (root,)
    kept = [t for t in terms if word_of(t) not in glue]
    if not said or len(kept) == len(terms):
        return None
    shown = list(dict.fromkeys(w.lower() for w in said))
    named = " and ".join(f"“{esc(w)}”" for w in shown)
    read = next(
        (f", and “{esc(w)}” is read as “{esc(fold(w))}”" for w in shown if fold(w) != w), ""
    )
    return Tip(
        f"{named} only join{'s' * (len(shown) == 1)} a German sentence: a job matches only if its "
        f"text has every word of the query{read}.",
        "Without it:" if len(glue) == 1 else "Without them:",
        joined(kept) if kept else None,
    )
