"""The connection: open and migrate the database, transactions, backup."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Self

from sqlite_utils import Database

from bot import __version__
from bot import migrations as schema
from bot.errors import StorageError, StorageSetupError
from bot.store import dbfile, fulltext
from bot.store.checkpoint import Checkpointer
from bot.store.stamps import iso


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


# Seconds a secondary connection (a chat command's) waits for another writer before it gives
# up: its caller answers "busy" rather than keep the user waiting.
BUSY_TIMEOUT = 2.0


def settle(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """What every connection of jobbot's sets: how long it waits for another writer, WAL's
    safe `synchronous=NORMAL`, and foreign keys enforced."""
    conn.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")


def open_secondary(path: str | Path, busy_timeout: float = BUSY_TIMEOUT) -> Db:
    """One more connection to an open (already migrated) database, for another thread."""
    conn = sqlite3.connect(
        str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    settle(conn, busy_timeout)
    return Db(Database(conn))


def connect(path: str | Path) -> Database:
    """Open (creating if needed) the database in WAL mode, mode 600, and apply pending
    migrations; a database that cannot be used raises StorageError saying why, in one line
    (StorageSetupError when only an operator can mend it: its files' owner, a newer schema)."""
    conn = _opened(path)
    try:
        fulltext.register(conn)
        db = Database(conn)
        db.execute("PRAGMA journal_mode=WAL")
        settle(conn, 10.0)
        if newer := schema.newer([m.name for m in schema.migrations.applied(db)]):
            raise StorageSetupError(_rollback(path, newer))
        schema.apply(db)
        db.execute("BEGIN IMMEDIATE")  # can it write? (a file it reads only fails here, not
        db.execute("DELETE FROM _sqlite_migrations WHERE 0")  # at its first write later on)
        db.execute("ROLLBACK")
    except sqlite3.Error as exc:
        conn.close()
        if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            raise StorageSetupError(dbfile.unwritable(Path(path), exc)) from None
        raise StorageError(storage_problem(path, exc)) from None
    except StorageSetupError:
        conn.close()
        raise
    if str(path) != ":memory:":
        dbfile.tighten(Path(path))  # (its -wal and -shm too, made as it was)
    return db


def _opened(path: str | Path) -> sqlite3.Connection:
    """The connection to the database file, made (mode 600) when missing; StorageSetupError
    when this user cannot read and write it."""
    try:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            if not Path(path).exists():  # owner only: it holds chat ids and alerts (its WAL too)
                Path(path).touch(mode=dbfile.PRIVATE)
            if problem := dbfile.access_problem(Path(path)):
                raise StorageSetupError(problem)
        return sqlite3.connect(
            str(path), timeout=10.0, isolation_level=None, check_same_thread=False
        )
    except OSError as exc:
        raise StorageSetupError(f"cannot open the database {path}: {exc}") from None
    except sqlite3.Error as exc:
        raise StorageSetupError(dbfile.unwritable(Path(path), exc)) from None


def _rollback(path: str | Path, newer: list[str]) -> str:
    return (
        f"the database {path} was written by a newer jobbot (migration {newer[0]}; this jobbot "
        f"{__version__} knows up to {schema.last()}): this is a rollback, and this version "
        "could lose or damage what the newer one stored; run the newer jobbot again, or "
        "restore a backup made by this version (jobbot restore)"
    )


def storage_problem(path: str | Path, exc: sqlite3.Error) -> str:
    """One line on what is wrong with the database, and what to do."""
    text = str(exc)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"the database {path} is damaged or not a jobbot database ({text}); move it away and "
            "restore a backup (jobbot backup makes them)"
        )
    if "full" in text:
        return f"the disk holding {path} is full ({text}); free some space"
    if "locked" in text or "busy" in text:
        return f"the database {path} is locked by another program ({text}); try again"
    return f"the database {path} cannot be used: {text}"


class Db:
    """The one database every store shares: its connection (rows read by column name), the
    transactions that may span stores, backup, and `alerts_generation`.

    `alerts_generation` is bumped by every change that may change routing (users, alerts,
    pauses, hidden jobs, mutes): the poller rebuilds its alert index when it moves."""

    def __init__(self, utils: Database, path: str | Path | None = None):
        utils.conn.row_factory = sqlite3.Row
        fulltext.register(utils.conn)  # the text index's functions (see fulltext)
        self.utils = utils  # sqlite-utils over the same connection: migrations, savepoints
        self.conn = utils.conn
        self.alerts_generation = 0
        self.path = Path(path) if path and str(path) != ":memory:" else None
        self._file = _file_id(self.path) if self.path else None
        self.checkpoints: Checkpointer | None = None

    @classmethod
    def open(cls, path: str | Path) -> Self:
        """The app's connection: its commits leave checkpoints to a thread (`checkpoint`)."""
        db = cls(connect(path), path)
        if db.path is not None:
            db.execute("PRAGMA wal_autocheckpoint=0")
            db.checkpoints = Checkpointer(db.path)
        return db

    async def caught_up(self) -> None:
        """Between two transactions of a burst: wait, the event loop running, while the
        write-ahead log is long, until the checkpoint thread has copied it (see `checkpoint`)."""
        if self.checkpoints is not None:
            await self.checkpoints.caught_up()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        return self.conn.executemany(sql, rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        """The first row `sql` reads, or None."""
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def file_problem(self) -> str | None:
        """None while the database file is the one opened; else what happened to it, after
        writing everything committed back to its path when it was deleted (the connection
        still holds the deleted file, so nothing committed is lost)."""
        if self.path is None or _file_id(self.path) == self._file:
            return None
        if self._file is not None and not self.path.exists():
            try:
                self.backup(self.path)
            except (OSError, sqlite3.Error) as exc:
                return f"the database {self.path} was deleted while jobbot ran ({exc})"
            self._file = _file_id(self.path)
            return (
                f"the database {self.path} was deleted while jobbot ran; everything it held is "
                "written back there; restart jobbot to carry on"
            )
        return f"the database {self.path} was replaced while jobbot ran; restart jobbot"

    def close(self) -> None:
        if self.checkpoints is not None:
            self.checkpoints.close()
        self.conn.close()

    def backup(self, path: str | Path) -> None:
        """A consistent copy of the live database through SQLite's online backup API."""
        if not Path(path).exists():  # owner only, as the database it copies
            Path(path).touch(mode=dbfile.PRIVATE)
        target = sqlite3.connect(str(path))
        try:
            self.conn.backup(target, pages=1024)
        finally:
            target.close()

    def shift_schedules(self, jump: timedelta, now: datetime) -> None:
        """The wall clock jumped by `jump`: move board backoffs and delivery retries that lie
        ahead of `now` by as much (see `bot.clock`)."""
        for table, column, where in (
            ("boards", "next_due_at", "1"),
            ("deliveries", "next_attempt_at", "state = 'pending'"),
        ):
            rows = self.execute(
                f"SELECT rowid AS rid, {column} AS due FROM {table} WHERE {where} AND {column} > ?",
                (iso(now),),
            ).fetchall()
            self.executemany(
                f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                [(iso(max(datetime.fromisoformat(r["due"]) + jump, now)), r["rid"]) for r in rows],
            )

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see the database as of one moment (a read transaction; inside a
        transaction already, that one)."""
        if self.conn.in_transaction:
            yield
            return
        self.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.execute("COMMIT")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit, across stores; nested calls become savepoints.

        It takes the write lock up front (BEGIN IMMEDIATE): a transaction that read first
        could not write once another connection (the chat commands' own) committed
        meanwhile; SQLite would fail it at once instead of waiting."""
        if self.conn.in_transaction:
            with self.utils.atomic():
                yield
            return
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.execute("ROLLBACK")
            raise
        self.execute("COMMIT")
        if self.checkpoints is not None:
            self.checkpoints.written()


class Table:
    """A store: the SQL of one job over the shared `Db`."""

    def __init__(self, db: Db):
        self.db = db
