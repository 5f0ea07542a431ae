"""Tips on words that find other jobs than meant: a level ("senior") or language ("german")
typed as a word, years of experience or "visa" as words, OR beside words it does not group,
commas between words, and fields other sites have (`level:senior`). Pure.
"""

from __future__ import annotations

import html
import re

from bot.errors import QueryError, UnknownField
from bot.query import parse as parse_query
from bot.render import plural
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

esc = html.escape


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


def years_tip(root: Node, command: str) -> str:
    """A line for the reply when a number of years is typed as words ("rust 3 years
    experience", "rust \"3 years\""): they find those words in a job's text, not the
    years a job asks. `command` ("/edit 3", "/search") with years: is offered."""
    terms = list(root.children if isinstance(root, And) else (root,))
    for i in range(len(terms)):
        if (found := years_at(terms, i)) is None:
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
    named = [t for t in terms if isinstance(t, Word | Phrase) and _VISA_WORDS & set(t.text.split())]
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
        f"If you meant <code>{command} {esc(format_node(meant))}</code>, send that."
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
    either = esc(" OR ".join(items))
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
