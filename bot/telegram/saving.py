"""/saved, /applied and /unsave: the jobs a user saved for later with a job's ☆ Save button
(`buttons.save`), whether they applied, and whether each is still open on its board.

The list goes newest first, `PAGE` jobs a message; each has a number that /applied and
/unsave take. `/unsave closed` forgets every job its board took down.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, tzinfo

from bot import policy
from bot.render import job_details
from bot.render_title import saved_company
from bot.store import SavedJob, Stores
from bot.telegram.args import echo, parse_id
from bot.telegram.commands import Command, Route
from bot.transport import Incoming
from bot.wording import plural, shorten

esc = html.escape
PAGE = 10  # saved jobs a message lists

COMMANDS: tuple[Command, ...] = (
    Command(
        "saved",
        "[page]",
        "Jobs you saved for later",
        "Lists the jobs you saved with the ☆ Save button under a job, the last saved first, "
        f"{PAGE} a page (/saved 2 for the next), each with whether its board still lists it.",
        "Jobs",
    ),
    Command(
        "applied",
        "<number>",
        "Mark a saved job applied",
        "/applied 3 — marks job 3 of /saved as applied today; /saved then says when. "
        "/applied 3 again unmarks it.",
        "Jobs",
    ),
    Command(
        "unsave",
        "<number> | closed",
        "Forget a saved job",
        "/unsave 3 — forgets job 3 of /saved; /unsave closed forgets every saved job its board "
        "took down. Pressing ★ Saved under the job does the same.",
        "Jobs",
    ),
)


def routes(clock: Callable[[], datetime]) -> dict[str, Route]:
    """The commands, /applied with the time it marks."""
    return {
        "saved": cmd_saved,
        "applied": lambda store, msg, arg: cmd_applied(store, msg, arg, clock()),
        "unsave": cmd_unsave,
    }


def cmd_saved(store: Stores, msg: Incoming, arg: str) -> str:
    """A page of the user's saved jobs."""
    jobs = store.saved.saved(msg.chat_id)
    if not jobs:
        return "You have saved no job. Press ☆ Save under a job to keep it here for later."
    pages = (len(jobs) + PAGE - 1) // PAGE
    page = parse_id(arg) if arg.strip() else 1
    if page is None or not 1 <= page <= pages:
        return f"“{echo(arg)}” is no page of /saved: it has {pages}."
    zone = policy.zone(store.users.settings(msg.chat_id).timezone)
    first = (page - 1) * PAGE
    shown = jobs[first : first + PAGE]
    lines = [_line(first + i + 1, job, _details(store, job), zone) for i, job in enumerate(shown)]
    head = f"Saved jobs ({len(jobs)}" + (f", page {page} of {pages}):" if pages > 1 else "):")
    closed = any(j.gone or j.closed_at is not None for j in jobs)
    tail = [
        f"<code>/applied {first + 1}</code> marks one applied; <code>/unsave {first + 1}</code> "
        "forgets one" + ("; <code>/unsave closed</code>, the closed ones." if closed else ".")
    ]
    if page < pages:
        tail.insert(0, f"/saved {page + 1} shows the next {min(PAGE, len(jobs) - first - PAGE)}.")
    return "\n".join([head, *lines, *tail])


def _details(store: Stores, job: SavedJob) -> str:
    """Where the job is and what it pays: as its posting says while it is stored, else as
    it said when the job was saved."""
    posting = None if job.gone else store.listings.posting(job.posting_key)
    return job_details(posting) if posting is not None else job.details


def _line(n: int, job: SavedJob, details: str, zone: tzinfo | None) -> str:
    title = esc(shorten(job.title, 100) or "(untitled)", quote=False)
    web = job.url.startswith(("http://", "https://"))
    link = f'<a href="{esc(job.url)}">{title}</a>' if web else title
    about = " · ".join(
        x for x in (saved_company(job.company, job.posting_key), details) if x.strip()
    )
    company = f" — {esc(about, quote=False)}" if about else ""
    if job.gone:
        state = "no longer listed"
    elif job.closed_at is not None:
        state = f"closed {_day(job.closed_at, zone)}"
    else:
        state = "open"
    applied = f" · applied {_day(job.applied_at, zone)}" if job.applied_at is not None else ""
    return f"{n}. {link}{company} · saved {_day(job.saved_at, zone)}{applied} · {state}"


def _day(at: datetime, zone: tzinfo | None) -> str:
    local = at.astimezone(zone) if zone is not None else at
    return f"{local.day} {local:%b}"


def cmd_applied(store: Stores, msg: Incoming, arg: str, now: datetime) -> str:
    """Mark one saved job applied (today), by its number in /saved; again, unmark it."""
    jobs = store.saved.saved(msg.chat_id)
    n = parse_id(arg) if arg.strip() else None
    if n is None or n < 1:
        return "Which one? Send <code>/applied 3</code>, a number from /saved."
    if n > len(jobs):
        return f"You have no saved job {n}. /saved lists yours."
    job = jobs[n - 1]
    title = esc(shorten(job.title, 100), quote=False)
    if job.applied_at is not None:
        store.saved.mark_applied(msg.chat_id, job.posting_key, None)
        return f"“{title}” is no longer marked applied."
    store.saved.mark_applied(msg.chat_id, job.posting_key, now)
    zone = policy.zone(store.users.settings(msg.chat_id).timezone)
    return (
        f"✅ Marked “{title}” applied ({_day(now, zone)}). /saved lists it; "
        f"<code>/applied {n}</code> again unmarks it."
    )


def cmd_unsave(store: Stores, msg: Incoming, arg: str) -> str:
    """Forget one saved job by its number in /saved, or every closed one."""
    jobs = store.saved.saved(msg.chat_id)
    if arg.strip().lower() == "closed":
        done = [j for j in jobs if j.gone or j.closed_at is not None]
        for job in done:
            store.saved.unsave(msg.chat_id, job.posting_key)
        if not done:
            return "None of your saved jobs is closed."
        return f"Forgot {plural(len(done), 'closed job')}; /saved lists the rest."
    n = parse_id(arg) if arg.strip() else None
    if n is None or n < 1:
        return (
            "Which one? Send <code>/unsave 3</code>, a number from /saved, or "
            "<code>/unsave closed</code>."
        )
    if n > len(jobs):
        return f"You have no saved job {n}. /saved lists yours."
    job = jobs[n - 1]
    store.saved.unsave(msg.chat_id, job.posting_key)
    return f"Forgot “{esc(shorten(job.title, 100), quote=False)}”. /saved lists the rest."
