"""Properties: the parser takes any text, and the index agrees with the reference evaluator."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from bot import match
from bot.errors import QueryError
from bot.index import Matcher
from bot.models import Alert, Posting
from bot.query import parse
from bot.view import compile_query, view
from bot.words import tokens

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words of postings: tech names, their look-alikes, accents, case.
POSTING_WORDS = [
    "Rust", "rust", "Trust", "Go", "Google", "going", "Java", "JavaScript", "C", "C++", "C#",
    "F#", ".NET", "ASP.NET", "Node.js", "node", "CI/CD", "CI", "Senior", "staff", "Berlin",
    "Zürich", "zurich", "data", "Data", "engineer", "Engineering", "dev", "developer", "DevOps",
    "machine", "learning", "Acme", "remote", "front-end", "frontend", "3.11", "R&D",
    "Golang", "go-live", "C-level", "K8s", "Kubernetes", "ML", "Lisbon", "Austin, TX", "EU",
    "Fullstack", "full", "stack", "Back-End", "Sydney", "Toronto, ON", "Melbourne, VIC", "NYC",
    "EMEA", "Worldwide", "DACH", "5+ years of experience", "at least 2 years", "3-5 years",
    "years", "experience", "ideally", "Remote (ET)", "PT/ET",
]  # fmt: skip
SEPARATORS = [" ", " ", ", ", ". ", "-", "/", " — ", "\n", "’s "]
QUERY_WORDS = [
    "rust", "go", "java", "javascript", "c", "c++", "c#", "f#", ".net", "node.js", "node",
    "ci/cd", "senior", "staff", "berlin", "zürich", "data", "engineer", "dev", "developer",
    "devops", "machine", "learning", "acme", "remote", "front-end", "3.11", "r&d", "Go", "RUST",
    "golang", "k8s", "ml", "europe", "germany", "usa", "eu",
    "full", "stack", "back", "end", "asia", "apac", "ontario", "nsw", "sf", "nyc",
]  # fmt: skip
PREFIXES = ["dev*", "eng*", "data*", "jav*", "node*", "zur*", "rus*", "eur*", "ger*"]
ATTRS = ["remote:yes", "remote:no", "remote:hybrid", "type:full-time", "type:contract"]
ATTRS += ["salary:>=100k", "salary:<50k", "salary:80k-120k", "salary:>=€90k", "salary:>usd100k"]
ATTRS += ["salary:>=500/day", "salary:40-60/hour", "salary:120k+"]
ATTRS += ["salary:none", "salary:stated", "visa:yes", "visa:no", "lang:en", "lang:de"]
ATTRS += ["years:<=3", "years:>=5", "years:2-4", "years:3+", "years:none", "years:stated"]
FIELDS = ["title", "company", "location", "board", "from"]
SYNTAX = [*QUERY_WORDS, *PREFIXES, *ATTRS, "OR", "AND", "NOT", "-", "(", ")", '"', "title:", ":*"]
# salary: as people space and suffix it, and the other ways to write OR and lists
SYNTAX += ["salary", "salary:", ">=", "<", "120k", "eur", "€", "php", "/day", "/h", "|", ","]
SYNTAX += ["years", "years:", "years=3", "5+", "2-4", "3"]


def _phrase(words: list[str]) -> str:
    return '"' + " ".join(words) + '"'


word = st.sampled_from(QUERY_WORDS)
term = st.one_of(
    word, st.lists(word, min_size=2, max_size=3).map(_phrase), st.sampled_from(PREFIXES)
)


def _combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(inner, inner)
    return st.one_of(
        pair.map(lambda ab: f"{ab[0]} {ab[1]}"),
        pair.map(lambda ab: f"({ab[0]} OR {ab[1]})"),
        inner.map(lambda a: f"-({a})"),
        inner.map(lambda a: f"NOT {a}"),
    )


in_field = st.builds(
    lambda f, body: f"{f}:({body})",
    st.sampled_from(FIELDS),
    st.recursive(term, _combine, max_leaves=3),
)
queries = st.recursive(
    st.one_of(term, term, st.sampled_from(ATTRS), in_field), _combine, max_leaves=6
)


@st.composite
def postings(draw: st.DrawFn) -> Posting:
    def text(max_words: int) -> str:
        words = draw(st.lists(st.sampled_from(POSTING_WORDS), max_size=max_words))
        seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
        return "".join(w + s for w, s in zip(words, seps, strict=True))

    return Posting(
        key="p:1",
        board=text(2),
        external_id="1",
        title=text(5),
        company=text(2),
        location=text(3),
        url="https://example.com/1",
        description=text(30),
        workplace=draw(st.sampled_from([None, "remote", "hybrid", "onsite"])),
        employment_type=draw(st.sampled_from([None, "full_time", "contract", "freelance"])),
        **draw(salaries),
    )


salaries = st.one_of(
    st.just({}),
    st.fixed_dictionaries(
        {
            "salary_min": st.sampled_from([None, 40.0, 50_000.0, 95_000.0, 120_000.0]),
            "salary_max": st.sampled_from([None, 60.0, 100_000.0, 150_000.0]),
            "salary_currency": st.sampled_from([None, "EUR", "USD"]),
            "salary_period": st.sampled_from([None, "year", "hour", "month"]),
        }
    ),
)


@SETTINGS
@given(st.text(max_size=300))
def test_the_parser_takes_any_text(text: str) -> None:
    with contextlib.suppress(QueryError):
        parse(text)


@SETTINGS
@given(st.lists(st.sampled_from(SYNTAX), max_size=25).map(" ".join))
def test_the_parser_takes_any_mix_of_syntax(text: str) -> None:
    try:
        q = parse(text, max_length=10_000, max_terms=100)
    except QueryError:
        return
    again = parse(q.normalized, max_length=10_000, max_terms=100)
    assert again.root == q.root and again.normalized == q.normalized


@SETTINGS
@given(st.text(max_size=200))
def test_tokens_of_joined_tokens_are_the_same_tokens(text: str) -> None:
    toks = tokens(text)
    assert tokens(" ".join(toks)) == toks
    assert all(t and " " not in t and ":" not in t and "*" not in t for t in toks)


@SETTINGS
@given(st.lists(queries, min_size=1, max_size=12), st.lists(postings(), min_size=1, max_size=4))
@example(  # a tech's name only the location has is a place (Rust, Austria), in a phrase too
    ['"rust rust"'],
    [Posting("p:1", "", "1", "", "", "Rust Rust ", "https://example.com/1", "")],
)
def test_the_index_agrees_with_the_reference_evaluator(
    texts: list[str], batch: list[Posting]
) -> None:
    parsed = []
    for text in texts:
        try:
            parsed.append(parse(text, max_length=10_000, max_terms=100))
        except QueryError:
            continue
    assume(parsed)
    matcher = Matcher(Alert(i, i % 3, q.normalized) for i, q in enumerate(parsed))
    for p in batch:
        expected = {i for i, q in enumerate(parsed) if match.matches(q, p)}
        assert {a.id for a in matcher.match(p)} == expected
        v = view(p)
        assert {i for i, q in enumerate(parsed) if compile_query(q)(v)} == expected
        assert {i for i, q in enumerate(parsed) if match.search(q, [p])} == expected
