"""Clock jumps: polls and retries keep their pace when the system clock is set back or forward."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import apscheduler.schedulers.base
import pytest

from bot.clock import ClockWatch
from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.http import Fetcher, build_client
from bot.models import Delivery
from bot.poller import Poller
from bot.scheduler import BoardScheduler
from bot.store import Stores
from bot.storing import PollStores
from tests.board_server import BoardServer
from tests.test_dedupe import job

PATH = "/v1/boards/acme/jobs"


class Wall(datetime):
    """The system's wall clock as APScheduler reads it, which a test can set back or forward."""

    offset = timedelta(0)

    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return datetime.now(tz) + cls.offset


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> type[Wall]:
    monkeypatch.setattr(Wall, "offset", timedelta(0))
    monkeypatch.setattr(apscheduler.schedulers.base, "datetime", Wall)
    return Wall


async def _requests(boards: BoardServer, n: int, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len(boards.requests) < n:
        assert loop.time() < deadline, f"{len(boards.requests)} polls, expected {n}"
        await asyncio.sleep(0.01)


@pytest.mark.parametrize("jump", [timedelta(hours=-1), timedelta(days=-400), timedelta(hours=5)])
async def test_polling_goes_on_after_the_clock_jumps(
    store: Stores, boards: BoardServer, wall: type[Wall], jump: timedelta
) -> None:
    now = lambda: Wall.now(UTC)  # noqa: E731
    store.boards.sync_boards([BoardConfig("Acme", boards.url(PATH), "greenhouse", "-", 0.3)], now())
    store.boards.move_board("Acme", boards.url(PATH))
    boards.set_json(PATH, {"jobs": []})
    client = build_client(timeout=2.0)
    poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig(), clock=now)
    scheduler = BoardScheduler(poller, wall=now)
    watch = ClockWatch([scheduler.shift, store.db.shift_schedules], wall=now, every=0.02)
    stop = asyncio.Event()
    watching = asyncio.create_task(watch.run(stop))
    try:
        scheduler.add("Acme", 0.3, first_in=0.0)
        scheduler.start()
        await _requests(boards, 2)
        wall.offset += jump
        before = len(boards.requests)
        await _requests(boards, before + 2)
    finally:
        stop.set()
        await watching
        scheduler.shutdown()
        poller.close()
        await client.aclose()


def test_a_clock_set_back_moves_backoffs_and_retries_back(store: Stores, now: datetime) -> None:
    store.boards.sync_boards(
        [BoardConfig("Acme", "https://a", "greenhouse", "https://a", 60.0)], now
    )
    store.boards.mark_failure("Acme", now, "HTTP 503", now + timedelta(minutes=10))
    store.users.subscribe(7, now)
    store.postings.record("Acme", [job("Acme", 1)], now)
    store.outbox.enqueue([Delivery(7, "Acme:1", (1,))], now)
    (item,) = store.outbox.due(now)
    store.outbox.mark_retry(item.id, now + timedelta(minutes=10), "502")
    clock = {"wall": now, "mono": 0.0}
    watch = ClockWatch(
        [store.db.shift_schedules], wall=lambda: clock["wall"], mono=lambda: clock["mono"]
    )
    clock.update(wall=now - timedelta(hours=3) + timedelta(seconds=60), mono=60.0)
    assert watch.check() == timedelta(hours=-3)
    assert store.boards.board("Acme").next_due_at == clock["wall"] + timedelta(minutes=9)
    assert store.outbox.next_due_at() == clock["wall"] + timedelta(minutes=9)
    clock.update(wall=clock["wall"] + timedelta(days=2), mono=120.0)  # forward: nothing moves
    assert watch.check() is None
    assert store.boards.board("Acme").next_due_at == now - timedelta(hours=3) + timedelta(
        minutes=10
    )
