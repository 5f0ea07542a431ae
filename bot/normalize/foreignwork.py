"""The workplace a posting states in Portuguese, Spanish, French or German, when the board's
fields, its location and the English readers (`workterms`) say none: a short part of its title
("Engenheiro Go (Remoto)", "Desarrollador - 100% Remoto", "Développeur (Télétravail)",
"Entwickler (Homeoffice)") or a statement in its text ("Vaga 100% remota", "Trabalho remoto
para todo o Brasil", "Modalidad: híbrida", "Vaga presencial" (on-site), "Poste en télétravail", "100% Homeoffice"), and
the English word in a text of theirs ("Vaga 100% remote", "Die Stelle ist remote"); an English
text costs a look for "remoto", "remota" and "presencial", no more.

A mention is no statement: "controle remoto" (a remote control), "acesso remoto", "auxílio
home office" (an allowance hybrid jobs pay too), "experiência com trabalho remoto", "esta vaga
não é remota". Like `workterms`, the text is read only around its first few cue words. Pure.
"""

from __future__ import annotations

import re

_TITLE_PARTS = re.compile(r"\s[-–—|:/]\s|,|[()\[\]]")
_PCT = r"100\s?%\s?"
_REMOTE = r"remot[oa]s?|teletrabajo|t[ée]l[ée]travail|homeoffice"
_HYBRID = r"h[ií]brid[oa]|hybride"
_ONSITE = r"presencial"  # "Vaga presencial", "Modalidad: presencial en CDMX"
_TITLE_ASIDE = re.compile(
    rf"^(?:(?:{_PCT}|totalmente\s|vaga\s|trabalho\s|trabajo\s)?(?P<k>{_REMOTE}|{_HYBRID}|{_ONSITE})"
    rf"|{_PCT}(?P<k2>home\soffice)|(?P<k3>home\soffice)\s{_PCT})(?:\s{_PCT})?$"
)

# Where a statement may be: a cue's place, found with str.find; read `_BEFORE` and `_AFTER`
# characters around the first `_LOOKS` of them. English words a cue finds ("remote", "hybrid",
# "home office", "distance") are a statement's only in a few places (`_may_state`); an English
# text (not `_foreign`) is looked through for "remot[oa]" alone.
_CUES = (
    *("emot", "resencial", "brid", "travail", "distance", "eletrabajo"),
    *("omeoffice", "ome office", "ome Office", "omeOffice"),
)
_EARLY = 500
_LOOKS = 20
_BEFORE, _AFTER = 70, 40
_SPACE = re.compile(r"[^\S\n]+")  # (a line's end ends a statement's sentence)
_KIND = rf"(?P<k>{_REMOTE}|{_HYBRID}|{_ONSITE}|remote|home\soffice|[àa]\sdistance|en\st[ée]l[ée]travail)"
_NOUN = (
    r"(?:vaga|trabalho|trabajo|posi[çc][ãa]o|posici[óo]n|puesto|cargo|oportunidade|oportunidad"
    r"|modelo|regime|formato|modalidade|modalidad|atua[çc][ãa]o|poste|travail|stelle|position)"
)
_ADVERB = r"totalmente|completamente|integralmente|enti[èe]rement|vollst[äa]ndig"
_HOW = rf"(?:(?:100\s?%|{_ADVERB})\s)?"
_LABEL = (
    r"(?:modelo|regime|formato|modalidade|modalidad|local|lugar|tipo|mode|lieu|arbeitsort"
    r"|arbeitsmodell)"
)
# Each starts with what it must (no `\b`), so the engine skips ahead to where one may start.
_STATED = (
    # "100% remoto", "100% Homeoffice", "100 % à distance", "100% remote"
    re.compile(rf"{_PCT}(?:em\s|en\s|de\s|im\s)?{_KIND}"),
    # "Modelo de trabalho: remoto", "Modalidad: híbrida", "Mode de travail : télétravail"
    re.compile(
        rf"{_LABEL}(?:\sde\s(?:trabalho|trabajo|travail|atua[çc][ãa]o))?\s?[:\-–]\s?{_HOW}{_KIND}"
    ),
    # "Vaga 100% remota", "Trabalho remoto para…", "Poste en télétravail": first in a sentence;
    # "A vaga é remota", "El puesto es 100% remoto", "Die Stelle ist remote"
    re.compile(rf"(?:^|[.!?:;•\n]\s?){_NOUN}\s{_HOW}(?:em\s|en\s)?{_KIND}"),
    re.compile(rf"{_NOUN}\s(?:é|es|est|ist)\s{_HOW}{_KIND}"),
    # "télétravail complet", "komplett im Homeoffice", "full remote"
    re.compile(
        r"(?P<k>t[ée]l[ée]travail)\s(?:complet|total|int[ée]gral)"
        r"|(?:komplett|vollst[äa]ndig|ausschlie(?:ß|ss)lich)\s(?:im\s)?(?P<k2>homeoffice|remote)"
        r"|full\s(?P<k3>remote|t[ée]l[ée]travail)"
    ),
)
_ENDS = re.compile(r"[\s.,;:!?()\[\]/–—-]|$")
# "remoto ou híbrido", "remote oder hybrid": either, which states neither
_EITHER = re.compile(
    r"\s?(?:e|ou|o|y|et|oder|und|or|and|/)\s?(?:100\s?%\s?|full\s|fully\s|totalmente\s)?"
    r"(?:remot|h[ií]brid|hybrid|presencial|t[ée]l[ée]"
    r"|home|[àa]\sdist|on-?\s?site|sur\ssite|vor\sort|im\sb[üu]ro)"
)
_OR_BEFORE = re.compile(
    r"(?:remot\w*|h[ií]brid\w*|hybrid\w*|on-?site|presencial)\s?(?:or|ou|o|y|et|oder|und|and|e|/)\s?$"
)
_NOT = re.compile(r"\b(?:n[ãa]o|no|pas|nicht|kein|keine|sem|sin|ni)\s(?:\S+\s)?$")
# The word before an English "remote" or "home office" where a statement may hold it: "100%",
# a label ("Modalidad:"), a noun ("Trabalho"), a verb ("ist"), "komplett im", "full".
_LED = re.compile(
    rf"\S*?(?:{_NOUN}|{_LABEL})[:\-–]?|\S*%|(?:é|es|est|ist|em|en|de|im|full|komplett"
    rf"|ausschlie(?:ß|ss)lich|{_ADVERB})"
)


def foreign_workplace(title: str, description: str | None) -> str | None:
    """'remote', 'hybrid' or 'onsite' when the title's short part or the text says so in Portuguese,
    Spanish, French or German; None when neither does, or the text states both."""
    return title_said(title) or text_said(description)


def title_said(title: str) -> str | None:
    """'remote' or 'hybrid' when a short part of `title` is the workplace: "(Remoto)",
    "- 100% Remota", "(Híbrido)", "(Télétravail)", "(Homeoffice)"."""
    lowered = title.lower()
    if not any(c in lowered for c in ("emot", "brid", "office", "travail", "trabajo", "resenc")):
        return None
    parts = _TITLE_PARTS.split(lowered)
    for part in parts if len(parts) > 1 else ():
        if m := _TITLE_ASIDE.match(" ".join(part.split())):
            return _kind(next(k for k in m.groups() if k))
    return None


def text_said(description: str | None) -> str | None:
    """'remote' or 'hybrid' when the text states it (`_STATED`, not negated); None when it
    states neither or both."""
    if not description:
        return None
    found: set[str] = set()
    for at in _places(description):
        start = max(0, at - _BEFORE)
        window = ("\n" if start == 0 else "") + description[start : at + _AFTER]
        text = _SPACE.sub(" ", window.lower())
        for pattern in _STATED:
            for m in pattern.finditer(text):
                end, begin = m.end(), m.start()
                either = _EITHER.match(text, end) or _OR_BEFORE.search(text, 0, begin)
                if _ENDS.match(text, end) and not either and not _NOT.search(text, 0, begin):
                    found.add(_kind(next(k for k in m.groups() if k)))
    return found.pop() if len(found) == 1 else None


def _kind(word: str) -> str:
    return "hybrid" if "brid" in word else "onsite" if word == "presencial" else "remote"


def _places(text: str) -> list[int]:
    """Where a cue is, in order: the first `_LOOKS` places a statement may be. In a text in
    none of the four languages (`_foreign`), only "remoto", "remota" and "presencial" are looked
    for."""
    foreign = _foreign(text)
    places: list[int] = []
    for cue in _CUES if foreign else _CUES[:2]:
        i, looked = text.find(cue), 0
        while i >= 0 and looked < 4 * _LOOKS:
            looked += 1
            if _may_state(text, cue, i, foreign):
                places.append(i)
            i = text.find(cue, i + len(cue))
    return sorted(places)[:_LOOKS]


def _foreign(text: str) -> bool:
    """Whether the text may be in Portuguese, Spanish, French or German: a letter of theirs
    ("não", "posición", "télétravail", "für"), or, written without one, a word of theirs early
    on. str.find of a letter costs a tenth of a word's."""
    if "ã" in text or "é" in text or "ó" in text or "í" in text or "ü" in text:
        return True
    early = text[:_EARLY]
    return " de " in early or " und " in early or " ist " in early


def _may_state(text: str, cue: str, at: int, foreign: bool) -> bool:
    """Whether the cue at `at` may be in a statement: "remoto", "híbrida", "hybride" may; an
    English "remote" or "home office" in a `foreign` text only after a word a statement puts
    before it (`_LED`), "distance" after "à"; "hybrid" and "emotion" never."""
    if cue in ("emot", "brid"):
        after = text[at + 4 : at + 5]
        if after in ("o", "a") or (cue == "brid" and after == "e"):
            return True
        return foreign and cue == "emot" and after == "e" and _led(text, at - 1)
    if cue == "distance":
        return text[max(0, at - 4) : at].split()[-1:] in (["à"], ["a"], ["À"], ["A"])
    if cue in ("ome office", "ome Office"):
        return _led(text, at - 1)
    return True  # "télétravail", "teletrabajo", "Homeoffice"


def _led(text: str, end: int) -> bool:
    """Whether the word before `end` (past a lone ":" or "-") is one `_LED` reads."""
    words = text[max(0, end - 40) : end].lower().split()
    if words and words[-1] in (":", "-", "–"):
        words.pop()
    return bool(words) and _LED.fullmatch(words[-1]) is not None
