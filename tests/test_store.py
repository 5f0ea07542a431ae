"""The diff and the outbox on a real SQLite file."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot import normalize
from bot.config_boards import BoardConfig
from bot.models import BoardInfo, Delivery, RawPosting
from bot.store import Stores
from bot.store.stamps import iso

BOARD = BoardConfig("Acme", "https://example.com/b", "greenhouse", "https://example.com/b", 60.0)
INFO = BoardInfo("Acme", "greenhouse", "https://example.com/b", "Acme Pay")


def raw(i: int, **kw: object) -> RawPosting:
    fields = {
        "external_id": str(i),
        "title": f"Backend Engineer {i}",
        "url": f"/jobs/{i}",
        "location": "Berlin",
        "description_html": f"<p>Job {i}: Rust and Postgres.</p>",
        "posted_at": "2026-11-20T10:00:00Z",
    }
    fields.update(kw)
    return RawPosting(**fields)


def postings(*items: RawPosting):
    return [normalize.posting(r, INFO) for r in items]


@pytest.fixture
def acme(store: Stores, now):
    store.boards.sync_boards([BOARD], now)
    return store


def test_first_poll_is_a_baseline(acme: Stores, now) -> None:
    result = acme.postings.record("Acme", postings(raw(1), raw(2)), now)
    assert result.baseline and result.new == [] and result.seen == 2
    assert acme.listings.posting("Acme:1").title == "Backend Engineer 1"
    acme.boards.mark_success("Acme", now, None, None)
    assert acme.boards.board("Acme").baseline_at == now


def test_new_posting_after_baseline(acme: Stores, now) -> None:
    acme.postings.record("Acme", postings(raw(1)), now)
    acme.boards.mark_success("Acme", now, None, None)
    result = acme.postings.record("Acme", postings(raw(1), raw(2)), now + timedelta(minutes=1))
    assert not result.baseline
    assert [p.key for p in result.new] == ["Acme:2"]
    assert result.changed == [] and result.closed == []


def test_changed_only_when_content_hash_moves(acme: Stores, now) -> None:
    acme.postings.record("Acme", postings(raw(1)), now)
    acme.boards.mark_success("Acme", now, None, None)
    # A new date alone (Greenhouse bumps updated_at) is not a change.
    same = acme.postings.record("Acme", postings(raw(1, posted_at="2026-11-21T08:00:00Z")), now)
    assert same.changed == [] and same.new == []
    edited = acme.postings.record(
        "Acme", postings(raw(1, description_html="<p>Now Go, not Rust.</p>")), now
    )
    assert [p.key for p in edited.changed] == ["Acme:1"] and edited.new == []
    assert acme.listings.posting("Acme:1").description == "Now Go, not Rust."


def test_closed_after_missing_from_consecutive_polls(acme: Stores, now) -> None:
    acme.postings.record("Acme", postings(raw(1), raw(2)), now)
    acme.boards.mark_success("Acme", now, None, None)
    first = acme.postings.record("Acme", postings(raw(1)), now, close_after=2)
    assert first.closed == []
    second = acme.postings.record("Acme", postings(raw(1)), now, close_after=2)
    assert second.closed == ["Acme:2"]
    assert [p.key for p in acme.listings.latest_postings()] == ["Acme:1"]
    back = acme.postings.record("Acme", postings(raw(1), raw(2)), now)
    assert back.new == [], "a reopened posting is not new"
    assert {p.key for p in acme.listings.latest_postings()} == {"Acme:1", "Acme:2"}


def test_empty_answer_after_postings_closes_nothing(acme: Stores, now) -> None:
    acme.postings.record("Acme", postings(raw(1), raw(2)), now)
    acme.boards.mark_success("Acme", now, None, None)
    for _ in range(3):
        result = acme.postings.record("Acme", [], now, close_after=1)
        assert result.suspect_empty and result.closed == []
    assert len(acme.listings.latest_postings()) == 2


def test_duplicate_ids_in_one_response_are_one_posting(acme: Stores, now) -> None:
    result = acme.postings.record("Acme", postings(raw(1), raw(1)), now)
    assert result.seen == 1


def test_outbox_holds_one_row_per_user_and_job(acme: Stores, now) -> None:
    acme.postings.record("Acme", postings(raw(1)), now)
    acme.users.subscribe(7, now)
    a = acme.alerts.add_alert(7, "rust", now)
    b = acme.alerts.add_alert(7, "postgres", now)
    assert acme.outbox.enqueue([Delivery(7, "Acme:1", (a.id, b.id))], now) == 1
    assert (
        acme.outbox.enqueue([Delivery(7, "Acme:1", (a.id,)), Delivery(7, "Acme:1", (b.id,))], now)
        == 0
    )
    rows = acme.db.execute("SELECT count(*) FROM deliveries").fetchone()[0]
    assert rows == 1
    (item,) = acme.outbox.due(now)
    assert item.alert_queries == ("rust", "postgres")


def test_enqueue_stores_the_alert_ids_and_times_as_json_and_iso_text(acme: Stores, now) -> None:
    acme.postings.record("Acme", postings(raw(1), raw(2), raw(3)), now)
    acme.users.subscribe(7, now)
    ids = [(), (12,), (3, 40, 500)]
    deliveries = [Delivery(7, f"Acme:{i}", a) for i, a in enumerate(ids, start=1)]
    assert acme.outbox.enqueue(deliveries, now) == 3
    rows = acme.db.execute(
        "SELECT alert_ids, next_attempt_at, created_at FROM deliveries ORDER BY id"
    ).fetchall()
    assert [r["alert_ids"] for r in rows] == [json.dumps(list(a)) for a in ids]
    assert {(r["next_attempt_at"], r["created_at"]) for r in rows} == {(iso(now), iso(now))}


def test_outbox_state_machine_and_in_doubt_recovery(acme: Stores, now) -> None:
    acme.postings.record("Acme", postings(raw(1), raw(2)), now)
    acme.users.subscribe(7, now)
    acme.outbox.enqueue([Delivery(7, "Acme:1"), Delivery(7, "Acme:2")], now)
    first, second = acme.outbox.due(now)
    acme.outbox.mark_sending(first.id)
    acme.outbox.mark_sent(first.id, now, 42)
    acme.outbox.mark_sending(second.id)  # the process dies here
    assert acme.outbox.due(now) == []
    assert acme.outbox.recover_in_doubt() == 1
    (again,) = acme.outbox.due(now)
    assert again.id == second.id and again.attempts == 1
    assert acme.outbox.delivery_counts() == {"sent": 1, "pending": 1}


def test_paused_users_get_nothing_due_but_keep_matching(acme: Stores, now) -> None:
    acme.postings.record("Acme", postings(raw(1)), now)
    acme.users.subscribe(7, now)
    alert = acme.alerts.add_alert(7, "rust", now)
    acme.outbox.enqueue([Delivery(7, "Acme:1")], now)
    acme.users.set_user_state(7, "paused", now)
    assert acme.outbox.due(now) == [] and acme.alerts.active_alerts() == [alert], (
        "held for the resume"
    )
    acme.users.set_user_state(7, "blocked", now)
    assert acme.outbox.due(now) == [] and acme.alerts.active_alerts() == []
    acme.users.subscribe(7, now)
    assert len(acme.outbox.due(now)) == 1


def test_stop_deletes_the_users_data(acme: Stores, now) -> None:
    acme.postings.record("Acme", postings(raw(1)), now)
    acme.users.subscribe(7, now, "ada", "Ada")
    acme.alerts.add_alert(7, "rust", now)
    acme.outbox.enqueue([Delivery(7, "Acme:1")], now)
    acme.users.forget_user(7, now)
    assert acme.alerts.alerts(7) == []
    assert acme.db.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 0
    user = acme.users.user(7)
    assert user.state == "stopped" and user.username is None


def test_migrations_are_named_and_applied_once(tmp_path) -> None:
    path = tmp_path / "x.db"
    Stores.open(path).close()
    s = Stores.open(path)
    names = [r[0] for r in s.db.execute("SELECT name FROM _sqlite_migrations")]
    assert names[0] == "0001_initial" and "0004_board_body_hash" in names
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()


def test_sync_boards_keeps_state_and_disables_removed(acme: Stores, now) -> None:
    acme.boards.mark_success("Acme", now, '"v1"', None)
    other = BoardConfig("Other", "https://e.com/x", "rss", "https://e.com/x", 60.0)
    acme.boards.sync_boards([BOARD, other], now)
    assert acme.boards.board("Acme").etag == '"v1"'
    acme.boards.sync_boards([other], now)
    assert not acme.boards.board("Acme").enabled
    assert [b.name for b in acme.boards.all(enabled_only=True)] == ["Other"]
