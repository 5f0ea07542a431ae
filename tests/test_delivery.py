"""Delivery against the fake Bot API: Telegram's limits, every failure, nothing lost or doubled."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import DeliveryConfig
from bot.events import DeliveryFailing, DeliveryRejected, Event, Notice
from bot.holding import DeliveryStores
from bot.models import Delivery, Posting
from bot.sender import Sender
from bot.store import Stores
from bot.telegram.notices import word
from bot.telegram.ptb import TelegramTransport
from tests.fake_telegram import FakeTelegram, FakeTelegramProcess, Limits

TOKEN = "4242:DeliveryTestToken"
NOW = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def posting(i: int, title: str = "Rust Engineer", **kw: object) -> Posting:
    fields = {
        "key": f"B:{i}", "board": "B", "external_id": str(i), "title": f"{title} {i}",
        "company": "Acme Pay", "location": "Berlin", "url": f"https://e.com/jobs/{i}",
        "description": "Build the ledger.", "content_hash": str(i),
    }  # fmt: skip
    fields.update(kw)
    return Posting(**fields)


def fill(store: Stores, users: list[int], jobs: int) -> None:
    """`jobs` postings queued for every user."""
    store.boards.sync_boards([], NOW)
    store.db.execute(
        "INSERT INTO boards (name, kind, url, endpoint, interval_s, created_at) "
        "VALUES ('B', 'demo', 'demo://', 'demo://', 60, '')"
    )
    store.postings.record("B", [posting(i) for i in range(jobs)], NOW)
    for u in users:
        store.users.subscribe(u, NOW)
    store.outbox.enqueue([Delivery(u, f"B:{i}") for i in range(jobs) for u in users], NOW)


@pytest.fixture
async def transport():
    with FakeTelegram() as tg:
        t = TelegramTransport(TOKEN, tg.api_url)
        await t.start(None)
        t.fake = tg
        yield t
        await t.stop()


def sender(
    store: Stores, transport, told: list[str] | None = None, health: list[str] | None = None, **kw
) -> Sender:
    config = DeliveryConfig(**{"retry_base": 0.05, "send_timeout": 2.0, **kw})
    told, health = [] if told is None else told, [] if health is None else health

    def report(event: Event) -> None:  # worded as the admins read it
        if not isinstance(event, Notice):
            return  # sends and polls: metrics and the log observe those
        failed = isinstance(event, DeliveryFailing | DeliveryRejected)
        (told if failed else health).append(word(event))

    return Sender(store.view(DeliveryStores), transport, config, running_clock(), report)


def running_clock() -> Callable[[], datetime]:
    """A wall clock that starts at NOW, when the outbox was filled, and runs: the jobs are
    fresh (a backlog older than an hour would come as one summary, see test_holding)."""
    start = time.monotonic()
    return lambda: NOW + timedelta(seconds=time.monotonic() - start)


class TimedTransport(TelegramTransport):
    """The real transport, noting the loop time at which each message leaves the sender."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.sent_at: list[tuple[int, float]] = []

    async def send(self, chat_id, message, *, plain=False):
        self.sent_at.append((chat_id, asyncio.get_running_loop().time()))
        return await super().send(chat_id, message, plain=plain)


async def test_burst_of_1000_to_100_users_stays_within_limits(store) -> None:
    """Telegram's limits, twice as fast to keep the test short; the fake runs in its own
    process. The limits are checked where the sender controls them, when each message leaves
    it: on a loaded machine the fake may receive requests bunched in transit (and answer 429,
    which the sender then honours), which says nothing about the sender's pacing."""
    scale = 2
    with FakeTelegramProcess(limits=Limits(scale=scale)) as tg:
        t = TimedTransport(TOKEN, tg.api_url)
        await t.start(None)
        fill(store, list(range(1, 101)), 10)
        s = sender(store, t, messages_per_second=30 * scale, per_chat_interval=1 / scale)
        sent = await s.drain(timeout=120)
        await t.stop()
        results = tg.results()
    assert sent == 1000 and len(results["sent"]) == 1000
    assert len({(chat, text) for chat, _, text in results["sent"]}) == 1000, "each once"
    assert store.outbox.delivery_counts() == {"sent": 1000}
    per_chat: dict[int, list[float]] = {}
    for chat, at in t.sent_at:
        per_chat.setdefault(chat, []).append(at)
    times = sorted(at for _, at in t.sent_at)
    rate = 30 * scale
    assert all(b - a >= 1.0 for a, b in zip(times, times[rate:], strict=False)), "overall"
    gaps = [b - a for ts in per_chat.values() for a, b in itertools.pairwise(ts)]
    assert min(gaps) >= 1 / scale, "per chat"


async def test_group_chats_get_at_most_20_a_minute(store) -> None:
    scale = 60  # a minute becomes one second
    with FakeTelegram(limits=Limits(scale=scale)) as tg:
        t = TelegramTransport(TOKEN, tg.api_url)
        await t.start(None)
        fill(store, [-100500], 30)
        store.users.set_hourly_cap(-100500, 30)  # past the cap (20), the rest would wait an hour
        s = sender(
            store, t, messages_per_second=300, per_chat_interval=1 / scale, group_window=60 / scale
        )
        stop = asyncio.Event()
        task = asyncio.create_task(s.run(stop))
        await tg.wait_for_async(30, timeout=10)
        stop.set()
        await task
        await t.stop()
    assert tg.too_many_requests == 0
    times = [m.at for m in tg.sent]
    assert times[20] - times[0] >= 1.0, "the 21st message waited for the minute (scaled) to pass"


async def test_429_for_one_chat_waits_for_that_chat_only(store, transport) -> None:
    fill(store, [1, 2, 3], 1)
    transport.fake.fail_next(
        1, status=429, description="Too Many Requests: retry after 1", retry_after=1
    )
    s = sender(store, transport)
    stop = asyncio.Event()
    task = asyncio.create_task(s.run(stop))
    others = await transport.fake.wait_for_async(2)
    assert {m.chat_id for m in others} == {2, 3}
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await transport.fake.wait_for_async(3, timeout=5)
    assert loop.time() - t0 >= 0.5, "chat 1 waited for retry_after"
    stop.set()
    await task
    assert store.outbox.delivery_counts() == {"sent": 3}


async def test_global_429_pauses_everyone_and_drops_nothing(store, transport) -> None:
    fill(store, list(range(1, 7)), 1)
    transport.fake.fail_next(
        None, status=429, description="Too Many Requests: retry after 1", retry_after=1, count=3
    )
    s = sender(store, transport, concurrency=1)
    stop = asyncio.Event()
    task = asyncio.create_task(s.run(stop))
    await transport.fake.wait_for_async(6, timeout=8)
    stop.set()
    await task
    assert store.outbox.delivery_counts() == {"sent": 6}
    assert sorted(m.chat_id for m in transport.fake.sent) == [1, 2, 3, 4, 5, 6]


async def test_403_blocks_the_user_keeps_alerts_and_start_reactivates(store, transport) -> None:
    fill(store, [7, 8], 2)
    store.alerts.add_alert(7, "rust", NOW)
    transport.fake.block(7)
    await sender(store, transport).drain(timeout=5)
    assert store.users.user(7).state == "blocked" and store.alerts.alerts(7)
    assert {m.chat_id for m in transport.fake.sent} == {8}
    states = dict(
        store.db.execute(
            "SELECT state, count(*) FROM deliveries WHERE chat_id = 7 GROUP BY state"
        ).fetchall()
    )
    assert states == {"dropped": 2}
    store.users.subscribe(7, NOW)
    assert store.users.user(7).state == "active"


async def test_unparsable_html_is_resent_once_as_plain_text(store, transport) -> None:
    fill(store, [7], 1)
    transport.fake.fail_next(
        7, status=400, description="Bad Request: can't parse entities: Unsupported start tag"
    )
    await sender(store, transport).drain(timeout=5)
    (msg,) = transport.fake.sent
    assert msg.parse_mode is None and msg.text.startswith("Rust Engineer 0\nAcme Pay · Berlin")
    assert msg.button_urls == ["https://e.com/jobs/0"]


async def test_a_huge_posting_still_fits_one_message(store, transport) -> None:
    store.boards.sync_boards([], NOW)
    store.db.execute(
        "INSERT INTO boards (name, kind, url, endpoint, interval_s, created_at) VALUES ('B', 'demo', 'd', 'd', 60, '')"
    )
    big = "𝓡𝓾𝓼𝓽 <b>&amp; " * 2000
    store.postings.record(
        "B", [posting(1, title=big, company=big, location=big, description=big)], NOW
    )
    store.users.subscribe(7, NOW)
    alerts = [store.alerts.add_alert(7, "rust " * 30, NOW).id for _ in range(50)]
    store.outbox.enqueue([Delivery(7, "B:1", tuple(alerts))], NOW)
    await sender(store, transport).drain(timeout=5)
    assert len(transport.fake.sent) == 1 and not transport.fake.errors


async def test_server_errors_back_off_and_never_fail_a_job(store, transport) -> None:
    fill(store, [7, 8], 1)
    transport.fake.fail_next(7, status=500, description="Internal Server Error", count=2)
    await sender(store, transport, max_attempts=5).drain(timeout=5)
    assert sorted(m.chat_id for m in transport.fake.sent) == [7, 8], "recovered after two 500s"
    row = store.db.execute("SELECT attempts FROM deliveries WHERE chat_id = 7").fetchone()
    assert row[0] == 3
    transport.fake.sent.clear()
    store.users.subscribe(9, NOW)
    store.outbox.enqueue([Delivery(9, "B:0")], NOW)
    transport.fake.fail_next(9, status=502, description="Bad Gateway", count=6)
    told: list[str] = []
    health: list[str] = []
    s = sender(store, transport, told, health, max_attempts=3, per_chat_interval=0.01)
    await s.drain(timeout=5)
    state, attempts = store.db.execute(
        "SELECT state, attempts FROM deliveries WHERE chat_id = 9"
    ).fetchone()
    assert (state, attempts) == ("sent", 7), "six failures, twice max_attempts, lost nothing"
    assert [m.chat_id for m in transport.fake.sent] == [9]
    assert told == [] and len(health) == 2, health
    assert "has not taken a message" in health[0] and "again after" in health[1]


async def test_one_failing_chat_is_told_once_and_keeps_being_retried(store, transport) -> None:
    fill(store, [5, 6], 3)
    transport.fake.fail_next(5, status=500, description="Internal Server Error", count=4)
    told: list[str] = []
    s = sender(store, transport, told, max_attempts=2, per_chat_interval=0.01)
    await s.drain(timeout=5)
    assert store.outbox.delivery_counts() == {"sent": 6}
    assert len(told) == 1 and "chat 5 failed 2 times" in told[0] and "still retrying" in told[0]


async def test_a_slow_chat_never_holds_up_the_others(store, transport) -> None:
    fill(store, list(range(1, 11)), 1)
    transport.fake.delay(3.0, chat_id=1)
    loop = asyncio.get_running_loop()
    s = sender(store, transport, send_timeout=1.0, max_attempts=2)
    stop = asyncio.Event()
    task = asyncio.create_task(s.run(stop))
    t0 = loop.time()
    await transport.fake.wait_for_async(
        lambda sent: {m.chat_id for m in sent} >= set(range(2, 11)), timeout=5
    )
    assert loop.time() - t0 < 1.0
    stop.set()
    await task
    row = store.db.execute(
        "SELECT state, attempts, last_error FROM deliveries WHERE chat_id = 1"
    ).fetchone()
    assert row[0] == "pending" and "timed out" in (row[2] or ""), row


async def test_group_migrated_to_supergroup_follows_the_new_id(store, transport) -> None:
    fill(store, [-100], 1)
    store.alerts.add_alert(-100, "rust", NOW)
    transport.fake.fail_next(
        -100, status=400, description="Bad Request: group chat was upgraded to a supergroup chat",
        migrate_to_chat_id=-1001234,
    )  # fmt: skip
    await sender(store, transport).drain(timeout=5)
    assert [m.chat_id for m in transport.fake.sent] == [-1001234]
    assert store.users.user(-100) is None and store.users.user(-1001234).state == "active"
    assert [a.query for a in store.alerts.alerts(-1001234)] == ["rust"]
