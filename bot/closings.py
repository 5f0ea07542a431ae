"""Saved jobs that close: whoever saved one hears it once, when its board stops listing it.

A job saved to apply to later is worth nothing once closed, and one applied to that closes
has likely been filled: either way the job seeker wants to know, not to find out in /saved.
The poll that closes postings queues the notices (`Notices.tell`) in its own transaction, so
a close is told once, and after a restart still told; one notice per user and poll, however
many of their saved jobs closed together.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.store import Keep, Notices, Saved

log = logging.getLogger(__name__)
LISTED = 10  # jobs one notice names; the rest are counted


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
    return f"{job.title} — {job.company}{applied}"


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
