"""WAL checkpoints on a thread of their own, not in the commits of the event loop's connection.

SQLite copies the write-ahead log back into the database (a checkpoint) in whichever commit
takes the log past 1,000 pages, and syncs the file to disk: 30-50 ms inside one of the
poller's commits while a big board's first poll is stored (one commit in ten), longer on a
busy disk, with the event loop standing still. The app's connection turns that off
(`wal_autocheckpoint=0`) and tells a `Checkpointer` after each transaction; then
its thread checkpoints over a connection of its own (PASSIVE: it never waits for, nor
blocks, a writer), at most once every `EVERY` seconds, and the next transaction after a
complete one starts the log over. A write outside a transaction (a statement that commits
itself) tells nobody: the thread also looks at the log file every `EVERY` seconds and
checkpoints when it has moved, so no writer can grow the log unchecked. While the loop writes
without a pause (a burst of first polls) a checkpoint cannot catch up with it, so the log
grows until the first pause; it is then cut back to `JOURNAL_LIMIT`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)
EVERY = 1.0  # seconds at least between two checkpoints
JOURNAL_LIMIT = 64 * 1024 * 1024  # bytes the log file is cut back to when it starts over


class Checkpointer:
    """Checkpoints the database at `path` on its thread after transactions (`written`), and
    whenever its log has moved since the last checkpoint."""

    def __init__(self, path: Path, every: float = EVERY):
        self.path, self.every = path, every
        self.log = path.with_name(path.name + "-wal")
        self.done = 0  # checkpoints run (tests and benchmarks read it)
        self._wanted = threading.Event()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="jobbot-checkpoint", daemon=True)
        self._thread.start()

    def written(self) -> None:
        """A transaction committed: checkpoint soon."""
        self._wanted.set()

    def close(self) -> None:
        """Stop the thread (closing the last connection checkpoints what is left)."""
        self._closing.set()
        self._wanted.set()
        self._thread.join()

    def _log_mark(self) -> tuple[int, int] | None:
        """The log file's size and modification time (None: no log): writes move it."""
        try:
            st = os.stat(self.log)
        except OSError:
            return None
        return st.st_size, st.st_mtime_ns

    def _run(self) -> None:
        conn = sqlite3.connect(str(self.path), timeout=10.0, isolation_level=None)
        seen = self._log_mark()
        try:
            while True:
                told = self._wanted.wait(self.every)
                if self._closing.is_set():
                    return
                self._wanted.clear()
                mark = self._log_mark()
                if not told and mark == seen:
                    continue  # nothing written since the last look
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.done += 1
                except sqlite3.Error as exc:  # the next commit, or look, asks again
                    log.debug("checkpoint failed: %s", exc)
                seen = mark
                self._closing.wait(self.every)
        finally:
            conn.close()
