"""The bot's commands, independent of the chat they arrive through. Replies are Telegram HTML."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import match
from bot.config import AlertsConfig
from bot.errors import QueryError
from bot.models import Posting
from bot.render import shorten
from bot.store import Store, utcnow
from bot.telegram.transport import Incoming

log = logging.getLogger(__name__)
esc = html.escape


@dataclass(frozen=True)
class Command:
    name: str
    args: str
    summary: str
    help: str


COMMANDS: tuple[Command, ...] = (
    Command("start", "", "Subscribe to job alerts", "Subscribe. Then add alerts with /alert."),
    Command(
        "help", "[command]", "How to use the bot", "Lists the commands; /help alert explains one."
    ),
    Command(
        "alert",
        "<words>",
        "Add a keyword alert",
        "/alert rust backend — tells you about every new job whose title, company, location or "
        "description has all these words (whole words, any case). Replies with the alert's id "
        "and how many postings of the last 7 days it would have matched.",
    ),
    Command(
        "alerts", "", "List your alerts", "Lists your alerts with their ids and recent matches."
    ),
    Command(
        "delete", "<id>", "Delete an alert", "/delete 3 — deletes alert #3 (ids are in /alerts)."
    ),
    Command(
        "pause", "", "Pause notifications", "Stops notifications until /resume; alerts are kept."
    ),
    Command("resume", "", "Resume notifications", "Turns notifications back on after /pause."),
    Command(
        "search",
        "<words>",
        "Search stored jobs",
        "/search golang — the 5 latest stored jobs that match, as an alert would.",
    ),
    Command(
        "stop",
        "",
        "Unsubscribe and delete your data",
        "Unsubscribes you and deletes your alerts and history. /start to come back.",
    ),
)
_BY_NAME = {c.name: c for c in COMMANDS}
_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@\w+)?(?:\s+(.*))?$", re.S)


def _link(p: Posting) -> str:
    title = esc(shorten(p.title, 90))
    company = f" — {esc(shorten(p.company, 60))}" if p.company else ""
    url = p.apply_url or p.url
    if url.startswith(("http://", "https://")):
        return f'• <a href="{esc(url)}">{title}</a>{company}'
    return f"• {title}{company}"


class Handlers:
    """Parses a command, calls the store and the matcher, and returns the reply."""

    def __init__(
        self,
        store: Store,
        alerts: AlertsConfig = AlertsConfig(),
        clock: Callable[[], datetime] = utcnow,
    ):
        self.store = store
        self.limits = alerts
        self.clock = clock
        self._routes: dict[str, Callable[[Incoming, str], Awaitable[str]]] = {
            c.name: getattr(self, f"cmd_{c.name}") for c in COMMANDS
        }

    async def __call__(self, msg: Incoming) -> str | None:
        """Answer one incoming text."""
        m = _COMMAND.match(msg.text.strip())
        if not m:
            return (
                "Send /alert followed by keywords to get job alerts, or /help to see every command."
            )
        name, arg = m.group(1).lower(), (m.group(2) or "").strip()
        route = self._routes.get(name)
        if route is None:
            return f"I don't know /{esc(name)}. /help lists what I can do."
        return await route(msg, arg)

    def _ensure_user(self, msg: Incoming) -> None:
        user = self.store.user(msg.chat_id)
        if user is None or user.state in ("stopped", "blocked"):
            self.store.subscribe(msg.chat_id, self.clock(), msg.username, msg.first_name)

    async def cmd_start(self, msg: Incoming, arg: str) -> str:
        """Subscribe (or come back after /stop or /pause)."""
        new = self.store.subscribe(msg.chat_id, self.clock(), msg.username, msg.first_name)
        n = len(self.store.alerts(msg.chat_id))
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

    async def cmd_help(self, msg: Incoming, arg: str) -> str:
        """Every command, or the details of one."""
        name = arg.lstrip("/").lower()
        if name:
            cmd = _BY_NAME.get(name)
            if cmd is None:
                return f"There is no /{esc(name)} command. /help lists them all."
            return f"<b>/{cmd.name} {esc(cmd.args)}</b>\n{esc(cmd.help)}"
        lines = [f"/{c.name} {esc(c.args)} — {esc(c.summary)}".replace("  ", " ") for c in COMMANDS]
        return "<b>jobbot commands</b>\n" + "\n".join(lines)

    async def cmd_alert(self, msg: Incoming, arg: str) -> str:
        """Add an alert and show what it would have matched in the last 7 days."""
        if not arg:
            return "Tell me what to look for, e.g. <code>/alert rust backend</code>."
        try:
            terms = match.parse_query(arg, self.limits.max_length)
        except QueryError as exc:
            return f"I can't use that alert: {esc(str(exc))}"
        self._ensure_user(msg)
        if len(self.store.alerts(msg.chat_id)) >= self.limits.max_per_user:
            return (
                f"You already have {self.limits.max_per_user} alerts, the most allowed. "
                "/delete one first."
            )
        query = " ".join(terms)
        alert = self.store.add_alert(msg.chat_id, query, self.clock())
        recent = self.store.recent_postings(self.clock() - timedelta(days=7))
        hits = [p for p in recent if match.matches(query, p)]
        reply = f"✅ Alert #{alert.id} saved: <b>{esc(query)}</b>\n"
        if hits:
            reply += f"It would have matched {len(hits)} job{'s' if len(hits) != 1 else ''} "
            reply += "of the last 7 days. Latest:\n" + "\n".join(_link(p) for p in hits[:3])
        else:
            reply += "No job of the last 7 days matches it yet; I'll tell you when one appears."
        user = self.store.user(msg.chat_id)
        if user and user.state == "paused":
            reply += "\nNotifications are paused: /resume to get them."
        return reply

    async def cmd_alerts(self, msg: Incoming, arg: str) -> str:
        """List the user's alerts with ids."""
        alerts = self.store.alerts(msg.chat_id)
        if not alerts:
            return "You have no alerts. Add one: <code>/alert rust backend</code>."
        counts = self.store.alert_sent_counts(msg.chat_id, self.clock() - timedelta(days=7))
        lines = []
        for a in alerts:
            n = counts.get(a.id, 0)
            lines.append(
                f"#{a.id} <b>{esc(a.query)}</b> — {n} job{'s' if n != 1 else ''} in 7 days"
            )
        user = self.store.user(msg.chat_id)
        paused = "\n⏸ Notifications are paused: /resume." if user and user.state == "paused" else ""
        return "Your alerts:\n" + "\n".join(lines) + "\n/delete &lt;id&gt; removes one." + paused

    async def cmd_delete(self, msg: Incoming, arg: str) -> str:
        """Delete one alert by id."""
        raw = arg.lstrip("#").strip()
        if not raw:
            return "Which alert? Send <code>/delete 3</code>; /alerts shows the ids."
        if not raw.isdigit():
            return f"“{esc(shorten(arg, 40))}” is not an alert id; ids are numbers, see /alerts."
        if self.store.delete_alert(msg.chat_id, int(raw)):
            return f"Alert #{int(raw)} deleted."
        return f"You have no alert #{int(raw)}. /alerts lists yours."

    async def cmd_pause(self, msg: Incoming, arg: str) -> str:
        """Stop notifications, keep alerts."""
        self._ensure_user(msg)
        self.store.set_user_state(msg.chat_id, "paused", self.clock())
        return "⏸ Paused. Your alerts are kept; /resume turns notifications back on."

    async def cmd_resume(self, msg: Incoming, arg: str) -> str:
        """Turn notifications back on."""
        self.store.subscribe(msg.chat_id, self.clock(), msg.username, msg.first_name)
        return "▶️ Notifications are on again."

    async def cmd_search(self, msg: Incoming, arg: str) -> str:
        """The latest stored jobs that match."""
        if not arg:
            return "What should I look for? e.g. <code>/search golang</code>."
        try:
            query = " ".join(match.parse_query(arg, self.limits.max_length))
        except QueryError as exc:
            return f"I can't search for that: {esc(str(exc))}"
        hits = []
        for p in self.store.latest_postings():
            if match.matches(query, p):
                hits.append(p)
                if len(hits) == 5:
                    break
        if not hits:
            return f"No stored job matches <b>{esc(query)}</b>."
        return f"Latest jobs matching <b>{esc(query)}</b>:\n" + "\n".join(_link(p) for p in hits)

    async def cmd_stop(self, msg: Incoming, arg: str) -> str:
        """Unsubscribe and delete the user's data."""
        self.store.forget_user(msg.chat_id, self.clock())
        return "Unsubscribed. I deleted your alerts and history. /start brings you back."
