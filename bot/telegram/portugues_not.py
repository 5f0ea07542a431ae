"""What a Portuguese or Spanish text leaves out or keeps to ("não quero vagas de cripto", "sem
vagas presenciais", "nada de web3", "sin cripto", "só vagas remotas"), said so that it is never
read as the opposite: a text that is only that is the English the bot's readers take ("no
cripto jobs", "no onsite jobs", "only remote jobs"); said beside a search, it is "sem …", which
the sentence reader leaves out ("vagas golang remotas, não quero cripto": "…, sem cripto").
Pure; `portugues` asks it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from bot.telegram.portugues_parts import english_terms, pt

_NOT = (
    r"(?:(?:eu\s+)?não\s+(?:quero|queria|desejo|aceito|curto|gosto\s+de)(?:\s+(?:receber|ver))?"
    r"|não\s+me\s+(?:mande|manda|envie|envia|mostre|mostra)|nada\s+de|nenhuma?|sem|exceto"
    r"|excepto|(?:yo\s+)?no\s+quiero(?:\s+(?:recibir|ver))?|sin|ningun[oa]?|nada\s+de)"
)
_ONLY = r"(?:só|somente|apenas|solamente|unicamente|solo|so)"
_NOUN = (
    r"(?:\s+(?:mais|más))?(?:\s+(?:as|os|las|los))?(?P<jobs>\s+(?:vagas?|trabalhos?|empregos?"
    r"|oportunidades?|ofertas?|posições|trabajos?|empleos?|vacantes?|trabalhar|trabajar))?"
)
_HOW = (
    r"(?:\s+(?P<req>que\s+(?:exigem|exijam|exige|pedem|peçam|pede|precisam\s+de|precisem\s+de"
    r"|requerem|requeiram|exigen|exijan|requieren|piden|pidan|necesitan))"
    r"|\s+(?P<at>em|na|nas|nos|en)|\s+(?:de|com|con|del|sobre|que\s+(?:sejam|são|sean)))?"
)
_WHAT = r"\s+(?P<what>[^,.;!?]{1,80}?)(?=\s*(?:[,.;!?]|\s(?:mas|porém|pero)\s|$))"
_NEGATED = pt(rf"(?<!\w){_NOT}{_NOUN}{_HOW}{_WHAT}")
_ONLY_SAID = pt(rf"(?<!\w){_ONLY}{_NOUN}{_HOW}{_WHAT}")
# "sem cripto e sem web3": two of them, apart ("e" before the second leaves it whole).
_AND_NOT = pt(r",?\s+(?:e|y)\s+(?=(?:sem|sin|nada\s+de|não|nenhuma?)\b)")
_APART = re.compile(r"[\s,;]*")
_PHRASE = re.compile(r"\b(?:work authorization|visa sponsorship|US citizenship)\b")


@dataclass(frozen=True)
class _Said:
    """One thing left out or kept to: its words as jobs write them, as said (its phrases
    only as jobs write them: "sem presenciais" is read in a sentence), and how it was said."""

    what: str
    said: str
    how: str  # "that require", "in" or ""

    def english(self, lead: str) -> str:
        """ "no cripto jobs", "no jobs that require US work authorization", "only remote
        jobs"."""
        if self.how:
            return f"{lead} jobs {self.how} {self.what}"
        return f"{lead} {self.what} jobs"


def _said(found: re.Match[str]) -> _Said:
    how = "that require" if found["req"] else "in" if found["at"] else ""
    what = english_terms(found["what"]).removesuffix(" jobs").removeprefix("jobs ")
    return _Said(what, english_terms(found["what"], words=False), how)


def _beside(found: re.Match[str], beside: str) -> str:
    """What `found` leaves out or keeps to, said beside a search: "sem" or "sin" as typed
    ("sin crypto": Spanish, whose "o" is "or"), else "sem" ("não quero cripto")."""
    lead = found[0].split(maxsplit=1)[0].lower()
    said = _said(found)
    if beside == "sem" and (
        lead in ("sin", "no", "ningun", "ninguna", "ninguno")
        or found[0].lower().startswith("excepto")
    ):
        beside = "sin"
    return _mid(said, beside)


def rewritten(text: str) -> tuple[str, bool]:
    """`text` with what it leaves out or keeps to said so that it is read so, and whether the
    text is that alone (then English: "no cripto jobs"); as it is, False, when it says none."""
    text = _AND_NOT.sub(", ", text)
    for pattern, lead, beside in ((_NEGATED, "no", "sem"), (_ONLY_SAID, "only", "only")):
        found = list(pattern.finditer(text))
        if not found:
            continue
        rest = pattern.sub("", text)
        said = [_said(f) for f in found]
        if _APART.fullmatch(rest) and len({s.how for s in said}) == 1:
            what = " or ".join(s.what for s in said)  # "sem cripto, sem web3": no cripto or web3
            return _Said(what, what, said[0].how).english(lead), True
        text = pattern.sub(partial(_beside, beside=beside), text)
    return text, False


def _mid(said: _Said, beside: str) -> str:
    """What is left out ("sem …") or kept to ("only …") beside a search; left out, quoted
    when a phrase ("sem "US work authorization"": not "us" left out and "work authorization"
    asked for)."""
    what = said.said
    if said.how == "in":
        return f"{beside} {'in ' if beside == 'only' else ''}{what}"
    if beside != "only" and _PHRASE.search(what) and '"' not in what:
        what = f'"{what}"'
    return f"{beside} {what}"
