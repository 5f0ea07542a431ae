"""Telegram down for hours, a rejected token, absurd flood waits: nothing lost, nothing frozen.

The fake Bot API server plays the outage; the wall clock is injected and advanced, never slept."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot import config as cfg
from bot.app import App
from bot.backoff import MAX_GLOBAL_HOLD, MAX_RETRY_AFTER, retry_delay
from bot.config import DeliveryConfig
from bot.events import (
    BoardFailing,
    BoardRecovered,
    DeliveryFailing,
    DeliveryRejected,
    Event,
    Notice,
    TelegramDown,
)
from bot.holding import DeliveryStores
from bot.link import Link
from bot.pacing import ChatLimits, Pacer
from bot.sender import Sender
from bot.store import Stores
from bot.store.stamps import from_iso
from bot.telegram.notices import word
from bot.telegram.ptb import TelegramTransport
from tests.fake_telegram import FakeTelegram
from tests.test_delivery import NOW, TOKEN, fill
from tests.waiting import until


class Clock:
    """The wall clock the sender reads, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
async def transport(tg):
    t = TelegramTransport(TOKEN, tg.api_url)
    await t.start(None)
    yield t
    await t.stop()


def make_sender(store: Stores, transport, clock: Clock, told: list, health: list) -> Sender:
    config = DeliveryConfig(messages_per_second=1000, per_chat_interval=0.01, send_timeout=2.0)

    def report(event: Event) -> None:  # worded as the admins read it
        if not isinstance(event, Notice):
            return  # sends: metrics and the log observe those
        (told if isinstance(event, DeliveryFailing | DeliveryRejected) else health).append(
            word(event, clock())
        )

    return Sender(store.view(DeliveryStores), transport, config, clock, on_event=report)


def tries(store: Stores) -> int:
    """Sends attempted so far (each claim counts one; a paused one is given back)."""
    return store.db.execute("SELECT total(attempts) FROM deliveries").fetchone()[0]


def sent_once(tg: FakeTelegram, expected: int) -> None:
    keys = [(m.chat_id, m.text) for m in tg.sent]
    assert len(keys) == len(set(keys)) == expected, "every job exactly once"


def summarised_once(tg: FakeTelegram, chats: int, jobs: int) -> None:
    """A backlog older than an hour: one summary per chat, listing each of its jobs once."""
    assert sorted(m.chat_id for m in tg.sent) == list(range(1, chats + 1)), "one message a chat"
    for m in tg.sent:
        assert "held for you" in m.text
        for j in range(jobs):
            assert m.text.count(f">Rust Engineer {j}</a>") == 1, m.text


@pytest.mark.parametrize("mode", ["bad_gateway", "refused"])
async def test_hours_of_outage_then_every_job_arrives_once_in_a_summary(
    store, tg, transport, mode
) -> None:
    clock, told, health = Clock(NOW), [], []
    fill(store, list(range(1, 21)), 2)  # 40 jobs for 20 chats
    sender = make_sender(store, transport, clock, told, health)
    tg.outage(502) if mode == "bad_gateway" else tg.stop()
    rounds = 6 * 4  # six hours, looked at every 15 minutes
    for _ in range(rounds):
        await sender.drain(timeout=0.5)
        clock.advance(minutes=15)
    assert store.outbox.delivery_counts() == {"pending": 40}, "nothing given up"
    assert sender.link.status.state == "down"
    # Sends already in flight (and the few started before 3 failures said "down") fail together;
    # from then on, one probe per round, not one try per queued message (40 * 24). Once the
    # jobs are an hour old they wait for one summary per chat: a probe carrying a summary
    # counts a try for each of its 2 jobs.
    first = DeliveryConfig().concurrency + Link.DOWN_AFTER
    assert tries(store) <= first + rounds * 2, "one probe at a time"
    assert len(health) == 1 and "has not taken a message for " in health[0], health
    tg.outage(None) if mode == "bad_gateway" else tg.start()
    clock.advance(minutes=15)
    assert await sender.drain(timeout=10) == 20, "one summary per chat, not a flood"
    assert store.outbox.delivery_counts() == {"sent": 40}
    summarised_once(tg, 20, 2)
    assert sender.link.status.state == "up" and sender.paused is None
    assert len(health) == 2 and "takes messages again after 6h" in health[1]
    assert told == [], "no message was given up"


@pytest.mark.parametrize("status", [401, 404])
async def test_rejected_token_pauses_all_sending_then_resumes(
    store, tg, transport, status, caplog
) -> None:
    caplog.set_level(logging.INFO)
    clock, told, health = Clock(NOW), [], []
    fill(store, list(range(1, 11)), 2)
    sender = make_sender(store, transport, clock, told, health)
    tg.reject_token(status)
    for _ in range(8):
        await sender.drain(timeout=0.5)
        clock.advance(minutes=15)
    assert sender.paused and "bot token" in sender.paused
    assert store.outbox.delivery_counts() == {"pending": 20} and tries(store) == 0, (
        "nothing counted"
    )
    probes = sum(c.method.lower() == "sendmessage" for c in tg.calls)
    assert probes <= DeliveryConfig().concurrency + Link.DOWN_AFTER + 8, "one probe at a time"
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "PAUSED" in errors[0], errors
    secret = TOKEN.split(":")[1]
    assert not any(secret in r.getMessage() for r in caplog.records)
    tg.reject_token(None)
    clock.advance(minutes=15)
    assert await sender.drain(timeout=10) == 10, "one summary per chat, not a flood"
    assert sender.paused is None and store.outbox.delivery_counts() == {"sent": 20}
    summarised_once(tg, 10, 2)
    assert len(health) == 1 and "accepts the bot token again after 2h" in health[0]
    assert told == []


@pytest.mark.parametrize("retry_after", [10**9, 10**12, 10**15])
async def test_absurd_retry_after_waits_the_ceiling_and_others_flow(
    store, tg, transport, retry_after
) -> None:
    clock = Clock(NOW)
    fill(store, [1, 2, 3], 1)
    tg.fail_next(1, status=429, retry_after=retry_after)
    sender = make_sender(store, transport, clock, [], [])
    await sender.drain(timeout=10)
    assert sorted(m.chat_id for m in tg.sent) == [2, 3]
    (when,) = store.db.execute(
        "SELECT next_attempt_at FROM deliveries WHERE chat_id = 1 AND state = 'pending'"
    ).fetchone()
    assert from_iso(when) == NOW + timedelta(seconds=MAX_RETRY_AFTER)
    clock.advance(seconds=MAX_RETRY_AFTER - 60)
    await sender.drain(timeout=0.5)
    assert len(tg.sent) == 2, "chat 1 still waits"
    clock.advance(seconds=60)
    assert await sender.drain(timeout=10) == 1
    assert [m.chat_id for m in tg.sent][2:] == [1], "chat 1 last (2 and 3 went in either order)"


async def test_everyone_is_held_at_most_the_global_ceiling() -> None:
    now = asyncio.get_running_loop().time()
    pacer = Pacer(30)
    assert pacer.hold_until(now + 10**12, now) == now + MAX_GLOBAL_HOLD
    assert pacer.hold_until(now + 2, now) == now + MAX_GLOBAL_HOLD, "a hold is never shortened"


def test_an_hour_long_429_for_one_chat_does_not_halt_the_others_later() -> None:
    pacer, clock = Pacer(30), Clock(NOW)
    limits = ChatLimits(DeliveryConfig(), pacer, clock)
    assert limits.limited(1, 10**12, now=100.0) == MAX_RETRY_AFTER
    assert limits.ready_at(1, 100.0) == 100.0 + MAX_RETRY_AFTER
    limits.limited(2, 10, now=220.0)  # two minutes later, an ordinary 429 for another chat
    assert pacer.free_at < 220.0, "chat 1's old hour-long wait does not make it global"
    assert limits.ready_at(3, 220.0) < 220.0
    limits.limited(3, 20, now=221.0)  # a second chat limited while chat 2 waits: everyone waits
    assert pacer.free_at == 230.0, "for the shorter of the two waits"
    clock.advance(seconds=MAX_RETRY_AFTER)
    assert limits.ready_at(1, 300.0) <= 300.0, "over when the (injected) wall clock says so"


def test_backoff_is_capped_at_15_minutes_for_any_number_of_attempts() -> None:
    delays = [retry_delay(n, 5.0) for n in (1, 2, 8, 9, 100, 10**6)]
    assert 4.0 <= delays[0] <= 5.0 and 8.0 <= delays[1] <= 10.0
    assert all(d <= 900.0 for d in delays) and delays[-1] >= 0.8 * 900


async def test_an_admin_notice_survives_an_outage(tmp_path, tg, monkeypatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    admin = 4242
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url, "admins": [admin]},
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "delivery": {"retry_base": "0.05s"},
        }
    )
    app = App(config)
    stop = asyncio.Event()
    task = asyncio.create_task(app.run(stop))
    await until(lambda: any(c.method.lower() == "getupdates" for c in tg.calls))
    tg.outage(502)
    app.notices.tell("Board Acme failed 3 polls in a row")
    await until(lambda: sum(e[0].lower() == "sendmessage" for e in tg.errors) >= 3)
    tg.outage(None)
    await tg.wait_for_async(lambda sent: any("Board Acme" in m.text for m in sent))
    stop.set()
    await task
    assert [m.chat_id for m in tg.sent] == [admin], "sent once, when Telegram was back"


async def test_an_admin_who_blocked_the_bot_is_skipped_and_the_others_are_told(
    tmp_path, tg, monkeypatch, caplog
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    gone, admin = 4141, 4242
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url, "admins": [gone, admin]},
            "storage": {"path": str(tmp_path / "jobbot.db")},
        }
    )
    app = App(config)
    stop = asyncio.Event()
    task = asyncio.create_task(app.run(stop))
    await until(lambda: any(c.method.lower() == "getupdates" for c in tg.calls))
    tg.block(gone)
    app.notices.tell("Board Acme failed 3 polls in a row")
    await tg.wait_for_async(lambda sent: any("Board Acme" in m.text for m in sent))
    stop.set()
    await task
    assert [m.chat_id for m in tg.sent] == [admin]
    tries = [c for c in tg.calls if c.method.lower() == "sendmessage"]
    assert len(tries) == 2, "the blocked admin is tried once, not again and again"
    [skipped] = [r for r in caplog.records if "could not tell admin" in r.getMessage()]
    assert str(gone) in skipped.getMessage() and skipped.levelno == logging.WARNING


def test_telegram_down_is_told_as_a_duration_every_admin_reads_alike() -> None:
    """One notice goes to every admin, whatever their /timezone: how long, and since when in
    UTC (with the date once it is over a day)."""
    since = datetime(2026, 12, 7, 14, 5, tzinfo=UTC)
    down = TelegramDown(since, 8, "HTTP 502", 600.0)
    later = since + timedelta(hours=2, minutes=10)
    assert word(down, later).startswith(
        "⚠️ Telegram has not taken a message for 2h10m, since 14:05 UTC (8 tries failed; "
        "last: HTTP 502). Nothing is dropped"
    )
    days = word(down, later + timedelta(days=1))
    assert "for 1d2h10m, since 2026-12-07 14:05 UTC (" in days


async def test_a_wait_stored_by_an_older_version_is_cut_to_the_ceiling(store, tg, transport):
    """Rows an absurd retry_after put in 2057 before the fix are due within the ceiling."""
    clock = Clock(NOW)
    fill(store, [1, 2], 1)
    store.outbox.mark_retry(1, datetime(2057, 9, 9, tzinfo=NOW.tzinfo), "429: retry after 1e+09s")
    sender = make_sender(store, transport, clock, [], [])
    await sender.drain(timeout=10)
    assert [m.chat_id for m in tg.sent] == [2]
    clock.advance(seconds=MAX_RETRY_AFTER)
    assert await sender.drain(timeout=10) == 1
    assert store.outbox.delivery_counts() == {"sent": 2}


async def noticing_app(tmp_path, tg: FakeTelegram) -> App:
    """An app whose admin (4242) hears notices over the fake Telegram, in windows of 0.2 s."""
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url, "admins": [4242]},
            "storage": {"path": str(tmp_path / "jobbot.db")},
        }
    )
    app = App(config, notice_window=0.2)
    await app.transport.start(None)
    return app


async def test_failure_notices_within_the_window_are_summed_up_not_lost(
    tmp_path, tg, monkeypatch
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    app = await noticing_app(tmp_path, tg)
    for chat in (5, 6, 7):
        app.notices.report(DeliveryRejected(chat, "too long"))
    sent = await tg.wait_for_async(2)
    await app.close()
    assert "chat 5" in sent[0].text
    assert "chat 7" in sent[1].text and "and 1 more within" in sent[1].text


async def test_a_burst_of_failing_boards_is_told_in_two_messages_and_so_is_their_recovery(
    tmp_path, tg, monkeypatch
) -> None:
    """A DNS outage fails every board within minutes, and its end brings them all back: the
    first of each is told at once, the rest named in one summary at the window's end. A board
    back before its failure was told is in neither (the summary named boards that had
    recovered minutes before)."""
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    app = await noticing_app(tmp_path, tg)
    names = [f"Board{i:02}" for i in range(24)]
    for name in names:
        app.notices.report(BoardFailing(name, 3, f"cannot resolve {name.lower()}.test", 240.0))
    for name in names[:3]:
        app.notices.report(BoardRecovered(name, 4))
    sent = [m.text for m in await tg.wait_for_async(3)]
    await app.close()
    assert sent[:2] == [
        "⚠️ Board Board00 failed 3 polls in a row: cannot resolve board00.test. Retrying with "
        "backoff; next try in 4m.",
        "✅ Board Board00 recovered after 4 failed polls.",
    ]
    [failing] = [t for t in sent[2:] if t.startswith("⚠️")]
    assert failing.startswith("⚠️ 21 more boards failed polls in a row within ")
    assert "Board01" not in failing and "Board02" not in failing, "back before they were told"
    assert ": Board03 (cannot resolve board03.test); Board04" in failing
    assert "Board22 (cannot resolve board22.test); and 1 more." in failing, "20 named"
    assert "Board23" not in failing and failing.endswith("/boards lists them.")
    assert not any("recovered: " in t for t in sent), "their failure was never told"
    assert len(tg.sent) == 3


async def test_a_send_the_database_cannot_record_is_recorded_later_never_resent(
    store, tg, transport, caplog
) -> None:
    """Telegram took the message but the database was locked when the sender came to mark it
    sent: it is marked once the database is free, and never sent twice; one log line."""
    import sqlite3

    clock = Clock(NOW)
    fill(store, [1], 1)
    store.db.execute("PRAGMA busy_timeout=50")
    tg.delay(0.3)
    sender = make_sender(store, transport, clock, [], [])
    stop = asyncio.Event()
    run = asyncio.create_task(sender.run(stop))
    await until(lambda: any(c.method.lower() == "sendmessage" for c in tg.calls))
    other = sqlite3.connect(store.db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    await until(lambda: any("delivery paused" in r.getMessage() for r in caplog.records))
    other.execute("ROLLBACK")
    await until(lambda: store.outbox.delivery_counts() == {"sent": 1})
    stop.set()
    await run
    assert len(tg.sent) == 1
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and not errors[0].exc_info
