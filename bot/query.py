"""The alert language: one tokenizer for queries and postings, a parser, and the query's AST.

    rust backend               both words (whole words, any case, accents folded)
    "machine learning"         consecutive words
    dev*                       a word starting with "dev" (3 letters at least)
    rust OR go, -java, NOT php, (a OR b) c
    title: company: location: board:   a word, a phrase or a group in that field
    remote:yes|no|hybrid  type:full-time|part-time|contract|internship

`parse` raises `QueryError` with a message that points at the problem. There are no regular
expressions from users: a query is words, so matching is set and substring lookups on the
posting's tokens, linear in the posting's length whatever the query.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass

from bot.errors import QueryError

# -- the tokenizer, shared by queries and postings -----------------------------------------

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_LETTERS = {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
# Every ASCII character but letters, digits and the few that tech names use becomes a space.
_SEPARATORS = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() and chr(c) not in "+#./&"}
)
# A "+#./&" kept when it is part of a tech name; every other one is a separator.
_KEEP = re.compile(
    r"[+#./&](?:"
    r"(?<=\.)(?=net\b)(?P<net>)"  # .net, also split off: asp.net -> asp .net
    r"|(?<=\w\.)(?=js\b)"  # node.js, vue.js
    r"|(?<=\d\.)(?=\d)"  # 3.11
    r"|(?<=\b[a-z]\+)\+"  # c++, g++
    r"|(?<=\b[a-z]#)(?!\w)"  # c#, f#
    r"|(?<=\bci/)(?=cd\b)|(?<=\btcp/)(?=ip\b)|(?<=\bpl/)(?=sql\b)|(?<=\bi/)(?=o\b)"
    r"|(?<=\ba/)(?=b\b)|(?<=\br&)(?=d\b)|(?<=\bq&)(?=a\b)|(?<=\bp&)(?=l\b)"
    r"|(?<=\bm&)(?=a\b)|(?<=\bat&)(?=t\b))"
)
# The commonest non-ASCII characters in postings, all separators: replacing them is quicker
# than folding them one by one.
_PUNCTUATION = "•’€—–‘”“\u200b\xa0£°"


@functools.lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    """A run of non-ASCII characters, case- and accent-folded; punctuation becomes spaces."""
    out = []
    for c in unicodedata.normalize("NFKD", run.casefold()).casefold():
        if c.isascii():
            out.append(c)
        elif unicodedata.combining(c):
            continue
        elif c in _LETTERS:
            out.append(_LETTERS[c])
        else:
            out.append(c if c.isalnum() else " ")
    return "".join(out)


class _Unfoldable(Exception):
    """A letter that stays non-ASCII (Cyrillic, CJK...): fold the slower way."""


def _ascii_fold(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeEncodeError)
    folded = _fold_run(err.object[err.start : err.end])
    if not folded.isascii():
        raise _Unfoldable
    return folded, err.end


# Encoding with this handler finds the non-ASCII runs in C: most postings have only accents
# and punctuation there, and never need the slower pass of `fold` over every character.
codecs.register_error("jobbot.fold", _ascii_fold)


def fold(text: str) -> str:
    """`text` lower-cased, accents removed (Zürich -> zurich, straße -> strasse)."""
    if text.isascii():
        return text.lower()
    for c in _PUNCTUATION:
        if c in text:
            text = text.replace(c, " ")
    try:
        return text.encode("ascii", "jobbot.fold").decode("ascii").lower()
    except _Unfoldable:
        return _NON_ASCII.sub(lambda m: _fold_run(m[0]), text.lower())


def _specials(text: str) -> str:
    """`text` with each "+#./&" kept, split off (.net) or made a space; str.find is fast."""
    found = [i for c in "+#./&" if c in text for i in _positions(text, c)]
    out: list[str] = []
    done = 0
    for i in sorted(found):
        if i < done:
            continue  # the second + of c++
        m = _KEEP.match(text, i)
        if m is None or m.lastgroup == "net":
            out += (text[done:i], " ." if m else " ")
            done = i + 1
        else:
            out.append(text[done : m.end()])
            done = m.end()
    out.append(text[done:])
    return "".join(out)


def _positions(text: str, c: str) -> list[int]:
    found = []
    i = text.find(c)
    while i >= 0:
        found.append(i)
        i = text.find(c, i + 1)
    return found


def tokens(text: str) -> list[str]:
    """The words of `text` in order: folded, whole, tech names kept (c++, c#, .net, node.js)."""
    # A "." before a space never belongs to a word: drop sentence ends before the slower pass.
    return _specials(fold(text).translate(_SEPARATORS).replace(". ", " ")).split()


# -- the AST -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Word:
    token: str


@dataclass(frozen=True, slots=True)
class Phrase:
    tokens: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prefix:
    stem: str


@dataclass(frozen=True, slots=True)
class Attr:
    """remote:yes|no|hybrid or type:full-time|part-time|contract|internship."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Field:
    """title:, company:, location: or board: applied to a word, phrase or group."""

    name: str
    child: Node


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Word | Phrase | Prefix | Attr | Field | Not | And | Or
Term = Word | Phrase | Prefix

FIELDS = ("title", "company", "location", "board")
ATTRS: dict[str, dict[str, str]] = {
    "remote": {
        "yes": "yes", "true": "yes", "remote": "yes",
        "no": "no", "false": "no", "onsite": "no", "on-site": "no",
        "hybrid": "hybrid",
    },
    "type": {
        "full-time": "full-time", "fulltime": "full-time", "full_time": "full-time",
        "part-time": "part-time", "parttime": "part-time", "part_time": "part-time",
        "contract": "contract", "freelance": "contract",
        "internship": "internship", "intern": "internship",
    },
}  # fmt: skip
_CHOICES = {"remote": "yes, no or hybrid", "type": "full-time, part-time, contract or internship"}
_OPERATORS = {"OR": "or", "AND": "and", "NOT": "not"}
MIN_PREFIX = 3


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed alert: its tree and its canonical text (what /alert shows and stores)."""

    root: Node
    normalized: str

    def __str__(self) -> str:
        return self.normalized


# -- lexer ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "(", ")", "term", "field", "neg", "or", "and", "not", "end"
    pos: int
    text: str = ""
    node: Term | None = None


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


def _lex(text: str) -> list[_Tok]:
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
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError(f"unclosed quote {_at(i)}")
            toks = tokens(text[i + 1 : end])
            if not toks:
                raise QueryError(f"empty phrase {_at(i)}")
            node = Word(toks[0]) if len(toks) == 1 else Phrase(tuple(toks))
            out.append(_Tok("term", i, text[i + 1 : end], node))
            i = end + 1
        elif c == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in ")-":
            out.append(_Tok("neg", i))
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '()"':
                j += 1
            chunk = text[i:j]
            field = _FIELD_NAME.match(chunk)
            if field:
                name = field[1].lower()
                if name not in FIELDS and name not in ATTRS:
                    known = ", ".join(f"{f}:" for f in (*FIELDS, *ATTRS))
                    raise QueryError(f"unknown field “{field[0]}” {_at(i)}; fields are {known}")
                out.append(_Tok("field", i, name))
                i += len(field[0])
                if i >= n or text[i].isspace() or text[i] == ")":
                    raise QueryError(
                        f"{name}: needs a word, a phrase or a group right after it ({_at(i - 1)})"
                    )
            elif chunk.upper() in _OPERATORS:
                out.append(_Tok(_OPERATORS[chunk.upper()], i, chunk.upper()))
                i = j
            else:
                node = _term(chunk, i)
                if node is not None:
                    out.append(_Tok("term", i, chunk, node))
                i = j
    out.append(_Tok("end", n))
    return out


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


# -- canonical text ------------------------------------------------------------------------


def _group(node: Node, *kinds: type) -> str:
    text = format_node(node)
    return f"({text})" if isinstance(node, kinds) else text


def format_node(node: Node) -> str:
    """The canonical text of a node; parsing it gives the same node back."""
    if isinstance(node, Word):
        return f'"{node.token}"' if node.token.upper() in _OPERATORS else node.token
    if isinstance(node, Phrase):
        return '"' + " ".join(node.tokens) + '"'
    if isinstance(node, Prefix):
        return node.stem + "*"
    if isinstance(node, Attr):
        return f"{node.name}:{node.value}"
    if isinstance(node, Field):
        return f"{node.name}:" + _group(node.child, And, Or)
    if isinstance(node, Not):
        return "-" + _group(node.child, And, Or)
    if isinstance(node, And):
        return " ".join(_group(c, Or) for c in node.children)
    return " OR ".join(_group(c, And) for c in node.children)
