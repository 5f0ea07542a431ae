"""A query's misspelled word: what it likely means (one letter off a word jobs say), and the
tip /alert and /search give when no stored job has the word."""

from __future__ import annotations

import pytest

from bot.query import parse
from bot.telegram.tips.spelling import meant, spelling_tip


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("rsut", "rust"),  # two letters swapped
        ("senoir", "senior"),
        ("remtoe", "remote"),
        ("enginer", "engineer"),  # one left out
        ("typescirpt", "typescript"),
        ("kuberntes", "kubernetes"),
        ("pythn", "python"),
        ("golnag", "golang"),
        ("berlni", "berlin"),  # a place, after the words of jobs
        ("amsterdm", "amsterdam"),
        ("rust", None),  # known
        ("payments", None),  # far from any
        ("go", None),  # too short to guess
        ("web3", None),  # not letters only
        ("stripe", None),
    ],
)
def test_a_misspelled_word_is_read_as_the_known_word_one_letter_off(typed, known) -> None:
    assert meant(typed) == known


def test_the_tip_names_the_first_unseen_misspelled_word_with_the_query_respelled() -> None:
    root = parse('rsut title:senoir -jvaa company:acmee "go"').root
    tip = spelling_tip(root, lambda word: True, "/edit 3")
    assert tip == (
        "\nNo job I have read has the word “rsut”: did you mean <b>rust</b>? "
        "<code>/edit 3 rust title:senoir -jvaa company:acmee go</code>"
    )
    seen = spelling_tip(root, lambda word: word == "senoir", "/search")
    assert "“senoir”: did you mean <b>senior</b>? <code>/search rsut title:senior" in seen
    assert spelling_tip(root, lambda word: False, "/search") == "", "every word is in some job"
    assert spelling_tip(parse("-jvaa company:acmee rust").root, lambda w: True, "/x") == "", (
        "not a word left out, nor a company's name"
    )
