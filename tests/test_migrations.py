"""Upgrades: a database left at every earlier schema version, built by the migrations' own
functions and holding representative rows, migrates to now with its data whole and ends with
the schema a new database has."""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot import dedupe, normalize
from bot.migrations import migrations
from bot.models import BoardInfo, Posting, RawPosting
from bot.store import Stores, fulltext
from bot.store.columns import FIELDS, posting_values
from bot.store.db import Db, connect

AT = "2026-11-21T09:00:00.000000+00:00"
NAMES = [m.name for m in migrations._migrations]
# One representative row per table; a version gets the columns it has.
ROWS: dict[str, dict[str, object]] = {
    "boards": {"name": "Acme", "kind": "greenhouse", "url": "https://x.example",
               "endpoint": "https://x.example/api", "interval_s": 60.0, "created_at": AT,
               "etag": "e1", "consecutive_failures": 2, "options": '{"a": 1}',
               "body_hash": "bh", "admins_alerted": 1},
    "postings": {"key": "Acme:1", "board": "Acme", "external_id": "1", "title": "Rust Engineer",
                 "company": "Acme", "location": "Berlin", "url": "https://x.example/1",
                 "description": "Build it.", "content_hash": "c1", "first_seen_at": AT,
                 "last_seen_at": AT, "locations": '["Berlin"]', "salary_min": 90000.0,
                 "salary_currency": "EUR", "job_key": "Acme:1", "url_key": "x.example/1",
                 "raw_hash": "r1"},
    "users": {"chat_id": 7, "username": "ana", "first_name": "Ana", "state": "paused",
              "created_at": AT, "updated_at": AT, "timezone": "Europe/Berlin",
              "delivery_mode": "digest", "quiet_start": 1320},
    "alerts": {"id": 3, "chat_id": 7, "query": "rust remote:yes", "created_at": AT,
               "paused_at": AT},
    "deliveries": {"id": 5, "chat_id": 7, "posting_key": "Acme:1", "alert_ids": "[3]",
                   "state": "sent", "attempts": 1, "next_attempt_at": AT, "created_at": AT,
                   "sent_at": AT, "message_id": 42, "held_until": AT},
    "hidden_jobs": {"chat_id": 7, "job_key": "Acme:9", "created_at": AT},
    "muted_companies": {"chat_id": 7, "company_key": "globex", "company": "Globex",
                        "created_at": AT},
    "invites": {"code": "c0de", "created_by": 1, "created_at": AT, "expires_at": AT,
                "max_uses": 3, "uses": 1},
    "banned": {"user_id": 9, "banned_by": 1, "created_at": AT},
    "notices": {"id": 1, "text": "Maintenance at 22:00", "created_by": 1, "created_at": AT},
    "notice_deliveries": {"notice_id": 1, "chat_id": 7, "state": "pending",
                          "next_attempt_at": AT},
}  # fmt: skip


def _before(tmp_path: Path, name: str) -> Database:
    """tmp_path/old.db migrated up to, and not including, the migration `name`."""
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    fulltext.register(conn)
    db = Database(conn)
    migrations.apply(db, stop_before=NAMES[NAMES.index(name) :])
    return db


def _columns(db: Database, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def _schema(db: Database) -> dict[str, object]:
    """Tables with their columns (name, type, not null, default); indexes and triggers with
    their SQL (a trigger that fires on other statements queues other postings)."""
    names = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return {
        name: [r[1:5] for r in db.execute(f"PRAGMA table_info({name})")]
        if kind == "table"
        else (kind, sql)
        for kind, name, sql in names
    }


def _vocabulary(conn: sqlite3.Connection, rebuilt: bool = False) -> set[tuple[str, int, int]]:
    """Every (term, rowid, offset) the text index holds; `rebuilt`: that a new index built
    from the stored postings would hold."""
    table = "postings_text"
    if rebuilt:
        table = "temp.rebuilt"
        conn.execute(
            f"CREATE VIRTUAL TABLE {table} USING fts5(text, content='', {fulltext.TOKENIZE})"
        )
        conn.execute(f"""INSERT INTO {table} (rowid, text) SELECT rowid,
            jobbot_text(title, company, location, description, board) FROM postings""")
    schema, name = ("temp", "rebuilt") if rebuilt else ("main", table)
    conn.execute(f"CREATE VIRTUAL TABLE temp.vocab USING fts5vocab({schema}, {name}, instance)")
    try:
        return set(conn.execute("SELECT term, doc, offset FROM temp.vocab"))
    finally:
        conn.execute("DROP TABLE temp.vocab")


def _at_version(path: Path, last: int) -> dict[str, dict[str, object]]:
    """A database with migrations up to NAMES[last] applied and a row in each table; the rows."""
    conn = sqlite3.connect(path, isolation_level=None)
    fulltext.register(conn)  # as jobbot's own connections: 0013's triggers call it
    db = Database(conn)
    migrations.apply(db, stop_before=NAMES[last + 1 :])
    put = {}
    for table, row in ROWS.items():
        if db[table].exists():
            cols = _columns(db, table)
            put[table] = {k: v for k, v in row.items() if k in cols}
            db[table].insert(put[table])
    if "0016_postings_queued_by_writer" in NAMES[: last + 1]:  # the writer queues (queue_new)
        db.execute("INSERT INTO postings_unindexed (posting) SELECT rowid FROM postings")
    db.close()
    return put


@pytest.mark.parametrize("last", range(len(NAMES) - 1), ids=NAMES[:-1])
def test_every_earlier_version_migrates_to_now_with_its_data(tmp_path: Path, last: int) -> None:
    put = _at_version(tmp_path / "old.db", last)
    db = connect(tmp_path / "old.db")
    assert [m.name for m in migrations.applied(db)] == NAMES
    for table, row in put.items():
        if table == "postings":  # its content hash is taken again (0033): derived, not data
            row = {k: v for k, v in row.items() if k != "content_hash"}
        got = db.execute(f"SELECT {', '.join(row)} FROM {table}").fetchall()
        assert got == [tuple(row.values())], table
    fresh = connect(tmp_path / "new.db")
    assert _schema(db) == _schema(fresh), "the same schema as a new database"
    assert db.execute("PRAGMA auto_vacuum").fetchone() == (2,)  # incremental
    store = Stores.over(Db(db))
    assert store.users.user(7) is not None and [a.id for a in store.alerts.alerts(7)] == [3]
    assert store.listings.posting("Acme:1").title == "Rust Engineer"
    found = store.listings.with_words('"rust" AND "berlin"', 10).postings
    assert [p.key for p in found] == ["Acme:1"], "the text index holds the stored postings"
    assert store.outbox.delivery_counts() == {"sent": 1}
    store.close()
    fresh.close()


@pytest.mark.parametrize("last", range(len(NAMES) - 1), ids=NAMES[:-1])
def test_every_earlier_version_indexes_what_is_stored_after(tmp_path: Path, last: int) -> None:
    """Migrated from any version, a poll's new postings are queued once (not by the insert
    trigger an older version had, and by the writer too), and indexed, the index holds
    what a rebuild from the stored postings would."""
    _at_version(tmp_path / "old.db", last)
    store = Stores.over(Db(connect(tmp_path / "old.db")))
    new = Posting(key="Acme:2", board="Acme", external_id="2", title="Go Developer",
                  company="Acme", location="Zürich", url="https://x.example/2",
                  description="Write Go.", content_hash="c2")  # fmt: skip
    store.postings.record("Acme", [new], datetime(2026, 11, 22, tzinfo=UTC))
    store.text.index_all()
    assert store.text.queued() == 0
    assert _vocabulary(store.db.conn) == _vocabulary(store.db.conn, rebuilt=True)
    found = store.listings.with_words('"zurich"', 10).postings
    assert [p.key for p in found] == ["Acme:2"]
    store.close()


def test_a_key_over_every_listed_place_is_taken_over_the_boards_location_again(
    tmp_path: Path,
) -> None:
    """Migration 0021: a job stored with its company-title-location key over "London; Dublin"
    gets the key a copy saying "London" has; a location the board wrote keeps its key."""
    db = _before(tmp_path, "0021_ctl_key_board_location")
    db["boards"].insert(ROWS["boards"])
    row = ROWS["postings"] | {"location": "London; Dublin", "locations": '["London", "Dublin"]'}
    own = row | {
        "key": "Acme:2",
        "external_id": "2",
        "location": "Paris; Lyon",
        "locations": '["Paris; Lyon"]',
    }
    db["postings"].insert_all([row | {"ctl_key": "old"}, own | {"ctl_key": "old"}])
    db.close()
    db = connect(tmp_path / "old.db")
    keys = dict(db.execute("SELECT key, ctl_key FROM postings").fetchall())
    copy = Posting(key="G:1", board="G", external_id="1", title="Rust Engineer", company="Acme",
                   location="London", url="https://g.example/1", description="", content_hash="")  # fmt: skip
    lyon = dataclasses.replace(copy, location="Paris; Lyon")
    assert keys == {"Acme:1": dedupe.identity(copy).ctl, "Acme:2": dedupe.identity(lyon).ctl}
    db.close()


def test_muted_companies_are_keyed_as_they_now_compare(tmp_path: Path) -> None:
    """Migration 0022: mutes keyed by the old key (case and spacing only) get the new one;
    two that now share it ("Stripe" and "Stripe, Inc.") are one, the first kept."""
    db = _before(tmp_path, "0022_muted_company_keys")
    db["users"].insert(ROWS["users"])
    old = [
        ("stripe", "Stripe", AT),
        ("stripe, inc.", "Stripe, Inc.", AT),
        ("n26 gmbh", "N26 GmbH", AT),
    ]
    db["muted_companies"].insert_all(
        {"chat_id": 7, "company_key": k, "company": c, "created_at": at} for k, c, at in old
    )
    db.close()
    db = connect(tmp_path / "old.db")
    rows = db.execute("SELECT company_key, company FROM muted_companies ORDER BY rowid").fetchall()
    assert rows == [("stripe", "Stripe"), ("n26", "N26 GmbH")]
    store = Stores.over(Db(db))
    assert store.choices.is_muted(7, "Stripe Inc") and store.choices.is_muted(7, "N26")
    store.close()


def test_recent_job_keys_are_taken_without_the_companys_legal_form(tmp_path: Path) -> None:
    """Migration 0023: a posting a new one may still be a copy of (first seen within the
    window) whose company ends with a legal form gets the keys a copy without it has; an
    older one, and one without a legal form, keep theirs."""
    db = _before(tmp_path, "0023_job_identity_without_legal_form")
    db["boards"].insert(ROWS["boards"])
    recent = (datetime.now(UTC) - timedelta(days=2)).isoformat()
    old = (datetime.now(UTC) - timedelta(days=60)).isoformat()
    description = "Build the payments ledger in Rust, own services end to end, on call included."
    base = ROWS["postings"] | {"description": description, "ctl_key": "x", "ctd_key": "x"}
    db["postings"].insert_all(
        [
            base | {"company": "Lookout, Inc.", "first_seen_at": recent},
            base | {"key": "Acme:2", "external_id": "2", "company": "Lookout, Inc.",
                    "first_seen_at": old},
            base | {"key": "Acme:3", "external_id": "3", "first_seen_at": recent},
        ]
    )  # fmt: skip
    db.close()
    db = connect(tmp_path / "old.db")
    keys = {r[0]: r[1:] for r in db.execute("SELECT key, ctl_key, ctd_key FROM postings")}
    copy = Posting(key="G:1", board="G", external_id="1", title="Rust Engineer", company="Lookout",
                   location="Berlin", url="https://g.example/1", description=description,
                   content_hash="")  # fmt: skip
    i = dedupe.identity(copy)
    assert keys == {"Acme:1": (i.ctl, i.ctd), "Acme:2": ("x", "x"), "Acme:3": ("x", "x")}
    db.close()


def test_open_postings_get_the_pay_their_descriptions_state(tmp_path: Path) -> None:
    """Migration 0031: an open posting whose board stated no pay gets the pay its text states;
    one with the board's own pay, and a closed one, keep theirs."""
    db = _before(tmp_path, "0031_pay_from_descriptions")
    db["boards"].insert(ROWS["boards"])
    text = "Build the ledger in Rust. The base salary range for this role is $160,000 - $200,000."
    unpaid = {"salary_min": None, "salary_max": None, "salary_currency": None}
    base = ROWS["postings"] | unpaid | {"description": text}
    db["postings"].insert_all(
        [
            base,
            base | {"key": "Acme:2", "external_id": "2", "salary_min": 90000,
                    "salary_currency": "EUR"},
            base | {"key": "Acme:3", "external_id": "3", "closed_at": AT},
        ]
    )  # fmt: skip
    db.close()
    db = connect(tmp_path / "old.db")
    pay = {r[0]: r[1:] for r in db.execute(
        "SELECT key, salary_min, salary_max, salary_currency, salary_period FROM postings"
    )}  # fmt: skip
    assert pay == {
        "Acme:1": (160000.0, 200000.0, "USD", None),
        "Acme:2": (90000.0, None, "EUR", None),
        "Acme:3": (None, None, None, None),
    }
    db.close()


def test_content_hashes_are_taken_over_the_fields_beside_the_text(tmp_path: Path) -> None:
    """Migration 0033: each posting's hash is taken again as new postings take it now, over
    its pay, workplace, type and places too; a posting whose board changed nothing hashes
    the same as the next poll's, so it is not taken for an edit."""
    db = _before(tmp_path, "0033_content_hash_with_fields")
    db["boards"].insert(ROWS["boards"])
    raw = RawPosting(
        "1", "Rust Engineer", "https://x.example/1", location="Berlin", locations=("Munich",),
        description_html="<p>Build it.</p>", workplace="hybrid", employment_type="Full-time",
        salary_min=90_000, salary_max=110_000, salary_currency="EUR", salary_period="year",
    )  # fmt: skip
    polled = normalize.posting(raw, BoardInfo("Acme", "greenhouse", "https://x.example"))
    row = dict(zip(FIELDS, posting_values(polled), strict=True))
    db["postings"].insert_all(
        [
            ROWS["postings"] | row | {"content_hash": "text only"},
            ROWS["postings"] | {"key": "Acme:2", "external_id": "2", "content_hash": "c2"},
        ]
    )
    db.close()
    db = connect(tmp_path / "old.db")
    hashes = dict(db.execute("SELECT key, content_hash FROM postings").fetchall())
    assert hashes["Acme:1"] == polled.content_hash
    unpaid = dataclasses.replace(polled, salary_min=None, salary_max=None)
    assert normalize.content_hash(unpaid) != polled.content_hash, "the pay is hashed"
    assert hashes["Acme:2"] not in ("c2", polled.content_hash)
    db.close()


def test_pay_is_read_again_with_the_hash_the_next_poll_takes(tmp_path: Path) -> None:
    """Migration 0035: an open posting stored with no pay gets the pay its text states as
    it is read now ("$140,000 - $180,000 a year" alone), one whose board's yearly pay is an
    hour's the hour, each with the hash a poll of the same posting takes, so the job is not
    taken for an edit; a closed one keeps no pay."""
    db = _before(tmp_path, "0035_pay_read_again")
    db["boards"].insert(ROWS["boards"])
    raw = RawPosting(
        "1", "Data Engineer", "https://x.example/1", location="Boston, MA",
        description_html="<p>Build it.</p><p>$140,000 - $180,000 a year</p>",
    )  # fmt: skip
    polled = normalize.posting(raw, BoardInfo("Acme", "greenhouse", "https://x.example"))
    assert (polled.salary_min, polled.salary_max, polled.salary_period) == (140e3, 180e3, "year")
    before = dataclasses.replace(polled, salary_min=None, salary_max=None, salary_currency=None,
                                 salary_period=None)  # fmt: skip
    row = dict(zip(FIELDS, posting_values(before), strict=True))
    row["content_hash"] = normalize.content_hash(before)  # as the reader before it stored it
    hourly = RawPosting("3", "Recruiting Coordinator", "https://x.example/3", salary_min=25,
                        salary_max=27, salary_currency="USD", salary_period="year")  # fmt: skip
    rate = normalize.posting(hourly, BoardInfo("Acme", "remoteok", "https://x.example"))
    assert rate.salary_period == "hour"  # as a poll reads it now
    yearly = dataclasses.replace(rate, salary_period="year")  # as it was stored
    row3 = dict(zip(FIELDS, posting_values(yearly), strict=True))
    db["postings"].insert_all(
        [
            ROWS["postings"] | row,
            ROWS["postings"] | row | {"key": "Acme:2", "external_id": "2", "closed_at": AT},
            ROWS["postings"] | row3 | {"content_hash": normalize.content_hash(yearly)},
        ]
    )
    db.close()
    db = connect(tmp_path / "old.db")
    rows = {r[0]: r[1:] for r in db.execute(
        "SELECT key, salary_min, salary_max, salary_currency, salary_period, content_hash"
        " FROM postings"
    )}  # fmt: skip
    assert rows["Acme:1"] == (140000.0, 180000.0, "USD", "year", polled.content_hash)
    assert rows["Acme:2"] == (None, None, None, None, normalize.content_hash(before))
    assert rows["Acme:3"] == (25.0, 27.0, "USD", "hour", rate.content_hash)
    db.close()


def test_pay_is_read_again_as_the_reader_of_0038_reads_it(tmp_path: Path) -> None:
    """Migration 0038: the pay a stored posting's text states after its amount ("£100,000 -
    160,000 salary per annum") is stored with the hash a poll of it takes now."""
    db = _before(tmp_path, "0038_pay_read_again")
    db["boards"].insert(ROWS["boards"])
    raw = RawPosting(
        "1", "Staff AI Engineer", "https://x.example/1", location="London",
        description_html="<p>Build it.</p><p>£100,000 - 160,000 salary per annum.</p>",
    )  # fmt: skip
    polled = normalize.posting(raw, BoardInfo("Acme", "greenhouse", "https://x.example"))
    assert (polled.salary_min, polled.salary_max, polled.salary_period) == (1e5, 1.6e5, "year")
    before = dataclasses.replace(polled, salary_min=None, salary_max=None, salary_currency=None,
                                 salary_period=None)  # fmt: skip
    row = dict(zip(FIELDS, posting_values(before), strict=True))
    row["content_hash"] = normalize.content_hash(before)
    db["postings"].insert(ROWS["postings"] | row)
    db.close()
    db = connect(tmp_path / "old.db")
    [stored] = db.execute(
        "SELECT salary_min, salary_max, salary_currency, salary_period, content_hash FROM postings"
    ).fetchall()
    assert tuple(stored) == (1e5, 1.6e5, "GBP", "year", polled.content_hash)
    db.close()


def test_workplace_and_type_are_read_again_with_the_hash_the_next_poll_takes(
    tmp_path: Path,
) -> None:
    """Migration 0041: an open posting stored with no workplace or type gets the one its text
    or title states now ("This is a hybrid role", "- 6 Month Contract"), with the hash a poll
    of the same posting takes, so the job is not taken for an edit ("now hybrid"); a closed
    one, and one whose board stated a workplace, keep theirs."""
    db = _before(tmp_path, "0041_workplace_read_again")
    db["boards"].insert(ROWS["boards"])
    info = BoardInfo("Acme", "greenhouse", "https://x.example")
    raw = RawPosting(
        "1", "Product Designer - 6 Month Contract", "https://x.example/1", location="New York",
        description_html="<p>This is a hybrid role based in our New York City office.</p>",
    )  # fmt: skip
    polled = normalize.posting(raw, info)
    assert (polled.workplace, polled.employment_type) == ("hybrid", "contract")
    before = dataclasses.replace(polled, workplace=None, employment_type=None)
    row = dict(zip(FIELDS, posting_values(before), strict=True))
    row["content_hash"] = normalize.content_hash(before)  # as the reader before it stored it
    onsite = dataclasses.replace(before, workplace="onsite")  # the board's own field said so
    row3 = dict(zip(FIELDS, posting_values(onsite), strict=True))
    db["postings"].insert_all(
        [
            ROWS["postings"] | row,
            ROWS["postings"] | row | {"key": "Acme:2", "external_id": "2", "closed_at": AT},
            ROWS["postings"] | row3 | {"key": "Acme:3", "external_id": "3",
                                       "content_hash": normalize.content_hash(onsite)},
        ]
    )  # fmt: skip
    db.close()
    db = connect(tmp_path / "old.db")
    rows = {r[0]: r[1:] for r in db.execute(
        "SELECT key, workplace, employment_type, content_hash FROM postings"
    )}  # fmt: skip
    assert rows["Acme:1"] == ("hybrid", "contract", polled.content_hash)
    assert rows["Acme:2"] == (None, None, normalize.content_hash(before))
    contract = dataclasses.replace(onsite, employment_type="contract")
    assert rows["Acme:3"] == ("onsite", "contract", normalize.content_hash(contract))
    db.close()


def test_an_upgrade_logs_each_migration_and_a_summary(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _at_version(tmp_path / "old.db", len(NAMES) - 3)  # two migrations behind
    with caplog.at_level(logging.INFO, logger="bot.migrations"):
        connect(tmp_path / "old.db").close()
        connect(tmp_path / "old.db").close()  # nothing to apply: nothing said
        connect(tmp_path / "new.db").close()
    said = [r.getMessage() for r in caplog.records if r.name == "bot.migrations"]
    assert [s.split(" applied in ")[0] for s in said[:2]] == [
        f"database migration {name}" for name in NAMES[-2:]
    ]
    assert said[2].startswith("database upgraded: 2 migrations applied in ")
    assert said[3].startswith(f"new database: its schema made ({len(NAMES)} migrations, ")
    assert len(said) == 4


def _stored_as(db: Database, before: Posting, **row: object) -> None:
    """`before` stored as the reader before the migration stored it (its own hash)."""
    values = dict(zip(FIELDS, posting_values(before), strict=True))
    values["content_hash"] = normalize.content_hash(before)
    db["postings"].insert(ROWS["postings"] | values | row)


def test_where_a_remote_job_hires_is_read_again_with_the_hash_the_next_poll_takes(
    tmp_path: Path,
) -> None:
    """Migration 0044: a "Remote" job whose text says whom it hires gets those places, one
    located "Remoto - Brasil" its workplace, a co-op title its type, each with the hash a
    poll of the same posting takes (no "updated" edit at the upgrade); a closed one and one
    with nothing new keep theirs."""
    db = _before(tmp_path, "0044_places_and_work_read_again")
    db["boards"].insert(ROWS["boards"])
    info = BoardInfo("Acme", "lever", "https://x.example")
    raws = [
        RawPosting("1", "Backend Engineer (Golang)", "https://x.example/1", location="Remote",
                   description_html="<p>We hire in Brazil, Argentina and Colombia.</p>"),
        RawPosting("2", "Engenheiro Go", "https://x.example/2", location="Remoto - Brasil",
                   description_html="<p>Go.</p>"),
        RawPosting("3", "Co-op Software Developer (Fall 2027)", "https://x.example/3",
                   location="Waterloo, ON", description_html="<p>Python.</p>"),
        RawPosting("4", "Go Engineer", "https://x.example/4", location="Berlin",
                   description_html="<p>Go.</p>"),
    ]  # fmt: skip
    polled = [normalize.posting(raw, info) for raw in raws]
    assert "hires in Brazil, Argentina and Colombia" in polled[0].locations
    assert (polled[1].workplace, polled[2].employment_type) == ("remote", "intern")
    unread = dataclasses.replace(polled[0], location="Remote", locations=("Remote",))
    _stored_as(db, unread)
    _stored_as(db, dataclasses.replace(polled[1], workplace=None), key="Acme:2", external_id="2")
    _stored_as(db, dataclasses.replace(polled[2], employment_type=None), key="Acme:3",
               external_id="3")  # fmt: skip
    _stored_as(db, polled[3], key="Acme:4", external_id="4")
    _stored_as(db, unread, key="Acme:5", external_id="5", closed_at=AT)
    db.close()
    db = connect(tmp_path / "old.db")
    rows = {r[0]: r[1:] for r in db.execute(
        "SELECT key, location, workplace, employment_type, content_hash FROM postings"
    )}  # fmt: skip
    for i, p in enumerate(polled, 1):
        assert rows[f"Acme:{i}"] == (p.location, p.workplace, p.employment_type, p.content_hash)
    assert rows["Acme:5"][0] == "Remote"
    db.close()


def test_stated_pay_is_read_again_where_the_stored_one_is_an_older_reading(
    tmp_path: Path,
) -> None:
    """Migration 0045: one amount stored with no most ("$45/hour"), "$45/hour CAD" stored in
    US dollars, Portuguese pay not read ("R$ 25.000/mês"), a bare "$" of a job in Waterloo,
    ON stored in US dollars and French pay not read ("30 $ de l'heure") get the reading a
    poll takes now, with its hash; a board's own pay that differs from the text's is kept."""
    db = _before(tmp_path, "0045_pay_read_again")
    db["boards"].insert(ROWS["boards"])
    info = BoardInfo("Acme", "greenhouse", "https://x.example")
    texts = ["<p>Pay: $45/hour.</p>", "<p>Pay: $45/hour CAD.</p>",
             "<p>Salário: R$ 25.000/mês + benefícios</p>",
             "<p>Compensation: $28-$32/hour</p>", "<p>Rémunération : 30 $ de l'heure.</p>",
             "<p>The salary range is $100,000 - $150,000.</p>"]  # fmt: skip
    places = ["", "", "", "Waterloo, ON", "Montréal, QC", ""]
    polled = [
        normalize.posting(RawPosting(str(i), "Engineer", f"https://x.example/{i}",
                                     location=place, description_html=t), info)
        for i, (t, place) in enumerate(zip(texts, places, strict=True), 1)
    ]  # fmt: skip
    pays = [(p.salary_min, p.salary_max, p.salary_currency, p.salary_period) for p in polled]
    assert pays[:5] == [(45, 45, "USD", "hour"), (45, 45, "CAD", "hour"),
                        (25e3, 25e3, "BRL", "month"), (28, 32, "CAD", "hour"),
                        (30, 30, "CAD", "hour")]  # fmt: skip
    olds = [(45, None, "USD", "hour"), (45, 45, "USD", "hour"), (None, None, None, None),
            (28, 32, "USD", "hour"), (None, None, None, None),
            (100e3, 120e3, "USD", "year")]  # fmt: skip
    for i, (p, old) in enumerate(zip(polled, olds, strict=True), 1):
        low, high, cur, period = old
        before = dataclasses.replace(p, salary_min=low, salary_max=high, salary_currency=cur,
                                     salary_period=period)  # fmt: skip
        _stored_as(db, before, key=f"Acme:{i}", external_id=str(i))
    db.close()
    db = connect(tmp_path / "old.db")
    rows = {r[0]: r[1:] for r in db.execute(
        "SELECT key, salary_min, salary_max, salary_currency, salary_period, content_hash"
        " FROM postings"
    )}  # fmt: skip
    for i, p in enumerate(polled[:5], 1):
        assert rows[f"Acme:{i}"] == (*pays[i - 1], p.content_hash)
    assert rows["Acme:6"][:4] == (100e3, 120e3, "USD", "year")
    db.close()
