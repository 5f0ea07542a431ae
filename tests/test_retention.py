"""Retention over real SQLite: a year of history shrinks to what must stay, keys that dedupe
still reads stay, pending deliveries are never pruned, and the daily run is off the loop."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

from bot import dedupe
from bot.config import StorageConfig
from bot.config_boards import BoardConfig
from bot.retention import Retention, prune_file
from bot.store import Pruning, Stores, fulltext, iso
from tests.test_dedupe import job

DAY = timedelta(days=1)
PER_DAY, OPEN_DAYS, USERS = 20, 21, 3
TEXT = "Own the payments ledger end to end: design, build, run, on call included. " * 20


def _size(path: Path) -> int:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.stat().st_size


def _year(store: Stores, now) -> None:
    """365 days of a busy bot: PER_DAY postings a day, each open OPEN_DAYS then closed, each
    sent to USERS users an hour after it was first seen."""
    for chat in range(1, USERS + 1):
        store.users.subscribe(chat, now - 400 * DAY)
    rows, sent = [], []
    for day in range(365, -1, -1):
        seen = now - day * DAY
        closed = iso(seen + OPEN_DAYS * DAY) if day > OPEN_DAYS else None
        for i in range(PER_DAY):
            key = f"B{i % 7}:{day}-{i}"
            rows.append((key, f"B{i % 7}", f"{day}-{i}", f"Engineer {day}-{i}", "Acme",
                         "Berlin", f"https://b.example/{key}", f"{TEXT} {key}", f"h{key}",
                         iso(seen), iso(seen), closed, key, f"b.example/{key}"))  # fmt: skip
            sent += [(c, key, iso(seen), iso(seen + timedelta(hours=1))) for c in range(1, 4)]
    with store.db.transaction():
        store.db.conn.executemany(
            """INSERT INTO postings (key, board, external_id, title, company, location, url,
                   description, content_hash, first_seen_at, last_seen_at, closed_at, job_key,
                   url_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        store.text.queue_new([r[0] for r in rows])  # as the store's writer does
        store.db.conn.executemany(
            """INSERT INTO deliveries (chat_id, posting_key, state, next_attempt_at,
                   created_at, sent_at) VALUES (?, ?, 'sent', ?, ?, ?)""",
            [(c, k, at, at, s) for c, k, at, s in sent],
        )


def _keep_only(path: Path, where: str) -> int:
    """The reference: a copy holding only the postings `where` selects, vacuumed; its size."""
    conn = sqlite3.connect(path)
    fulltext.register(conn)  # the postings' text index's triggers call it
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("DELETE FROM deliveries")
    conn.execute(f"DELETE FROM postings WHERE NOT ({where})")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    return _size(path)


def test_a_year_of_history_shrinks_to_about_what_must_stay(tmp_path, now) -> None:
    db = tmp_path / "jobbot.db"
    store = Stores.open(db)
    _year(store, now)
    store.close()
    before = _size(db)
    shutil.copy(db, tmp_path / "ref.db")
    kept_since = iso(now - 90 * DAY)
    reference = _keep_only(tmp_path / "ref.db", f"closed_at IS NULL OR closed_at >= '{kept_since}'")
    open_only = _keep_only(tmp_path / "ref.db", "closed_at IS NULL")

    pruned = prune_file(db, StorageConfig(str(db)), now)
    after = _size(db)
    print(f"\nretention: {before:,} bytes before, {after:,} after ({after / before:.2f}); "
          f"open + 90 days closed alone: {reference:,}; open alone: {open_only:,}; {pruned}")  # fmt: skip
    assert pruned.freed_pages > 0
    assert after <= 1.25 * reference, "the file shrank to about the rows that must stay"
    assert before >= 2.5 * after
    store = Stores.open(db)
    left = tuple(store.db.one("SELECT count(*), count(closed_at) FROM postings"))
    assert left == ((OPEN_DAYS + 1 + 90) * PER_DAY, 90 * PER_DAY)  # open + closed in 90 days
    assert tuple(
        store.db.one("SELECT count(*) FROM deliveries WHERE sent_at < ?", (iso(now - 30 * DAY),))
    ) == (0,)
    assert store.outbox.delivery_counts()["sent"] == 31 * PER_DAY * USERS  # sent within 30 days
    store.close()


def test_a_short_keep_closed_still_keeps_keys_dedupe_reads(store: Stores, now) -> None:
    store.boards.sync_boards(
        [BoardConfig(n, f"https://{n}", "greenhouse", f"https://{n}", 60.0) for n in "AB"], now
    )
    for name in "AB":
        store.postings.record(name, [], now)
        store.boards.mark_success(name, now, None, None)
    store.postings.record("A", [job("A", 1)], now)
    for n in (1, 2):  # gone from its board: closed after two polls
        store.postings.record("A", [job("A", 9)], now + n * DAY)
    assert store.db.one("SELECT closed_at FROM postings WHERE key = 'A:1'")["closed_at"]
    later = now + 10 * DAY
    Pruning(store.db).prune(later, keep_closed=DAY, keep_sent=DAY)
    assert store.listings.posting("A:1") is not None, "first seen within the dedupe window: kept"
    copy = store.postings.record("B", [job("B", 5, url="https://a.example/1")], later)
    assert copy.new == [] and [p.key for p in copy.copies] == ["B:5"]
    Pruning(store.db).prune(now + dedupe.WINDOW + DAY, keep_closed=DAY, keep_sent=DAY)
    assert store.listings.posting("A:1") is None, "past the window and keep_closed: pruned"


def test_a_pending_delivery_keeps_its_posting(store: Stores, now) -> None:
    store.users.subscribe(1, now)
    store.postings.record("A", [job("A", 1)], now)
    store.db.execute("UPDATE postings SET closed_at = ?", (iso(now),))
    from bot.models import Delivery

    store.outbox.enqueue([Delivery(1, "A:1", (1,))], now)
    pruned = Pruning(store.db).prune(now + 365 * DAY, keep_closed=DAY, keep_sent=DAY)
    assert pruned.postings == 0 and store.listings.posting("A:1") is not None
    assert store.outbox.delivery_counts() == {"pending": 1}


async def test_the_daily_run_prunes_off_the_loop_until_stopped(tmp_path, now) -> None:
    db = tmp_path / "jobbot.db"
    store = Stores.open(db)
    store.postings.record("A", [job("A", 1)], now - 200 * DAY)
    store.db.execute("UPDATE postings SET closed_at = ?", (iso(now - 150 * DAY),))
    retention = Retention(StorageConfig(str(db)), lambda: now, every=0.01, first_in=0.0)
    stop = asyncio.Event()
    task = asyncio.create_task(retention.run(stop))
    while retention.runs < 2:
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert store.listings.posting("A:1") is None
    store.close()


def test_storage_retention_settings_survive_placing_the_database_path(tmp_path) -> None:
    from bot import config as cfg

    conf = tmp_path / "config.toml"
    conf.write_text('[storage]\npath = "j.db"\nkeep_closed = "7d"\nkeep_sent = "2d"\n')
    storage = cfg.load(conf).storage
    assert (storage.path, storage.keep_closed, storage.keep_sent) == (
        str(tmp_path / "j.db"), 7 * 86400.0, 2 * 86400.0,
    )  # fmt: skip
    assert cfg.from_dict({}).storage.keep_closed == 90 * 86400.0
