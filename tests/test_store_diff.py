"""The stores' shape: rows read by name, and a re-poll that touches only what changed."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from bot import normalize
from bot.config_boards import BoardConfig
from bot.models import BoardInfo, RawPosting
from bot.store import Stores

BOARD = BoardConfig("Acme", "https://example.com/b", "greenhouse", "https://example.com/b", 60.0)
INFO = BoardInfo("Acme", "greenhouse", "https://example.com/b", "Acme Pay")
STORE = Path(__file__).parent.parent / "bot" / "store"


def raw(i: int, url: str | None = None) -> RawPosting:
    return RawPosting(
        external_id=str(i),
        title=f"Backend Engineer {i}",
        url=url or f"https://example.com/jobs/{i}",
        location="Berlin",
        description_html=f"<p>Job {i}: Rust and Postgres.</p>",
    )


def test_rows_are_read_by_column_name(store: Stores) -> None:
    assert store.db.one("SELECT 41 + 1 AS answer")["answer"] == 42


def test_no_store_module_reads_a_column_by_position() -> None:
    positional = re.compile(r"\b(row|r|old|b)\[\d")
    found = [
        f"{path.name}:{n}"
        for path in sorted(STORE.glob("*.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if positional.search(line)
    ]
    assert found == []


def test_an_unchanged_repoll_writes_nothing_and_reads_only_the_board(store: Stores, now) -> None:
    store.boards.sync_boards([BOARD], now)
    found = [normalize.posting(raw(i), INFO) for i in range(50)]
    prints = {p.key: f"fp{p.key}" for p in found}
    store.postings.record("Acme", found, now, fingerprints=prints)
    store.boards.mark_success("Acme", now, None, None)
    traced: list[str] = []
    store.db.conn.set_trace_callback(traced.append)
    result = store.postings.record("Acme", [], now + timedelta(minutes=15), unchanged=list(prints))
    store.db.conn.set_trace_callback(None)
    assert result.seen == 50 and not (result.new or result.changed or result.closed)
    statements = [s.split()[0].upper() for s in traced]
    assert statements == ["BEGIN", "SELECT", "SELECT", "COMMIT"], traced


def test_a_link_that_moves_without_a_content_change_stops_identifying_a_job(
    store: Stores, now
) -> None:
    """Postings 1 and 2 now share posting 1's link: it says nothing about either job."""
    store.boards.sync_boards([BOARD], now)
    store.postings.record("Acme", [normalize.posting(raw(i), INFO) for i in (1, 2)], now)
    store.boards.mark_success("Acme", now, None, None)
    again = [normalize.posting(raw(1), INFO), normalize.posting(raw(2, raw(1).url), INFO)]
    result = store.postings.record("Acme", again, now + timedelta(minutes=15))
    assert result.changed == []
    row = store.db.one("SELECT url_key FROM postings WHERE key = 'Acme:1'")
    assert row is not None and row["url_key"] is None


def test_what_a_poll_reads_of_its_board_comes_from_one_index(store: Stores, now) -> None:
    """The stored state a poll reads (`read`, `fingerprints`, `known_ids`) is served by the
    covering index of migration 0020: columns after the description would otherwise make
    SQLite follow every posting's overflow pages (90-250 ms for a 9,000-posting board)."""
    store.boards.sync_boards([BOARD], now)
    store.postings.record("Acme", [normalize.posting(raw(i), INFO) for i in range(5)], now)
    traced: list[str] = []
    store.db.conn.set_trace_callback(traced.append)
    store.postings.read("Acme")
    store.postings.fingerprints("Acme")
    store.postings.known_ids("Acme")
    store.db.conn.set_trace_callback(None)
    reads = [sql for sql in traced if "FROM postings" in sql]
    assert len(reads) == 3, traced
    for sql in reads:
        plan = " ".join(r["detail"] for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "USING COVERING INDEX postings_board_state" in plan, (sql, plan)
