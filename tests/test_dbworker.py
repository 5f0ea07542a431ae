"""The chat commands' own connections: a lock or a full disk is "busy", alert changes reach the
poller's store, and the poller's transactions survive the second connection."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

import pytest

from bot.config import AlertsConfig
from bot.errors import StoreBusy
from bot.store import Db, Stores, Users
from bot.telegram.dbworker import StoreWorker, database_file, open_secondary
from bot.telegram.handlers import BUSY, Handlers
from bot.transport import Incoming


def test_a_transaction_that_read_first_commits_after_another_connection_wrote(
    store: Stores, now: datetime
) -> None:
    other = Users(open_secondary(database_file(store.db), busy_timeout=0.05))
    with store.db.transaction():  # as the poller's diff: read, then write
        assert store.users.user(1) is None
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.subscribe(2, now)  # a command's write waits for the transaction (here: fails)
        store.users.subscribe(1, now)
    assert store.users.user(1) is not None and store.users.user(2) is None
    other.subscribe(2, now)
    assert store.users.user(2) is not None
    other.db.close()


async def test_alerts_added_by_a_command_reach_the_app_stores_generation(
    store: Stores, now: datetime
) -> None:
    handlers = Handlers(store.db, clock=lambda: now)
    before = store.db.alerts_generation
    await handlers(Incoming(7, "/alerts"))
    assert store.db.alerts_generation == before, "reading changes nothing"
    assert "saved" in await handlers(Incoming(7, "/alert rust"))
    assert store.db.alerts_generation > before and [a.query for a in store.alerts.alerts(7)] == [
        "rust"
    ]
    handlers.close()


async def test_a_full_disk_answers_busy_in_one_line(store: Stores, now: datetime, caplog) -> None:
    path = database_file(store.db)

    def full() -> Db:  # the disk is full: SQLite may not grow the file by a single page
        secondary = open_secondary(path)
        pages = secondary.execute("PRAGMA page_count").fetchone()[0]
        secondary.execute(f"PRAGMA max_page_count={pages}")
        return secondary

    worker = StoreWorker(store.db, opener=full)
    handlers = Handlers(store.db, AlertsConfig(max_per_user=1000), clock=lambda: now, db=worker)
    alerts = " ".join(f"word{i}" for i in range(19))
    replies = [await handlers(Incoming(7, f"/alert {alerts} n{i}")) for i in range(60)]
    assert BUSY in replies, replies[-1]
    busy = [r for r in caplog.records if "answered busy" in r.getMessage()]
    assert busy and all(r.levelno == logging.WARNING and not r.exc_info for r in busy)
    assert "full" in busy[0].getMessage()
    with pytest.raises(StoreBusy):
        await worker.run(lambda s: s.alerts.add_alert(7, "x " * 5000, now))
    handlers.close()
