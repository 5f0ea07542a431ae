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
from bot.telegram.presses import BUSY as PRESS_BUSY
from bot.telegram.presses import OOPS, STALE, Presses
from bot.transport import Incoming, Press, PressAnswer


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
    handlers = Handlers(worker, AlertsConfig(max_per_user=1000), clock=lambda: now)
    alerts = " ".join(f"word{i}" for i in range(19))
    replies = [await handlers(Incoming(7, f"/alert {alerts} n{i}")) for i in range(60)]
    assert BUSY in replies, replies[-1]
    busy = [r for r in caplog.records if "answered busy" in r.getMessage()]
    assert busy and all(r.levelno == logging.WARNING and not r.exc_info for r in busy)
    assert "full" in busy[0].getMessage()
    with pytest.raises(StoreBusy):
        await worker.run(lambda s: s.alerts.add_alert(7, "x " * 5000, now))
    handlers.close()


async def test_a_press_that_meets_a_lock_or_a_bug_gets_a_clear_answer(
    store: Stores, now: datetime, caplog
) -> None:
    """Busy while another writer holds the database, done once it lets go; a bug in a route is
    "went wrong" with its traceback logged once; data no route knows is stale."""

    def subscribe(s: Stores, press: Press, rest: str, at: datetime) -> PressAnswer:
        s.users.subscribe(press.chat_id, at)
        return PressAnswer("subscribed")

    def broken(s: Stores, press: Press, rest: str, at: datetime) -> PressAnswer:
        raise KeyError(rest)

    worker = StoreWorker(store.db, busy_timeout=0.05)
    presses = Presses(worker, clock=lambda: now)
    presses.register({"sub": subscribe, "bug": broken})
    with store.db.transaction():  # the poller's write, holding the lock
        store.users.subscribe(1, now)
        assert await presses(Press(7, 1, "sub:")) == PRESS_BUSY
    assert store.users.user(7) is None
    assert await presses(Press(7, 1, "sub:")) == PressAnswer("subscribed")
    assert store.users.user(7) is not None
    assert await presses(Press(7, 1, "bug:x")) == OOPS
    assert await presses(Press(7, 1, "gone:x")) == STALE
    assert await presses(Press(7, 1, "sub:" + "x" * 64)) == STALE, "past Telegram's 64 bytes"
    failed = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failed) == 1 and failed[0].exc_info and "bug:x" in failed[0].getMessage()
    worker.close()
