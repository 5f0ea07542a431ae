"""The connection: open and migrate the database, transactions, backup; timestamps as text."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from sqlite_utils import Database

from bot.migrations import migrations


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime | None) -> str | None:
    """UTC ISO 8601 with microseconds, so stored timestamps sort as text."""
    if dt is None:
        return None
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def connect(path: str | Path) -> Database:
    """Open (creating if needed) the database in WAL mode and apply pending migrations."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10.0, isolation_level=None, check_same_thread=False)
    db = Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA busy_timeout=10000")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db)
    return db


class StoreBase:
    """The connection every part of `Store` shares, and its transactions."""

    def __init__(self, db: Database):
        self.db = db
        self.alerts_generation = 0  # bumped whenever the set of active alerts may have changed

    @classmethod
    def open(cls, path: str | Path) -> Self:
        return cls(connect(path))

    def close(self) -> None:
        self.db.close()

    def backup(self, path: str | Path) -> None:
        """A consistent copy of the live database through SQLite's online backup API."""
        target = sqlite3.connect(str(path))
        try:
            self.db.conn.backup(target, pages=1024)
        finally:
            target.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit; nested calls become savepoints.

        It takes the write lock up front (BEGIN IMMEDIATE): a transaction that read first
        could not write once another connection (the chat commands' own) committed
        meanwhile; SQLite would fail it at once instead of waiting."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _one(self, sql: str, params: tuple | list = ()) -> tuple | None:
        return self.db.execute(sql, params).fetchone()
