"""The schema's first steps, migrations 0001-0012: the tables and the columns they gained
before the text index. `bot.migrations` names them and applies them in order."""

from __future__ import annotations

from sqlite_utils import Database


def initial(db: Database) -> None:
    """Boards, postings, users, alerts and the delivery outbox."""
    db.executescript(
        """
        CREATE TABLE boards (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            url TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            interval_s REAL NOT NULL,
            company TEXT,
            origin TEXT NOT NULL DEFAULT 'config',
            enabled INTEGER NOT NULL DEFAULT 1,
            etag TEXT,
            last_modified TEXT,
            baseline_at TEXT,
            last_attempt_at TEXT,
            last_success_at TEXT,
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_due_at TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE postings (
            key TEXT PRIMARY KEY,
            board TEXT NOT NULL,
            external_id TEXT NOT NULL,
            title TEXT NOT NULL,
            company TEXT NOT NULL,
            location TEXT NOT NULL,
            url TEXT NOT NULL,
            apply_url TEXT,
            description TEXT NOT NULL,
            posted_at TEXT,
            workplace TEXT,
            employment_type TEXT,
            content_hash TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            changed_at TEXT,
            closed_at TEXT,
            missing_polls INTEGER NOT NULL DEFAULT 0,
            baseline INTEGER NOT NULL DEFAULT 0,
            UNIQUE (board, external_id)
        );
        CREATE INDEX postings_first_seen ON postings (first_seen_at);
        CREATE TABLE users (
            chat_id INTEGER PRIMARY KEY,
            username TEXT,
            first_name TEXT,
            state TEXT NOT NULL DEFAULT 'active'
                CHECK (state IN ('active', 'paused', 'stopped', 'blocked')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chat_id INTEGER NOT NULL REFERENCES users (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            query TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX alerts_chat ON alerts (chat_id);
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chat_id INTEGER NOT NULL REFERENCES users (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            posting_key TEXT NOT NULL REFERENCES postings (key),
            alert_ids TEXT NOT NULL DEFAULT '[]',
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dropped')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            message_id INTEGER,
            UNIQUE (chat_id, posting_key)
        );
        CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
        """
    )


def board_options(db: Database) -> None:
    """Per-board source options (CSS selectors for html pages, and the like), as JSON."""
    db.execute("ALTER TABLE boards ADD COLUMN options TEXT NOT NULL DEFAULT '{}'")


def posting_details(db: Database) -> None:
    """Locations list, department and salary, when the source states them."""
    for column in (
        "locations TEXT NOT NULL DEFAULT '[]'",
        "department TEXT",
        "salary_min REAL",
        "salary_max REAL",
        "salary_currency TEXT",
        "salary_period TEXT",
    ):
        db.execute(f"ALTER TABLE postings ADD COLUMN {column}")


def board_body_hash(db: Database) -> None:
    """The last body's hash, so an unchanged board costs a hash instead of a parse and a diff;
    and whether the admins were told about the current failure streak."""
    db.execute("ALTER TABLE boards ADD COLUMN body_hash TEXT")
    db.execute("ALTER TABLE boards ADD COLUMN admins_alerted INTEGER NOT NULL DEFAULT 0")


def job_identity(db: Database) -> None:
    """Which job a posting is (its first posting's key), and the keys that match copies."""
    for column in (
        "job_key TEXT",
        "url_key TEXT",
        "apply_key TEXT",
        "ctl_key TEXT",
        "ctd_key TEXT",
    ):
        db.execute(f"ALTER TABLE postings ADD COLUMN {column}")
    db.execute("UPDATE postings SET job_key = key")
    for column in ("job_key", "url_key", "apply_key", "ctl_key", "ctd_key"):
        db.execute(f"CREATE INDEX postings_{column} ON postings ({column})")


def raw_fingerprint(db: Database) -> None:
    """The fingerprint of the raw record each posting was normalised from (`bot.fingerprint`),
    so a re-poll normalises only the postings that changed."""
    db.execute("ALTER TABLE postings ADD COLUMN raw_hash TEXT")


def job_seeker_control(db: Database) -> None:
    """What each user chose: delivery settings, paused alerts, hidden jobs, muted companies;
    and deliveries held for a digest or summary (pending with `held_until` set)."""
    for column in (
        "timezone TEXT NOT NULL DEFAULT 'UTC'",
        "delivery_mode TEXT NOT NULL DEFAULT 'instant'",
        "digest_at INTEGER NOT NULL DEFAULT 480",
        "digest_day INTEGER NOT NULL DEFAULT 0",
        "quiet_start INTEGER",
        "quiet_end INTEGER",
        "hourly_cap INTEGER NOT NULL DEFAULT 20",
        "paused_at TEXT",
    ):
        db.execute(f"ALTER TABLE users ADD COLUMN {column}")
    db.execute("ALTER TABLE alerts ADD COLUMN paused_at TEXT")
    db.execute("ALTER TABLE deliveries ADD COLUMN held_until TEXT")
    db.execute(
        "CREATE INDEX deliveries_held ON deliveries (held_until) WHERE held_until IS NOT NULL"
    )
    db.executescript(
        """
        CREATE TABLE hidden_jobs (
            chat_id INTEGER NOT NULL REFERENCES users (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            job_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (chat_id, job_key)
        );
        CREATE TABLE muted_companies (
            chat_id INTEGER NOT NULL REFERENCES users (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            company_key TEXT NOT NULL,
            company TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (chat_id, company_key)
        );
        """
    )


def postings_posted(db: Database) -> None:
    """Postings by the date they were posted (first seen when unknown): /alert's backtest."""
    db.execute("CREATE INDEX postings_posted ON postings (coalesce(posted_at, first_seen_at))")


def incremental_vacuum(db: Database) -> None:
    """Let retention give freed pages back to the file system (`PRAGMA incremental_vacuum`).
    An existing database switches only through one VACUUM, which runs here once, at the
    start-up that brings it to this version (a rewrite of the file: seconds per 100 MB).
    Also the indexes retention reads: closed postings, and deliveries by posting (without
    it, each deleted posting's foreign key check would scan every delivery)."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS postings_closed ON postings (closed_at) "
        "WHERE closed_at IS NOT NULL"
    )
    db.execute("CREATE INDEX IF NOT EXISTS deliveries_posting ON deliveries (posting_key)")
    if db.execute("PRAGMA auto_vacuum").fetchone()[0] != 2:
        db.execute("PRAGMA auto_vacuum=INCREMENTAL")
        db.execute("VACUUM")


def access(db: Database) -> None:
    """Invite codes (`/invite`, redeemed by `/start <code>`) and banned users (`/ban`)."""
    db.executescript(
        """
        CREATE TABLE invites (
            code TEXT PRIMARY KEY,
            created_by INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            max_uses INTEGER NOT NULL,
            uses INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE banned (
            user_id INTEGER PRIMARY KEY,
            banned_by INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        """
    )


def notices(db: Database) -> None:
    """Admins' broadcasts: the notice, and one row per recipient that the broadcaster drains
    (pending -> sending -> sent | failed), so a notice survives a restart and goes once."""
    db.executescript(
        """
        CREATE TABLE notices (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            created_by INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE notice_deliveries (
            notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT,
            sent_at TEXT,
            message_id INTEGER,
            PRIMARY KEY (notice_id, chat_id)
        );
        CREATE INDEX notice_deliveries_due ON notice_deliveries (state, next_attempt_at);
        """
    )


def follows(db: Database) -> None:
    """Boards users follow (/follow): who follows which board, whether they want every new
    posting of it or only those their alerts match, and whether they were told it is failing."""
    db.executescript(
        """
        CREATE TABLE follows (
            chat_id INTEGER NOT NULL REFERENCES users (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            board TEXT NOT NULL REFERENCES boards (name),
            all_jobs INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            failure_told INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (chat_id, board)
        );
        CREATE INDEX follows_board ON follows (board);
        """
    )
