"""A text that asks for jobs without saying which ("any new jobs?", "show me jobs", "latest"):
the /search of each of the user's alerts, ready to tap, or how to begin. (Keywords would
have been offered as an alert: "/alert show me jobs" finds nothing.)"""

from __future__ import annotations

import html
import re

from bot.store import Stores
from bot.transport import Incoming
from bot.words import tokens

esc = html.escape

# Words of a text that asks for jobs in general, and nothing else.
_ASKING = frozenset({
    "any", "anything", "new", "newest", "latest", "recent", "today", "todays", "jobs", "job",
    "openings", "roles", "postings", "show", "me", "some", "there", "what", "whats", "s", "are",
    "is", "please", "pls", "got", "have", "you", "for", "the", "i", "see", "list", "find",
    "get", "give", "more", "all", "my", "matches", "found", "do", "does", "u", "which",
    "available", "open", "currently",
})  # fmt: skip
_JOBS = frozenset({"jobs", "job", "openings", "roles", "postings", "latest", "new", "newest"})
# A question of what the bot has, before what it asks about: "what do you have for", "show
# me what you've got in", "do you have any", "what's available in".
_HAVE = re.compile(
    r"(?:(?:show|tell)\s+me\s+|so\s+)?(?:(?:what|which)(?:'s|s|\s+is)?\s+(?:(?:jobs?|roles?)\s+)?"
    r"(?:(?:do|did|have)\s+)?(?:you|u)(?:\s+have|\s+got|'ve\s+got|\s+found)"
    r"|(?:do|did)\s+(?:you|u)\s+have|(?:have\s+)?(?:you\s+)?got"
    r"|what(?:'s|s|\s+is)\s+(?:available|open|there))"
    r"(?:\s+(?:any(?:thing)?|some|jobs?|roles?|open|available))*"
    r"(?:\s+(?:for|about|matching)\b)?",
    re.IGNORECASE,
)
MOST = 5  # alerts offered a /search


def asks_for_jobs(text: str) -> bool:
    """Whether `text` asks for jobs and names none ("any new jobs?", "latest", "what have
    you got")."""
    words = set(tokens(text))
    have = "you" in words and bool(words & {"have", "got"})
    return bool(words) and words <= _ASKING and bool(words & _JOBS or have) and len(text) <= 60


def topic(text: str) -> str | None:
    """What a question of what the bot has asks about ("what do you have for scala in
    berlin?": "scala in berlin"); None when `text` is no such question, or names nothing."""
    m = _HAVE.match(text.strip())
    rest = text.strip()[m.end() :].strip(" ?!.") if m else ""
    return rest or None


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
