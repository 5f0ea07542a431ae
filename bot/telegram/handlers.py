"""The bot's commands, independent of the chat they arrive through. Replies are Telegram HTML."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from bot import match, synonyms
from bot.config import AlertsConfig
from bot.errors import QueryError, StoreBusy
from bot.models import Posting
from bot.query import parse as parse_query
from bot.render import shorten
from bot.store import Store, utcnow
from bot.telegram import delivery_modes
from bot.telegram.admin import ADMIN_COMMANDS, ADMIN_HELP, AdminCommands
from bot.telegram.args import echo, parse_id
from bot.telegram.commands import Command, Route
from bot.telegram.dbworker import StoreWorker
from bot.telegram.transport import Incoming, Reply

log = logging.getLogger(__name__)
esc = html.escape


COMMANDS: tuple[Command, ...] = (
    Command("start", "", "Subscribe to job alerts", "Subscribe. Then add alerts with /alert."),
    Command(
        "help", "[command]", "How to use the bot", "Lists the commands; /help alert explains one."
    ),
    Command(
        "alert",
        "<query>",
        "Add a keyword alert",
        "/alert rust backend — tells you about every new job that matches, once. Replies with "
        "the alert as understood, its id, and the jobs of the last 7 days it would have matched.",
    ),
    Command(
        "alerts",
        "",
        "List your alerts",
        "Lists your alerts with their ids and how many jobs each sent in the last 7 days.",
    ),
    Command(
        "delete", "<id>", "Delete an alert", "/delete 3 — deletes alert #3 (ids are in /alerts)."
    ),
    Command(
        "search",
        "<query>",
        "Search stored jobs",
        "/search golang remote:yes — the 5 latest stored jobs that match, written like an alert.",
    ),
    *delivery_modes.COMMANDS,
    Command(
        "stop",
        "",
        "Unsubscribe and delete your data",
        "Unsubscribes you and deletes your alerts and history. /start to come back.",
    ),
)
_BY_NAME = {c.name: c for c in COMMANDS}
# The alert language, shown by /help alert and /help search: (example, what it finds).
LANGUAGE: tuple[tuple[str, str], ...] = (
    ("rust backend", "both words, in the title, company, location or description"),
    ('"machine learning"', "these words, in this order"),
    ("dev*", "words starting with dev: developer, devops"),
    ("rust OR go", "either word"),
    ("rust -java", "rust but not java (NOT java works too)"),
    ("(rust OR go) berlin", "parentheses group terms"),
    ("title:(senior OR staff)", "in the title; also company:, location:, board:"),
    ("remote:yes", "remote jobs; remote:hybrid, remote:no (on site)"),
    ("type:contract", "also type:full-time, type:part-time, type:internship"),
    (
        "location:europe",
        "places in Europe; also eu, emea, dach, nordics, latam, apac, uk, germany, de",
    ),
    ("salary:>=100k", "a yearly salary of 100k or more; salary:<80k, salary:100k-150k"),
    (
        "salary:>=€100k",
        "only jobs paid in euros (no exchange rates); jobs without a salary never match",
    ),
)
LANGUAGE_NOTES = (
    "Whole words, any case, accents optional: zurich finds Zürich. Tech names stay whole: "
    "c++, c#, f#, .net, node.js, ci/cd. go finds Go, not Google or go-live; java is not "
    f"JavaScript. Synonyms: {synonyms.listing()}."
)


_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@\w+)?(?:\s+(.*))?$", re.S)
NOT_A_COMMAND = "Send /alert followed by keywords to get job alerts, or /help to see every command."
BUSY = "⏳ I'm busy right now (the database is locked or full). Please try again in a moment."
OOPS = "Sorry, something went wrong on my side. Please try again later."


def _link(p: Posting) -> str:
    title = esc(shorten(p.title, 90))
    company = f" — {esc(shorten(p.company, 60))}" if p.company else ""
    url = p.apply_url or p.url
    if url.startswith(("http://", "https://")):
        return f'• <a href="{esc(url)}">{title}</a>{company}'
    return f"• {title}{company}"


# /alert's backtest and /search read at most this many of the newest postings: a reply must
# come within a second or so, and scanning costs some tens of microseconds a posting.
SCAN_LIMIT = 5000


class Handlers:
    """Parses a command, calls the store and the matcher, and returns the reply. Each `cmd_*`
    runs on a `db` worker thread with its own connection, off the event loop (dbworker.py)."""

    def __init__(
        self,
        store: Store,
        alerts: AlertsConfig = AlertsConfig(),
        clock: Callable[[], datetime] = utcnow,
        admin: AdminCommands | None = None,
        scan_limit: int = SCAN_LIMIT,
        db: StoreWorker | None = None,
    ):
        self.store = store
        self.db = db or StoreWorker(store)
        self.limits = alerts
        self.clock = clock
        self.admin = admin
        self.scan_limit = scan_limit
        self.modes = delivery_modes.DeliveryModes(clock)  # presses: self.modes.presses()
        own = (c.name for c in COMMANDS if c not in delivery_modes.COMMANDS)
        self._routes: dict[str, Route] = {n: getattr(self, f"cmd_{n}") for n in own}
        self._routes |= self.modes.routes()

    async def __call__(self, msg: Incoming) -> Reply | None:
        """Answer one incoming text. Never raises: a busy database or a bug still gets a reply."""
        m = _COMMAND.match(msg.text.strip())
        if not m:
            return NOT_A_COMMAND
        name, arg = m.group(1).lower(), (m.group(2) or "").strip()
        try:
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
        return f"I don't know /{echo(name)}. /help lists what I can do."

    def close(self) -> None:
        """Close the worker threads' connections (the admin commands' too)."""
        for worker in (self.db, self.admin.db if self.admin else self.db):
            worker.close()

    def _ensure_user(self, store: Store, msg: Incoming) -> None:
        user = store.user(msg.chat_id)
        if user is None or user.state in ("stopped", "blocked"):
            store.subscribe(msg.chat_id, self.clock(), msg.username, msg.first_name)

    def cmd_start(self, store: Store, msg: Incoming, arg: str) -> str:
        """Subscribe (or come back after /stop or /pause)."""
        new = store.subscribe(msg.chat_id, self.clock(), msg.username, msg.first_name)
        n = len(store.alerts(msg.chat_id))
        hello = "Welcome to jobbot!" if new else "You're subscribed."
        tail = (
            f"You have {n} alert{'s' if n != 1 else ''}: /alerts lists them."
            if n
            else "Add your first alert, e.g. <code>/alert rust backend</code>."
        )
        return (
            f"{hello} I watch job boards and message you once for every new job that "
            f"matches one of your alerts.\n{tail}\n/help shows every command."
        )

    def cmd_help(self, store: Store, msg: Incoming, arg: str) -> str:
        """Every command, or the details of one."""
        name = arg.lstrip("/").lower()
        if name:
            cmd = _BY_NAME.get(name)
            if cmd is None:
                return f"There is no /{echo(name)} command. /help lists them all."
            text = f"<b>/{cmd.name} {esc(cmd.args)}</b>\n{esc(cmd.help)}"
            if name in ("alert", "search"):
                examples = "\n".join(f"<code>{esc(q)}</code> — {esc(what)}" for q, what in LANGUAGE)
                text += f"\n\n{examples}\n{esc(LANGUAGE_NOTES)}"
            return text
        lines = [f"/{c.name} {esc(c.args)} — {esc(c.summary)}".replace("  ", " ") for c in COMMANDS]
        text = "<b>jobbot commands</b>\n" + "\n".join(lines)
        if self.admin is not None and self.admin.is_admin(msg):
            text += f"\n\n<b>Admin</b>\n{ADMIN_HELP}"
        return text

    def cmd_alert(self, store: Store, msg: Incoming, arg: str) -> str:
        """Add an alert and show what it would have matched in the last 7 days."""
        if not arg:
            return "Tell me what to look for, e.g. <code>/alert rust backend</code>. /help alert"
        try:
            query = parse_query(
                arg, max_length=self.limits.max_length, max_terms=self.limits.max_terms
            )
        except QueryError as exc:
            return f"I can't use that alert: {esc(str(exc))}. /help alert shows how to write one."
        self._ensure_user(store, msg)
        alerts = store.alerts(msg.chat_id)
        same = next((a for a in alerts if a.query == query.normalized), None)
        if same is not None:
            return f"You already have this alert: #{same.id} <b>{esc(same.query)}</b>"
        if len(alerts) >= self.limits.max_per_user:
            return (
                f"You already have {self.limits.max_per_user} alerts, the most allowed. "
                "/delete one first."
            )
        alert = store.add_alert(msg.chat_id, query.normalized, self.clock())
        recent = store.recent_postings(self.clock() - timedelta(days=7), self.scan_limit)
        hits = match.search(query, recent)
        capped = len(recent) >= self.scan_limit  # then say which jobs were looked at
        scope = f"the latest {self.scan_limit:,} jobs of the last 7 days"
        reply = f"✅ Alert #{alert.id} saved: <b>{esc(query.normalized)}</b>\n"
        if hits:
            reply += f"It would have matched {len(hits)} job{'s' if len(hits) != 1 else ''} "
            reply += f"{'among ' + scope if capped else 'of the last 7 days'}. Latest:\n"
            reply += "\n".join(_link(p) for p in hits[:3])
        elif capped:
            reply += f"None of {scope} matches it yet; I'll tell you when one appears."
        else:
            reply += "No job of the last 7 days matches it yet; I'll tell you when one appears."
        user = store.user(msg.chat_id)
        if user and user.state == "paused":
            reply += "\nNotifications are paused: /resume to get them."
        return reply

    def cmd_alerts(self, store: Store, msg: Incoming, arg: str) -> str:
        """List the user's alerts with ids."""
        alerts = store.alerts(msg.chat_id)
        if not alerts:
            return "You have no alerts. Add one: <code>/alert rust backend</code>."
        counts = store.alert_sent_counts(msg.chat_id, self.clock() - timedelta(days=7))
        lines = []
        for a in alerts:
            n = counts.get(a.id, 0)
            lines.append(
                f"#{a.id} <b>{esc(a.query)}</b> — {n} job{'s' if n != 1 else ''} in 7 days"
            )
        user = store.user(msg.chat_id)
        paused = "\n⏸ Notifications are paused: /resume." if user and user.state == "paused" else ""
        return "Your alerts:\n" + "\n".join(lines) + "\n/delete &lt;id&gt; removes one." + paused

    def cmd_delete(self, store: Store, msg: Incoming, arg: str) -> str:
        """Delete one alert by id."""
        if not arg.lstrip("#").strip():
            return "Which alert? Send <code>/delete 3</code>; /alerts shows the ids."
        alert_id = parse_id(arg)
        if alert_id is None:
            return f"“{echo(arg)}” is not an alert id; ids are numbers, see /alerts."
        if store.delete_alert(msg.chat_id, alert_id):
            return f"Alert #{alert_id} deleted."
        return f"You have no alert #{alert_id}. /alerts lists yours."

    def cmd_search(self, store: Store, msg: Incoming, arg: str) -> str:
        """The latest stored jobs that match."""
        if not arg:
            return "What should I look for? e.g. <code>/search golang</code>. /help search"
        try:
            query = parse_query(
                arg, max_length=self.limits.max_length, max_terms=self.limits.max_terms
            )
        except QueryError as exc:
            return f"I can't search for that: {esc(str(exc))}. /help search shows how."
        latest = store.latest_postings(self.scan_limit)
        hits = match.search(query, latest, limit=5)
        shown = f"<b>{esc(query.normalized)}</b>"
        if not hits and len(latest) >= self.scan_limit:
            return f"None of the latest {self.scan_limit:,} stored jobs matches {shown}."
        if not hits:
            return f"No stored job matches {shown}."
        return f"Latest jobs matching {shown}:\n" + "\n".join(_link(p) for p in hits)

    def cmd_stop(self, store: Store, msg: Incoming, arg: str) -> str:
        """Unsubscribe and delete the user's data."""
        store.forget_user(msg.chat_id, self.clock())
        return "Unsubscribed. I deleted your alerts and history. /start brings you back."
