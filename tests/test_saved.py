"""/saved and /unsave, and the Save button's limit, on a real SQLite store."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot import normalize
from bot.config import AlertsConfig
from bot.models import Delivery, Posting
from bot.store import Stores
from bot.store.saved import MOST
from bot.telegram.handlers import Handlers
from bot.telegram.saving import PAGE
from bot.transport import Document, Incoming, Press
from tests.alerting import BOARD, INFO, JOBS, USER, raw, say


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    store.boards.sync_boards([BOARD], now)
    store.postings.record("Acme", [], now - timedelta(days=30))  # the baseline poll
    listed = [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(1, len(JOBS) + 1)]
    store.postings.record("Acme", listed, now)
    store.users.subscribe(USER, now)
    return Handlers(store.db, AlertsConfig(), clock=lambda: now)


def _posting(store: Stores, n: int) -> Posting:
    posting = store.listings.posting(f"Acme:{n}")
    assert posting is not None
    return posting


async def test_saved_lists_the_last_saved_first_with_each_jobs_state(handlers, store, now) -> None:
    assert (await say(handlers, "/saved")) == (
        "You have saved no job. Press ☆ Save under a job to keep it here for later."
    )
    evening = now - timedelta(hours=10)  # 20 Nov, 23:00 UTC: 21 Nov, 08:00 in Tokyo
    for n in (1, 2):
        store.saved.save(USER, _posting(store, n), evening + timedelta(minutes=n))
    pruned = replace(_posting(store, 3), key="Acme:99", url="httpnot-a-link")
    details = "Remote (EU) · €50k a year"  # as the message said when it was saved
    store.saved.save(USER, pruned, evening + timedelta(minutes=3), details)  # pruned since
    listed = [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(2, len(JOBS) + 1)]
    for hours in (1, 2):  # job 1 is missing from two polls in a row: closed
        store.postings.record("Acme", listed, now + timedelta(hours=hours))
    await say(handlers, "/timezone Asia/Tokyo")
    reply = await say(handlers, "/saved")
    head, *lines, tail = reply.split("\n")
    assert head == "Saved jobs (3):"
    assert lines == [
        "1. Google Ads Specialist — Acme Pay · Remote (EU) · €50k a year · saved 21 Nov · no "
        "longer listed",
        '2. <a href="https://example.com/jobs/2">Go Engineer</a> — Acme Pay · Berlin · saved 21 Nov · '
        "open",
        '3. <a href="https://example.com/jobs/1">Senior Rust Engineer</a> — Acme Pay · Zürich · saved '
        "21 Nov · closed 21 Nov",
    ]
    assert (
        tail == "<code>/applied 1</code> marks one applied; <code>/unsave 1</code> forgets one; "
        "<code>/unsave closed</code>, the closed ones."
    )
    assert (await say(handlers, "/applied 2")) == (
        "✅ Marked “Go Engineer” applied (21 Nov). /saved lists it; <code>/applied 2</code> "
        "again unmarks it."
    )
    assert " — Acme Pay · Berlin · saved 21 Nov · applied 21 Nov · open" in await say(
        handlers, "/saved"
    )
    document = await handlers(Incoming(USER, "/export"))
    assert isinstance(document, Document)
    exported = json.loads(document.content)
    assert [j.get("applied_at") for j in exported["saved"]] == [None, now.isoformat(), None]
    assert exported["saved"][0]["details"] == details
    assert (await say(handlers, "/applied 2")) == "“Go Engineer” is no longer marked applied."
    assert "applied" not in (await say(handlers, "/saved")).split("\n")[2]
    for wrong in ("", "0", "x"):
        assert (await say(handlers, f"/applied {wrong}")).startswith("Which one?"), wrong
    assert (await say(handlers, "/applied 9")) == "You have no saved job 9. /saved lists yours."

    assert (await say(handlers, "/unsave 2")) == "Forgot “Go Engineer”. /saved lists the rest."
    assert (await say(handlers, "/unsave closed")) == "Forgot 2 closed jobs; /saved lists the rest."
    assert (await say(handlers, "/unsave closed")) == "None of your saved jobs is closed."
    assert store.saved.count(USER) == 0


async def test_saved_turns_pages_and_unsave_says_what_it_cannot_do(handlers, store, now) -> None:
    base = _posting(store, 1)
    for i in range(PAGE + 3):
        posting = replace(base, key=f"Acme:{100 + i}", title=f"Job {i}")
        store.saved.save(USER, posting, now + timedelta(seconds=i))
    first = await say(handlers, "/saved")
    assert first.startswith(f"Saved jobs ({PAGE + 3}, page 1 of 2):\n1. ")
    assert "\n/saved 2 shows the next 3.\n" in first and first.count(" · saved ") == PAGE
    second = await say(handlers, "/saved 2")
    assert second.startswith(f"Saved jobs ({PAGE + 3}, page 2 of 2):\n{PAGE + 1}. ")
    assert "Job 0</a>" in second and "/saved 3" not in second
    assert (
        f"\n<code>/applied {PAGE + 1}</code> marks one applied; <code>/unsave {PAGE + 1}</code>"
        in second
    )
    assert (await say(handlers, "/saved 3")) == "“3” is no page of /saved: it has 2."
    assert (await say(handlers, "/saved soon")) == "“soon” is no page of /saved: it has 2."
    assert (await say(handlers, "/saved 0")) == "“0” is no page of /saved: it has 2."
    for bad, reply in (
        ("", "Which one? Send <code>/unsave 3</code>, a number from /saved, or "),
        ("first", "Which one? Send"),
        ("0", "Which one? Send"),
        ("99", "You have no saved job 99. /saved lists yours."),
    ):
        assert (await say(handlers, f"/unsave {bad}")).startswith(reply), bad
    assert store.saved.count(USER) == PAGE + 3


async def test_the_save_button_stops_at_the_most_a_user_may_keep(handlers, store, now) -> None:
    """Past `MOST` saved jobs, ☆ Save says so and saves nothing; /stop forgets them all."""
    store.outbox.enqueue([Delivery(USER, "Acme:1", ())], now)
    [item] = store.outbox.due(now)
    store.outbox.mark_sending(item.id)
    store.outbox.mark_sent(item.id, now, 700)
    base = _posting(store, 2)
    for i in range(MOST):
        assert store.saved.save(USER, replace(base, key=f"Acme:{100 + i}"), now)
    answer = await handlers.press(Press(USER, 700, f"js:{item.id}", USER))
    assert answer.toast == f"You have {MOST} saved jobs, the most. /unsave some first."
    assert answer.edit is None and not store.saved.is_saved(USER, "Acme:1")
    assert store.saved.save(USER, replace(base, key="Acme:100"), now), "a saved one again: no new"
    assert store.saved.count(USER) == MOST

    await say(handlers, "/unsave 1")
    answer = await handlers.press(Press(USER, 700, f"js:{item.id}", USER))
    assert answer.toast == "Saved: /saved lists the jobs you saved." and answer.edit is not None
    assert answer.edit.buttons[0][-1].text == "★ Saved"
    store.users.forget_user(USER, now)
    assert store.saved.count(USER) == 0


def test_saved_jobs_follow_a_group_that_became_a_supergroup(store: Stores, now) -> None:
    group, supergroup = -100, -1001234
    store.users.subscribe(group, now)
    posting = Posting("Acme:1", "Acme", "1", "Rust Engineer", "Acme Pay", "", "https://e.com/1")
    store.saved.save(group, posting, now)
    store.users.migrate_chat(group, supergroup, now)
    assert [j.posting_key for j in store.saved.saved(supergroup)] == ["Acme:1"]
    assert store.saved.count(group) == 0
