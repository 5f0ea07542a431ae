"""A query's tokens, and the rewrites of their list that read lists as people write them:
"rust, go or scala" is one of the techs, and a comma ends an OR's side ("senior engineer,
remote, rust or go"). The lexer (`bot.lexer`) makes the tokens and calls both.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from bot.errors import at
from bot.salaryterm import Slip
from bot.stack import is_tech
from bot.syntax import Phrase, Salary, Term, Word, Years


@dataclass(frozen=True, slots=True)
class Tok:
    """One token: its kind, where it starts, its text, and the term it stands for."""

    kind: str  # "(", ")", "term", "field", "neg", "or", "and", "not", "end"
    pos: int
    text: str = ""
    node: Term | Salary | Years | None = None


def comma_clauses(toks: list[Tok], text: str = "") -> list[Tok]:
    """`toks` with each part between commas that holds an OR grouped: "senior engineer,
    remote, rust or go" is senior engineer remote (rust OR go), and "rust or go, berlin"
    (rust OR go) berlin, where OR alone would take every word on its side. A part that opens
    with OR is the other side of the part before it: "senior rust engineer, or staff go
    engineer" is (senior rust engineer) OR (staff go engineer). After several parts of
    several words each, that is ambiguous ("data engineer, ml engineer, or data scientist":
    any of them, or the first with either other): a `Slip` refuses it, offering any of them.
    A query without a comma, or an OR, is as it was. `text`: the query the tokens are of."""
    parts: list[list[Tok]] = [[]]
    depth = 0
    for tok in toks[:-1]:
        parts[-1].append(tok)
        depth += (tok.kind == "(") - (tok.kind == ")")
        if depth == 0 and tok.kind in ("term", ")") and tok.text.endswith(","):
            parts.append([])
    if len(parts) == 1:
        return toks
    grouped: list[list[Tok]] = []
    for k, part in enumerate(parts):
        if grouped and len(part) > 1 and part[0].kind == "or" and _balanced(part[1:]):
            _refuse_ambiguous(parts[: k + 1], [*parts[k + 1 :], toks[-1:]], text)
            grouped[-1] = _either(grouped[-1], part)  # "X, or Y": (X) OR (Y)
        else:
            grouped.append(_grouped(part))
    return [*(tok for part in grouped for tok in part), toks[-1]]


def _balanced(part: list[Tok]) -> bool:
    depths = list(accumulate((t.kind == "(") - (t.kind == ")") for t in part))
    return min(depths) >= 0 and depths[-1] == 0


def _grouped(part: list[Tok]) -> list[Tok]:
    """The part in parentheses when it holds an OR of its own ("rust or go"), else as it is."""
    depths = list(accumulate((t.kind == "(") - (t.kind == ")") for t in part))
    ors = any(t.kind == "or" and d == 0 for t, d in zip(part, depths, strict=True))
    if ors and _balanced(part):
        return [Tok("(", part[0].pos), *part, Tok(")", part[-1].pos)]
    return part


def _either(left: list[Tok], part: list[Tok]) -> list[Tok]:
    """(left) OR (the part after its OR), one group."""
    if not _balanced(left):
        return [*left, *part]  # (the parser says what is wrong)
    right = part[1:]
    return [
        *(Tok("(", left[0].pos), Tok("(", left[0].pos), *left, Tok(")", left[-1].pos)),
        part[0],
        *(Tok("(", right[0].pos), *right, Tok(")", right[-1].pos), Tok(")", right[-1].pos)),
    ]


def _terms(part: list[Tok]) -> int:
    return sum(t.kind == "term" for t in part)


def _refuse_ambiguous(before: list[list[Tok]], after: list[list[Tok]], text: str) -> None:
    """Raise a `Slip` when the part opening with OR (last of `before`) and the two parts or
    more before it each hold several words: a list of them, or the last two only?"""
    listed = [before[-1]]
    for part in reversed(before[:-1]):
        if _terms(part) < 2:
            break
        listed.insert(0, part)
    if len(listed) < 3 or _terms(listed[-1]) < 2 or not text:
        return
    ends = [p[0].pos for p in (*listed[1:], after[0])]
    starts = [p[0].pos for p in listed[:-1]] + [listed[-1][1].pos]  # (past the last's OR)
    said = [text[a:b].strip().rstrip(",").strip() for a, b in zip(starts, ends, strict=True)]
    instead = " OR ".join(f"({s})" for s in said)
    pairs = f"{said[0]} (({said[-2]}) OR ({said[-1]}))" if len(said) == 3 else ""
    other = f"; {pairs} is the first with either of the others" if pairs else ""
    raise Slip(
        f"“, or” after a list may join its last two parts or all of them: {instead} is any of "
        f"them{other} ({at(listed[-1][0].pos)})",
        starts[0],
        ends[-1],
        instead,
    )


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
