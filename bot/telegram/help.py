"""/help's replies: the command list (the admins' too, for an admin), one command's details,
one filter of the alert language (/help salary: its lines of /help alert), the board kinds
(/help kinds); the alert language's examples, shown by /help alert, /help edit and /help
search, as this bot compares currencies now; and the reply to a command this bot does not
have (or a /help of one), with the one likely meant."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Collection

from bot import rates, synonyms
from bot.sources import catalog
from bot.syntax import ATTRS, CHOICES, FIELD_NAMES, FIELDS
from bot.telegram.args import echo
from bot.telegram.commands import Command, help_index
from bot.wording import shorten
from bot.words import fold

esc = html.escape

# The alert language, shown by /help alert and /help search: (example, what it finds).
LANGUAGE: tuple[tuple[str, str], ...] = (
    ("rust backend", "both words, in the title, company, location or description"),
    ('"machine learning"', "these words, in this order (a phone's “curly” quotes too)"),
    ("dev*", "words starting with dev: developer, devops"),
    ("rust OR go", "either word (rust | go too); a comma is not OR: rust, go needs both"),
    ("rust -java", "rust but not java (NOT java, !java too; “no java” gets this offered)"),
    ("(rust OR go) berlin", "parentheses group terms"),
    ("title:(senior OR staff)", "in the title; also company:, location:, board:"),
    ("remote:yes", "remote jobs; remote:hybrid, remote:no (on site); remote=yes works too"),
    ("type:contract", "also type:full-time, type:part-time, type:internship"),
    (
        "location:europe",
        "places in Europe; also eu, emea, dach, nordics, cee, mena, latam, apac, anz, uk, "
        "germany, de; worldwide: jobs open anywhere",
    ),
    (
        "from:germany",
        "jobs you can take from Germany: in it, or open to a region it is in (Remote (EU), "
        "EMEA, Worldwide); from:california also finds Remote - US",
    ),
    (
        "location:munich",
        "a big city by any of its names: München, Muenchen; nyc, sf; munich alone too. "
        'Areas: "bay area", dfw, gta, "twin cities", "research triangle"',
    ),
    (
        "location:texas",
        "a state: Austin, TX, or just Austin; also ontario, nsw, bavaria, karnataka",
    ),
    (
        'near:munich, near:"munich 20km"',
        "jobs in Munich or a town within 40 km of it (or 20 km; 10mi in miles, up to 200 km); "
        'a city or an area (near:"bay area")',
    ),
    (
        "salary:>=100k",
        "a yearly salary of 100k or more (or salary>=100k, salary:100k+); salary:<80k, "
        "salary:100k-150k",
    ),
    ("salary:>=500/day", "a day rate of 500 or more; also /hour, /week, /month"),
    (
        "salary:>=€100k",
        "100k or more in euros (or salary:>=100k eur): a job paid in dollars, pounds… at the "
        "ECB's daily rates; jobs without a salary never match",
    ),  # (`_language`: without exchange rates, in euros only)
    (
        "visa:yes, -visa:no",
        "jobs that offer visa sponsorship; or all but those that say they will not sponsor "
        "(“must be authorized to work in the US”)",
    ),
    (
        "lang:en, -lang:de",
        "jobs written in English; or all but those in German (also fr, es, pt, it, nl, pl, sv, "
        "da, no); "
        "a job with little text has no language",
    ),
    (
        "(salary:>=100k OR salary:none)",
        "100k or more, or no salary stated (most jobs state none); salary:stated, any stated",
    ),
    (
        "years:<=3, years:>=5, years:2-4",
        "jobs that ask at most 3 years of experience (“2+ years of experience”), at least 5, "
        "or 2 to 4; years:3 is years:<=3. Most ask none: (years:<=3 OR years:none)",
    ),
    (
        "rust jobs in berlin over 100k",
        "written as a sentence, every word must be in the job; the reply offers the filters "
        "meant: rust location:berlin salary:>=100k",
    ),
)


# How the entry above reads when this bot has no exchange rates (`[rates] url` off, or offline
# before the first fetch).
NO_RATES = (
    "100k or more in euros (or salary:>=100k eur), only jobs paid in euros: this bot has no "
    "exchange rates to compare dollars, pounds… with; jobs without a salary never match"
)


def _language() -> tuple[tuple[str, str], ...]:
    """The query language's examples, the currency one as this bot compares currencies now."""
    if rates.current() is not None:
        return LANGUAGE
    return tuple((q, NO_RATES if q == "salary:>=€100k" else what) for q, what in LANGUAGE)


LANGUAGE_NOTES = (
    "Whole words, any case, accents optional: zurich finds Zürich. Tech names stay whole: "
    "c++, c#, f#, .net, node.js, ci/cd. go finds Go, not Google or go-live; java is not "
    f"JavaScript. Synonyms: {synonyms.listing()}."
)


def _examples(lines: tuple[tuple[str, str], ...]) -> str:
    return "\n".join(f"<code>{esc(q)}</code> — {esc(what)}" for q, what in lines)


# A <code>…</code> written in a command's help ("Add <code>all</code>"), once escaped.
_CODE = re.compile(r"&lt;code&gt;((?:(?!&lt;/?code&gt;).){1,200}?)&lt;/code&gt;")


def written(text: str) -> str:
    """A command's help as HTML: escaped, its <code>…</code> pairs kept as tags (they showed
    as text: /help follow's "Add <code>all</code>")."""
    return _CODE.sub(r"<code>\1</code>", esc(text))


def command_help(cmd: Command) -> str:
    """The details of one command; with the alert language's examples for those taking a
    query."""
    usage = f"{cmd.name} {esc(cmd.args)}" if cmd.args else cmd.name
    text = f"<b>/{usage}</b>\n{written(cmd.help)}"
    if cmd.name in ("alert", "search", "edit"):
        text += f"\n\n{_examples(_language())}\n{esc(LANGUAGE_NOTES)}"
        text += "\n/help salary (or any filter) shows that filter's lines alone."
    return text


FILTERS = (*FIELD_NAMES, *ATTRS)  # the alert language's filters: /help salary explains one
# What /help is asked about in other words: the alert language is /help alert's.
_TOPICS = dict.fromkeys(("filter", "filters", "query", "queries", "syntax", "language"), "alert")


def field_help(name: str) -> str:
    """/help of a filter of the alert language (`FILTERS`): what it takes and its lines of
    /help alert (those whose example uses it; else those that name it: company:, board:)."""
    used = re.compile(rf"(?<![\w.]){re.escape(name)}\s*[:=<>]")
    language = _language()
    lines = tuple(line for line in language if used.search(line[0])) or tuple(
        line for line in language if used.search(line[1])
    )
    where = "the name of the board it came from" if name == "board" else f"the job's {name}"
    takes = CHOICES.get(name) or (
        f"a word, a quoted phrase or a group in parentheses, looked for in {where} only"
        if name in FIELDS
        else {"near": "a place, and a distance if you like"}.get(name, "a place")
    )
    return (
        f"<b>{name}:</b> is a filter of alerts and /search, not a command. It takes {esc(takes)}."
        f"\n\n{_examples(lines)}\n/help alert shows the whole language."
    )


def help_reply(
    arg: str, commands: tuple[Command, ...], admin_menu: tuple[Command, ...], admin: bool
) -> str:
    """/help [arg]: every command by group (the Admin group for an admin only); or the details
    of one command (an admin's for an admin; to anyone else, that it is the admins'), of one
    filter of the alert language, or the board kinds; else the command likely meant."""
    name = _asked(arg)
    if not name:
        return help_index(commands, admin_menu if admin else ())
    if name == "kinds":
        return catalog.help_list()
    found = {c.name: c for c in commands} | {c.name: c for c in admin_menu if admin}
    if (cmd := found.get(name)) is not None:
        return command_help(cmd)
    if any(c.name == name for c in admin_menu):
        kinds = " /help kinds lists the job boards I read." if name == "boards" else ""
        return f"/{name} is for the bot's admins only. /help lists your commands.{kinds}"
    if name in FILTERS:
        return field_help(name)
    meant = _TOPICS.get(name) or _likely(name, [*found, *FILTERS, "kinds"])
    if meant in (None, "help"):  # ("/help commands": the list it asks for is /help's own)
        return f"There is no /{echo(name)} command. /help lists them all."
    return f"There is no /{echo(name)} command. Did you mean <code>/help {meant}</code>?"


def _asked(arg: str) -> str:
    """What /help was asked about: its first word, without a slash or a filter's value
    ("/alert" is alert, "salary:>=100k" salary, "-visa:no" visa)."""
    words = arg.split()
    first = words[0].lstrip("/").lower() if words else ""
    name = re.split(r"[:=<>]", first, maxsplit=1)[0].lstrip("-!")
    return name if name in FILTERS else first


# Commands other bots have for what jobbot names otherwise.
_MEANT = {
    "list": "alerts", "filters": "alerts", "keywords": "alerts", "myalerts": "alerts",
    "add": "alert", "new": "alert", "create": "alert", "watch": "alert", "subscribe": "start",
    "unsubscribe": "stop", "remove": "delete", "rm": "delete", "del": "delete",
    "find": "search", "jobs": "search", "unpause": "resume", "block": "mute",
    "commands": "help", "menu": "help", "config": "settings", "preferences": "settings",
    # German, folded
    "hilfe": "help", "suche": "search", "suchen": "search", "einstellungen": "settings",
    "abmelden": "stop", "pausieren": "pause", "loschen": "delete", "loeschen": "delete",
    "entfernen": "delete", "folgen": "follow", "fortsetzen": "resume", "weiter": "resume",
    "zeitzone": "timezone", "bearbeiten": "edit", "andern": "edit", "aendern": "edit",
    "stumm": "mute", "blockieren": "mute", "ruhezeit": "quiet", "zusammenfassung": "digest",
    "anmelden": "start", "warum": "why", "gespeichert": "saved", "neu": "alert",
}  # fmt: skip
# ... and what one means with words after it: "/subscribe rust" asks for an alert of rust.
_MEANT_WITH_WORDS = {"subscribe": "alert", "anmelden": "alert", "abonnieren": "alert"}
_CANCEL = frozenset({"cancel", "abort", "abbrechen"})
CANCEL = (
    "There's nothing to cancel now. Did you mean /pause (no jobs for a while), "
    "<code>/delete &lt;id&gt;</code> (remove an alert) or /stop (unsubscribe, delete "
    "everything)?"
)


def unknown_command(name: str, arg: str, known: Collection[str]) -> str:
    """The reply to a command jobbot does not have: the one most likely meant (another bot's
    name for it, or a typo of one of ours, the `known` commands), ready to copy with its
    words; /cancel, with nothing waiting (a command ends an ✏️ Edit's wait), what it may mean."""
    if name == "save" and "saved" in known:  # the button's word, not a command
        return (
            "There's no /save: press ☆ Save under a job I sent, or reply “save” to its message. "
            "/saved lists the jobs you saved."
        )
    if fold(name) in _CANCEL:
        return CANCEL
    meant = (_MEANT_WITH_WORDS.get(fold(name)) if arg else None) or _likely(name, known)
    if meant is None:
        return f"I don't know /{echo(name)}. /help lists what I can do."
    line = f"/{meant} {arg}" if arg else f"/{meant}"
    return f"I don't know /{echo(name)}. Did you mean <code>{esc(shorten(line, 200))}</code>?"


def _likely(name: str, known: Collection[str]) -> str | None:
    """The command most likely meant by `name`: another bot's name for one of ours, or a
    typo of one of the `known`; None for none (or for `name` itself: one turned off)."""
    name = fold(name)  # (/löschen)
    swapped = [c for c in known if _two_swapped(name, c)]  # "/alerst": /alerts, not /alert
    close = swapped or difflib.get_close_matches(name, [*known, *_MEANT], n=1, cutoff=0.75)
    meant = _MEANT.get(name) or next((_MEANT.get(c, c) for c in close), None)
    return None if meant == name else meant


def _two_swapped(typed: str, name: str) -> bool:
    """Whether `typed` is `name` with two letters next to each other swapped."""
    diff = [i for i, (a, b) in enumerate(zip(typed, name, strict=False)) if a != b]
    return (
        len(typed) == len(name)
        and len(diff) == 2
        and diff[1] == diff[0] + 1
        and typed[diff[0]] == name[diff[1]]
        and typed[diff[1]] == name[diff[0]]
    )
