"""The app's commits leave WAL checkpoints to a thread of their own (bot.store.checkpoint):
copying the log into the database and syncing it held the event loop 30-50 ms in a commit."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from bot.store import Stores


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
