"""The excerpt of a hostile description costs about what an ordinary description of the same
size costs (the house's rule for every text path, as in tests/test_hostile_markup.py): no
pattern backtracks over a long text, and no step goes over the text once per line (the old
`sections` looked for each line's next one through every line after it: quadratic in lines).
CPU-time ratios, never wall-clock times (`tests.cputime`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot import excerpt_cues
from bot.excerpt import about_the_role
from bot.normalize.tree import MAX_DESCRIPTION
from tests import cputime

SIZE = MAX_DESCRIPTION  # the longest description a posting keeps
MAX_RATIO = 20
ORDINARY_UNIT = """About Acme

Acme builds software for bakeries in twelve countries. We are 80 people.

The role

As a Backend Engineer, you will build the ordering service in Go and own its uptime.

• Design the APIs with the mobile team
• Run the on-call rotation, one week in six

Requirements

• 4+ years of Go or Rust
• Kindness

Benefits

30 days of holiday, a learning budget and a bike.

"""


def _fill(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


HOSTILE: dict[str, str] = {
    "one-letter lines": _fill("a\n"),
    "blank-separated lines": _fill("a\n\n"),
    "one long line": _fill("word "),
    "one long line without spaces": _fill("x"),
    "hard-wrapped lines": _fill("x" * 60 + "\n\nlower case goes on "),
    "short headings": _fill("Role\n"),
    "question headings": _fill("Who is Acme?\n"),
    "questions": _fill("Are you ready? "),
    "pipes": _fill("Acme | "),
    "as a ... you": _fill("As a senior engineer at Acme "),
    "hiring without an end": _fill("we are seeking a great "),
    "sentences": _fill("We are seeking a. "),
    "company openings": _fill("At Acme, "),
    "decorations": _fill("🚀* "),
    "inline headings": _fill("About us: "),
    "fact lines": _fill("• Location: Remote\n"),
    "pay words": _fill("compensation range salary pay band "),
    "dots": _fill(". "),
    "colons": _fill(": "),
}


def _cold(text: str) -> Callable[[], object]:
    """One excerpt of `text` with the cue caches emptied first, as for a posting not seen."""

    def run() -> object:
        for cached in vars(excerpt_cues).values():
            if hasattr(cached, "cache_clear"):
                cached.cache_clear()
        return about_the_role(text, "Acme")

    return run


@pytest.mark.parametrize("kind", HOSTILE)
def test_the_excerpt_is_linear_on_hostile_text(kind: str) -> None:
    hostile, ordinary = HOSTILE[kind], _fill(ORDINARY_UNIT)
    assert cputime.ratio(_cold(hostile), _cold(ordinary)) < MAX_RATIO


def test_the_ordinary_text_gives_the_role() -> None:
    assert about_the_role(_fill(ORDINARY_UNIT), "Acme").startswith("As a Backend Engineer, you")
