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


def test_the_tip_names_the_unseen_misspelled_words_with_the_query_respelled() -> None:
    """Every one of them: the query with one left misspelled would still match nothing."""
    root = parse('rsut title:senoir -jvaa company:acmee "go"').root
    tip = spelling_tip(root, lambda word: True, "/edit 3")
    assert tip == (
        "\nNo job I have read has the words “rsut” or “senoir”: did you mean <b>rust</b> and "
        "<b>senior</b>? <code>/edit 3 rust title:senior -jvaa company:acmee go</code>"
    )
    typed = parse("platform enginer kubernets terraform").root  # was: kubernets kept
    assert "<code>/edit 5 platform engineer kubernetes terraform</code>" in spelling_tip(
        typed, lambda word: True, "/edit 5"
    )
    seen = spelling_tip(root, lambda word: word == "senoir", "/search")
    assert "“senoir”: did you mean <b>senior</b>? <code>/search rsut title:senior" in seen
    assert spelling_tip(root, lambda word: False, "/search") == "", "every word is in some job"
    named = spelling_tip(parse("-jvaa company:acmee rust").root, lambda w: True, "/x")
    assert "did you mean" not in named, "not a word left out, nor a company's name"
    assert named.startswith("\nNo job I have read is from “acmee”. If Acmee is a company"), named


def test_a_name_no_job_has_gets_the_follow_that_reads_its_company() -> None:
    """ "/alert monzo" with no Monzo board read matches nothing, ever: the word no job has, and
    /follow, which looks for the company's board."""

    def unseen(word: str) -> bool:
        return word in ("monzo", "company:monzo", "adyen", "rsut")

    assert spelling_tip(parse("rust monzo").root, unseen, "/edit 1") == (
        "\nNo job I have read has the word “monzo”. If Monzo is a company, <code>/follow "
        "Monzo</code> looks for its job board, and its jobs then reach your alerts."
    )
    assert spelling_tip(parse("adyen").root, unseen, "/edit 1") == (
        "\nNo job I have read has the word “adyen”: did you mean <b>aden</b>? <code>/edit 1 "
        "aden</code>\nIf Adyen is a company instead, <code>/follow Adyen</code> looks for its "
        "job board, and its jobs then reach your alerts."
    ), "one letter off a place: the place, or the company"
    assert "/follow" not in spelling_tip(parse("rsut").root, unseen, "/edit 1"), "a tech's typo"
    assert "/follow" not in spelling_tip(parse("berlni").root, lambda w: True, "/x"), "swapped"
    assert "No job I have read is from “monzo”. If Monzo is a company, <code>/follow Monzo" in (
        spelling_tip(parse("rust company:monzo").root, unseen, "/search")
    )
    for query in (
        *("rust backend", "berlin", "100", "title:monzo", "rust -monzo", "company:acm*"),
        *("scala 90k", "go 120k eur", "rust 80.000"),  # amounts and currencies: no names
        # words a sentence joins with, no typos: "over" was read as a misspelled Tver
        *("rust paying over 100k", "data jobs over 80k in london", "go under 50k"),
        *(
            "sre",
            "k8s platform",
            "swe",
        ),  # other spellings of jobs' words: "sre" was "If Sre is a company"
    ):
        assert spelling_tip(parse(query).root, lambda w: True, "/x") == "", query
    assert spelling_tip(parse("n26").root, lambda w: True, "/x").endswith(
        "If N26 is a company, <code>/follow N26</code> looks for its job board, and its jobs "
        "then reach your alerts."
    )
