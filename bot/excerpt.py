"""The part of a job description that says what the role is, for a message's short excerpt.

Descriptions (from `bot.normalize`) are plain text: blank-line paragraphs, "• " bullets, and
headings as short lines of their own ("The role", "What you'll do:") or as the start of a line
("Benefits: ..."). Many open with the company's "About us"; a reader wants the role. So the
text is cut into sections by heading and the excerpt comes from the first section about the
role that says something (a board may cut one off: "We are seeking a"); failing that, the first
one that is not company boilerplate (about us, mission, values, benefits, equal opportunity);
failing that, the opening.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROLE = re.compile(
    r"^(?:the |this |your |about (?:the |this )?|in this |job |role )?"
    r"(?:role|position|job|opportunity|mission|challenge|responsibilities|duties|impact)\b"
    r"|^(?:key |main |core |your )?(?:responsibilities|duties|tasks)\b"
    r"|^what (?:you(?:'|’)?ll|you will|you(?:'|’)?d|you would|you(?:'|’)?re going to) "
    r"(?:do|be doing|work on|own|build)\b"
    r"|^(?:job|role|position) (?:description|summary|overview)\b"
    r"|^(?:overview of the|summary of the) (?:role|position)\b"
    r"|^day[ -]to[ -]day\b"
    r"|^as (?:an?|our|the) [^,]{2,60},? you(?: will|(?:'|’)ll)\b",  # As a Data Scientist, you will:
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(?:about (?!(?:the |this |our )?(?:role|job|position|opportunity|you|team)\b)"
    r"|who we are|our (?:mission|story|values|culture|company|team|vision|benefits|perks)"
    r"|why (?:join|work|you(?:'|’)?ll love)|benefits|perks|what we offer|we offer"
    r"|(?:equal|eeo)|diversity|life at|working at|company (?:description|overview)"
    r"|compensation and benefits|our commitment|accommodations?\b|privacy)",
    re.IGNORECASE,
)
_COMPANY_OPENING = re.compile(
    r"^(?:at \w|we are |we're |founded in |since \d{4}|our (?:mission|company|team) )",
    re.IGNORECASE,
)
# A posting's facts set out as headings ("Job Title: …", "Position Type: Full-Time"): no
# section about the role, nor one that says something of it.
_FACT = re.compile(
    r"^(?:job|role|position)\s+(?:title|type|location|id|no|number|category|level|code|ref"
    r"|reference|date|status|family|grade)\b",
    re.IGNORECASE,
)
_INLINE = re.compile(r"^([^:•.!?]{3,40}):\s+(\S.*)$")
# A heading run into its text with a full stop ("Job Description. Mars Birdcare is..."):
# only a short one, so that a sentence ("The job is remote. You...") stays a sentence.
_INLINE_STOP = re.compile(r"^([^\s:•.!?]{1,20}(?: [^\s:•.!?]{1,20}){0,2})\.\s+(\S.*)$")
_SENTENCE_END = (".", "!", "?", "…", ";", ",")


@dataclass(frozen=True, slots=True)
class Section:
    heading: str  # "" for the text before the first heading
    lines: tuple[str, ...]  # "" between paragraphs

    @property
    def kind(self) -> str:
        """'role', 'boilerplate', 'fact' or 'other'."""
        name = self.heading.strip(" :–-").strip()
        if _FACT.match(name):
            return "fact"
        if _ROLE.match(name):
            return "role"
        return "boilerplate" if _BOILERPLATE.match(name) else "other"


def _is_heading(line: str, following: str | None) -> bool:
    """A short line that is not a sentence or a bullet, with text after it."""
    if line.startswith("•") or len(line) > 60 or len(line.split()) > 8:
        return False
    if line.endswith(":"):
        return True
    return following is not None and not line.endswith(_SENTENCE_END)


def sections(text: str) -> list[Section]:
    """The description cut at its headings; paragraphs kept apart by one ""."""
    lines = [" ".join(x.split()) for x in text.splitlines()]
    out: list[Section] = []
    heading, body = "", list[str]()
    for i, line in enumerate(lines):
        following = next((x for x in lines[i + 1 :] if x), None)
        if not line:
            if body and body[-1]:
                body.append("")
            continue
        inline = _INLINE.match(line) or _INLINE_STOP.match(line)
        kind = Section(inline[1], ()).kind if inline else "other"
        if inline and kind == "fact":  # one line; the text after it is a section of its own
            out += [Section(heading, tuple(body)), Section(inline[1], (inline[2],))]
            heading, body = "", []
        elif inline and kind != "other":
            out.append(Section(heading, tuple(body)))
            heading, body = inline[1], [inline[2]]
        elif _is_heading(line, following):
            out.append(Section(heading, tuple(body)))
            heading, body = line, []
        else:
            body.append(line)
    out.append(Section(heading, tuple(body)))
    return [Section(s.heading, _trim(s.lines)) for s in out if _trim(s.lines)]


def _trim(lines: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Without the paragraph break at the end."""
    return tuple(lines[:-1] if lines and not lines[-1] else lines)


def _about_company(paragraph: str, company: str) -> bool:
    """A paragraph that introduces the company ("Acme is...", "At Acme, we...")."""
    named = bool(company) and paragraph.casefold().startswith(company.casefold() + " ")
    return named or bool(_COMPANY_OPENING.match(paragraph))


def _skip_introduction(section: Section, company: str) -> Section:
    """An unheaded section without the paragraphs that open it by introducing the company."""
    paragraphs = "\n".join(section.lines).split("\n\n")
    while not section.heading and len(paragraphs) > 1 and _about_company(paragraphs[0], company):
        paragraphs.pop(0)
    return Section(section.heading, tuple("\n".join(paragraphs).split("\n")))


def _says_something(section: Section) -> bool:
    """False for a section of one short line that stops mid-sentence: "We are seeking a",
    cut off by its board."""
    lines = [x for x in section.lines if x]
    return len(lines) != 1 or len(lines[0]) >= 40 or lines[0].endswith((*_SENTENCE_END, ":"))


def about_the_role(text: str, company: str = "") -> str:
    """The lines of the section most about the role (see the module docstring)."""
    parts = sections(text)
    if not parts:
        return ""
    role = next((s for s in parts if s.kind == "role" and _says_something(s)), None)
    if role is None:
        useful = [_skip_introduction(s, company) for s in parts if s.kind == "other"]
        useful = [s for s in useful if s.heading or not _about_company(s.lines[0], company)]
        role = useful[0] if useful else parts[0]
    return "\n".join(x for x in role.lines if x)
