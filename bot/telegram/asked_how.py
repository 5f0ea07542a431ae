"""How the bot works, asked in words: one message a day or a week, none at night, which boards
it reads, by email, fewer messages, how many came, news of an interview, a holiday and the
return from it, deleting one's data. The command that does it, or the answer, ready to copy.
Pure; `asked` answers texts with it first."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from bot.pausetime import names_a_time
from bot.policy import DeliverySettings
from bot.syntax import ATTRS, FIELD_NAMES
from bot.telegram.asked_when import Timed, digest_asked, quiet_asked, worded
from bot.telegram.commands import Command
from bot.telegram.pause_said import taken

_SOURCES = re.compile(
    r"\b(?:which|what) (?:job )?(?:boards|sites|websites|sources|platforms) (?:do|does|can) "
    r"|\bhow (?:often|fast|quickly|soon) (?:do|does|are|is|will) (?:you|it|the bot|jobs?|boards?) "
    r"|\bwhen (?:do|does) (?:you|it|the bot) (?:check|look|read|poll|update|refresh|search)"
    r"|\b(?:which|what) (?:companies|employers) (?:do|does|can) (?:you|it|the bot) "
    r"|\bwhere do (?:you|the jobs) (?:get|come|find)",
    re.IGNORECASE,
)
_READ = (
    "I read the job boards this bot's admin set up and those its users follow, each every 15 "
    "minutes or so (as set for it), and send a new job as soon as it is read. <code>/help "
    "kinds</code> lists the kinds of board I read; <code>/follow</code> with a company's name "
    "or careers page adds its jobs, /following lists yours."
)
_EMAIL = re.compile(r"\b(?:e-?mails?|newsletter|rss feed)\b", re.IGNORECASE)
_FEWER = re.compile(
    r"^\W*(?:(?:too|so) many|fewer|less)(?: (?:jobs|messages|alerts|notifications))?"
    r"(?: please| pls)?\W*$|\b(?:too|so) many (?:jobs|messages|alerts|notifications)\b",
    re.IGNORECASE,
)
_HOW_MANY = re.compile(
    r"\bhow many (?:jobs|messages|alerts|matches|postings)\b.*\b(?:sent|got|get|received|"
    r"had|found|matched|this|last|today)\b",
    re.IGNORECASE,
)
# "I got an interview at Vellum Pay!", "I have two interviews next week".
_INTERVIEW = re.compile(
    r"\b(?:i|we)(?:'?ve| have)? (?:got|landed|have|had) (?:an?|the|my|two|three|a few|some) "
    r"(?:\w+ )?interviews?\b",
    re.IGNORECASE,
)


# A holiday ahead ("I'm on holiday until the 4th", "going on vacation for 2 weeks"), and back.
_AWAY = re.compile(
    r"^(?:i\W?m|i am|i\W?ll be|i will be|we\W?re|going|off|taking|heading)\s+(?:going\s+|taking\s+)?"
    r"(?:on\s+|off\s+(?:on\s+)?|away\s+(?:on\s+)?)?(?:a\s+|my\s+|some\s+)?"
    r"(?:holidays?|vacation|leave|break|trip|time off|away)\b(?P<rest>[^?]{0,60})$",
    re.IGNORECASE,
)
_UNTIL = re.compile(
    r"\b(?P<time>(?:until|till|til|for)\s+(?:the\s+)?(?:next\s+)?[\w ]{1,30}?)\s*[.!]*$",
    re.IGNORECASE,
)
_BACK = re.compile(
    r"^(?:(?:i\W?m|i am|we\W?re)\s+back\b(?!\s*end)|back\s+(?:from|again)\b)[^?]{0,60}$",
    re.IGNORECASE,
)
# Asked to delete what the bot keeps ("delete my data", "remove my account", "forget me").
_MY_DATA = re.compile(
    r"\b(?:delete|remove|erase|wipe|forget)\s+(?:all\s+(?:of\s+)?)?(?:my|me)\s*(?:data|account|"
    r"information|info|profile|history|everything|$)|\bgdpr\b|\bright to be forgotten\b",
    re.IGNORECASE,
)


def how_asked(
    text: str, commands: Mapping[str, Command], settings: DeliverySettings | None = None
) -> str | None:
    """The /digest or /quiet a text asks for in words ("only send jobs once a day", "a daily
    digest at 9am", "don't send anything at night"; worded for the user's `settings` when
    known), a /pause for a holiday and the /resume after it, or the answer to how the bot
    works (what it reads, how to write an alert, one's data, LinkedIn, an interview), ready to
    copy; None for another."""
    if (when := timed(text)) is not None and when.command.split()[0][1:] in commands:
        return worded(when, settings)
    if (away := _away(text)) is not None and "pause" in commands:
        return away
    said = ((p, c, r) for p, c, r in _SAID_SO if p.search(text) and c in commands)
    return next((r for _, _, r in said), None)


def timed(text: str) -> Timed | None:
    """The /digest or /quiet a text asks for in words, as `how_asked` reads it first: a
    digest before all, quiet hours after a holiday and the questions it answers."""
    if (digest := digest_asked(text)) is not None:
        while taken("digest", digest.command.partition(" ")[2]) is None:  # "… at 99": no time
            digest = replace(digest, command=digest.command.rsplit(" ", 1)[0])
        return digest
    if _away(text) is not None or any(p.search(text) for p, _, _ in _SAID_SO):
        return None
    return quiet_asked(text)


WELCOME_BACK = (
    "Welcome back! <code>/resume</code> turns your notifications on again, with one summary "
    "of what matched while they were paused."
)


def is_back(text: str) -> bool:
    """Whether `text` says one is back ("I'm back", "back from holiday")."""
    return _BACK.match(text) is not None


def _away(text: str) -> str | None:
    """The /pause for a holiday said ahead ("I'm on holiday until the 4th"), or the /resume
    after it ("I'm back"); None for another text."""
    if _BACK.match(text):
        return WELCOME_BACK
    if (away := _AWAY.match(text)) is None:
        return None
    when = _UNTIL.search(away["rest"])
    pause = f"/pause {when['time'].lower()}" if when and names_a_time(when["time"]) else ""
    return (
        f"Have a good break! <code>{pause or '/pause 2w'}</code> stops the messages "
        f"{'until then' if pause else 'for two weeks (<code>/pause until fri</code>: to a day)'}"
        "; they come back on by themselves, with one summary of what matched meanwhile."
    )


# How to write an alert, asked in words: "what does remote:yes mean", "how do I use OR". The
# filters are the language's own (`bot.syntax`), and level:, which people ask of too.
_FILTERS = "|".join(re.escape(name) for name in (*FIELD_NAMES, *ATTRS, "level"))
_LANGUAGE = re.compile(
    r"\b(?:what\s+(?:does|do|is|are)|how\s+(?:do|does|can|to|should)|explain)\b"
    rf".{{0,60}}?(?:\b(?:{_FILTERS}):|(?-i:\bOR\b|\bAND\b|\bNOT\b)|\bfilters?\b|"
    r"\boperators?\b|\bquer(?:y|ies)\b|\bsyntax\b|\bkeywords\b|\bwildcards?\b)",
    re.IGNORECASE,
)


_MINE = re.compile(
    r"\b(?:what(?:'s|s| is| are)|show(?: me)?)\s+my\s+(?:time\s*zone|digest|quiet hours|settings?)\b",
    re.IGNORECASE,
)


_WALLED = re.compile(
    r"\b(?:linkedin|glassdoor|xing|stepstone|wellfound|ziprecruiter)\b.{0,40}\?"  # not "indeed"
    r"|\b(?:do|can|does) (?:you|it|the bot) (?:support|read|watch|search|cover|scrape) "
    r"(?:linkedin|indeed|glassdoor|xing|stepstone|wellfound|ziprecruiter)\b",
    re.IGNORECASE,
)


# What a text asks in words, the command the answer names, and the answer: the first wins.
_SAID_SO: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        _WALLED,
        "follow",
        "I don't read LinkedIn, Indeed, Glassdoor and the like: they show jobs only to people "
        "logged in. The same jobs are on the companies' own boards: <code>/follow</code> with a "
        "company's name or careers page reads them.",
    ),
    (_MINE, "settings", "/settings shows your time zone, digest, quiet hours and hourly cap."),
    (
        _LANGUAGE,
        "alert",
        "<code>/help alert</code> shows how to write an alert: words a job has, "
        '<code>"phrases"</code>, <code>rust OR go</code>, <code>-crypto</code> to leave out, '
        "and filters such as <code>remote:yes</code>, <code>from:germany</code>, "
        "<code>salary:&gt;=100k</code>.",
    ),
    (
        _MY_DATA,
        "stop",
        "<code>/stop</code> deletes all the bot keeps of you: your alerts, settings, muted and "
        "followed companies, saved jobs and history (it asks first; <code>/export</code> "
        "before it keeps a copy). To stop the messages and keep all that: <code>/pause</code>.",
    ),
    (_SOURCES, "follow", _READ),
    (
        _EMAIL,
        "digest",
        "I send jobs here in Telegram only. For one message a day with all of them: "
        "<code>/digest daily</code>.",
    ),
    (
        _FEWER,
        "digest",
        "Fewer messages: <code>/digest daily</code> sends one a day with all the jobs; "
        "<code>/settings cap 10</code> sends at most 10 an hour; more words in an alert "
        "(/alerts) narrow it; <code>/pause 2w</code> stops them for two weeks.",
    ),
    (
        _HOW_MANY,
        "alerts",
        "/alerts shows how many jobs each of your alerts sent in the last 7 days; /saved "
        "lists the jobs you saved.",
    ),
    (
        _INTERVIEW,
        "saved",
        "Good luck! 🤞 /saved keeps jobs to come back to (<code>/applied 3</code> marks one "
        "applied); your alerts keep looking meanwhile.",
    ),
)
