"""Retention: what the database may forget, in short batches, and the pages it gives back.

A closed posting goes after `keep_closed` once no job identity lookup can reach it (`record`
matches copies only among postings first seen within `dedupe.WINDOW`) and no pending delivery
still carries it; sent and ended deliveries and broadcast rows go after `keep_sent`, spent
invites after `keep_sent` too. Each batch is its own short transaction, so the poller and the
chat commands wait milliseconds at most; freed pages go back to the file system through
`PRAGMA incremental_vacuum` (the database is in auto_vacuum=INCREMENTAL mode since migration
0009_incremental_vacuum).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import dedupe
from bot.store.db import Table
from bot.store.stamps import iso

BATCH = 500  # rows a transaction deletes; each batch takes milliseconds
VACUUM_PAGES = 2000  # pages a step of incremental vacuum frees (8 MB at 4 KB pages)


@dataclass(frozen=True, slots=True)
class Pruned:
    """What one retention run deleted and gave back."""

    postings: int = 0
    deliveries: int = 0
    notices: int = 0
    invites: int = 0
    freed_pages: int = 0


class Pruning(Table):
    """Deletes what retention lets go, and shrinks the file."""

    def prune(
        self, now: datetime, keep_closed: timedelta, keep_sent: timedelta, batch: int = BATCH
    ) -> Pruned:
        """One retention run (see the module docstring); returns what it removed."""
        sent_before = iso(now - keep_sent)
        deliveries = self._delete_batched(
            "deliveries",
            "id",
            """SELECT id AS id FROM deliveries WHERE state IN ('sent', 'failed', 'dropped')
               AND coalesce(sent_at, next_attempt_at, created_at) < ?""",
            (sent_before,),
            batch,
        )
        postings = self._delete_batched(
            "postings",
            "key",
            """SELECT key AS id FROM postings p WHERE closed_at < ? AND first_seen_at < ?
               AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.posting_key = p.key)""",
            (iso(now - keep_closed), iso(now - dedupe.WINDOW)),
            batch,
        )
        notices = self._delete_batched(
            "notice_deliveries",
            "rowid",
            """SELECT rowid AS id FROM notice_deliveries WHERE state IN ('sent', 'failed')
               AND coalesce(sent_at, next_attempt_at) < ?""",
            (sent_before,),
            batch,
        )
        self.db.execute(
            "DELETE FROM notices WHERE created_at < ? AND id NOT IN "
            "(SELECT notice_id FROM notice_deliveries)",
            (sent_before,),
        )
        invites = self.db.execute(
            "DELETE FROM invites WHERE expires_at < ? OR (uses >= max_uses AND created_at < ?)",
            (sent_before, sent_before),
        ).rowcount
        return Pruned(postings, deliveries, notices, invites, self.vacuum())

    def _delete_batched(
        self, table: str, column: str, select: str, params: tuple, batch: int
    ) -> int:
        """Delete the rows `select` finds, `batch` to a transaction."""
        ids = [r["id"] for r in self.db.execute(select, params)]
        for start in range(0, len(ids), batch):
            part = ids[start : start + batch]
            with self.db.transaction():
                self.db.execute(
                    f"DELETE FROM {table} WHERE {column} IN ({','.join('?' * len(part))})", part
                )
        return len(ids)

    def vacuum(self, pages: int = VACUUM_PAGES) -> int:
        """Give free pages back to the file system, `pages` at a time; returns how many."""
        freed = 0
        while free := self._free_pages():
            self.db.execute(f"PRAGMA incremental_vacuum({min(free, pages)})").fetchall()
            after = self._free_pages()
            if after >= free:  # not in incremental mode (an in-memory database): nothing to do
                break
            freed += free - after
        return freed

    def _free_pages(self) -> int:
        row = self.db.one("PRAGMA freelist_count")
        return row["freelist_count"] if row else 0
