"""/healthz, /metrics and /stats on real parts: the app, a loopback board, the fake Bot API,
and real HTTP over loopback to the status server. Polls and sends are driven by the test with
an injected clock."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import socket
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot import config as cfg
from bot.app import App
from bot.errors import ConfigError, JobbotError
from bot.events import Polled, Sent
from bot.link import LinkStatus
from bot.observe import Observer
from bot.rates import Rates
from bot.store import Db
from tests.fake_telegram import FakeTelegram
from tests.test_buttons import Bot, job
from tests.waiting import until

TOKEN = "123456789:AAFakeTokenForObserveTests_xyz"
ADMIN, USER = 1001, 4242
START = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
pytestmark = pytest.mark.timeout(30)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def make_config(tmp_path: Path, tg: FakeTelegram | None, board_url: str) -> cfg.Config:
    telegram = {"token": TOKEN, "api_url": tg.api_url, "admins": [ADMIN]} if tg else {}
    return cfg.from_dict(
        {
            "telegram": telegram,
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "delivery": {"per_chat_interval": 0.05},
            "server": {"listen": "127.0.0.1:0"},
            "boards": [{"name": "Acme", "kind": "greenhouse", "url": board_url, "interval": "1h"}],
        }
    )


@contextlib.asynccontextmanager
async def serving(config: cfg.Config, clock: Clock) -> AsyncIterator[tuple[App, httpx.AsyncClient]]:
    """The app, its status server listening, its transport started; not its scheduler."""
    app = App(config, clock=clock)
    app._prepare()
    await app.observer.start()
    assert app.observer.server is not None
    base = f"http://127.0.0.1:{app.observer.server.port}"
    try:
        if config.telegram.token:  # else the console chat, which would read stdin
            await app.transport.start(app.handlers, app.handlers.press)
        async with httpx.AsyncClient(base_url=base, timeout=5) as client:
            yield app, client
    finally:
        await app.close()


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a Prometheus text exposition, parsed by prometheus_client's parser."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_metrics_parse_and_count_polls_postings_and_durations(tmp_path, boards) -> None:
    from tests.test_poller import PATH

    clock = Clock()
    async with serving(make_config(tmp_path, None, boards.url(PATH)), clock) as (app, http):
        boards.set_json(PATH, {"jobs": [job(1, "Office Manager")]})
        await app.poller.poll("Acme", force=True)
        boards.set_json(PATH, {"jobs": [job(2, "Rust Engineer")]})
        await app.poller.poll("Acme", force=True)
        reply = await http.get("/metrics")
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/plain")
    found = samples(reply.text)
    assert found[("jobbot_polls_total", (("board", "Acme"), ("outcome", "baseline")))] == 1
    assert found[("jobbot_polls_total", (("board", "Acme"), ("outcome", "ok")))] == 1
    assert found[("jobbot_poll_duration_seconds_count", ())] == 2
    assert found[("jobbot_postings_total", (("change", "new"),))] == 1
    assert found[("jobbot_outbox_depth", ())] == 0
    assert found[("jobbot_boards", (("state", "ok"),))] == 1
    assert found[("jobbot_open_postings", ())] == 2  # job 1 missed one poll: not closed yet
    assert found[("jobbot_last_successful_poll_age_seconds", ())] == 0
    assert "_created" not in reply.text, "no *_created series beside the counters"


async def test_healthz_is_200_then_503_while_sending_is_paused_and_stats_says_so(
    tmp_path, tg, boards
) -> None:
    from tests.test_poller import PATH

    clock = Clock()
    async with serving(make_config(tmp_path, tg, boards.url(PATH)), clock) as (app, http):
        bot = Bot(app, tg, boards)
        await bot.jobs(job(1, "Office Manager"))  # the baseline
        await bot.say(USER, "/alert rust")
        boards.set_json(PATH, {"jobs": [job(1, "Office Manager"), job(2, "Rust Engineer")]})
        await app.poller.poll("Acme", force=True)
        clock.now += timedelta(seconds=90)  # the alert goes out 90 s after the job was seen
        assert await app.sender.drain(timeout=5) == 1

        healthy = await http.get("/healthz")
        assert healthy.status_code == 200, healthy.text
        body = healthy.json()
        assert body["status"] == "ok" and body["sending"]["paused"] is False
        assert body["sending"]["transport"] == "telegram"
        assert body["database"]["writable"] is True and body["outbox"]["depth"] == 0
        assert body["last_successful_poll_age_s"] == 90.0
        found = samples((await http.get("/metrics")).text)
        assert found[("jobbot_deliveries_total", (("outcome", "sent"),))] == 1
        assert found[("jobbot_time_to_alert_seconds_sum", ())] == 90.0
        assert found[("jobbot_users", (("state", "active"),))] == 1
        assert found[("jobbot_alerts", (("state", "active"),))] == 1

        stats = await bot.say(ADMIN, "/stats")
        assert stats.startswith("✅ <b>Healthy</b>")
        assert "<b>Users</b>: 1 active, 0 paused, 0 left (/stop, a block or a ban): /users" in stats
        assert "<b>Alerts</b>: 1 (0 paused)" in stats
        assert "polls: 2 (0 failed)" in stats and "messages: 1 sent" in stats
        assert "time to alert: average 1m30s, 100% within 15m" in stats
        assert "0 held for digests, quiet hours or pauses" in stats
        assert "<b>Exchange rates</b>: none (a salary filter with a currency" in stats
        assert math.isnan(found[("jobbot_exchange_rates_age_days", ())])
        app.store.rates.save_rates(Rates(date(2026, 5, 1), {"EUR": 1.0, "USD": 1.1}))
        stats = await bot.say(ADMIN, "/stats")
        assert "<b>Exchange rates</b>: of 1 May 2026, 2 currencies" in stats
        found = samples((await http.get("/metrics")).text)
        assert found[("jobbot_exchange_rates_age_days", ())] >= 0
        assert "Sorry, only the bot's admins" in await bot.say(USER, "/stats")

        tg.reject_token()  # the token is revoked: the next job cannot go out
        boards.set_json(PATH, {"jobs": [job(1, "Office Manager"), job(3, "Rust Lead")]})
        await app.poller.poll("Acme", force=True)
        await app.sender.drain(timeout=2)
        assert app.sender.paused
        paused = await http.get("/healthz")
    assert paused.status_code == 503
    body = paused.json()
    assert body["sending"]["paused"] is True and body["outbox"]["depth"] == 1
    assert body["reasons"] == [f"sending paused: {app.sender.paused}"]
    assert TOKEN not in paused.text


async def test_healthz_is_503_while_the_database_takes_no_writes(tmp_path, boards) -> None:
    clock = Clock()
    config = make_config(tmp_path, None, boards.url("/jobs"))
    async with serving(config, clock) as (app, http):
        app.observer.probe_timeout = 0.05  # how long the probe waits for the other writer
        healthy = await http.get("/healthz")
        assert healthy.status_code == 200
        assert healthy.json()["sending"]["transport"] == "console"  # no token: no Telegram
        other = sqlite3.connect(config.storage.path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
        try:
            locked = await http.get("/healthz")
        finally:
            other.execute("ROLLBACK")
            other.close()
        again = await http.get("/healthz")
    assert locked.status_code == 503
    reasons = locked.json()["reasons"]
    assert len(reasons) == 1 and reasons[0].startswith("database not writable: ")
    assert "locked by another program" in reasons[0]
    assert locked.json()["database"]["writable"] is False
    assert again.status_code == 200


async def test_polls_that_stop_succeeding_make_it_unhealthy(tmp_path, boards) -> None:
    from tests.test_poller import PATH

    clock = Clock()
    async with serving(make_config(tmp_path, None, boards.url(PATH)), clock) as (app, http):
        boards.set_json(PATH, {"jobs": [job(1, "Office Manager")]})
        await app.poller.poll("Acme", force=True)
        boards.set(PATH, "down", status=500)
        clock.now += timedelta(hours=3)  # three intervals of the board
        assert (await http.get("/healthz")).status_code == 200
        clock.now += timedelta(seconds=1)
        await app.poller.poll("Acme", force=True)
        stale = await http.get("/healthz")
        missing = await http.get("/nothing")
        posted = await http.post("/healthz")
    assert stale.status_code == 503
    assert stale.json()["reasons"] == [
        "1 of 1 enabled board overdue, each without a successful poll for 3 of its intervals "
        "(the last good poll of any board: 3h ago)"
    ]
    assert stale.json()["boards"] == {"enabled": 1, "failing": 1, "overdue": 1}
    assert missing.status_code == 404 and posted.status_code == 405


def three_boards(tmp_path: Path, boards) -> cfg.Config:
    """Two boards polled every 15 minutes and one polled daily, as in the example config."""
    listed = [("Acme", "15m"), ("Beta", "15m"), ("Daily", "1d")]
    for name, _ in listed:
        boards.set_json(f"/v1/boards/{name.lower()}/jobs", {"jobs": [job(1, "Office Manager")]})
    return cfg.from_dict(
        {
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "server": {"listen": "127.0.0.1:0"},
            "boards": [
                {"name": name, "kind": "greenhouse", "interval": every,
                 "url": boards.url(f"/v1/boards/{name.lower()}/jobs")}
                for name, every in listed
            ],
        }
    )  # fmt: skip


async def test_a_daily_board_no_longer_hides_that_the_others_stopped(tmp_path, boards) -> None:
    """Each board is judged by its own interval: when most boards are overdue (the network is
    down, say), the bot is unhealthy within 3 x 15 minutes, not 3 days of the daily board."""
    clock = Clock()
    async with serving(three_boards(tmp_path, boards), clock) as (app, http):
        for name in ("Acme", "Beta", "Daily"):
            await app.poller.poll(name, force=True)
        for name in ("acme", "beta", "daily"):
            boards.set(f"/v1/boards/{name}/jobs", "down", status=503)
        clock.now += timedelta(minutes=45)  # three of the fast boards' intervals: not yet over
        assert (await http.get("/healthz")).status_code == 200
        clock.now += timedelta(minutes=1)
        stale = await http.get("/healthz")
    assert stale.status_code == 503
    assert stale.json()["reasons"] == [
        "2 of 3 enabled boards overdue, each without a successful poll for 3 of its intervals "
        "(the last good poll of any board: 46m ago)"
    ]


async def test_one_board_failing_alone_leaves_the_bot_healthy(tmp_path, boards) -> None:
    """Its trouble is its own (counted as failing, told to the admins); a restart cannot fix it."""
    clock = Clock()
    async with serving(three_boards(tmp_path, boards), clock) as (app, http):
        boards.set("/v1/boards/acme/jobs", "down", status=503)
        for hour in range(1, 4):
            clock.now = START + timedelta(hours=hour)
            for name in ("Acme", "Beta", "Daily"):
                await app.poller.poll(name, force=True)
        health = await http.get("/healthz")
    assert health.status_code == 200, health.text
    assert health.json()["boards"] == {"enabled": 3, "failing": 1, "overdue": 1}


async def test_started_while_telegram_is_unreachable_it_polls_and_connects_when_it_can(
    tmp_path, tg, boards, caplog
) -> None:
    """Telegram (or the network) down at boot: the boards are polled, the alert waits in the
    outbox, /healthz says why sending is down (200: a restart cannot help), the failure is
    logged once for the streak, and the bot connects and delivers once Telegram answers."""
    from tests.test_poller import PATH

    clock, api_url = Clock(), tg.api_url
    tg.stop()  # nothing listens on its port: connections are refused
    boards.set_json(PATH, {"jobs": [job(1, "Office Manager")]})
    app = App(make_config(tmp_path, tg, boards.url(PATH)), clock=clock)
    app.store.users.subscribe(USER, START)
    app.store.alerts.add_alert(USER, "rust", START)
    app.connector.base = 0.02  # seconds before the first retry; then doubling
    stop = asyncio.Event()
    running = asyncio.create_task(app.run(stop))
    try:
        await until(lambda: app.observer.metrics.total("jobbot_polls_total") >= 1)
        boards.set_json(PATH, {"jobs": [job(1, "Office Manager"), job(2, "Rust Engineer")]})
        await app.poller.poll("Acme", force=True)
        await until(lambda: app.connector.failures >= 3)
        assert app.observer.server is not None
        async with httpx.AsyncClient(timeout=5) as http:
            health = await http.get(f"http://127.0.0.1:{app.observer.server.port}/healthz")
        tg.start()  # Telegram answers again, on the same port
        await tg.wait_for_async(lambda sent: any("Rust Engineer" in m.text for m in sent), 20)
        tg.push_text(USER, "/help")
        await tg.wait_for_async(2, 20)  # it receives commands too
    finally:
        stop.set()
        await running
    assert health.status_code == 200, health.text
    body = health.json()
    assert body["sending"]["state"] == "down" and body["outbox"]["depth"] == 1
    assert body["sending"]["reason"].startswith(f"cannot reach Telegram at {api_url}: ")
    said = [r for r in caplog.records if r.getMessage().startswith("cannot reach Telegram")]
    assert [r.levelno for r in said if r.levelno >= logging.INFO] == [logging.WARNING]
    assert "; retrying in " in said[0].getMessage()
    assert TOKEN not in caplog.text


async def test_a_token_refused_once_telegram_answers_stops_the_bot_as_a_config_fault(
    tmp_path, tg, boards, caplog
) -> None:
    api_url = tg.api_url
    tg.stop()
    app = App(make_config(tmp_path, tg, boards.url("/jobs")), clock=Clock())
    app.connector.base = 0.02
    stop = asyncio.Event()
    running = asyncio.create_task(app.run(stop))
    await until(lambda: app.connector.failures >= 1)
    tg.reject_token()
    tg.start()
    await asyncio.wait_for(running, 20)  # it stopped itself
    assert isinstance(app.supervisor.error, ConfigError)
    assert app.supervisor.error.problems == [
        f"telegram.token in <dict>: Telegram rejected the bot token (Telegram at {api_url} "
        "answered Unauthorized); set the token @BotFather gave the bot"
    ]
    assert "Traceback" not in caplog.text and TOKEN not in caplog.text


def test_server_listen_is_checked_in_the_config() -> None:
    with pytest.raises(ConfigError) as caught:
        cfg.from_dict({"server": {"listen": "localhost"}})
    assert caught.value.problems == [
        "server.listen: 'localhost' is not host:port, like 127.0.0.1:9464"
    ]
    assert cfg.from_dict({}).server.listen is None
    assert cfg.from_dict({"server": {"listen": "[::1]:9464"}}).server.listen == "[::1]:9464"


def _observer(db: Db, listen: str | None = None) -> Observer:
    return Observer(db, lambda: LinkStatus(), Clock(), listen)


def test_time_to_alert_unreadable_is_logged_once_and_counting_goes_on(tmp_path, caplog) -> None:
    db = Db.open(tmp_path / "jobbot.db")
    observer = _observer(db)
    db.conn.close()  # time to alert reads when postings were first seen: it now cannot
    sent = Sent(USER, (1,), START)
    observer.event(sent)
    observer.event(sent)
    observer.event(Polled("Acme", "ok"))
    found = samples(observer.metrics.text().decode())
    assert found[("jobbot_deliveries_total", (("outcome", "sent"),))] == 2
    assert found[("jobbot_polls_total", (("board", "Acme"), ("outcome", "ok")))] == 1
    warned = [r for r in caplog.records if "first seen" in r.getMessage()]
    assert len(warned) == 1 and "Cannot operate on a closed database" in warned[0].getMessage()


async def test_an_in_memory_database_is_read_on_its_own_connection() -> None:
    db = Db.open(":memory:")
    try:
        health = await _observer(db).health()
    finally:
        db.close()
    assert health.body["database"]["writable"] is True and health.body["outbox"]["depth"] == 0


async def test_a_status_port_in_use_stops_the_bot_with_one_clear_line(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        db = Db.open(tmp_path / "jobbot.db")
        try:
            with pytest.raises(JobbotError) as caught:
                await _observer(db, f"127.0.0.1:{port}").start()
        finally:
            db.close()
    assert str(caught.value).startswith(f"cannot serve /healthz and /metrics on 127.0.0.1:{port}: ")
    assert "in use" in str(caught.value)
