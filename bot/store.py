"""All SQL lives here: boards and their poll state, postings and their diff, users, alerts, outbox."""

from __future__ import annotations

import contextlib
import json
import operator
import sqlite3
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from bot import dedupe
from bot.config import BoardConfig
from bot.migrations import migrations
from bot.models import Alert, Delivery, Posting

USER_STATES = ("active", "paused", "stopped", "blocked")


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime | None) -> str | None:
    """UTC ISO 8601 with microseconds, so stored timestamps sort as text."""
    if dt is None:
        return None
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


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


@dataclass(frozen=True, slots=True)
class User:
    chat_id: int
    state: str
    username: str | None = None
    first_name: str | None = None


@dataclass(slots=True)
class RecordResult:
    """What one successful poll changed: `new` is empty on a baseline poll."""

    baseline: bool = False
    new: list[Posting] = field(default_factory=list)
    changed: list[Posting] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    copies: list[Posting] = field(default_factory=list)  # new here, but a job known elsewhere
    seen: int = 0
    suspect_empty: bool = False


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One due delivery with the posting it carries."""

    id: int
    chat_id: int
    posting: Posting
    alert_ids: tuple[int, ...]
    alert_queries: tuple[str, ...]
    attempts: int


# Posting fields stored as columns, in order; the first three identify the posting.
_FIELDS = (
    "key", "board", "external_id", "title", "company", "location", "url", "description",
    "posted_at", "workplace", "employment_type", "apply_url", "content_hash", "locations",
    "department", "salary_min", "salary_max", "salary_currency", "salary_period",
)  # fmt: skip
_POSTING_COLS = ", ".join(_FIELDS)
_TO_DB = {"posted_at": iso, "locations": lambda v: json.dumps(list(v)) if v else "[]"}
_FROM_DB = {"posted_at": from_iso, "locations": lambda v: tuple(json.loads(v or "[]"))}
_FIELD_VALUES = operator.attrgetter(*_FIELDS)  # a posting's fields as a tuple, in one C call
_TO_DB_AT = tuple((_FIELDS.index(f), convert) for f, convert in _TO_DB.items())


def _posting(row: sqlite3.Row | tuple) -> Posting:
    fields = dict(zip(_FIELDS, row, strict=True))
    for name, convert in _FROM_DB.items():
        fields[name] = convert(fields[name])
    return Posting(**fields)


def _posting_values(p: Posting) -> list:
    """The posting's column values, in `_FIELDS` order."""
    values = list(_FIELD_VALUES(p))
    for at, convert in _TO_DB_AT:
        values[at] = convert(values[at])
    return values


_IDENTITY_KINDS = (("url", "url_key"), ("url", "apply_key"), ("ctl", "ctl_key"), ("ctd", "ctd_key"))
_LOOKUP_CHUNK = 500  # values per `IN (...)`


def _identity_keys(identity: dedupe.Identity) -> list[tuple[str, str]]:
    """(kind, value) for each key of an identity, in the order a match is looked for."""
    keys = (
        ("url", identity.url),
        ("url", identity.apply),
        ("ctl", identity.ctl),
        ("ctd", identity.ctd),
    )
    return [kv for kv in keys if kv[1]]


def connect(path: str | Path) -> Database:
    """Open (creating if needed) the database in WAL mode and apply pending migrations."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10.0, isolation_level=None, check_same_thread=False)
    db = Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA busy_timeout=10000")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db)
    return db


class Store:
    """The jobbot database. Methods are short transactions unless wrapped in `transaction()`."""

    def __init__(self, db: Database):
        self.db = db
        self.alerts_generation = 0  # bumped whenever the set of active alerts may have changed

    @classmethod
    def open(cls, path: str | Path) -> Store:
        return cls(connect(path))

    def close(self) -> None:
        self.db.close()

    def backup(self, path: str | Path) -> None:
        """A consistent copy of the live database through SQLite's online backup API."""
        target = sqlite3.connect(str(path))
        try:
            self.db.conn.backup(target, pages=1024)
        finally:
            target.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit; nested calls become savepoints."""
        with self.db.atomic():
            yield

    def _one(self, sql: str, params: tuple | list = ()) -> tuple | None:
        return self.db.execute(sql, params).fetchone()

    # -- boards ---------------------------------------------------------------

    def sync_boards(
        self, boards: tuple[BoardConfig, ...] | list[BoardConfig], now: datetime
    ) -> None:
        """Make the config's boards the enabled config boards; poll state is kept across runs."""
        with self.transaction():
            names = [b.name for b in boards]
            self.db.execute(
                "UPDATE boards SET enabled = 0 WHERE origin = 'config' AND name NOT IN "
                f"({','.join('?' * len(names))})",
                names,
            )
            for b in boards:
                self.db.execute(
                    """INSERT INTO boards (name, kind, url, endpoint, interval_s, company, origin,
                           enabled, created_at, options)
                       VALUES (?, ?, ?, ?, ?, ?, 'config', ?, ?, ?)
                       ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, url = excluded.url,
                           options = excluded.options,
                           endpoint = CASE WHEN boards.url = excluded.url
                               THEN boards.endpoint ELSE excluded.endpoint END,
                           interval_s = excluded.interval_s,
                           company = excluded.company, enabled = excluded.enabled,
                           origin = 'config',
                           etag = CASE WHEN boards.url = excluded.url THEN boards.etag END,
                           last_modified = CASE WHEN boards.url = excluded.url
                               THEN boards.last_modified END,
                           body_hash = CASE WHEN boards.url = excluded.url
                               THEN boards.body_hash END""",
                    (
                        b.name,
                        b.kind,
                        b.url,
                        b.endpoint,
                        b.interval,
                        b.company,
                        int(b.enabled),
                        iso(now),
                        json.dumps(dict(b.options)),
                    ),
                )

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

    def board(self, name: str) -> BoardState | None:
        rows = self.boards(name=name)
        return rows[0] if rows else None

    def boards(self, *, enabled_only: bool = False, name: str | None = None) -> list[BoardState]:
        where, params = [], []
        if enabled_only:
            where.append("b.enabled = 1")
        if name is not None:
            where.append("b.name = ?")
            params.append(name)
        sql = f"""SELECT b.name, b.kind, b.url, b.endpoint, b.interval_s, b.company, b.origin,
                    b.enabled, b.etag, b.last_modified, b.baseline_at, b.last_success_at,
                    b.last_error, b.consecutive_failures, b.next_due_at,
                    (SELECT count(*) FROM postings p WHERE p.board = b.name AND p.closed_at IS NULL),
                    b.options, b.body_hash, b.admins_alerted
                  FROM boards b {"WHERE " + " AND ".join(where) if where else ""} ORDER BY b.name"""
        out = []
        for r in self.db.execute(sql, params).fetchall():
            out.append(
                BoardState(
                    name=r[0], kind=r[1], url=r[2], endpoint=r[3], interval_s=r[4], company=r[5],
                    origin=r[6], enabled=bool(r[7]), etag=r[8], last_modified=r[9],
                    baseline_at=from_iso(r[10]), last_success_at=from_iso(r[11]), last_error=r[12],
                    consecutive_failures=r[13], next_due_at=from_iso(r[14]), open_postings=r[15], options=json.loads(r[16]),
                    body_hash=r[17], admins_alerted=bool(r[18]),
                )
            )  # fmt: skip
        return out

    def mark_success(
        self,
        name: str,
        now: datetime,
        etag: str | None,
        last_modified: str | None,
        body_hash: str | None = None,
    ) -> int:
        """Record a successful poll; returns the failure streak it ended."""
        row = self._one("SELECT consecutive_failures FROM boards WHERE name = ?", (name,))
        self.db.execute(
            """UPDATE boards SET last_attempt_at = ?, last_success_at = ?, last_error = NULL,
                   consecutive_failures = 0, next_due_at = NULL, etag = ?, last_modified = ?,
                   baseline_at = coalesce(baseline_at, ?), admins_alerted = 0,
                   body_hash = coalesce(?, body_hash)
               WHERE name = ?""",
            (iso(now), iso(now), etag, last_modified, iso(now), body_hash, name),
        )
        return row[0] if row else 0

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
        row = self._one("SELECT consecutive_failures FROM boards WHERE name = ?", (name,))
        return row[0] if row else 0

    # -- postings -------------------------------------------------------------

    def record(
        self,
        board: str,
        postings: list[Posting],
        now: datetime,
        close_after: int = 2,
        *,
        unchanged: Collection[str] = (),
        fingerprints: Mapping[str, str] | None = None,
    ) -> RecordResult:
        """Diff one successful poll against the board's stored postings, and store it.

        The board's first successful poll is its baseline: stored, returned as not new.
        A posting counts as changed only when its content hash moves. `unchanged` are keys
        of postings seen again whose raw fingerprint had not moved (so they were not
        normalised); `fingerprints` maps the keys of `postings` to theirs (see
        `bot.fingerprint`). One missing from `close_after` successful polls in a row is
        closed; an empty answer from a board that had open postings is suspect and closes
        nothing.
        """
        fingerprints = fingerprints or {}
        with self.transaction():
            b = self._one(
                "SELECT baseline_at, last_success_at FROM boards WHERE name = ?", (board,)
            )
            baseline = b is None or b[0] is None
            previous_poll = b[1] if b else None
            existing = {
                r[0]: r[1:]
                for r in self.db.execute(
                    "SELECT key, content_hash, closed_at, missing_polls, raw_hash FROM postings "
                    "WHERE board = ?",
                    (board,),
                )
            }
            result = RecordResult(baseline=baseline)
            unique: dict[str, Posting] = {}
            for p in postings:
                unique.setdefault(p.key, p)
            seen = unique.keys() | {k for k in unchanged if k in existing}
            result.seen = len(seen)
            stamp = iso(now)
            inserts, updates = [], []
            # Rows seen again are written only when their state moves (re-opened, no longer
            # missing, a new fingerprint): rewriting thousands of wide rows per poll to stamp
            # them would cost more than the rest of a re-poll.
            touches = [
                (None, k)
                for k in seen - unique.keys()
                if existing[k][1] is not None or existing[k][2]
            ]
            for p in unique.values():
                old = existing.get(p.key)
                fp = fingerprints.get(p.key)
                if old is None:
                    inserts.append(p)
                    if not baseline:
                        result.new.append(p)
                elif old[0] != p.content_hash and not p.partial:
                    updates.append(p)
                    result.changed.append(p)
                elif old[1] is not None or old[2] or (fp is not None and fp != old[3]):
                    touches.append((fp, p.key))
            jobs = self._job_keys(inserts, now)
            if not baseline:
                result.copies = [p for p in result.new if jobs[p.key][0] != p.key]
                result.new = [p for p in result.new if jobs[p.key][0] == p.key]
            tail = (stamp, stamp, int(baseline))
            self.db.conn.executemany(
                f"""INSERT INTO postings ({_POSTING_COLS}, first_seen_at, last_seen_at, baseline,
                        job_key, url_key, apply_key, ctl_key, ctd_key, raw_hash)
                    VALUES ({",".join("?" * len(_FIELDS))}, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    [*_posting_values(p), *tail, *jobs[p.key], fingerprints.get(p.key)]
                    for p in inserts
                ],
            )
            self.db.conn.executemany(
                f"""UPDATE postings SET {", ".join(f"{f} = ?" for f in _FIELDS[3:])},
                       last_seen_at = ?, changed_at = ?, closed_at = NULL, missing_polls = 0,
                       raw_hash = ?
                    WHERE key = ?""",
                [
                    [*_posting_values(p)[3:], stamp, stamp, fingerprints.get(p.key), p.key]
                    for p in updates
                ],
            )
            self.db.conn.executemany(
                "UPDATE postings SET closed_at = NULL, missing_polls = 0, "
                "raw_hash = coalesce(?, raw_hash) WHERE key = ?",
                touches,
            )
            open_missing = [k for k, old in existing.items() if old[1] is None and k not in seen]
            if not seen and open_missing:
                result.suspect_empty = True
                return result
            # last_seen_at is kept exact where it says something: a posting that goes missing
            # was last seen at the board's previous successful poll (see `last_seen`).
            self.db.conn.executemany(
                "UPDATE postings SET missing_polls = missing_polls + 1, last_seen_at = "
                "CASE WHEN missing_polls = 0 THEN coalesce(?, last_seen_at) ELSE last_seen_at END "
                "WHERE key = ?",
                [(previous_poll, k) for k in open_missing],
            )
            if open_missing:
                closing = [
                    r[0]
                    for r in self.db.execute(
                        "SELECT key FROM postings WHERE board = ? AND closed_at IS NULL "
                        "AND missing_polls >= ?",
                        (board, close_after),
                    )
                ]
                self.db.execute(
                    "UPDATE postings SET closed_at = ? WHERE board = ? AND closed_at IS NULL "
                    "AND missing_polls >= ?",
                    (stamp, board, close_after),
                )
                result.closed = closing
            return result

    def _job_keys(self, postings: list[Posting], now: datetime) -> dict[str, tuple]:
        """For each new posting: (job key, url key, apply key, ctl key, ctd key). The job key is
        that of an earlier posting of the same job (see `bot.dedupe`), else its own key."""
        ids = {p.key: dedupe.identity(p) for p in postings}
        keys = {key: _identity_keys(i) for key, i in ids.items()}
        since = iso(now - dedupe.WINDOW)
        known: dict[tuple[str, str], str] = {}  # (kind, key) -> job key
        for kind, column in _IDENTITY_KINDS:
            wanted = list({v for kvs in keys.values() for k, v in kvs if k == kind})
            for chunk in range(0, len(wanted), _LOOKUP_CHUNK):
                part = wanted[chunk : chunk + _LOOKUP_CHUNK]
                sql = (
                    f"SELECT {column}, job_key FROM postings WHERE {column} IN "
                    f"({','.join('?' * len(part))}) AND first_seen_at >= ?"
                )
                for value, job in self.db.execute(sql, [*part, since]):
                    known.setdefault((kind, value), job)
        out = {}
        for p in postings:
            kvs = keys[p.key]
            job = next((known[kv] for kv in kvs if kv in known), p.key)
            for kv in kvs:
                known.setdefault(kv, job)
            i = ids[p.key]
            out[p.key] = (job, i.url, i.apply, i.ctl, i.ctd)
        return out

    def also_on(self, key: str) -> tuple[str, ...]:
        """The other postings of this posting's job, as "board|location" (see `record`)."""
        rows = self.db.execute(
            """SELECT board, location FROM postings WHERE key != ? AND job_key =
                   (SELECT job_key FROM postings WHERE key = ?) ORDER BY first_seen_at""",
            (key, key),
        )
        return tuple(f"{b}|{loc}" for b, loc in rows)

    def last_seen(self, key: str) -> datetime | None:
        """When a posting was last seen on its board: the board's last successful poll while
        the posting is listed, else the poll before the one it went missing in."""
        row = self._one(
            """SELECT CASE WHEN p.missing_polls = 0 AND p.closed_at IS NULL
                           THEN coalesce(b.last_success_at, p.last_seen_at)
                           ELSE p.last_seen_at END
               FROM postings p LEFT JOIN boards b ON b.name = p.board WHERE p.key = ?""",
            (key,),
        )
        return from_iso(row[0]) if row else None

    def fingerprints(self, board: str) -> dict[str, str]:
        """Each stored posting's raw fingerprint (`bot.fingerprint`), by key."""
        rows = self.db.execute(
            "SELECT key, raw_hash FROM postings WHERE board = ? AND raw_hash IS NOT NULL", (board,)
        )
        return dict(rows.fetchall())

    def known_ids(self, board: str) -> frozenset[str]:
        """External ids stored for a board, so sources can skip detail requests for them."""
        rows = self.db.execute("SELECT external_id FROM postings WHERE board = ?", (board,))
        return frozenset(r[0] for r in rows)

    def posting(self, key: str) -> Posting | None:
        row = self._one(f"SELECT {_POSTING_COLS} FROM postings WHERE key = ?", (key,))
        return _posting(row) if row else None

    def recent_postings(self, since: datetime, limit: int = 5000) -> list[Posting]:
        """Open postings first seen since `since`, newest first."""
        rows = self.db.execute(
            f"""SELECT {_POSTING_COLS} FROM postings WHERE first_seen_at >= ? AND closed_at IS NULL
                ORDER BY first_seen_at DESC, coalesce(posted_at, '') DESC LIMIT ?""",
            (iso(since), limit),
        )
        return [_posting(r) for r in rows]

    def latest_postings(self, limit: int = 5000) -> list[Posting]:
        """Open postings, newest first (by posting date, then first seen)."""
        rows = self.db.execute(
            f"""SELECT {_POSTING_COLS} FROM postings WHERE closed_at IS NULL
                ORDER BY coalesce(posted_at, first_seen_at) DESC LIMIT ?""",
            (limit,),
        )
        return [_posting(r) for r in rows]

    # -- users and alerts -----------------------------------------------------

    def user(self, chat_id: int) -> User | None:
        row = self._one(
            "SELECT chat_id, state, username, first_name FROM users WHERE chat_id = ?", (chat_id,)
        )
        return User(*row) if row else None

    def subscribe(
        self,
        chat_id: int,
        now: datetime,
        username: str | None = None,
        first_name: str | None = None,
    ) -> bool:
        """Make the user active (new, paused, stopped or blocked alike); True when new."""
        self.alerts_generation += 1
        existed = self.user(chat_id) is not None
        self.db.execute(
            """INSERT INTO users (chat_id, username, first_name, state, created_at, updated_at)
               VALUES (?, ?, ?, 'active', ?, ?)
               ON CONFLICT (chat_id) DO UPDATE SET state = 'active', username = excluded.username,
                   first_name = excluded.first_name, updated_at = excluded.updated_at""",
            (chat_id, username, first_name, iso(now), iso(now)),
        )
        return not existed

    def set_user_state(self, chat_id: int, state: str, now: datetime) -> None:
        self.alerts_generation += 1
        if state not in USER_STATES:
            raise ValueError(f"unknown user state {state!r}")
        self.db.execute(
            "UPDATE users SET state = ?, updated_at = ? WHERE chat_id = ?",
            (state, iso(now), chat_id),
        )

    def forget_user(self, chat_id: int, now: datetime) -> None:
        """/stop: delete the user's alerts, deliveries and profile; keep only 'stopped'."""
        self.alerts_generation += 1
        with self.transaction():
            self.db.execute("DELETE FROM deliveries WHERE chat_id = ?", (chat_id,))
            self.db.execute("DELETE FROM alerts WHERE chat_id = ?", (chat_id,))
            self.db.execute(
                """UPDATE users SET state = 'stopped', username = NULL, first_name = NULL,
                       updated_at = ? WHERE chat_id = ?""",
                (iso(now), chat_id),
            )

    def migrate_chat(self, old: int, new: int, now: datetime) -> None:
        """A group became a supergroup: carry its user row, alerts and outbox to the new id."""
        self.alerts_generation += 1
        with self.transaction():
            if self.user(new) is None:
                self.db.execute(
                    "UPDATE users SET chat_id = ?, updated_at = ? WHERE chat_id = ?",
                    (new, iso(now), old),
                )

    def add_alert(self, chat_id: int, query: str, now: datetime) -> Alert:
        self.alerts_generation += 1
        cur = self.db.execute(
            "INSERT INTO alerts (chat_id, query, created_at) VALUES (?, ?, ?)",
            (chat_id, query, iso(now)),
        )
        return Alert(id=cur.lastrowid, chat_id=chat_id, query=query)

    def alerts(self, chat_id: int) -> list[Alert]:
        rows = self.db.execute(
            "SELECT id, chat_id, query FROM alerts WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
        return [Alert(*r) for r in rows]

    def delete_alert(self, chat_id: int, alert_id: int) -> bool:
        self.alerts_generation += 1
        cur = self.db.execute(
            "DELETE FROM alerts WHERE chat_id = ? AND id = ?", (chat_id, alert_id)
        )
        return cur.rowcount > 0

    def active_alerts(self) -> list[Alert]:
        """Alerts of users who want notifications now."""
        rows = self.db.execute(
            """SELECT a.id, a.chat_id, a.query FROM alerts a JOIN users u USING (chat_id)
               WHERE u.state = 'active' ORDER BY a.id"""
        )
        return [Alert(*r) for r in rows]

    def alert_sent_counts(self, chat_id: int, since: datetime) -> dict[int, int]:
        """For each of the user's alerts, how many jobs it brought that were sent since `since`."""
        counts: dict[int, int] = {}
        rows = self.db.execute(
            "SELECT alert_ids FROM deliveries WHERE chat_id = ? AND state = 'sent' AND sent_at >= ?",
            (chat_id, iso(since)),
        )
        for (ids,) in rows:
            for a in json.loads(ids):
                counts[a] = counts.get(a, 0) + 1
        return counts

    # -- outbox ---------------------------------------------------------------

    def enqueue(self, deliveries: list[Delivery], now: datetime) -> int:
        """Add deliveries to the outbox; one per user and job whatever happens. Returns rows added."""
        before = self.db.conn.total_changes
        self.db.conn.executemany(
            """INSERT OR IGNORE INTO deliveries (chat_id, posting_key, alert_ids, state,
                   next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', ?, ?)""",
            [
                (d.chat_id, d.posting_key, json.dumps(list(d.alert_ids)), iso(now), iso(now))
                for d in deliveries
            ],
        )
        return self.db.conn.total_changes - before

    def due(self, now: datetime, limit: int = 100, per_chat: int = 1000) -> list[OutboxItem]:
        """Pending deliveries whose time has come, to active users, oldest first; at most
        `per_chat` for one chat, so one busy chat cannot crowd the others out of a batch."""
        rows = self.db.execute(
            f"""SELECT d.id, d.chat_id, d.alert_ids, d.attempts, {_prefixed("p")}
                FROM (SELECT d.*, row_number() OVER (
                          PARTITION BY d.chat_id ORDER BY d.next_attempt_at, d.id) AS rank
                      FROM deliveries d JOIN users u USING (chat_id)
                      WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND u.state = 'active'
                     ) d JOIN postings p ON p.key = d.posting_key
                WHERE d.rank <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?""",
            (iso(now), per_chat, limit),
        ).fetchall()
        wanted = {a for r in rows for a in json.loads(r[2])}
        queries = (
            dict(
                self.db.execute(
                    f"SELECT id, query FROM alerts WHERE id IN ({','.join('?' * len(wanted))})",
                    list(wanted),
                ).fetchall()
            )
            if wanted
            else {}
        )
        items = []
        for r in rows:
            ids = tuple(json.loads(r[2]))
            posting = _posting(r[4:])
            items.append(
                OutboxItem(
                    id=r[0], chat_id=r[1], posting=posting, alert_ids=ids,
                    alert_queries=tuple(queries[a] for a in ids if a in queries), attempts=r[3],
                )
            )  # fmt: skip
        return items

    def next_due_at(self) -> datetime | None:
        row = self._one(
            """SELECT min(d.next_attempt_at) FROM deliveries d JOIN users u USING (chat_id)
               WHERE d.state = 'pending' AND u.state = 'active'"""
        )
        return from_iso(row[0]) if row and row[0] else None

    def mark_sending(self, delivery_id: int) -> bool:
        """Claim a pending delivery for sending; False when it is no longer pending."""
        cur = self.db.execute(
            "UPDATE deliveries SET state = 'sending', attempts = attempts + 1 "
            "WHERE id = ? AND state = 'pending'",
            (delivery_id,),
        )
        return cur.rowcount == 1

    def mark_sent(self, delivery_id: int, now: datetime, message_id: int | None) -> None:
        self.db.execute(
            "UPDATE deliveries SET state = 'sent', sent_at = ?, message_id = ?, last_error = NULL "
            "WHERE id = ?",
            (iso(now), message_id, delivery_id),
        )

    def mark_retry(
        self, delivery_id: int, when: datetime, error: str, *, count: bool = True
    ) -> None:
        """Back to pending, to try again at `when`; `count=False` gives the attempt back (429)."""
        self.db.execute(
            f"""UPDATE deliveries SET state = 'pending', next_attempt_at = ?, last_error = ?
                {", attempts = max(attempts - 1, 0)" if not count else ""} WHERE id = ?""",
            (iso(when), error, delivery_id),
        )

    def mark_final(self, delivery_id: int, state: str, error: str) -> None:
        """End a delivery as 'failed' or 'dropped', with the reason."""
        assert state in ("failed", "dropped")
        self.db.execute(
            "UPDATE deliveries SET state = ?, last_error = ? WHERE id = ?",
            (state, error, delivery_id),
        )

    def drop_pending_for(self, chat_id: int, reason: str) -> None:
        self.db.execute(
            "UPDATE deliveries SET state = 'dropped', last_error = ? "
            "WHERE chat_id = ? AND state IN ('pending', 'sending')",
            (reason, chat_id),
        )

    def recover_in_doubt(self) -> int:
        """At start-up: deliveries left 'sending' by a crash go back to pending (at-least-once)."""
        cur = self.db.execute("UPDATE deliveries SET state = 'pending' WHERE state = 'sending'")
        return cur.rowcount

    def delivery_counts(self) -> dict[str, int]:
        return dict(
            self.db.execute("SELECT state, count(*) FROM deliveries GROUP BY state").fetchall()
        )


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{f}" for f in _FIELDS)
