"""How a job is held, read from its title and its text when the board's fields do not say:
its workplace ("Engineer (Remote)", "This is a hybrid role", "US - Remote Eligible") and its
employment type ("Rust Engineer (Contract)", "Contract Product Designer", "Software Intern").

A board's own field always wins (`bot.normalize` reads these only when it states nothing). A
mention is no statement: "Remote Sensing Engineer", "Contract Manager", "our hybrid cloud",
"this role is not remote". The text is read only around its first few workplace words, so a
long description costs what a short one does. Pure.
"""

from __future__ import annotations

import re

# --- the title ------------------------------------------------------------------------------

# A title's asides: its parts in brackets or after a dash, bar or comma ("Engineer (Remote)",
# "Engineer - Remote, US", "Remote - Engineer"). A short aside says how the job is held; the
# title proper says what it does ("Remote Sensing Engineer", "Contract Manager").
_TITLE_PARTS = re.compile(r"\s[-–—|:/]\s|,|[()\[\]]")
_WORKPLACE_ASIDE = re.compile(
    r"^(?:fully |100% |full |partially )?(remote|hybrid)(?: \w+)?$"
    r"|^(?!not |non |no )[a-z]{2,4} (remote|hybrid)$"  # a short place first: "NYC Hybrid"
)
_CONTRACT_ASIDE = re.compile(r"^(?:\S+ ){0,2}contract(?:or)?(?: \S+){0,2}$")  # "6 month contract"
_HELD_ASIDE = re.compile(r"^(?:contract(?:or)?|freelance|temp(?:[- ]to[- ](?:perm|hire))?)$")
_TITLE_KINDS = (
    (
        "intern",
        re.compile(  # (German: Werkstudent(in), Praktikum, Pflichtpraktikum, Praktikant)
            r"\b(?:intern|internship|werkstudent(?:in)?|working student|apprentice|\w*praktikum"
            r"|praktika|praktikant(?:in)?|stagiaire)\b"
        ),
    ),
    ("part_time", re.compile(r"\b(?:part[- ]?time|teilzeit)\b")),  # (German: Teilzeit)
    ("freelance", re.compile(r"\bfreelancer?\b")),
    ("temporary", re.compile(r"\b(?:temporary|fixed[- ]term)\b")),
)  # anywhere in a title: none of these words says what a job does
# "Contract Product Designer", "Temp Receptionist": the first word says how the job is held
# ("contract" only before a maker: before a role that deals in contracts it is the job:
# "Contract Manager", "Contract Analyst"); "Temp Staffing Recruiter" works for an agency.
_HELD_FIRST = re.compile(
    r"^(?:(?P<contract>contract(?:or)?)|temp) (?!(?:staffing|agency|services|management"
    r"|administration|compliance|review|negotiations?|pricing|closeout|sales|legal)\b)"
)
_MAKERS = re.compile(
    r"\b(?:designer|engineer|developer|programmer|(?:copy)?writer|editor|recruiter|sourcer"
    r"|illustrator|animator|artist|researcher|translator|tester|scientist|producer"
    r"|photographer|videographer|marketer|consultant|nurse|teacher|tutor|instructor)$"
)


# A co-op is Canada's internship, named so: "Co-op Software Developer", "Intern (Winter co-op)",
# "Software Developer (Co-op)", "Data Science Co-op Student", "Software Engineering Co-op"; not
# a housing or grocery co-op ("Housing Co-op Manager", "Co-op Coordinator"), nor the UK's Co-op.
_COOP = re.compile(
    r"\bco[- ]?op (?:students?|terms?|positions?|placements?)\b"
    r"|\b(?:fall|autumn|winter|spring|summer|20\d\d|\d{1,2}[- ]?months?) co[- ]?op\b"
    r"|\b(?:engineering|science|software|development|design|research|analytics|data|marketing"
    r"|finance|programming|developer|engineer|designer|analyst|it|ux|product|qa) co[- ]?op$"
)
# (the first word before a maker: "Co-op Software Developer"; not the UK's "Co-op Digital")
_COOP_FIRST = re.compile(r"^co[- ]?op (?!(?:digital|food|funeralcare|insurance|legal|group)\b)")


def _coop(lowered: str) -> bool:
    """Whether a title (lower-cased) names a co-op term: `_COOP` in one of its parts, a part
    that is the co-op alone ("(Co-op)"), or the co-op first before a maker or analyst."""
    parts = _parts(lowered) or [" ".join(lowered.split())]
    first = parts[0]
    if _COOP_FIRST.match(first) and (_MAKERS.search(first) or first.endswith("analyst")):
        return True
    return any(p in ("co-op", "coop", "co op") or _COOP.search(p) for p in parts)


def _parts(title: str) -> list[str]:
    """A title's parts (lower-cased, spaces made single) when it has several; else none."""
    parts = [" ".join(p.split()) for p in _TITLE_PARTS.split(title.lower())]
    parts = [p for p in parts if p]
    return parts if len(parts) > 1 else []


def title_workplace(title: str) -> str | None:
    """'remote' or 'hybrid' when a short part of the title says so ("Backend Engineer
    (Remote)", "Engineer - Fully Remote", "Remote, US", "Designer (NYC Hybrid)"); else None."""
    lowered = title.lower()
    if "remote" not in lowered and "hybrid" not in lowered:
        return None
    for part in _parts(lowered):
        if m := _WORKPLACE_ASIDE.match(part):
            return m[1] or m[2]
    return None


def title_employment(title: str) -> str | None:
    """The employment type a title names ("Software Engineering Intern", "Part-time
    Developer"; contract in a short part after the first: "Engineer (6 Month Contract)", or
    first before a maker: "Contract Product Designer"; "(Temp)" is temporary), or None."""
    lowered = title.lower()
    if ("co-op" in lowered or "coop" in lowered or "co op" in lowered) and _coop(lowered):
        return "intern"
    for name, pattern in _TITLE_KINDS:
        if pattern.search(lowered):
            return name
    if "contract" not in lowered and "temp" not in lowered:
        return None
    parts = _parts(lowered) or [" ".join(lowered.split())]
    for i, part in enumerate(parts if len(parts) > 1 else []):
        if (i and _CONTRACT_ASIDE.match(part)) or _HELD_ASIDE.match(part):
            return "contract" if "contract" in part else "temporary"
    if first := _HELD_FIRST.match(parts[0]):
        if not first["contract"]:
            return "temporary"
        return "contract" if _MAKERS.search(parts[0]) else None
    return None


# --- the text -------------------------------------------------------------------------------

# Where a statement may be: its workplace word's ending, found with str.find (cheap over a
# whole description, unlike a regex or `lower()`; a word in capitals is missed); the text
# around the first `_LOOKS` is read, and only when a statement's other words may be there.
_ENDINGS = ("emote", "ybrid")
_LOOKS = 20
_BEFORE, _AFTER = 90, 50
_SPACE = re.compile(r"\s+")
_KIND = r"(?P<k{}>hybrid(?:[\s-]remote)?|remote)"  # "Hybrid remote in New York" is hybrid
_HOW = r"(?:(?:fully|100%|entirely|completely|primarily)\s)?"
_SO = r"(?:[\s-](?:eligible|friendly|first|based))?"  # "remote-eligible", "remote-first"
_LABEL = (
    r"(?:workplace(?:\stype)?|work\s?place|work\s(?:location|arrangement|model|setting|mode"
    r"|style|type|environment)|location(?:\stype)?|job\s(?:location|type|setting)"
    r"|role\s(?:type|location)|remote\s(?:status|type|policy)|workplace\s(?:status|policy))"
)
_ROLE = r"(?:role|position|job|opportunity)"
# Its word is the statement's last, or a place, a role word or a schedule follows; never "or
# remote" ("Work location: Hybrid or Remote" states neither), nor a noun ("hybrid cloud").
_ENDS = (
    r"(?!\s?(?:or|and|/|&)\s?(?:fully\s)?(?:remote|hybrid|on-?\s?site|in[\s-]office))"
    r"(?=\s?$|\s?[.,;:!()\[\]/–—-]|\s(?:in|at|with|from|within|across|for|role|position|job"
    r"|opportunity|\d)\b)"
)
# Each statement's pattern starts with a letter, not `\b`, so the regex engine skips ahead to
# where one may start (the word's start is checked after); three patterns cost less than one.
_STATED = (
    # "Work Location: Hybrid", "Location: New York, NY (Hybrid)"
    re.compile(
        rf"{_LABEL}\s?(?:[:\-–—]\s?{_HOW}|:[^.:;()]{{1,60}}?(?:\(|\s[-–—|]\s|,\s))"
        rf"{_KIND.format(1)}{_SO}{_ENDS}"
    ),
    # "This is a hybrid role", "This role is fully remote", "The job is open to remote"
    re.compile(
        rf"this\sis\san?\s{_HOW}{_KIND.format(1)}{_SO}[\s-]{_ROLE}\b"
        rf"|it\sis\san?\s{_HOW}{_KIND.format(2)}{_SO}[\s-]{_ROLE}\b"
        rf"|th(?:is|e)\s{_ROLE}\s(?:is|will\sbe|can\sbe)\s{_HOW}{_KIND.format(3)}{_SO}{_ENDS}"
        rf"|th(?:is|e)\s{_ROLE}\sis\s(?:eligible|open)\s(?:for|to)\s(?P<k4>remote)\b"
        rf"|th(?:is|e)\s{_ROLE}\scan\sbe\s(?:based|worked|done)\s(?P<k5>remote)ly\b"
    ),
    # "US - Remote Eligible", "remote-friendly within the US"; not "not remote eligible"
    re.compile(
        r"(?P<k1>remote)(?<!not\sremote)(?<!non-remote)(?<!non\sremote)[\s-]"
        r"(?:eligible\b|friendly\s(?:within|across|throughout|anywhere\sin)\b)"
    ),
)


def text_workplace(description: str | None) -> str | None:
    """'remote' or 'hybrid' when a posting's text states it ("This role is hybrid", "Work
    location: Hybrid", "This is a fully remote position", "US - Remote Eligible"); None when
    it states neither, or both."""
    if not description:
        return None
    found: set[str] = set()
    for at in _places(description):
        start = max(0, at - _BEFORE)
        if _may_state(description[start:at], description[at : at + 15]):
            found.update(_stated(description[start : at + _AFTER], at + _AFTER < len(description)))
    return found.pop() if len(found) == 1 else None


def _stated(text: str, cut: bool) -> set[str]:
    """The workplaces `text` states; when it is `cut` from a longer one, not a statement at
    its very end, which may go on past it ("… is remote| sensing")."""
    window = _SPACE.sub(" ", text.lower())
    end = len(window) - 20 if cut else len(window)
    said = set()
    for pattern in _STATED:
        for m in pattern.finditer(window):
            if m.end() <= end and (m.start() == 0 or not window[m.start() - 1].isalnum()):
                said.add("hybrid" if m[m.lastgroup or 0].startswith("hybrid") else "remote")
    return said


def _may_state(before: str, after: str) -> bool:
    """Whether the words around a workplace word may make a statement: a label's colon or
    dash, a verb ("is", "be"), or "eligible" or "friendly" after it. Most mentions have none,
    and these few finds cost less than a regex."""
    return (
        ":" in before
        or " is " in before[-40:]
        or " be " in before[-40:]
        or before[:-1].rstrip()[-1:] in ("-", "–", "—")
        or "ligible" in after
        or "riendly" in after
    )


def _places(text: str) -> list[int]:
    """Where a workplace word ends, in order: the first `_LOOKS` places."""
    places: list[int] = []
    for ending in _ENDINGS:
        i = text.find(ending)
        while i >= 0 and len(places) < 4 * _LOOKS:
            places.append(i)
            i = text.find(ending, i + len(ending))
    return sorted(places)[:_LOOKS]
