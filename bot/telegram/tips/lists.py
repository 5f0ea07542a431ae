"""Tips on how a query's words are joined, as typed and as most mean them: OR beside words
it does not group ("rust OR go remote:yes"), words listed with commas or one a line ("rust,
go, scala" needs all three), words joined by a slash ("Go/Rust" finds them side by side), and
a sentence's either-or of two kinds of job ("Go jobs, or anything backend"), and words to leave
out joined by hyphens ("-crypto-web3" leaves out "crypto web3"). Pure.
"""

from __future__ import annotations

import html
import re

from bot.errors import QueryError
from bot.lexer import lex
from bot.query import parse as parse_query
from bot.salary import PER_YEAR, currency_code
from bot.syntax import And, Node, Not, Or, Phrase, Word, format_node
from bot.telegram.tips.roles import roles_grouped, roles_listed
from bot.telegram.tips.tip import Tip, joined
from bot.telegram.topics import TOPICS
from bot.words import tokens

esc = html.escape


def grouping_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When OR sits beside words it does not group: "rust OR go remote:yes" is rust, or go that
    is remote, which few mean; nor "rust OR go -(crypto OR web3)", whose parentheses group the
    words left out, not the OR. The grouping most mean is offered. With parentheses typed,
    only words beside the OR: "(rust OR go) remote:yes OR location:berlin" is meant whole."""
    if not isinstance(root, Or) or not any(isinstance(c, And) for c in root.children):
        return None
    if _grouped(typed) and not (_ungrouped(typed) and _words_beside(root)):
        return None
    if not any(isinstance(t, Word | Phrase) for c in root.children for t in _terms(c)):
        return None  # filters alone ("remote:hybrid location:berlin OR remote:yes"): as meant
    said = "AND binds tighter than OR, as the parentheses above show."
    meant = roles_grouped(root)
    if meant == root:  # roles of several words, and nothing else: grouped as meant
        return None
    meant = meant or (regrouped(root) if _words_beside(root) else shared_words(root))
    if meant is None:
        return Tip(f"{said} To group otherwise, write them: <code>(rust OR go) remote:yes</code>.")
    return Tip(said, "Grouped as most mean it:", meant)


def _grouped(typed: str) -> bool:
    """Whether `typed` has parentheses, typed or made by the lexer of a list's commas
    ("senior rust engineer, or staff go engineer": each side grouped)."""
    try:
        return "(" in typed or any(tok.kind == "(" for tok in lex(typed))
    except QueryError:
        return "(" in typed


def _ungrouped(typed: str) -> bool:
    """Whether a side of an OR outside any parentheses has several terms outside them too
    ("rust OR go -(crypto OR web3)": go and the group; "(a b) OR c": none)."""
    try:
        toks = lex(typed)
    except QueryError:
        return False
    depth, terms, glued, sides = 0, 0, False, []
    for tok in toks:
        if tok.kind in ("(", ")"):
            terms += tok.kind == "(" and not depth and not glued
            depth += 1 if tok.kind == "(" else -1
            glued = glued and depth > 0
        elif depth:
            continue
        elif tok.kind in ("or", "end"):
            sides.append(terms)
            terms, glued = 0, False
        elif tok.kind in ("neg", "not", "field", "term"):
            terms += not glued  # a field's value, or what a NOT takes, is its term
            glued = tok.kind != "term"
    return max(sides) > 1 and len(sides) > 1


def _words_beside(root: Or) -> bool:
    """Whether the terms beside each OR are words, as in "rust OR go remote:yes"."""
    head, last = root.children[0], root.children[-1]
    beside = [
        head.children[-1] if isinstance(head, And) else head,
        *root.children[1:-1],
        last.children[0] if isinstance(last, And) else last,
    ]
    return all(isinstance(term, Word | Phrase) for term in beside)


def _terms(node: Node) -> tuple[Node, ...]:
    return node.children if isinstance(node, And) else (node,)


def shared_words(root: Or) -> Node | None:
    """When filters stand beside the ORs ("python remote:hybrid location:berlin OR remote:yes
    from:germany"): the words before the first side's filters are every side's, and each side's
    filters its own: python ((remote:hybrid location:berlin) OR (remote:yes from:germany)).
    None when the sides are not so (words after a filter, or in the other sides)."""
    sides = [_terms(c) for c in root.children]
    n = next((k for k, t in enumerate(sides[0]) if not isinstance(t, Word | Phrase)), 0)
    rest = [sides[0][n:], *sides[1:]]
    if not n or any(isinstance(t, Word | Phrase) for side in rest for t in side):
        return None
    return joined((*sides[0][:n], Or(tuple(joined(side) for side in rest))))


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
    either = roles_listed(items)  # "data analyst, BI analyst": each role's words together
    if either is None and (len(items) < 2 or not all(map(_LIST_ITEM.fullmatch, items))):
        return None  # "senior rust, berlin", "rust, -java", "rust, remote:yes": all meant
    try:
        either = either or parse_query(" OR ".join(items)).root
    except QueryError:
        return None
    what = "search" if command == "/search" else "alert"
    return Tip(
        f"{'words on lines of their own are joined' if lines else 'a comma joins words'} as "
        f"{'by spaces' if lines else 'a space does'}, so this {what} needs all of them.",
        "For any one of them:",
        either,
    )


# "Go or Rust jobs, or anything backend": an either-or of two kinds of job, as one list.
_JOBS_OR = re.compile(
    r"\s+(?:jobs?|roles?|positions?|openings?)\s*,?\s+or\s+(?:(?:anything|something|any)\s+)?",
    re.IGNORECASE,
)


def jobs_or(text: str) -> str:
    """`text` with "X jobs, or anything Y" as "X or Y jobs": a list the either-or reads."""
    joined, n = _JOBS_OR.subn(" or ", text)
    return f"{joined.rstrip(' .!?')} jobs" if n else text


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
    OR, is offered. So are words to leave out joined by a hyphen (`hyphen_tip`)."""
    slashed_ = slashed(typed)
    terms = root.children if isinstance(root, And) else (root,)
    if not slashed_:
        return hyphen_tip(terms, typed)
    for i, term in enumerate(terms):
        if isinstance(term, Phrase) and term.tokens in slashed_ and not _a_rate(term.tokens):
            either = Or(tuple(Word(t) for t in term.tokens))
            return Tip(
                f"<b>{esc(slashed_[term.tokens])}</b> finds these words side by side, not a job "
                f"that names one of them.",
                "For either:" if len(term.tokens) == 2 else "For any of them:",
                joined((*terms[:i], either, *terms[i + 1 :])),
            )
    return None


def _a_rate(words: tuple[str, ...]) -> bool:
    """Whether slashed words are a currency and a period ("EUR/month", "usd/hour"): a pay's
    rate, which the pay tip reads, not two words either of which will do."""
    return len(words) == 2 and currency_code(words[0]) is not None and words[1] in PER_YEAR


# "-crypto-web3": words to leave out joined by hyphens, after a space or first.
_HYPHENED = re.compile(r"(?:(?<=\s)|^)-(\w[\w+#]*(?:-\w[\w+#]*)+)")


def hyphen_tip(terms: tuple[Node, ...], typed: str) -> Tip | None:
    """When things people leave out by name, or languages, are joined by hyphens after a minus
    ("-crypto-web3", "-java-php"): that leaves out only the jobs that say them side by side,
    as one would "-full-time"; each left out is offered."""
    for m in _HYPHENED.finditer(typed):
        words = tuple(m[1].lower().split("-"))
        if not all(w in TOPICS or w in LANGUAGES for w in words):
            continue
        at = next((i for i, t in enumerate(terms) if t == Not(Phrase(words))), None)
        if at is None:
            continue
        each = tuple(Not(Word(w)) for w in words)
        return Tip(
            f"<b>-{esc(m[1])}</b> leaves out only the jobs that say “{esc(' '.join(words))}”, "
            "these words side by side, not each of them.",
            "To leave out each:",
            joined((*terms[:at], *each, *terms[at + 1 :])),
        )
    return None


# Programming languages: a job names the one it is written in; few name two or three.
LANGUAGES = frozenset({
    "rust", "go", "golang", "scala", "java", "kotlin", "python", "typescript", "javascript",
    "c++", "c#", "ruby", "php", "elixir", "erlang", "haskell", "clojure", "ocaml", "swift",
    "zig", "dotnet", "f#", "solidity", "perl", "dart", "julia", "lua",
})  # fmt: skip


_BOTH_SAID = re.compile(r"\b(?:and|und)\b|&", re.IGNORECASE)


def languages_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When languages are typed side by side with no OR ("rust go scala"): a job must name
    every one, which few do; most mean any of them, offered joined by OR. (Commas and
    slashes have their own tips; "python und scala", "and": both, as said.)"""
    if "," in typed or "/" in typed or isinstance(root, Or) or _BOTH_SAID.search(typed):
        return None
    terms = root.children if isinstance(root, And) else (root,)
    if any(isinstance(t, Or) for t in terms):
        return None
    at = [i for i, t in enumerate(terms) if isinstance(t, Word) and t.token in LANGUAGES]
    if len(at) < 2 or at[-1] - at[0] != len(at) - 1:  # side by side only
        return None
    either = Or(tuple(terms[i] for i in at))
    named = " and ".join(f"<b>{esc(format_node(terms[i]))}</b>" for i in at)
    return Tip(
        f"a job matches only if it names {named}, and few name {'both' if len(at) == 2 else 'them all'}.",
        "For any one of them:",
        joined((*terms[: at[0]], either, *terms[at[-1] + 1 :])),
    )
