"""The message of one delivery, made when it is about to be sent and again when a press on it
redraws it: the job as `bot.render` words it, with what made the delivery (the alerts it
matched, the edit that queued it) and the courtesy parts the store knows by then (the other
boards that list it, when the user saw it before, their time zone). One place gathers them, so
a redrawn message says what the sent one said."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, tzinfo

from bot import policy, render
from bot.holding import DeliveryStores
from bot.models import Earlier, OutgoingMessage, Posting
from bot.store import Jobs, OutboxItem, Users


@dataclass(frozen=True, slots=True)
class Delivered:
    """What one delivery's message names besides the job: its id (its buttons carry it), the
    queries it matched (none: a followed board's job), and the edit that queued it, with when."""

    id: int
    queries: tuple[str, ...]
    followed: bool
    edit: tuple[str, datetime | None] | None = None


@dataclass(frozen=True, slots=True)
class Courtesy:
    """The parts of a message the store adds: the job's other boards ("board|location"), its
    earlier listing, and the user's time zone. Empty when the store could not be read."""

    also: tuple[str, ...] = ()
    earlier: Earlier | None = None
    zone: tzinfo | None = None


def courtesy(jobs: Jobs, users: Users, chat_id: int, posting_key: str) -> Courtesy:
    """The courtesy parts of `chat_id`'s message of the posting (raises sqlite3.Error)."""
    return Courtesy(
        jobs.also_on(posting_key),
        jobs.earlier(posting_key, chat_id),
        policy.zone(users.settings(chat_id).timezone),
    )


def message(
    posting: Posting, sent: Delivered, extra: Courtesy, now: datetime, saved: bool = False
) -> OutgoingMessage:
    """The job's message with its buttons (`saved`: its Save button shows it saved)."""
    return render.notification(
        posting, sent.queries, now, extra.also, zone=extra.zone, delivery_id=sent.id,
        saved=saved, followed=sent.followed, earlier=extra.earlier, edit=sent.edit,
    )  # fmt: skip


def compose(store: DeliveryStores, item: OutboxItem, now: datetime) -> OutgoingMessage | None:
    """The job's message; None when the user turned it away since it was queued, which marks
    the delivery dropped. A database error leaves out only the courtesy parts."""
    try:
        if why := store.choices.turned_away(item.chat_id, item.posting):
            store.outbox.mark_final(item.id, "dropped", f"{why} by the user")
            return None
        extra = courtesy(store.jobs, store.users, item.chat_id, item.posting.key)
    except sqlite3.Error:
        extra = Courtesy()
    edit = (item.edit, item.created_at) if item.edit is not None else None
    sent = Delivered(item.id, tuple(item.alert_queries), not item.alert_ids, edit)
    return message(item.posting, sent, extra, now)
