"""One jobbot per database: an exclusive lock held for the life of the process that polls
and sends, so a second `jobbot run` (systemd and Docker, an upgrade) refuses to start rather
than poll and send everything twice. The kernel releases it when the process ends, however it
ends."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from bot.errors import StorageError, StorageSetupError
from bot.store import Stores, dbfile


class DatabaseLock:
    """`<database>.lock`, locked with flock; it holds the owner's pid for the error message."""

    def __init__(self, database: str | Path):
        self.database = Path(database)
        self.path = Path(f"{database}.lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise StorageError naming the process that holds it."""
        if self._fd is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StorageSetupError(self._unusable(exc)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise StorageError(
                f"another jobbot (pid {owner}) is already running on {self.database};"
                " stop it first: two would poll and send everything twice"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def _unusable(self, exc: OSError) -> str:
        """Why the database's folder cannot hold it (unwritable, a file in the way, /proc), or
        its lock file is another user's, and the fix."""
        found = next((p for p in self.path.parents if p.exists()), None)  # the nearest there
        if isinstance(exc, PermissionError) and self.path.is_file():  # a restore run as root
            mine = " ".join(str(p) for p in [*dbfile.files(self.database), self.path])
            return (
                f"the lock file {self.path} of the database {self.database} cannot be opened by"
                f" this user: it is owned by {dbfile.Owner.of(self.path)}; give the database's"
                f" files to the user jobbot runs as (chown {dbfile.Owner.me()} {mine})"
            )
        if found is not None and not found.is_dir():
            why = f"{found} is a file, not a folder"
        else:
            why = f"{exc.filename or self.path}: {(exc.strerror or str(exc)).lower()}"
        return (
            f"the database {self.database} cannot be created or locked ({why}); set "
            "storage.path to a place jobbot's user can write, such as /var/lib/jobbot/jobbot.db"
        )

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


def open_locked(database: str) -> tuple[DatabaseLock, Stores]:
    """Every store over `database`, locked against a second jobbot on the same file (an
    in-memory database needs no lock)."""
    lock = DatabaseLock(database)
    if database != ":memory:":
        lock.acquire()
    try:
        return lock, Stores.open(database)
    except StorageError:
        lock.release()
        raise
