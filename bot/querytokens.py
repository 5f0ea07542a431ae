"""A query's tokens, and the rewrites of their list that read lists as people write them:
"rust, go or scala" is one of the techs, and a comma ends an OR's side ("senior engineer,
remote, rust or go"). The lexer (`bot.lexer`) makes the tokens and calls both.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from bot.stack import is_tech
from bot.syntax import Phrase, Salary, Term, Word, Years


@dataclass(frozen=True, slots=True)
class Tok:
    """One token: its kind, where it starts, its text, and the term it stands for."""

    kind: str  # "(", ")", "term", "field", "neg", "or", "and", "not", "end"
    pos: int
    text: str = ""
    node: Term | Salary | Years | None = None


def comma_clauses(toks: list[Tok]) -> list[Tok]:
    """`toks` with each part between commas that holds an OR grouped: "senior engineer,
    remote, rust or go" is senior engineer remote (rust OR go), and "rust or go, berlin"
    (rust OR go) berlin, where OR alone would take every word on its side. A query without
    a comma, or an OR, is as it was."""
    parts: list[list[Tok]] = [[]]
    depth = 0
    for tok in toks[:-1]:
        parts[-1].append(tok)
        depth += (tok.kind == "(") - (tok.kind == ")")
        if depth == 0 and tok.kind in ("term", ")") and tok.text.endswith(","):
            parts.append([])
    if len(parts) == 1:
        return toks
    out: list[Tok] = []
    for part in parts:
        depths = list(accumulate((t.kind == "(") - (t.kind == ")") for t in part))
        ors = any(t.kind == "or" and d == 0 for t, d in zip(part, depths, strict=True))
        if ors and min(depths) >= 0 and depths[-1] == 0:
            out.extend((Tok("(", part[0].pos), *part, Tok(")", part[-1].pos)))
        else:
            out.extend(part)
    return [*out, toks[-1]]


def _tech(tok: Tok) -> bool:
    return isinstance(tok.node, Word | Phrase) and is_tech(tok.node.text) and tok.kind == "term"


def listed_techs(toks: list[Tok]) -> list[Tok]:
    """`toks` with a list of techs closed by OR read as one of them: "rust, go or scala" (and
    "rust, go, or scala") is (rust OR go OR scala), where OR alone would read (rust go) OR
    scala. Only techs: "engineer, rust or go" names a role, then the techs."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and _tech(toks[j]) and toks[j].text.endswith(","):
            j += 1
        items: list[Tok] = []
        if j - i >= 2 and toks[j].kind == "or" and _tech(toks[j + 1]):
            items, end = [*toks[i:j], toks[j + 1]], j + 2  # "a, b, or c"
        elif j > i and _tech(toks[j]) and toks[j + 1].kind == "or" and _tech(toks[j + 2]):
            items, end = [*toks[i : j + 1], toks[j + 2]], j + 3  # "a, b or c"
        if not items:
            out.append(toks[i])
            i += 1
            continue
        out.append(Tok("(", items[0].pos))
        for k, item in enumerate(items):
            out.extend((Tok("or", item.pos, "OR"), item) if k else (item,))
        out.append(Tok(")", items[-1].pos))
        i = end
    return out
