"""A text that asks to follow companies, the verb first ("follow Zalando and N26", "follow
stripe"): the /follow of them, which follows each, and no /alert of its words ("follow" is
the request, not a word of a job). "follow up specialist", an address and a long text are left
to `asked`. Pure; `talk` asks it first."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from bot.telegram.commands import Command
from bot.words import fold

AT_ONCE = 10  # names one /follow takes; each looked up is a try of `FollowConfig.per_hour`
_AND = re.compile(r"\s*,\s*(?:(?:and|und|&)\s+)?|\s+(?:and|und|&)\s+", re.IGNORECASE)
# A first word that makes no company's name: "follow up", "follow the money", "follow or".
_NOT_A_NAME = frozenset({
    "up", "ups", "through", "along", "on", "me", "my", "the", "a", "an", "this", "that", "it",
    "these", "those", "alerts", "alert", "companies", "boards", "or", "and", "not",
})  # fmt: skip
_JOB_WORDS = frozenset({"job", "jobs", "role", "roles", "position", "positions"})


def follow_offer(words: list[str], commands: Mapping[str, Command]) -> str | None:
    """The /follow of the companies a text names after "follow", each up to 3 words ("follow
    Zalando and N26"); None for any other text."""
    if "follow" not in commands or len(words) < 2 or fold(words[0].strip(",.!:")) != "follow":
        return None
    rest = " ".join(words[1:]).strip(" .!?")
    names = names_said(rest)
    if not names or len(names) > AT_ONCE or "." in rest or "/" in rest:
        return None  # (an address: `asked` offers it)
    said = [fold(w) for name in names for w in name.split()]
    if any(len(name.split()) > 3 for name in names) or _JOB_WORDS.intersection(said):
        return None  # "follow remote rust jobs": keywords
    if any(fold(name.split()[0]) in _NOT_A_NAME for name in names):
        return None
    whose = "each company's jobs" if len(names) > 1 else "a company's jobs"
    return f"To follow {whose}: <code>/follow {html.escape(listed(names, rest))}</code>."


def names_said(said: str) -> list[str]:
    """The companies a list names ("Figma, Notion and Stripe": three), as typed."""
    return [name for name in _AND.split(said.strip(" .!?")) if name]


def listed(names: list[str], said: str) -> str:
    """The companies `said` names as /follow takes them: a list with commas with one between
    each ("Monzo, Revolut, Wise and N26" -> "Monzo, Revolut, Wise, N26": /follow reads "Wise
    and N26" as two only alone); else as said ("Zalando and N26")."""
    return ", ".join(n.strip() for n in names) if "," in said and len(names) > 1 else said
