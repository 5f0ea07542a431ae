"""The bot's commands, independent of the chat they arrive through. Replies are Telegram HTML."""

from __future__ import annotations

import asyncio
import difflib
import html
import logging
import re
from collections.abc import Callable
from datetime import datetime

from bot import rates, synonyms
from bot.config import AlertsConfig, FollowConfig
from bot.errors import QueryError, StoreBusy
from bot.render import plural, shorten
from bot.sources import catalog
from bot.store import Db, Stores, utcnow
from bot.telegram import (
    alert_presses,
    alerts_menu,
    buttons,
    control,
    delivery_modes,
    follow,
    muting,
    pausing,
    saving,
    search_pages,
    settings_menu,
    tips,
)
from bot.telegram.access import ACCESS_COMMANDS, AccessCommands
from bot.telegram.admin import ADMIN_COMMANDS, ADMIN_MENU, AdminCommands
from bot.telegram.args import echo, with_scheme
from bot.telegram.commands import Command, Route, help_index
from bot.telegram.dbworker import StoreWorker
from bot.telegram.presses import Presses
from bot.telegram.tips.sentence import meant
from bot.telegram.tips.words import field_fix
from bot.transport import Incoming, Press, PressAnswer, Reply
from bot.words import fold

log = logging.getLogger(__name__)
esc = html.escape


COMMANDS: tuple[Command, ...] = (
    Command(
        "start", "", "Subscribe to job alerts", "Subscribe. Then add alerts with /alert.", "Account"
    ),
    Command(
        "help",
        "[command]",
        "How to use the bot",
        "Lists the commands; /help alert explains one.",
        "Account",
    ),
    *alerts_menu.COMMANDS,
    *settings_menu.COMMANDS,
    *delivery_modes.COMMANDS,
    *pausing.COMMANDS,
    Command(
        "search",
        "<query>",
        "Search stored jobs",
        "/search golang remote:yes — the latest stored jobs that match, written like an alert, 5 a "
        "page: Older ▶ and ◀ Newer turn the pages.",
        "Jobs",
    ),
    *follow.COMMANDS,
    *muting.COMMANDS,
    *saving.COMMANDS,
    *control.COMMANDS,
)
_BY_NAME = {c.name: c for c in COMMANDS}
# The alert language, shown by /help alert and /help search: (example, what it finds).
LANGUAGE: tuple[tuple[str, str], ...] = (
    ("rust backend", "both words, in the title, company, location or description"),
    ('"machine learning"', "these words, in this order"),
    ("dev*", "words starting with dev: developer, devops"),
    ("rust OR go", "either word (rust | go too); a comma is not OR: rust, go needs both"),
    ("rust -java", "rust but not java (NOT java works too)"),
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


_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@\w+)?(?:\s+(.*))?$", re.S)
NOT_A_COMMAND = "Send /alert followed by keywords to get job alerts, or /help to see every command."
# First words of a text that is talk, not keywords: it gets NOT_A_COMMAND, not a suggestion.
# Greetings and thanks in the languages of the job markets jobbot's boards cover, folded.
_TALK = frozenset({
    "hi", "hii", "hello", "hey", "heya", "hiya", "howdy", "yo", "sup", "greetings", "good",
    "morning", "evening", "thanks", "thank", "thx", "ty", "cheers", "bye", "goodbye", "ok",
    "okay", "k", "cool", "nice", "great", "yes", "yep", "yeah", "no", "nope", "please", "pls",
    "help", "start", "stop", "test", "testing", "what", "how", "why", "who", "where", "when",
    "can", "could", "would", "is", "are", "do", "does", "i", "i'm", "im",
    "hallo", "moin", "servus", "gruss", "danke", "hola", "buenas", "gracias", "ola", "oi",
    "obrigado", "obrigada", "bonjour", "salut", "coucou", "merci", "ciao", "salve", "grazie",
    "hoi", "bedankt", "hej", "hei", "tack", "takk", "tak", "kiitos", "czesc", "dzieki",
    "ahoj", "diky", "szia", "privet", "spasibo", "merhaba", "namaste", "привет", "спасибо",
    "здравствуйте", "привіт", "дякую",
})  # fmt: skip
_ASKING = frozenset({"i", "i'm", "im"})  # talk, unless what follows reads as a job search


# Commands other bots have for what jobbot names otherwise.
_MEANT = {
    "list": "alerts", "filters": "alerts", "keywords": "alerts", "myalerts": "alerts",
    "add": "alert", "new": "alert", "create": "alert", "watch": "alert", "subscribe": "start",
    "unsubscribe": "stop", "remove": "delete", "rm": "delete", "del": "delete",
    "find": "search", "jobs": "search", "unpause": "resume", "block": "mute",
    "commands": "help", "menu": "help", "config": "settings", "preferences": "settings",
}  # fmt: skip


def unknown_command(name: str, arg: str) -> str:
    """The reply to a command jobbot does not have: the one most likely meant (another bot's
    name for it, or a typo of one of ours), ready to copy with its words."""
    close = difflib.get_close_matches(name, [*_BY_NAME, *_MEANT], n=1, cutoff=0.75)
    meant = _MEANT.get(name) or next((_MEANT.get(c, c) for c in close), None)
    if meant is None:
        return f"I don't know /{echo(name)}. /help lists what I can do."
    line = f"/{meant} {arg}" if arg else f"/{meant}"
    return f"I don't know /{echo(name)}. Did you mean <code>{esc(shorten(line, 200))}</code>?"


_LINK = re.compile(r"https?://\S{1,300}")
_ASKS_WHY = re.compile(r"(?:why|how come)(?: not| this(?: one)?| me)?\W*$", re.IGNORECASE)


def suggestion(text: str) -> str:
    """The reply to a text that is not a command: the commands it most likely meant, in
    <code> (a tap copies it in Telegram). A link: /follow and /why; a list of links: /follow
    of them all; a few keywords: /alert and /search; anything else, NOT_A_COMMAND."""
    text = " ".join(text.split())
    words = text.split()
    url = esc(with_scheme(text))
    if len(words) == 1 and len(url) <= 300 and url.startswith(("http://", "https://")):
        return (
            f"That's a link. <code>/follow {url}</code> follows the company's jobs (a careers "
            f"page or job board); <code>/why {url}</code> says why a job did or didn't reach you."
        )
    links = [esc(with_scheme(w.strip(",;"))) for w in words]
    if 1 < len(links) <= 10 and all(_LINK.fullmatch(x) for x in links) and len(text) <= 1500:
        return (
            f"Those are links. <code>/follow {' '.join(links)}</code> follows those companies' "
            "jobs (careers pages or job boards)."
        )
    first = fold(words[0].strip(",.!")) if words else ""
    what = "with these words"
    if first not in _TALK - _ASKING and len(text) <= 200 and (query := meant(text)):
        text, words, what = query, query.split(), "like that"  # "I'm after rust jobs in Berlin"
    elif not words or first in _TALK or text.endswith(("?", "!")):
        return NOT_A_COMMAND
    if len(words) > 6 or len(text) > 60:
        return NOT_A_COMMAND
    shown = esc(text)
    return (
        f"To get a message for each new job {what}, send <code>/alert {shown}</code>; "
        f"to see the stored ones, <code>/search {shown}</code>. (Tap to copy.) /help lists every "
        "command."
    )


BUSY = "⏳ I'm busy right now (the database is locked or full). Please try again in a moment."
OOPS = "Sorry, something went wrong on my side. Please try again later."


# /alert's backtest and /search read at most this many of the newest postings (of those with
# the query's words, see stored_search): a reply must come within a second or so, and
# matching costs some tens of microseconds a posting.
SCAN_LIMIT = 5000


class Handlers:
    """Parses a command, calls the store and the matcher, and returns the reply. Each `cmd_*`
    runs on a `db` worker thread with its own connection, off the event loop (dbworker.py)."""

    def __init__(
        self,
        database: Db,
        alerts: AlertsConfig = AlertsConfig(),
        clock: Callable[[], datetime] = utcnow,
        admin: AdminCommands | None = None,
        scan_limit: int = SCAN_LIMIT,
        db: StoreWorker | None = None,
        access: AccessCommands | None = None,
        follows: follow.FollowCommands | None = None,
    ):
        self.access = access  # who may use the bot; /invite, /ban, /broadcast
        self.db = db or StoreWorker(database)
        self.limits = alerts
        self.clock = clock
        self.admin = admin
        self.follows = follows
        self.alert_cmds = alerts_menu.AlertCommands(alerts, clock, scan_limit)
        self.control = control.ControlCommands(
            alerts, clock, follows.config.max_per_user if follows else FollowConfig().max_per_user
        )
        self.modes = delivery_modes.DeliveryModes(clock)
        self.settings = settings_menu.SettingsMenu(clock)
        self._routes = self._command_routes(clock)
        self.presses = Presses(self.db, clock)
        self.presses.register(buttons.PRESSES)
        self.presses.register(
            {
                alert_presses.PREFIX: alert_presses.AlertMenu(self.alert_cmds).press,
                "s": self.control.press_stop,
                search_pages.PREFIX: self._press_search,
            }
        )
        self.presses.register(self.settings.presses())

    def _command_routes(self, clock: Callable[[], datetime]) -> dict[str, Route]:
        """Each command's name -> the method that answers it, wherever it is defined."""
        own = {
            c.name: getattr(self, f"cmd_{c.name}")
            for c in COMMANDS
            if hasattr(self, f"cmd_{c.name}")
        }
        return (
            own
            | self.alert_cmds.routes()
            | self.control.routes()
            | self.modes.routes()
            | self.settings.routes()
            | pausing.PauseCommands(clock).routes()
            | muting.MuteCommands(clock).routes()
            | saving.routes(clock)
        )

    @property
    def scan_limit(self) -> int:
        """How many of the newest jobs /alert, /edit and /search read at most."""
        return self.alert_cmds.scan_limit

    @scan_limit.setter
    def scan_limit(self, value: int) -> None:
        self.alert_cmds.scan_limit = value

    async def __call__(self, msg: Incoming) -> Reply | None:
        """Answer one incoming text. Never raises: a busy database or a bug still gets a reply.
        A group's talk that is not a command gets none: the bot speaks when spoken to."""
        m = _COMMAND.match(msg.text.strip())
        if not m and msg.group:
            return None
        name, arg = (m.group(1).lower(), (m.group(2) or "").strip()) if m else ("", "")
        if not m and msg.reply_to_message_id is not None and _ASKS_WHY.match(msg.text.strip()):
            name = "why"  # "why?" in reply to a job's message: /why, as a reply, answers it
        try:
            if self.access is not None and (refused := await self.access.gate(name, msg, arg)):
                return refused
            if not name:  # off the loop: reading places may wait for the gazetteer's build
                return await asyncio.to_thread(suggestion, msg.text)
            return await self._run(name, msg, arg)
        except StoreBusy as exc:
            log.warning("/%s from chat %s answered busy: %s", shorten(name, 40), msg.chat_id, exc)
            return BUSY
        except Exception:
            log.exception("/%s from chat %s failed", shorten(name, 40), msg.chat_id)
            return OOPS

    async def _run(self, name: str, msg: Incoming, arg: str) -> Reply:
        route = self._routes.get(name)
        if route is not None:
            return await self.db.run(route, msg, arg)
        if self.admin is not None and name in ADMIN_COMMANDS:
            return await self.admin.handle(name, msg, arg)
        if self.access is not None and name in ACCESS_COMMANDS:
            return await self.access.handle(name, msg, arg)
        if self.follows is not None and name in follow.FOLLOW_COMMANDS:
            return await self.follows.handle(name, msg, arg)
        return unknown_command(name, arg)

    async def press(self, press: Press) -> PressAnswer:
        """Answer one button press (routed by its data's prefix, run on a db worker)."""
        return await self.presses(press)

    def close(self) -> None:
        """Close the worker threads' connections (the admin commands' too)."""
        for worker in (self.db, self.admin.db if self.admin else self.db):
            worker.close()

    def _ensure_user(self, store: Stores, msg: Incoming) -> None:
        user = store.users.user(msg.chat_id)
        if user is None or user.state in ("stopped", "blocked"):
            store.users.subscribe(msg.chat_id, self.clock(), msg.username, msg.first_name)

    def cmd_start(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Subscribe (or come back after /stop or /pause)."""
        new = store.users.subscribe(msg.chat_id, self.clock(), msg.username, msg.first_name)
        n = len(store.alerts.alerts(msg.chat_id))
        hello = "Welcome to jobbot!" if new else "You're subscribed."
        tail = (
            f"You have {plural(n, 'alert')}: /alerts lists them."
            if n
            else "Add your first alert, e.g. <code>/alert rust backend</code>."
        )
        return (
            f"{hello} I watch job boards and message you once for every new job that "
            f"matches one of your alerts.\n{tail}\n/help shows every command."
        )

    def cmd_help(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Every command by group, or the details of one."""
        name = arg.lstrip("/").lower()
        if name == "kinds":
            return catalog.help_list()
        if name:
            cmd = _BY_NAME.get(name)
            if cmd is None:
                return f"There is no /{echo(name)} command. /help lists them all."
            text = f"<b>/{cmd.name} {esc(cmd.args)}</b>\n{esc(cmd.help)}"
            if name in ("alert", "search", "edit"):
                examples = "\n".join(
                    f"<code>{esc(q)}</code> — {esc(what)}" for q, what in _language()
                )
                text += f"\n\n{examples}\n{esc(LANGUAGE_NOTES)}"
            return text
        admin = self.admin is not None and self.admin.is_admin(msg)
        return help_index(COMMANDS, ADMIN_MENU if admin else ())

    def cmd_search(self, store: Stores, msg: Incoming, arg: str) -> Reply:
        """The latest stored jobs that match, a page at a time."""
        if not arg:
            return "What should I look for? e.g. <code>/search golang</code>. /help search"
        try:
            query, _, typed = self.alert_cmds.parse(arg)
        except QueryError as exc:
            fix = field_fix(exc, alerts_menu.clean_query(arg)[0], "/search")
            return f"I can't search for that: {esc(str(exc))}.{fix or ' /help search shows how.'}"
        reply = search_pages.page(store, msg.chat_id, query, 0, self.scan_limit)
        if isinstance(reply, str):  # nothing found: maybe "rust, go" meant either
            reply += tips.search_tips(query.root, typed)
            reply += self.alert_cmds.search_unstated_tip(store, msg.chat_id, query)
        return reply

    def _press_search(self, store: Stores, press: Press, rest: str, now: datetime) -> PressAnswer:
        return search_pages.press(store, press, rest, now, self.scan_limit)
