"""/saved and /unsave: the jobs a user saved for later with a job's ☆ Save button
(`buttons.save`), and whether each is still open on its board.

The list goes newest first, `PAGE` jobs a message; each has a number that /unsave takes.
`/unsave closed` forgets every job its board took down.
"""

from __future__ import annotations

import html
from datetime import datetime, tzinfo

from bot import policy
from bot.render import job_details, shorten
from bot.store import SavedJob, Stores
from bot.telegram.args import echo, parse_id
from bot.telegram.commands import Command, Route
from bot.transport import Incoming

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
        "unsave",
        "<number> | closed",
        "Forget a saved job",
        "/unsave 3 — forgets job 3 of /saved; /unsave closed forgets every saved job its board "
        "took down. Pressing ★ Saved under the job does the same.",
        "Jobs",
    ),
)


def routes() -> dict[str, Route]:
    return {"saved": cmd_saved, "unsave": cmd_unsave}


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
        f"<code>/unsave {first + 1}</code> forgets one"
        + ("; <code>/unsave closed</code>, the closed ones." if closed else ".")
    ]
    if page < pages:
        tail.insert(0, f"/saved {page + 1} shows the next {min(PAGE, len(jobs) - first - PAGE)}.")
    return "\n".join([head, *lines, *tail])


def _details(store: Stores, job: SavedJob) -> str:
    """Where the job is and what it pays, while its posting is stored."""
    posting = None if job.gone else store.postings.posting(job.posting_key)
    return job_details(posting) if posting is not None else ""


def _line(n: int, job: SavedJob, details: str, zone: tzinfo | None) -> str:
    title = esc(shorten(job.title, 100) or "(untitled)", quote=False)
    web = job.url.startswith(("http://", "https://"))
    link = f'<a href="{esc(job.url)}">{title}</a>' if web else title
    about = " · ".join(x for x in (shorten(job.company, 50), details) if x.strip())
    company = f" — {esc(about, quote=False)}" if about else ""
    if job.gone:
        state = "no longer listed"
    elif job.closed_at is not None:
        state = f"closed {_day(job.closed_at, zone)}"
    else:
        state = "open"
    return f"{n}. {link}{company} · saved {_day(job.saved_at, zone)} · {state}"


def _day(at: datetime, zone: tzinfo | None) -> str:
    local = at.astimezone(zone) if zone is not None else at
    return f"{local.day} {local:%b}"


def cmd_unsave(store: Stores, msg: Incoming, arg: str) -> str:
    """Forget one saved job by its number in /saved, or every closed one."""
    jobs = store.saved.saved(msg.chat_id)
    if arg.strip().lower() == "closed":
        done = [j for j in jobs if j.gone or j.closed_at is not None]
        for job in done:
            store.saved.unsave(msg.chat_id, job.posting_key)
        if not done:
            return "None of your saved jobs is closed."
        return (
            f"Forgot {len(done)} closed job{'s' if len(done) != 1 else ''}; /saved lists the rest."
        )
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
