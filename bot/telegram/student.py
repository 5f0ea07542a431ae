"""A text that says only where its writer is in her studies ("im a new grad", "im a student",
"im graduating may 2027"): the alert a new grad starts from, by the title (a senior job that
mentions new grads in passing stays out), got the generic reply before. Pure; `talk_said`
answers with it."""

from __future__ import annotations

import html
import re

from bot.telegram.tips.context import context_dropped, context_said

esc = html.escape

START = 'title:("new grad" OR junior OR "entry level")'
_HELLO = r"(?:(?:hi|hey|hello|hii|heya|yo)\b[\s!,.]*)?"
_NEW_GRAD = re.compile(
    rf"{_HELLO}(?:i\W?m|im|i\s+am)\s+(?:a\s+|an\s+)?(?:new|recent|fresh)\s*grad(?:uate)?s?"
    r"(?:\s+(?:now|too|here))?[\s.!]*",
    re.IGNORECASE,
)
_STUDENT = re.compile(r"\bstudent\b", re.IGNORECASE)
_STUDIES = re.compile(r"\b(?:student|graduat\w*|finish\w*|degree)\b", re.IGNORECASE)
_LEFT = re.compile(rf"{_HELLO}[\s,.!]*", re.IGNORECASE)


def student_said(text: str) -> str | None:
    """The reply to a text that says only that its writer is a new grad, a student or
    graduating soon: the new-grad alert (and internships, for a student); None for another."""
    text = " ".join(text.split())
    if len(text) > 120:
        return None
    if not _NEW_GRAD.fullmatch(text):
        said = context_said(text)
        if not _STUDIES.search(" ".join(said)) or not _LEFT.fullmatch(context_dropped(text)):
            return None  # ("I don't have US work authorization": no studies said)
        if _STUDENT.search(" ".join(said)):
            return _reply() + " Internships and co-ops: <code>/alert type:internship</code>."
    return _reply()


def _reply() -> str:
    start = esc(START)
    return (
        f"For jobs open to new grads: <code>/alert {start}</code> (a senior job that mentions "
        "new grads in passing stays out). With what you do and where: "
        f"<code>/alert {start} developer location:toronto</code>."
    )
