"""The outbox's rows as records: a due delivery with its posting (`OutboxItem`, read by
`items` from `ITEM_COLS`), a sent one as a press on its message sees it (`SentJob`), where a
job stands in one user's outbox (`OutboxState`), and ending deliveries (`mark_final`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.models import Posting
from bot.store.columns import posting_of, prefixed
from bot.store.db import Db
from bot.store.stamps import from_iso


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One due delivery with the posting it carries."""

    id: int
    chat_id: int
    posting: Posting
    alert_ids: tuple[int, ...]
    alert_queries: tuple[str, ...]
    attempts: int
    created_at: datetime | None = None
    edit: str | None = None  # what an edit changed, when the edit queued it (`history.changes`)

    @property
    def ids(self) -> tuple[int, ...]:
        """The deliveries it carries (one; a summary carries many)."""
        return (self.id,)


@dataclass(frozen=True, slots=True)
class SentJob:
    """A delivery as a press on its message sees it."""

    id: int
    chat_id: int
    posting_key: str
    alert_ids: tuple[int, ...]
    message_id: int | None
    state: str
    queries: tuple[str, ...] | None = None  # the matched queries its message named, if stored
    created_at: datetime | None = None  # when it was queued
    edit: str | None = None  # what an edit changed, when the edit queued it


@dataclass(frozen=True, slots=True)
class OutboxState:
    """Where a job stands in one user's outbox: 'pending', 'sent', ... and when it was sent."""

    state: str
    sent_at: datetime | None
    held_until: datetime | None = None  # a pending one held for a summary (UNTIL_RESUME: paused)
    error: str | None = None  # why it failed or was dropped, or the last retry's error
    edit: str | None = None  # what an edit changed, when the edit queued it


def id_list(ids: int | Iterable[int]) -> list[int]:
    return [ids] if isinstance(ids, int) else list(ids)


# `held_until` of a delivery held for a paused user or alert: it waits for the resume.
UNTIL_RESUME = datetime(9999, 1, 1, tzinfo=UTC)
# An outbox row as `items` reads it: the delivery (alias d), then its posting (alias p).
ITEM_COLS = (
    "d.id AS delivery_id, d.chat_id, d.alert_ids, d.attempts, d.created_at AS queued_at, "
    "d.edit AS edit, "
    f"{prefixed('p')}"
)


def mark_final(db: Db, ids: int | Iterable[int], state: str, error: str) -> None:
    """End deliveries as 'failed' or 'dropped', with the reason."""
    assert state in ("failed", "dropped")
    ids = id_list(ids)
    db.execute(
        f"UPDATE deliveries SET state = ?, last_error = ? WHERE id IN ({','.join('?' * len(ids))})",
        (state, error, *ids),
    )


def items(db: Db, rows: list[sqlite3.Row]) -> list[OutboxItem]:
    """Rows of `ITEM_COLS` -> items, with the queries of their alerts."""
    alert_ids = [tuple(json.loads(r["alert_ids"])) for r in rows]
    wanted = list({a for ids in alert_ids for a in ids})
    queries = {}
    if wanted:
        sql = f"SELECT id, query FROM alerts WHERE id IN ({','.join('?' * len(wanted))})"
        queries = {r["id"]: r["query"] for r in db.execute(sql, wanted)}
    return [
        OutboxItem(
            id=r["delivery_id"], chat_id=r["chat_id"], posting=posting_of(r), alert_ids=ids,
            alert_queries=tuple(queries[a] for a in ids if a in queries), attempts=r["attempts"],
            created_at=from_iso(r["queued_at"]), edit=r["edit"],
        )
        for r, ids in zip(rows, alert_ids, strict=True)
    ]  # fmt: skip
