"""The message of one queued delivery, made as it is about to be sent: the job as
`bot.render` words it, with the courtesy parts the store knows by then (the other boards that
list it, when the user saw it before, their time zone), unless the user turned the job away
since it was queued (muted its company, hid it)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot import policy, render
from bot.holding import DeliveryStores
from bot.models import OutgoingMessage
from bot.store import OutboxItem


def compose(store: DeliveryStores, item: OutboxItem, now: datetime) -> OutgoingMessage | None:
    """The job's message; None when the user turned it away since it was queued, which marks
    the delivery dropped. A database error leaves out only the courtesy parts."""
    try:
        if why := store.choices.turned_away(item.chat_id, item.posting):
            store.outbox.mark_final(item.id, "dropped", f"{why} by the user")
            return None
        also = store.jobs.also_on(item.posting.key)
        earlier = store.jobs.earlier(item.posting.key, item.chat_id)
        zone = policy.zone(store.users.settings(item.chat_id).timezone)
    except sqlite3.Error:
        also, earlier, zone = (), None, None
    return render.notification(
        item.posting,
        item.alert_queries,
        now,
        also,
        zone=zone,
        delivery_id=item.id,
        followed=not item.alert_ids,
        earlier=earlier,
        edit=(item.edit, item.created_at) if item.edit is not None else None,
    )
