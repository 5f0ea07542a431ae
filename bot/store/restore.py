"""`jobbot restore`: put a backup in place of the database, never under a running bot.

The backup is checked first (SQLite's integrity_check, and jobbot's migrations table with no
migration this version does not know), read only (it may sit where this user cannot write, and
nothing is left beside it), copied next to the database through SQLite's backup API, and
swapped in with one rename; the database it replaces is kept beside it, WAL included. The
restored file gets the owner of the one it replaces (a restore run as root must not hand the
service's database to root).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bot import migrations as schema
from bot.errors import StorageError
from bot.store import dbfile
from bot.store.db import storage_problem
from bot.store.lock import DatabaseLock

log = logging.getLogger(__name__)


def unusable(path: Path, why: object) -> str:
    """A backup that cannot be restored: the file named as a backup (not as the live
    database, whose advice would be wrong here), and the database left as it was."""
    return f"{path} is not a usable jobbot backup ({why}); nothing was changed"


def read_only(path: Path) -> sqlite3.Connection:
    """A backup opened without writing a byte beside it: immutable (no -shm, no lock) unless a
    -wal next to it holds part of it, which only a read-only connection reads."""
    uri = path.resolve().as_uri()
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return sqlite3.connect(f"{uri}?mode=ro", uri=True)
    return sqlite3.connect(f"{uri}?immutable=1", uri=True)


def check_backup(path: Path) -> list[str]:
    """The migrations a jobbot backup at `path` has applied; StorageError saying why not."""
    if not path.is_file():
        raise StorageError(f"no file at {path}; nothing was changed")
    if not os.access(path, os.R_OK):
        raise StorageError(
            f"{path} cannot be read by this user (it is owned by {dbfile.Owner.of(path)}, mode "
            f"{path.stat().st_mode & 0o777:o}); nothing was changed"
        )
    try:
        conn = read_only(path)
        conn.row_factory = sqlite3.Row
        try:
            result = conn.execute("PRAGMA integrity_check(1)").fetchone()["integrity_check"]
            if result != "ok":
                raise StorageError(f"{path} is damaged ({result}); nothing was changed")
            names = [
                r["name"]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
                    (schema.migrations.name,),
                )
            ]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        why = "no migrations table" if "no such table" in str(exc) else exc
        raise StorageError(unusable(path, why)) from None
    if not names:
        raise StorageError(unusable(path, "no jobbot migrations"))
    if newer := schema.newer(names):
        raise StorageError(
            f"{path} was made by a newer jobbot (migration {newer[0]}); nothing was changed: "
            "upgrade jobbot first"
        )
    return names


def _copied(backup: Path, database: Path) -> Path:
    """The backup copied beside the database (mode 600, as a backup is: chat ids and alerts)."""
    incoming = database.with_name(f"{database.name}.restoring")
    incoming.unlink(missing_ok=True)
    incoming.touch(mode=dbfile.PRIVATE)
    src, dst = read_only(backup), sqlite3.connect(incoming)
    try:
        src.backup(dst)
    except sqlite3.Error as exc:
        incoming.unlink(missing_ok=True)
        if "full" in str(exc):
            raise StorageError(storage_problem(database, exc) + "; nothing was changed") from None
        raise StorageError(unusable(backup, exc)) from None
    finally:
        dst.close()
        src.close()
    return incoming


def _kept(database: Path) -> Path | None:
    """The database moved aside, WAL included (a stale WAL must never meet the new file),
    readable by its owner alone; None when there was none."""
    if not database.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = database.with_name(f"{database.name}.before-restore-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        old = Path(f"{database}{suffix}")
        if old.exists():
            os.replace(old, f"{kept}{suffix}")
    dbfile.tighten(kept)
    return kept


def _owner(database: Path) -> dbfile.Owner | None:
    """Whose the restored database is to be: the replaced one's owner; when there is none,
    its folder's, for root (`sudo jobbot restore` into the service's folder on a new machine)."""
    if database.exists():
        return dbfile.Owner.of(database)
    return dbfile.Owner.of(database.parent) if os.geteuid() == 0 else None


def _owned(database: Path, owner: dbfile.Owner | None) -> None:
    """The restored database (and its lock file, which a restore may have made) given to
    `owner`, or a warning with the `chown` that would."""
    if owner is None:
        return
    lock = Path(f"{database}.lock")
    if fix := dbfile.hand_over([*dbfile.files(database), lock], owner):
        log.warning(
            "the restored %s is not owned by %s as the database it replaced was, and this user "
            "cannot give it to them: the bot may not open it; run: %s",
            database, owner, fix,
        )  # fmt: skip


def restore_database(backup: str | Path, database: str | Path) -> Path | None:
    """Replace `database` with `backup`; returns where the replaced database was kept (None
    when there was none). Refuses while a jobbot runs on `database` (its DatabaseLock)."""
    backup, database = Path(backup), Path(database)
    check_backup(backup)
    lock = DatabaseLock(database)
    lock.acquire()  # StorageError naming the running bot's pid; held so none starts meanwhile
    try:
        owner = _owner(database)
        incoming = _copied(backup, database)
        kept = _kept(database)
        os.replace(incoming, database)
        _owned(database, owner)
        return kept
    finally:
        lock.release()
