"""What a job seeker asks to see no more of, said as what the jobs ask ("nothing asking for 5+
years", "no jobs that require US citizenship") or as levels alone ("no senior stuff", "no
staff or senior or lead", "no managers"): each was read as a new alert of filler words
("-asking years:<=5"), or not at all. `leaveout` turns what is found here into the exclusion
each alert's /edit adds. Pure."""

from __future__ import annotations

import re

from bot.syntax import Attr, Node, Not, Years
from bot.telegram.tips.words import LEVELS

_NO = (
    r"(?:please\s+)?(?:stop\s+(?:sending|showing|giving)(?:\s+me)?|never\s+send(?:\s+me)?|"
    r"no(?:thing)?|none|(?:i\s+)?(?:don'?t|dont|do\s+not)\s+(?:want|need|send"
    r"(?:\s+me)?)(?:\s+any(?:thing)?)?|(?:i'?m\s+|im\s+|i\s+am\s+)?not\s+interested\s+in"
    r"(?:\s+any(?:thing)?)?|skip|hide|exclude)"
)
_KIND = r"(?:\s+(?:more\s+)?(?:jobs?|roles?|positions?|postings?|ones|anything|openings?))?"
_ASKS = (
    r"(?:requir(?:e|es|ed|ing)|need(?:s|ing)?|ask(?:s|ing)?(?:\s+for)?|want(?:s|ing)?|"
    r"demand(?:s|ing)?|expect(?:s|ing)?)"
)
_ASKING = re.compile(
    rf"{_NO}{_KIND}\s+(?:(?:that|which|who)\s+)?{_ASKS}\s+(?:for\s+)?(?:an?\s+|any\s+)?"
    r"(?P<what>[^.!?]{1,60}?)(?:\s+(?:pls|please|thanks?|thx|ty))?[\s.!]*",
    re.IGNORECASE,
)
# "5+ years", "5 or more yrs of experience", "more than 5 years", "at least 5 years exp"
_YEARS = re.compile(
    r"(?P<more>more\s+than\s+|over\s+)?(?P<least>at\s+least\s+|min(?:imum)?\s+)?(?P<n>\d{1,2})"
    r"\s?(?P<plus>\+|\s+or\s+more)?\s?(?:years?|yrs?)(?P<plus2>\s+or\s+more)?"
    r"(?:\s+(?:of\s+)?(?:experience|exp|xp)(?:\s+or\s+more)?)?",
    re.IGNORECASE,
)
_STAY = " (those that state no years stay)"
# A job's level or the kind of role its title names: left out by the title.
TITLED = {
    **{w: w for w in LEVELS}, "lead": "lead", "leads": "lead", "manager": "manager",
    "managers": "manager", "director": "director", "directors": "director",
}  # fmt: skip
_LEVELS_ALONE = re.compile(
    r"(?:please\s+)?no\s+(?:more\s+)?(?P<what>[a-z][a-z ,/]{1,60}?)"
    r"(?:\s+(?:stuff|things|ones|roles?|jobs?|positions?|levels?|people|titles?))?"
    r"(?:\s+(?:please|pls|thanks?|thx))?[\s.!]*",
    re.IGNORECASE,
)
_ITEMS = re.compile(r"\s*(?:,|/|\b(?:or|and|nor)\b)\s*", re.IGNORECASE)


def asked_of_jobs(text: str) -> str | None:
    """What a text asks to see no more of, as the jobs ask for it ("nothing asking for 5+
    years pls": "5+ years"; "no jobs that require us citizenship": "us citizenship")."""
    said = _ASKING.fullmatch(" ".join(text.split()))
    return said["what"].strip() if said else None


# What a job asks for that only its own country's people have: the right to work there,
# which `bot.visa` reads as visa:no ("must be authorized to work in the US").
_RIGHT_TO_WORK = re.compile(
    r"\b(?:work(?:ing)?\s+(?:authori[sz]ation|permits?|visas?|rights?)|authori[sz]ation|"
    r"authori[sz]ed\s+to\s+work|right\s+to\s+work|visas?(?:\s+sponsorship)?|sponsorship)\b",
    re.IGNORECASE,
)
VISA_NO = (
    Not(Attr("visa", "no")),
    "that ask for the right to work there or sponsor no visa (“must be authorized to work in "
    "the US”)",
)
# "I can't work in the US, no visa", "I have no US work authorization", "no visa": of oneself.
_NO_RIGHT = re.compile(
    r"(?:(?:but|and|since|as)\s+)?(?:i\s+(?:can'?t|cannot|can\s+not|am\s+not\s+allowed\s+to|"
    r"(?:'?m|am)\s+not\s+(?:allowed|authori[sz]ed|eligible)\s+to)\s+work\s+(?:in|for)\s+"
    r"(?:the\s+)?[\w.]{2,20}(?:\s+[\w.]{2,20})?(?:\s*[,;.]?\s*|$))?"
    r"(?:(?:and\s+|i\s+)?(?:have\s+|'?ve\s+got\s+)?(?:no|don'?t\s+have\s+(?:an?\s+|any\s+)?)"
    r"\s*(?:us\s+|u\.s\.\s+|american\s+)?(?:work\s+)?(?:visa|permit|authori[sz]ation)s?)?"
    r"(?:\s+(?:there|either|sorry|please))?[\s.!]*",
    re.IGNORECASE,
)


def right_to_work(what: str) -> bool:
    """Whether what jobs ask for is the right to work ("us work authorization", "a visa")."""
    return _RIGHT_TO_WORK.search(what) is not None


def no_right_to_work(text: str) -> bool:
    """Whether `text` says only that its writer may not work somewhere ("I can't work in the
    US, no visa", "I have no US work authorization")."""
    said = " ".join(text.split())
    return bool(said.strip(" .!")) and _NO_RIGHT.fullmatch(said) is not None


def years_left_out(what: str) -> tuple[Node, str] | None:
    """ "5+ years (of experience)" as -years:>=5, the jobs that ask that many (those that
    state none stay), with them in words; None for other words."""
    said = _YEARS.fullmatch(what.strip())
    if said is None or not 0 < (n := int(said["n"])) <= 30:
        return None
    if said["more"]:  # "more than 5 years": 6 and up
        return Not(Years(">", n)), f"that ask more than {n} years of experience{_STAY}"
    return Not(Years(">=", n)), f"that ask {n} or more years of experience{_STAY}"


def levels_alone(text: str) -> str | None:
    """The levels or titled roles a "no …" text names alone ("no senior stuff": "senior";
    "no staff or senior or lead"), as typed; None for any other text."""
    said = _LEVELS_ALONE.fullmatch(" ".join(text.split()))
    if said is None:
        return None
    items = [i for i in _ITEMS.split(said["what"].lower()) if i]
    if not items or len(items) > 5 or not all(i.split()[-1] in TITLED for i in items):
        return None
    return said["what"] if all(len(i.split()) <= 2 for i in items) else None
