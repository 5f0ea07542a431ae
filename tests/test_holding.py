"""The delivery policy end to end through the sender and the fake Bot API, on an injected clock:
digests at local times (DST), quiet hours, pauses, the hourly cap, old backlogs, restarts."""

from __future__ import annotations

import asyncio
import html
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import fanout, match
from bot.broadcast import Broadcaster, BroadcastStores
from bot.config import DeliveryConfig
from bot.holding import PAUSE_OVER, DeliveryStores
from bot.models import Delivery, Earlier, Posting
from bot.policy import DeliverySettings
from bot.sender import Sender
from bot.store import Stores
from bot.store.outbox_rows import UNTIL_RESUME
from bot.telegram.ptb import TelegramTransport
from tests.fake_telegram import MAX_TEXT_UTF16, FakeTelegram, Limits, utf16_len
from tests.test_delivery import TOKEN
from tests.test_outage import Clock

USER, OTHER = 7, 8
SAT = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # Berlin moves to summer time the next night


@pytest.fixture
async def tg():
    with FakeTelegram(limits=Limits(scale=50)) as fake:
        yield fake


@pytest.fixture
async def transport(tg):
    t = TelegramTransport(TOKEN, tg.api_url)
    await t.start(None)
    yield t
    await t.stop()


def setup(store: Stores, now: datetime, *queries: str) -> list[int]:
    """A board, USER subscribed with alerts for `queries` (default one); returns alert ids."""
    store.db.execute(
        "INSERT INTO boards (name, kind, url, endpoint, interval_s, created_at) "
        "VALUES ('B', 'demo', 'demo://', 'demo://', 60, '')"
    )
    store.users.subscribe(USER, now)
    return [store.alerts.add_alert(USER, q, now).id for q in queries or ("rust",)]


def job(
    store: Stores, i: int, now: datetime, alerts: list[int], title: str = "Rust Engineer"
) -> None:
    """Posting `i` matched for USER at `now` by `alerts`."""
    p = Posting(
        f"B:{i}", "B", str(i), f"{title} {i}", "Acme Pay", "Berlin", f"https://e.com/jobs/{i}",
        content_hash=str(i), workplace="hybrid", salary_min=60000, salary_max=80000,
        salary_currency="EUR", salary_period="year",
    )  # fmt: skip
    store.db.execute(
        "INSERT INTO postings (key, board, external_id, title, company, location, url, "
        "description, content_hash, first_seen_at, last_seen_at, workplace, salary_min, "
        "salary_max, salary_currency, salary_period) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)",
        (p.key, p.board, p.external_id, p.title, p.company, p.location, p.url, p.content_hash,
         now.isoformat(), now.isoformat(), p.workplace, p.salary_min, p.salary_max,
         p.salary_currency, p.salary_period),
    )  # fmt: skip
    store.outbox.enqueue([Delivery(USER, p.key, tuple(alerts))], now)


def make_sender(store: Stores, transport, clock: Clock) -> Sender:
    config = DeliveryConfig(messages_per_second=1000, per_chat_interval=0.03, send_timeout=2.0)
    return Sender(store.view(DeliveryStores), transport, config, clock)


def make_broadcaster(store: Stores, transport, sender: Sender, clock: Clock) -> Broadcaster:
    """A broadcaster sharing the sender's pace, chat limits and link, as the app builds it."""
    stores = store.view(BroadcastStores)
    return Broadcaster(stores, transport, sender.pacer, sender.limits, sender.link, clock=clock)


def titles(text: str) -> list[str]:
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', text)


def held_until(store: Stores) -> set[datetime | None]:
    rows = store.db.execute("SELECT held_until FROM deliveries WHERE state = 'pending'")
    return {datetime.fromisoformat(r[0]) if r[0] else None for r in rows}


async def test_daily_digest_goes_at_8_local_time_on_the_night_clocks_change(
    store, tg, transport
) -> None:
    clock = Clock(SAT)
    alerts = setup(store, SAT)
    store.users.set_settings(USER, DeliverySettings("Europe/Berlin", "daily", 8 * 60), SAT)
    sender = make_sender(store, transport, clock)
    for i in range(3):
        job(store, i, clock(), alerts)
        await sender.drain(timeout=1)
        clock.advance(hours=2)
    assert tg.sent == [], "a digest replaces instant messages"
    sunday_8_cest = datetime(2026, 3, 29, 6, 0, tzinfo=UTC)  # 08:00 at UTC+2 since 02:00
    assert held_until(store) == {sunday_8_cest}
    clock.now = sunday_8_cest - timedelta(minutes=1)
    await sender.drain(timeout=1)
    assert tg.sent == []
    clock.now = sunday_8_cest
    assert await sender.drain(timeout=2) == 1
    (digest,) = tg.sent
    assert "Your daily digest</b>: 3 new jobs" in digest.text
    assert titles(digest.text) == ["Rust Engineer 0", "Rust Engineer 1", "Rust Engineer 2"]
    assert "Acme Pay · Berlin (hybrid) · €60k–80k a year" in digest.visible_text
    assert store.outbox.delivery_counts() == {"sent": 3}
    ids = store.db.execute("SELECT DISTINCT message_id AS id FROM deliveries").fetchall()
    assert [r["id"] for r in ids] == [digest.message_id], (
        "every job marked sent with the digest's message id"
    )


async def test_a_digest_groups_jobs_by_alert_then_the_companies_followed(
    store, tg, transport
) -> None:
    """A job that came for a follow of every new job has no alert: it is listed under the
    companies followed, after the alerts; one whose alert was deleted since, under others."""
    clock = Clock(SAT)
    rust, gone = setup(store, SAT, "rust", "go")
    store.users.set_settings(USER, DeliverySettings("UTC", "daily", 8 * 60), SAT)
    job(store, 1, clock(), [rust])
    job(store, 2, clock(), [], title="Accountant")
    job(store, 3, clock(), [gone], title="Go Engineer")
    store.alerts.delete_alert(USER, gone)
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    clock.now = datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    assert await sender.drain(timeout=2) == 1
    text = tg.sent[0].visible_text
    assert [line for line in text.splitlines() if line.startswith(("🔔", "🏢"))] == [
        "🔔 “rust” — 1 job",
        "🏢 Companies you follow — 1 job",
        "🔔 Other matches — 1 job",
    ]
    assert titles(tg.sent[0].text) == ["Rust Engineer 1", "Accountant 2", "Go Engineer 3"]


async def test_weekly_digest_on_its_day_and_time_in_the_users_zone(store, tg, transport) -> None:
    clock = Clock(SAT)
    alerts = setup(store, SAT)
    store.users.set_settings(
        USER, DeliverySettings("America/New_York", "weekly", 17 * 60 + 30, 4), SAT
    )
    sender = make_sender(store, transport, clock)
    job(store, 1, clock(), alerts)
    await sender.drain(timeout=1)
    friday = datetime(2026, 4, 3, 21, 30, tzinfo=UTC)  # Fri 17:30 EDT
    assert held_until(store) == {friday}
    clock.now = friday
    assert await sender.drain(timeout=2) == 1
    assert "Your weekly digest</b>: 1 new job" in tg.sent[0].text


async def test_quiet_hours_hold_jobs_and_summarise_them_at_the_windows_end(
    store, tg, transport
) -> None:
    night = datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    clock = Clock(night)
    alerts = setup(store, night, "rust", "golang")
    store.users.set_settings(USER, DeliverySettings("UTC", quiet=(22 * 60, 7 * 60)), night)
    sender = make_sender(store, transport, clock)
    job(store, 1, clock(), alerts[:1])
    job(store, 2, clock(), alerts[1:])
    job(store, 3, clock(), alerts)
    await sender.drain(timeout=1)
    assert tg.sent == []
    clock.now = datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    assert await sender.drain(timeout=2) == 1
    text = tg.sent[0].text
    assert "3 new jobs</b> held for you" in text
    rust, golang = text.index("“rust”"), text.index("“golang”")
    assert rust < text.index("Rust Engineer 1") < golang < text.index("Rust Engineer 2")
    assert text.count("Rust Engineer 3") == 1, "a job of two alerts is listed once, first alert"
    job(store, 4, clock(), alerts)
    assert await sender.drain(timeout=2) == 1, "after the window: instant again"
    assert tg.sent[1].text.startswith("<b>Rust Engineer 4</b>")


async def test_a_held_digest_survives_a_restart_and_is_sent_once(tmp_path: Path, tg) -> None:
    path = tmp_path / "jobbot.db"
    clock = Clock(SAT)
    first = Stores.open(path)
    alerts = setup(first, SAT)
    first.users.set_settings(USER, DeliverySettings("UTC", "daily", 18 * 60), SAT)
    for i in range(2):
        job(first, i, SAT, alerts)

    async def run_once(store: Stores) -> None:
        t = TelegramTransport(TOKEN, tg.api_url)
        await t.start(None)
        await make_sender(store, t, clock).drain(timeout=2)
        await t.stop()

    await run_once(first)
    first.close()  # the bot stops between the match and the digest
    clock.now = SAT.replace(hour=18)
    for _ in range(2):  # starts again at digest time, and once more
        again = Stores.open(path)
        await run_once(again)
        again.close()
    assert len(tg.sent) == 1 and titles(tg.sent[0].text) == ["Rust Engineer 0", "Rust Engineer 1"]


async def test_pause_keeps_matching_and_resume_sends_one_summary_of_the_last_7_days(
    store, tg, transport
) -> None:
    clock = Clock(SAT)
    alerts = setup(store, SAT - timedelta(days=9))
    store.users.set_user_state(USER, "paused", SAT)
    job(store, 0, SAT - timedelta(days=8), alerts)  # matched 8 days ago: too old to summarise
    job(store, 1, SAT - timedelta(days=2), alerts)
    job(store, 2, SAT, alerts)
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    assert tg.sent == [] and held_until(store) == {UNTIL_RESUME}
    clock.advance(days=1)
    await sender.drain(timeout=1)
    assert tg.sent == [], "paused: nothing, however long"
    store.users.subscribe(USER, clock())  # /resume, /start: either way
    assert await sender.drain(timeout=2) == 1
    assert titles(tg.sent[0].text) == ["Rust Engineer 1", "Rust Engineer 2"]
    assert store.outbox.delivery_counts() == {"sent": 2, "dropped": 1}
    (row,) = store.db.execute("SELECT last_error FROM deliveries WHERE state = 'dropped'")
    assert row["last_error"] == "held over 7 days while paused"


async def test_a_pause_for_a_time_ends_by_itself_with_one_summary(store, tg, transport) -> None:
    """/pause 10d: held like any pause; at its end the user is active again and all that
    matched meanwhile (not only the last 7 days) comes as one summary; later jobs one by one."""
    clock = Clock(SAT)
    alerts = setup(store, SAT - timedelta(days=1))
    store.users.pause_user(USER, SAT, SAT + timedelta(days=10))
    job(store, 1, SAT + timedelta(hours=1), alerts)
    sender = make_sender(store, transport, clock)
    clock.advance(days=9)
    job(store, 2, clock(), alerts)
    await sender.drain(timeout=1)
    assert tg.sent == [] and held_until(store) == {UNTIL_RESUME}
    clock.advance(days=1)
    assert await sender.drain(timeout=2) == 1
    assert titles(tg.sent[0].text) == ["Rust Engineer 1", "Rust Engineer 2"]
    assert "held for you" in tg.sent[0].text and store.outbox.delivery_counts() == {"sent": 2}
    user = store.users.user(USER)
    assert user is not None and (user.state, user.resume_at) == ("active", None)
    job(store, 3, clock(), alerts)
    assert await sender.drain(timeout=2) == 1
    assert titles(tg.sent[1].text) == [] and "Rust Engineer 3" in tg.sent[1].text, "instant"


async def test_a_pause_for_a_time_that_ends_with_nothing_held_says_so(store, tg, transport) -> None:
    """Silence after a holiday would leave the user wondering: a notice says the pause is over
    and nothing matched, once; a user with jobs held gets their summary instead."""
    clock = Clock(SAT)
    alerts = setup(store, SAT - timedelta(days=1))
    store.users.subscribe(OTHER, SAT)
    store.users.pause_user(USER, SAT, SAT + timedelta(days=10))
    store.users.pause_user(OTHER, SAT, SAT + timedelta(days=10))
    sender = make_sender(store, transport, clock)
    broadcaster = make_broadcaster(store, transport, sender, clock)
    job(store, 1, SAT + timedelta(days=3), alerts)  # USER's: held for the resume
    clock.advance(days=10)
    assert await sender.drain(timeout=2) == 1
    assert "held for you" in tg.sent[0].text and tg.sent[0].chat_id == USER
    assert await broadcaster.step() == 0.0 and len(tg.sent) == 2
    assert (tg.sent[1].chat_id, tg.sent[1].text) == (OTHER, html.escape(PAUSE_OVER, quote=False))
    assert PAUSE_OVER.startswith("▶️ Your pause is over: nothing matched your alerts")
    clock.advance(minutes=5)
    await sender.drain(timeout=1)
    assert await broadcaster.step() > 0 and len(tg.sent) == 2, "once"


async def test_a_notice_and_jobs_to_one_chat_at_once_keep_its_limit(store, tg, transport) -> None:
    """The broadcaster and the sender share the chats' limits: a notice queued while a chat's
    jobs go waits its turn (and they wait for it), so Telegram never answers 429."""
    clock = Clock(SAT)
    alerts = setup(store, SAT)
    for i in range(3):
        job(store, i, SAT, alerts)
    store.notices.tell([USER], "🔒 A job you saved is no longer listed", SAT)
    sender = make_sender(store, transport, clock)
    broadcaster = make_broadcaster(store, transport, sender, clock)
    sent, _ = await asyncio.gather(sender.drain(timeout=5), broadcaster.step())
    assert sent == 3 and len(tg.sent) == 4
    assert sum("no longer listed" in m.text for m in tg.sent) == 1
    assert (tg.too_many_requests, tg.limit_hits) == (0, [])


async def test_a_notice_to_a_chat_told_to_wait_goes_back_to_the_queue(store, tg, transport) -> None:
    """A 429's wait for one chat (here from a job sent to it) holds that chat's notice, not
    the broadcast: the notice waits in the queue until then and the others go now."""
    clock = Clock(SAT)
    setup(store, SAT)
    store.users.subscribe(OTHER, SAT)
    store.notices.tell([USER, OTHER], "Maintenance tonight", SAT)
    sender = make_sender(store, transport, clock)
    broadcaster = make_broadcaster(store, transport, sender, clock)
    sender.limits.limited(USER, 30, asyncio.get_running_loop().time())
    assert await broadcaster.step() == 0.0
    assert [m.chat_id for m in tg.sent] == [OTHER]
    assert store.notices.due_notices(clock()) == []
    waits = store.notices.next_notice_at()
    assert waits is not None and 29 < (waits - SAT).total_seconds() <= 30
    clock.advance(seconds=31)
    assert [i.chat_id for i in store.notices.due_notices(clock())] == [USER]


async def test_a_paused_alerts_jobs_wait_for_its_resume_unless_another_alert_matched(
    store, tg, transport
) -> None:
    clock = Clock(SAT)
    paused, active = setup(store, SAT, "rust", "golang")
    store.alerts.set_alert_paused(USER, paused, SAT)
    job(store, 1, SAT, [paused])
    job(store, 2, SAT, [paused, active])
    sender = make_sender(store, transport, clock)
    assert await sender.drain(timeout=2) == 1
    assert tg.sent[0].text.startswith("<b>Rust Engineer 2</b>"), "sent normally"
    clock.advance(hours=3)
    await sender.drain(timeout=1)
    assert len(tg.sent) == 1, "still held"
    store.alerts.set_alert_paused(USER, paused, None)
    assert await sender.drain(timeout=2) == 1
    assert titles(tg.sent[1].text) == ["Rust Engineer 1"]


async def test_past_the_hourly_cap_the_rest_wait_for_one_summary_at_the_hours_end(
    store, tg, transport
) -> None:
    clock = Clock(SAT)
    alerts = setup(store, SAT)
    store.users.set_hourly_cap(USER, 3)
    for i in range(8):
        job(store, i, SAT, alerts)
    sender = make_sender(store, transport, clock)
    assert await sender.drain(timeout=3) == 3
    assert all(m.text.startswith("<b>Rust Engineer") for m in tg.sent)
    clock.advance(minutes=59)
    await sender.drain(timeout=1)
    assert len(tg.sent) == 3
    clock.advance(minutes=1)
    assert await sender.drain(timeout=2) == 1
    assert "5 new jobs</b> held for you" in tg.sent[3].text
    assert store.outbox.delivery_counts() == {"sent": 8}


async def test_a_backlog_older_than_an_hour_comes_as_one_summary(store, tg, transport) -> None:
    clock = Clock(SAT)
    alerts = setup(store, SAT)
    for i in range(12):
        job(store, i, SAT - timedelta(hours=3), alerts)
    assert await make_sender(store, transport, clock).drain(timeout=2) == 1
    assert len(titles(tg.sent[0].text)) == 12


async def test_a_huge_summary_lists_30_jobs_then_the_search_for_the_rest_within_4096(
    store, tg, transport
) -> None:
    clock = Clock(SAT)
    alerts = setup(store, SAT, "rust backend", "golang")
    long = "Senior Staff Principal Distinguished Rust Platform Reliability Engineer " * 3
    for i in range(50):
        job(store, i, SAT - timedelta(hours=2), alerts[:1], title=long)
    for i in range(50, 60):
        job(store, i, SAT - timedelta(hours=2), alerts[1:], title=long)
    sent = await make_sender(store, transport, clock).drain(timeout=5)
    assert sent == len(tg.sent) > 1, "split to fit"
    assert all(utf16_len(m.visible_text) <= MAX_TEXT_UTF16 for m in tg.sent)
    text = "\n".join(m.visible_text for m in tg.sent)
    assert text.count("• Senior Staff") == 30
    assert "…and 20 more: /search rust backend" in text
    assert "…and 10 more: /search golang" in text
    assert "(continued)" in tg.sent[1].visible_text
    assert store.outbox.delivery_counts() == {"sent": 60}
    used = {r[0] for r in store.db.execute("SELECT message_id FROM deliveries")}
    assert used == {m.message_id for m in tg.sent}, "each job marked with its own part"
    assert tg.too_many_requests == 0, "parts spaced as the chat's limit asks"


async def test_routing_holds_a_paused_alerts_jobs_and_summaries_skip_muted_ones(
    store, tg, transport
) -> None:
    """Through the routing filter: a job matched only by a paused alert is held for its
    resume (not dropped), and a held job whose company the user mutes meanwhile is dropped."""

    clock = Clock(SAT)
    (rust,) = setup(store, SAT)
    store.alerts.set_alert_paused(USER, rust, SAT)
    postings = {}
    for i, company in ((1, "Acme Pay"), (2, "Muted Corp")):
        job(store, i, SAT, [rust])
        store.db.execute("UPDATE postings SET company = ? WHERE key = ?", (company, f"B:{i}"))
        postings[f"B:{i}"] = store.listings.posting(f"B:{i}")
    store.db.execute("DELETE FROM deliveries")
    jobs = list(postings.values())
    routed = match.route(jobs, store.alerts.active_alerts())
    stores = (store.follows, store.choices, store.outbox)
    assert fanout.enqueue(jobs, routed, stores, SAT) == 2, "held for the resume, not dropped"
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=5)
    assert tg.sent == [], "the alert is paused"
    store.choices.mute_company(USER, "Muted Corp", SAT)
    store.alerts.set_alert_paused(USER, rust, None)
    await sender.drain(timeout=5)
    (summary,) = tg.sent
    assert titles(summary.text) == ["Rust Engineer 1"]
    assert store.outbox.delivery_counts() == {"sent": 1, "dropped": 1}


async def test_an_alert_of_its_own_daily_digest_waits_while_the_others_come_at_once(
    store, tg, transport
) -> None:
    """/digest 1 daily with the user instant: alert 1's jobs wait for 08:00 (the digest's
    header says so); alert 2's come as they arrive; a job both matched comes at once."""
    clock = Clock(SAT)
    daily, instant = setup(store, SAT, "rust", "go")
    store.alerts.set_alert_delivery(USER, daily, "daily 08:00")
    job(store, 1, SAT, [daily])
    job(store, 2, SAT, [instant], title="Go Engineer")
    job(store, 3, SAT, [daily, instant], title="Rust and Go Engineer")
    job(store, 4, SAT, [daily])
    sender = make_sender(store, transport, clock)
    assert await sender.drain(timeout=2) == 2
    assert [titles(m.text) or m.text.split("</b>")[0][3:] for m in tg.sent] == [
        "Go Engineer 2",
        "Rust and Go Engineer 3",
    ]
    sunday_8 = datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    assert held_until(store) == {sunday_8}
    clock.now = sunday_8
    assert await sender.drain(timeout=2) == 1
    assert "Your daily digest</b>: 2 new jobs" in tg.sent[2].text
    assert titles(tg.sent[2].text) == ["Rust Engineer 1", "Rust Engineer 4"]
    assert store.outbox.delivery_counts() == {"sent": 4}


async def test_an_instant_alert_of_a_daily_user_comes_at_once_and_a_paused_ones_mode_counts_not(
    store, tg, transport
) -> None:
    clock = Clock(SAT)
    rust, go, paused = setup(store, SAT, "rust", "go", "scala")
    store.users.set_settings(USER, DeliverySettings("UTC", "daily", 9 * 60), SAT)
    store.alerts.set_alert_delivery(USER, go, "instant")
    store.alerts.set_alert_delivery(USER, paused, "instant")
    store.alerts.set_alert_paused(USER, paused, SAT)
    job(store, 1, SAT, [rust])
    job(store, 2, SAT, [go], title="Go Engineer")
    job(store, 3, SAT, [rust, paused], title="Scala Engineer")
    sender = make_sender(store, transport, clock)
    assert await sender.drain(timeout=2) == 1
    assert tg.sent[0].text.startswith("<b>Go Engineer 2")
    assert held_until(store) == {datetime(2026, 3, 29, 9, 0, tzinfo=UTC)}, (
        "the job of rust and the paused instant alert waits for rust's digest"
    )


async def test_past_the_cap_only_the_instant_jobs_wait_for_the_hour_a_digests_keep_their_time(
    store, tg, transport
) -> None:
    clock = Clock(SAT)
    instant, weekly = setup(store, SAT, "rust", "go")
    store.alerts.set_alert_delivery(USER, weekly, "weekly mon 07:00")
    store.users.set_hourly_cap(USER, 2)
    for i in range(4):
        job(store, i, SAT, [instant])
    job(store, 9, SAT, [weekly], title="Go Engineer")
    sender = make_sender(store, transport, clock)
    assert await sender.drain(timeout=3) == 2
    monday_7 = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert held_until(store) == {SAT + timedelta(hours=1), monday_7}
    clock.advance(hours=1)
    assert await sender.drain(timeout=2) == 1
    assert "2 new jobs</b> held for you" in tg.sent[2].text
    assert titles(tg.sent[2].text) == ["Rust Engineer 2", "Rust Engineer 3"]
    clock.now = monday_7
    assert await sender.drain(timeout=2) == 1
    assert "Your weekly digest</b>: 1 new job" in tg.sent[3].text
    assert store.outbox.delivery_counts() == {"sent": 5}


def _listed(key: str, board: str = "B") -> Posting:
    return Posting(
        key, board, key.split(":")[1], "Rust Engineer", "Acme Pay", "Berlin",
        f"https://e.com/{key}", "Build the ledger in Rust for our payments team, " * 3,
    )  # fmt: skip


def _listed_before(store: Stores, when: datetime) -> tuple[list[int], Posting]:
    """USER's alert; a job 60 days before `when`, sent to USER and applied to, then closed;
    the same company, title and place listed again at `when` (returned), not yet sent."""
    before = when - timedelta(days=60)
    alerts = setup(store, before)
    store.postings.record("B", [], before - timedelta(days=1))  # the baseline
    store.postings.record("B", [old := _listed("B:1")], before)
    store.outbox.enqueue([Delivery(USER, old.key, tuple(alerts))], before)
    [item] = store.outbox.due(before)
    store.outbox.mark_sending(item.id)
    store.outbox.mark_sent(item.id, before, 1)
    store.saved.save(USER, old, before)
    store.saved.mark_applied(USER, old.key, before + timedelta(days=2))
    store.postings.record("B", [], before + timedelta(days=1))
    store.postings.record("B", [], before + timedelta(days=2))  # closed
    store.postings.record("B", [again := _listed("B:2")], when)
    return alerts, again


async def test_a_job_listed_before_says_so_with_what_the_user_did_with_it(
    store, tg, transport
) -> None:
    """The same company, title and place listed again after the copies' window is a job of its
    own, sent again: its message says it was listed before, when it was sent to the user and
    when they applied. A copy on another board within the window is not "before"."""
    alerts, again = _listed_before(store, SAT)
    before = SAT - timedelta(days=60)
    store.outbox.enqueue([Delivery(USER, again.key, tuple(alerts))], SAT)
    clock = Clock(SAT)
    assert await make_sender(store, transport, clock).drain(timeout=2) == 1
    text = tg.sent[-1].visible_text
    assert (
        "🔁 Listed before: first seen 27 Jan 2026 · sent to you 27 Jan 2026 · you applied "
        "29 Jan 2026"
    ) in text.splitlines()
    assert store.jobs.earlier("B:1", USER) is None, "nothing was listed before the first"
    store.db.execute(
        "INSERT INTO boards (name, kind, url, endpoint, interval_s, created_at, baseline_at) "
        "VALUES ('C', 'demo', 'demo://c', 'demo://c', 60, '', '')"
    )
    store.postings.record("C", [copy := _listed("C:3", "C")], SAT + timedelta(hours=1))
    assert store.jobs.job_key(copy.key) == again.key, "a copy of the job sent today"
    assert store.jobs.earlier(copy.key, USER) == Earlier(
        before, before, before + timedelta(days=2)
    ), "the job listed before is the old one, not the copy's own job"


async def next_days_digest(store: Stores, tg: FakeTelegram, transport) -> list[str]:
    """The lines of the daily digest (at 08:00) of what USER's outbox holds at SAT."""
    clock = Clock(SAT)
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    clock.now = datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    assert await sender.drain(timeout=2) == 1
    return tg.sent[0].visible_text.splitlines()


async def test_a_digest_marks_a_job_listed_before(store, tg, transport) -> None:
    alerts, again = _listed_before(store, SAT)
    store.users.set_settings(USER, DeliverySettings("UTC", "daily", 8 * 60), SAT)
    store.outbox.enqueue([Delivery(USER, again.key, tuple(alerts))], SAT)
    job(store, 5, SAT, alerts, title="Go Engineer")
    lines = await next_days_digest(store, tg, transport)
    assert "• Rust Engineer — Acme Pay · Berlin · 🔁 listed before; you applied" in lines
    assert "• Go Engineer 5 — Acme Pay · Berlin (hybrid) · €60k–80k a year" in lines


def test_a_summary_says_digest_only_when_each_of_its_jobs_came_for_one() -> None:
    from bot.holding import header

    assert header({"daily"}, 3) == "📬 <b>Your daily digest</b>: 3 new jobs"
    assert header({"weekly"}, 1) == "📬 <b>Your weekly digest</b>: 1 new job"
    assert header({"daily", "weekly"}, 2) == "📬 <b>Your digests</b>: 2 new jobs"
    assert header({"daily", "instant"}, 2) == "📬 <b>2 new jobs</b> held for you"
    assert header({"instant"}, 2) == "📬 <b>2 new jobs</b> held for you"
