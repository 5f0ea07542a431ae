"""What each attribute filter of the alert language means for a posting, in one table.

For each name: how a posting's value is read, which readings each of its values matches, a
guess at how rare a match is (`bot.trie` anchors an alert on its rarest key) and how /why words
what the job states (`bot.why`). `bot.syntax` owns the language (the names and how each value
is written, `ATTRS`); this table owns what they mean, and `bot.view`, `bot.trie` and `bot.why`
read it. A name it lacks raises KeyError (`meaning`): nothing falls through to another filter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from bot.experience import asked
from bot.language import LANGUAGES, NAMES
from bot.models import Posting
from bot.salary import Yearly, posting_salary, yearly
from bot.visa import stance
from bot.wording import WORKPLACE, shorten


class Viewed(Protocol):
    """What an attribute is read from: a posting's view (`bot.view.PostingView`)."""

    @property
    def workplace(self) -> str | None: ...
    @property
    def employment_type(self) -> str | None: ...
    @property
    def salary(self) -> Yearly | None: ...
    @property
    def visa(self) -> str | None: ...
    @property
    def lang(self) -> str | None: ...
    @property
    def years(self) -> int | None: ...


class Fields:
    """A posting read for its attributes without tokenizing it (the reference evaluator's
    way, `bot.match`): its own fields, and the view `viewed` makes only for visa:, lang: and
    years:, which read its words."""

    __slots__ = ("_posting", "_view", "_viewed")

    def __init__(self, posting: Posting, viewed: Callable[[Posting], Viewed]):
        self._posting, self._viewed = posting, viewed
        self._view: Viewed | None = None

    def _words(self) -> Viewed:
        if self._view is None:
            self._view = self._viewed(self._posting)
        return self._view

    @property
    def workplace(self) -> str | None:
        return self._posting.workplace

    @property
    def employment_type(self) -> str | None:
        return self._posting.employment_type

    @property
    def salary(self) -> Yearly | None:
        return yearly(self._posting)

    @property
    def visa(self) -> str | None:
        return self._words().visa

    @property
    def lang(self) -> str | None:
        return self._words().lang

    @property
    def years(self) -> int | None:
        return self._words().years


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute filter: `read`, the value it looks at; `values`, the readings each of its
    values (as `bot.syntax.ATTRS` gives them) matches; `rarity`, a guess at the share of
    postings a value matches; `said`, what the job states, as /why words it ("is remote")."""

    read: Callable[[Viewed], str | None]
    values: Mapping[str, frozenset[str | None]]
    rarity: float
    said: Callable[[Posting, Viewed], str]


def pays(stated: str | None) -> str:
    """What a job states of its pay, for salary:none and salary:>=100k alike."""
    return f"pays {stated}" if stated else "states no salary"


def asks(phrase: str) -> str:
    """What a job asks of years of experience, for years:none and years:<=3 alike."""
    return f"asks “{shorten(phrase, 120)}”" if phrase else "asks no number of years"


_TYPES = {"full_time": "full-time", "part_time": "part-time", "intern": "an internship"}
_STATED = {"stated": frozenset({"stated"}), "none": frozenset({"none"})}


def _workplace(p: Posting, v: Viewed) -> str:
    return "is " + WORKPLACE.get(p.workplace or "", "not marked remote (counts as on-site)")


def _type(p: Posting, v: Viewed) -> str:
    kind = p.employment_type
    return "is " + _TYPES.get(kind or "", kind or "of no stated type")


def _visa(p: Posting, v: Viewed) -> str:
    sentence = stance(p.title, p.description)[1] if v.visa else ""
    return f"says “{shorten(sentence, 120)}”" if sentence else "says nothing clear of visas"


def _lang(p: Posting, v: Viewed) -> str:
    return (
        f"is written in {NAMES[v.lang]}" if v.lang else "is in no language I can tell (too short)"
    )


ATTRIBUTES: dict[str, Attribute] = {
    "remote": Attribute(
        read=lambda v: v.workplace,
        values={
            "yes": frozenset({"remote"}),
            "hybrid": frozenset({"hybrid"}),
            "no": frozenset({"onsite", None}),
        },
        rarity=0.5,
        said=_workplace,
    ),
    "type": Attribute(
        read=lambda v: v.employment_type,
        values={
            "full-time": frozenset({"full_time"}),
            "part-time": frozenset({"part_time"}),
            "contract": frozenset({"contract", "freelance", "temporary"}),
            "internship": frozenset({"intern"}),
        },
        rarity=0.5,
        said=_type,
    ),
    "salary": Attribute(  # salary:stated|none; an amount is a `Salary` node, not an attribute
        read=lambda v: "none" if v.salary is None else "stated",
        values=_STATED,
        rarity=0.5,
        said=lambda p, v: pays(posting_salary(p)),
    ),
    "visa": Attribute(
        read=lambda v: v.visa,
        values={"yes": frozenset({"yes"}), "no": frozenset({"no"})},
        rarity=0.05,  # few postings say anything of visas
        said=_visa,
    ),
    "lang": Attribute(
        read=lambda v: v.lang,
        values={code: frozenset({code}) for code in LANGUAGES},
        rarity=0.5,
        said=_lang,
    ),
    "years": Attribute(  # years:stated|none; a number is a `Years` node
        read=lambda v: "none" if v.years is None else "stated",
        values=_STATED,
        rarity=0.5,
        said=lambda p, v: asks(asked(p.title, p.description or "").phrase),
    ),
}


def meaning(name: str) -> Attribute:
    """The row of attribute filter `name`; KeyError when the table has none."""
    try:
        return ATTRIBUTES[name]
    except KeyError:
        raise KeyError(f"no attribute filter {name!r} in bot.attributes.ATTRIBUTES") from None
