"""The part of a job description that says what the role is, for a message's short excerpt.

Descriptions (from `bot.normalize`) are plain text: blank-line paragraphs, "• " bullets, and
headings as short lines of their own ("The role", "💻 Role", "What will you do?") or as the
start of a line ("Benefits: ..."). Many open with the company's pitch; a reader wants the role.
So the text is cut into sections by heading (`bot.excerpt_cues` says what each is about), and
the excerpt is, in this order:

1. a paragraph that names the role ("We are seeking a...", "As the X, you will...") before the
   first section about the role: the summary its bullets follow;
2. the first section about the role that says something once the paragraphs that open it
   without being about the role are passed over (the company introducing itself, a slogan, a
   question to the reader, a colleague quoted, facts the message shows already: "• Location:
   ...", the pay range's fine print); a section with nothing else ("Role Details", "About the
   Role & Team" that is a pitch) is no section about the role;
3. a paragraph that names the role in any section of no known kind, then in one about the
   company ("About PAC Group: We are seeking...");
4. the first section of no known kind, its introduction passed over;
5. the opening.

Where the paragraph found speaks only of the company ("We're building a platform..."), one of
the next two that speaks to the reader comes first; where its first sentence does not say
whom the company hires but a later one does, the excerpt starts there. A hard-wrapped text
("...and cash flow" / "with supporting schedules.") is joined back into its lines, and text
the board cut mid-sentence ends with "…".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import excerpt_cues as cues

_INLINE = re.compile(r"^([^:•.!?]{3,40}):\s+(\S.*)$")
# A heading run into its text with a full stop ("Job Description. Mars Birdcare is..."):
# only a short one, so that a sentence ("The job is remote. You...") stays a sentence.
_INLINE_STOP = re.compile(r"^([^\s:•.!?]{1,20}(?: [^\s:•.!?]{1,20}){0,2})\.\s+(\S.*)$")
_SENTENCE_END = (".", "!", "?", "…", ";", ",")
# A hard wrap: a line break after a line of 50 characters or more that stops mid-sentence,
# before one that goes on in lower case (a blank line between or not). The line break comes
# first in the pattern, so a search skips from one to the next.
_WRAP = re.compile(r"\n(?<=[^\n]{49}[^\s.!?…:;]\n)(?:[ \t]*\n)?[ \t]*(?=[a-zß-öø-ÿ])")


@dataclass(frozen=True, slots=True)
class Section:
    heading: str  # "" for the text before the first heading
    lines: tuple[str, ...]  # "" between paragraphs

    @property
    def kind(self) -> str:
        """'role', 'company', 'boilerplate', 'fact' or 'other' (`excerpt_cues.kind`)."""
        return cues.kind(self.heading)


def _is_heading(line: str, following: str | None) -> bool:
    """A short line that is not a sentence or a bullet, with text after it; or a short
    question ("What will you do?")."""
    if line.startswith("•") or len(line) > 60:
        return False
    if line.endswith("?"):
        return following is not None and len(line.split()) <= 10
    if len(line.split()) > 8:
        return False
    if line.endswith(":"):
        return True
    return following is not None and not line.endswith(_SENTENCE_END)


def _lines(text: str) -> list[str]:
    """The text's lines, spaces collapsed, a hard-wrapped line (`_WRAP`) joined again."""
    text = _WRAP.sub(" ", text)
    return [" ".join(x.split()) for x in text.splitlines()]


def _next_texts(lines: list[str]) -> list[str | None]:
    """For each line, the next line with text, or None."""
    out: list[str | None] = [None] * len(lines)
    following: str | None = None
    for i in range(len(lines) - 1, -1, -1):
        out[i] = following
        following = lines[i] or following
    return out


def sections(text: str) -> list[Section]:
    """The description cut at its headings; paragraphs kept apart by one ""."""
    lines = _lines(text)
    out: list[Section] = []
    heading, body = "", list[str]()
    for line, following in zip(lines, _next_texts(lines), strict=True):
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
            out += [Section(heading, tuple(body))] if body else []
            heading, body = inline[1], [inline[2]]
        elif _is_heading(line, following):
            out += [Section(heading, tuple(body))] if body else []
            heading, body = line, []
        else:
            body.append(line)
    out.append(Section(heading, tuple(body)))
    return [Section(s.heading, _trim(s.lines)) for s in out if _trim(s.lines)]


def _trim(lines: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Without the paragraph break at the end."""
    return tuple(lines[:-1] if lines and not lines[-1] else lines)


def _paragraphs(section: Section) -> list[str]:
    """A section's paragraphs, each its lines joined by "\\n"."""
    return "\n".join(section.lines).split("\n\n")


def _passed_over(paragraph: str, following: str, company: str, last: bool) -> bool:
    """A paragraph that opens a section without being about the role: the company introducing
    itself (unless it goes on to say whom it hires), or a slogan ("Let's build the future
    together!", "Powering the Autonomy Revolution" just before the company's introduction);
    unless `last` (nothing else says more), a question to the reader or a colleague quoted;
    facts the message shows."""
    if cues.names_the_role(paragraph) or cues.hiring_sentence(paragraph) >= 0:
        return False
    if cues.introduces_company(paragraph, company) or cues.aside(paragraph):
        return True
    if not last and (cues.teaser(paragraph) or cues.quotation(paragraph)):
        return True
    if "\n" in paragraph or len(paragraph) > 60 or len(paragraph.split()) > 8:
        return False
    return (paragraph.endswith("!") and not last) or cues.introduces_company(following, company)


def _lead(paragraphs: list[str], company: str, role: bool) -> int | None:
    """The first paragraph that is not passed over (a section about the role passes over a
    lone question too), or None; or, when it speaks only of the company ("We're building a
    platform..."), one of the two after it that names the role or speaks to the reader
    ("We're looking for a...", "You will report to..."); or, when it says nothing of the role
    nor the reader, the next if that names the role."""
    for i, paragraph in enumerate(paragraphs):
        after = paragraphs[i + 1 : i + 3]
        if _passed_over(paragraph, after[0] if after else "", company, not after and not role):
            continue
        if cues.speaks_of_us(paragraph) and not cues.names_the_role(paragraph):
            return next((i + 1 + j for j, p in enumerate(after) if cues.speaks_to_reader(p)), i)
        if after and not cues.mentions_role(paragraph) and cues.names_the_role(after[0]):
            return i + 1  # "Winning an auction is exciting..." before "We're looking for a..."
        return i
    return None


def _named_at(paragraphs: list[str], company: str, role: bool) -> int | None:
    """The first paragraph that names the role, or None."""
    return next((i for i, p in enumerate(paragraphs) if cues.names_the_role(p)), None)


def _says_something(paragraphs: list[str]) -> bool:
    """False for one short line that stops mid-sentence: "We are seeking a", cut off by its
    board."""
    lines = [x for p in paragraphs for x in p.split("\n") if x]
    return len(lines) != 1 or len(lines[0]) >= 40 or lines[0].endswith((*_SENTENCE_END, ":"))


Picked = tuple[list[str], bool]  # paragraphs, and whether they run to the text's end


def _pick(
    parts: list[Section], company: str, kind: str, named: bool, before: int | None = None
) -> Picked | None:
    """The paragraphs, from the first that `_lead` (or, `named`, `_named_at`) finds, of the
    first section of `kind` (of those `before` that index) that has one that says something."""
    find = _named_at if named else _lead
    for section in parts[:before]:
        if section.kind != kind:
            continue
        paragraphs = _paragraphs(section)
        at = find(paragraphs, company, kind == "role")
        if at is not None and _says_something(paragraphs[at:]):
            return paragraphs[at:], section is parts[-1]
    return None


def _opening(section: Section) -> list[str]:
    """The first section without the facts that open it (an "Acme | Engineer" header)."""
    paragraphs = _paragraphs(section)
    while len(paragraphs) > 1 and cues.aside(paragraphs[0]):
        paragraphs.pop(0)
    return paragraphs


def _hiring_first(paragraph: str) -> str:
    """A paragraph from its sentence that says whom the company hires, when its first
    sentence does not ("Quality is the new bottleneck. We're looking for a...")."""
    if cues.names_the_role(paragraph):
        return paragraph
    at = cues.hiring_sentence(paragraph)
    return paragraph[at:] if at > 0 else paragraph


def _cut_off(paragraphs: list[str]) -> bool:
    """Whether the text ends mid-sentence: a board cut it ("...responsible for overseei")."""
    last = paragraphs[-1].rsplit("\n", 1)[-1]
    if len(last) < 40 or last.startswith("•"):
        return False
    return last[-1].isalnum() or last[-1] in ",("


def about_the_role(text: str, company: str = "") -> str:
    """The lines of the section most about the role (see the module docstring)."""
    parts = sections(text)
    if not parts:
        return ""
    first_role = next((i for i, s in enumerate(parts) if s.kind == "role"), len(parts))
    found = (
        _pick(parts, company, "other", named=True, before=first_role)
        or _pick(parts, company, "role", named=False)
        or _pick(parts, company, "other", named=True)
        or _pick(parts, company, "company", named=True)
        or _pick(parts, company, "other", named=False)
    )
    paragraphs, ends_text = found or (_opening(parts[0]), len(parts) == 1)
    paragraphs = [_hiring_first(paragraphs[0]), *paragraphs[1:]]
    if ends_text and _cut_off(paragraphs):
        paragraphs[-1] += "…"
    return "\n".join(x for p in paragraphs for x in p.split("\n") if x)
