"""Jobs a user saved for later (the ☆ Save button under a job's message) and what became of
them: still on their board, closed, or gone. Each keeps the job's title, company and link
as they were, so /saved can list it after retention has deleted the posting."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.models import Posting
from bot.store.db import Table, iso

MOST = 200  # saved jobs a user may keep


@dataclass(frozen=True, slots=True)
class SavedJob:
    """A saved job as /saved lists it: `closed_at` when its board took it down; `gone` when
    the posting is no longer stored at all."""

    posting_key: str
    title: str
    company: str
    url: str
    saved_at: datetime
    closed_at: datetime | None
    gone: bool


class Saved(Table):
    """The saved_jobs table."""

    def save(self, chat_id: int, posting: Posting, now: datetime) -> bool:
        """Save the job; False (nothing saved) when the user has `MOST` saved already. Saving
        a saved job again changes nothing."""
        job = (posting.key, posting.title, posting.company, posting.url, now)
        with self.db.transaction():
            return self.is_saved(chat_id, posting.key) or self.restore(chat_id, [job]) == 1

    def restore(self, chat_id: int, jobs: Iterable[tuple[str, str, str, str, datetime]]) -> int:
        """Add the saved jobs (key, title, company, url, saved at) the user lacks, up to
        `MOST` in all (/import; the Save button, one); returns how many were added."""
        added = 0
        with self.db.transaction():
            room = MOST - self.count(chat_id)
            for key, title, company, url, at in jobs:
                if added >= room:
                    break
                added += self.db.execute(
                    """INSERT OR IGNORE INTO saved_jobs
                       (chat_id, posting_key, title, company, url, saved_at)
                       VALUES (?, ?, ?, ?, ?, ?)""",
                    (chat_id, key, title, company, url, iso(at)),
                ).rowcount
        return added

    def unsave(self, chat_id: int, posting_key: str) -> bool:
        """Forget one saved job; False when it was not saved."""
        with self.db.transaction():
            cur = self.db.execute(
                "DELETE FROM saved_jobs WHERE chat_id = ? AND posting_key = ?",
                (chat_id, posting_key),
            )
        return cur.rowcount > 0

    def is_saved(self, chat_id: int, posting_key: str) -> bool:
        return (
            self.db.one(
                "SELECT 1 FROM saved_jobs WHERE chat_id = ? AND posting_key = ?",
                (chat_id, posting_key),
            )
            is not None
        )

    def count(self, chat_id: int) -> int:
        row = self.db.one("SELECT count(*) AS n FROM saved_jobs WHERE chat_id = ?", (chat_id,))
        return int(row["n"]) if row else 0

    def saved(self, chat_id: int) -> list[SavedJob]:
        """The user's saved jobs, the last saved first."""
        rows = self.db.execute(
            """SELECT s.posting_key, s.title, s.company, s.url, s.saved_at, p.closed_at,
                      p.key IS NULL AS gone
               FROM saved_jobs s LEFT JOIN postings p ON p.key = s.posting_key
               WHERE s.chat_id = ? ORDER BY s.saved_at DESC, s.rowid DESC""",
            (chat_id,),
        ).fetchall()
        return [
            SavedJob(
                r["posting_key"],
                r["title"],
                r["company"],
                r["url"],
                datetime.fromisoformat(r["saved_at"]),
                datetime.fromisoformat(r["closed_at"]) if r["closed_at"] else None,
                bool(r["gone"]),
            )
            for r in rows
        ]
