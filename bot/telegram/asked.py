"""A command a text asks for without its slash ("pause for 2 weeks") or in words ("how do I
delete an alert", "turn off alert 2", "only send jobs once a day", "don't send anything at
night"): the command, ready to copy. Pure; `talk` answers texts with it."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from bot.errors import QueryError
from bot.query import parse
from bot.syntax import Field, Or, Phrase, Word, format_node
from bot.telegram.asked_how import how_asked
from bot.telegram.commands import Command
from bot.telegram.companies_asked import AT_ONCE, listed
from bot.telegram.pause_said import NO_END, is_reason, taken
from bot.telegram.tips.sentence import meant
from bot.telegram.whyname import words_of
from bot.wording import shorten
from bot.words import fold, tokens

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
    "mute": "mute", "muted": "muted", "unmute": "unmute", "help": "help", "commands": "help", "menu": "help",
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
    if (setting := how_asked(" ".join(words), commands)) is not None:
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
    mine = "alerts" in folded and set(folded[1:]) <= {"my", "the", "alerts", "please", "pls"}
    every = "all" in folded or mine  # "delete my alerts": /delete all asks first
    if first in ("delete", "remove") and every and not ids and "delete" in commands:
        return "Commands start with a slash: <code>/delete all</code>."  # "delete my alerts"
    if (both := _followed_for(folded, words)) and "follow" in commands and "alert" in commands:
        return both  # "I want to watch Monzo, Revolut and Wise for rust roles"
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
    if cmd.name == "why" and "://" not in rest:  # "why didn't I get the Go Developer job"
        rest = " ".join(words_of(rest))  # /why go developer
        if not rest:  # "why?", "why did I get this job", not in reply to a job's message
            return _WHY
    first = rest.split()[0].lower() if rest else ""
    if cmd.name in _NUMBERED and not (first.isdigit() or first in _NUMBERED[cmd.name]):
        if cmd.name == "applied":  # "applied scientist jobs": keywords, not /applied of one
            return None
        usage = esc(f"/{cmd.name} {cmd.args}".strip())  # "unsave the rust job": its number
        return f"<code>{usage}</code> — {esc(cmd.summary)}. /saved lists them by number."
    follows = cmd.name != "follow" or "." in rest  # not "follow up specialist": an address
    if rest and cmd.args and follows:
        if (line := taken(cmd.name, rest)) is None:  # "pause during exams": no end; "quiet …"
            return _cannot(cmd, rest)
        return f"Commands start with a slash: <code>/{cmd.name} {esc(shorten(line, 200))}</code>."
    if cmd.name == "follow" and rest and len(words) <= 4:  # a company, or "follow up" words
        if all(w.lower() in ("or", "and", "not") for w in rest.split()):
            return None  # "follow or": no company, and no alert either
        alert = " ".join(words)
        also = (
            f" For each new job with these words: <code>/alert {esc(alert)}</code>."
            if _parses(alert)
            else ""
        )
        return f"To follow a company's jobs: <code>/follow {esc(rest)}</code>.{also}"
    return None


def _cannot(cmd: Command, rest: str) -> str:
    """The reply to a command typed without its slash with words it cannot take: for a
    pause's reason alone ("pause during exams"), how to pause with it; else its usage."""
    if cmd.name == "pause" and is_reason(rest):
        return NO_END
    usage = esc(f"/{cmd.name} {cmd.args}".strip())
    return f"<code>{usage}</code> — {esc(cmd.summary)}. /help {cmd.name} says more."


def _parses(query: str) -> bool:
    """Whether `query` is an alert as it stands ("follow acme or" is not)."""
    try:
        parse(query)
    except QueryError:
        return False
    return True


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


def asks_to_follow(words: list[str]) -> bool:
    """Whether a text asks to follow a company in words ("I want to follow Monzo for remote go
    jobs"): a sentence of the jobs it wants, but a /follow first."""
    return _follow_at([fold(w.strip(",.!?:;")) for w in words]) is not None


def _follow_at(folded: list[str]) -> int | None:
    """Where a verb of following stands after words of asking ("can you watch …"), or None."""
    at = next((k for k, w in enumerate(folded) if w in _FOLLOW), None)
    return at if at and set(folded[:at]) <= _ASKING else None


def _followed(folded: list[str], words: list[str]) -> str:
    """The companies a text asks to follow in words ("I want to follow Stripe", "can you watch
    Adyen for me?"), or "": a verb of following after words of asking, a name after it, or a
    list of names ("Stripe, Wise and Canva": `listed`; without commas, "stripe wise monzo and
    canva", a name each word)."""
    if (at := _follow_at(folded)) is None:
        return ""  # "follow up specialist", "watch" said first: keywords or the command
    rest = words[at + 1 :]
    while rest and fold(rest[-1].strip(",.!?")) in (
        "please",
        "pls",
        "me",
        "for",
        "jobs",
        "too",
        "also",
    ):
        rest = rest[:-1]  # "… for me please"
    said = " ".join(rest).strip(" ,.!?").removesuffix("'s").removesuffix("’s")
    names = [n for n in _AND.split(said) if n]
    if not names or fold(names[0].split()[0]) in _NOT_A_NAME or len(names) > AT_ONCE:
        return ""
    if len(names) == 1:
        return said if len(rest) <= 6 else ""
    if "," not in said and any(len(n.split()) > 3 for n in names):
        names = [w for n in names for w in (n.split() if len(n.split()) > 3 else [n])]
        return ", ".join(names) if len(names) <= AT_ONCE else ""
    return listed(names, said) if all(len(n.split()) <= 3 for n in names) else ""


_FOR = re.compile(r"\s+for\s+(?:their\s+|its\s+|any\s+)?(?P<kind>[^.!?]{1,60}?)\s*[.!?]*$")
_AND = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


def _followed_for(folded: list[str], words: list[str]) -> str | None:
    """ "I want to watch Monzo, Revolut and Wise for rust roles": the /follow of them, which
    reads their boards, and the /alert of those jobs at them; None for another text."""
    if (at := _follow_at(folded)) is None:
        return None
    said = " ".join(words[at + 1 :])
    if (kind := _FOR.search(said)) is None or fold(kind["kind"]).startswith("me"):
        return None  # "can you watch Adyen for me?"
    names = [n for n in _AND.split(said[: kind.start()]) if n]
    query = meant(f"{kind['kind']} jobs")
    if not names or len(names) > 10 or any(len(n.split()) > 3 for n in names) or not query:
        return None
    each = [Word(t[0]) if len(t) == 1 else Phrase(tuple(t)) for n in names if (t := tokens(n))]
    company = Field("company", each[0] if len(each) == 1 else Or(tuple(each)))
    alert = esc(shorten(f"{query} {format_node(company)}", 200))
    boards = "their job boards" if len(names) > 1 else "its job board"
    return (
        f"Commands start with a slash: <code>/follow {esc(', '.join(names))}</code> reads "
        f"{boards}; then <code>/alert {alert}</code> sends each of those jobs there."
    )


def _after_to(words: list[str]) -> str:
    """The words after "to" or "is" ("set my timezone to Europe/Berlin"), or ""."""
    folded = [fold(w) for w in words]
    at = next((k for k, w in enumerate(folded) if w in ("to", "is")), len(words))
    return " ".join(words[at + 1 :]).strip(" .!?")


_NUMBERED = {"applied": (), "unsave": ("closed",)}  # a saved job's number, or these
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


_TIME_UNITS = frozenset({
    "h", "hour", "hours", "d", "day", "days", "w", "wk", "wks", "week", "weeks", "month", "months",
})  # fmt: skip


def _with_ids(name: str, ids: list[str], words: list[str]) -> str:
    """The command a text asks for with the alert ids it names ("remove alert 1": /delete 1;
    "change alert 2 to rust go": /edit 2 rust go), ready to copy."""
    line = f"/{name} {' '.join(ids)}"
    if name in ("edit", "digest", "pause"):
        after = " ".join(words).split(ids[0], 1)[-1].split()
        while after and fold(after[0]) in ("to", "into", "with", "as", "so", "it", ":", "-"):
            after = after[1:]
        said = f"{ids[0]} {' '.join(after)}".strip()  # "… 2 for 3 days", "… 1 until dec 20"
        if name != "edit":  # as its command takes it, or a /digest of the id alone
            said = taken(name, said) or (ids[0] if name == "digest" else "")
        line = f"/{name} {said}" if said else line
    return f"Commands start with a slash: <code>{esc(shorten(line, 200))}</code>."
