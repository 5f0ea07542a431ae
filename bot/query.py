"""The alert language: a parser from query text to a syntax tree, with errors that say where.

    rust backend               both words (whole words, any case, accents folded)
    "machine learning"         consecutive words
    dev*                       a word starting with "dev" (3 letters at least)
    rust OR go, -java, NOT php, (a OR b) c
    title: company: location: board:   a word, a phrase or a group in that field
    remote:yes|no|hybrid  type:full-time|part-time|contract|internship
    salary:>=100k  salary:<80k  salary:100k-150k  salary:>=€100k   a yearly amount

`parse` raises `QueryError` with a message that points at the problem, and holds a query to
limits on length, terms and nesting. There are no regular expressions from users: a query is
words, split by `bot.words` as postings are, so matching is set and substring lookups on the
posting's tokens, linear in the posting's length whatever the query. The tree's nodes live in
`bot.syntax` and the tokenizer in `bot.words`: import them from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.errors import QueryError
from bot.salary import parse_filter
from bot.syntax import (
    ATTRS,
    FIELDS,
    MIN_PREFIX,
    OPERATORS,
    And,
    Attr,
    Field,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Query,
    Salary,
    Term,
    Word,
    format_node,
)
from bot.words import tokens

_CHOICES = {"remote": "yes, no or hybrid", "type": "full-time, part-time, contract or internship"}


# -- lexer ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "(", ")", "term", "field", "neg", "or", "and", "not", "end"
    pos: int
    text: str = ""
    node: Term | Salary | None = None


_FIELD_NAME = re.compile(r"([A-Za-z]+):")


def _at(pos: int) -> str:
    return f"at character {pos + 1}"


def _term(chunk: str, pos: int) -> Term | None:
    """A bare word of the query: a word, a phrase when it holds several (front-end), a prefix."""
    if "*" not in chunk:
        toks = tokens(chunk)
        if not toks:
            return None
        return Word(toks[0]) if len(toks) == 1 else Phrase(tuple(toks))
    star = chunk.index("*")
    if star != len(chunk) - 1:
        raise QueryError(f"* goes only at the end of a word ({_at(pos + star)})")
    toks = tokens(chunk[:-1])
    if len(toks) > 1:
        raise QueryError(f"a prefix* is a single word: “{chunk}” {_at(pos)}")
    if not toks or len(toks[0]) < MIN_PREFIX:
        raise QueryError(f"a prefix needs at least {MIN_PREFIX} letters before * ({_at(pos)})")
    return Prefix(toks[0])


def _salary(chunk: str, pos: int) -> Salary:
    """The value of salary: (the rest of its chunk) as a node; QueryError says what's wrong."""
    try:
        op, amount, upto, currency = parse_filter(chunk)
    except ValueError as exc:
        raise QueryError(f"{exc} ({_at(pos)})") from None
    return Salary(op, amount, upto, currency)


def _lex(text: str) -> list[_Tok]:
    """The query's tokens, then an "end" token; QueryError at the first one that is wrong."""
    out: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(_Tok(c, i))
            i += 1
        elif c == '"':
            i = _lex_phrase(text, i, out)
        elif c == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in ")-":
            out.append(_Tok("neg", i))
            i += 1
        else:
            i = _lex_chunk(text, i, out)
    out.append(_Tok("end", n))
    return out


def _lex_phrase(text: str, i: int, out: list[_Tok]) -> int:
    """The quoted phrase that opens at `i`, appended to `out`; returns where lexing goes on."""
    end = text.find('"', i + 1)
    if end < 0:
        raise QueryError(f"unclosed quote {_at(i)}")
    toks = tokens(text[i + 1 : end])
    if not toks:
        raise QueryError(f"empty phrase {_at(i)}")
    node = Word(toks[0]) if len(toks) == 1 else Phrase(tuple(toks))
    out.append(_Tok("term", i, text[i + 1 : end], node))
    return end + 1


def _lex_chunk(text: str, i: int, out: list[_Tok]) -> int:
    """The run of text from `i` to a space, parenthesis or quote: a field, an operator or a
    term, appended to `out`; returns where lexing goes on."""
    j = i
    while j < len(text) and not text[j].isspace() and text[j] not in '()"':
        j += 1
    chunk = text[i:j]
    field = _FIELD_NAME.match(chunk)
    if field:
        return _lex_field(text, i, j, field, out)
    if chunk.upper() in OPERATORS:
        out.append(_Tok(OPERATORS[chunk.upper()], i, chunk.upper()))
    else:
        node = _term(chunk, i)
        if node is not None:
            out.append(_Tok("term", i, chunk, node))
    return j


def _lex_field(text: str, i: int, j: int, field: re.Match[str], out: list[_Tok]) -> int:
    """A chunk (`text[i:j]`) that opens with "name:": salary:<value> is one term; another
    field is a token, and what it applies to follows right after it."""
    name = field[1].lower()
    if name not in FIELDS and name not in ATTRS and name != "salary":
        known = ", ".join(f"{f}:" for f in (*FIELDS, *ATTRS, "salary"))
        raise QueryError(f"unknown field “{field[0]}” {_at(i)}; fields are {known}")
    if name == "salary":
        value = text[i + len(field[0]) : j]
        out.append(_Tok("term", i, text[i:j], _salary(value, i + len(field[0]))))
        return j
    out.append(_Tok("field", i, name))
    i += len(field[0])
    if i >= len(text) or text[i].isspace() or text[i] == ")":
        raise QueryError(f"{name}: needs a word, a phrase or a group right after it ({_at(i - 1)})")
    return i


# -- parser --------------------------------------------------------------------------------


def _flat(kind: type[And] | type[Or], items: list[Node]) -> Node:
    children: list[Node] = []
    for item in items:
        for child in item.children if isinstance(item, kind) else (item,):
            if child not in children:
                children.append(child)
    return children[0] if len(children) == 1 else kind(tuple(children))


def _negate(node: Node) -> Node:
    return node.child if isinstance(node, Not) else Not(node)


class _Parser:
    """Recursive descent, AND binding tighter than OR.

    or := and (OR and)*    and := unary (AND? unary)*    unary := (- | NOT)* primary
    primary := term | field: primary | ( or )
    """

    _STOP = ("end", ")", "or")

    def __init__(self, toks: list[_Tok], max_depth: int):
        self.toks = toks
        self.i = 0
        self.depth = 0
        self.max_depth = max_depth
        self.field: str | None = None

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def next(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def or_expr(self) -> Node | None:
        left = self.and_expr()
        rights: list[Node] = []
        while self.peek().kind == "or":
            op = self.next()
            right = self.and_expr()
            if left is None or right is None:
                raise QueryError(f"OR needs a term on both sides ({_at(op.pos)})")
            rights.append(right)
        return None if left is None else _flat(Or, [left, *rights])

    def and_expr(self) -> Node | None:
        items: list[Node] = []
        while self.peek().kind not in self._STOP:
            if self.peek().kind == "and":
                op = self.next()
                if not items or self.peek().kind in (*self._STOP, "and"):
                    raise QueryError(f"AND needs a term on both sides ({_at(op.pos)})")
                continue
            items.append(self.unary())
        return _flat(And, items) if items else None

    def unary(self) -> Node:
        negations = 0
        while self.peek().kind in ("neg", "not"):
            last = self.next()
            negations += 1
            if self.peek().kind in (*self._STOP, "and"):
                word = "NOT" if last.kind == "not" else "-"
                raise QueryError(f"{word} needs a term right after it ({_at(last.pos)})")
        node = self.primary()
        return _negate(node) if negations % 2 else node

    def primary(self) -> Node:
        tok = self.next()
        if tok.kind == "term":
            assert tok.node is not None
            if isinstance(tok.node, Salary) and self.field is not None:
                raise QueryError(f"salary: cannot go inside {self.field}:(…) ({_at(tok.pos)})")
            return tok.node
        if tok.kind == "field":
            return self.field_value(tok)
        assert tok.kind == "(", tok
        self.depth += 1
        if self.depth > self.max_depth:
            raise QueryError(
                f"parentheses nest too deep ({_at(tok.pos)}; {self.max_depth} at most)"
            )
        node = self.or_expr()
        if self.next().kind != ")":
            raise QueryError(f"unclosed parenthesis {_at(tok.pos)}")
        if node is None:
            raise QueryError(f"empty parentheses {_at(tok.pos)}")
        self.depth -= 1
        return node

    def field_value(self, tok: _Tok) -> Node:
        name = tok.text
        if self.field is not None:
            raise QueryError(f"{name}: cannot go inside {self.field}:(…) ({_at(tok.pos)})")
        if name in ATTRS:
            value = self.next()
            canonical = ATTRS[name].get(value.text.lower()) if value.kind == "term" else None
            if canonical is None:
                raise QueryError(f"{name}: takes {_CHOICES[name]} ({_at(value.pos)})")
            return Attr(name, canonical)
        if self.peek().kind not in ("(", "term", "neg", "not"):
            raise QueryError(f"{name}: needs a word, a phrase or a group right after it")
        self.field = name
        node = self.unary()
        self.field = None
        if isinstance(node, Not):
            return Not(Field(name, node.child))
        return Field(name, node)


def _positive(node: Node) -> bool:
    """Whether a posting must contain something for `node` to match."""
    if isinstance(node, Not):
        return False
    if isinstance(node, Field):
        return _positive(node.child)
    if isinstance(node, And):
        return any(_positive(c) for c in node.children)
    if isinstance(node, Or):
        return all(_positive(c) for c in node.children)
    return True


def parse(text: str, *, max_length: int = 200, max_terms: int = 20, max_depth: int = 8) -> Query:
    """Parse an alert query; QueryError says what is wrong and where."""
    if len(text) > max_length:
        raise QueryError(f"that alert is {len(text)} characters long; the limit is {max_length}")
    toks = _lex(text)
    terms = sum(1 for t in toks if t.kind == "term")
    if terms > max_terms:
        raise QueryError(f"that alert has {terms} terms; the limit is {max_terms}")
    parser = _Parser(toks, max_depth)
    root = parser.or_expr()
    tok = parser.peek()
    if tok.kind == ")":
        raise QueryError(f"unmatched ) {_at(tok.pos)}")
    if root is None:
        raise QueryError("an alert needs at least one word, e.g. rust backend")
    if not _positive(root):
        if isinstance(root, Or):
            side = next(c for c in root.children if not _positive(c))
            raise QueryError(
                f"each side of OR needs a word to look for; “{format_node(side)}” only excludes"
            )
        raise QueryError(
            "that alert only excludes, so it would match almost every job; "
            "add a word to look for, e.g. rust -java"
        )
    return Query(root, format_node(root))
