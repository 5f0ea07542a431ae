"""Boards and their poll state: config sync, chat-added boards, success, failure, backoff."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from bot.config_boards import BoardConfig
from bot.store.db import Table
from bot.store.stamps import from_iso, iso


@dataclass(frozen=True, slots=True)
class BoardState:
    """A board's row: its config plus what polling has learnt about it."""

    name: str
    kind: str
    url: str
    endpoint: str
    interval_s: float
    company: str | None
    origin: str
    enabled: bool
    etag: str | None
    last_modified: str | None
    baseline_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    next_due_at: datetime | None
    open_postings: int = 0
    options: dict = field(default_factory=dict)
    body_hash: str | None = None
    admins_alerted: bool = False


# A config board, inserted or updated; one whose URL or kind changed starts afresh (a new
# baseline, no failure streak, its etag and body hash gone), one whose URL did not keeps the
# endpoint a permanent redirect moved it to.
_SAME = "boards.url = excluded.url AND boards.kind = excluded.kind"
_SYNC = f"""INSERT INTO boards (name, kind, url, endpoint, interval_s, company, origin, enabled,
               created_at, options)
           VALUES (?, ?, ?, ?, ?, ?, 'config', ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, url = excluded.url,
               options = excluded.options,
               endpoint = CASE WHEN {_SAME} THEN boards.endpoint ELSE excluded.endpoint END,
               interval_s = excluded.interval_s,
               company = excluded.company, enabled = excluded.enabled,
               origin = 'config',
               etag = CASE WHEN {_SAME} THEN boards.etag END,
               last_modified = CASE WHEN {_SAME} THEN boards.last_modified END,
               body_hash = CASE WHEN {_SAME} THEN boards.body_hash END,
               baseline_at = CASE WHEN {_SAME} THEN boards.baseline_at END,
               consecutive_failures = CASE WHEN {_SAME} THEN boards.consecutive_failures ELSE 0 END,
               next_due_at = CASE WHEN {_SAME} THEN boards.next_due_at END,
               last_error = CASE WHEN {_SAME} THEN boards.last_error END,
               admins_alerted = CASE WHEN {_SAME} THEN boards.admins_alerted ELSE 0 END"""


class Boards(Table):
    """The boards table: what to poll, and what polling has learnt."""

    def sync_boards(
        self, boards: tuple[BoardConfig, ...] | list[BoardConfig], now: datetime
    ) -> list[str]:
        """Make the config's boards the enabled config boards; poll state is kept across runs.
        A board whose URL or kind changed in the config is another board under the same name
        (a company moved to another ATS): it starts again from a fresh baseline, so the new
        board's current jobs are stored, not sent as new, and the old URL's failure streak and
        backoff go. Returns the names of those boards."""
        with self.db.transaction():
            names = [b.name for b in boards]
            self.db.execute(
                "UPDATE boards SET enabled = 0 WHERE origin = 'config' AND name NOT IN "
                f"({','.join('?' * len(names))})",
                names,
            )
            moved = self._moved(boards)
            for b in boards:
                self.db.execute(_SYNC, (
                    b.name, b.kind, b.url, b.endpoint, b.interval, b.company, int(b.enabled),
                    iso(now), json.dumps(dict(b.options)),
                ))  # fmt: skip
            return moved

    def _moved(self, boards: tuple[BoardConfig, ...] | list[BoardConfig]) -> list[str]:
        """The stored boards whose config now gives another URL or kind."""
        given = {b.name: (b.url, b.kind) for b in boards}
        rows = self.db.execute("SELECT name, url, kind FROM boards")
        return [
            r["name"]
            for r in rows
            if r["name"] in given and given[r["name"]] != (r["url"], r["kind"])
        ]

    def add_board(self, board: BoardConfig, now: datetime) -> None:
        """A board added from chat: stored with its state, polled across restarts."""
        self.db.execute(
            """INSERT INTO boards (name, kind, url, endpoint, interval_s, company, origin, enabled,
                   created_at, options) VALUES (?, ?, ?, ?, ?, ?, 'chat', 1, ?, ?)
               ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, url = excluded.url,
                   endpoint = excluded.endpoint, interval_s = excluded.interval_s, enabled = 1,
                   origin = 'chat', etag = NULL, last_modified = NULL, body_hash = NULL,
                   baseline_at = NULL, consecutive_failures = 0, next_due_at = NULL""",
            (
                board.name,
                board.kind,
                board.url,
                board.endpoint,
                board.interval,
                board.company,
                iso(now),
                json.dumps(dict(board.options)),
            ),
        )

    def remove_board(self, name: str) -> None:
        """Stop polling a board; its postings stay searchable."""
        self.db.execute("UPDATE boards SET enabled = 0 WHERE name = ?", (name,))

    def board_at(self, kind: str, endpoint: str) -> BoardState | None:
        """The board that polls `endpoint` as `kind` (enabled first), whoever added it."""
        row = self.db.one(
            "SELECT name FROM boards WHERE kind = ? AND endpoint = ? ORDER BY enabled DESC, name",
            (kind, endpoint),
        )
        return self.board(row["name"]) if row else None

    def free_name(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `wanted-3`... the first no board has (case-insensitive)."""
        taken = {r["name"] for r in self.db.execute("SELECT lower(name) AS name FROM boards")}
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

    def followed_board_count(self) -> int:
        """Boards users added with /follow that are still polled (the global cap counts these)."""
        row = self.db.one(
            "SELECT count(*) AS n FROM boards WHERE origin = 'follow' AND enabled = 1"
        )
        return row["n"] if row else 0

    def companies(self) -> dict[str, str | None]:
        """Every enabled board's name and its company's (None: not set), without counting
        their postings as `all` does."""
        rows = self.db.execute("SELECT name, company FROM boards WHERE enabled = 1")
        return {r["name"]: r["company"] for r in rows}

    def board(self, name: str) -> BoardState | None:
        rows = self.all(name=name)
        return rows[0] if rows else None

    def all(self, *, enabled_only: bool = False, name: str | None = None) -> list[BoardState]:
        where, params = [], []
        if enabled_only:
            where.append("b.enabled = 1")
        if name is not None:
            where.append("b.name = ?")
            params.append(name)
        sql = f"""SELECT b.*, (SELECT count(*) FROM postings p
                                   WHERE p.board = b.name AND p.closed_at IS NULL) AS open_postings
                  FROM boards b {"WHERE " + " AND ".join(where) if where else ""} ORDER BY b.name"""
        return [_board_state(r) for r in self.db.execute(sql, params).fetchall()]

    def mark_success(
        self,
        name: str,
        now: datetime,
        etag: str | None,
        last_modified: str | None,
        body_hash: str | None = None,
    ) -> int:
        """Record a successful poll; returns the failure streak it ended."""
        streak = self._failures(name)
        self.db.execute(
            """UPDATE boards SET last_attempt_at = ?, last_success_at = ?, last_error = NULL,
                   consecutive_failures = 0, next_due_at = NULL, etag = ?, last_modified = ?,
                   baseline_at = coalesce(baseline_at, ?), admins_alerted = 0,
                   body_hash = coalesce(?, body_hash)
               WHERE name = ?""",
            (iso(now), iso(now), etag, last_modified, iso(now), body_hash, name),
        )
        return streak

    def set_admins_alerted(self, name: str) -> None:
        self.db.execute("UPDATE boards SET admins_alerted = 1 WHERE name = ?", (name,))

    def move_board(self, name: str, endpoint: str) -> None:
        """A permanent redirect: poll the new URL from now on."""
        self.db.execute("UPDATE boards SET endpoint = ? WHERE name = ?", (endpoint, name))

    def mark_failure(self, name: str, now: datetime, error: str, next_due: datetime) -> int:
        """Record a failed poll and when to try again; returns the failure streak."""
        self.db.execute(
            """UPDATE boards SET last_attempt_at = ?, last_error = ?, next_due_at = ?,
                   consecutive_failures = consecutive_failures + 1 WHERE name = ?""",
            (iso(now), error, iso(next_due), name),
        )
        return self._failures(name)

    def _failures(self, name: str) -> int:
        row = self.db.one("SELECT consecutive_failures FROM boards WHERE name = ?", (name,))
        return row["consecutive_failures"] if row else 0


def _board_state(r: sqlite3.Row) -> BoardState:
    return BoardState(
        name=r["name"], kind=r["kind"], url=r["url"], endpoint=r["endpoint"],
        interval_s=r["interval_s"], company=r["company"], origin=r["origin"],
        enabled=bool(r["enabled"]), etag=r["etag"], last_modified=r["last_modified"],
        baseline_at=from_iso(r["baseline_at"]), last_success_at=from_iso(r["last_success_at"]),
        last_error=r["last_error"], consecutive_failures=r["consecutive_failures"],
        next_due_at=from_iso(r["next_due_at"]), open_postings=r["open_postings"],
        options=json.loads(r["options"]), body_hash=r["body_hash"],
        admins_alerted=bool(r["admins_alerted"]),
    )  # fmt: skip
