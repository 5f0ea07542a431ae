"""The alert query's syntax tree: its nodes, the fields and attributes it names, its text.

The parser (`bot.query`) builds these nodes and the matchers (`bot.view`, `bot.plan`,
`bot.match`) walk them; `format_node` writes a node back as canonical text, the normalized form
of an alert.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.language import LANGUAGES, NAMES
from bot.salary import PER_YEAR, currency_word, filter_amount


@dataclass(frozen=True, slots=True)
class Word:
    token: str

    @property
    def text(self) -> str:
        return self.token


@dataclass(frozen=True, slots=True)
class Phrase:
    tokens: tuple[str, ...]

    @property
    def text(self) -> str:
        """The words as typed, joined by spaces."""
        return " ".join(self.tokens)


@dataclass(frozen=True, slots=True)
class Prefix:
    stem: str


@dataclass(frozen=True, slots=True)
class Attr:
    """remote:yes|no|hybrid, type:full-time|part-time|contract|internship,
    salary:stated|none (whether the job states a salary at all), visa:yes|no (what it says
    of visa sponsorship: `bot.visa`), lang:en|de|… (the language it is written in:
    `bot.language`) or years:stated|none (whether it asks for years of experience)."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Salary:
    """salary:>=100k, salary:<80k, salary:100k-150k (op "-"), in a currency or any; the
    amounts are yearly, whatever period the filter was written in (`per`: salary:>=500/day)."""

    op: str  # ">=", ">", "<=", "<" or "-"
    amount: float
    upto: float | None = None  # the top of a range
    currency: str | None = None  # ISO code
    per: str | None = None  # "month", "week", "day" or "hour"; None: a year


@dataclass(frozen=True, slots=True)
class Years:
    """years:<=3, years:>=5, years:2-4 (op "-"): the years of experience a posting asks at
    least (`bot.experience`), compared with `low` (and `high`, the top of a range)."""

    op: str  # ">=", ">", "<=", "<" or "-"
    low: int
    high: int | None = None


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


Node = Word | Phrase | Prefix | Attr | Salary | Years | Field | Not | And | Or
Term = Word | Phrase | Prefix

FIELDS = ("title", "company", "location", "board")
OPEN_TO = "from"  # from:germany: the location is in Germany or open to it (`bot.synonyms`)
NEAR = "near"  # near:munich, near:"munich 20km": a city within so far of it (`bot.synonyms`)
FIELD_NAMES = (*FIELDS, OPEN_TO, NEAR)
ATTRS: dict[str, dict[str, str]] = {
    "remote": {
        "yes": "yes", "true": "yes", "remote": "yes", "only": "yes", "fully": "yes",
        "no": "no", "false": "no", "onsite": "no", "on-site": "no",
        "hybrid": "hybrid",
    },
    "type": {
        "full-time": "full-time", "fulltime": "full-time", "full_time": "full-time",
        "part-time": "part-time", "parttime": "part-time", "part_time": "part-time",
        "contract": "contract", "freelance": "contract",
        "internship": "internship", "intern": "internship",
    },
    "visa": {"yes": "yes", "sponsored": "yes", "no": "no"},
    "lang": {
        **{code: code for code in LANGUAGES},
        **{name.lower(): code for code, name in NAMES.items()},
        "deutsch": "de", "francais": "fr", "espanol": "es", "nederlands": "nl",
    },
    "salary": {  # an amount (salary:>=100k) is a `Salary`, read by the lexer
        "stated": "stated", "yes": "stated",
        "none": "none", "no": "none", "unstated": "none",
    },
    "years": {  # a number (years:<=3) is a `Years`, read by the lexer
        "stated": "stated", "yes": "stated",
        "none": "none", "no": "none", "unstated": "none",
    },
}  # fmt: skip
CHOICES = {  # what each of `ATTRS` takes, for error messages
    "remote": "yes, no or hybrid",
    "type": "full-time, part-time, contract or internship",
    "salary": "an amount (salary:>=100k), none or stated",
    "visa": "yes (offers sponsorship) or no (will not sponsor)",
    "lang": f"a language: {', '.join(LANGUAGES)} (or english, german…)",
    "years": "a number of years (years:<=3, years:>=5, years:2-4), none or stated",
}
OPERATORS = {"OR": "or", "AND": "and", "NOT": "not"}  # the words that join terms
MIN_PREFIX = 3


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed alert: its tree and its canonical text (what /alert shows and stores)."""

    root: Node
    normalized: str

    def __str__(self) -> str:
        return self.normalized


# -- canonical text ------------------------------------------------------------------------


def _salary(node: Salary) -> str:
    cur = node.currency or ""
    factor = PER_YEAR[node.per] if node.per else 1
    per = f"/{node.per}" if node.per else ""
    low = _amount(node.amount / factor, cur, per)
    if node.upto is None:
        return f"salary:{node.op}{cur}{low}{per}"
    return f"salary:{cur}{low}-{cur}{_amount(node.upto / factor, cur, per)}{per}"


def _amount(value: float, cur: str, per: str) -> str:
    """A filter's amount as written: rupees a year in lakhs, as India writes them ("20lpa",
    not "2000k"), any other in thousands."""
    if cur == "INR" and not per and value >= 100_000 and value % 10_000 == 0:
        return f"{value / 100_000:g}lpa"
    return filter_amount(value)


def _group(node: Node, *kinds: type) -> str:
    text = format_node(node)
    return f"({text})" if isinstance(node, kinds) else text


def format_node(node: Node) -> str:
    """The canonical text of a node; parsing it gives the same node back."""
    if isinstance(node, Word):
        spoken = node.token.upper() in OPERATORS or node.token.lower() in ("oder", "und")
        return f'"{node.token}"' if spoken else node.token  # (the lexer reads "oder" as OR)
    if isinstance(node, Phrase):
        return '"' + " ".join(node.tokens) + '"'
    if isinstance(node, Prefix):
        return node.stem + "*"
    if isinstance(node, Attr):
        return f"{node.name}:{node.value}"
    if isinstance(node, Salary):
        return _salary(node)
    if isinstance(node, Years):
        return (
            f"years:{node.op}{node.low}" if node.high is None else f"years:{node.low}-{node.high}"
        )
    if isinstance(node, Field):
        return f"{node.name}:" + _group(node.child, And, Or)
    if isinstance(node, Not):
        return "-" + _group(node.child, And, Or)
    if isinstance(node, And):
        parts = [_group(c, Or) for c in node.children]
        for i in range(1, len(parts)):
            after, word = node.children[i - 1], node.children[i]
            if isinstance(after, Salary) and isinstance(word, Word) and currency_word(word.token):
                parts[i] = f'"{word.token}"'  # not read back as the salary's currency
        return " ".join(parts)
    return " OR ".join(_group(c, And) for c in node.children)
