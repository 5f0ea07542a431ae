"""Boards users follow (/follow): who follows what, and who was told a followed board fails.

The board rows a follow creates are the boards store's (`Boards.add_followed_board`); a board
nobody follows any more is retired here, where the follows that keep it alive are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.boards import Boards, BoardState
from bot.store.db import Db, Table
from bot.store.stamps import from_iso, iso


@dataclass(frozen=True, slots=True)
class Followed:
    """One board one user follows, with its poll health."""

    board: BoardState
    all_jobs: bool
    since: datetime


class Follows(Table):
    """The follows table."""

    def __init__(self, db: Db):
        super().__init__(db)
        self.boards = Boards(db)  # a follow is shown with its board's state

    def follow(self, chat_id: int, board: str, all_jobs: bool, now: datetime) -> bool:
        """Follow `board` (or change `all_jobs` of a follow); True when it is a new follow."""
        before = self.db.conn.total_changes
        self.db.execute(
            """INSERT INTO follows (chat_id, board, all_jobs, created_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (chat_id, board) DO NOTHING""",
            (chat_id, board, int(all_jobs), iso(now)),
        )
        new = self.db.conn.total_changes > before
        if not new:
            self.db.execute(
                "UPDATE follows SET all_jobs = ? WHERE chat_id = ? AND board = ?",
                (int(all_jobs), chat_id, board),
            )
        return new

    def unfollow(self, chat_id: int, board: str) -> bool:
        before = self.db.conn.total_changes
        self.db.execute("DELETE FROM follows WHERE chat_id = ? AND board = ?", (chat_id, board))
        return self.db.conn.total_changes > before

    def follows(self, chat_id: int) -> list[Followed]:
        """The boards `chat_id` follows, in the order they were followed."""
        rows = self.db.execute(
            "SELECT board, all_jobs, created_at FROM follows WHERE chat_id = ? "
            "ORDER BY created_at, board",
            (chat_id,),
        ).fetchall()
        out = []
        for row in rows:
            state = self.boards.board(row["board"])
            if state is not None:
                since = from_iso(row["created_at"]) or datetime.min
                out.append(Followed(state, bool(row["all_jobs"]), since))
        return out

    def _count(self, sql: str, params: tuple = ()) -> int:
        row = self.db.one(f"SELECT count(*) AS n FROM {sql}", params)
        return row["n"] if row else 0

    def follow_count(self, chat_id: int) -> int:
        return self._count("follows WHERE chat_id = ?", (chat_id,))

    def followers(self, board: str) -> int:
        return self._count("follows WHERE board = ?", (board,))

    def retire_if_unneeded(self, board: str) -> bool:
        """Stop polling a followed board nobody follows any more; True when it was retired."""
        before = self.db.conn.total_changes
        self.db.execute(
            """UPDATE boards SET enabled = 0 WHERE name = ? AND origin = 'follow' AND enabled = 1
               AND NOT EXISTS (SELECT 1 FROM follows WHERE board = ?)""",
            (board, board),
        )
        return self.db.conn.total_changes > before

    def _chats(self, sql: str, params: tuple) -> list[int]:
        return [r["chat_id"] for r in self.db.execute(sql, params)]

    def all_jobs_followers(self, board: str) -> list[int]:
        """Active users who want every new posting of `board`."""
        return self._chats(
            """SELECT f.chat_id FROM follows f JOIN users u USING (chat_id)
               WHERE f.board = ? AND f.all_jobs = 1 AND u.state = 'active' ORDER BY f.chat_id""",
            (board,),
        )

    def untold_followers(self, board: str) -> list[int]:
        """Followers of a failing board not yet told so (told once per failure streak)."""
        return self._chats(
            """SELECT f.chat_id FROM follows f JOIN users u USING (chat_id)
               WHERE f.board = ? AND f.failure_told = 0 AND u.state = 'active'""",
            (board,),
        )

    def told_followers(self, board: str) -> list[int]:
        """Active followers told that `board` is failing (to be told it is back)."""
        return self._chats(
            """SELECT f.chat_id FROM follows f JOIN users u USING (chat_id)
               WHERE f.board = ? AND f.failure_told = 1 AND u.state = 'active'""",
            (board,),
        )

    def set_failure_told(self, board: str, chats: list[int] | None, told: bool) -> None:
        """Mark these followers (with `chats` None, every follower) told or not."""
        sql = "UPDATE follows SET failure_told = ? WHERE board = ?"
        if chats is None:
            self.db.execute(sql, (int(told), board))
        else:
            self.db.executemany(sql + " AND chat_id = ?", [(int(told), board, c) for c in chats])

    def failing_followed(self, failing_since: datetime) -> list[BoardState]:
        """Followed, enabled boards with no successful poll since `failing_since` that are
        failing now (a board that never succeeded counts from when it was added)."""
        rows = self.db.execute(
            """SELECT DISTINCT b.name FROM boards b JOIN follows f ON f.board = b.name
               WHERE b.enabled = 1 AND b.consecutive_failures > 0
                 AND coalesce(b.last_success_at, b.created_at) <= ?""",
            (iso(failing_since),),
        )
        return [s for r in rows.fetchall() if (s := self.boards.board(r["name"])) is not None]

    def recovered_followed(self) -> list[str]:
        """Followed boards polled fine again whose followers were told they were failing."""
        rows = self.db.execute(
            """SELECT DISTINCT b.name FROM boards b JOIN follows f ON f.board = b.name
               WHERE f.failure_told = 1 AND b.consecutive_failures = 0"""
        )
        return [r["name"] for r in rows]
