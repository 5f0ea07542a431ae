"""/delete of all of a user's alerts (asked first) or of several by id, and what a delete says:
the /alert that brings each back, since a delete has no undo."""

from __future__ import annotations

import html
import re

from bot.models import Alert, Button, OutgoingMessage
from bot.store import Stores
from bot.telegram.alert_list import DELETE_ALL, LIST, menu_data
from bot.telegram.args import ids_named, listed, yours
from bot.telegram.split import visible_text

esc = html.escape
ALL = re.compile(r"(?:all|every(?:thing| alert)?)(?: (?:of )?(?:my|the)?\s*alerts?)?")


def which(mine: list[Alert]) -> str:
    """/delete alone: the /delete of the one alert there is, or which ones there are."""
    if len(mine) == 1:
        only = f"#{mine[0].id} <b>{esc(mine[0].query)}</b>"
        return f"Your only alert is {only}: <code>/delete {mine[0].id}</code> deletes it."
    return "Which alert? Send <code>/delete 3</code>." + yours(mine)


def delete_all(mine: list[Alert]) -> str | OutgoingMessage:
    """The confirm that /delete all asks, with the user's alerts named."""
    if not mine:
        return "You have no alerts. Add one: <code>/alert rust backend</code>."
    what = f"all your {len(mine)} alerts" if len(mine) > 1 else "your only alert"
    text = (
        f"🗑 Delete {what} ({listed(mine)})? This cannot be undone: /export first keeps a "
        "copy to /import."
    )
    yes = f"🗑 Yes, delete all {len(mine)}" if len(mine) > 1 else "🗑 Yes, delete it"
    rows = (
        (
            Button(yes, data=menu_data(DELETE_ALL, max(a.id for a in mine), 0)),
            Button("Cancel", data=menu_data(LIST, 0, 0)),
        ),
    )
    return OutgoingMessage(text, visible_text(text), rows)


def delete_several(store: Stores, chat_id: int, ids: list[int], mine: list[Alert]) -> str:
    """/delete 1 2 (or "1, 2", "1-3"): each of the user's alerts named; the others said."""
    deleted = [i for i in ids if store.alerts.delete_alert(chat_id, i)]
    missing = [i for i in ids if i not in deleted]
    said = gone([a for a in mine if a.id in deleted])
    if missing:
        left = [a for a in mine if a.id not in deleted]
        said += f" You have no alert {ids_named(missing, 'or')}."
        none_left = " No alert is left: <code>/alert rust backend</code> adds one."
        said += yours(left) if left or not deleted else none_left
    return said.strip()


def gone(deleted: list[Alert]) -> str:
    """That the alerts are deleted, each with the /alert that brings it back ("" for none)."""
    if not deleted:  # ("/delete 8 9" of none of theirs: it named no id)
        return ""
    if len(deleted) == 1:
        query = esc(deleted[0].query)
        back = f"<code>/alert {query}</code> brings it back"
        return f"Alert #{deleted[0].id} deleted: <b>{query}</b>. {back}."
    backs = ", ".join(f"<code>/alert {esc(a.query)}</code>" for a in deleted)
    ids = ids_named([a.id for a in deleted])
    return f"Alerts {ids} deleted. To bring one back: {backs}."
