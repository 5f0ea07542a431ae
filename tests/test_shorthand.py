"""A phone's shorthand and loose words in a sentence (Wei's walk: "w/ visa", "SGT friendly",
"sre / platform", "relocation"), places run together before "or", pay in two currencies: what
the sentence reader makes of them, and what the rewrites cost on a hostile text (`cputime`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.query import parse
from bot.telegram.tips.currencies import signs_spelled
from bot.telegram.tips.either import either_spelled
from bot.telegram.tips.sentence import meant
from bot.telegram.tips.shorthand import shorthand_spelled
from tests import cputime


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("sre w/ visa", "sre with visa sponsorship"),
        ("sre w visa", "sre with visa sponsorship"),
        ("sre / platform", "sre/platform"),
        ("remote but SGT friendly", "remote but open to singapore"),
        ("remote, apac-friendly", "remote, open to apac"),
        ("remote CET timezone friendly", "remote CET timezone"),
        ("user friendly tools", "user friendly tools"),  # no zone, no place: as typed
        ("relocation to berlin", "visa sponsorship in berlin"),
        ("no relocation needed", "no visa sponsorship needed"),  # (not needed: no filter)
        ("need visa sponsorhip", "need visa sponsorship"),
        ("sre w/o crypto", "sre without crypto"),  # not "with"
    ],
)
def test_shorthand_is_spelled_as_the_reader_takes_it(typed: str, spelled: str) -> None:
    assert shorthand_spelled(typed) == spelled


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("go jobs in berlin munich or hamburg", "go location:(berlin OR munich OR hamburg)"),
        ("go jobs in berlin rust or scala", "go location:berlin (rust OR scala)"),  # not places
        ("rust jobs paying at least EUR 100k", "rust salary:>=EUR100k"),
        ("rust jobs, min 100k EUR or 90k GBP", "rust (salary:>=EUR100k OR salary:>=GBP90k)"),
        ("rust jobs, minimum salary of 90k gbp", "rust salary:>=GBP90k"),
    ],
)
def test_a_sentence_reads_them_as_filters(text: str, query: str) -> None:
    assert meant(text) == query
    assert parse(query).root is not None


SIZE = 20_000
MAX_RATIO = 20


def _fill(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


ORDINARY = _fill("I am looking for a good job where people are kind and the coffee is hot. ")
HOSTILE: dict[str, tuple[Callable[[str], object], str]] = {
    "places-run": (either_spelled, _fill("in london paris berlin rome madrid ")),
    "places-or": (either_spelled, _fill("in a b c d e f or ")),
    "friendly": (shorthand_spelled, _fill("sgt timezone sgt-friendly w/ w ")),
    "relocation": (shorthand_spelled, _fill("relocation support to with a visa ")),
    "pay-or": (signs_spelled, _fill("min salary 180k sgd or 90k ")),
    "code-first": (signs_spelled, _fill("sgd 1,000,000 usd 5 ")),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_rewrites_cost_on_a_hostile_text_about_what_they_cost_on_an_ordinary_one(
    case: str,
) -> None:
    read, hostile = HOSTILE[case]
    assert cputime.ratio(lambda: read(hostile), lambda: read(ORDINARY)) < MAX_RATIO
