"""A job's title as a message shows it (`bot.render`): without the gender marker that German
and French boards add ("(m/w/d)", "(H/F)", "(all genders)", "m/w/d"), and without a place set
apart at its end that the location line beside it shows anyway ("Data Engineer - Berlin" above
"Berlin, Germany"; "Engineer (Remote)" above "United States (remote)"). A part the line does
not show stays ("Engineer (Remote)" above "Berlin"; "- UK Enterprise" above "London, United
Kingdom"). Display only: the stored title, what alerts match and a job's identity keep it.

A place is shown without a country code that repeats the country just before it (`shown_place`:
"Stockholm, Sweden, SE", as Teamtailor's feed writes it, is "Stockholm, Sweden"); display only.

A company that is only its board's name (a board whose postings name none) is written as a name
(`shown_company`: "elysium-health" is "Elysium Health"), and cut at one of two widths
(`company_cut`), so the job's message, a list's line, /saved, /why and a reply about the job
all name it alike; display only, muting compares either spelling alike.
"""

from __future__ import annotations

import functools
import re

import pycountry

from bot.wording import shorten
from bot.words import fold

_SEX = r"(?:m|w|f|h|d|x|i|nb|div(?:erse?|ers)?\.?)"  # male, weiblich, female, homme, divers…
_SEXES = rf"{_SEX}(?:\s?[/|,]\s?{_SEX}){{1,4}}"  # m/w/d, H/F, f / m / x
_GENDER = re.compile(
    rf"\s?[(\[]\s?{_SEXES}\s?[)\]]"  # (m/w/d), (H/F), [f/m/x]
    r"|\s?[(\[]\s?(?:all[- ]?genders?|gn\*?|gender[- ]?neutral|alle geschlechter)\s?[)\]]"
    r"|(?<![\w/])[mwfhdx]/[mwfhdx]/[mwfhdx](?![\w/])",  # m/w/d without brackets
    re.IGNORECASE,
)
_TWICE = re.compile(r"([-–—|/,])(?:\s{0,3}[-–—|/,]){1,3}(?=\s)")  # "A - - B" once the marker is out
_SET_APART = re.compile(r"\s{0,3}[(\[](?P<tail>[^()\[\]]{1,120})[)\]]\s{0,3}$")  # "… (Berlin)"
_DASHED = re.compile(r"\s{1,3}[-–—|]\s{1,3}(?P<tail>(?:(?!\s[-–—|]\s).){1,120})$")  # "… - Berlin"
_COMMA = re.compile(r",\s{1,3}(?P<tail>[^,]{1,120})$")  # "… , Berlin" when no dash sets one apart
_PIECES = re.compile(r"[;·,()/]|\s[-–—|]\s")  # the parts of a location line, or of a place
_NOT_WORD = re.compile(r"[\W_]+")
_MOST_CUTS = 3  # "Engineer - Berlin (Hybrid)": the place, then the workplace


def without_gender(title: str) -> str:
    """`title` without its gender marker ("Geowissenschaftler (m/w/d)": "Geowissenschaftler");
    the title as it stands when nothing else is left of it."""
    bare, found = _GENDER.subn("", title) if any(c in title for c in "/([") else (title, 0)
    if not found:
        return title
    bare = _TWICE.sub(r"\1", bare).strip(" -–—|/,")
    return " ".join(bare.split()) or title


def shown_title(title: str, where: str) -> str:
    """The title a message shows above the location line `where` ("Berlin, Germany (hybrid)"):
    without its gender marker, nor a trailing place (or workplace) that the line shows."""
    title = without_gender(title)
    shown = _shown(where)
    for _ in range(_MOST_CUTS if shown else 0):
        head = _cut(title, shown)
        if head is None:
            break
        title = head
    return title


def _cut(title: str, shown: frozenset[str]) -> str | None:
    """`title` without the part set apart at its end, when that part is a place in `shown`."""
    tails = [_SET_APART.search(title), _DASHED.search(title)]
    if tails[1] is None:
        tails.append(_COMMA.search(title))
    for found in tails:
        if found is None or not _is_shown(found["tail"], shown):
            continue
        head = title[: found.start()].rstrip(" -–—|,")
        if len(_key(head)) >= 3:
            return head
    return None


def _shown(where: str) -> frozenset[str]:
    """What a location line shows, each as a key: every place whole, and each of its parts
    ("Berlin, Germany (hybrid)": "berlin germany hybrid", "berlin germany", "berlin",
    "germany", "hybrid")."""
    places = [p for p in re.split(r"[;·]", where) if p.strip()]
    keys = {_key(p) for p in places}
    keys.update(_key(p.split("(")[0]) for p in places)
    keys.update(_key(part) for part in _PIECES.split(where))
    return frozenset(k for k in keys if k)


def _is_shown(tail: str, shown: frozenset[str]) -> bool:
    """Whether a title's tail ("Berlin, Germany", "Remote") is all in `shown`."""
    if _key(tail) in shown:
        return True
    parts = [key for p in _PIECES.split(tail) if (key := _key(p))]
    return bool(parts) and all(p in shown for p in parts)


def _key(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


_CODE_AT_END = re.compile(r",\s{0,3}([A-Z]{2})$")


def shown_place(location: str) -> str:
    """`location` without a country code that repeats the country named just before it
    ("Stockholm, Sweden, SE"), in each of its places ("…; Berlin, Germany, DE")."""
    if "," not in location:
        return location
    return "; ".join(_place(part) for part in location.split("; "))


@functools.lru_cache(maxsize=1024)
def _place(place: str) -> str:
    code = _CODE_AT_END.search(place)
    country = pycountry.countries.get(alpha_2=code[1]) if code else None
    if code is None or country is None:
        return place
    names = {_key(n) for n in (country.name, *(getattr(country, a, "") for a in _NAMES)) if n}
    head = place[: code.start()]
    return head if _key(head.rsplit(",", 1)[-1]) in names else place


_NAMES = ("common_name", "official_name")


ONE_JOB = 100  # characters of a company's name that a reply about one job shows (its message, /why)
LISTED = 60  # … that a line of a list shows (a digest, /search, /saved, /why's choices, notices)


def shown_company(company: str, board: str) -> str:
    """The company a message shows: `company` as the posting has it, but when it is only its
    board's name (a board whose postings name no company), a lower-case slug written as a name
    ("idealistconsulting": "Idealistconsulting"; "elysium-health" or "Elysium-health":
    "Elysium Health"). Display only: muting compares either spelling alike (case and a hyphen
    do not count in `bot.company.company_key`)."""
    name = company.strip()
    if name != board.strip() or " " in name or any(c.isupper() for c in name[1:]):
        return company  # the board's data, or a name as someone wrote it ("iOS-team")
    return " ".join(_capital(w) for w in name.split("-") if w) or company


def _capital(word: str) -> str:
    """`word` with its first letter a capital, when one letter stands for it ("ß" stays)."""
    first = word[0].upper()
    return first + word[1:] if len(first) == 1 else word


def company_cut(company: str, board: str, width: int = ONE_JOB) -> str:
    """The company as shown (`shown_company`), cut to `width` characters (`ONE_JOB`, `LISTED`)."""
    return shorten(shown_company(company, board), width)


def saved_company(company: str, posting_key: str, width: int = LISTED) -> str:
    """`company_cut` of a saved job, which keeps its posting's key, not its board: the key
    starts with the board's name (`bot.models.posting_key`)."""
    name = company.strip()
    board = name if name and posting_key.startswith(f"{name}:") else ""
    return company_cut(company, board, width)
