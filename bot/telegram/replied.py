"""A word about a job, sent in reply to its message ("save", "not interested", "applied"): what
its buttons do, done; "more like this": the alert of its title's words; "how much does it
pay?", "is it remote?": its pay and place. The same words sent alone say where the buttons
are: without the message they answer, "this job" names none.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from bot import render
from bot.errors import QueryError
from bot.query import parse as parse_query
from bot.store import Stores
from bot.store.saved import MOST
from bot.telegram import latest
from bot.transport import Incoming
from bot.wording import shorten
from bot.words import tokens

esc = html.escape

# What is said of a job, whole ("save this job", "I applied", "not interested!").
_SAID = {
    "save": re.compile(r"(?:please )?(?:save|bookmark|keep)(?: (?:this|it|that))?(?: job| one)?"),
    "hide": re.compile(r"(?:hide|skip)(?: (?:this|it|that))?(?: job| one)?|not interested"),
    "applied": re.compile(r"(?:i(?: have|'?ve)? )?applied(?: (?:to|for) (?:this|it|that)(?: job| one)?)?"),
    "more": re.compile(
        r"(?:i want |send me |show me |please )?(?:more(?: jobs| roles| ones)? "
        r"(?:like (?:this|it|that)(?: one| job)?|of (?:these|those|this|that)(?: ones?| jobs?)?)"
        r"|similar(?: jobs| roles| ones)?)(?: please)?|same again"
    ),
}  # fmt: skip
# Words of a title that no alert needs ("Engineer, Payments & Risk").
_GLUE = frozenset({
    "and", "or", "not", "of", "the", "for", "with", "in", "at", "to", "a", "an", "&", "-",
})  # fmt: skip
_GENDERS = re.compile(
    r"\(\s*(?:[a-z]{1,3}\s*/\s*){1,3}[a-z]{1,3}\s*\)|\ball genders\b", re.IGNORECASE
)
_BUTTONS = {
    "save": "☆ Save",
    "hide": "Not interested",
    "applied": "☆ Save (then /applied and its number in /saved)",
}


def said(text: str) -> str | None:
    """What `text` says to do with a job ("save", "hide", "applied"), or asks of it ("how
    much does it pay?": "facts"), or None."""
    words = " ".join(re.sub(r"[^\w' ]+", " ", text.lower()).split())
    if (job := latest.job_asked_about(words)) is not None and latest.unnamed(job):
        return "facts"
    return next((name for name, form in _SAID.items() if form.fullmatch(words)), None)


def reply(store: Stores, msg: Incoming, action: str, now: datetime) -> str:
    """Do `action` to the job whose message `msg` answers; or, sent alone, where its button is."""
    if msg.reply_to_message_id is None and action == "facts":
        return latest.ONE_JOB
    if msg.reply_to_message_id is None and action == "more":
        return "Reply “more like this” to a job's message: I'll offer an alert of its title."
    if msg.reply_to_message_id is None:
        return (
            f"Press <b>{esc(_BUTTONS[action])}</b> under the job's message, or reply to the "
            f"message with “{action}”."
        )
    job = store.jobs.job_by_message(msg.chat_id, msg.reply_to_message_id)
    if job is None:
        return "That message is no job I sent you, or its job is no longer stored."
    posting, chat = job.posting, msg.chat_id
    title = esc(shorten(posting.title, 100), quote=False)
    if action == "more":
        return _more_like(posting.title)
    if action == "facts":  # "how much does it pay?", "is it remote?"
        details = render.job_details(posting)
        stated = "" if render.pay(posting) else " Its board states no pay."
        return f"{title} — {esc(posting.company)}: {esc(details or 'no place stated')}.{stated}"
    if action == "hide":
        store.choices.hide_job(chat, job.job_key, now)
        return f"🙈 Hidden: you won't see “{title}” again, also not in /search."
    saved = store.saved.is_saved(chat, posting.key)
    if not saved and not store.saved.save(chat, posting, now, render.job_details(posting)):
        return f"You have {MOST} saved jobs, the most. /unsave some first."
    if action == "save":
        return f"Saved “{title}”" + (" already" if saved else "") + ": /saved lists it."
    store.saved.mark_applied(chat, posting.key, now)
    return (
        f"✅ Marked “{title}” applied today"
        + ("" if saved else ", and saved")
        + ": /saved lists it."
    )


def _more_like(title: str) -> str:
    """The /alert and /search of a job's title words, for more jobs like it."""
    said = tokens(_GENDERS.sub(" ", title))  # "Engineer (m/w/d)"
    words = " ".join(w for w in said[:12] if w not in _GLUE and w.isprintable())
    try:
        words = esc(parse_query(f"title:({words})").normalized) if words else ""
    except QueryError:
        words = ""
    if not words:
        return "That job's title has no words an alert could take."
    return (
        f"For each new job with this title's words: <code>/alert {words}</code>; "
        f"the stored ones: <code>/search {words}</code>. (Tap to copy; take out a word "
        "to widen it.)"
    )
