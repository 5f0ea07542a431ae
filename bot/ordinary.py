"""Words of everyday English, German, Spanish and Portuguese, from pyspellchecker's word lists
(each word with how often its corpus says it): a query's word that a small store's jobs do not
hold yet ("hire", "vagas", "remoto") is no typo of a place and no company's name.

A word seen fewer than `SEEN` times is left out: the lists' floor, 50, holds "eire", "graz"
and misspellings ("programer" 50, "hight" 72); every word sampled above 100 was a real one.
English words seen fewer than `EVERYDAY` times ("manger" 585, "deign" 587) are kept apart:
often a typo of a word of jobs ("manager"). Read once, on first use, or at start-up (`warm`).
"""

from __future__ import annotations

import functools
import gzip
import re
import threading
from collections.abc import Iterator
from importlib.resources import files

import spellchecker

from bot.words import fold

SEEN = 100
EVERYDAY = 1000  # English; a word of another language seen `SEEN` times is everyday
LANGUAGES = ("en", "de", "es", "pt")
# One entry of a list's JSON object, a line each ("hire": 51748): read line by line, not as
# one dict of all (pt has 416,782; read whole, the lists left the process 20 MB larger).
_ENTRY = re.compile(r'"([^"\\\n]{1,60})": ?(\d{1,12})\b')


def is_word(word: str) -> bool:
    """Whether `word` (folded, as a query's tokens are) is seen `SEEN` times in some list."""
    rare, everyday = _lists()
    return word in everyday or word in rare


def is_everyday(word: str) -> bool:
    """Whether `word` is seen `EVERYDAY` times in English, or `SEEN` times in another list:
    never anyone's typo ("hire", "grad", "remoto")."""
    return word in _lists()[1]


def warm() -> None:
    """Read the lists now (about a second), off the event loop, rather than in the first tip
    that asks (on a worker thread: the loop's thread still runs, but the reply waits)."""
    _lists()


_READING = threading.Lock()


@functools.cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    """The English words seen `SEEN` to `EVERYDAY` times and no more in another language, then
    every other word kept. A thread that asks while another reads them (a tip while `warm`
    runs at start) waits for that reading instead of making its own."""
    with _READING:
        return _kept()


@functools.cache
def _kept() -> tuple[frozenset[str], frozenset[str]]:
    rare: set[str] = set()
    everyday: set[str] = set()
    for language in LANGUAGES:
        for word, seen in _read(language):
            (rare if language == "en" and seen < EVERYDAY else everyday).add(word)
    return frozenset(rare - everyday), frozenset(everyday)


def _read(language: str) -> Iterator[tuple[str, int]]:
    """The words of one list seen `SEEN` times or more, folded, letters only ("a's" is not)."""
    packed = files(spellchecker).joinpath("resources").joinpath(f"{language}.json.gz")
    with packed.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            if (entry := _ENTRY.match(line)) is None:
                continue
            seen = int(entry[2])
            if seen >= SEEN and (word := fold(entry[1])).isalpha() and word.isascii():
                yield word, seen
