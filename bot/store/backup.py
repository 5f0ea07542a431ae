"""`jobbot backup`: a consistent copy of the live database (SQLite's online backup API, safe
while jobbot runs) to a file, or into a folder under a dated name. It never creates the
database, never writes over it, and never leaves a half-written copy in place of the one it
replaces; a problem names the file that has it, the live database or the copy."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bot.errors import StorageError
from bot.store.db import storage_problem

_DAMAGED = ("not a database", "malformed", "corrupt")  # the live database's fault, not the copy's


def destination(path: str | Path, database: Path) -> Path:
    """The file a backup to `path` writes: `path`, or `<path>/<name>-<time>.db` when it is a
    folder. StorageError when the copy cannot go there (no such folder, the live database
    itself). A path typed with a trailing slash is a folder: one missing is refused, never
    written as a file of that name (pass it as typed, a str: Path drops the slash)."""
    target = Path(path)
    if str(path).endswith(("/", os.sep)) and not target.is_dir():
        raise StorageError(
            f"cannot write the backup into {path}: there is no folder {target}; nothing was changed"
        )
    if target.is_dir():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = target / f"{database.stem}-{stamp}.db"
    if not target.parent.is_dir():
        raise StorageError(
            f"cannot write the backup {target}: there is no folder {target.parent}; "
            "nothing was changed"
        )
    live = database.resolve()
    if target.resolve() in {Path(f"{live}{end}") for end in ("", "-wal", "-shm", ".lock")}:
        raise StorageError(f"{target} is the live database or one of its files; choose another")
    return target


def _opened(source: Path) -> sqlite3.Connection:
    """The live database, read-only, read once: a damaged one fails here, named as such."""
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StorageError(storage_problem(source, exc)) from None
    try:
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        src.close()
        raise StorageError(storage_problem(source, exc)) from None
    return src


def backup_database(source: str | Path, target: str | Path) -> None:
    """A consistent copy of the database at `source` to `target`, written beside it first and
    then renamed over it. The source is opened read-only and must exist: a backup never
    creates an empty database."""
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise StorageError(f"no database at {source}: check storage.path and --config")
    src = _opened(source)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        partial.touch(mode=0o600)  # only its owner reads it: it holds chat ids and alerts
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=1024)
        finally:
            dst.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error) and any(d in str(exc) for d in _DAMAGED):
            raise StorageError(storage_problem(source, exc)) from None
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StorageError(
            f"cannot write the backup {target}: {why}; nothing was changed"
        ) from None
    finally:
        src.close()
