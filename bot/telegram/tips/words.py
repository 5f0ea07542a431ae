"""Tips on words that find other jobs than meant: a level ("senior") or language ("german")
typed as a word, years of experience or "visa" as words, OR beside words it does not group,
commas between words, and fields other sites have (`level:senior`). Pure.
"""

from __future__ import annotations

import html
import re

from bot.errors import QueryError
from bot.query import parse as parse_query
from bot.syntax import (
    ATTRS,
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
from bot.telegram.tips.tip import Tip, joined, word_of
from bot.wording import plural
from bot.words import tokens

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
    """When a level ("senior", "junior", "staff") is a word of its own (not inside OR or NOT):
    it matches a description that names the level in passing too, while title:senior matches
    the job's own, which is offered."""
    terms = root.children if isinstance(root, And) else (root,)
    levels = [t for t in terms if isinstance(t, Word) and t.token in LEVELS]
    if not levels:
        return None
    meant = joined(Field("title", t) if t in levels else t for t in terms)
    word = levels[0].token
    return Tip(
        f"<b>{esc(word)}</b> also matches a description that names the level in passing "
        f"(“{level_aside(word)}”).",
        "For the job's own level:",
        meant,
    )


_YEAR_WORDS = frozenset({"years", "year", "yrs", "yr"})


_AFTER_YEARS = frozenset({"experience", "exp", "of"})


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
    while end < len(terms) and _is_word(terms[end], _AFTER_YEARS):
        end += 1
    return years, end


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


def grouping_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When OR sits beside words it does not group, with no parentheses typed: "rust OR go
    remote:yes" is rust, or go that is remote, which few mean. The grouping most mean is
    offered."""
    if (
        "(" in typed
        or not isinstance(root, Or)
        or not any(isinstance(c, And) for c in root.children)
    ):
        return None
    said = "AND binds tighter than OR, as the parentheses above show."
    meant = regrouped(root)
    if meant is None:
        return Tip(f"{said} To group otherwise, write them: <code>(rust OR go) remote:yes</code>.")
    return Tip(said, "Grouped as most mean it:", meant)


def regrouped(root: Or) -> Node | None:
    """The query with OR binding tighter: "a OR b x y" -> "(a OR b) x y", "x y a OR b" ->
    "x y (a OR b)" and "x a OR b y" -> "x (a OR b) y"; None when a term between the first
    and the last is itself several words."""
    head, *middle, last = root.children
    if any(isinstance(c, And) for c in middle):
        return None
    before = head.children if isinstance(head, And) else (head,)
    after = last.children if isinstance(last, And) else (last,)
    return And((*before[:-1], Or((before[-1], *middle, after[0])), *after[1:]))


# A comma between terms, not inside a number ("salary:>=120,000").
_LIST_COMMA = re.compile(r"\s*,(?!\d)\s*")
_LIST_LINES = re.compile(r",?[ \t]*\n\s*")


_LIST_ITEM = re.compile(r"\.?\w[\w.+#*/-]*")  # one word: no field, negation or space


def list_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When single words are listed with commas (or one a line) and no OR: "rust, go, scala"
    needs all three words, as spaces would; most who write it mean any of them, so OR is
    offered (`command`, "/edit 3" or "/search", says whether this is an alert)."""
    if isinstance(root, Or) or '"' in typed or re.search(r"\bOR\b|\|", typed, re.I):
        return None
    lines = "\n" in typed.strip()
    typed = _LIST_LINES.sub(", ", typed.strip())  # one a line, as a list is pasted
    items = [item for item in _LIST_COMMA.split(typed.strip(" ,")) if item]
    if len(items) < 2 or not all(_LIST_ITEM.fullmatch(item) for item in items):
        return None  # "senior rust, berlin", "rust, -java", "rust, remote:yes": all meant
    try:
        either = parse_query(" OR ".join(items)).root
    except QueryError:
        return None
    what = "search" if command == "/search" else "alert"
    return Tip(
        f"{'words on lines of their own are joined' if lines else 'a comma joins words'} as "
        f"{'by spaces' if lines else 'a space does'}, so this {what} needs all of them.",
        "For any one of them:",
        either,
    )


# Words no job says as meant: "the top 5", a startup's "Series A", "early-stage".
NO_WORDS = re.compile(
    r"\b(?:the\s+)?(?:top|best|latest|first|last)\s+\d{1,2}\b|\bseries[- ][a-e]\b"
    r"|\b(?:seed|early|late|growth)[- ]stage\b"
    r"|\b(?:(?:from|of|in|during|posted)\s+)?(?:the\s+)?(?:next|this|last|past)\s+(?:week|month|year|"
    r"spring|summer|autumn|fall|winter)\b|\bsoon\b|\bin\s+"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)  # when: "I'm moving to Amsterdam next month"

# "Go or Rust jobs, or anything backend": an either-or of two kinds of job, as one list.
_JOBS_OR = re.compile(
    r"\s+(?:jobs?|roles?|positions?|openings?)\s*,?\s+or\s+(?:(?:anything|something|any)\s+)?",
    re.IGNORECASE,
)


def jobs_or(text: str) -> str:
    """`text` with "X jobs, or anything Y" as "X or Y jobs": a list the either-or reads."""
    joined, n = _JOBS_OR.subn(" or ", text)
    return f"{joined.rstrip(' .!?')} jobs" if n else text


# Words that name a kind of job ("rust contract"): as words they find any text that has them
# ("this contract", "mentoring interns"); type: finds the jobs the board or title marks so.
TYPES = {
    "contract": "contract", "contractor": "contract", "freelance": "contract",
    "freelancer": "contract", "internship": "internship", "intern": "internship",
    "internships": "internship",
    "fulltime": "full-time", "parttime": "part-time", "full time": "full-time",
    "part time": "part-time",
}  # fmt: skip


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
        return Tip(
            f"<b>{esc(said)}</b> finds the word{'s' * (' ' in said)} in any job's text; "
            f"<code>type:{kind}</code> finds the jobs the board or their title marks {kind}"
            + (" (freelance and temporary too)." if kind == "contract" else "."),
            "For those:",
            joined((*terms[:i], Attr("type", kind), *terms[i + n :])),
        )
    return None


# go/rust, devops/sre, c/c++ (not the comma or stop after them)
_SLASHED = re.compile(r"[^\s/()\"|]+(?:/[^\s/()\"|]+)+(?<![,;.!?])")
_BOTH = frozenset({("ui", "ux"), ("ux", "ui"), ("tcp", "ip"), ("pl", "sql")})  # one thing


def slashed(typed: str) -> dict[tuple[str, ...], str]:
    """The words `typed` joins by a slash to mean either ("Go/Rust", "devops/SRE",
    "Staff/Principal"), each as its words and as typed; not one thing so written (UI/UX,
    a/b, 24/7, ci/cd), nor an amount's rate (90k/year)."""
    found: dict[tuple[str, ...], str] = {}
    for m in _SLASHED.finditer(typed):
        parts = [tokens(part) for part in m[0].split("/")]
        words = tuple(p[0] for p in parts if len(p) == 1)
        if len(words) != len(parts) or words in _BOTH or any(w[0].isdigit() for w in words):
            continue
        if max(map(len, words)) > 1:  # not a/b, i/o
            found[words] = m[0]
    return found


def slash_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When words are joined by a slash ("Go/Rust", "devops/SRE", "C/C++"): they find the
    words side by side, as in "Go/Rust", not a job that names one of them; either, joined by
    OR, is offered."""
    slashed_ = slashed(typed)
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        if isinstance(term, Phrase) and term.tokens in slashed_:
            either = Or(tuple(Word(t) for t in term.tokens))
            return Tip(
                f"<b>{esc(slashed_[term.tokens])}</b> finds these words side by side, not a job "
                f"that names one of them.",
                "For either:" if len(term.tokens) == 2 else "For any of them:",
                joined((*terms[:i], either, *terms[i + 1 :])),
            )
    return None
