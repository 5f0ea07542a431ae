"""The figures an operator watches (users, alerts, outbox, last poll), read in a few counting
queries; and whether the database takes writes. Used by /healthz, /metrics and /stats.

Both work on a connection of their own when the database is a file, so they can run on a
worker thread while the bot's own connection stays on the event loop."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bot.store.db import storage_problem
from bot.store.stamps import from_iso

PROBE_TIMEOUT = 2.0  # seconds a health probe waits for another writer's lock


@dataclass(frozen=True, slots=True)
class Figures:
    """Counts at one moment. `outbox` counts deliveries waiting to go now (pending, not held
    for a summary, or in flight); `held` those waiting for a digest, quiet hours or a resume."""

    users: dict[str, int] = field(default_factory=dict)  # by state; a banned user: 'banned'
    alerts: int = 0
    alerts_paused: int = 0
    boards: int = 0
    boards_failing: int = 0
    open_postings: int = 0
    outbox: int = 0
    held: int = 0
    oldest_waiting: datetime | None = None  # created_at of the oldest delivery in `outbox`
    last_poll_success: datetime | None = None  # the latest success of any enabled board
    # each enabled board: its interval (seconds), and its last success (or when it was added)
    schedule: tuple[tuple[float, datetime | None], ...] = ()
    rates_of: date | None = None  # the day of the exchange rates in use (bot.rates)
    rates: int = 0  # currencies they name


def _rows(conn: sqlite3.Connection, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
    """The rows `sql` reads from `conn`, by column name whatever `conn`'s own row factory."""
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, tuple(params)).fetchall()


def _count(conn: sqlite3.Connection, sql: str) -> int:
    rows = _rows(conn, sql)
    return int(rows[0]["n"] or 0) if rows else 0


# Users by state, a banned one as 'banned' whatever their row says (a ban marks it 'blocked').
_USERS = """SELECT CASE WHEN b.user_id IS NULL THEN u.state ELSE 'banned' END AS state,
                   count(*) AS n
              FROM users u LEFT JOIN banned b ON b.user_id = u.chat_id GROUP BY 1"""


def read_figures(conn: sqlite3.Connection) -> Figures:
    """The figures from `conn` (any connection to a migrated jobbot database)."""
    users = {r["state"]: r["n"] for r in _rows(conn, _USERS)}
    (alerts,) = _rows(
        conn,
        "SELECT count(*) AS n, count(a.paused_at) AS paused FROM alerts a "
        "JOIN users u USING (chat_id) WHERE u.state IN ('active', 'paused')",
    )
    (boards,) = _rows(
        conn,
        "SELECT count(*) AS n, coalesce(sum(consecutive_failures > 0), 0) AS failing, "
        "max(last_success_at) AS last FROM boards WHERE enabled",
    )
    schedule = _rows(
        conn,
        "SELECT interval_s AS every, max(coalesce(last_success_at, ''), created_at) AS since "
        "FROM boards WHERE enabled",
    )
    outbox, held = _deliveries(conn)
    open_postings = _count(conn, "SELECT count(*) AS n FROM postings WHERE closed_at IS NULL")
    (rates,) = _rows(conn, "SELECT count(*) AS n, max(as_of) AS day FROM exchange_rates")
    return Figures(
        users=users,
        alerts=alerts["n"],
        alerts_paused=alerts["paused"],
        boards=boards["n"],
        boards_failing=boards["failing"],
        open_postings=open_postings,
        outbox=outbox["n"],
        held=held,
        oldest_waiting=from_iso(outbox["oldest"]),
        last_poll_success=from_iso(boards["last"]),
        schedule=tuple((float(r["every"]), from_iso(r["since"])) for r in schedule),
        rates_of=date.fromisoformat(rates["day"]) if rates["day"] else None,
        rates=rates["n"],
    )


def _deliveries(conn: sqlite3.Connection) -> tuple[sqlite3.Row, int]:
    """The outbox (its count `n` and `oldest`) and how many deliveries are held."""
    (outbox,) = _rows(
        conn,
        "SELECT count(*) AS n, min(created_at) AS oldest FROM deliveries "
        "WHERE state = 'sending' OR (state = 'pending' AND held_until IS NULL)",
    )
    held = _count(
        conn,
        "SELECT count(*) AS n FROM deliveries WHERE state = 'pending' AND held_until IS NOT NULL",
    )
    return outbox, held


def first_seen(conn: sqlite3.Connection, delivery_ids: Iterable[int]) -> list[datetime]:
    """When the postings of these deliveries were first seen on their boards."""
    ids = list(delivery_ids)
    if not ids:
        return []
    rows = _rows(
        conn,
        "SELECT p.first_seen_at AS seen FROM deliveries d JOIN postings p "
        f"ON p.key = d.posting_key WHERE d.id IN ({','.join('?' * len(ids))})",
        ids,
    )
    return [t for r in rows if (t := from_iso(r["seen"])) is not None]


def open_file(path: str, mode: str = "ro", timeout: float = PROBE_TIMEOUT) -> sqlite3.Connection:
    """A connection of its own to the database file at `path` (`mode` "ro" or "rw"); it never
    creates the file, so a probe cannot leave an empty database where one went missing."""
    uri = Path(path).resolve().as_uri() + f"?mode={mode}"
    return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)


def write_problem(conn: sqlite3.Connection, path: str) -> str | None:
    """Why the database would not take a write now (read-only, locked by another writer for
    longer than the connection's timeout, disk I/O error), or None. Takes the write lock and writes in a
    transaction it rolls back: nothing stays."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("CREATE TABLE jobbot_write_probe (x)")
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        return storage_problem(path, exc)
    return None


def probe_file(path: str, timeout: float = PROBE_TIMEOUT) -> tuple[Figures, str | None]:
    """Figures and the write problem of the database file at `path`, on connections of their
    own (for a worker thread); `timeout`: how long to wait for another writer's lock. A
    database that cannot be read at all is a write problem too."""
    try:
        reader = open_file(path, timeout=timeout)
    except sqlite3.Error as exc:
        return Figures(), storage_problem(path, exc)
    try:
        figures = read_figures(reader)
    except sqlite3.Error as exc:
        return Figures(), storage_problem(path, exc)
    finally:
        reader.close()
    try:
        writer = open_file(path, "rw", timeout)
    except sqlite3.Error as exc:
        return figures, storage_problem(path, exc)
    try:
        return figures, write_problem(writer, path)
    finally:
        writer.close()
