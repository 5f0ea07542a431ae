"""Raw fingerprints: a re-poll normalises only the postings whose raw record moved."""

from __future__ import annotations

import dataclasses
import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot import fingerprint
from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.http import Fetcher, build_client
from bot.intake import normalise
from bot.models import BoardInfo, RawPosting
from bot.poller import Poller
from bot.storing import PollStores
from tests.test_poller import PATH, gh_job

RAW = RawPosting(
    external_id="1",
    title="Senior Rust Engineer",
    url="https://boards.greenhouse.io/acme/jobs/1",
    company="Acme Pay",
    location="Berlin",
    description_html="<p>Rust and Postgres.</p>",
    posted_at="2026-11-20T10:00:00Z",
)
BOARD = BoardInfo("Acme", "greenhouse", "https://boards-api.greenhouse.io/v1/boards/acme/jobs")


def test_a_bumped_date_keeps_the_fingerprint_and_any_other_field_moves_it() -> None:
    seed = fingerprint.seed(BOARD)
    same = fingerprint.raw(RAW, seed)
    assert fingerprint.raw(dataclasses.replace(RAW, posted_at="2026-11-21T08:00:00Z"), seed) == same
    for change in (
        {"title": "Staff Rust Engineer"},
        {"description_html": "<p>Rust and MySQL.</p>"},
        {"location": "Lisbon"},
        {"remote": True},
        {"salary_min": 90000.0},
        {"partial": True},
    ):
        assert fingerprint.raw(dataclasses.replace(RAW, **change), seed) != same, change
    other_board = fingerprint.seed(dataclasses.replace(BOARD, company="Acme Group"))
    assert fingerprint.raw(RAW, other_board) != same


def test_lone_surrogates_do_not_break_the_fingerprint() -> None:
    broken = dataclasses.replace(RAW, description_html="<p>\ud800</p>")
    assert fingerprint.raw(broken, fingerprint.seed(BOARD)) != fingerprint.raw(
        RAW, fingerprint.seed(BOARD)
    )


def test_normalise_skips_what_was_stored_with_the_same_fingerprint() -> None:
    second = dataclasses.replace(RAW, external_id="2", title="Go Engineer")
    postings, unchanged, fps = normalise([RAW, second, RAW], BOARD, {})
    assert [p.key for p in postings] == ["Acme:1", "Acme:2"] and unchanged == []
    postings, unchanged, again = normalise([RAW, second], BOARD, {"Acme:1": fps["Acme:1"]})
    assert [p.key for p in postings] == ["Acme:2"] and unchanged == ["Acme:1"]
    assert again == fps


def test_a_posting_normalising_fails_on_costs_only_itself(caplog) -> None:
    """A bug met by one posting (here a parser's number where the location's text goes) is
    logged once with its traceback; the board's other postings are read, and one stored
    before stays as stored (open, its fingerprint kept, so the next poll tries it again)."""
    board = dataclasses.replace(BOARD, name=f"Broken-{id(caplog)}")
    broken = dataclasses.replace(RAW, external_id="2", location=5)  # type: ignore[arg-type]
    other = dataclasses.replace(RAW, external_id="3", title="Go Engineer")
    caplog.set_level(logging.ERROR)
    postings, unchanged, fps = normalise([RAW, broken, other], board, {})
    assert [p.title for p in postings] == ["Senior Rust Engineer", "Go Engineer"]
    assert unchanged == [] and f"{board.name}:2" not in fps
    key = f"{board.name}:2"
    postings, unchanged, fps = normalise([broken], board, {key: "stored"})
    assert (postings, unchanged, fps) == ([], [key], {key: "stored"})
    (logged,) = caplog.records  # the second poll's failure is not logged again
    assert f"board {board.name}: posting 2 could not be read" in logged.getMessage()
    assert logged.exc_info is not None and logged.exc_info[0] is AttributeError


@pytest.fixture
async def clocked(store, boards, now):
    """A poller whose clock moves 15 minutes a poll, on a Greenhouse board served by `boards`."""
    times = iter(now + timedelta(minutes=15 * i) for i in range(1000))
    client = build_client(timeout=1.0)
    p = Poller(
        store.view(PollStores),
        Fetcher(client),
        PollingConfig(close_after=2),
        clock=lambda: next(times),
    )
    url = boards.url(PATH)
    store.boards.sync_boards([BoardConfig("Acme", url, "greenhouse", url, 60.0)], now)
    yield p
    await client.aclose()


def _jobs(*jobs: dict, bump: str = "2026-11-20T10:00:00-05:00") -> dict:
    return {"jobs": [{**j, "updated_at": bump} for j in jobs]}


def _description(store, key: str) -> str:
    return store.db.execute("SELECT description FROM postings WHERE key = ?", (key,)).fetchone()[0]


async def test_a_repoll_normalises_only_the_edited_posting(clocked, store, boards) -> None:
    jobs = [gh_job(i, f"Engineer {i}") for i in range(1, 4)]
    boards.set_json(PATH, _jobs(*jobs), etag=False)
    assert (await clocked.poll("Acme", force=True)).status == "baseline"
    stored = store.postings.fingerprints("Acme")
    # Tamper with the stored text: a posting that is skipped keeps it, one normalised again
    # gets the text back from the board, so the database shows which ones were normalised.
    store.db.execute("UPDATE postings SET description = 'stale'")
    jobs[1] = gh_job(2, "Engineer 2", content="&lt;p&gt;Rust and Kafka&lt;/p&gt;")
    jobs.append(gh_job(4, "Senior Rust Engineer"))
    store.users.subscribe(7, datetime(2026, 11, 21, tzinfo=UTC))
    store.alerts.add_alert(7, "rust", datetime(2026, 11, 21, tzinfo=UTC))
    boards.set_json(PATH, _jobs(*jobs, bump="2026-11-21T09:00:00Z"), etag=False)
    out = await clocked.poll("Acme", force=True)
    assert (out.status, out.seen, out.new, out.changed, out.enqueued) == ("ok", 4, 1, 1, 1)
    assert _description(store, "Acme:1") == _description(store, "Acme:3") == "stale"
    assert _description(store, "Acme:2") == "Rust and Kafka"
    now_stored = store.postings.fingerprints("Acme")
    assert now_stored["Acme:1"] == stored["Acme:1"] and now_stored["Acme:3"] == stored["Acme:3"]
    assert now_stored["Acme:2"] != stored["Acme:2"]


async def test_a_posting_stored_by_another_normaliser_is_normalised_again(
    clocked, store, boards
) -> None:
    boards.set_json(PATH, _jobs(gh_job(1)), etag=False)
    await clocked.poll("Acme", force=True)
    store.db.execute(
        "UPDATE postings SET description = 'stale', content_hash = 'stale', "
        "raw_hash = 'older normaliser'"
    )
    boards.set_json(PATH, _jobs(gh_job(1), bump="2026-11-21T09:00:00Z"), etag=False)
    out = await clocked.poll("Acme", force=True)
    assert (out.changed, _description(store, "Acme:1")) == (1, "Rust")
    assert store.postings.fingerprints("Acme")["Acme:1"] != "older normaliser"


async def test_an_unchanged_posting_that_comes_back_is_no_longer_missing(
    clocked, store, boards
) -> None:
    one, two = gh_job(1), gh_job(2, "Go Engineer")
    boards.set_json(PATH, _jobs(one, two), etag=False)
    await clocked.poll("Acme", force=True)
    first_poll = store.boards.board("Acme").last_success_at
    boards.set_json(PATH, _jobs(one), etag=False)
    await clocked.poll("Acme", force=True)  # 2 missing once
    assert store.postings.last_seen("Acme:2") == first_poll
    assert store.postings.last_seen("Acme:1") == store.boards.board("Acme").last_success_at
    boards.set_json(PATH, _jobs(one, two), etag=False)
    back = await clocked.poll("Acme", force=True)  # 2 is back, fingerprint unchanged
    assert (back.seen, back.changed, back.closed) == (2, 0, 0)
    assert store.postings.last_seen("Acme:2") == store.boards.board("Acme").last_success_at
    boards.set_json(PATH, _jobs(one), etag=False)
    once = await clocked.poll("Acme", force=True)  # missing once again: not closed yet
    assert once.closed == 0
    twice = await clocked.poll("Acme", force=True)
    assert twice.status == "not_modified"  # same body: the board is unchanged, nothing moves
    boards.set_json(PATH, _jobs(one, bump="2026-11-22T09:00:00Z"), etag=False)
    closed = await clocked.poll("Acme", force=True)
    assert closed.closed == 1 and store.listings.posting("Acme:2") is not None


async def test_a_closed_posting_that_reappears_unchanged_is_reopened(
    clocked, store, boards
) -> None:
    one, two = gh_job(1), gh_job(2, "Go Engineer")
    boards.set_json(PATH, _jobs(one, two), etag=False)
    await clocked.poll("Acme", force=True)
    for bump in ("2026-11-21T01:00:00Z", "2026-11-21T02:00:00Z"):
        boards.set_json(PATH, _jobs(one, bump=bump), etag=False)
        await clocked.poll("Acme", force=True)
    assert store.boards.board("Acme").open_postings == 1
    boards.set_json(PATH, _jobs(one, two, bump="2026-11-21T03:00:00Z"), etag=False)
    out = await clocked.poll("Acme", force=True)
    assert (out.new, out.changed) == (0, 0)
    assert store.boards.board("Acme").open_postings == 2
