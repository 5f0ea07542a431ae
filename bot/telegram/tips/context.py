"""What a job seeker says of herself in a sentence ("I'm graduating in May 2027 and …", "I'm a
CS student at Waterloo", "I don't have US work authorization"): no words a job must have, so
the sentence reader leaves them out ("graduating" and "2027" lost her every job). Pure;
`sentence` reads a sentence's text through it and `talk_said` names what was left out."""

from __future__ import annotations

import re

_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?"
    r"|spring|summer|fall|autumn|winter"
)
_WHEN = rf"(?:\s+(?:in|this|next|by|around|at\s+the\s+end\s+of))?(?:\s+(?:{_MONTH}))?(?:\s+(?:of\s+)?'?\d{{2,4}})?"
_I_AM = r"(?:i\W?m|i\s+am|i'?ll\s+be|i\s+will\s+be|im)"
_SCHOOL = r"(?:\s+(?:at|from)\s+(?:the\s+)?[\w.'&-]{2,30}(?:\s+(?:university|college|uni|u))?)?"
_THEN = (
    r"(?:\s*[,;.]?\s+(?:and|so|but)\b|\s*[,;.!]|\s*$"
    r"|(?=\s+(?:looking|searching|seeking|hoping|want|need|interested)\b))"
)
# "graduating in may 2027", "I graduate next spring", "finishing my degree in 2026"
_GRADUATING = re.compile(
    rf"\b(?:(?:{_I_AM}\s+)?graduating|{_I_AM}\s+finishing(?:\s+(?:my\s+)?(?:degree|studies|"
    rf"school|uni|university|college))?|i\s+(?:graduate|finish))(?:\s+(?:from\s+)?[\w.'&-]{{2,30}}"
    rf"(?=\s+(?:in|this|next)\b))?{_WHEN}{_THEN}",
    re.IGNORECASE,
)
# "I'm a (final-year) (CS) student (at Waterloo)", "I'm a new grad" (alone: its own reply)
_STUDENT = re.compile(
    rf"\b{_I_AM}\s+(?:a\s+|an\s+)?(?:(?:final|last|first|second|third|fourth|\d(?:st|nd|rd|th))"
    rf"[- ]year\s+)?(?:(?:cs|computer\s+science|engineering|university|uni|college|grad|phd|"
    rf"masters?|undergrad(?:uate)?|co-?op)\s+)?student{_SCHOOL}{_THEN}",
    re.IGNORECASE,
)
# "i'm still in school then", "since I'm at uni in the winter"
_IN_SCHOOL = re.compile(
    rf"\b(?:(?:since|as|because|cause|cuz)\s+)?{_I_AM}\s+(?:still\s+)?(?:in|at)\s+(?:school|uni|"
    rf"university|college|class(?:es)?)(?:\s+(?:then|during\s+(?:the\s+)?\w{{3,8}}))?{_THEN}",
    re.IGNORECASE,
)
# "I don't have US work authorization", "i dont have a work permit for the us"
_NO_PERMIT = re.compile(
    r"\b(?:(?:but|and|since|as|because)\s+)?i\s+(?:don'?t|dont|do\s+not)\s+have\s+(?:a\s+|any\s+)?"
    r"(?:(?:us|u\.s\.|american|uk|eu|canadian|[a-z]{2,12})\s+)?(?:work\s+)?(?:authori[sz]ation|"
    r"permit|visa|citizenship|green\s+card)(?:\s+(?:to\s+work\s+)?(?:for|in)\s+(?:the\s+)?"
    r"(?:us|u\.s\.|usa|states|uk|eu))?(?:\s+(?:yet|either))?[\s.!]*",
    re.IGNORECASE,
)


def context_dropped(text: str) -> str:
    """`text` without what it says of its writer: "hey! im graduating in may 2027 and looking
    for new grad roles" -> "hey! looking for new grad roles"."""
    for said in (_GRADUATING, _STUDENT, _IN_SCHOOL):
        text = said.sub(_kept_stop, text)
    return _NO_PERMIT.sub(" ", text)


def _kept_stop(m: re.Match[str]) -> str:
    """A clause taken out, the stop that ended it kept when words before it need one ("in
    Toronto, I'm graduating in May, remote ok": "in Toronto, remote ok")."""
    before = m.string[: m.start()].rstrip()
    stop = m[0].rstrip()[-1:]
    return f"{stop} " if stop in ",;.!" and before and before[-1] not in ",;.!" else " "


def context_said(text: str) -> tuple[str, ...]:
    """What `text` says of its writer that the reader leaves out, as typed ("graduating in
    may 2027", "don't have US work authorization")."""
    found = [
        m[0]
        for said in (_GRADUATING, _STUDENT, _IN_SCHOOL, _NO_PERMIT)
        for m in said.finditer(text)
    ]
    return tuple(_trimmed(f) for f in found if _trimmed(f))


def no_permit(text: str) -> bool:
    """Whether `text` says its writer has no work authorization somewhere."""
    return _NO_PERMIT.search(text) is not None


_EDGES = re.compile(
    r"^(?:(?:but|and|since|as|because)\s+)?|(?:\s*[,;.!]?\s+(?:and|so|but))?[\s,;.!]*$", re.I
)


def _trimmed(said: str) -> str:
    return _EDGES.sub("", " ".join(said.split()))
