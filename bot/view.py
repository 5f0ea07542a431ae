"""The posting's view and compiled queries: a posting tokenized once, tested by set lookups.

The view's location words include the countries and regions the location lies in
(`bot.places`: "Berlin" also has germany, de, europe, eu, emea, dach), its salary is a yearly
range (`bot.salary`), and "go"/"c" count as words only where the posting writes the
language (`bot.words.only_ordinary`: "Go", not "as they go" or "go-live"). Queries are compiled with their synonyms (`bot.synonyms`).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from itertools import pairwise

from bot.attributes import ATTRIBUTES, Fields, meaning
from bot.experience import asked
from bot.language import language
from bot.models import Posting
from bot.placewords import where
from bot.query import parse
from bot.salary import Yearly, accepts, yearly
from bot.stack import is_tech
from bot.synonyms import expand
from bot.syntax import (
    FIELDS,
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
    Word,
    Years,
)
from bot.visa import cued, stance
from bot.words import LANGUAGE_WORDS, only_ordinary, tokens

ANY = 0  # title, company, location and description together; then one scope per field
SCOPE = {name: i for i, name in enumerate(FIELDS, start=1)}
ANYWHERE = ("title", "company", "location", "description")
# Each (attribute, value) of the language with the readings it matches (`bot.attributes`).
ATTR_VALUES: dict[tuple[str, str], frozenset[str | None]] = {
    (name, value): have for name, a in ATTRIBUTES.items() for value, have in a.values.items()
}
_LOCATION = SCOPE["location"]
_NO_WORDS: frozenset[str] = frozenset()


def stored_query(query: str | Query) -> Query:
    """`query` parsed without the limits: stored alerts passed them when they were saved."""
    if isinstance(query, Query):
        return query
    return parse(query, max_length=1 << 30, max_terms=1 << 30, max_depth=64)


def attribute(posting: Posting | PostingView, name: str) -> str | None:
    """The value an attribute filter (remote:, type:, salary:none, visa:, lang:, years:none)
    looks at, as `bot.attributes` reads it; `ATTR_VALUES` lists its matches. KeyError for a
    name the table lacks."""
    read = meaning(name).read
    return read(posting if isinstance(posting, PostingView) else Fields(posting, PostingView))


_SEARCHES = 32  # phrase searches in one posting before its word pairs are worth building


def ordinary(posting: Posting, parts: tuple[list[str], ...]) -> tuple[frozenset[str], ...]:
    """By scope, the words of `LANGUAGE_WORDS` the posting never writes as the language."""
    if not any(LANGUAGE_WORDS.intersection(part) for part in parts):
        return (_NO_WORDS,) * (len(FIELDS) + 1)
    texts = [getattr(posting, f) or "" for f in (*ANYWHERE, "board")]
    plain = [only_ordinary(text, part) for text, part in zip(texts, parts, strict=True)]
    language: set[str] = set()
    for part, words in zip(parts[:4], plain[:4], strict=True):
        language.update(LANGUAGE_WORDS.intersection(part) - words)
    anywhere = frozenset(set().union(*plain[:4]) - language)
    return (anywhere, plain[0], plain[1], plain[2], plain[4])


def _placed_techs(location: list[str], cities: AbstractSet[str], *elsewhere: list[str]) -> set[str]:
    """The tech names the location has and nothing else does: a place ("Bandung, West Java",
    "Spring, TX", "Kotlin"), not the tech, so a bare `java` or `spring` does not find it
    (`location:java` does)."""
    placed = {w for w in (*location, *cities) if is_tech(w)}
    for words in elsewhere:
        if placed:
            placed.difference_update(words)
    return placed


class PostingView:
    """A posting tokenized once: word sets and " w w " texts by scope (`ANY`, then FIELDS)."""

    __slots__ = (
        "_lang",
        "_pairs",
        "_searches",
        "_visa",
        "_years",
        "description",
        "employment_type",
        "ordinary",
        "parts",
        "places",
        "salary",
        "text",
        "title",
        "where",
        "words",
        "workplace",
    )

    def __init__(self, posting: Posting):
        title, company, location, description, board = (
            tokens(getattr(posting, f) or "") for f in (*ANYWHERE, "board")
        )
        anywhere = set(description)
        anywhere.update(title, company, location)
        self.parts = (title, company, location, description, board)
        here = self.where = where(posting.location)
        self.places = here.names
        fields = (title, company, location, board)
        words = [set(t) for t in fields]
        # "\n" parts the fields: a phrase never runs from the title into the company.
        anywhere_text = " \n ".join(" ".join(t) for t in self.parts[:4])
        texts = [f" {anywhere_text} ", *(f" {' '.join(t)} " for t in fields)]
        if self.places:  # only location: has them: "europe" alone is a word of the text
            words[_LOCATION - 1] |= here.words
            texts[_LOCATION] += here.text
            anywhere |= here.city_words  # but "munich" alone finds München
            texts[ANY] += here.city_text
        anywhere -= _placed_techs(location, here.city_words, title, company, description)
        self.words: tuple[AbstractSet[str], ...] = (anywhere, *words)
        self.text = tuple(texts)
        self.ordinary = ordinary(posting, self.parts)
        self.workplace = posting.workplace
        self.employment_type = posting.employment_type
        self.salary = yearly(posting)
        self._pairs: set[tuple[str, str]] | None = None
        self._searches = 0
        self.title, self.description = posting.title, posting.description
        self._visa: str | None = "unread"
        self._lang: str | None = "unread"
        self._years: int | str | None = "unread"

    @property
    def visa(self) -> str | None:
        """What the posting says of visa sponsorship (`bot.visa.stance`), read the first time
        it is asked, and only from a posting that has one of its words."""
        if self._visa == "unread":
            read = cued(self.words[ANY], self.text[ANY])
            self._visa = stance(self.title, self.description)[0] if read else None
        return self._visa

    @property
    def lang(self) -> str | None:
        """The language the posting is written in (`bot.language`), by all of its words."""
        if self._lang == "unread":
            self._lang = language(self.words[ANY])
        return self._lang

    @property
    def years(self) -> int | None:
        """The years of experience the posting asks at least (`bot.experience`), read the
        first time it is asked."""
        if isinstance(self._years, str):
            self._years = asked(self.title, self.description or "").years
        return self._years

    def has_phrase(self, needle: str, pairs: frozenset[tuple[str, str]]) -> bool:
        """Whether the words of `needle` (" a b c ") follow each other in the posting.

        The first few phrases are searched in the text; then the set of adjacent word pairs
        is built once, and answers most phrases by itself.
        """
        if self._pairs is None:
            self._searches += 1
            if self._searches <= _SEARCHES:
                return needle in self.text[ANY]
            self._pairs = set()
            for part in self.parts[:4]:
                self._pairs.update(pairwise(part))
        return pairs <= self._pairs and (len(pairs) == 1 or needle in self.text[ANY])


def view(posting: Posting) -> PostingView:
    """Tokenize a posting once for every alert that looks at it."""
    return PostingView(posting)


Test = Callable[[PostingView], bool]


def compile_query(query: str | Query) -> Test:
    """A function that tells whether a `PostingView` matches the query, by lookups alone."""
    return compile_node(expand(stored_query(query).root), ANY)


def salary_test(node: Salary, salary: Yearly | None) -> bool:
    """Whether a posting's yearly salary meets `node`; one that states none never does."""
    return salary is not None and accepts(node.op, node.amount, node.upto, node.currency, salary)


def years_test(node: Years, years: int | None) -> bool:
    """Whether the years a posting asks meet `node`; one that asks none never does."""
    if years is None:
        return False
    if node.op == "-":
        return node.low <= years <= (node.high if node.high is not None else node.low)
    if node.op == ">=":
        return years >= node.low
    if node.op == ">":
        return years > node.low
    return years <= node.low if node.op == "<=" else years < node.low


def compile_node(node: Node, scope: int) -> Test:
    """The test of one (expanded) node in one scope: `ANY` or a field's `SCOPE`."""
    if isinstance(node, Field):
        return compile_node(node.child, SCOPE[node.name])
    if isinstance(node, Not):
        inner = compile_node(node.child, scope)
        return lambda v: not inner(v)
    if isinstance(node, And):
        plain = [c for c in node.children if isinstance(c, Word) and c.token not in LANGUAGE_WORDS]
        words = frozenset(c.token for c in plain)
        tests = [compile_node(c, scope) for c in node.children if c not in plain]
        if words:
            tests.insert(0, lambda v: words <= v.words[scope])
        return all_of(tests)
    if isinstance(node, Or):
        tests = [compile_node(c, scope) for c in node.children]
        return lambda v: any(t(v) for t in tests)
    return _leaf(node, scope)


def _leaf(node: Word | Phrase | Prefix | Attr | Salary | Years, scope: int) -> Test:
    """The test of a node with no children: a word, a phrase, a prefix, an attribute, pay or
    years."""
    if isinstance(node, Word):
        word = node.token
        if word in LANGUAGE_WORDS:
            return lambda v: word in v.words[scope] and word not in v.ordinary[scope]
        return lambda v: word in v.words[scope]
    if isinstance(node, Salary):
        return lambda v: salary_test(node, v.salary)
    if isinstance(node, Years):
        return lambda v: years_test(node, v.years)
    if isinstance(node, Prefix):
        stem = " " + node.stem  # words are space-separated: " dev" starts a word
        return lambda v: stem in v.text[scope]
    if isinstance(node, Phrase):
        needle = f" {' '.join(node.tokens)} "
        if scope != ANY:
            return lambda v: needle in v.text[scope]
        pairs, words = frozenset(pairwise(node.tokens)), frozenset(node.tokens)
        return lambda v: words <= v.words[ANY] and v.has_phrase(needle, pairs)  # as its keys
    read = meaning(node.name).read  # an Attr: an unknown name raises here
    values = ATTR_VALUES[node.name, node.value]
    return lambda v: read(v) in values


def all_of(tests: list[Test]) -> Test:
    """One test that passes when every one of `tests` does."""
    return tests[0] if len(tests) == 1 else lambda v: all(t(v) for t in tests)
