"""The alert language: a parser from query text to a syntax tree, with errors that say where.

    rust backend               both words (whole words, any case, accents folded)
    "machine learning"         consecutive words
    dev*                       a word starting with "dev" (3 letters at least)
    rust OR go, -java, NOT php, (a OR b) c
    title: company: location: board:   a word, a phrase or a group in that field
    remote:yes|no|hybrid  type:full-time|part-time|contract|internship  remote:(yes OR hybrid)
    salary:>=100k  salary:<80k  salary:100k-150k  salary:>=€100k   a yearly amount
    salary:>=500/day  salary:120k+  salary:>=120k eur   a day rate, 120k or more, in euros
    years:<=3  years:>=5  years:2-4  years:none    the years of experience a job asks

`parse` raises `QueryError` with a message that points at the problem, and holds a query to
limits on length, terms and nesting. There are no regular expressions from users: a query is
words, split by `bot.words` as postings are, so matching is set and substring lookups on the
posting's tokens, linear in the posting's length whatever the query. The tree's nodes live in
`bot.syntax`, the lexer in `bot.lexer` and the tokenizer in `bot.words`.
"""

from __future__ import annotations

from bot.errors import QueryError, at
from bot.lexer import lex
from bot.querytokens import Tok
from bot.syntax import (
    ATTRS,
    CHOICES,
    And,
    Attr,
    Field,
    Node,
    Not,
    Or,
    Query,
    Salary,
    Years,
    format_node,
)


def _flat(kind: type[And] | type[Or], items: list[Node], repeats: bool = False) -> Node:
    children: list[Node] = []
    for item in items:
        for child in item.children if isinstance(item, kind) else (item,):
            if repeats or child not in children:
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

    def __init__(self, toks: list[Tok], max_depth: int, repeats: bool = False):
        self.toks = toks
        self.repeats = repeats  # a word twice stays twice (a sentence: "in …, in berlin")
        self.i = 0
        self.depth = 0
        self.max_depth = max_depth
        self.field: str | None = None

    def peek(self) -> Tok:
        return self.toks[self.i]

    def next(self) -> Tok:
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
                raise QueryError(f"OR needs a term on both sides ({at(op.pos)})")
            rights.append(right)
        return None if left is None else _flat(Or, [left, *rights])

    def and_expr(self) -> Node | None:
        items: list[Node] = []
        while self.peek().kind not in self._STOP:
            if self.peek().kind == "and":
                op = self.next()
                if not items or self.peek().kind in (*self._STOP, "and"):
                    raise QueryError(f"AND needs a term on both sides ({at(op.pos)})")
                continue
            items.append(self.unary())
        return _flat(And, items, self.repeats) if items else None

    def unary(self) -> Node:
        negations = 0
        while self.peek().kind in ("neg", "not"):
            last = self.next()
            negations += 1
            if self.peek().kind in (*self._STOP, "and"):
                word = "NOT" if last.kind == "not" else "-"
                raise QueryError(f"{word} needs a term right after it ({at(last.pos)})")
        node = self.primary()
        return _negate(node) if negations % 2 else node

    def primary(self) -> Node:
        tok = self.next()
        if tok.kind == "term":
            assert tok.node is not None
            if isinstance(tok.node, Salary | Years) and self.field is not None:
                what = "salary" if isinstance(tok.node, Salary) else "years"
                raise QueryError(f"{what}: cannot go inside {self.field}:(…) ({at(tok.pos)})")
            return tok.node
        if tok.kind == "field":
            return self.field_value(tok)
        assert tok.kind == "(", tok
        self.depth += 1
        if self.depth > self.max_depth:
            raise QueryError(f"parentheses nest too deep ({at(tok.pos)}; {self.max_depth} at most)")
        node = self.or_expr()
        if self.next().kind != ")":
            raise QueryError(f"unclosed parenthesis {at(tok.pos)}")
        if node is None:
            raise QueryError(f"empty parentheses {at(tok.pos)}")
        self.depth -= 1
        return node

    def choice(self, name: str) -> Attr:
        """One of the values `name` takes (remote: yes, no or hybrid)."""
        value = self.next()
        canonical = ATTRS[name].get(value.text.lower()) if value.kind == "term" else None
        if canonical is None:
            raise QueryError(f"{name}: takes {CHOICES[name]} ({at(value.pos)})")
        return Attr(name, canonical)

    def choices(self, name: str) -> Node:
        """Values of `name` joined by OR in parentheses, as a text field takes a group:
        remote:(yes OR hybrid) is remote:yes OR remote:hybrid."""
        opened = self.next()
        picked: list[Node] = [self.choice(name)]
        while (tok := self.next()).kind == "or":
            picked.append(self.choice(name))
        if tok.kind != ")":
            raise QueryError(
                f"{name}:(…) takes its values joined by OR, e.g. remote:(yes OR hybrid) "
                f"({at(tok.pos if tok.kind != 'end' else opened.pos)})"
            )
        return _flat(Or, picked)

    def field_value(self, tok: Tok) -> Node:
        name = tok.text
        if self.field is not None:
            raise QueryError(f"{name}: cannot go inside {self.field}:(…) ({at(tok.pos)})")
        if name in ATTRS:
            return self.choices(name) if self.peek().kind == "(" else self.choice(name)
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


def parse(
    text: str,
    *,
    max_length: int = 200,
    max_terms: int = 20,
    max_depth: int = 8,
    repeats: bool = False,
) -> Query:
    """Parse an alert query; QueryError says what is wrong and where. A word typed twice is
    one term, unless `repeats` (a sentence read word by word: `bot.telegram.tips.sentence`)."""
    if len(text) > max_length:
        raise QueryError(f"that alert is {len(text)} characters long; the limit is {max_length}")
    toks = lex(text)
    terms = sum(1 for t in toks if t.kind == "term")
    if terms > max_terms:
        raise QueryError(f"that alert has {terms} terms; the limit is {max_terms}")
    parser = _Parser(toks, max_depth, repeats)
    root = parser.or_expr()
    tok = parser.peek()
    if tok.kind == ")":
        raise QueryError(f"unmatched ) {at(tok.pos)}")
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
