"""Jobs a user saved for later (the ☆ Save button under a job's message), whether they applied
(/applied), and what became of them: still on their board, closed, or gone. Each keeps the
job's title, company, link, place and pay as they were, so /saved can list it after
retention has deleted the posting."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.models import Posting
from bot.store.db import Table
from bot.store.stamps import iso

MOST = 200  # saved jobs a user may keep


@dataclass(frozen=True, slots=True)
class Keep:
    """A job to keep in saved_jobs: the posting's key, what /saved shows of it (`details`:
    where it is and what it pays, as the message said) and when the user applied."""

    posting_key: str
    title: str
    company: str
    url: str
    saved_at: datetime
    details: str = ""
    applied_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SavedJob(Keep):
    """A saved job as /saved lists it: `closed_at` when its board took it down; `gone` when
    the posting is no longer stored at all."""

    closed_at: datetime | None = None
    gone: bool = False


class Saved(Table):
    """The saved_jobs table."""

    def savers(self, keys: list[str]) -> dict[int, list[Keep]]:
        """Who saved the postings of `keys`, each with those saved jobs: users subscribed
        (active, or paused: a notice waits for their resume)."""
        rows = self.db.execute(
            """SELECT s.chat_id, s.posting_key, s.title, s.company, s.url, s.saved_at,
                      s.details, s.applied_at
               FROM saved_jobs s JOIN users u USING (chat_id)
               WHERE s.posting_key IN (SELECT value FROM json_each(?))
                   AND u.state IN ('active', 'paused')
               ORDER BY s.chat_id, s.saved_at""",
            (json.dumps(keys),),
        )
        out: dict[int, list[Keep]] = {}
        for r in rows:
            out.setdefault(r["chat_id"], []).append(
                Keep(
                    r["posting_key"], r["title"], r["company"], r["url"],
                    datetime.fromisoformat(r["saved_at"]), r["details"],
                    _when(r["applied_at"]),
                )
            )  # fmt: skip
        return out

    def save(self, chat_id: int, posting: Posting, now: datetime, details: str = "") -> bool:
        """Save the job; False (nothing saved) when the user has `MOST` saved already. Saving
        a saved job again changes nothing."""
        job = Keep(posting.key, posting.title, posting.company, posting.url, now, details)
        with self.db.transaction():
            return self.is_saved(chat_id, posting.key) or self.restore(chat_id, [job]) == 1

    def restore(self, chat_id: int, jobs: Iterable[Keep]) -> int:
        """Add the saved jobs the user lacks, up to `MOST` in all (/import; the Save button,
        one); returns how many were added."""
        added = 0
        with self.db.transaction():
            room = MOST - self.count(chat_id)
            for job in jobs:
                if added >= room:
                    break
                applied = iso(job.applied_at) if job.applied_at is not None else None
                added += self.db.execute(
                    """INSERT OR IGNORE INTO saved_jobs (chat_id, posting_key, title, company,
                       url, saved_at, details, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    (chat_id, job.posting_key, job.title, job.company, job.url,
                     iso(job.saved_at), job.details, applied),
                ).rowcount  # fmt: skip
        return added

    def mark_applied(self, chat_id: int, posting_key: str, at: datetime | None) -> bool:
        """Mark a saved job applied `at` (None: not applied); False when it is not saved."""
        with self.db.transaction():
            cur = self.db.execute(
                "UPDATE saved_jobs SET applied_at = ? WHERE chat_id = ? AND posting_key = ?",
                (iso(at) if at is not None else None, chat_id, posting_key),
            )
        return cur.rowcount > 0

    def set_details(self, posting_key: str, details: str) -> None:
        """What /saved shows of where a saved job is and what it pays, for every saver (the
        job's board edited it: `closings.tell_paid`)."""
        self.db.execute(
            "UPDATE saved_jobs SET details = ? WHERE posting_key = ?", (details, posting_key)
        )

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
            """SELECT s.posting_key, s.title, s.company, s.url, s.saved_at, s.details,
                      s.applied_at, p.closed_at, p.key IS NULL AS gone
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
                r["details"],
                _when(r["applied_at"]),
                _when(r["closed_at"]),
                bool(r["gone"]),
            )
            for r in rows
        ]


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
