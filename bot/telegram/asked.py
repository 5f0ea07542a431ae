"""A command a text asks for without its slash ("pause for 2 weeks") or in words ("how do I
delete an alert", "turn off alert 2", "only send jobs once a day", "don't send anything at
night"): the command, ready to copy. Pure; `talk` answers texts with it."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from bot.pausetime import looks_like_a_time
from bot.telegram.commands import Command
from bot.telegram.whyname import words_of
from bot.wording import shorten
from bot.words import fold

esc = html.escape


# Words of a text that asks for a command in words ("show me my alerts", "how do I delete an
# alert", "can you pause my alerts"): the command each asks for; the first named wins.
_ASKED = {
    "add": "alert", "create": "alert", "alerts": "alerts", "delete": "delete", "remove": "delete", "edit": "edit",
    "change": "edit", "pause": "pause", "snooze": "pause", "resume": "resume",
    "unpause": "resume", "unsubscribe": "stop", "stop": "stop", "digest": "digest",
    "quiet": "quiet", "timezone": "timezone", "settings": "settings", "saved": "saved",
    "export": "export", "import": "import", "follow": "follow", "following": "following",
    "unfollow": "unfollow", "applications": "applied",
    "mute": "mute", "muted": "muted", "unmute": "unmute", "help": "help", "commands": "help",
}  # fmt: skip
# Words that make a text one said to the bot, not keywords ("my alerts", "how do I ...").
_TO_THE_BOT = frozenset({
    "my", "me", "i", "im", "how", "can", "could", "please", "pls", "want", "show", "list",
    "see", "you", "do", "all", "any",
})  # fmt: skip
_WHY = (
    "To hear why a job did or didn't reach you, reply <code>why?</code> to its message, or send "
    "<code>/why</code> with its link or its title's words (<code>/why Go Developer Vellum "
    "Pay</code>)."
)
_STOP = (
    "To stop the messages and keep your alerts: <code>/pause</code> (<code>/pause 2w</code> for "
    "two weeks; /resume starts them again). <code>/stop</code> unsubscribes you and deletes "
    "your alerts."
)


def asked(words: list[str], commands: Mapping[str, Command]) -> str | None:
    """The reply to a text that names one of our commands without its slash: the command
    itself ("pause for 2 weeks": `/pause for 2 weeks`), or one asked for in words ("how do I
    delete an alert": `/delete <id>`); None when it names none, or is keywords that happen to
    name one ("export compliance")."""
    if (setting := _setting_asked(" ".join(words), commands)) is not None:
        return setting
    folded = _switches(fold(w.strip(",.!?:;")) for w in words)
    words = (
        words[len(words) - len(folded) :] if folded and folded[0] in ("pause", "resume") else words
    )
    first = folded[0] if folded else ""
    ids = _ids(folded)
    named = bool(ids) and bool({"alert", "alerts"} & set(folded))  # "remove alert 1"
    first = "pause" if named and first == "stop" else first  # "stop alert 1": not /stop
    if named and _ASKED.get(first) in _BY_ID and _ASKED[first] in commands:
        return _with_ids(_ASKED[first], ids, words)
    if first in ("delete", "remove") and "all" in folded and not ids and "delete" in commands:
        return "Commands start with a slash: <code>/delete all</code>."  # "delete all my alerts"
    if (company := _followed(folded, words)) and "follow" in commands:
        return f"Commands start with a slash: <code>/follow {esc(shorten(company, 200))}</code>."
    slashless = first in commands and first not in ("alert", "search", "stop", "help")
    if slashless and (said := _slashless(commands[first], words)) is not None:
        return said
    return _in_words(folded, words, ids if named else [], commands)


def _ids(folded: list[str]) -> list[str]:
    """The alert ids a text names ("alert 3", "#3"), not a time ("for 2 weeks")."""
    return [
        w.lstrip("#")
        for k, w in enumerate(folded)
        if w.lstrip("#").isdigit() and (folded[k + 1 : k + 2] or [""])[0] not in _TIME_UNITS
    ]


def _slashless(cmd: Command, words: list[str]) -> str | None:
    """The reply to a command typed without its slash ("pause for 2 weeks", "why didn't I get
    the Go Developer job"): the command with its words; None when they are no arguments of it."""
    rest = " ".join(words[1:])
    if cmd.name == "why":  # "why didn't I get the Go Developer job": /why go developer
        rest = " ".join(words_of(rest)) or rest
        if not rest:  # "why?", not in reply to a job's message
            return _WHY
    follows = cmd.name != "follow" or "." in rest  # not "follow up specialist": an address
    if rest and cmd.args and follows:
        return f"Commands start with a slash: <code>/{cmd.name} {esc(shorten(rest, 200))}</code>."
    if cmd.name == "follow" and rest and len(words) <= 4:  # a company, or "follow up" words
        return (
            f"To follow a company's jobs: <code>/follow {esc(rest)}</code>. For each new job "
            f"with these words: <code>/alert {esc(' '.join(words))}</code>."
        )
    return None


def _in_words(
    folded: list[str], words: list[str], ids: list[str], commands: Mapping[str, Command]
) -> str | None:
    """The command a text asks for in words ("how do I delete an alert", "can you pause alert
    3", "what companies do I follow"), with the alert `ids` it names; None for keywords."""
    talk = len(folded) == 1 or bool(ids) or any(w in _TO_THE_BOT for w in folded)
    name = next((_ASKED[w] for w in folded if w in _ASKED), None) if talk else None
    if "timezone" in folded and (talk or folded[0] in ("set", "change", "update")):
        name = "timezone"  # "change my timezone": not /edit
    if ids and name in _BY_ID and name in commands:
        return _with_ids(name, ids, words)  # "can you pause alert 3"
    if name == "stop":
        return _STOP
    if name == "help":
        return (
            "Send /help for every command, or <code>/help alert</code> for how to write an alert."
        )
    if name == "follow" and {"what", "which", "who", "list", "show"} & set(folded):
        name = "following"  # "what companies do I follow"
    if name is None or name not in commands:
        return None
    cmd = commands[name]
    if name == "timezone" and (zone := _after_to(words)):  # "set my timezone to berlin"
        return f"Commands start with a slash: <code>/timezone {esc(shorten(zone, 60))}</code>."
    usage = esc(f"/{cmd.name} {cmd.args}".strip())
    return f"<code>{usage}</code> — {esc(cmd.summary)}. /help {cmd.name} says more."


# "I want to follow Stripe", "can you watch Adyen for me?": the name after the verb.
_FOLLOW = frozenset({"follow", "watch", "track", "monitor"})
_ASKING = frozenset({
    "i", "im", "i'd", "i'm", "id", "want", "to", "can", "could", "you", "please", "pls",
    "would", "like", "love",
})  # fmt: skip
_NOT_A_NAME = frozenset({"up", "me", "my", "the", "jobs", "alerts", "alert", "companies", "boards"})


def _followed(folded: list[str], words: list[str]) -> str:
    """The company a text asks to follow in words ("I want to follow Stripe", "can you watch
    Adyen for me?"), or "": a verb of following after words of asking, a name after it."""
    at = next((k for k, w in enumerate(folded) if w in _FOLLOW), None)
    if at is None or not at or not set(folded[:at]) <= _ASKING:
        return ""  # "follow up specialist", "watch" said first: keywords or the command
    rest = [w.strip(",.!?") for w in words[at + 1 :]]
    while rest and fold(rest[-1]) in ("please", "pls", "me", "for", "jobs", "too", "also"):
        rest.pop()  # "… for me please"
    if not rest or fold(rest[0]) in _NOT_A_NAME or len(rest) > 6:
        return ""
    return " ".join(rest).removesuffix("'s").removesuffix("’s")


def _after_to(words: list[str]) -> str:
    """The words after "to" or "is" ("set my timezone to Europe/Berlin"), or ""."""
    folded = [fold(w) for w in words]
    at = next((k for k, w in enumerate(folded) if w in ("to", "is")), len(words))
    return " ".join(words[at + 1 :]).strip(" .!?")


_BY_ID = ("delete", "pause", "resume", "edit", "digest")  # commands that take alert ids
_SWITCHED = {("turn", "off"): "pause", ("switch", "off"): "pause", ("disable",): "pause",
             ("turn", "on"): "resume", ("switch", "on"): "resume", ("enable",): "resume"}  # fmt: skip


def _switches(folded: Iterable[str]) -> list[str]:
    """The words with "turn off alert 1" (switch, disable; on, enable) as "pause alert 1"."""
    out = list(folded)
    for said, name in _SWITCHED.items():
        if tuple(out[: len(said)]) == said:
            return [name, *out[len(said) :]]
    return out


# Asked in words for how jobs come: one message a day or a week (a digest), none at night.
_ONCE = re.compile(
    r"\b(?:once|one (?:message|summary|email|update)) (?:a|per|each) (?P<once>day|week)\b"
    r"|\b(?P<every>daily|weekly) (?:digest|summary|summaries|email|update|message)s?\b",
    re.IGNORECASE,
)
_AT = re.compile(r"\bat (\d{1,2}(?::\d{2})?\s*(?:am|pm)?)(?!\w)", re.IGNORECASE)
# "only in the morning", "every evening": a daily digest at that hour.
_PART_OF_DAY = re.compile(
    r"\b(?:every|each|in the|only in the|once in the) (?P<part>morning|evening)\b", re.IGNORECASE
)
_SOURCES = re.compile(
    r"\b(?:which|what) (?:job )?(?:boards|sites|websites|sources|platforms) (?:do|does|can) "
    r"|\bhow often (?:do|does|are|is) (?:you|it|the bot|jobs?|boards?) "
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
_NIGHT = re.compile(
    r"\b(?:at|during the|over(?: the)?) night\b|\bwhile i\W?m? ?(?:am )?sleep", re.I
)
_FEWER = re.compile(
    r"^\W*(?:(?:too|so) many|fewer|less)(?: (?:jobs|messages|alerts|notifications))?"
    r"(?: please| pls)?\W*$|\b(?:too|so) many (?:jobs|messages|alerts|notifications)\b",
    re.IGNORECASE,
)
_NOT = re.compile(r"\b(?:don'?t|do not|no|not|never|stop|nothing)\b", re.IGNORECASE)
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


def _setting_asked(text: str, commands: Mapping[str, Command]) -> str | None:
    """The /digest or /quiet a text asks for in words ("only send jobs once a day", "a daily
    digest at 9am", "don't send anything at night"), or what the bot reads, or news of an
    interview, ready to copy; None for another."""
    if (often := _ONCE.search(text)) and "digest" in commands:
        every = (
            "daily" if (often["once"] or often["every"]).lower() in ("day", "daily") else "weekly"
        )
        at = f" {time[1].replace(' ', '')}" if (time := _AT.search(text)) else ""
        return (
            f"One message with all the jobs {'each day' if every == 'daily' else 'each week'}: "
            f"<code>/digest {every}{at}</code> (your time: /timezone sets it)."
        )
    if (part := _PART_OF_DAY.search(text)) and "digest" in commands:
        at = "08:00" if part["part"].lower() == "morning" else "18:00"
        return (
            f"One message with the day's jobs every {part['part'].lower()}: "
            f"<code>/digest daily {at}</code> (your time: /timezone sets it)."
        )
    said = ((p, c, r) for p, c, r in _SAID_SO if p.search(text) and c in commands)
    if (found := next(said, None)) is not None:
        return found[2]
    if _NIGHT.search(text) and _NOT.search(text) and "quiet" in commands:
        return (
            "Quiet hours hold jobs at night and send them in one message when they end: "
            "<code>/quiet 22:00-07:00</code> (your time: /timezone sets it)."
        )
    return None


# What a text asks in words, the command the answer names, and the answer: the first wins.
_SAID_SO: tuple[tuple[re.Pattern[str], str, str], ...] = (
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


_TIME_UNITS = frozenset({
    "h", "hour", "hours", "d", "day", "days", "w", "wk", "wks", "week", "weeks", "month", "months",
})  # fmt: skip


def _with_ids(name: str, ids: list[str], words: list[str]) -> str:
    """The command a text asks for with the alert ids it names ("remove alert 1": /delete 1;
    "change alert 2 to rust go": /edit 2 rust go), ready to copy."""
    line = f"/{name} {' '.join(ids)}"
    if name in ("edit", "digest") or (name == "pause" and len(ids) == 1):
        after = " ".join(words).split(ids[0], 1)[-1].split()
        while after and fold(after[0]) in ("to", "into", "with", "as", "so", "it", ":", "-"):
            after = after[1:]
        if name != "pause" or looks_like_a_time(" ".join(after)):  # "… 2 for 3 days"
            line = f"/{name} {ids[0]} {' '.join(after)}".strip()
    return f"Commands start with a slash: <code>{esc(shorten(line, 200))}</code>."
