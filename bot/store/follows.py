"""Boards users follow (/follow): who follows what, and the shared board rows they create."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.config import BoardConfig
from bot.models import Posting
from bot.store.boards import BoardsMixin, BoardState
from bot.store.columns import _POSTING_COLS, _posting
from bot.store.db import from_iso, iso


@dataclass(frozen=True, slots=True)
class Followed:
    """One board one user follows, with its poll health."""

    board: BoardState
    all_jobs: bool
    since: datetime


class FollowsMixin(BoardsMixin):
    """The follows table and the user-added boards it keeps alive."""

    def board_at(self, kind: str, endpoint: str) -> BoardState | None:
        """The board that polls `endpoint` as `kind` (enabled first), whoever added it."""
        row = self._one(
            "SELECT name FROM boards WHERE kind = ? AND endpoint = ? ORDER BY enabled DESC, name",
            (kind, endpoint),
        )
        return self.board(row[0]) if row else None

    def free_name(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `wanted-3`... the first no board has (case-insensitive)."""
        taken = {r[0] for r in self.db.execute("SELECT lower(name) FROM boards")}
        name, n = wanted, 1
        while name.lower() in taken:
            n += 1
            name = f"{wanted}-{n}"
        return name

    def add_followed_board(self, board: BoardConfig, now: datetime) -> None:
        """A board a user follows: polled like any other; retired when nobody needs it."""
        self.add_board(board, now)
        self.db.execute("UPDATE boards SET origin = 'follow' WHERE name = ?", (board.name,))

    def enable_board(self, name: str) -> None:
        """Poll a retired board again (a user follows it anew); its poll state is kept."""
        self.db.execute("UPDATE boards SET enabled = 1 WHERE name = ?", (name,))

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
        for board, all_jobs, created_at in rows:
            state = self.board(board)
            if state is not None:
                out.append(Followed(state, bool(all_jobs), from_iso(created_at) or datetime.min))
        return out

    def follow_count(self, chat_id: int) -> int:
        row = self._one("SELECT count(*) FROM follows WHERE chat_id = ?", (chat_id,))
        return row[0] if row else 0

    def followers(self, board: str) -> int:
        row = self._one("SELECT count(*) FROM follows WHERE board = ?", (board,))
        return row[0] if row else 0

    def followed_board_count(self) -> int:
        """Boards users added with /follow that are still polled (the global cap counts these)."""
        row = self._one("SELECT count(*) FROM boards WHERE origin = 'follow' AND enabled = 1")
        return row[0] if row else 0

    def retire_if_unneeded(self, board: str) -> bool:
        """Stop polling a followed board nobody follows any more; True when it was retired."""
        before = self.db.conn.total_changes
        self.db.execute(
            """UPDATE boards SET enabled = 0 WHERE name = ? AND origin = 'follow' AND enabled = 1
               AND NOT EXISTS (SELECT 1 FROM follows WHERE board = ?)""",
            (board, board),
        )
        return self.db.conn.total_changes > before

    def all_jobs_followers(self, board: str) -> list[int]:
        """Active users who want every new posting of `board`."""
        rows = self.db.execute(
            """SELECT f.chat_id FROM follows f JOIN users u USING (chat_id)
               WHERE f.board = ? AND f.all_jobs = 1 AND u.state = 'active' ORDER BY f.chat_id""",
            (board,),
        )
        return [r[0] for r in rows]

    def board_postings(self, board: str, limit: int = 5000) -> list[Posting]:
        """A board's open postings, newest first."""
        rows = self.db.execute(
            f"""SELECT {_POSTING_COLS} FROM postings WHERE board = ? AND closed_at IS NULL
                ORDER BY coalesce(posted_at, first_seen_at) DESC LIMIT ?""",
            (board, limit),
        )
        return [_posting(r) for r in rows]

    def untold_followers(self, board: str) -> list[int]:
        """Followers of a failing board not yet told so (told once per failure streak)."""
        rows = self.db.execute(
            """SELECT f.chat_id FROM follows f JOIN users u USING (chat_id)
               WHERE f.board = ? AND f.failure_told = 0 AND u.state = 'active'""",
            (board,),
        )
        return [r[0] for r in rows]

    def told_followers(self, board: str) -> list[int]:
        """Followers told that `board` is failing (to be told it is back)."""
        rows = self.db.execute(
            "SELECT chat_id FROM follows WHERE board = ? AND failure_told = 1", (board,)
        )
        return [r[0] for r in rows]

    def set_failure_told(self, board: str, chat_id: int | None, told: bool) -> None:
        """Mark one follower (or, with `chat_id` None, every follower) told or not."""
        sql = "UPDATE follows SET failure_told = ? WHERE board = ?"
        params: tuple = (int(told), board)
        if chat_id is not None:
            sql, params = sql + " AND chat_id = ?", (*params, chat_id)
        self.db.execute(sql, params)

    def failing_followed(self, failing_since: datetime) -> list[BoardState]:
        """Followed, enabled boards with no successful poll since `failing_since` that are
        failing now (a board that never succeeded counts from when it was added)."""
        rows = self.db.execute(
            """SELECT DISTINCT b.name FROM boards b JOIN follows f ON f.board = b.name
               WHERE b.enabled = 1 AND b.consecutive_failures > 0
                 AND coalesce(b.last_success_at, b.created_at) <= ?""",
            (iso(failing_since),),
        )
        return [s for r in rows.fetchall() if (s := self.board(r[0])) is not None]

    def recovered_followed(self) -> list[str]:
        """Followed boards polled fine again whose followers were told they were failing."""
        rows = self.db.execute(
            """SELECT DISTINCT b.name FROM boards b JOIN follows f ON f.board = b.name
               WHERE f.failure_told = 1 AND b.consecutive_failures = 0"""
        )
        return [r[0] for r in rows]
