"""Schema changes as named migrations, applied in order at start-up (sqlite-utils Migrations)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot import dedupe
from bot.company import company_key, without_legal_form
from bot.models import Posting
from bot.store import fulltext

migrations = Migrations("jobbot")


@migrations(name="0001_initial")
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


@migrations(name="0002_board_options")
def board_options(db: Database) -> None:
    """Per-board source options (CSS selectors for html pages, and the like), as JSON."""
    db.execute("ALTER TABLE boards ADD COLUMN options TEXT NOT NULL DEFAULT '{}'")


@migrations(name="0003_posting_details")
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


@migrations(name="0004_board_body_hash")
def board_body_hash(db: Database) -> None:
    """The last body's hash, so an unchanged board costs a hash instead of a parse and a diff;
    and whether the admins were told about the current failure streak."""
    db.execute("ALTER TABLE boards ADD COLUMN body_hash TEXT")
    db.execute("ALTER TABLE boards ADD COLUMN admins_alerted INTEGER NOT NULL DEFAULT 0")


@migrations(name="0005_job_identity")
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


@migrations(name="0006_raw_fingerprint")
def raw_fingerprint(db: Database) -> None:
    """The fingerprint of the raw record each posting was normalised from (`bot.fingerprint`),
    so a re-poll normalises only the postings that changed."""
    db.execute("ALTER TABLE postings ADD COLUMN raw_hash TEXT")


@migrations(name="0007_job_seeker_control")
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


@migrations(name="0008_postings_posted")
def postings_posted(db: Database) -> None:
    """Postings by the date they were posted (first seen when unknown): /alert's backtest."""
    db.execute("CREATE INDEX postings_posted ON postings (coalesce(posted_at, first_seen_at))")


@migrations(name="0009_incremental_vacuum", transactional=False)
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


@migrations(name="0010_access")
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


@migrations(name="0011_notices")
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


@migrations(name="0012_follows")
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


_TEXT = "jobbot_text({0}.title, {0}.company, {0}.location, {0}.description, {0}.board)"
_TEXT_DELETE = f"INSERT INTO postings_text (postings_text, rowid, text) VALUES ('delete', old.rowid, {_TEXT.format('old')});"  # fmt: skip
_TEXT_INSERT = f"INSERT INTO postings_text (rowid, text) VALUES (new.rowid, {_TEXT.format('new')});"


@migrations(name="0013_postings_text")
def postings_text(db: Database) -> None:
    """The postings' text in an FTS5 index kept by triggers (`bot.store.fulltext`), filled
    once here: /search and the backtest read the postings that have a query's words."""
    changed = " OR ".join(
        f"old.{c} IS NOT new.{c}" for c in ("title", "company", "location", "description", "board")
    )
    db.executescript(
        f"""
        CREATE VIRTUAL TABLE postings_text USING fts5(text, content='', {fulltext.TOKENIZE});
        CREATE TRIGGER postings_text_insert AFTER INSERT ON postings BEGIN {_TEXT_INSERT} END;
        CREATE TRIGGER postings_text_delete AFTER DELETE ON postings BEGIN {_TEXT_DELETE} END;
        CREATE TRIGGER postings_text_update AFTER UPDATE ON postings WHEN {changed}
        BEGIN {_TEXT_DELETE} {_TEXT_INSERT} END;
        """
    )
    fill = f"INSERT INTO postings_text (rowid, text) SELECT rowid, {_TEXT.format('postings')} FROM postings"  # fmt: skip
    db.execute(fill)


@migrations(name="0014_postings_text_queue")
def postings_text_queue(db: Database) -> None:
    """Writes queue the postings whose text the index lacks (`bot.store.fulltext`) instead of
    indexing them row by row in the writer's transaction: the text is indexed after the poll,
    a slice at a time. The index holds every posting already, so the queue starts empty."""
    db.executescript(fulltext.QUEUE)


@migrations(name="0015_postings_partial")
def postings_partial(db: Database) -> None:
    """`partial`: the posting was stored from its board's list without the detail it needs (the
    detail request failed), so the next poll asks for it again, after a restart too. Rows
    stored before are taken as whole: which of them lacked a detail was not recorded."""
    db.execute("ALTER TABLE postings ADD COLUMN partial INTEGER NOT NULL DEFAULT 0")


@migrations(name="0016_postings_queued_by_writer")
def postings_queued_by_writer(db: Database) -> None:
    """New postings are queued for the text index by their writer, in one statement after the
    insert (`TextIndex.queue_new`), and only updates that set a text column fire the update
    trigger: a statement that may fire a trigger keeps a statement journal, which cost a
    third of a poll's store time (`bot.store.fulltext.QUEUE_BY_WRITER`)."""
    db.executescript(fulltext.QUEUE_BY_WRITER)


@migrations(name="0017_turned_away_by_job")
def turned_away_by_job(db: Database) -> None:
    """Hidden jobs by job and muted companies by company: routing asks, per new posting, who
    turned it away (`Choices.turned_away_by`), not whether each of its users did."""
    db.executescript(
        """
        CREATE INDEX hidden_jobs_job ON hidden_jobs (job_key);
        CREATE INDEX muted_companies_company ON muted_companies (company_key);
        """
    )


@migrations(name="0018_postings_open_by_board")
def postings_open_by_board(db: Database) -> None:
    """The open postings of each board, counted from an index (the board list at start-up,
    every poll's board, /healthz and /metrics) instead of reading every posting's row: at a
    million postings the count read gigabytes and took seconds."""
    db.execute("CREATE INDEX postings_open ON postings (board) WHERE closed_at IS NULL")


@migrations(name="0019_text_index_merged_in_steps")
def text_index_merged_in_steps(db: Database) -> None:
    """The text index no longer merges its segments inside the insert that happens to cross a
    threshold (FTS5's automerge: 64 pages times the index's levels, 40-60 ms on the event loop
    for one slice in five at 100,000 postings); the indexer merges them in steps of its own
    (`TextIndex.merge_next`), each a few milliseconds."""
    db.execute("INSERT INTO postings_text (postings_text, rank) VALUES ('automerge', 0)")


@migrations(name="0020_postings_board_state")
def postings_board_state(db: Database) -> None:
    """What a poll reads of its board's stored postings (`Postings.read`, `fingerprints`,
    `known_ids`), all in one index: several of those columns sit after the description, so
    each read followed every posting's overflow pages, 90-250 ms for a 9,000-posting board
    on the event loop at every changed poll; from the index, about 10 ms."""
    db.execute(
        """CREATE INDEX postings_board_state ON postings (board, key, content_hash, closed_at,
           missing_polls, raw_hash, url, apply_url, external_id, partial)"""
    )


@migrations(name="0021_ctl_key_board_location")
def ctl_key_board_location(db: Database) -> None:
    """The company-title-location key over the board's own location again: for a while it
    took every place the board lists ("London; Dublin"), and a copy naming only "London" did
    not match it. Only postings whose location has places added can differ."""
    rows = db.execute(
        """SELECT key, board, external_id, title, company, location, url, locations FROM postings
           WHERE ctl_key IS NOT NULL AND locations != '[]' AND instr(location, '; ')"""
    ).fetchall()
    for key, board, external_id, title, company, location, url, places in rows:
        p = Posting(
            key=key, board=board, external_id=external_id, title=title, company=company,
            location=location, url=url, description="", content_hash="",
            locations=tuple(json.loads(places)),
        )  # fmt: skip
        db.execute("UPDATE postings SET ctl_key = ? WHERE key = ?", [dedupe.identity(p).ctl, key])


@migrations(name="0022_muted_company_keys")
def muted_company_keys(db: Database) -> None:
    """Muted companies keyed by `company_key` as it now is (accents, punctuation and a legal
    form left out: "Stripe, Inc." is "stripe"); two mutes that now share a key are one."""
    rows = db.execute(
        "SELECT chat_id, company, created_at FROM muted_companies ORDER BY created_at, rowid"
    ).fetchall()
    db.execute("DELETE FROM muted_companies")
    db.conn.executemany(
        """INSERT OR IGNORE INTO muted_companies (chat_id, company_key, company, created_at)
           VALUES (?, ?, ?, ?)""",
        [(chat, company_key(company), company, at) for chat, company, at in rows],
    )


@migrations(name="0023_job_identity_without_legal_form")
def job_identity_without_legal_form(db: Database) -> None:
    """The company-title keys of the postings a new one may still be a copy of (first seen
    within `dedupe.WINDOW`) taken without the company's legal form, as `dedupe` now takes
    them ("Lookout Inc" on an aggregator is Lookout's own job). Only those whose company
    ends with a legal form change."""
    since = (datetime.now(UTC) - dedupe.WINDOW).isoformat()
    rows = db.execute(
        "SELECT key, company FROM postings WHERE first_seen_at >= ? AND ctl_key IS NOT NULL",
        [since],
    ).fetchall()
    for key, company in rows:
        if without_legal_form(company) == company:
            continue
        row = db.execute(
            """SELECT board, external_id, title, location, url, description, locations
               FROM postings WHERE key = ?""",
            [key],
        ).fetchone()
        board, external_id, title, location, url, description, places = row
        p = Posting(
            key=key, board=board, external_id=external_id, title=title, company=company,
            location=location, url=url, description=description, content_hash="",
            locations=tuple(json.loads(places)),
        )  # fmt: skip
        i = dedupe.identity(p)
        db.execute(
            "UPDATE postings SET ctl_key = ?, ctd_key = ? WHERE key = ?", [i.ctl, i.ctd, key]
        )


@migrations(name="0024_users_resume_at")
def users_resume_at(db: Database) -> None:
    """When a pause for a time ends (/pause 2w): the sender resumes the user then."""
    db.execute("ALTER TABLE users ADD COLUMN resume_at TEXT")
    db.execute("CREATE INDEX users_resume_at ON users (resume_at) WHERE resume_at IS NOT NULL")


@migrations(name="0025_saved_jobs")
def saved_jobs(db: Database) -> None:
    """Jobs users saved for later (the Save button), with the title, company and link they
    had: /saved lists them after the posting is pruned."""
    db.execute(
        """CREATE TABLE saved_jobs (
            chat_id INTEGER NOT NULL REFERENCES users (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            posting_key TEXT NOT NULL,
            title TEXT NOT NULL,
            company TEXT NOT NULL,
            url TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (chat_id, posting_key)
        )"""
    )


@migrations(name="0026_saved_jobs_applied")
def saved_jobs_applied(db: Database) -> None:
    """When the user marked a saved job applied (/applied), and where it was and what it paid
    when saved: /saved shows both after the posting is pruned."""
    db.execute("ALTER TABLE saved_jobs ADD COLUMN details TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE saved_jobs ADD COLUMN applied_at TEXT")


@migrations(name="0027_alerts_delivery")
def alerts_delivery(db: Database) -> None:
    """An alert's own delivery (/digest 3 daily): "instant", "daily 08:00" or "weekly fri
    17:30"; NULL follows the user's /digest."""
    db.execute("ALTER TABLE alerts ADD COLUMN delivery TEXT")
    db.execute("CREATE INDEX alerts_delivery ON alerts (chat_id) WHERE delivery IS NOT NULL")


@migrations(name="0028_alerts_resume_at")
def alerts_resume_at(db: Database) -> None:
    """When one alert's pause for a time ends (/pause 3 2w): the sender resumes it then."""
    db.execute("ALTER TABLE alerts ADD COLUMN resume_at TEXT")
    db.execute("CREATE INDEX alerts_resume_at ON alerts (resume_at) WHERE resume_at IS NOT NULL")


@migrations(name="0029_exchange_rates")
def exchange_rates(db: Database) -> None:
    """The exchange rates in use (`bot.rates`): units of each currency a euro buys, and the
    day they are of. Kept so a restart compares salaries across currencies at once."""
    db.execute(
        """CREATE TABLE exchange_rates (
            currency TEXT PRIMARY KEY,
            per_eur REAL NOT NULL,
            as_of TEXT NOT NULL
        )"""
    )


@migrations(name="0030_deliveries_sent_queries")
def deliveries_sent_queries(db: Database) -> None:
    """The queries a job's message named as matched, when it was sent (JSON): a press on it
    later shows them as sent, not an alert's later edit. NULL for digests and older rows."""
    db.execute("ALTER TABLE deliveries ADD COLUMN sent_queries TEXT")
