"""The schema's later steps, migrations 0013 on: the text index, indexes the hot paths read,
rows rewritten when a key changed, and the columns later features added. `bot.migrations`
names them and applies them in order."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlite_utils import Database

from bot import dedupe
from bot.company import company_key, without_legal_form
from bot.models import Posting
from bot.store import fulltext

_TEXT = "jobbot_text({0}.title, {0}.company, {0}.location, {0}.description, {0}.board)"
_TEXT_DELETE = f"INSERT INTO postings_text (postings_text, rowid, text) VALUES ('delete', old.rowid, {_TEXT.format('old')});"  # fmt: skip
_TEXT_INSERT = f"INSERT INTO postings_text (rowid, text) VALUES (new.rowid, {_TEXT.format('new')});"


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


def postings_text_queue(db: Database) -> None:
    """Writes queue the postings whose text the index lacks (`bot.store.fulltext`) instead of
    indexing them row by row in the writer's transaction: the text is indexed after the poll,
    a slice at a time. The index holds every posting already, so the queue starts empty."""
    db.executescript(fulltext.QUEUE)


def postings_partial(db: Database) -> None:
    """`partial`: the posting was stored from its board's list without the detail it needs (the
    detail request failed), so the next poll asks for it again, after a restart too. Rows
    stored before are taken as whole: which of them lacked a detail was not recorded."""
    db.execute("ALTER TABLE postings ADD COLUMN partial INTEGER NOT NULL DEFAULT 0")


def postings_queued_by_writer(db: Database) -> None:
    """New postings are queued for the text index by their writer, in one statement after the
    insert (`TextIndex.queue_new`), and only updates that set a text column fire the update
    trigger: a statement that may fire a trigger keeps a statement journal, which cost a
    third of a poll's store time (`bot.store.fulltext.QUEUE_BY_WRITER`)."""
    db.executescript(fulltext.QUEUE_BY_WRITER)


def turned_away_by_job(db: Database) -> None:
    """Hidden jobs by job and muted companies by company: routing asks, per new posting, who
    turned it away (`Choices.turned_away_by`), not whether each of its users did."""
    db.executescript(
        """
        CREATE INDEX hidden_jobs_job ON hidden_jobs (job_key);
        CREATE INDEX muted_companies_company ON muted_companies (company_key);
        """
    )


def postings_open_by_board(db: Database) -> None:
    """The open postings of each board, counted from an index (the board list at start-up,
    every poll's board, /healthz and /metrics) instead of reading every posting's row: at a
    million postings the count read gigabytes and took seconds."""
    db.execute("CREATE INDEX postings_open ON postings (board) WHERE closed_at IS NULL")


def text_index_merged_in_steps(db: Database) -> None:
    """The text index no longer merges its segments inside the insert that happens to cross a
    threshold (FTS5's automerge: 64 pages times the index's levels, 40-60 ms on the event loop
    for one slice in five at 100,000 postings); the indexer merges them in steps of its own
    (`TextIndex.merge_next`), each a few milliseconds."""
    db.execute("INSERT INTO postings_text (postings_text, rank) VALUES ('automerge', 0)")


def postings_board_state(db: Database) -> None:
    """What a poll reads of its board's stored postings (`Postings.read`, `fingerprints`,
    `known_ids`), all in one index: several of those columns sit after the description, so
    each read followed every posting's overflow pages, 90-250 ms for a 9,000-posting board
    on the event loop at every changed poll; from the index, about 10 ms."""
    db.execute(
        """CREATE INDEX postings_board_state ON postings (board, key, content_hash, closed_at,
           missing_polls, raw_hash, url, apply_url, external_id, partial)"""
    )


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


def users_resume_at(db: Database) -> None:
    """When a pause for a time ends (/pause 2w): the sender resumes the user then."""
    db.execute("ALTER TABLE users ADD COLUMN resume_at TEXT")
    db.execute("CREATE INDEX users_resume_at ON users (resume_at) WHERE resume_at IS NOT NULL")


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


def saved_jobs_applied(db: Database) -> None:
    """When the user marked a saved job applied (/applied), and where it was and what it paid
    when saved: /saved shows both after the posting is pruned."""
    db.execute("ALTER TABLE saved_jobs ADD COLUMN details TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE saved_jobs ADD COLUMN applied_at TEXT")


def alerts_delivery(db: Database) -> None:
    """An alert's own delivery (/digest 3 daily): "instant", "daily 08:00" or "weekly fri
    17:30"; NULL follows the user's /digest."""
    db.execute("ALTER TABLE alerts ADD COLUMN delivery TEXT")
    db.execute("CREATE INDEX alerts_delivery ON alerts (chat_id) WHERE delivery IS NOT NULL")


def alerts_resume_at(db: Database) -> None:
    """When one alert's pause for a time ends (/pause 3 2w): the sender resumes it then."""
    db.execute("ALTER TABLE alerts ADD COLUMN resume_at TEXT")
    db.execute("CREATE INDEX alerts_resume_at ON alerts (resume_at) WHERE resume_at IS NOT NULL")


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


def deliveries_sent_queries(db: Database) -> None:
    """The queries a job's message named as matched, when it was sent (JSON): a press on it
    later shows them as sent, not an alert's later edit. NULL for digests and older rows."""
    db.execute("ALTER TABLE deliveries ADD COLUMN sent_queries TEXT")


def deliveries_edit(db: Database) -> None:
    """What an edit of a posting changed ("pay added"), on a delivery the edit queued (the job
    matched the user's alert only after it): its message says so. NULL for a job queued new."""
    db.execute("ALTER TABLE deliveries ADD COLUMN edit TEXT")


def alerts_edited_at(db: Database) -> None:
    """When an alert's query was last changed by /edit (NULL: never): a job found before then
    was matched by the old query, and /why says so."""
    db.execute("ALTER TABLE alerts ADD COLUMN edited_at TEXT")


def postings_detailed_at(db: Database) -> None:
    """When a posting's detail was last read (`bot.store.details`; NULL: when first seen), and
    the index a poll finds its board's recent jobs by: only open, whole postings past the
    board's first poll, so it stays small; it covers the query (the columns it is limited
    by too), which then reads no posting's row."""
    db.execute("ALTER TABLE postings ADD COLUMN detailed_at TEXT")
    db.execute(
        """CREATE INDEX postings_details_due ON postings (board, first_seen_at, detailed_at,
           external_id, partial, baseline, closed_at)
           WHERE partial = 0 AND baseline = 0 AND closed_at IS NULL"""
    )


def users_invite(db: Database) -> None:
    """The invite code a user got in with (NULL: none, or joined before it was recorded):
    /invites names who joined with each code. And a pause time left on an active user (/start
    after /pause kept it) is cleared: `Users.unblock` reads it as "was paused"."""
    db.execute("ALTER TABLE users ADD COLUMN invite TEXT")
    db.execute("UPDATE users SET paused_at = NULL WHERE state = 'active'")


def users_quiet_off(db: Database) -> None:
    """Quiet hours turned off keep their window, so the /settings button turns them on again
    as they were (it reset a 23:00-07:00 to 22:00-07:00)."""
    db.execute("ALTER TABLE users ADD COLUMN quiet_off INTEGER NOT NULL DEFAULT 0")


def users_own_zone(db: Database) -> None:
    """Whether a user chose their zone (/timezone) or follows the operator's default
    ([users] timezone, kept in `operator_defaults` by each start). Before, UTC was everyone's
    default: a user on UTC is taken to follow it, one on another zone to have chosen it."""
    db.execute("ALTER TABLE users ADD COLUMN own_zone INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE users SET own_zone = 1 WHERE timezone != 'UTC'")
    db.execute("CREATE TABLE operator_defaults (name TEXT PRIMARY KEY, value TEXT NOT NULL)")


def users_quiet_weekends(db: Database) -> None:
    """Quiet weekends (/quiet weekends): nothing pushed from Saturday 00:00 to Monday morning,
    beside the nightly quiet hours. Off for everyone until they ask."""
    db.execute("ALTER TABLE users ADD COLUMN quiet_weekends INTEGER NOT NULL DEFAULT 0")
