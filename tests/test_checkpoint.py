"""The app's commits leave WAL checkpoints to a thread of their own (bot.store.checkpoint):
copying the log into the database and syncing it held the event loop 30-50 ms in a commit."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from pathlib import Path

import pytest

from bot.store import Stores
from bot.textindexer import give_way


def _wait_for_checkpoint(store: Stores, after: int) -> None:
    """Until the thread has run a checkpoint more than `after` (10 s at most: a bound for a
    loaded machine, not a speed claim)."""
    checkpoints = store.db.checkpoints
    assert checkpoints is not None
    pause = threading.Event()
    for _ in range(1000):
        if checkpoints.done > after:
            return
        pause.wait(0.01)
    raise AssertionError("no checkpoint")


def test_commits_leave_checkpoints_to_their_thread(tmp_path: Path) -> None:
    store = Stores.open(tmp_path / "jobbot.db")
    assert store.db.one("PRAGMA wal_autocheckpoint")[0] == 0  # none inside a commit
    with store.db.transaction():
        store.db.execute("CREATE TABLE filler (x TEXT)")
        store.db.executemany("INSERT INTO filler VALUES (?)", [("x" * 4000,)] * 3000)
    _wait_for_checkpoint(store, 0)
    other = sqlite3.connect(tmp_path / "jobbot.db")
    busy, logged, copied = other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and logged > 1000 and copied == logged  # the thread had copied it all
    other.close()
    store.close()


def test_writes_outside_a_transaction_are_checkpointed_too(tmp_path: Path) -> None:
    """A statement that commits itself (a not-modified poll's bookkeeping was one) tells the
    thread nothing: it still finds the log moved, so 304s alone cannot grow it unchecked."""
    store = Stores.open(tmp_path / "jobbot.db")
    assert store.db.checkpoints is not None
    store.db.checkpoints.every = 0.01  # looks at the log this often (keeps the test short)
    with store.db.transaction():
        store.db.execute("CREATE TABLE filler (x TEXT)")
    _wait_for_checkpoint(store, 0)
    database = tmp_path / "jobbot.db"
    for _ in range(300):
        store.db.execute("INSERT INTO filler VALUES (?)", ("x" * 4000,))
    # Only a checkpoint writes the rows into the database file (until then they are in the
    # log): watched there, not by a checkpoint of our own, which could meet the thread's.
    pause = threading.Event()
    for _ in range(1000):  # 10 s at most: a bound for a loaded machine, not a speed claim
        if database.stat().st_size >= 300 * 4000:
            break
        pause.wait(0.01)
    assert database.stat().st_size >= 300 * 4000, "the log was never copied into the database"
    store.close()


async def _burst(store: Stores, transactions: int, size: int) -> int:
    """`transactions` of one `size`-character row each, giving way between them as the
    poller's and the indexer's bursts do: the largest the log file grew."""
    log = store.db.path.with_name(store.db.path.name + "-wal")  # type: ignore[union-attr]
    largest = 0
    for _ in range(transactions):
        with store.db.transaction():
            store.db.execute("INSERT INTO filler VALUES (?)", ("x" * size,))
        largest = max(largest, log.stat().st_size)
        await give_way(store.db)
    return largest


def test_a_burst_waits_for_the_log_to_be_copied_so_the_file_stays_near_its_limit(
    tmp_path: Path,
) -> None:
    """Cutting a long log file back held the loop 36-356 ms in the commit that started the
    log over: the loop never cuts it now, and a burst waits (the loop running) once the log
    passes the limit, until the thread has copied it all, so the next transaction starts
    the log over from the top of the file."""
    store = Stores.open(tmp_path / "jobbot.db")
    checkpoints = store.db.checkpoints
    assert checkpoints is not None
    checkpoints.limit = 256 * 1024
    assert store.db.one("PRAGMA journal_size_limit")[0] == -1  # the loop never cuts the file
    with store.db.transaction():
        store.db.execute("CREATE TABLE filler (x TEXT)")
    before, start = checkpoints.done, checkpoints.log.stat().st_size  # the schema's log
    largest = asyncio.run(_burst(store, 200, 16_000))
    # 5 MB went through the log; the file (0.8 MB after the migrations, reused from the top
    # each time) never grew by more than one transaction past that or the limit.
    assert largest <= max(start, checkpoints.limit) + 64 * 1024
    assert checkpoints.done > before + 5  # the bursts waited for several checkpoints
    assert store.db.one("SELECT count(*) FROM filler")[0] == 200
    store.close()


def test_a_burst_the_log_cannot_be_copied_for_writes_on_and_says_so_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A reader holding an old snapshot keeps a checkpoint from copying the log past it:
    the burst waits `patience`, says why once, and writes on without waiting again."""
    store = Stores.open(tmp_path / "jobbot.db")
    checkpoints = store.db.checkpoints
    assert checkpoints is not None
    checkpoints.limit, checkpoints.patience = 64 * 1024, 0.05
    with store.db.transaction():
        store.db.execute("CREATE TABLE filler (x TEXT)")
    reader = sqlite3.connect(tmp_path / "jobbot.db", isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM filler").fetchone()  # holds this snapshot
    with caplog.at_level(logging.WARNING, logger="bot.store.checkpoint"):
        largest = asyncio.run(_burst(store, 40, 16_000))
    assert largest > 10 * checkpoints.limit  # nothing could be copied: the log grew
    warned = [r for r in caplog.records if "could not be copied back" in r.getMessage()]
    assert len(warned) == 1
    assert store.db.one("SELECT count(*) FROM filler")[0] == 40
    reader.execute("COMMIT")
    reader.close()
    # Once a checkpoint catches up, bursts wait for the log again.
    checkpoints.written()
    pause = threading.Event()
    for _ in range(1000):  # 10 s at most: a bound for a loaded machine, not a speed claim
        if not checkpoints.long() and not checkpoints._stuck:
            break
        pause.wait(0.01)
    assert not checkpoints._stuck
    store.close()


def test_a_waiter_whose_loop_has_closed_does_not_end_the_thread(tmp_path: Path) -> None:
    """The thread wakes waiters through their loops; one closed in the meantime (the app
    stopping as a checkpoint completes) is passed over, and checkpoints go on."""
    store = Stores.open(tmp_path / "jobbot.db")
    checkpoints = store.db.checkpoints
    assert checkpoints is not None
    gone = asyncio.new_event_loop()
    waiter = gone.create_future()
    gone.close()
    checkpoints._waiting.append((gone, waiter))  # as `caught_up` leaves it, its loop now closed
    with store.db.transaction():
        store.db.execute("CREATE TABLE filler (x TEXT)")
    _wait_for_checkpoint(store, 0)
    after = checkpoints.done
    with store.db.transaction():
        store.db.execute("INSERT INTO filler VALUES ('x')")
    _wait_for_checkpoint(store, after)  # the thread is still there
    assert not checkpoints._waiting and not waiter.done()
    store.close()
