"""News of saved jobs: whoever saved one hears it once when its board stops listing it, and
when its board states (or changes) what it pays.

A job saved to apply to later is worth nothing once closed, and one applied to that closes
has likely been filled: either way the job seeker wants to know, not to find out in /saved.
A pay stated later (as pay-transparency laws make boards do) decides many an application.
The poll that closes or edits postings queues the notices (`Notices.tell`) in its own
transaction, so each is told once, and after a restart still told; one notice per user and
poll, however many of their saved jobs closed (or were paid) together. A notice due in the
user's quiet hours waits for their end (`Notices.due_notices`).
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot import render, render_pay
from bot.models import Posting
from bot.render_title import saved_company
from bot.store import Keep, Notices, RecordResult, Saved

log = logging.getLogger(__name__)
LISTED = 10  # jobs one notice names; the rest are counted


def tell_savers(saved: Saved, notices: Notices, rec: RecordResult, now: datetime) -> None:
    """What one poll's record tells savers: the postings it closed, and those it found paid."""
    if rec.closed:
        tell_closed(saved, notices, rec.closed, now)
    if rec.changed:
        tell_paid(saved, notices, rec.changed, now)


def tell_paid(saved: Saved, notices: Notices, changed: list[Posting], now: datetime) -> int:
    """Queue a notice to each user who saved one of the `changed` postings whose pay is not
    what /saved showed of it (stated since, or changed), and show the new pay in /saved;
    returns how many users are told. A pay taken away is not news, nor one of a job saved
    by an older jobbot, which kept no pay (its /saved shows it from now on)."""
    by_key = {p.key: p for p in changed}
    told: dict[int, list[str]] = {}
    news: set[str] = set()
    for chat, jobs in saved.savers(list(by_key)).items():  # the saved few, then their pay
        for job in jobs:
            pay = render_pay.pay(by_key[job.posting_key])
            if pay and not job.details.endswith(pay):
                news.add(job.posting_key)
                if job.details:
                    told.setdefault(chat, []).append(f"{_line(job)}: {pay}")
    for key in news:
        saved.set_details(key, render.job_details(by_key[key]))
    for chat, lines in told.items():
        notices.tell([chat], paid_notice(lines), now)
    if told:
        log.info("%d saved jobs state a new pay: told %d users", len(news), len(told))
    return len(told)


def tell_closed(saved: Saved, notices: Notices, keys: list[str], now: datetime) -> int:
    """Queue a notice to each user who saved one of the postings `keys` just closed; returns
    how many users are told."""
    by_chat = saved.savers(keys)
    for chat, jobs in by_chat.items():
        notices.tell([chat], notice(jobs), now)
    if by_chat:
        log.info("%d saved jobs closed: told %d users", len(keys), len(by_chat))
    return len(by_chat)


def _line(job: Keep) -> str:
    applied = " (you applied)" if job.applied_at is not None else ""
    return f"{job.title} — {saved_company(job.company, job.posting_key)}{applied}"


def notice(jobs: list[Keep]) -> str:
    """The notice, plain text (notices are sent escaped)."""
    end = "/saved lists your saved jobs; /unsave closed clears the closed ones."
    if len(jobs) == 1:
        return f"🔒 A job you saved is no longer listed on its board: {_line(jobs[0])}.\n{end}"
    lines = [f"🔒 {len(jobs)} jobs you saved are no longer listed on their boards:"]
    lines += [f"• {_line(job)}" for job in jobs[:LISTED]]
    if len(jobs) > LISTED:
        lines.append(f"…and {len(jobs) - LISTED} more")
    return "\n".join([*lines, end])


def paid_notice(lines: list[str]) -> str:
    """The notice of saved jobs that now state what they pay, plain text."""
    end = "/saved lists your saved jobs."
    if len(lines) == 1:
        return f"💰 A job you saved now says what it pays: {lines[0]}.\n{end}"
    head = [f"💰 {len(lines)} jobs you saved now say what they pay:"]
    more = [f"…and {len(lines) - LISTED} more"] if len(lines) > LISTED else []
    return "\n".join([*head, *(f"• {line}" for line in lines[:LISTED]), *more, end])
