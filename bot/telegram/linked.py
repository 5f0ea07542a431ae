"""What a text that is a link, or has one, asks: /follow and /why of it (of a login-walled
site, why not), /follow of a list of links, and of one link among words the command its words
ask for ("why didn't I get this? https://…" /why, "can you watch this company https://…"
/follow). Pure, `talk` answers texts with it; but a job's link, or a why asked of one, is
answered from the store (`job_link`, `job_link_reply`): the job it is and its /why, or /why's
own answer."""

from __future__ import annotations

import html
import re
from datetime import datetime

from bot.company import company_key
from bot.follow import walled
from bot.render_title import company_cut
from bot.store import JobRecord, Stores
from bot.telegram.args import with_scheme
from bot.telegram.control import ControlCommands
from bot.transport import Incoming
from bot.wording import shorten

esc = html.escape

_LINK = re.compile(r"https?://\S{1,300}")
_WHY = re.compile(
    r"\b(?:why|how come|match(?:ed|es)?|reach(?:ed)?|receive[d]?|sent|get|got|miss(?:ed)?"
    r"|warum|wieso|weshalb|bekomme[n]?|gekriegt|erhalten|verpasst)\b",  # German too
    re.IGNORECASE,
)
_FOLLOW = re.compile(
    r"\b(?:follow|watch|track|monitor|subscribe|add|compan(?:y|ies)|careers?|boards?|hiring)\b",
    re.IGNORECASE,
)
_AROUND = ",;()<>\"'“”"
OWN_BOARD = 50  # a board's latest open jobs read to tell a company's own from an aggregator


def link_reply(text: str) -> str | None:
    """What to do with one link sent where no command takes it: /follow and /why of it (of a
    login-walled site, why not); None when `text` is no link."""
    url = esc(with_scheme(text))
    if len(url) > 300 or not url.startswith(("http://", "https://")) or " " in text.strip():
        return None
    if site := walled(with_scheme(text)):
        return (
            f"That's {'an' if site[:1] in 'AEIOU' else 'a'} {site} link. I don't read {site}: it "
            "shows jobs only to people logged in. To follow the company, send <code>/follow</code> "
            "with its own careers page or job board, where the same jobs are."
        )
    return (
        f"That's a link. <code>/follow {url}</code> follows the company's jobs (a careers "
        f"page or job board); <code>/why {url}</code> says why a job did or didn't reach you."
    )


def links_said(text: str, words: list[str]) -> str | None:
    """What to do with a link, or a list of links: /follow (and /why of one), or one link
    among words (`link_among_words`); None when the text has no link."""
    if len(words) == 1 and (said := link_reply(text)):
        return said
    links = [esc(with_scheme(w.strip(",;"))) for w in words]
    if 1 < len(links) <= 10 and all(_LINK.fullmatch(x) for x in links) and len(text) <= 1500:
        return (
            f"Those are links. <code>/follow {' '.join(links)}</code> follows those companies' "
            "jobs (careers pages or job boards)."
        )
    return link_among_words(words)


def link_among_words(words: list[str]) -> str | None:
    """For one link among a few words: /why of it when they ask why a job came or not,
    /follow when they ask to watch a company, both when they say neither; None for none."""
    if (asked := _asked(words)) is None:
        return None
    url, why, follow = asked
    if walled(url) or why == follow:
        return link_reply(url)
    if why:
        return f"To ask why that job did or didn't reach you: <code>/why {esc(url)}</code>."
    return (
        f"To follow that company's jobs: <code>/follow {esc(url)}</code> (its careers page or "
        "job board)."
    )


def _asked(words: list[str]) -> tuple[str, bool, bool] | None:
    """The one link among a few `words`, and whether the others ask why a job came or not,
    and to follow a company; None for no link or several."""
    links = [w for w in words if "://" in w or ("/" in w and with_scheme(w) != w)]
    if len(links) != 1 or len(words) > 20 or words[0].lower() == "follow":
        return None  # ("follow stripe.com/jobs": the command without its slash, as `asked` says)
    url = with_scheme(links[0].strip(_AROUND).rstrip(".?!"))
    rest = " ".join(w for w in words if w != links[0])
    return url, bool(_WHY.search(rest)), bool(_FOLLOW.search(rest))


def job_link(text: str) -> tuple[str, bool] | None:
    """The link a text may name a stored job by, and whether it asks why that job came or not:
    a text that is one link, or one link among words that ask why ("why didn't I get this?
    https://…"); None for any other, and for a login-walled site's link."""
    words = text.split()
    if len(words) == 1:
        url = with_scheme(words[0])
        return (url, False) if link_reply(words[0]) and not walled(url) else None
    asked = _asked(words)
    if asked is None or walled(asked[0]) or not asked[1] or asked[2]:
        return None
    return asked[0], True


def job_link_reply(store: Stores, msg: Incoming, now: datetime) -> str:
    """The answer to a text `job_link` reads: a why asked, /why's own answer; a stored job's
    link, which job it is with its /why (and the /follow of its company's board); another
    link, its /follow and /why (`link_reply`)."""
    url, why = job_link(msg.text) or ("", False)
    if why:
        return ControlCommands(lambda: now).cmd_why(store, msg, url)
    job = store.jobs.find_job(url)
    if job is None:
        return link_reply(msg.text.strip()) or ""
    p = job.posting
    company = f" · {esc(company_cut(p.company, p.board))}" if p.company else ""
    return (
        f"That's the link of <b>{esc(shorten(p.title, 120))}</b>{company}, a job I have. "
        f"<code>/why {esc(url)}</code> says why it did or didn't reach you."
        + _follow_offer(store, msg.chat_id, job)
    )


def _follow_offer(store: Stores, chat_id: int, job: JobRecord) -> str:
    """The /follow of a job's board when it is its company's own (its latest open jobs, up
    to `OWN_BOARD`, all of one company), not followed yet: "" for an aggregator's or one
    followed already."""
    p = job.posting
    board = store.boards.board(p.board)
    if board is None or not company_key(p.company):
        return ""
    latest = store.listings.board_postings(board.name, OWN_BOARD)
    if {company_key(x.company) for x in latest} != {company_key(p.company)}:
        return ""
    if any(f.board.name == board.name for f in store.follows.follows(chat_id)):
        return ""
    return (
        f" <code>/follow {esc(board.url)} all</code> sends you every new job of "
        f"{esc(company_cut(p.company, p.board))}, whatever your alerts say."
    )
