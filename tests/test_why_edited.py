"""/why of a job that matches the alert now but was never sent: it said "✅ matched" with no
reason. Now it names the cause when the store knows it (the alert was changed after the job
was found: the query then decided) and says the job was never queued when it does not. Real
handlers over a real store; the job found by a real diff, past the board's baseline."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import normalize
from bot.config import AlertsConfig
from bot.reached import UNQUEUED, Facts, verdict
from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.why import explain
from tests.alerting import BOARD, INFO, JOBS, raw, say


def polled(store: Stores, at: datetime, jobs: int) -> None:
    """A poll of Acme that lists its first `jobs` jobs, stored as the poller stores it."""
    store.postings.record(
        "Acme", [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(1, jobs + 1)], at
    )
    store.boards.mark_success("Acme", at, None, None)  # (the first one ends the baseline)


async def test_why_of_a_job_found_before_the_alert_was_changed_says_so(
    store: Stores, now: datetime
) -> None:
    clock = [now - timedelta(days=3)]
    handlers = Handlers(store.db, AlertsConfig(), clock=lambda: clock[0])
    store.boards.sync_boards([BOARD], clock[0])
    polled(store, clock[0], 0)  # the baseline: nothing listed yet
    await say(handlers, "/alert kotlin")
    polled(store, now - timedelta(days=2), 1)  # "Senior Rust Engineer": kotlin matched none
    clock[0] = now - timedelta(days=1)
    await say(handlers, "/edit 1 rust")
    clock[0] = now
    reply = await say(handlers, "/why Acme:1")
    assert "❌ #1 <b>rust</b>: matches, but not sent" in reply, reply  # was "✅ … matched"
    assert "you changed the alert after jobbot found it (found " in reply
    assert "a job is matched when it is found, by the alert as it was then" in reply


async def test_why_of_a_matching_job_never_queued_says_it_was_not(store: Stores, now) -> None:
    """The user's notifications were stopped when it was found, or its record is gone."""
    clock = [now - timedelta(days=3)]
    handlers = Handlers(store.db, AlertsConfig(), clock=lambda: clock[0])
    store.boards.sync_boards([BOARD], clock[0])
    polled(store, clock[0], 0)
    await say(handlers, "/alert rust")
    polled(store, now - timedelta(days=2), 1)  # stored, not routed: nothing queued it
    clock[0] = now
    reply = await say(handlers, "/why Acme:1")
    assert "matches, but not sent" in reply and "it was not queued for you when jobbot" in reply


def test_a_matching_job_with_no_record_and_nothing_holding_it_is_not_called_reached() -> None:
    posting = normalize.posting(raw(1, *JOBS[0]), INFO)
    t0 = datetime(2026, 5, 4, 9)
    hit = explain("rust", posting)
    assert verdict(hit, Facts(t0, t0)) == (False, [UNQUEUED])
    assert verdict(hit, Facts(t0, t0, sent_at=t0))[0] is True
    assert verdict(hit, Facts(t0, t0, pending=True))[0] is True
    edited = Facts(t0, t0 + timedelta(hours=1), alert_edited=t0 + timedelta(hours=2))
    assert "you changed the alert after jobbot found it" in verdict(hit, edited)[1][0]
    after = Facts(t0, t0 + timedelta(hours=3), alert_edited=t0 + timedelta(hours=2))
    assert verdict(hit, after) == (False, [UNQUEUED]), "found after the change: not the cause"
