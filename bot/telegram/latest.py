"""A text that asks for jobs without saying which ("any new jobs?", "show me jobs", "latest"):
first the jobs held for a summary (quiet hours, a digest, a pause) and when it comes, then
the /search of each of the user's alerts, ready to tap, or how to begin. (Keywords would
have been offered as an alert: "/alert show me jobs" finds nothing.) Also the words of the
jobs a question asks for ("what do you have for scala?") or about ("how much does the rust
job at Acme pay?"), which `talk` offers as commands."""

from __future__ import annotations

import html
import re
from datetime import datetime

from bot.policy import DeliverySettings, fmt_minutes, weekend_ends, zone
from bot.store import Stores
from bot.telegram.delivery_modes import local_time
from bot.transport import Incoming
from bot.wording import plural
from bot.words import tokens

esc = html.escape

# Words of a text that asks for jobs in general, and nothing else.
_ASKING = frozenset({
    "any", "anything", "new", "newest", "latest", "recent", "today", "todays", "jobs", "job",
    "openings", "roles", "postings", "show", "me", "some", "there", "what", "whats", "s", "are",
    "is", "please", "pls", "got", "have", "you", "for", "the", "i", "see", "list", "find",
    "get", "give", "more", "all", "my", "matches", "found", "do", "does", "u", "which",
    "available", "open", "currently", "who", "hiring", "everything",
})  # fmt: skip
_JOBS = frozenset({
    "jobs", "job", "openings", "roles", "postings", "latest", "new", "newest", "hiring",
    "everything",
})  # fmt: skip
# A question of what the bot has, before what it asks about: "what do you have for", "show
# me what you've got in", "do you have any", "what's available in", "who is hiring".
_HAVE = re.compile(
    r"(?:(?:show|tell)\s+me\s+|so\s+)?(?:(?:what|which)(?:'s|s|\s+is)?\s+(?:(?:jobs?|roles?)\s+)?"
    r"(?:(?:do|did|have)\s+)?(?:you|u)(?:\s+have|\s+got|'ve\s+got|\s+found)"
    r"|(?:do|did)\s+(?:you|u)\s+have|(?:have\s+)?(?:you\s+)?got"
    r"|what(?:'s|s|\s+is)\s+(?:available|open|there)|(?:are|is)\s+there|how\s+many"
    r"|(?:who|which\s+companies)(?:'s|s|\s+is|\s+are)\s+hiring|(?:is\s+)?any(?:one|body)\s+hiring)"
    r"(?:\s+(?:any(?:thing)?|some|jobs?|roles?|open|available))*"
    r"(?:\s+(?:for|about|matching)\b)?",
    re.IGNORECASE,
)
# A question of what a company has: "is Monzo hiring (rust engineers)?", "does Adyen have any
# rust openings?", "are there go jobs at Stripe" is a sentence of its own.
_NAME = (
    r"(?P<name>(?!(?:it|this|that|anyone|anybody|everyone|you|u|they|he|she|there)\b)"
    r"[\w&.'-]+(?:\s+(?-i:[A-Z])[\w&.'-]*){0,2})"
)
_HIRING = (
    re.compile(
        rf"(?:is|are)\s+{_NAME}\s+(?:still\s+|currently\s+)?hiring(?:\s+(?:any\s+)?"
        r"(?P<what>.+?))?[\s?!.]*",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?:does|do)\s+{_NAME}\s+have\s+(?:any\s+)?(?:open\s+)?(?P<what>.+?)[\s?!.]*",
        re.IGNORECASE,
    ),
)
# A question about one job: what it pays, whether it is remote, where it is. Its words name
# the job; its /search line answers.
_ABOUT = re.compile(
    r"(?:how\s+much|what)\s+(?:does|do|did|would|will)\s+(?:the\s+|that\s+|this\s+)?(?P<pay>.+?)"
    r"\s+(?:pay|offer|make|earn)"
    r"|what(?:'s|s|\s+is)\s+the\s+(?:salary|pay)\s+(?:of|for|at|in)\s+(?:the\s+)?(?P<of>.+?)"
    r"|(?:is|are)\s+(?:the\s+|that\s+|this\s+)?(?P<is>.+?\b(?:jobs?|roles?|positions?)\b.*?)"
    r"\s+(?:(?:fully\s+)?remote|hybrid|on-?site|in[- ]office|full[- ]time|part[- ]time)"
    r"|where\s+is\s+(?:the\s+|that\s+|this\s+)?(?P<where>.+?\b(?:job|role|position)\b.*?)"
    r"(?:\s+(?:based|located))?"
    r"|is\s+(?P<it>it|this|that|this\s+one)\s+(?:(?:fully\s+)?remote|hybrid|on-?site"
    r"|full[- ]time|part[- ]time)"
    r"|where\s+is\s+(?P<at>it|this|that|this\s+one)(?:\s+(?:based|located))?",
    re.IGNORECASE,
)
MOST = 5  # alerts offered a /search


def asks_for_jobs(text: str) -> bool:
    """Whether `text` asks for jobs and names none ("any new jobs?", "latest", "what have
    you got")."""
    said = tokens(text)
    if any(said[k : k + 2] in (["i", "got"], ["i", "found"]) for k in range(len(said))):
        return False  # "I got the job!": news, not a question
    words = set(said)
    have = "you" in words and bool(words & {"have", "got"})
    return bool(words) and words <= _ASKING and bool(words & _JOBS or have) and len(text) <= 60


def topic(text: str) -> str | None:
    """What a question of what the bot has asks about ("what do you have for scala in
    berlin?": "scala in berlin"), or of what a company has ("is Monzo hiring?", "does Adyen
    have any rust openings?": "rust jobs at Adyen"); None when `text` is no such question (a
    question is short), or names nothing."""
    for asked in _HIRING if len(text) <= 200 else ():
        if hiring := asked.fullmatch(text.strip()):  # "is Monzo hiring?"
            return f"{hiring['what'] or ''} jobs at {hiring['name']}".strip()
    m = _HAVE.match(text.strip()) if len(text) <= 200 else None
    rest = text.strip()[m.end() :].strip(" ?!.") if m else ""
    return rest if set(tokens(rest)) - _NOTHING else None  # not "you got this"


def reply(store: Stores, msg: Incoming, arg: str = "") -> str:
    """The jobs held for a summary, and when it comes; then the /search of each of the user's
    alerts (the first five), or, with none, how to say what to look for."""
    alerts = store.alerts.alerts(msg.chat_id)[:MOST]
    held = held_line(store, msg.chat_id)
    if not alerts:
        return held + (
            "Tell me what to look for: <code>/search rust backend</code> lists the stored jobs "
            "that match, <code>/alert rust backend</code> sends each new one."
        )
    lines = "\n".join(f"<code>/search {esc(a.query)}</code>" for a in alerts)
    return held + (
        "New jobs come by themselves as your alerts match them. The latest each alert matches "
        f"(tap to copy):\n{lines}\n/saved lists the jobs you saved."
    )


def held_line(store: Stores, chat_id: int) -> str:
    """ "6 jobs wait for your quiet hours to end: one summary at Sat 21 Nov 12:00 (UTC).",
    with its line break; "" when none waits."""
    held, due = store.held.held_count(chat_id)
    if not held:
        return ""
    jobs = f"{plural(held, 'job')} matched and wait{'s' * (held == 1)}"
    user = store.users.user(chat_id)
    if due is None or (user is not None and user.state == "paused"):
        return f"⏸ {jobs} for a resume: /resume sends them in one summary.\n\n"
    settings = store.users.settings(chat_id)
    when = f"{local_time(due, settings.timezone)} ({esc(settings.timezone)})"
    return f"🌙 {jobs} for {_holding(settings, due)}: one summary at {when}.\n\n"


def _holding(settings: DeliverySettings, due: datetime) -> str:
    """What holds jobs until `due`, by the local minute it comes at: the end of the quiet
    hours or of a quiet weekend, a digest, or a summary."""
    local = due.astimezone(zone(settings.timezone))
    minute = local.hour * 60 + local.minute
    if settings.quiet and minute == settings.quiet[1]:
        return f"your quiet hours ({fmt_minutes(settings.quiet[0])}–{fmt_minutes(minute)}) to end"
    if settings.quiet_weekends and local.weekday() == 0 and minute == weekend_ends(settings):
        return "your quiet weekend to end"
    if settings.mode != "instant" and minute == settings.digest_at:
        return "your digest"
    return "a summary"


def job_asked_about(text: str) -> str | None:
    """The words of the one job a question asks about ("how much does the rust job at Acme
    pay?": "the rust job at Acme"); None when `text` asks no such question."""
    m = _ABOUT.fullmatch(text.strip().rstrip("?!. ")) if len(text) <= 200 else None
    return next((v for v in m.groupdict().values() if v), None) if m else None


ONE_JOB = (
    "A job's message shows its pay (when its board states it), its place and whether it is "
    "remote. For a job you did not get: <code>/search</code> with its title's or company's "
    "words lists the stored ones with theirs."
)
_THE_ONE = frozenset({"it", "this", "that", "one", "they", "them", "job", "role", "position"})
_NOTHING = _THE_ONE | {"me", "you", "a", "an", "the", "thanks", "there", "s"}


def unnamed(job: str) -> bool:
    """Whether the words a question names its job by name none ("it", "this one", "the
    job"): the job is the one its message answers, if any."""
    return set(tokens(job)) <= _NOTHING


def about_job_reply(job: str, query: str | None) -> str:
    """The reply to a question about one job: the /search of its words (`query`, as a
    sentence of them reads), or where the answer is when it names none ("how much does it
    pay?")."""
    if query is None or set(query.split()) <= _THE_ONE:
        return ONE_JOB
    return (
        "Each job's line in /search shows its pay, place and whether it is remote: "
        f"<code>/search {esc(query)}</code>. (Tap to copy.)"
    )
