"""A refused query mended, ready to send: a field written as other tools write it
(`level:senior` -> `title:senior`), misspelled or after its value (`remtoe:yes`, `yes:remote`
-> `remote:yes`), a salary's slip (`salary:>=80` -> `salary:>=80k`: `salaryterm.Slip`), or a
slip of structure (a quote or parenthesis left open, a `)` too many, an AND or OR with nothing
on one side, empty quotes or parentheses). A sentence's query offered to copy is mended too:
languages a posting is written in, listed ("English or German postings"), as lang: filters."""

from __future__ import annotations

import html
import re

from bot.errors import QueryError, UnknownField
from bot.lexer import QUOTES
from bot.query import parse as parse_query
from bot.salaryterm import Slip
from bot.syntax import ATTRS, And, Attr, Node, Or, Word, format_node

esc = html.escape
_TRIES = 5
_EMPTY = re.compile(r'""|\(\s*\)')
# Operators in any case, as the language takes them.
_DANGLING = re.compile(r"^\s*(?:AND|OR)\b\s*|\s*\b(?:AND|OR|NOT)\s*$", re.IGNORECASE)
_DOUBLED = re.compile(r"\b(AND|OR)(\s+(?:AND|OR)\b)+", re.IGNORECASE)
_AFTER_OPEN = re.compile(r"\(\s*(?:AND|OR)\b\s*", re.IGNORECASE)
# Where a quote left open most likely ends.
_STOP = re.compile(r"\)|\s+(?:AND|OR)\s", re.IGNORECASE)
_BEFORE_CLOSE = re.compile(r"\s*\b(?:AND|OR|NOT)\s*\)", re.IGNORECASE)
_GERMAN_OPS = re.compile(r"\b(?:oder|und)\b", re.IGNORECASE)  # read as OR, AND (`bot.lexer`)
# A language's name, English or German ("english", "deutsch", "englisch"): its lang: code.
_SPOKEN = {name: code for name, code in ATTRS["lang"].items() if len(name) > 2} | {
    "englisch": "en", "franzosisch": "fr", "spanisch": "es", "italienisch": "it",
    "niederlandisch": "nl", "polnisch": "pl", "portugiesisch": "pt", "schwedisch": "sv",
}  # fmt: skip
# Words around a list of languages that say it is the posting's ("auf Deutsch", "postings").
_BEFORE_SPOKEN = frozenset({"auf", "in"})
_AFTER_SPOKEN = frozenset({"postings", "posting", "ads", "stellen", "anzeigen", "stellenanzeigen"})


def query_fix(exc: QueryError, text: str, command: str) -> str:
    """The command with the query `text` mended so that it parses, as a line offering it to
    send; "" when there is nothing sure to offer."""
    fixed = _fields(exc, text) if isinstance(exc, UnknownField | Slip) else _structure(text)
    if not fixed or fixed == text:
        return ""
    return f"\nSend <code>{esc(command)} {esc(fixed)}</code> for that."


def _fields(exc: QueryError, text: str) -> str:
    """`text` with each field other tools have (or misspelled, or salary's slip) written as
    jobbot takes it; "" if it still does not parse."""
    fixed = text
    for _ in range(_TRIES):  # a field at a time, each fixed where the error says it is
        if not isinstance(exc, UnknownField | Slip) or exc.instead is None:
            return ""
        fixed = " ".join((fixed[: exc.start] + exc.instead + fixed[exc.end :]).split())
        try:
            parse_query(fixed)
        except QueryError as again:
            exc = again
            continue
        return fixed
    return ""


def mended(text: str) -> str:
    """`text` as a query that parses, its fields (`_fields`) or structure (`_structure`)
    mended, its languages listed as lang: filters (`spoken`), German "oder" written OR; ""
    when it cannot be."""
    try:
        query = parse_query(text)
    except QueryError as exc:
        return _fields(exc, text) or _structure(text)
    if (said := spoken(query.root)) != query.root:
        return format_node(said)
    return query.normalized if _GERMAN_OPS.search(text) else text


def spoken(root: Node) -> Node:
    """`root` with an OR of languages, one a lang: filter or each a language's name, as lang:
    filters, and "auf", "in" before it and "postings" after it left out: "(lang:en OR german)
    postings" and "auf (deutsch OR englisch)" are (lang:en OR lang:de)."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        if not isinstance(term, Or) or (codes := _codes(term)) is None:
            continue
        start = i - (i > 0 and _word(terms[i - 1]) in _BEFORE_SPOKEN)
        end = i + 1 + (i + 1 < len(terms) and _word(terms[i + 1]) in _AFTER_SPOKEN)
        langs = Or(tuple(Attr("lang", c) for c in dict.fromkeys(codes)))
        kept = (*terms[:start], langs, *terms[end:])
        return kept[0] if len(kept) == 1 else And(kept)
    return root


def _codes(either: Or) -> list[str] | None:
    """The lang: codes of an OR each of whose sides is a language, a name or a lang: filter,
    with at least one filter or two names; None for any other OR."""
    codes = [
        t.value if isinstance(t, Attr) and t.name == "lang" else _SPOKEN.get(_word(t), "")
        for t in either.children
    ]
    return codes if all(codes) and len(set(codes)) > 1 else None


def _word(term: Node) -> str:
    return term.token if isinstance(term, Word) else ""


def _structure(text: str) -> str:
    """`text` with its quotes and parentheses closed, stray `)` and empty groups dropped,
    and operators with nothing on one side taken out; "" if it still does not parse."""
    fixed = _balanced(text.translate(QUOTES))
    for _ in range(_TRIES):
        before = fixed
        fixed = _EMPTY.sub(" ", fixed)
        fixed = _DOUBLED.sub(r"\1", fixed)
        fixed = _AFTER_OPEN.sub("(", _BEFORE_CLOSE.sub(")", fixed))
        fixed = _DANGLING.sub("", fixed)
        fixed = " ".join(fixed.split())
        if fixed == before:
            break
    try:
        parse_query(fixed)
    except QueryError:
        return ""
    return fixed


def _balanced(text: str) -> str:
    """`text` with an open quote closed (before the `)`, AND or OR that follows it, else at
    the end), each `)` that closes nothing dropped, and each `(` left open closed at the end."""
    out: list[str] = []
    depth, quoted, opened = 0, False, 0
    for i, c in enumerate(text):
        if c == '"':
            quoted, opened = not quoted, i
        elif not quoted and c == "(":
            depth += 1
        elif not quoted and c == ")":
            if not depth:
                continue
            depth -= 1
        out.append(c)
    if quoted and (stop := _STOP.search(text, opened + 1)):
        return _balanced(f'{text[: stop.start()]}"{text[stop.start() :]}')
    closed = "".join(out).rstrip()
    return closed + ('"' if quoted else "") + ")" * depth
