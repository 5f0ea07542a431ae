"""`jobbot restore`: put a backup in place of the database, never under a running bot.

The backup is checked first (SQLite's integrity_check, and jobbot's migrations table with no
migration this version does not know), copied next to the database through SQLite's backup API,
and swapped in with one rename; the database it replaces is kept beside it, WAL included.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bot import migrations as schema
from bot.errors import StorageError
from bot.store.db import storage_problem
from bot.store.lock import DatabaseLock


def unusable(path: Path, why: object) -> str:
    """A backup that cannot be restored: the file named as a backup (not as the live
    database, whose advice would be wrong here), and the database left as it was."""
    return f"{path} is not a usable jobbot backup ({why}); nothing was changed"


def check_backup(path: Path) -> list[str]:
    """The migrations a jobbot backup at `path` has applied; StorageError saying why not."""
    if not path.is_file():
        raise StorageError(f"no file at {path}; nothing was changed")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
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
    known = {m.name for m in schema.migrations._migrations}
    if newer := [n for n in names if n not in known]:
        raise StorageError(
            f"{path} was made by a newer jobbot (migration {newer[0]}); nothing was changed: "
            "upgrade jobbot first"
        )
    return names


def restore_database(backup: str | Path, database: str | Path) -> Path | None:
    """Replace `database` with `backup`; returns where the replaced database was kept (None
    when there was none). Refuses while a jobbot runs on `database` (its DatabaseLock)."""
    backup, database = Path(backup), Path(database)
    check_backup(backup)
    lock = DatabaseLock(database)
    lock.acquire()  # StorageError naming the running bot's pid; held so none starts meanwhile
    try:
        incoming = database.with_name(f"{database.name}.restoring")
        incoming.unlink(missing_ok=True)
        incoming.touch(mode=0o600)  # (as a backup is: chat ids and alerts)
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(incoming)
        try:
            src.backup(dst)
        except sqlite3.Error as exc:
            incoming.unlink(missing_ok=True)
            if "full" in str(exc):
                raise StorageError(
                    storage_problem(database, exc) + "; nothing was changed"
                ) from None
            raise StorageError(unusable(backup, exc)) from None
        finally:
            dst.close()
            src.close()
        kept = None
        if database.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            kept = database.with_name(f"{database.name}.before-restore-{stamp}")
            for suffix in ("", "-wal", "-shm"):  # a stale WAL must never meet the new file
                old = Path(f"{database}{suffix}")
                if old.exists():
                    os.replace(old, f"{kept}{suffix}")
        os.replace(incoming, database)
        return kept
    finally:
        lock.release()
