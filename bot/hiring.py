"""Where a job hires, as its description states it when its location names no place ("Remote",
or none): "We hire in Brazil, Argentina and Colombia as contractors via Deel", "open to
candidates based in LATAM", "You must be located in the US", "Location: Remote (LATAM)".

Ingest (`bot.normalize`) adds what it reads as one more of the posting's places, "hires in
Brazil, Argentina and Colombia", so the location shown and matched is "Remote; hires in
Brazil, Argentina and Colombia": `from:brazil` finds it as it finds "Remote - Brazil", and
keeps out "Remote; hires in the US". The board's own location stays the job's identity
(`placelist.board_location`), and /why says where the places came from (`said`).

A location names no place when nothing is left of it but words such as "Remote", "Remoto",
"Fully", "100%" or "Full-time" (`names_no_place`); "Anywhere", "Worldwide" and "Global" name
the world, and a job open worldwide is not narrowed by its text. Only then is the text read.

A statement, not a mention: "our customers in Brazil", "we don't hire in California", "offices
in Brazil" say nothing of whom the job is for; only countries and regions count ("must be
located in São Paulo" is read as nothing), told by `bot.countrynames`, never the gazetteer:
ingest also runs in the small reader process (`bot.reading`), which must not build it. The
text is read only around its first few cue words, so a long description costs what a short
one does. Pure.
"""

from __future__ import annotations

import re

from bot.countrynames import names_countries
from bot.placelist import with_places
from bot.words import fold

HIRES = "hires in "  # the place ingest adds: "hires in Brazil"

_PEOPLE = (
    r"(?:(?:remote|qualified|talented)\s)?(?:candidates|applicants|people|residents|anyone"
    r"|engineers|developers|talent|professionals|individuals|those|employees|contractors"
    r"|team\smembers|folks)\s"
)
_WHERE = r"(?:(?:who\sare\s)?(?:currently\s)?(?:based|located|living|residing)\s)?"
# Each statement read where its first word starts (`_STARTS`), up to the first place's name.
# "We hire in Brazil", "hiring engineers based in LATAM", "we can only employ in the EU"
_HIRE = re.compile(
    r"(?i:hire|hiring|hires|employ|recruit|recruiting)\s(?:(?:only|exclusively|remotely)\s)?"
    rf"(?:{_PEOPLE})?{_WHERE}(?:only\s)?(?:in|from|across|throughout|within)\s"
)
# "open to candidates based in LATAM", "open only to residents of Canada"
_OPEN = re.compile(
    rf"(?i:open)\s(?:only\s)?to\s{_PEOPLE}{_WHERE}(?:in|from|across|throughout|within|of)\s"
)
# "You must be located in Brazil", "candidates must reside in the US", "must be in the US"
_MUST = re.compile(
    r"(?i:must|should|need\sto|required\sto|have\sto)\s(?:currently\s)?(?:be\s)?"
    r"(?:(?:physically|legally|currently)\s)?(?:based|located|living|residing|reside|live"
    r"|a\sresident)\s(?:in|within|of)\s"
    r"|(?i:must|need\sto)\s(?:currently\s)?be\s(?:physically\s)?in\s"
)
# "Only candidates based in Brazil will be considered"
_ONLY = re.compile(rf"(?i:only)\s{_PEOPLE}(?:based|located|living|residing)\s(?:in|within)\s")
# "Location: Remote (LATAM)", "Location: Brazil", a line of its own
_LABEL = re.compile(
    r"(?<![^\n])(?i:locations?)\s?:\s?"
    r"(?:(?i:fully\s|100%\s)?(?i:remote)\s?(?:[-–—,(]\s?|in\s)?)?"
)
# Portuguese and Spanish: "Contratamos em todo o Brasil", "vaga aberta para todo o Brasil",
# "abierta a candidatos en LATAM", "para pessoas residentes no Brasil", "debe residir en México"
_LATIN = re.compile(
    r"(?i:contratamos|contratando|aberta|abierta|residentes|residir)\s"
    r"(?:(?i:a|para|pessoas|personas|candidat[oa]s|profissionais|profesionales|somente|solo"
    r"|apenas)\s){0,3}(?i:em|en|no|na|nos|de|do|desde)?\s?(?i:tod[oa]\s(?:(?:o|a|el|la)\s)?)?"
)
# Where a statement may be: a cue found with str.find (cheap over a long text), and the
# statement that starts with the word it is in.
_STARTS = (
    *((cue, _HIRE) for cue in ("hir", "Hir", "ecruit", "mploy")),
    ("pen ", _OPEN),
    *((cue, _MUST) for cue in ("ust ", "hould ", "eed to", "equired to", "ave to")),
    ("nly ", _ONLY),
    ("ocation", _LABEL),
    *((cue, _LATIN) for cue in ("esidentes ", "esidir ")),
    *((cue, _LATIN) for cue in ("ontratamos ", "ontratando ", "berta ", "bierta ")),
)
_LOOKS, _EACH = 40, 8  # places read at most, of each cue at most
# "US-based only", "LATAM-based candidates only"; not "a US-based company"
_BASED_ONLY = re.compile(
    r"(?<![\w.-])((?:the\s)?[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})-based\s"
    r"(?:(?:candidates|applicants|people|residents|talent)\s)?only\b"
)
_NOT = re.compile(  # "not", "não" a few words before; Spanish "no" just before ("No contratamos")
    r"(?i:\bnot|n't|\bnever|\bunable\sto|\bcannot|\bno\slonger|\bn[ãa]o)\s(?:\S+\s){0,3}$"
    r"|(?i:\bno)\s$"
)
_ITEM = re.compile(r"(?:the\s)?[A-Z][\w.'’-]*(?:\s(?:of\s)?[A-Z][\w.'’-]*){0,3}")
_BETWEEN = re.compile(r"\s?(?:,\s?(?:and\s|or\s|&\s)?|/\s?|(?:and|or|&|y|e|ou)\s)")
# "Latin America (excluding Brazil)": kept with the places before it (`bot.placecuts`)
_SAVE = re.compile(
    r"\s?\((?i:excluding|except|excl\.?|no|not|outside|exceto|excepto|excluindo|sem|sin)\s"
    r"[^()\n]{2,40}\)"
)
_US = re.compile(r"\bU\.S\.(?:A\.)?")
# The words of a location that name no place: "Remote", "Fully Remote", "100% Remoto", "Work
# from Home", "Remote, Full-time". Not "Anywhere", "Worldwide", "Global": the whole world.
_NO_PLACE = {
    *("remote", "remotely", "remoto", "remota", "fully", "100", "wfh", "homeoffice"),
    *("work", "working", "from", "home", "full", "part", "time", "only", "first", "friendly"),
    *("telecommute", "telework", "teletrabajo", "teletravail", "distributed", "virtual"),
    "flexible",
}
_WORD = re.compile(r"[^\W_]+")


def hiring_places(
    location: str, places: tuple[str, ...], description: str | None
) -> tuple[str, tuple[str, ...]]:
    """`location` and `places` with where the description says the job hires ("hires in
    Brazil"), when the location names no place; else both as they are."""
    if not description or not names_no_place(location):
        return location, places
    found = hires_in(description)
    if found is None:
        return location, places
    places = (*places, HIRES + found)
    return with_places(location, places), places


def hires_in(description: str) -> str | None:
    """The countries and regions the first statement of whom a job hires names, as written
    ("Brazil, Argentina and Colombia", "the US"), with those a negated one names left out
    ("LATAM (excluding Brazil)" of "We hire in LATAM. We cannot hire in Brazil"); None when
    there is none."""
    found: str | None = None
    left_out: str | None = None
    for at, statement in _places(description):
        if statement is _BASED_ONLY:
            m = statement.search(description, max(0, at - 40), at + 40)
            if found is None and m and names_countries(based := _US.sub("US", m[1])):
                found = based
            continue
        m = statement.match(description, _word_start(description, at))
        if m is None or (name := _named_at(description, m.end())) is None:
            continue
        if _NOT.search(description, max(0, m.start() - 40), m.start()):
            left_out = left_out or name
        elif found is None:
            found = name
        if found and left_out:
            break
    if found and left_out and left_out not in found:
        return f"{found} (excluding {left_out})"
    return found


def names_no_place(location: str) -> bool:
    """Whether `location` names no place: empty, or only words such as "Remote" ("Fully
    Remote", "Remoto", "Remote, Full-time"); not "Remote - Anywhere", "Worldwide" or "Remote
    (Global)", open to the whole world."""
    return all(word in _NO_PLACE for word in _WORD.findall(fold(location)))


def said(location: str) -> str | None:
    """Where a location says the description says the job hires ("Brazil" of "Remote; hires
    in Brazil"), for /why; None when it says nothing of it."""
    for part in location.split("; "):
        if part.startswith(HIRES):
            return part[len(HIRES) :]
    return None


def _named_at(text: str, at: int) -> str | None:
    """The countries and regions named one after another at `at` ("Brazil, Argentina and
    Colombia as contractors": the first three), US written "US"; None when none is."""
    end = pos = at
    for _ in range(12):
        item = _ITEM.match(text, pos)
        name = _sentence(item[0]) if item else ""  # "the Philippines. For this role": its end
        if not name or not names_countries(_US.sub("US", name)):
            break
        end = pos + len(name)
        between = _BETWEEN.match(text, end)
        if between is None:
            break
        pos = between.end()
    if end > at and (save := _SAVE.match(text, end)):
        end = save.end()
    return _US.sub("US", text[at:end]).rstrip(".") if end > at else None


def _sentence(item: str) -> str:
    """`item` up to the end of its sentence, the dot kept: "the Philippines." of "the
    Philippines. For", "the U.S." of "the U.S. Candidates"."""
    end = item.find(". ")
    return item if end < 0 else item[: end + 1]


def _word_start(text: str, at: int) -> int:
    """Where the word that `at` is in starts ("hir" of "We hire": at "hire")."""
    start = at
    while start > 0 and at - start < 12 and text[start - 1].isalpha():
        start -= 1
    return start


def _places(text: str) -> list[tuple[int, re.Pattern[str]]]:
    """Where a cue is, with the statement it may start, in order: the first `_LOOKS` of the
    first `_EACH` of each cue."""
    places: list[tuple[int, re.Pattern[str]]] = []
    for cue, statement in (*_STARTS, ("-based", _BASED_ONLY)):
        i, n = text.find(cue), 0
        while i >= 0 and n < _EACH:
            places.append((i, statement))
            i, n = text.find(cue, i + len(cue)), n + 1
    places.sort(key=lambda place: place[0])
    return places[:_LOOKS]
