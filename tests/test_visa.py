"""bot/visa.py beyond the match cases: the sentence it quotes, and hostile descriptions."""

from __future__ import annotations

import pytest

from bot.models import Posting
from bot.view import PostingView
from bot.visa import SENTENCES, stance


def test_the_sentence_is_quoted_as_written_and_a_far_one_is_still_found() -> None:
    filler = "Build the ledger in Rust. " * 3800  # ~99 KB with no word about visas
    assert stance("Engineer", filler + "Sadly, we can’t sponsor a Visa.") == (
        "no",
        "Sadly, we can’t sponsor a Visa",
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "visa. " * 16_000,  # 16,000 sentences about visas
        "visa " * 20_000,  # one sentence of 100 KB
        "x" * 99_000 + " we cannot sponsor visas",
        "•sponsor•" * 11_000,
    ],
)
def test_a_hostile_description_reads_only_its_first_sentences(hostile: str) -> None:
    said, sentence = stance("Engineer", hostile[:100_000])
    assert said in (None, "yes", "no") and len(sentence) <= 2 * 400 + 10


def test_only_the_first_sentences_about_visas_count() -> None:
    """The first `SENTENCES` that name visas decide: an offer after as many silent ones is
    not read (no posting says it that late; a hostile one must not cost more)."""
    silent = "Visa card payments are our domain. " * SENTENCES
    assert stance("Engineer", silent + "We sponsor visas.")[0] is None
    assert stance("Engineer", "We sponsor visas. " + silent)[0] == "yes"


SAYS = [
    "We sponsor visas.",
    "Blue Card support available.",
    "H1B transfers welcome.",
    "You need the right to live and work in the UK; we cannot help.",
    "Must be legally able to work in Canada.",
    "Work permit required.",
    "Candidates must be eligible to work in the EU.",
    "Unfortunately we can’t offer sponsorship.",
    "Immigration support is included.",
    "Relocation and visa assistance provided.",
]


@pytest.mark.parametrize("sentence", SAYS)
def test_every_posting_that_says_something_is_read(sentence: str) -> None:
    """A posting's view reads only a posting `cued` finds words in: whatever `stance` can
    hear, `cued` must let through, or the evaluators would disagree."""
    posting = Posting("b:1", "b", "1", "Engineer", "Acme", "Berlin", "https://e.com/1", sentence)
    assert stance(posting.title, posting.description)[0] is not None, sentence
    assert PostingView(posting).visa == stance(posting.title, posting.description)[0]
