"""The alert language's lexer: query text into tokens, each with its position for errors.

Terms are split into words by `bot.words`, as postings are; `salary:` filters as people type
them by `bot.salaryterm`, their values by `bot.salary`. Techs listed as people list them ("rust,
go or scala", "rust/go") become the tokens of one group of ORs, and a comma ends an OR's side
(`bot.querytokens`); a field's values listed with commas ("location:berlin,lisbon") are either,
as `location:(berlin OR lisbon)` is. The parser (`bot.query`) builds the tree from these tokens.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot import salaryterm
from bot.errors import QueryError, at
from bot.fieldnames import reversed_field, unknown_field
from bot.querytokens import Tok, comma_clauses, listed_techs
from bot.stack import is_tech
from bot.syntax import (
    ATTRS,
    CHOICES,
    FIELD_NAMES,
    MIN_PREFIX,
    OPERATORS,
    Phrase,
    Prefix,
    Term,
    Word,
    Years,
)
from bot.words import tokens

# years: with its number, however spaced ("years: <= 3", "years>=5", "years:2-4", "years:3+").
_YEARS = re.compile(
    r"years(?:\s*[:=]\s*|\s*(?=[<>]))(?P<op>[<>]=?)?\s*(?P<value>\d[^\s()\"|]*)", re.IGNORECASE
)
_YEARS_VALUE = re.compile(r"(?P<low>\d{1,2})(?:(?P<plus>\+)|-(?P<high>\d{1,2}))?")
QUOTES = str.maketrans(dict.fromkeys("“”„‟«»＂″", '"'))  # each one character: positions hold
# "name:", and as people also write it, "name=" and "salary>=100k" (the operator is the value's).
_FIELD_NAME = re.compile(r"([A-Za-z]+)(?::|=|(?=[<>]))")
# A dollar sign with its country's letters before an amount ("R$200k", "A$150k"): a sign, dropped
# as "$" and "€" are ("$200k" is 200k), not a letter the job must have.
_LETTERED_SIGN = re.compile(r"(?:US|CA|C|AU|A|NZ|S|SG|HK|R|MX|NT)\$(?=\d)", re.IGNORECASE)
# German "oder" and "und" between terms: OR and AND, as "or" and "and" are. No job is sought
# for the word itself ("scala oder python": either; an English job never says "oder").
_GERMAN = {"oder": "or", "und": "and"}


def _term(chunk: str, pos: int) -> Term | None:
    """A bare word of the query: a word, a phrase when it holds several (front-end), a prefix."""
    if "*" in chunk:
        chunk = chunk.rstrip(",;")  # "dev*, ops": the comma ends the prefix
    if salaryterm.FULL_PLUS.fullmatch(chunk):  # "75000+": pay's floor, kept whole (`tips.pay`)
        return Word(chunk)
    if "*" not in chunk:
        toks = tokens(_LETTERED_SIGN.sub("", chunk, count=1))
        if not toks:
            return None
        return Word(toks[0]) if len(toks) == 1 else Phrase(tuple(toks))
    star = chunk.index("*")
    if star != len(chunk) - 1:
        raise QueryError(f"* goes only at the end of a word ({at(pos + star)})")
    toks = tokens(chunk[:-1])
    if len(toks) > 1:
        raise QueryError(f"a prefix* is a single word: “{chunk}” {at(pos)}")
    if not toks or len(toks[0]) < MIN_PREFIX:
        raise QueryError(f"a prefix needs at least {MIN_PREFIX} letters before * ({at(pos)})")
    return Prefix(toks[0])


def _years(op: str, value: str, pos: int) -> Years:
    """The value of years: as a node: "<=3", ">=5", "3+" (at least 3), "2-4", or "3" (at most
    3: the years one has); QueryError says what's wrong."""
    m = _YEARS_VALUE.fullmatch(value)
    if m is None or (op and (m["plus"] or m["high"])):
        raise QueryError(f"years: takes {CHOICES['years']} ({at(pos)})")
    low = int(m["low"])
    if m["high"] is not None:
        high = int(m["high"])
        if high < low:
            raise QueryError(f"years:{value} is a range from high to low ({at(pos)})")
        return Years("-", low, high)
    return Years(">=" if m["plus"] else op or "<=", low)


def lex(text: str) -> list[Tok]:
    """The query's tokens, then an "end" token; QueryError at the first one that is wrong.
    Typographic double quotes (a phone's “staff engineer”, „Entwickler“, «chef») quote a
    phrase as '"' does."""
    text = text.translate(QUOTES)
    out: list[Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(Tok(c, i))
            i += 1
        elif c == "|":  # "rust | go", "rust||go": OR, as programmers write it
            out.append(Tok("or", i, "OR"))
            while i < n and text[i] == "|":
                i += 1
        elif c == '"':
            i = _lex_phrase(text, i, out)
        elif c == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in ")-":
            out.append(Tok("neg", i))
            i += 1
        elif c == "!" and i + 1 < n and (text[i + 1].isalnum() or text[i + 1] in '("'):
            out.append(Tok("neg", i))  # "!crypto", as programmers write NOT
            i += 1
        else:
            i = _lex_chunk(text, i, out)
    out.append(Tok("end", n))
    return comma_clauses(listed_techs(out), text)


def _lex_phrase(text: str, i: int, out: list[Tok]) -> int:
    """The quoted phrase that opens at `i`, appended to `out`; returns where lexing goes on."""
    end = text.find('"', i + 1)
    if end < 0:
        raise QueryError(f"unclosed quote {at(i)}")
    toks = tokens(text[i + 1 : end])
    if not toks:
        raise QueryError(f"empty phrase {at(i)}")
    node = Word(toks[0]) if len(toks) == 1 else Phrase(tuple(toks))
    out.append(Tok("term", i, text[i + 1 : end], node))
    return end + 1


def _lex_chunk(text: str, i: int, out: list[Tok]) -> int:
    """The run of text from `i` to a space, parenthesis, quote or comma: a field, an operator
    or a term, appended to `out`; returns where lexing goes on. A comma is the token's before
    it (it ends a list's item, an OR's side: `bot.querytokens`)."""
    if text[i] == ",":
        if out and out[-1].kind in ("term", ")"):
            out[-1] = replace(out[-1], text=out[-1].text + ",")
        return i + 1
    if salary := salaryterm.read(text, i):  # "salary:>=120k", "salary: >= 80 000 €"
        value, at_, end = salary
        out.append(Tok("term", i, text[i:end], salaryterm.node(value, at_, i, end)))
        return end
    years = _YEARS.match(text, i)
    if years:
        asked = _years(years["op"] or "", years["value"], years.start("value"))
        out.append(Tok("term", i, text[i : years.end()], asked))
        return years.end()
    j = _chunk_end(text, i)
    chunk = text[i:j]
    field = _FIELD_NAME.match(chunk)
    if field and (field[0].endswith(":") or _loose_field(field)):
        return _lex_field(text, i, j, field, out)
    if chunk.upper() in OPERATORS:
        out.append(Tok(OPERATORS[chunk.upper()], i, chunk.upper()))
    elif chunk.lower() in _GERMAN and _between(out, text, j):
        out.append(Tok(_GERMAN[chunk.lower()], i, _GERMAN[chunk.lower()].upper()))
    elif "/" in chunk and (techs := _slashed_techs(chunk, i)):
        out.extend(techs)
    elif ":" in chunk and (turned := reversed_field(chunk, i)) is not None:
        raise turned  # "80k:salary": salary:>=80k
    else:
        node = _term(chunk, i)
        if node is not None:
            out.append(Tok("term", i, chunk, node))
    return j


def _between(out: list[Tok], text: str, j: int) -> bool:
    """Whether a word ending at `j` stands between two terms: after a term or a group, and
    before more than an operator or a group's end ("rust oder": the word)."""
    after = text[j : j + 40].split(maxsplit=1)
    return bool(
        out
        and out[-1].kind in ("term", ")")
        and after
        and after[0][0] not in ")|"
        and after[0].upper() not in OPERATORS
    )


def _chunk_end(text: str, i: int) -> int:
    """Where the chunk from `i` ends: at a space, parenthesis, quote, bar or a comma between
    words ("rust,go" is two words; "120,000" one)."""
    j = i
    while j < len(text) and not text[j].isspace() and text[j] not in '()"|':
        if text[j] == "," and j > i and not text[j + 1 : j + 2].isdigit():
            break
        j += 1
    return j


def _slashed_techs(chunk: str, i: int) -> list[Tok]:
    """ "rust/go" (techs joined by slashes) as the tokens of (rust OR go), where it would be
    the phrase "rust go"; [] for other slashes ("ci/cd", "b2b/saas")."""
    names = chunk.rstrip(",;").split("/")
    terms = [_term(name, i) for name in names]
    if len(names) < 2 or not all(isinstance(t, Word | Phrase) and is_tech(t.text) for t in terms):
        return []
    toks, at_ = [Tok("(", i)], i
    for k, (name, term) in enumerate(zip(names, terms, strict=True)):
        if k:
            toks.append(Tok("or", at_ - 1, "OR"))
        toks.append(Tok("term", at_, name, term))
        at_ += len(name) + 1
    toks.append(Tok(")", i + len(chunk)))
    return toks


def _loose_field(field: re.Match[str]) -> bool:
    """Whether "name=" or "name<", "name>" is a field written loosely: a known field's name
    ("remote=yes", "salary>=100k"); else the chunk is a term, as it always was."""
    name = field[1].lower()
    if field[0].endswith("="):
        return name in FIELD_NAMES or name in ATTRS
    return name in ("salary", "years")


def _lex_field(text: str, i: int, j: int, field: re.Match[str], out: list[Tok]) -> int:
    """A chunk (`text[i:j]`) that opens with "name:": salary:<value> is one term; another
    field is a token, and what it applies to follows it: right after it, or after the space a
    phone puts after a colon ("location: lisbon")."""
    name = field[1].lower()
    start = i + len(field[0])
    value = text[start:j]
    if name not in FIELD_NAMES and name not in ATTRS:
        raise unknown_field(field[0], name, value, i)
    if not value and (spaced := _spaced(text, start, name)) > start:
        start, value = spaced, text[spaced : _chunk_end(text, spaced)]
    if name == "salary" and value.lower() not in ATTRS["salary"]:
        out.append(Tok("term", i, text[i:j], salaryterm.node(value, start, i, j)))
        return j
    if name == "years" and value and value.lower() not in ATTRS["years"]:
        out.append(Tok("term", i, text[i:j], _years("", value, start)))
        return j
    out.append(Tok("field", i, name))
    if listed := _value_list(text, start):  # "location:berlin,lisbon": either
        out.extend(listed)
        return listed[-1].pos
    if (start >= len(text) or text[start].isspace() or text[start] == ")") and name in ATTRS:
        raise QueryError(f"{name}: takes {CHOICES[name]}, right after it ({at(start - 1)})")
    if start >= len(text) or text[start].isspace() or text[start] == ")":
        raise QueryError(
            f"{name}: needs a word, a phrase or a group right after it ({at(start - 1)})"
        )
    return start


# A field's values joined by commas, no space between ("location:berlin,lisbon",
# "remote:yes,hybrid"): each a word, none a number ("120,000") or a field of its own.
_VALUE_LIST = re.compile(r"[^\s()\"|,:\d-][^\s()\"|,:]*(?:,[^\s()\"|,:\d-][^\s()\"|,:]*)+")


def _value_list(text: str, start: int) -> list[Tok]:
    """The tokens of a field's values listed with commas from `start`, as a group of ORs
    (location:(berlin OR lisbon)), as people list them; [] for any other value."""
    found = _VALUE_LIST.match(text, start)
    if found is None or text[found.end() : found.end() + 1] in (":", '"'):
        return []  # "location:berlin,remote:yes": a field after the comma
    toks, at_ = [Tok("(", start)], start
    for k, value in enumerate(found[0].split(",")):
        if (node := _term(value, at_)) is None:
            return []
        toks += [Tok("or", at_ - 1, "OR")] * (k > 0) + [Tok("term", at_, value, node)]
        at_ += len(value) + 1
    return [*toks, Tok(")", found.end())]


def _spaced(text: str, start: int, name: str) -> int:
    """Where a field's value starts past the spaces after its colon ("location: lisbon", as a
    phone spaces it): `start` when no space, or nothing, follows. A salary's or years' amount
    is read whole before (`salaryterm`, `_YEARS`): here only their none and stated."""
    k = start
    while k < len(text) and text[k].isspace():
        k += 1
    if k == start or k >= len(text) or text[k] in ")|":
        return start
    if name in ("salary", "years"):
        return k if text[k : _chunk_end(text, k)].lower() in ATTRS[name] else start
    return k
