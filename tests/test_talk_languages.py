"""A job search written in Portuguese, Spanish or French, or over several sentences, as the
sentence reader reads it: every query offered to copy parses, whatever mix of those words is
sent, and the rewrites that read them cost on a hostile text about what they cost on an
ordinary one of the same size (`tests.cputime`). The replies themselves are rows of
`test_a_text_that_is_not_a_command_gets_the_commands_it_likely_meant` (`test_talk.py`)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.query import parse
from bot.telegram.handlers import COMMANDS
from bot.telegram.tips.either import either_spelled
from bot.telegram.tips.hybrid import hybrid_spelled
from bot.telegram.tips.paragraph import LONGEST, filters_read, paragraph_meant
from bot.telegram.tips.romance import romance_spelled
from bot.telegram.tips.sentence import meant
from tests import cputime
from tests.test_talk_offers import offers_parse

BY_NAME = {c.name: c for c in COMMANDS}
OFFERED = re.compile(r"<code>/(?:alert|search|edit \d+) ([^<]+)</code>")
LINES = (
    "procuro vagas vaga trabalho emprego de em na no nos o os ou sem cripto nem Lisboa Porto",
    "remoto híbrido presencial salário acima de mínimo pelo menos a partir 80 mil euros 80.000€",
    "tempo integral meio período estágio Europa Alemanha EUA São Paulo Brasil reais por mês",
    "busco trabajo en sin más al menos mille au moins sans télétravail je cherche poste à Paris",
    "rust go scala Rust and Go mostly in some with years of experience I am I live in Berlin",
    "or no salary stated at least 80k , ; . ! remote role in Europe hybrid here paying thanks",
)
WORDS = [word for line in LINES for word in line.split()]


def _words(text: str) -> list[str]:
    return text.split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
@example(_words("Procuro vagas de Rust em Lisboa , híbrido , salário acima de 80.000€"))
@example(_words("rust or go , lisboa ou remoto na europa , mínimo 80 mil euros , sem cripto"))
@example(["no", "nos", "o", "os", "ou"])
@example(["mostly", "in", "Rust", "and", "Go", "some", "Scala", ";", "or", "no", "salary"])
def test_every_query_offered_in_those_languages_parses(words: list[str]) -> None:
    offers_parse(" ".join(words))


def test_a_long_text_is_read_sentence_by_sentence_within_an_alerts_length() -> None:
    """Each sentence's filters joined, while the query stays one an alert takes; the past,
    thanks and a text longer than `LONGEST` add nothing."""
    said = "I want rust jobs in Berlin. I have worked at Stripe for 5 years. Thanks a lot! " * 3
    assert paragraph_meant(said) == "rust location:berlin"
    places = " ".join(f"I would like jobs in {city}." for city in ("Berlin", "Munich") * 20)
    query = paragraph_meant(places)
    assert query is not None and parse(query)
    assert paragraph_meant("rust jobs in Berlin. " * (LONGEST // 10)) is None
    assert paragraph_meant("Please no crypto. Thanks a lot!") is None, "no alert alone"


def test_filters_alone_are_named_in_words() -> None:
    assert filters_read("remote:yes salary:>=EUR80k -crypto") == (
        "the way of working, the pay and what to leave out"
    )
    assert filters_read("rust location:berlin") == "", "a word of the job"
    assert filters_read("(unparsed") == ""


def test_mostly_in_rust_and_go_is_either_but_rust_and_go_jobs_both() -> None:
    assert meant("5 years of experience, mainly with Java and Kotlin") == (
        "years:<=5 (java OR kotlin)"
    )
    assert meant("rust and go jobs") == "rust go"
    assert meant("I know Rust and cooking, go jobs") == "know rust cooking go"  # no tech: as is


SIZE = 20_000
MAX_RATIO = 20


def _fill(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


ORDINARY = _fill("I am looking for a good job where people are kind and the coffee is hot. ")
HOSTILE: dict[str, tuple[Callable[[str], object], str]] = {
    "skills": (either_spelled, "mostly in " + _fill("rust and go, some ")),
    "skills-unclosed": (either_spelled, _fill("mostly in rust and ")),
    "or-none": (meant, _fill(" or no salary or without ")),
    "hybrid": (hybrid_spelled, _fill("remote role in europe, or hybrid here in ")),
    "thousands": (romance_spelled, _fill("80 mil 80mil 8 mille ")),
    "amount-words": (romance_spelled, _fill("acima de mais de a partir de ")),
    "portuguese-no": (romance_spelled, "vaga " + _fill("no no nos os o ")),
    "accents": (romance_spelled, _fill("híbrido remoto salário mínimo meio-período ")),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_rewrites_cost_on_a_hostile_text_about_what_they_cost_on_an_ordinary_one(
    case: str,
) -> None:
    read, hostile = HOSTILE[case]
    assert cputime.ratio(lambda: read(hostile), lambda: read(ORDINARY)) < MAX_RATIO


def test_a_long_text_costs_at_most_its_sentences() -> None:
    """A text of many sentences reads at most 12 of them, each at most 200 characters."""
    sentence = "I'd like rust or go jobs in Berlin or remote in the EU, at least 90k euros. "
    many = (sentence * 40)[:LONGEST]
    assert cputime.ratio(lambda: paragraph_meant(many), lambda: meant(sentence)) < 12 * 4
