"""bot/history.py: a job an edit brought says what the edit changed and when, in its message
and in a digest's line, sent through the real sender to a fake Telegram."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.history import changes, updated
from bot.models import Posting
from bot.policy import DeliverySettings
from bot.render import notification
from tests.test_holding import SAT, USER, Clock, make_sender, next_days_digest, setup
from tests.test_holding import tg as tg  # the fixtures, shared
from tests.test_holding import transport as transport

JOB = Posting(
    "B:1", "B", "1", "Backend Engineer", "Acme Pay", "Berlin", "https://e.com/jobs/1",
    "Build the ledger in Rust.", SAT - timedelta(days=8), "onsite",
)  # fmt: skip
PAID = replace(JOB, salary_min=90_000, salary_max=110_000, salary_currency="EUR")


@pytest.mark.parametrize(
    ("new", "said"),
    [
        (PAID, "pay added"),
        (replace(PAID, salary_max=120_000), "pay was €90k–110k a year"),
        (JOB, "pay removed"),
        (replace(PAID, title="Senior Rust Engineer"), "title was “Backend Engineer”"),
        (replace(PAID, location="Berlin · Munich"), "location was “Berlin”"),
        (replace(PAID, workplace="remote"), "now remote"),
        (replace(PAID, description="Build the ledger in Rust and Go."), "description changed"),
        (replace(PAID, department="Payments"), ""),
    ],
)
def test_an_edit_is_worded_by_what_a_job_seeker_weighs(new: Posting, said: str) -> None:
    old = JOB if new is PAID else PAID
    assert changes(old, new) == said


def test_several_changes_are_listed_pay_first() -> None:
    new = replace(PAID, title="Rust Engineer", workplace="hybrid", description="Rust, Kafka.")
    assert changes(JOB, new) == (
        "pay added, title was “Backend Engineer”, now hybrid, description changed"
    )


def test_the_edit_is_a_line_after_the_date_in_the_users_zone() -> None:
    seen = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)
    message = notification(
        PAID, ["rust"], SAT, zone=ZoneInfo("Asia/Tokyo"), edit=("pay added", seen)
    )
    lines = message.plain.splitlines()
    dated = next(i for i, line in enumerate(lines) if line.startswith("Posted "))
    assert lines[dated + 1] == "✏️ Updated 29 Mar 2026: pay added"
    assert "✏️" not in notification(PAID, ["rust"], SAT).plain, "a job queued new says nothing"
    assert updated("", seen, None) == "✏️ Updated 28 Mar 2026"
    assert updated("now remote", seen, None, seen) == "✏️ Updated today: now remote"
    next_day = seen + timedelta(hours=1)
    assert updated("x", seen, None, next_day) == "✏️ Updated yesterday: x"
    assert updated("x", seen, ZoneInfo("Asia/Tokyo"), next_day) == "✏️ Updated today: x"


def _edited_pair(store) -> int:
    """USER's alert, and two jobs of a board (not its first poll); returns the alert's id."""
    (alert,) = setup(store, SAT - timedelta(days=9))
    store.postings.record("B", [], SAT - timedelta(days=9))
    store.postings.record("B", [JOB, replace(JOB, key="B:2", external_id="2")], SAT)
    return alert


async def test_an_edited_job_sent_alone_says_what_changed(store, tg, transport) -> None:
    """The sender reads the edit off the delivery; a job queued new says nothing of edits."""
    alert = _edited_pair(store)
    store.outbox.enqueue_users(JOB.key, [USER], [alert], SAT, "pay added")
    store.outbox.enqueue_users("B:2", [USER], [alert], SAT)
    assert await make_sender(store, transport, Clock(SAT)).drain(timeout=2) == 2
    edited, new = (m.visible_text.splitlines() for m in tg.sent)
    assert "✏️ Updated today: pay added" in edited
    assert not [line for line in new if "✏️" in line]


async def test_a_digest_marks_an_edited_job(store, tg, transport) -> None:
    alert = _edited_pair(store)
    store.users.set_settings(USER, DeliverySettings("UTC", "daily", 8 * 60), SAT)
    store.outbox.enqueue_users(JOB.key, [USER], [alert], SAT, "now remote")
    store.outbox.enqueue_users("B:2", [USER], [alert], SAT)
    lines = await next_days_digest(store, tg, transport)
    assert "• Backend Engineer — Acme Pay · Berlin (on-site) · ✏️ updated: now remote" in lines
    assert "• Backend Engineer — Acme Pay · Berlin (on-site)" in lines, "the one queued new"
