"""Roles of several words joined by "or", a comma or a slash ("data analyst or BI analyst",
"backend engineer, platform engineer or SRE lead"): each role is its words side by side, so
the either-or is of the roles, not of the two words beside "or" ("data (analyst OR bi)
analyst" needs "data" and loses every BI Analyst job). Pure; `sentence` reads a sentence's
roles so, and the grouping and list tips offer it for a typed query.
"""

from __future__ import annotations

import re

from bot.syntax import And, Node, Or, Phrase, Word
from bot.telegram.tips.tip import joined

# The last word of a job's title: what a role of several words ends with.
ROLE_NOUNS = frozenset({
    "analyst", "engineer", "developer", "designer", "manager", "scientist", "architect",
    "consultant", "administrator", "specialist", "lead", "researcher", "writer", "programmer",
    "tester", "recruiter", "marketer", "accountant", "owner", "officer", "director",
    "coordinator", "technician", "strategist", "entwickler", "berater", "ingenieur", "leiter",
})  # fmt: skip
_NOUN = "(?:" + "|".join(sorted(ROLE_NOUNS)) + ")s?"
_WORD = r"(?!(?:or|oder|and|und|in|at|for|with|jobs?|roles?|as|als)\b)[\w.+#-]+"
# The first role: one word before its noun (the words before that are the whole list's:
# "senior data analyst or BI analyst"); the others: up to two ("machine learning engineer").
_ROLES = re.compile(
    rf"\b(?P<first>{_WORD}\s+{_NOUN})(?P<more>(?:\s*,\s*(?:{_WORD}\s+){{0,2}}{_NOUN})*)"
    rf"(?:\s*,?\s+(?:or|oder)\s+|\s*/\s*)(?P<last>(?:{_WORD}\s+){{0,2}}{_NOUN})\b",
    re.IGNORECASE,
)
_COMMA = re.compile(r"\s*,\s*")
_WORD_RE = re.compile(r"[\w.+#-]+(?: [\w.+#-]+)*")


def roles_spelled(text: str) -> str:
    """`text` with each list of roles of several words as one OR of them quoted: "data
    analyst or BI analyst jobs" -> '("data analyst" OR "BI analyst") jobs'."""
    return _ROLES.sub(_either, text)


def _either(m: re.Match[str]) -> str:
    more = [r for r in _COMMA.split(m["more"]) if r]
    roles = [m["first"], *more, m["last"]]
    return "(" + " OR ".join(f'"{" ".join(r.split())}"' for r in roles) + ")"


def is_role(term: Node) -> bool:
    """Whether a term is the noun a role ends with ("analyst", "engineers")."""
    return isinstance(term, Word) and term.token.removesuffix("s") in ROLE_NOUNS


def roles_grouped(root: Or) -> Node | None:
    """A query whose OR joins roles of several words ("data analyst OR bi analyst munich",
    which AND binds as (data analyst) OR (bi analyst munich)) with the roles as phrases:
    ("data analyst" OR "bi analyst") munich; the query itself when the roles are all it has
    ("data scientist OR machine learning engineer" means them already). None when the ORs
    are not between roles."""
    sides = [c.children if isinstance(c, And) else (c,) for c in root.children]
    head, *middle, last = sides
    if not is_role(head[-1]) or not any(len(s) > 1 for s in sides):
        return None
    if any(len(s) > 3 or not is_role(s[-1]) or not _words(s) for s in middle):
        return None
    end = next((i + 1 for i, t in enumerate(last[:3]) if is_role(t)), 0)
    if not end or not _words(last[:end]):
        return None
    start = len(head) - 2 if len(head) > 1 and isinstance(head[-2], Word) else len(head) - 1
    if not start and end == len(last):
        return root
    roles = (head[start:], *middle, last[:end])
    either = Or(tuple(_phrase(r) for r in roles))
    return joined((*head[:start], either, *last[end:]))


def roles_listed(items: list[str]) -> Node | None:
    """Items of a list that are each a role of one to three words, the last a role's noun
    ("data analyst", "BI analyst", "analytics engineer"), as an OR of them quoted."""
    words = [item.lower().split() for item in items]
    if len(words) < 2 or max(map(len, words)) < 2 or any(len(w) > 3 for w in words):
        return None
    if not all(
        _WORD_RE.fullmatch(" ".join(w)) and w[-1].removesuffix("s") in ROLE_NOUNS for w in words
    ):
        return None
    return Or(tuple(Phrase(tuple(w)) if len(w) > 1 else Word(w[0]) for w in words))


def _words(terms: tuple[Node, ...]) -> bool:
    return all(isinstance(t, Word) for t in terms)


def _phrase(terms: tuple[Node, ...]) -> Node:
    words = tuple(t.token for t in terms if isinstance(t, Word))
    return Phrase(words) if len(words) > 1 else Word(words[0])
