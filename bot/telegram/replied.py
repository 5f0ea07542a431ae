"""A word about a job, sent in reply to its message ("save", "not interested", "applied"): what
its buttons do, done; "more like this": the alert of its title's words; "how much does it
pay?", "is it remote?": its pay and place. The same words sent alone say where the buttons
are: without the message they answer, "this job" names none.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from bot import render, render_pay
from bot.errors import QueryError
from bot.query import parse as parse_query
from bot.render_title import company_cut
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
    "applied": re.compile(
        r"(?:i(?: have|'?ve)? )?(?:just )?applied(?: (?:to|for|at) (?:this|it|that|the [\w' ]{1,40}?)"
        r"(?: job| one| role| position)?)?"
    ),
    "more": re.compile(
        r"(?:i want |send me |show me |please )?(?:more(?: jobs| roles| ones)? "
        r"(?:like (?:this|it|that|the (?:last|previous|latest))(?: one| job)?"
        r"|of (?:these|those|this|that)(?: ones?| jobs?)?)"
        r"|similar(?: jobs| roles| ones)?)(?: please)?|same again"
    ),
    "closed": re.compile(  # "this job is closed", "the link doesn't work"
        r"(?:(?:this|that|the|it) )?(?:(?:job|link|page|posting|ad|role) )?(?:is |was |seems |looks )?"
        r"(?:already )?(?:closed|gone|expired|dead|broken|filled|not available)(?: already| now)?"
        r"|(?:the )?(?:link|page|url)(?: is| seems)? (?:doesn't|does not|won't|isn't|is not|not) "
        r"work(?:ing)?"
    ),
    "wrong": re.compile(  # "wrong location", "it says remote but it's hybrid"
        r"(?:the |its )?(?:location|place|salary|pay|title) is wrong"
        r"|wrong (?:location|place|salary|pay|title)|(?:it|this|that) says remote but [\w' ]{1,30}"
        r"|(?:it's|it is|this is) not (?:really )?remote"
    ),
    "twice": re.compile(  # "duplicate", "I already got this one"
        r"(?:this is a |it's a )?duplicate|(?:i )?(?:already )?(?:got|saw|had) (?:this|it|that)"
        r"(?: one)? (?:already|before|twice)|(?:you |i )?(?:sent|got) (?:me )?(?:it |this |that )?twice"
    ),
}  # fmt: skip
_TOLD = {  # what is said of a job that was wrong, and the answer
    "closed": "Thanks for telling me. When its board closes a job, I see that at its next read "
    "and stop listing it (/saved marks it closed). <b>Not interested</b> under the job hides it "
    "now.",
    "wrong": "Thanks for telling me. I show a job's place, pay and workplace as its board states "
    "them, which can be loose. <b>Not interested</b> under the job hides it; <code>/why</code>, "
    "in reply to it, says how it matched your alert.",
    "twice": "Thanks for telling me: a job should reach you once, however many boards list it. "
    "<code>/why</code>, in reply to the message, says how it reached you; <b>Not interested</b> "
    "under it hides the job.",
}
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
    if action in _TOLD:
        return _TOLD[action]
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
        stated = "" if render_pay.pay(posting) else " Its board states no pay."
        company = esc(company_cut(posting.company, posting.board))
        return f"{title} — {company}: {esc(details or 'no place stated')}.{stated}"
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
