"""Two ways of working, each in its place, said in one breath: "remote in Europe or hybrid in
Berlin" is remote work open to Europe, or a hybrid job in Berlin; "hybrid in Berlin or remote
in the EU" and "remote EU or Berlin hybrid" the same. Read word by word, the OR took the
nearest words ("europe OR hybrid") and the places filled the wrong filters. Pure; `sentence`
rewrites a text with it before reading it."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot import placenames
from bot.syntax import OPEN_TO, And, Attr, Field, Node, Or, Phrase, Word, format_node
from bot.telegram.tips.places import a_place
from bot.words import tokens

_WAY = r"(?P<how>hybrid|on-?site|in\s+(?:the\s+)?office)"
# A job's word after the way of working ("a remote role in Europe"); "here" before the town.
_JOB = r"(?:(?:roles?|jobs?|positions?|work|opportunit(?:y|ies))\s+)?"
_HERE = r"(?:(?:here|there)\s+)?"
_TO = rf"{_JOB}(?:(?:in|within|from|across)\s+)?(?:the\s+)?"
_AT = rf"{_JOB}{_HERE}(?:(?:in|near|at|from)\s+)?"
_OR = r"\s*,?\s+(?:or|oder|ou|o)\s+"  # ("remote in Europe, or hybrid …"; "ou", "o": or)
_NAME = r"[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*){0,2}?"
# "remote in Europe or hybrid in Berlin …", "remote EU or Berlin hybrid …"
_REMOTE_FIRST = re.compile(
    rf",?\s*\b(?:fully\s+)?remote\s+{_TO}(?P<region>{_NAME}){_OR}"
    rf"(?:{_WAY}\s+{_AT})?(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
# "hybrid in Berlin or remote in the EU …"
_REMOTE_LAST = re.compile(
    rf",?\s*\b{_WAY}\s+{_AT}(?P<town>{_NAME}){_OR}(?:fully\s+)?remote\s+{_TO}(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
# "in Munich, hybrid or remote in Germany": the way of working in the town named before it,
# said as "hybrid in Munich or remote in Germany" (the town's jobs, the country's remote ones).
_TOWN_FIRST = re.compile(
    rf"\bin\s+(?P<town>{_NAME})\s*,?\s+{_WAY}\s+(?=(?:or|oder|ou|o)\s+(?:fully\s+)?remote\s)",
    re.IGNORECASE,
)
# "Jobs in Berlin, Python oder Scala, hybrid oder remote in Deutschland": the same, with other
# words between the town and the way of working.
_TOWN_BEFORE = re.compile(
    rf"\bin\s+(?P<town>{_NAME})\s*,(?P<mid>[^.;!?]{{1,150}}?),\s*{_WAY}\s+"
    r"(?=(?:or|oder|ou|o)\s+(?:fully\s+)?remote\s)",
    re.IGNORECASE,
)
_HOW = {"hybrid": "hybrid"}  # on site, in the office: remote:no
_ENDS = ".,;:!?)"


def hybrid_spelled(text: str) -> str:
    """`text` with remote work open to a region, or another way of working in a town, as the
    query of both: "(remote:yes from:europe OR remote:hybrid location:berlin)"; as it was
    when it says no such thing."""
    text = _TOWN_BEFORE.sub(_town_later, _TOWN_FIRST.sub(_town_after, text))
    if (m := _REMOTE_FIRST.search(text)) and _region(" ".join(tokens(m["region"]))):
        town = _named(m["rest"], a_place)
        if town is not None and (how := m["how"] or _after(m["rest"], town[1])) is not None:
            said = _either(m["region"], town[0], how)
            return _joined(text[: m.start()], said, m["rest"][town[1] :], how, m["how"])
    if m := _REMOTE_LAST.search(text):
        region = _named(m["rest"], _region)
        if region is not None and a_place(" ".join(tokens(m["town"]))):
            said = _either(" ".join(region[0]), tokens(m["town"]), m["how"])
            return f"{text[: m.start()]} {said} {m['rest'][region[1] :]}" if said else text
    return text


def _town_after(m: re.Match[str]) -> str:
    """ "in Munich, hybrid " as "hybrid in Munich ", when Munich is a place."""
    return f"{m['how']} in {m['town']} " if a_place(" ".join(tokens(m["town"]))) else m[0]


def _town_later(m: re.Match[str]) -> str:
    """ "in Berlin, python, hybrid " as "python, hybrid in Berlin ", when Berlin is a place."""
    if not a_place(" ".join(tokens(m["town"]))):
        return m[0]
    return f"{m['mid']}, {m['how']} in {m['town']} "


def _joined(before: str, said: str, after: str, how: str, said_first: str | None) -> str:
    if not said:
        return before + after
    if not said_first:  # "Berlin hybrid": the way after the town
        after = re.sub(rf"^\s*{re.escape(how)}", "", after, flags=re.IGNORECASE)
    return f"{before} {said} {after}"


def _named(rest: str, test: Callable[[str], bool]) -> tuple[list[str], int] | None:
    """The place named by the first 3, 2 or 1 words of `rest` that `test` takes (up to a
    comma or a stop), and where its words end in `rest`."""
    for m in reversed(_first_words(rest)):
        end = len(rest[: m.end()].rstrip(_ENDS))
        words = tokens(rest[:end])
        if words and test(" ".join(words)):
            return words, end
    return None


def _first_words(rest: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    for m in re.finditer(r"\S+", rest):
        found.append(m)
        if len(found) == 3 or m[0][-1] in _ENDS:
            break
    return found


def _after(rest: str, end: int) -> str | None:
    """The way of working said after the town ("Berlin hybrid"), or None."""
    m = re.match(rf"\s*{_WAY}\b", rest[end:], re.IGNORECASE)
    return m["how"] if m else None


def _region(name: str) -> bool:
    return placenames.names_a_region(name) or name == "us"


def _either(region: str, town: list[str], how: str) -> str:
    """The query of remote work open to `region`, or work `how` in `town`."""
    open_to = _node(tokens(region))
    where = _node(town)
    if open_to is None or where is None:
        return ""
    way = _HOW.get(how.lower().replace(" ", ""), "no")
    remote = And((Attr("remote", "yes"), Field(OPEN_TO, open_to)))
    there = And((Attr("remote", way), Field("location", where)))
    return f"({format_node(Or((remote, there)))})"


def _node(words: list[str]) -> Node | None:
    if not words:
        return None
    return Word(words[0]) if len(words) == 1 else Phrase(tuple(words))
