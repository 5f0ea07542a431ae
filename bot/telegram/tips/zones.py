"""Time zones people name for where they work from ("rust remote cet", "EU timezone",
"overlap with CET"), read as from: the zone or its region: the jobs they can take."""

from __future__ import annotations

import html
from collections.abc import Set as AbstractSet

from bot.geodata import TIME_ZONES
from bot.syntax import OPEN_TO, And, Field, Node, Phrase, Word, format_node
from bot.telegram.tips.tip import Tip, joined, word_of
from bot.telegram.tips.where import ZONE_TAIL, region_at

esc = html.escape


# Time zones people name for where they work from ("rust remote cet", "go cet +/- 2"): the
# region whose jobs they can take. Not "et", "pt", "ct": words and codes too.
_ZONE_REGIONS = {
    **dict.fromkeys(("cet", "cest", "eet", "eest", "wet", "west"), "europe"),
    **dict.fromkeys(("est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt"), "north america"),
    "ist": "india", "aest": "australia", "aedt": "australia", "awst": "australia",
    "nzst": "new zealand", "jst": "japan", "sgt": "singapore", "brt": "brazil",
}  # fmt: skip


def zone_at(terms: tuple[Node, ...] | list[Node], i: int) -> tuple[int, str] | None:
    """A time zone the filters read (`geodata.TIME_ZONES`: "cet", "pst") named by the words
    from `i` ("cet", "the cet timezone"), and how many words name it."""
    the = int(i < len(terms) and word_of(terms[i]) == "the")
    zone = word_of(terms[i + the]) if i + the < len(terms) else ""
    return (the + 1, zone) if zone in TIME_ZONES else None


_HOURS = frozenset({"timezone", "timezones", "tz", "hours"})  # after a zone or a region
_ONE = [[word] for word in _HOURS]  # one hours word, as a list of the words after a zone
_WE = frozenset({"with", "join", "contact", "email", "tell", "help", "about", "for", "to"})
_ADJECTIVES = {"european": "europe", "american": "north america"}


def hours_at(
    terms: tuple[Node, ...] | list[Node], i: int, lead: AbstractSet[str]
) -> tuple[int, Node] | None:
    """from: the zone or region whose hours the words from `i` name, and how many words: a
    zone after one of `lead` ("in the CET timezone", "in EST"), a zone or region before an
    hours word ("EU timezone", "CET hours", "within European time zones") or after "overlap
    with" ("overlap with CET"); "+/- 2 hours" after a zone goes with it."""
    token = word_of(terms[i])
    if token in lead and (zone := zone_at(terms, i + 1)) is not None:
        return _tail(terms, i + 1 + zone[0]) - i, Field(OPEN_TO, Word(zone[1]))
    after = word_of(terms[i + 1]) if i + 1 < len(terms) else ""
    if token == "overlap":
        j = i + 1 + (after == "with")
    else:
        j = i + (token in lead or token == "within") * (1 + (after in ("the", "a", "an")))
    if j >= len(terms):
        return None
    named = word_of(terms[j])
    if named in TIME_ZONES or named in _ADJECTIVES:
        n, place = 1, _ADJECTIVES.get(named, named)
        where: Word | Phrase = Word(place) if " " not in place else Phrase(tuple(place.split()))
    elif (region := region_at(terms, j)) is not None and not (
        named == "us" and j == i > 0 and word_of(terms[j - 1]) in _WE  # "work with us"
    ):
        n, where = region
    else:
        return None
    end = j + n
    words = [word_of(t) for t in terms[end : end + 2]]
    hours = 2 if words in (["time", "zone"], ["time", "zones"]) else int(words[:1] in _ONE)
    if not hours and token != "overlap" and not (j > i and named in TIME_ZONES):
        return None  # ("within CET": a zone after a word that leads to it needs no hours)
    end += hours
    return (_tail(terms, end) if named in TIME_ZONES else end) - i, Field(OPEN_TO, where)


def _tail(terms: tuple[Node, ...] | list[Node], end: int) -> int:
    """Where the words from `end` that go with a zone before them end ("+/- 2 hours")."""
    while end < len(terms) and ZONE_TAIL.fullmatch(word_of(terms[end])):
        end += 1
    return end


def zone_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When a time zone is a word of its own ("rust remote cet", "cet +/- 2"): it finds the
    word, which few jobs have; from: its region, offered (unless it would be the whole
    query), finds the jobs that can be taken from there ("Remote (CET +/- 2h)", "Remote -
    EMEA", "Berlin")."""
    terms = root.children if isinstance(root, And) else (root,)
    for i, term in enumerate(terms):
        region = _ZONE_REGIONS.get(term.token) if isinstance(term, Word) else None
        if region is None or any(isinstance(t, Field) and t.name == OPEN_TO for t in terms):
            continue
        end = i + 1
        while end < len(terms) and ZONE_TAIL.fullmatch(word_of(terms[end])):
            end += 1
        said = " ".join(format_node(t) for t in terms[i:end])
        rest = len(terms) > end - i  # the region alone would be almost every job there
        place: Node = Word(region) if " " not in region else Phrase(tuple(region.split()))
        return Tip(
            f"<b>{esc(said)}</b> finds the word{'s' * (end - i > 1)} in a job's text; "
            f"<code>{esc(format_node(Field(OPEN_TO, place)))}</code> finds the jobs you can "
            "take from there: in it, or remote and open to it.",
            "For those:",
            joined((*terms[:i], Field(OPEN_TO, place), *terms[end:])) if rest else None,
        )
    return None
