"""The /alerts menu: one page of a chat's alerts, each with its row of buttons (pause or
resume, edit, delete, its last 7 days), what each sent in a week, and a word on the alerts
that brought nothing in 30 days; and its buttons' callback data (`menu_data`), which
`alert_presses` answers, redrawing the menu."""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from bot.errors import QueryError
from bot.models import Button, OutgoingMessage
from bot.store import AlertRow, Stores
from bot.syntax import format_node
from bot.telegram import pausing, stored_search
from bot.telegram.delivery_modes import local_time
from bot.telegram.split import visible_text
from bot.view import stored_query
from bot.wording import plural, shorten

esc = html.escape
PAGE = 10  # alerts on one page of the menu
SHOWN = 150  # characters of a query in the menu: 10 of them stay far within 4096
WEEK = timedelta(days=7)
QUIET = timedelta(days=30)  # an alert that brought nothing for so long gets a word in /alerts

# Callback data of the menu's buttons is `a:<action>:<alert id>:<page>` (`menu_data`): well
# under Telegram's 64 bytes, no secret. Buttons already sent in chats carry it: never change it.
PREFIX = "a"
LIST = "l"  # a page of the menu (its alert id is 0)
PAUSE, RESUME, EDIT, BACKTEST = "p", "r", "e", "b"  # one alert's buttons
ASK_DELETE, DELETE = "d", "y"  # 🗑 Delete, and its "Yes, delete it"
DELETE_ALL = "A"  # /delete all's confirm: the alerts it listed (ids up to the one in the data)


def menu_data(action: str, alert_id: int, page: int) -> str:
    """The callback data of a menu button: `action` on alert `alert_id`, from page `page`."""
    return f"{PREFIX}:{action}:{alert_id}:{page}"


def menu(store: Stores, chat_id: int, page: int, now: datetime, note: str = "") -> OutgoingMessage:
    """One page of the alert list with its buttons."""
    alerts = store.alerts.alert_rows(chat_id)
    if not alerts:
        text = f"{note}\nYou have no alerts. Add one: <code>/alert rust backend</code>."
        return OutgoingMessage(text.strip(), visible_text(text.strip()))
    pages = (len(alerts) + PAGE - 1) // PAGE
    page = min(max(page, 0), pages - 1)
    shown = alerts[page * PAGE : (page + 1) * PAGE]
    counts = store.alerts.alert_sent_counts(chat_id, now - WEEK)
    tz = store.users.settings(chat_id).timezone
    head = "Your alerts" + (f" (page {page + 1} of {pages})" if pages > 1 else "") + ":"
    lines = [note, head] if note else [head]
    rows: list[tuple[Button, ...]] = []
    for a in shown:
        lines.append(_line(a, counts.get(a.id, 0), tz))
        rows.append(_buttons(a, page))
    nav = []
    if page > 0:
        nav.append(Button("◀ Prev", data=menu_data(LIST, 0, page - 1)))
    if page < pages - 1:
        nav.append(Button("Next ▶", data=menu_data(LIST, 0, page + 1)))
    if nav:
        rows.append(tuple(nav))
    lines += _quiet(store, chat_id, shown, now)
    lines.append(
        "/edit &lt;id&gt; &lt;query&gt; changes one; /delete &lt;id&gt; removes one; "
        "/digest &lt;id&gt; daily: one alert's jobs in a daily digest."
    )
    if paused := pausing.paused_line(store, chat_id):  # (until when, in their time)
        lines.append(paused)
    text = "\n".join(lines)
    return OutgoingMessage(text, visible_text(text), tuple(rows))


def _quiet(store: Stores, chat_id: int, shown: list[AlertRow], now: datetime) -> list[str]:
    """A line for the alerts on the page that are on, at least `QUIET` old, and brought
    no job in that time: likely too narrow, and the user may not have noticed."""
    user = store.users.user(chat_id)
    if user is None or user.state != "active":  # paused: nothing was sent, as asked
        return []
    since = now - QUIET
    sent = store.alerts.alert_sent_counts(chat_id, since)
    quiet = [
        f"#{a.id}" for a in shown if not a.paused_at and a.created_at <= since and a.id not in sent
    ]
    if not quiet:
        return []
    which = ", ".join(quiet)
    first = next(a for a in shown if f"#{a.id}" == quiet[0])
    why = "<code>/why</code> with a job's link says why it missed that job."
    if held := _held_back(store, chat_id, first, since):
        return [f"💤 {which} brought no job in 30 days. {held} {why}"]
    return [
        f"💤 {which} brought no job in 30 days: fewer words, or words joined with OR, find "
        f"more (<code>/edit {first.id} …</code>); {why}"
    ]


def _held_back(store: Stores, chat_id: int, alert: AlertRow, since: datetime) -> str:
    """What holds back a quiet alert: the part whose leaving out finds the most jobs of those
    30 days (`tips.closest`), with the /edit without it; "" when none does."""
    try:
        query = stored_query(alert.query)
    except QueryError:  # (stored before a change of the language)
        return ""
    found = stored_search.misses(store, chat_id, query, since)
    if not found:
        return ""
    top = found[0]
    return (
        f"Without <b>{esc(format_node(top.part))}</b>, #{alert.id} would have found "
        f"{top.found} in them: <code>/edit {alert.id} {esc(top.rest.normalized)}</code>."
    )


def _line(a: AlertRow, sent: int, tz: str) -> str:
    state = f"{plural(sent, 'job')} sent in 7 days"
    if a.paused_at:
        until = f" until {local_time(a.resume_at, tz)}" if a.resume_at else ""
        state = f"⏸ paused{until} · {state}"
    if a.delivery == "instant":
        state += " · ⚡ as they arrive"
    elif a.delivery:
        state += f" · 📬 {a.delivery}"
    return f"#{a.id} <b>{esc(shorten(a.query, SHOWN))}</b> — {state}"


def _buttons(a: AlertRow, page: int) -> tuple[Button, ...]:
    toggle = (
        Button(f"▶️ Resume #{a.id}", data=menu_data(RESUME, a.id, page))
        if a.paused_at
        else Button(f"⏸ Pause #{a.id}", data=menu_data(PAUSE, a.id, page))
    )
    return (
        toggle,
        Button("✏️ Edit", data=menu_data(EDIT, a.id, page)),
        Button("🗑 Delete", data=menu_data(ASK_DELETE, a.id, page)),
        Button("🔎 7 days", data=menu_data(BACKTEST, a.id, page)),
    )
