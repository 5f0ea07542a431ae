"""Presses on the /alerts menu (`a:<action>:<alert id>:<page>`): each edits the menu in place.

Actions: l (list a page), p/r (pause/resume), e (how to edit), d (ask to delete), y (delete,
confirmed), b (backtest), A (delete the alerts /delete all listed: ids up to the one in the
data, so an old confirm spares alerts added since). An alert id that is not the chat's
(forged, or deleted meanwhile) changes nothing and says so; so does a press by someone else
in a private chat.
"""

from __future__ import annotations

import html
from datetime import datetime

from bot.models import Button, OutgoingMessage
from bot.store import AlertRow, Stores
from bot.telegram.alert_list import WEEK
from bot.telegram.alerts_menu import AlertCommands
from bot.telegram.args import parse_id
from bot.telegram.split import visible_text
from bot.telegram.stored_search import held_back, job_line
from bot.transport import Press, PressAnswer
from bot.view import stored_query
from bot.wording import plural

esc = html.escape
PREFIX = "a"
ACTIONS = frozenset("lpredybA")
GONE = "That alert no longer exists (or isn't yours): nothing changed."
INVALID = "This button is not valid: nothing changed."


def _message(text: str, rows: tuple[tuple[Button, ...], ...] = ()) -> OutgoingMessage:
    return OutgoingMessage(text, visible_text(text), rows)


def _back(page: int) -> tuple[tuple[Button, ...], ...]:
    return ((Button("« Back to your alerts", data=f"a:l:0:{page}"),),)


class AlertMenu:
    """The `a:` press route over the alert commands' menu."""

    def __init__(self, commands: AlertCommands):
        self.commands = commands

    def press(self, store: Stores, press: Press, arg: str, now: datetime) -> PressAnswer:
        """Act on one press of the menu; `arg` is the data after "a:" (the time is unused:
        the menu's actions are not timed)."""
        parts = arg.split(":")
        ids = [parse_id(p) for p in parts[1:]]
        if len(parts) != 3 or parts[0] not in ACTIONS or None in ids:
            return PressAnswer(INVALID)
        action, (alert_id, page) = parts[0], ids
        assert alert_id is not None and page is not None
        if press.chat_id > 0 and press.user_id not in (None, press.chat_id):
            return PressAnswer("This menu isn't yours: nothing changed.")
        menu = self.commands.menu
        if action != "e":  # another press of the menu: the new query asked for is not coming
            self.commands.awaiting.forget(press.chat_id)
        if action == "l":
            return PressAnswer("", menu(store, press.chat_id, page))
        if action == "A":  # /delete all, confirmed: the alerts it listed (ids up to alert_id)
            return self._all(store, press.chat_id, alert_id)
        alert = next((a for a in store.alerts.alert_rows(press.chat_id) if a.id == alert_id), None)
        if alert is None:
            return PressAnswer(GONE, menu(store, press.chat_id, page))
        return getattr(self, f"_{action}")(store, press.chat_id, alert, page)

    def _all(self, store: Stores, chat_id: int, upto: int) -> PressAnswer:
        listed = [a.id for a in store.alerts.alerts(chat_id) if a.id <= upto]
        n = sum(store.alerts.delete_alert(chat_id, alert_id) for alert_id in listed)
        note = f"🗑 Deleted {plural(n, 'alert')}."
        return PressAnswer(
            f"Deleted {plural(n, 'alert')}", self.commands.menu(store, chat_id, 0, note)
        )

    def _p(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        if alert.paused_at is None:
            store.alerts.set_alert_paused(chat_id, alert.id, self.commands.clock())
        note = f"⏸ Alert #{alert.id} paused: its jobs wait until you resume it."
        return PressAnswer(f"Paused #{alert.id}", self.commands.menu(store, chat_id, page, note))

    def _r(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        if alert.paused_at is not None:
            store.alerts.set_alert_paused(chat_id, alert.id, None)
        note = f"▶️ Alert #{alert.id} resumed."
        return PressAnswer(f"Resumed #{alert.id}", self.commands.menu(store, chat_id, page, note))

    def _e(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        self.commands.awaiting.expect_edit(chat_id, alert.id, self.commands.clock())
        text = (
            f"✏️ Send the new query of alert #{alert.id} <b>{esc(alert.query)}</b> now; it "
            f"keeps its id. Or send /edit with its id and the query:\n<code>/edit {alert.id} "
            f"{esc(alert.query)}</code>\n/help alert shows how to write a query."
        )
        return PressAnswer("", _message(text, _back(page)))

    def _d(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        text = f"🗑 Delete alert #{alert.id} <b>{esc(alert.query)}</b>?"
        rows = (
            (
                Button("🗑 Yes, delete it", data=f"a:y:{alert.id}:{page}"),
                Button("Cancel", data=f"a:l:0:{page}"),
            ),
        )
        return PressAnswer("", _message(text, rows))

    def _y(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        store.alerts.delete_alert(chat_id, alert.id)
        note = f"🗑 Alert #{alert.id} <b>{esc(alert.query)}</b> deleted."
        return PressAnswer(f"Deleted #{alert.id}", self.commands.menu(store, chat_id, page, note))

    def _b(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        hits, scope = self.commands.backtest(store, alert.query, chat_id)
        head = f"🔎 Alert #{alert.id} <b>{esc(alert.query)}</b>: "
        if not hits:
            since, said = (
                self.commands.clock() - WEEK,
                (f"/edit {alert.id}", "jobs of the last 7 days"),
            )
            held = held_back(store, chat_id, stored_query(alert.query), since, said)
            text = head + f"no job {scope} matches it.{held}"
        else:
            n = len(hits)
            text = head + f"{plural(n, 'job')} {scope} match it. Latest:\n"
            text += "\n".join(job_line(p, alert.query) for p in hits[:5])
            if n > 5:
                text += f"\n…and {n - 5} more: /search {esc(alert.query)}"
        return PressAnswer("", _message(text, _back(page)))
