"""Presses on the /alerts menu (`alert_list.menu_data`: `a:<action>:<alert id>:<page>`): each
edits the menu in place.

Actions (`alert_list`): LIST a page, PAUSE/RESUME, EDIT (how to), ASK_DELETE, DELETE
(confirmed), BACKTEST, DELETE_ALL (the alerts /delete all listed: ids up to the one in the
data, so an old confirm spares alerts added since). Data of no action, or not of this shape,
is not valid and changes nothing; so does an alert id that is not the chat's (forged, or
deleted meanwhile), and a press by someone else in a private chat, each saying so.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from bot.models import Button, OutgoingMessage
from bot.store import AlertRow, Stores
from bot.telegram.alert_commands import AlertCommands
from bot.telegram.alert_list import (
    ASK_DELETE,
    BACKTEST,
    DELETE,
    DELETE_ALL,
    EDIT,
    LIST,
    PAUSE,
    RESUME,
    WEEK,
    menu_data,
)
from bot.telegram.args import parse_id
from bot.telegram.split import visible_text
from bot.telegram.stored_search import held_back, job_line
from bot.transport import Press, PressAnswer
from bot.view import stored_query
from bot.wording import plural

esc = html.escape
GONE = "That alert no longer exists: nothing changed. /alerts lists yours."
INVALID = "This button is not valid: nothing changed."


def _message(text: str, rows: tuple[tuple[Button, ...], ...] = ()) -> OutgoingMessage:
    return OutgoingMessage(text, visible_text(text), rows)


def _back(page: int) -> tuple[tuple[Button, ...], ...]:
    return ((Button("« Back to your alerts", data=menu_data(LIST, 0, page)),),)


class AlertMenu:
    """The `a:` press route over the alert commands' menu."""

    def __init__(self, commands: AlertCommands):
        self.commands = commands
        # Each action on one of the chat's alerts -> what it does (LIST and DELETE_ALL: none)
        self._on_alert: dict[str, Callable[[Stores, int, AlertRow, int], PressAnswer]] = {
            PAUSE: self._pause,
            RESUME: self._resume,
            EDIT: self._edit,
            ASK_DELETE: self._ask_delete,
            DELETE: self._delete,
            BACKTEST: self._backtest,
        }

    def press(self, store: Stores, press: Press, arg: str, now: datetime) -> PressAnswer:
        """Act on one press of the menu; `arg` is the data after "a:" (the time is unused:
        the menu's actions are not timed)."""
        parts = arg.split(":")
        ids = [parse_id(p) for p in parts[1:]]
        known = parts[0] in self._on_alert or parts[0] in (LIST, DELETE_ALL)
        if len(parts) != 3 or not known or None in ids:
            return PressAnswer(INVALID)
        action, (alert_id, page) = parts[0], ids
        assert alert_id is not None and page is not None
        if press.chat_id > 0 and press.user_id not in (None, press.chat_id):
            return PressAnswer("This menu isn't yours: nothing changed.")
        menu = self.commands.menu
        if action != EDIT:  # another press of the menu: the new query asked for is not coming
            self.commands.awaiting.forget(press.chat_id)
        if action == LIST:
            return PressAnswer("", menu(store, press.chat_id, page))
        if action == DELETE_ALL:  # the alerts /delete all listed (ids up to alert_id)
            return self._delete_all(store, press.chat_id, alert_id)
        alert = next((a for a in store.alerts.alert_rows(press.chat_id) if a.id == alert_id), None)
        if alert is None:
            return PressAnswer(GONE, menu(store, press.chat_id, page))
        return self._on_alert[action](store, press.chat_id, alert, page)

    def _delete_all(self, store: Stores, chat_id: int, upto: int) -> PressAnswer:
        listed = [a.id for a in store.alerts.alerts(chat_id) if a.id <= upto]
        n = sum(store.alerts.delete_alert(chat_id, alert_id) for alert_id in listed)
        note = f"🗑 Deleted {plural(n, 'alert')}."
        return PressAnswer(
            f"Deleted {plural(n, 'alert')}", self.commands.menu(store, chat_id, 0, note)
        )

    def _pause(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        if alert.paused_at is None:
            store.alerts.set_alert_paused(chat_id, alert.id, self.commands.clock())
        note = f"⏸ Alert #{alert.id} paused: its jobs wait until you resume it."
        return PressAnswer(f"Paused #{alert.id}", self.commands.menu(store, chat_id, page, note))

    def _resume(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        if alert.paused_at is not None:
            store.alerts.set_alert_paused(chat_id, alert.id, None)
        note = f"▶️ Alert #{alert.id} resumed."
        return PressAnswer(f"Resumed #{alert.id}", self.commands.menu(store, chat_id, page, note))

    def _edit(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        self.commands.awaiting.expect_edit(chat_id, alert.id, self.commands.clock())
        text = (
            f"✏️ Send the new query of alert #{alert.id} <b>{esc(alert.query)}</b> now; it "
            f"keeps its id. Or send /edit with its id and the query:\n<code>/edit {alert.id} "
            f"{esc(alert.query)}</code>\n/help alert shows how to write a query."
        )
        return PressAnswer("", _message(text, _back(page)))

    def _ask_delete(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        text = f"🗑 Delete alert #{alert.id} <b>{esc(alert.query)}</b>?"
        rows = (
            (
                Button("🗑 Yes, delete it", data=menu_data(DELETE, alert.id, page)),
                Button("Cancel", data=menu_data(LIST, 0, page)),
            ),
        )
        return PressAnswer("", _message(text, rows))

    def _delete(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        store.alerts.delete_alert(chat_id, alert.id)
        note = f"🗑 Alert #{alert.id} <b>{esc(alert.query)}</b> deleted."
        return PressAnswer(f"Deleted #{alert.id}", self.commands.menu(store, chat_id, page, note))

    def _backtest(self, store: Stores, chat_id: int, alert: AlertRow, page: int) -> PressAnswer:
        hits, scope = self.commands.backtest(store, alert.query, chat_id)
        head = f"🔎 Alert #{alert.id} <b>{esc(alert.query)}</b>: "
        if not hits:
            since, said = (
                self.commands.clock() - WEEK,
                (f"/edit {alert.id}", "jobs of the last 7 days"),
            )
            held = held_back(store, chat_id, stored_query(alert.query), since, said)
            text = head + f"no open job {scope} matches it.{held}"
        else:
            n = len(hits)
            text = head + f"{plural(n, 'open job')} {scope} match it. Latest:\n"
            text += "\n".join(job_line(p, alert.query) for p in hits[:5])
            if n > 5:
                text += f"\n…and {n - 5} more: /search {esc(alert.query)}"
        return PressAnswer("", _message(text, _back(page)))
