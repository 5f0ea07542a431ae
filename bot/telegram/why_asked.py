"""Why a job named in words did not come, asked in a sentence ("why didn't I get the golang
job at Nubank?"): /why's own answer when its words name stored jobs (it was "Commands start
with a slash: /why golang Nubank", one more round trip); `talk`'s reply else. Nothing changes,
so it is safe to answer at once. `texts` routes to it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from bot.store import Stores
from bot.telegram import talk, whyname
from bot.telegram.commands import Command
from bot.telegram.control import ControlCommands
from bot.transport import Incoming

_ASKED = re.compile(
    r"(?:but\s+|so\s+)?(?:why|how\s+come)\s+(?:didn'?t|did\s+not|didnt|wasn'?t|was\s+not|"
    r"haven'?t|have\s+not|hasn'?t)\s+(?P<rest>[^?!]{3,160}?)[\s?!.]*",
    re.IGNORECASE,
)
_JOB = re.compile(r"\b(?:jobs?|roles?|positions?|postings?|openings?|offers?)\b", re.IGNORECASE)
# Words of a time, not of a job ("why didn't I get any jobs today?"): /why has nothing to find.
_WHEN = frozenset({
    "today", "yesterday", "lately", "recently", "anymore", "tonight", "week", "month", "yet",
    "new", "more", "other", "those", "these", "such", "similar", "like", "any", "some",
})  # fmt: skip


def named(text: str) -> str | None:
    """The words of the job a text asks about ("golang Nubank"), or None: no such question,
    or no words of a job in it ("why didn't I get any jobs today?")."""
    said = _ASKED.fullmatch(" ".join(text.split()))
    if said is None or not _JOB.search(said["rest"]):
        return None
    words = [w for w in whyname.words_of(said["rest"]) if w.lower() not in _WHEN]
    return " ".join(words) if words else None


def reply(
    store: Stores, msg: Incoming, words: str, now: datetime, commands: Mapping[str, Command]
) -> str:
    """/why of the job's words when some stored job has them (its verdicts, or the jobs to
    choose from); else what `talk` offers for the text."""
    found, _ = whyname.named(store, words)
    if not found:
        return talk.suggestion(msg.text, commands)
    return ControlCommands(lambda: now).cmd_why(store, msg, words)
