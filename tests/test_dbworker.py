"""The chat commands' own connections: a lock or a full disk is "busy", alert changes reach the
poller's store, and the poller's transactions survive the second connection."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

import pytest

from bot.config import AlertsConfig
from bot.errors import StoreBusy
from bot.store import Store
from bot.telegram.dbworker import StoreWorker, database_file, open_secondary
from bot.telegram.handlers import BUSY, Handlers
from bot.transport import Incoming


def test_a_transaction_that_read_first_commits_after_another_connection_wrote(
    store: Store, now: datetime
) -> None:
    other = open_secondary(database_file(store), busy_timeout=0.05)
    with store.transaction():  # as the poller's diff: read, then write
        assert store.user(1) is None
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.subscribe(2, now)  # a command's write waits for the transaction (here: fails)
        store.subscribe(1, now)
    assert store.user(1) is not None and store.user(2) is None
    other.subscribe(2, now)
    assert store.user(2) is not None
    other.close()


async def test_alerts_added_by_a_command_reach_the_app_stores_generation(
    store: Store, now: datetime
) -> None:
    handlers = Handlers(store, clock=lambda: now)
    before = store.alerts_generation
    await handlers(Incoming(7, "/alerts"))
    assert store.alerts_generation == before, "reading changes nothing"
    assert "saved" in await handlers(Incoming(7, "/alert rust"))
    assert store.alerts_generation > before and [a.query for a in store.alerts(7)] == ["rust"]
    handlers.close()


async def test_a_full_disk_answers_busy_in_one_line(store: Store, now: datetime, caplog) -> None:
    path = database_file(store)

    def full() -> Store:  # the disk is full: SQLite may not grow the file by a single page
        secondary = open_secondary(path)
        pages = secondary.db.execute("PRAGMA page_count").fetchone()[0]
        secondary.db.execute(f"PRAGMA max_page_count={pages}")
        return secondary

    worker = StoreWorker(store, opener=full)
    handlers = Handlers(store, AlertsConfig(max_per_user=1000), clock=lambda: now, db=worker)
    alerts = " ".join(f"word{i}" for i in range(19))
    replies = [await handlers(Incoming(7, f"/alert {alerts} n{i}")) for i in range(60)]
    assert BUSY in replies, replies[-1]
    busy = [r for r in caplog.records if "answered busy" in r.getMessage()]
    assert busy and all(r.levelno == logging.WARNING and not r.exc_info for r in busy)
    assert "full" in busy[0].getMessage()
    with pytest.raises(StoreBusy):
        await worker.run(Store.add_alert, 7, "x " * 5000, now)
    handlers.close()
