"""A refused query mended, ready to send: a field written as other tools write it
(`level:senior` -> `title:senior`), misspelled or after its value (`remtoe:yes`, `yes:remote`
-> `remote:yes`), a salary's slip (`salary:>=80` -> `salary:>=80k`: `salaryterm.Slip`), or a
slip of structure (a quote or parenthesis left open, a `)` too many, an AND or OR with nothing
on one side, empty quotes or parentheses)."""

from __future__ import annotations

import html
import re

from bot.errors import QueryError, UnknownField
from bot.lexer import QUOTES
from bot.query import parse as parse_query
from bot.salaryterm import Slip

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
    mended; "" when it cannot be."""
    try:
        parse_query(text)
    except QueryError as exc:
        return _fields(exc, text) or _structure(text)
    return text


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
