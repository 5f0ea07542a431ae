"""bot/language.py beyond the match cases: its word lists stay apart."""

from __future__ import annotations

from itertools import combinations

from bot.language import LANGUAGES, NAMES
from bot.syntax import ATTRS


def test_no_word_counts_for_two_languages() -> None:
    shared = {
        (a, b): LANGUAGES[a] & LANGUAGES[b]
        for a, b in combinations(LANGUAGES, 2)
        if LANGUAGES[a] & LANGUAGES[b]
    }
    assert shared == {}


def test_every_language_has_a_name_that_lang_takes() -> None:
    assert set(NAMES) == set(LANGUAGES)
    assert all(ATTRS["lang"][name.lower()] == code for code, name in NAMES.items())
