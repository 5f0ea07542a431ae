"""A text that asks for jobs without saying which ("any new jobs?", "show me jobs", "latest"):
the /search of each of the user's alerts, ready to tap, or how to begin. (Keywords would
have been offered as an alert: "/alert show me jobs" finds nothing.)"""

from __future__ import annotations

import html

from bot.store import Stores
from bot.transport import Incoming
from bot.words import tokens

esc = html.escape

# Words of a text that asks for jobs in general, and nothing else.
_ASKING = frozenset({
    "any", "anything", "new", "newest", "latest", "recent", "today", "todays", "jobs", "job",
    "openings", "roles", "postings", "show", "me", "some", "there", "what", "whats", "s", "are",
    "is", "please", "pls", "got", "have", "you", "for", "the", "i", "see", "list", "find",
    "get", "give", "more", "all", "my", "matches", "found",
})  # fmt: skip
_JOBS = frozenset({"jobs", "job", "openings", "roles", "postings", "latest", "new", "newest"})
MOST = 5  # alerts offered a /search


def asks_for_jobs(text: str) -> bool:
    """Whether `text` asks for jobs and names none ("any new jobs?", "latest")."""
    words = set(tokens(text))
    return bool(words) and words <= _ASKING and bool(words & _JOBS) and len(text) <= 60


def reply(store: Stores, msg: Incoming, arg: str = "") -> str:
    """The /search of each of the user's alerts (the first five), or, with none, how to say
    what to look for."""
    alerts = store.alerts.alerts(msg.chat_id)[:MOST]
    if not alerts:
        return (
            "Tell me what to look for: <code>/search rust backend</code> lists the stored jobs "
            "that match, <code>/alert rust backend</code> sends each new one."
        )
    lines = "\n".join(f"<code>/search {esc(a.query)}</code>" for a in alerts)
    return (
        "New jobs come by themselves as your alerts match them. The latest each alert matches "
        f"(tap to copy):\n{lines}\n/saved lists the jobs you saved."
    )
