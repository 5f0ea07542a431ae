"""A job goes by the fastest way any reason for it asks (an instant alert, a follow of every new
job, a digest), once, and a summary lists it under that reason; the bot's own notices wait out
quiet hours as jobs do; the quiet-hours toggle keeps its window; the replies that describe
delivery (/quiet, /alerts, /follow again) say what really happens. Real store, real sender."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot import digest
from bot.models import Delivery, OutgoingMessage, Posting
from bot.policy import DeliverySettings
from bot.store import OutboxItem, Stores
from bot.telegram.handlers import Handlers
from bot.transport import Incoming, Press
from tests.test_follow import ANN, feed
from tests.test_follow import clock as clock  # the fixtures, shared
from tests.test_follow import follows as follows
from tests.test_follow import say as asks
from tests.test_holding import SAT, USER, Clock, held_until, job, make_sender, setup, titles
from tests.test_holding import tg as tg  # the fixtures, shared
from tests.test_holding import transport as transport

NIGHT = datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
MORNING = datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
MONDAY_9 = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def _listed(key: str, board: str) -> Posting:
    return Posting(
        key, board, key.split(":")[1], "Rust Engineer", "Acme Pay", "Berlin", f"https://e.com/{key}"
    )


def other_board_job(store: Stores, i: int, now: datetime, alerts: list[int]) -> None:
    """Posting `i` of board C (not followed), matched for USER by `alerts`."""
    store.db.execute(
        "INSERT OR IGNORE INTO boards (name, kind, url, endpoint, interval_s, created_at) "
        "VALUES ('C', 'demo', 'demo://c', 'demo://c', 60, '')"
    )
    p = _listed(f"C:{i}", "C")
    store.db.execute(
        "INSERT INTO postings (key, board, external_id, title, company, location, url, "
        "description, content_hash, first_seen_at, last_seen_at) "
        "VALUES (?, 'C', ?, ?, ?, ?, ?, '', ?, ?, ?)",
        (p.key, p.external_id, f"Other {i}", p.company, p.location, p.url, p.key,
         now.isoformat(), now.isoformat()),
    )  # fmt: skip
    store.outbox.enqueue([Delivery(USER, p.key, tuple(alerts))], now)


async def test_a_followed_companys_job_comes_at_once_though_a_weekly_alert_matched_it(
    store, tg, transport
) -> None:
    """Bug: a job of a company followed for every new job waited for the weekly digest of an
    alert that also matched it. The follow asks for it as the user's own /digest says
    (instant): it goes now, once; a job of another board, of the weekly alert only, waits."""
    clock = Clock(SAT)
    (weekly,) = setup(store, SAT, "rust")
    store.alerts.set_alert_delivery(USER, weekly, "weekly mon 09:00")
    store.follows.follow(USER, "B", True, SAT)
    job(store, 1, SAT, [weekly])
    other_board_job(store, 2, SAT, [weekly])
    sender = make_sender(store, transport, clock)
    assert await sender.drain(timeout=2) == 1
    assert tg.sent[0].text.startswith("<b>Rust Engineer 1</b>")
    assert held_until(store) == {MONDAY_9}
    store.follows.follow(USER, "B", False, SAT)  # for the alerts' jobs only: the alert's way
    job(store, 3, SAT, [weekly])
    await sender.drain(timeout=1)
    assert len(tg.sent) == 1 and held_until(store) == {MONDAY_9}
    clock.now = MONDAY_9
    assert await sender.drain(timeout=2) == 1
    assert titles(tg.sent[1].text) == ["Other 2", "Rust Engineer 3"]
    assert store.outbox.delivery_counts() == {"sent": 3}, "each job once"


async def test_an_instant_and_a_weekly_alert_matching_one_job_send_it_at_once(
    store, tg, transport
) -> None:
    clock = Clock(SAT)
    weekly, instant = setup(store, SAT, "rust", "go")
    store.alerts.set_alert_delivery(USER, weekly, "weekly mon 09:00")
    job(store, 1, SAT, [weekly, instant])
    sender = make_sender(store, transport, clock)
    assert await sender.drain(timeout=2) == 1
    assert tg.sent[0].text.startswith("<b>Rust Engineer 1</b>")
    assert store.outbox.delivery_counts() == {"sent": 1}


async def test_a_quiet_hours_summary_lists_a_job_under_the_reason_that_sent_it(
    store, tg, transport
) -> None:
    """In quiet hours, a job of the weekly alert #1 and the instant #2 waits for the window's
    end (not Monday) and is listed under #2; a followed company's job that #1 matched, under
    the companies followed; a job of #1 alone keeps its weekly digest."""
    clock = Clock(NIGHT)
    weekly, instant = setup(store, NIGHT, "rust", "go")
    store.users.set_settings(USER, DeliverySettings("UTC", quiet=(22 * 60, 7 * 60)), NIGHT)
    store.alerts.set_alert_delivery(USER, weekly, "weekly mon 09:00")
    store.follows.follow(USER, "B", True, NIGHT)
    job(store, 1, NIGHT, [weekly, instant])
    job(store, 2, NIGHT, [weekly], title="Platform Engineer")
    other_board_job(store, 3, NIGHT, [weekly])
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    assert tg.sent == [] and held_until(store) == {MORNING, MONDAY_9}
    clock.now = MORNING
    assert await sender.drain(timeout=2) == 1
    text = tg.sent[0].visible_text
    assert "2 new jobs held for you" in text
    heads = [line for line in text.splitlines() if line.startswith(("🔔", "🏢"))]
    assert heads == ["🔔 “go” — 1 job", "🏢 Companies you follow — 1 job"]
    assert titles(tg.sent[0].text) == ["Rust Engineer 1", "Platform Engineer 2"]


async def test_a_followed_companys_job_of_a_paused_alert_is_not_held_for_the_resume(
    store, tg, transport
) -> None:
    clock = Clock(SAT)
    (paused,) = setup(store, SAT, "rust")
    store.alerts.set_alert_paused(USER, paused, SAT)
    store.follows.follow(USER, "B", True, SAT)
    job(store, 1, SAT, [paused])
    other_board_job(store, 2, SAT, [paused])
    sender = make_sender(store, transport, clock)
    assert await sender.drain(timeout=2) == 1
    assert tg.sent[0].text.startswith("<b>Rust Engineer 1</b>")


def test_a_summarys_followed_group_ends_with_the_search_that_shows_the_rest() -> None:
    items = [
        OutboxItem(i, USER, _listed(f"{board}:{i}", board), (), (), 0)
        for i, board in enumerate(["stripe"] * 31 + ["Acme Pay"] * 3)
    ]
    (part,) = digest.summary("📬 34 new jobs", items, {}, limit=100_000)
    assert part.message.plain.endswith('…and 4 more: /search board:(stripe OR "Acme Pay")')
    assert set(part.ids) == set(range(34))
    many = [OutboxItem(i, USER, _listed(f"b{i}:{i}", f"b{i}"), (), (), 0) for i in range(40)]
    (part,) = digest.summary("📬 40 new jobs", many, {}, limit=100_000)
    assert part.message.plain.endswith("…and 10 more: /following")


def test_the_bots_own_notices_wait_for_the_end_of_quiet_hours(store) -> None:
    """A "saved job closed" notice queued in the user's quiet hours goes at their end; an
    admin's broadcast is not held; outside quiet hours a notice goes at once."""
    setup(store, NIGHT)
    store.users.set_settings(USER, DeliverySettings("UTC", quiet=(22 * 60, 7 * 60)), NIGHT)
    store.notices.tell([USER], "🔒 A job you saved is no longer listed on its board", NIGHT)
    store.notices.broadcast("Maintenance at noon", 1, NIGHT)
    (due,) = store.notices.due_notices(NIGHT)
    assert due.text == "Maintenance at noon" and store.notices.claim_notice(due)
    store.notices.notice_sent(due, NIGHT, 1)
    assert store.notices.due_notices(NIGHT + timedelta(hours=2)) == []
    assert store.notices.next_notice_at() == MORNING
    assert [i.text for i in store.notices.due_notices(MORNING)] == [
        "🔒 A job you saved is no longer listed on its board"
    ]
    store.notices.tell([USER], "💰 A job you saved now says what it pays", MORNING)
    assert len(store.notices.due_notices(MORNING)) == 2


@pytest.fixture
def handlers(store: Stores) -> Handlers:
    setup(store, SAT, "rust", "go")
    return Handlers(store.db, clock=Clock(SAT))


async def say(handlers: Handlers, text: str) -> str:
    reply = await handlers(Incoming(USER, text, user_id=USER))
    assert reply is not None
    return reply.html if isinstance(reply, OutgoingMessage) else reply


async def test_the_settings_toggle_turns_quiet_hours_on_again_as_they_were(handlers, store) -> None:
    await say(handlers, "/quiet 23-7")
    press = handlers.settings.press_settings
    assert press(store, Press(USER, 5, "st:quiet", USER), "quiet").toast == "Quiet hours off"
    assert store.users.settings(USER).quiet is None
    answer = press(store, Press(USER, 5, "st:quiet", USER), "quiet")
    assert answer.toast == "Quiet hours on (23:00–07:00; /quiet changes them)"
    assert store.users.settings(USER).quiet == (23 * 60, 7 * 60)
    await say(handlers, "/quiet off")
    await say(handlers, "/digest daily 9")  # other settings saved meanwhile keep it too
    press(store, Press(USER, 5, "st:quiet", USER), "quiet")
    assert store.users.settings(USER).quiet == (23 * 60, 7 * 60)
    store.users.subscribe(USER + 1, SAT)
    assert store.users.kept_quiet(USER + 1) is None


async def test_quiet_replies_say_how_jobs_really_come(handlers, store) -> None:
    await say(handlers, "/timezone Singapore")
    await say(handlers, "/digest 1 weekly mon 9")
    reply = await say(handlers, "/quiet 23-7")
    assert reply == (
        "🌙 Done: quiet hours 23:00–07:00 (Asia/Singapore). Jobs come as they arrive now, "
        "except alert #1's (a weekly digest on Mon at 09:00); those found 23:00–07:00 come in "
        "one summary at 07:00."
    )
    assert await say(handlers, "/quiet off") == (
        "🌙 Done: no quiet hours. Jobs come as they arrive, except alert #1's (a weekly digest "
        "on Mon at 09:00)."
    )
    await say(handlers, "/digest 1 default")
    await say(handlers, "/digest daily 8")
    await say(handlers, "/digest 2 off")
    reply = await say(handlers, "/quiet 23-7")
    assert reply.endswith(
        "Alert #2: each job as it arrives; those found 23:00–07:00 come in one summary at 07:00."
    ), reply


async def test_alerts_shows_a_paused_alerts_count_of_7_days(handlers, store) -> None:
    await say(handlers, "/pause 2")
    assert "#2 <b>go</b> — ⏸ paused · 0 jobs sent in 7 days" in await say(handlers, "/alerts")


async def test_following_a_company_again_says_so(follows, store, boards) -> None:
    boards.set("/acme.rss", feed("Senior Rust Engineer"), content_type="application/rss+xml")
    first = await follows.handle("follow", asks(ANN), boards.url("/acme.rss") + " all")
    assert "From now on every new job of it reaches you." in first, first
    again = await follows.handle("follow", asks(ANN), "acme.rss all")
    assert "You follow acme.rss already: every new job of it reaches you." in again
    assert "From now on" not in again
    fewer = await follows.handle("follow", asks(ANN), "acme.rss")
    assert "From now on its new jobs that match your alerts reach you" in fewer
