"""The alert language: tokens, the parse tree, canonical text, errors that point, limits."""

from __future__ import annotations

import pytest

from bot.errors import QueryError
from bot.query import parse
from bot.syntax import And, Attr, Field, Not, Or, Phrase, Prefix, Word
from bot.words import tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Senior Rust Engineer", ["senior", "rust", "engineer"], id="words"),
        pytest.param(
            "Zürich, São Paulo, Kraków", ["zurich", "sao", "paulo", "krakow"], id="accents"
        ),
        pytest.param("Straße Øresund Łódź", ["strasse", "oresund", "lodz"], id="special-letters"),
        pytest.param("ﬁnance ＡＰＩ", ["finance", "api"], id="compatibility-forms"),
        pytest.param("C++, C#, F# and .NET", ["c++", "c#", "f#", "and", ".net"], id="c-family"),
        pytest.param("ASP.NET Core", ["asp", ".net", "core"], id="dotnet-split-off"),
        pytest.param("Node.js / Vue.js.", ["node.js", "vue.js"], id="dot-js"),
        pytest.param("CI/CD, R&D, A/B, TCP/IP", ["ci/cd", "r&d", "a/b", "tcp/ip"], id="kept-pairs"),
        pytest.param("frontend/backend", ["frontend", "backend"], id="slash-splits"),
        pytest.param("Python 3.11, 5+ years", ["python", "3.11", "5", "years"], id="numbers"),
        pytest.param("e.g. full-time", ["e", "g", "full", "time"], id="dots-and-dashes"),
        pytest.param(
            "don’t “quote” — dash • bullet", ["don", "t", "quote", "dash", "bullet"], id="punct"
        ),
        pytest.param("abc++ x#y #hashtag", ["abc", "x", "y", "hashtag"], id="not-tech"),
        pytest.param("snake_case", ["snake", "case"], id="underscore"),
        pytest.param("Москва 東京", ["москва", "東京"], id="other-scripts"),
        pytest.param("", [], id="empty"),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("query", "normalized"),
    [
        ("Rust  Backend", "rust backend"),
        ("title:(senior OR staff) rust -java", "title:(senior OR staff) rust -java"),
        ("TITLE:(Senior or Staff) Rust NOT Java", "title:(senior OR staff) rust -java"),
        ("rust AND go", "rust go"),
        ("senior rust OR go", "(senior rust) OR go"),
        ("(rust OR go) (berlin OR remote)", "(rust OR go) (berlin OR remote)"),
        ("rust rust", "rust"),
        ("(rust OR go) OR scala", "rust OR go OR scala"),
        ("((rust))", "rust"),
        ("-(-java) rust", "java rust"),
        ('"Machine  Learning"', '"machine learning"'),
        ('"rust"', "rust"),
        ("front-end", '"front end"'),
        ("Dev*", "dev*"),
        ("zürich", "zurich"),
        ("C++ C# .NET node.js CI/CD", "c++ c# .net node.js ci/cd"),
        ('"or" "and"', '"or" "and"'),
        ("title:-java rust", "-title:java rust"),
        ('company:"acme pay" location:berlin', 'company:"acme pay" location:berlin'),
        ("title:(senior -junior) python", "title:(senior -junior) python"),
        ("remote:Yes type:full-time", "remote:yes type:full-time"),
        ("remote:onsite type:freelance", "remote:no type:contract"),
        ("rust remote:only", "rust remote:yes"),
        ("rust remote:fully", "rust remote:yes"),
        ("type:intern remote:true", "type:internship remote:yes"),
        ("rust -“go”", "rust -go"),
        ("rust ! - ?", "rust"),
        ("board:greenhouse dev*", "board:greenhouse dev*"),
        ("dev*, ops", "dev* ops"),
        ("rust | go", "rust OR go"),
        ("rust||go scala", "rust OR (go scala)"),
        ("c++|c#", "c++ OR c#"),
        ("!crypto rust", "-crypto rust"),  # "!" before a word: NOT, as programmers write it
        ("rust !(web3 OR crypto)", "rust -(web3 OR crypto)"),
        ("rust! yahoo!", "rust yahoo"),
        # a list of techs closed by OR is one of them; other lists read as written
        ("rust, go or scala", "rust OR go OR scala"),
        ("rust, go, or scala roles", "(rust OR go OR scala) roles"),
        ("senior rust , go OR scala", "senior (rust OR go OR scala)"),
        ("python, java, kotlin or c++ remote:yes", "(python OR java OR kotlin OR c++) remote:yes"),
        ("rust, go", "rust go"),
        # a comma ends an OR's side: OR stays within the words between commas
        ("engineer, rust or go", "engineer (rust OR go)"),
        ("senior engineer, remote, rust or go", "senior engineer remote (rust OR go)"),
        ("golang OR rust, berlin", "(golang OR rust) berlin"),
        ("fintech, payments or banking", "fintech (payments OR banking)"),
        ("title:senior, rust | go, -crypto", "title:senior (rust OR go) -crypto"),
        ("(rust OR go), berlin OR munich", "(rust OR go) (berlin OR munich)"),
        # an OR after a comma joins the part before it: "X, or Y" is either
        ("rust, or go", "rust OR go"),
        (
            "senior rust engineer, or staff go engineer",
            "(senior rust engineer) OR (staff go engineer)",
        ),
        (
            "senior rust engineer, or staff engineer, berlin",
            "((senior rust engineer) OR (staff engineer)) berlin",
        ),
        ("senior engineer, remote, or hybrid", "senior engineer (remote OR hybrid)"),
        ("title:senior, or title:staff", "title:senior OR title:staff"),
        # techs joined by a slash are one of them, not the phrase "rust go"
        ("rust/go backend", "(rust OR go) backend"),
        ("c/c++/rust", "c OR c++ OR rust"),
        ("react/redux", '"react redux"'),
        ("frontend/backend", '"frontend backend"'),
    ],
)
def test_normalized(query: str, normalized: str) -> None:
    parsed = parse(query)
    assert parsed.normalized == normalized
    assert str(parsed) == normalized
    again = parse(normalized)
    assert again.normalized == normalized and again.root == parsed.root, "round trip"


def test_tree() -> None:
    assert parse('title:(senior OR staff) "machine learning" dev* -java remote:yes').root == And(
        (
            Field("title", Or((Word("senior"), Word("staff")))),
            Phrase(("machine", "learning")),
            Prefix("dev"),
            Not(Word("java")),
            Attr("remote", "yes"),
        )
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('rust "go', "unclosed quote at character 6"),
        ("rust OR", "OR needs a term on both sides (at character 6)"),
        ("OR rust", "OR needs a term on both sides (at character 1)"),
        ("rust OR OR go", "OR needs a term on both sides (at character 6)"),
        ("rust, or", "OR needs a term on both sides (at character 7)"),
        (
            "data engineer, ml engineer, or data scientist",
            "“, or” after a list may join its last two parts or all of them: (data engineer) OR "
            "(ml engineer) OR (data scientist) is any of them; data engineer ((ml engineer) OR "
            "(data scientist)) is the first with either of the others (at character 29)",
        ),
        ("rust AND", "AND needs a term on both sides (at character 6)"),
        ("rust NOT", "NOT needs a term right after it (at character 6)"),
        ("(rust OR go", "unclosed parenthesis at character 1"),
        ("rust) go", "unmatched ) at character 5"),
        ("rust ()", "empty parentheses at character 6"),
        ('rust ""', "empty phrase at character 6"),
        ("title:", "title: needs a word, a phrase or a group right after it (at character 6)"),
        ("foo:100k", "unknown field “foo:” at character 1; fields are title:, company:"),
        ("pay:100k", "unknown field “pay:” at character 1: write salary:100k"),
        ("rust level:", "unknown field “level:” at character 6: write title: instead"),
        ("posted:7d", "unknown field “posted:” at character 1: jobbot has no “posted:” filter"),
        ("salary:>=abc", "“abc” is not an amount; e.g. salary:>=100k, salary:<80k,"),
        ("rust salary:", "salary: needs an amount, e.g. salary:>=100k"),
        ("rust salary:>=", "salary: needs an amount, e.g. salary:>=100k"),
        ("salary<", "salary: needs an amount, e.g. salary:>=100k"),
        ("salary:>=100kxyz", "“xyz” is not a currency (write €, $, £ or a code like eur)"),
        ("salary:150k-100k", "a salary range goes from low to high: salary:100k-150k"),
        ("salary:>=100k-150k", "a salary range takes no >=; e.g. salary:>=100k"),
        ("salary:€100k-$150k", "a salary range is in one currency, not EUR and USD"),
        ("salary:>=€100kusd", "“€100kusd” names its currency twice"),
        ("salary:>=0", "“0” is not an amount"),
        ("salary:>=50/fortnight", "“/fortnight” is not a period: write /year, /month, /week,"),
        ("salary:>=€100k eur", "“€100keur” names its currency twice"),
        ("salary: rust", "salary: needs an amount, e.g. salary:>=100k"),
        ("title:(salary:>=1k)", "salary: cannot go inside title:(…) (at character 8)"),
        ("remote:maybe", "remote: takes yes, no or hybrid (at character 8)"),
        ("remote:", "remote: takes yes, no or hybrid, right after it (at character 7)"),
        ("salary:abc", "“abc” is not an amount; e.g. salary:>=100k"),
        ("salary:abc", "; or salary:none for jobs that state none (at character 8)"),
        (
            "salary:>=1abc",
            "“abc” is not a currency (write €, $, £ or a code like eur) (at character 10)",
        ),
        ("type:gig", "type: takes full-time, part-time, contract or internship (at character 6)"),
        ("title:(company:acme)", "company: cannot go inside title:(…) (at character 8)"),
        ("de*v", "* goes only at the end of a word (at character 3)"),
        ("go*", "a prefix needs at least 3 letters before * (at character 1)"),
        ("node.j*", "a prefix* is a single word: “node.j*” at character 1"),
        ("((((((((((rust))))))))))", "parentheses nest too deep (at character 9; 8 at most)"),
        ("", "an alert needs at least one word"),
        ("!!! ???", "an alert needs at least one word"),
    ],
)
def test_errors_point_at_the_problem(query: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        parse(query)
    assert message in str(info.value)


@pytest.mark.parametrize(
    "query",
    [
        "-java",
        "NOT senior",
        "-java -php",
        "-(rust go)",
        "-title:java",
        "java OR -java",
        "-remote:yes",
    ],
)
def test_a_query_that_matches_almost_everything_is_refused(query: str) -> None:
    with pytest.raises(QueryError, match="only excludes"):
        parse(query)


def test_each_side_of_or_is_named_when_it_only_excludes() -> None:
    with pytest.raises(QueryError, match="each side of OR needs a word to look for; “-php”"):
        parse("rust OR -php")


def test_length_limit() -> None:
    parse("r" * 200)
    with pytest.raises(QueryError, match="that alert is 201 characters long; the limit is 200"):
        parse("r" * 201)
    with pytest.raises(QueryError, match="that alert is 25 characters long; the limit is 20"):
        parse("rust " * 5, max_length=20)


def test_term_limit() -> None:
    parse(" ".join(f"w{i}" for i in range(20)))
    with pytest.raises(QueryError, match="that alert has 4 terms; the limit is 3"):
        parse('a "b c" dev* remote:yes', max_terms=3)


@pytest.mark.parametrize(
    ("query", "normalized"),
    [
        ("salary:>=100k", "salary:>=100k"),
        ("salary:>120000", "salary:>120k"),
        ("salary:none", "salary:none"),
        ("SALARY=Unstated rust", "salary:none rust"),
        ("salary:yes", "salary:stated"),
        ("rust (salary:>=100k OR salary:none)", "rust (salary:>=100k OR salary:none)"),
        ("salary:<80.5k", "salary:<80500"),
        ("salary:100k-150k", "salary:100k-150k"),
        ("salary:>=€100k", "salary:>=EUR100k"),
        ("SALARY:>=100KEUR", "salary:>=EUR100k"),
        ("salary:>=usd1.5m", "salary:>=USD1500k"),
        ("salary:>=20lpa", "salary:>=INR20lpa"),  # lakhs a year: rupees
        ("salary:>=₹20L", "salary:>=INR20lpa"),
        ("salary:>=15lakhs", "salary:>=INR15lpa"),
        ("salary:>=1.5cr", "salary:>=INR150lpa"),
        ("salary:20-30lpa", "salary:INR20lpa-INR30lpa"),
        ("salary:>=2000000 inr", "salary:>=INR20lpa"),
        ("salary:>=₹50k/month", "salary:>=INR50k/month"),
        ("salary:80-100k", "salary:80k-100k"),  # the k counts for both
        ("salary:50000-100k", "salary:50k-100k"),  # not 50,000k
        ("salary:1-2m", "salary:1000k-2000k"),
        ("salary:£50k-60k rust", "salary:GBP50k-GBP60k rust"),
        ("salary:90k", "salary:>=90k"),
        ("salary:>=120k eur", "salary:>=EUR120k"),
        ("salary:>=120k EUR rust", "salary:>=EUR120k rust"),
        ("salary:>=120k €", "salary:>=EUR120k"),
        ("salary:>=120k euros", "salary:>=EUR120k"),  # a currency's name, as said
        ("salary:90k pounds london", "salary:>=GBP90k london"),
        ("salary:100k-150k usd", "salary:USD100k-USD150k"),
        ("salary:>=100k php", "salary:>=100k php"),
        ("salary:>=100k top", "salary:>=100k top"),
        ("salary:>=120k rust", "salary:>=120k rust"),
        ("salary: >=120k", "salary:>=120k"),
        ("salary:>= 120k", "salary:>=120k"),
        ("salary >= 120k", "salary:>=120k"),
        ("salary transparency", "salary transparency"),
        ("salary:120k+", "salary:>=120k"),
        ("salary:>=120k/year", "salary:>=120k"),
        ("salary:>=500/day", "salary:>=500/day"),
        ("salary:>=62.5/h", "salary:>=62.5/hour"),
        ("salary:>=8k/mo chf", "salary:>=CHF8k/month"),
        ("salary:>=500 €/day", "salary:>=EUR500/day"),
        ("salary:>=500 /day", "salary:>=500/day"),
        ("salary:400-600/day", "salary:400-600/day"),
        ("(salary:>=100k eur) OR staff", "salary:>=EUR100k OR staff"),
        ("rust salary:>=100k rust eur", 'rust salary:>=100k "eur"'),  # eur stays a word
        ('salary:>=100k "eur"', 'salary:>=100k "eur"'),
    ],
)
def test_salary_filters_have_one_canonical_text(query: str, normalized: str) -> None:
    q = parse(query)
    assert q.normalized == normalized
    assert parse(q.normalized).root == q.root


@pytest.mark.parametrize(
    ("query", "as_written"),
    [
        ("rust salary>=120k", "rust salary:>=120k"),
        ("salary<80k", "salary:<80k"),
        ("salary=100k-150k", "salary:100k-150k"),
        ("remote=yes go", "remote:yes go"),
        ("Location=berlin", "location:berlin"),
        ("title=(senior OR staff)", "title:(senior OR staff)"),
    ],
)
def test_a_field_may_be_written_with_an_equals_sign_and_salary_with_its_operator(
    query: str, as_written: str
) -> None:
    assert parse(query).root == parse(as_written).root


@pytest.mark.parametrize(("query", "words"), [("a=b", "a b"), ("title<x", "title x")])
def test_other_equals_signs_and_comparisons_stay_words(query: str, words: str) -> None:
    assert parse(query).root == parse(f'"{words}"').root
