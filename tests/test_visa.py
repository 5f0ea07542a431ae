"""bot/visa.py beyond the match cases: the sentence it quotes, and hostile descriptions."""

from __future__ import annotations

import pytest

from bot.index import Matcher
from bot.match import matches
from bot.models import Alert, Posting
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
    assert said in (None, "yes", "no", "maybe") and len(sentence) <= 2 * 400 + 10


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


# (the sentence, what it says): an offer to some, or perhaps, is "maybe", never "yes".
STANCES = [
    # Limited or hedged offers (audit: Catawiki 7310362, HN ResortPass 48868436).
    ("We are currently looking for talent already located in the Netherlands and can support "
     "visa applications for individuals based there.", "maybe"),
    ("Onsite | Full-time | $160k–$180k + Equity | Visa possible for exceptional candidates", "maybe"),
    ("We support visas for candidates already in the Netherlands.", "maybe"),
    ("Visa sponsorship possible for exceptional candidates.", "maybe"),
    ("We may be able to sponsor a visa for the right candidate.", "maybe"),
    ("We may be able to sponsor.", "maybe"),
    ("Visa sponsorship is considered on a case-by-case basis.", "maybe"),
    ("Sponsorship: case by case.", "maybe"),
    ("Sponsorship may be available for senior roles.", "maybe"),
    ("We offer visa sponsorship only for candidates in the EU.", "maybe"),
    ("Limited visa sponsorship available.", "maybe"),
    ("We do not sponsor visas except in exceptional cases.", "maybe"),
    ("Visa sponsorship is not guaranteed.", "maybe"),
    # Clear offers stay offers; "the right person" is whoever is hired.
    ("We sponsor visas.", "yes"),
    ("Visa sponsorship available.", "yes"),
    ("Visa possible for the right person", "yes"),
    ("We offer visa sponsorship and exceptional benefits.", "yes"),
    ("H-1B sponsorship available.", "yes"),
    # Refusals stay refusals; praise is no exception.
    ("We cannot sponsor visas.", "no"),
    ("We cannot sponsor visas, but we offer exceptional perks.", "no"),
    ("Candidates must be authorized to work in the US.", "no"),
    ("Only candidates with a valid work permit will be considered.", "no"),
    # Hedges about something else say nothing.
    ("Visa requirements may vary by country.", None),
    ("You may be asked for proof of work authorization.", None),
    ("We may sponsor your growth.", None),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "said"), STANCES, ids=[s[:40] for s, _ in STANCES])
def test_a_limited_or_hedged_offer_is_maybe(sentence: str, said: str | None) -> None:
    assert stance("Engineer", sentence)[0] == said


def test_maybe_outweighs_a_yes_or_a_no_elsewhere_and_quotes_its_sentence() -> None:
    """visa:yes must not promise what one sentence takes back; `/why` quotes that one."""
    assert stance("Engineer", "We sponsor visas. Sponsorship is decided case by case.") == (
        "maybe",
        "Sponsorship is decided case by case",
    )
    said = stance("Engineer", "We cannot sponsor visas. Visa possible for exceptional people!")
    assert said == ("maybe", "Visa possible for exceptional people")


def test_maybe_matches_neither_filter_and_passes_minus_visa_no() -> None:
    posting = Posting(
        "b:1", "b", "1", "Engineer", "Acme", "Amsterdam", "https://e.com/1",
        "We can support visa applications for candidates already based in the Netherlands.",
    )  # fmt: skip
    assert PostingView(posting).visa == "maybe"
    alerts = ["engineer visa:yes", "engineer visa:no", "engineer -visa:no", "engineer -visa:yes"]
    assert [matches(a, posting) for a in alerts] == [False, False, True, True]
    matcher = Matcher([Alert(i, i, q) for i, q in enumerate(alerts)])
    assert sorted(a.id for a in matcher.match(posting)) == [2, 3]
