"""The postings' text is indexed after the poll, not in it: writes only queue it, the indexer
works the queue off a slice at a time with the loop running between, and a search finds a
stored posting at once whether its text is indexed yet or not."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
import re
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bench import world
from bot.app import App
from bot.models import Posting
from bot.store import Stores, pollplan
from bot.store.fulltext import text
from bot.textindexer import TextIndexer
from bot.words import fold
from tests.test_e2e import baselined, make_config
from tests.test_poller import PATH, gh_job
from tests.waiting import until

WORDS = ["rust", "python", "go", "kotlin", "remote", "berlin", "zürich", "straße", "senior"]


def _indexed(store: Stores) -> int:
    """How many postings the index holds (its per-document sizes: one row a posting)."""
    return store.db.one("SELECT count(*) AS n FROM postings_text_docsize")["n"]


def _posting(rng: random.Random, i: int) -> Posting:
    words = " ".join(rng.sample(WORDS, 3))
    made = world.make_posting(rng, 1, i, [""])
    return replace(
        made, title=f"{rng.choice(WORDS).title()} Engineer", description=f"We use {words}.",
        content_hash=words,
    )  # fmt: skip


def _found(store: Stores, word: str) -> set[str]:
    return {p.key for p in store.listings.with_words(f'"{fold(word)}"', 1000).postings}


def _scan(store: Stores, word: str) -> set[str]:
    """The open postings whose folded text has the word: what a search must find."""
    rows = store.db.execute(
        "SELECT key, title, company, location, description, board FROM postings "
        "WHERE closed_at IS NULL"
    )
    return {r["key"] for r in rows if fold(word) in re.findall(r"[^\W_]+", text(*list(r)[1:]))}


def test_a_poll_only_queues_its_text(store: Stores, now: datetime) -> None:
    """Storing a poll writes nothing into the index (it cost 3-4x the indexing itself, in
    the poll's transaction); the postings are found at once all the same."""
    rng = random.Random(1)
    postings = [_posting(rng, i) for i in range(30)]
    assert _indexed(store) == 0
    store.postings.record("board00001", postings, now)
    assert _indexed(store) == 0
    assert store.text.queued() == 30
    for word in WORDS:
        assert _found(store, word) == _scan(store, word), word
    assert store.text.index_next() > 0
    while store.text.index_next():
        pass
    assert _indexed(store) == 30 and store.text.queued() == 0
    for word in WORDS:
        assert _found(store, word) == _scan(store, word), word


def _vocabulary(db: sqlite3.Connection, schema: str, table: str) -> set[tuple]:
    """Every (term, rowid, offset) the FTS5 table holds."""
    db.execute(f"CREATE VIRTUAL TABLE temp.v_{table} USING fts5vocab({schema}, {table}, instance)")
    try:
        return set(db.execute(f"SELECT term, doc, offset FROM temp.v_{table}"))
    finally:
        db.execute(f"DROP TABLE temp.v_{table}")


def test_a_new_posting_costs_one_statement(store: Stores, now: datetime) -> None:
    """Storing new postings runs one statement per posting (its insert) and a fixed few for
    the poll: their text is queued by one statement after the insert. A trigger per row
    (three statements a row) gave each row a statement journal, a third of a baseline's
    store time."""

    def statements(board: str, count: int) -> int:
        rng = random.Random(count)
        run: list[str] = []
        store.db.conn.set_trace_callback(run.append)
        store.postings.record(board, [replace(_posting(rng, i), board=board, key=f"{board}:{i}")
                                      for i in range(count)], now)  # fmt: skip
        store.db.conn.set_trace_callback(None)
        return len(run)

    assert statements("board00002", 40) - statements("board00001", 10) == 30
    assert store.text.queued() == 50


def test_a_posting_gone_missing_costs_one_statement(store: Stores, now: datetime) -> None:
    """A poll that misses postings counts one more miss for each in one statement per
    posting: an update that sets no text column runs no trigger (the queue's update trigger
    names its columns), so SQLite keeps no statement journal for it."""

    def statements(board: str, count: int) -> int:
        rng = random.Random(count)
        postings = [
            replace(_posting(rng, i), board=board, key=f"{board}:{i}") for i in range(count)
        ]
        store.postings.record(board, postings, now)
        run: list[str] = []
        store.db.conn.set_trace_callback(run.append)
        store.postings.record(board, postings[:1], now)
        store.db.conn.set_trace_callback(None)
        return len(run)

    assert statements("board00002", 40) - statements("board00001", 10) == 30
    assert store.text.queued() == 50


def _record_in_parts(store: Stores, board: str, postings: list[Posting], now: datetime) -> None:
    """Store a poll as the poller stores a baseline: its new postings a few at a time."""
    with store.db.transaction():
        plan = pollplan.plan(store.postings.read(board), postings)
        while plan.unwritten:
            store.postings.write_new(plan, now, 3)
        store.postings.apply(plan, now)


def test_every_write_leaves_the_index_as_a_rebuild_would(store: Stores, now: datetime) -> None:
    """Inserts (whole, in parts, or rolled back), changes, closes and deletes (a deleted
    posting's rowid taken by a new one), in any order with partial indexing between them:
    searches agree with a scan all along, and once the queue is worked off the index holds
    exactly what a new one built from the stored postings would (a wrong 'delete' would
    leave stale terms behind, a posting queued twice or never would show too)."""
    rng = random.Random(7)
    live: dict[str, Posting] = {}
    _record_in_parts(store, "board00003", [_posting(rng, 900 + i) for i in range(10)], now)
    for step in range(12):
        for i in range(rng.randint(3, 12)):
            p = _posting(rng, step * 100 + i)
            live[p.key] = p
        for key in rng.sample(sorted(live), min(len(live), 4)):  # changed text
            live[key] = replace(_posting(rng, 0), key=key, external_id=live[key].external_id)
        if rng.random() < 0.3:  # a poll whose transaction is rolled back leaves no trace
            with contextlib.suppress(RuntimeError), store.db.transaction():
                gone = [replace(_posting(rng, 5000 + step), key=f"gone:{step}")]
                store.postings.record("board00001", [*live.values(), *gone], now)
                raise RuntimeError("rolled back")
        store.postings.record("board00001", list(live.values()), now)
        for key in rng.sample(sorted(live), min(len(live), 3)):  # deleted (retention)
            store.db.execute("DELETE FROM postings WHERE key = ?", (key,))
            del live[key]
        for _ in range(rng.randint(0, 2)):
            store.text.index_next(chars=rng.choice([1, 2_000, 50_000]))
        for word in WORDS:
            assert _found(store, word) == _scan(store, word), (step, word)
    while store.text.index_next(chars=5_000):
        pass
    conn = store.db.conn
    conn.execute(
        "CREATE VIRTUAL TABLE temp.rebuilt USING fts5(text, content='', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    conn.execute(
        "INSERT INTO temp.rebuilt (rowid, text) SELECT rowid, "
        "jobbot_text(title, company, location, description, board) FROM postings"
    )
    assert _vocabulary(conn, "main", "postings_text") == _vocabulary(conn, "temp", "rebuilt")
    conn.execute("INSERT INTO postings_text (postings_text, rank) VALUES ('integrity-check', 0)")


def _steps(sql: str) -> str | None:
    """Which of the indexer's statements `sql` is: each step starts with a merge, which may
    find nothing to merge and leave the step to a slice of text."""
    if "VALUES ('merge'" in sql:
        return "step"
    return "slice" if sql.startswith("INSERT INTO postings_text (rowid, text)") else None


def test_the_indexer_lets_the_loop_run_between_slices(store: Stores, now: datetime) -> None:
    """A task woken by a timer runs between any two steps (slices of text, merges of the
    index): with a bare `sleep(0)` the indexer's next slice came first, so the loop ran two
    slices back to back."""
    rng = random.Random(2)
    store.postings.record("board00001", [_posting(rng, i) for i in range(40)], now)
    order: list[str] = []
    store.db.conn.set_trace_callback(lambda sql: order.append(_steps(sql) or "sql"))

    async def run() -> int:
        done = asyncio.Event()

        async def other() -> None:  # woken by a timer, as a command's reply or a send would be
            while not done.is_set():
                order.append("other")
                await asyncio.sleep(1e-9)

        watcher = asyncio.create_task(other())
        await asyncio.sleep(0)
        count = await TextIndexer(store.text, chars=1, turn=0.0).drain()
        done.set()
        await watcher
        return count

    assert asyncio.run(run()) == 40
    store.db.conn.set_trace_callback(None)
    assert order.count("slice") == 40
    steps = [i for i, what in enumerate(order) if what == "step"]
    assert len(steps) > 40  # the slices' steps, the merges' and the last (nothing left)
    assert all("other" in order[a:b] for a, b in itertools.pairwise(steps))


def test_the_indexer_merges_the_segments_its_slices_write(store: Stores, now: datetime) -> None:
    """Each slice writes a segment and FTS5 no longer merges them inside the slices (migration
    0019): the indexer does, in steps of its own, until no level of the index holds enough
    segments to merge; searches then find every posting, and the index is sound."""
    config = store.db.one("SELECT v FROM postings_text_config WHERE k = 'automerge'")
    assert config is not None and config["v"] == 0
    rng = random.Random(4)
    postings = [_posting(rng, i) for i in range(20)]
    store.postings.record("board00001", postings[:10], now)
    while store.text.index_next(chars=1):  # slices alone: a segment each
        pass
    assert store.text.merge_next()  # 10 segments (FTS5 steps in only at 16) left to merge
    while store.text.merge_next():
        pass
    store.postings.record("board00001", postings, now)
    assert asyncio.run(TextIndexer(store.text, chars=1).drain()) == 10
    assert not store.text.merge_next()  # the indexer left nothing to merge
    for word in WORDS:
        assert _found(store, word) == _scan(store, word)
    store.db.conn.execute(
        "INSERT INTO postings_text (postings_text, rank) VALUES ('integrity-check', 0)"
    )


def test_a_database_that_refuses_a_slice_keeps_the_text_queued(
    store: Stores, now: datetime, tmp_path, caplog
) -> None:
    """Locked by another program: the indexer says so once and stops; nothing is lost, the
    postings are found meanwhile, and the next drain indexes them."""
    rng = random.Random(3)
    postings = [_posting(rng, i) for i in range(5)]
    store.postings.record("board00001", postings, now)
    store.db.execute("PRAGMA busy_timeout=0")
    other = sqlite3.connect(tmp_path / "jobbot.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    indexer = TextIndexer(store.text)
    with caplog.at_level(logging.WARNING, logger="bot.textindexer"):
        assert asyncio.run(indexer.drain()) == 0
        assert asyncio.run(indexer.drain()) == 0
    assert len([r for r in caplog.records if "indexing" in r.getMessage()]) == 1
    assert store.text.queued() == 5
    assert _found(store, "rust") == _scan(store, "rust")
    other.execute("ROLLBACK")
    other.close()
    assert asyncio.run(indexer.drain()) == 5 and store.text.queued() == 0


@pytest.mark.parametrize("indexed", [0, 20, 1000])
def test_a_search_reads_the_newest_first_across_index_and_queue(
    store: Stores, now: datetime, indexed: int
) -> None:
    """Pages of candidates come newest first and end where they should, whichever of them
    are indexed yet."""
    rng = random.Random(4)
    postings = [replace(_posting(rng, i), description="rust") for i in range(45)]
    for i in range(len(postings)):  # one more at a time: their rowids in this order
        store.postings.record("board00001", postings[: i + 1], now)
    if indexed:
        store.text.index_next(chars=indexed * 20)
    keys, before = [], None
    while True:
        page = store.listings.with_words('"rust"', 10, before=before)
        keys += [p.key for p in page.postings]
        if page.last is None:
            break
        before = page.last
    assert keys == [p.key for p in reversed(postings)]


@pytest.mark.timeout(60)
async def test_the_app_indexes_what_polls_store_and_what_a_stop_left(tmp_path, tg, boards) -> None:
    """A poll's postings are indexed after it; at start-up, whatever a stop left queued."""
    left = Stores.open(tmp_path / "jobbot.db")
    left.postings.record("Old", [_posting(random.Random(5), 1)], datetime.now(UTC))
    assert left.text.queued() == 1
    left.close()
    boards.set_json(PATH, {"jobs": [gh_job(i, "Rust Engineer") for i in range(3)]})
    boards.set("/broken", "x", status=404)
    app = App(make_config(tmp_path, tg, boards.url(PATH), boards.url("/broken")))
    stop = asyncio.Event()
    run = asyncio.create_task(app.run(stop))
    await until(lambda: baselined(app) and app.store.text.queued() == 0)
    assert _indexed(app.store) == 4
    stop.set()
    await asyncio.wait_for(run, 10)


async def test_one_poll_cycle_leaves_nothing_queued(tmp_path, tg, boards) -> None:
    """`jobbot poll` indexes what it stored before it exits."""
    boards.set_json(PATH, {"jobs": [gh_job(i, "Rust Engineer") for i in range(3)]})
    boards.set("/broken", "x", status=404)
    config = make_config(tmp_path, tg, boards.url(PATH), boards.url("/broken"))
    await App(config).poll_once()
    store = Stores.open(tmp_path / "jobbot.db")
    assert store.text.queued() == 0 and _indexed(store) == 3
    store.close()
