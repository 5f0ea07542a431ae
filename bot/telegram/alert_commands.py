"""/alert, /edit and /delete; and /alerts, which opens the menu.

The menu (`alert_list`) is pages of at most `alert_list.PAGE` alerts; each alert has a row of
buttons (pause/resume, edit, delete with a confirm step, its backtest) and a press
(`alert_presses`) edits the menu in place. Its callback data is `alert_list.menu_data`'s; a
press acts only on an alert of the chat it came from, so a forged or stale one changes
nothing. The tips under a reply are in `tips`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime

from bot.config import AlertsConfig
from bot.errors import QueryError
from bot.models import OutgoingMessage, Posting
from bot.query import Query
from bot.query import parse as parse_query
from bot.store import Stores
from bot.syntax import And, Field, Node, Not, Or, format_node
from bot.telegram import alert_delete, alert_list, edit_all, edit_asked, stored_search
from bot.telegram.args import (
    echo,
    no_such_alert,
    parse_id,
    parse_ids,
    yours,
)
from bot.telegram.awaiting import Awaiting
from bot.telegram.commands import Command
from bot.telegram.linked import link_reply
from bot.telegram.tips import alert_tips
from bot.telegram.tips.amounts import or_unstated, unstated_tip
from bot.telegram.tips.repair import query_fix
from bot.telegram.tips.where import open_tip
from bot.transport import Incoming
from bot.view import stored_query

esc = html.escape
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")

COMMANDS = (
    Command(
        "alert",
        "<query>",
        "Add a keyword alert",
        "/alert rust backend — tells you about every new job that matches, once. Replies with "
        "the alert as understood, its id, and the jobs posted in the last 7 days it would have "
        "matched (with none, the part that holds it back). The same alert twice is refused.",
    ),
    Command(
        "alerts",
        "",
        "Your alerts, with buttons",
        "Lists your alerts, 10 a page, each with buttons: pause or resume it, edit it, delete it "
        "(after a confirm), and see what it matched in the last 7 days.",
    ),
    Command(
        "edit",
        "<id> <query>",
        "Change an alert",
        "/edit 3 rust backend — alert #3 now looks for this; it keeps its id. With one alert, "
        "/edit rust backend changes it; /edit 3 alone gives its query to copy and change. "
        "/edit all -title:senior adds one exclusion or filter to every alert at once.",
    ),
    Command(
        "delete",
        "<id>",
        "Delete an alert",
        "/delete 3 — deletes alert #3 (ids are in /alerts); /delete 1 2 or /delete 2-4, several; "
        "/delete golang remote:yes deletes the alert of that query; /delete all, every one, "
        "after you confirm.",
    ),
)


def clean_query(text: str) -> tuple[str, bool]:
    """A query without HTML tags or entities (`<b>rust</b>` -> `rust`); True when any went."""
    cleaned = html.unescape(_MARKUP.sub(" ", text))
    cleaned = " ".join(cleaned.split()) if cleaned != text else text
    return cleaned, cleaned != text


def same_alert(stored: str, query: Query) -> bool:
    """Whether a stored alert's query is `query`, its ANDs' and ORs' parts in any order
    ("go OR rust" is "rust OR go")."""
    return stored == query.normalized or _meaning(stored_query(stored).root) == _meaning(query.root)


def _meaning(node: Node) -> str:
    """`node`'s text with the parts of each AND and OR in one order."""
    if isinstance(node, And | Or):
        return f"{type(node).__name__}({','.join(sorted(map(_meaning, node.children)))})"
    if isinstance(node, Not):
        return f"-({_meaning(node.child)})"
    if isinstance(node, Field):
        return f"{node.name}:({_meaning(node.child)})"
    return format_node(node)


_LISTING = frozenset({"list", "ls", "show", "all", "mine", "my alerts", "list all", "show all"})


class AlertCommands:
    """The alert commands and the menu; every method runs on a worker thread (dbworker.py)."""

    def __init__(self, limits: AlertsConfig, clock: Callable[[], datetime]):
        self.limits = limits
        self.clock = clock
        self.awaiting = Awaiting()  # the ✏️ Edit button's alert, whose new query comes next

    def routes(self) -> dict[str, Callable[[Stores, Incoming, str], str | OutgoingMessage]]:
        return {c.name: getattr(self, f"cmd_{c.name}") for c in COMMANDS}

    # -- shared parts ----------------------------------------------------------------------
    def parse(self, arg: str) -> tuple[Query, str, str]:
        """The query of `arg`, a note for the reply, and `arg` cleaned of markup (what the
        tips read); QueryError."""
        text, cleaned = clean_query(arg)
        query = parse_query(
            text, max_length=self.limits.max_length, max_terms=self.limits.max_terms
        )
        note = "\n(I left out the HTML markup: write just the words.)" if cleaned else ""
        return query, note + open_tip(query.root), text

    def backtest(
        self, store: Stores, query: str | Query, chat_id: int
    ) -> tuple[list[Posting], str]:
        """The open jobs posted in the last 7 days that match, and how to say where from; not
        the jobs the user hid, nor those of companies they muted."""
        query = stored_query(query)
        hits, read = stored_search.recent(store, chat_id, query, self.clock() - alert_list.WEEK)
        scope = (
            f"among the latest {read} of the last 7 days" if read else "posted in the last 7 days"
        )
        return hits, scope

    def _loosened(
        self, store: Stores, query: Query, hits: list[Posting], chat_id: int, command: str
    ) -> tuple[str, str]:
        """`unstated_tip` when jobs of the last 7 days that state no salary (or no years)
        match the rest; and for an alert that matched none, what holds it back
        (`tips.closest`: salary and years left to the first tip when it is given)."""
        loose, unstated = or_unstated(query.root), ""
        if loose is not None:
            more, _ = self.backtest(store, format_node(loose), chat_id)
            more_keys = {p.key for p in more} - {p.key for p in hits}
            unstated = unstated_tip(query.root, command, len(more_keys))
        if hits:
            return unstated, ""
        since, said = self.clock() - alert_list.WEEK, (command, "jobs of the last 7 days")
        return unstated, stored_search.held_back(store, chat_id, query, since, said, not unstated)

    def search_unstated_tip(self, store: Stores, chat_id: int, query: Query) -> str:
        """For a search that found nothing: `unstated_tip` when jobs that state no salary (or
        no years) match the rest."""
        loose = or_unstated(query.root)
        if loose is None:
            return ""
        found, _ = stored_search.latest(store, chat_id, stored_query(format_node(loose)), 1)
        return unstated_tip(query.root, "/search", None if found else 0)

    @staticmethod
    def _digest(store: Stores, chat_id: int, alert_id: int) -> str:
        """ "/digest 3 daily" for an alert whose jobs come one by one; "" for one in a digest."""
        rows = {a.id: a for a in store.alerts.alert_rows(chat_id)}
        own = rows[alert_id].delivery if alert_id in rows else None
        mode = own or store.users.settings(chat_id).mode
        return f"/digest {alert_id} daily" if mode == "instant" else ""

    def _matched(
        self, store: Stores, chat_id: int, alert_id: int, query: Query, typed: str, new: bool
    ) -> str:
        """The rest of /alert's and /edit's reply, after the alert and its note: its tips, the
        unstated-pay tip, then the jobs of the last 7 days it matches (`new`: "would have
        matched"), the /digest offer for a busy one, and with none, what holds it back."""
        edit = f"/edit {alert_id}"
        hits, scope = self.backtest(store, query, chat_id)
        tips = alert_tips(query.root, typed, edit)
        unstated, held = self._loosened(store, query, hits, chat_id, edit)
        digest = self._digest(store, chat_id, alert_id)
        summary = stored_search.summary(hits, scope, new, query.normalized, digest)
        if hits and not new:  # (an alert sends the jobs found after it was changed)
            summary += "\nOnly jobs found from now on are sent; /search shows these."
        return f"{tips}{unstated}\n{summary}{held}"

    # -- commands --------------------------------------------------------------------------
    def cmd_alert(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Add an alert and show what it would have matched in the last 7 days."""
        if not arg:
            return "Tell me what to look for, e.g. <code>/alert rust backend</code>. /help alert"
        if "://" in arg and (said := link_reply(arg)):  # a job's or a board's link
            said = said.removeprefix("That's a link. ")
            return f"An alert is words to look for, not a link. {said}"
        if arg.strip().lower() in _LISTING:  # "/alert list": /alerts meant
            word = esc(arg.strip())
            return f'/alerts lists your alerts. (An alert for the word itself: <code>/alert "{word}"</code>.)'
        try:
            query, note, typed = self.parse(arg)
        except QueryError as exc:
            fix = query_fix(exc, clean_query(arg)[0], "/alert") or (
                " /help alert shows how to write one."
            )
            return f"I can't use that alert: {esc(str(exc))}.{fix}"
        store.users.ensure(msg.chat_id, self.clock(), msg.username, msg.first_name)
        alerts = store.alerts.alerts(msg.chat_id)
        same = next((a for a in alerts if same_alert(a.query, query)), None)
        if same is not None:
            return f"You already have this alert: #{same.id} <b>{esc(same.query)}</b>{note}"
        if len(alerts) >= self.limits.max_per_user:
            return (
                f"You already have {self.limits.max_per_user} alerts, the most allowed. "
                "/delete one first."
            )
        alert = store.alerts.add_alert(msg.chat_id, query.normalized, self.clock())
        reply = f"✅ Alert #{alert.id} saved: <b>{esc(query.normalized)}</b>{note}"
        reply += self._matched(store, msg.chat_id, alert.id, query, typed, True)
        if (user := store.users.user(msg.chat_id)) and user.state == "paused":
            reply += "\nNotifications are paused: /resume to get them."
        return reply

    def cmd_edit(self, store: Stores, msg: Incoming, arg: str) -> str:
        """Give an alert a new query; it keeps its id. /edit all adds one change to each."""
        if edit_all.is_all(arg):
            rest = arg.split(maxsplit=1)[1] if len(arg.split()) > 1 else ""
            return edit_all.edit_all(store, msg.chat_id, rest, self.limits, self.clock())
        mine = {a.id: a for a in store.alerts.alerts(msg.chat_id)}
        if isinstance(found := edit_asked.target(arg, mine), str):
            return found  # no id, not theirs, or typed last
        alert_id, text = found
        limit = self.limits.max_length
        if (said := edit_asked.not_a_query(store, msg, mine[alert_id], text, limit)) is not None:
            return said  # "cancel", "add scala": nothing to replace the query with
        if not text.strip():  # "/edit 3": its query, ready to copy and change
            now = esc(f"/edit {alert_id} {mine[alert_id].query}")
            return (
                f"Alert #{alert_id} looks for <b>{esc(mine[alert_id].query)}</b>. Send its new "
                f"query after the id: tap <code>{now}</code> to copy it, then change it."
            )
        try:
            query, note, typed = self.parse(text.strip())
        except QueryError as exc:
            fix = query_fix(exc, clean_query(text.strip())[0], f"/edit {alert_id}")
            return f"I can't use that alert: {esc(str(exc))}. Alert #{alert_id} is unchanged.{fix}"
        other = next((a for a in mine.values() if same_alert(a.query, query)), None)
        if other is not None and other.id != alert_id:
            return f"You already have this alert: #{other.id} <b>{esc(other.query)}</b>. Nothing changed."
        store.alerts.update_alert(msg.chat_id, alert_id, query.normalized, self.clock())
        now = f"✏️ Alert #{alert_id} now: <b>{esc(query.normalized)}</b>"
        if (was := mine[alert_id].query) != query.normalized:  # the way back, ready to copy
            now += f". To undo: <code>/edit {alert_id} {esc(was)}</code>"
            now += edit_asked.words_kept(alert_id, was, query.root, limit)  # (remote:hybrid alone)
        return now + note + self._matched(store, msg.chat_id, alert_id, query, typed, False)

    def cmd_delete(self, store: Stores, msg: Incoming, arg: str) -> str | OutgoingMessage:
        """Delete one alert by id, or by its query written as /alerts shows it; all of them
        after a confirm."""
        mine = store.alerts.alerts(msg.chat_id)
        if not arg.lstrip("#").strip():
            return alert_delete.which(mine)
        if alert_delete.ALL.fullmatch(arg.strip().lower()) and not any(
            a.query == arg for a in mine
        ):
            return alert_delete.delete_all(mine)
        alert_id = parse_id(arg)
        if alert_id is None:
            typed = " ".join(arg.split()).lower()
            alert_id = next((a.id for a in mine if a.query.lower() == typed), None)
        if alert_id is None and (several := parse_ids(arg)) is not None:
            return alert_delete.delete_several(store, msg.chat_id, several, mine)
        if alert_id is None:
            return f"“{echo(arg)}” is not an alert id nor one of your alerts." + yours(mine)
        if store.alerts.delete_alert(msg.chat_id, alert_id):
            return alert_delete.gone([a for a in mine if a.id == alert_id])
        return no_such_alert(alert_id, mine)

    def cmd_alerts(self, store: Stores, msg: Incoming, arg: str) -> str | OutgoingMessage:
        """The menu's first page (or page `arg`)."""
        page = (parse_id(arg) or 1) - 1 if arg else 0
        return self.menu(store, msg.chat_id, page)

    def menu(self, store: Stores, chat_id: int, page: int, note: str = "") -> OutgoingMessage:
        """One page of the alert list with its buttons (`alert_list.menu`)."""
        return alert_list.menu(store, chat_id, page, self.clock(), note)
