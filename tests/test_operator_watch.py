"""What an operator watches, as Sam's walk found it wrong: receiving reported `up` while
Telegram was never reached since the start (bug 10), `jobbot_users{state="blocked"}` counting
banned users (bug 11), /stats "✅ Healthy" beside 9 failing boards, and with no admins nine
"not told to the admins" warnings at shutdown. Real app, loopback boards, real HTTP."""

from __future__ import annotations

import asyncio
import logging
import socket
from datetime import timedelta

import httpx
import pytest

from bot import config as cfg
from bot.app import App
from bot.events import BoardFailing
from bot.health import assess
from bot.link import LinkStatus
from bot.receiving import NEVER, NOT_YET, STARTING, Receiving
from bot.store.stats import Figures
from bot.telegram.stats import headline
from tests.test_buttons import Bot
from tests.test_observe import ADMIN, START, TOKEN, USER, Clock, make_config, samples, serving
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_receiving_is_starting_until_an_answer_and_down_when_none_came(caplog) -> None:
    caplog.set_level(logging.INFO)
    clock = Clock()
    receiving = Receiving(clock)
    assert (receiving.status.state, receiving.status.reason) == ("starting", NOT_YET)
    clock.now += timedelta(seconds=STARTING + 1)
    assert receiving.status.state == "down" and receiving.status.reason == NEVER
    assert receiving.status.since == START
    receiving.fetched()
    assert receiving.status.state == "up"
    assert [r.getMessage() for r in caplog.records] == [
        "fetching updates from Telegram for the first time, 2m1s after the start"
    ]
    quick = Receiving(clock)
    quick.fetched()  # the usual start: up, and nothing logged
    assert quick.status.state == "up" and len(caplog.records) == 1
    failing = Receiving(clock)
    for _ in range(Receiving.DOWN_AFTER):
        failing.failed("Bad Gateway")
    assert (failing.status.state, failing.status.reason) == ("down", "Bad Gateway")


async def test_telegram_never_reached_since_the_start_is_not_up(tmp_path, boards) -> None:
    """Sam's bug 10: api_url where nothing listens; /healthz said receiving "up"."""
    clock = Clock()
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": closed_port(), "admins": [ADMIN]},
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "server": {"listen": "127.0.0.1:0"},
            "boards": [{"name": "Acme", "kind": "greenhouse", "url": boards.url("/jobs")}],
        }
    )
    app = App(config, clock=clock)
    stop = asyncio.Event()
    running = asyncio.create_task(app.run(stop))
    try:
        await until(lambda: app.observer.server is not None and app.observer.server.port, 20)
        await until(lambda: app.sender.link.status.state == "down", 20)
        base = f"http://127.0.0.1:{app.observer.server.port}"  # type: ignore[union-attr]
        async with httpx.AsyncClient(base_url=base, timeout=5) as http:
            early = (await http.get("/healthz")).json()["receiving"]
            clock.now += timedelta(seconds=STARTING + 1)
            later = await http.get("/healthz")
            found = samples((await http.get("/metrics")).text)
    finally:
        stop.set()
        await asyncio.wait_for(running, 20)
    assert early == {"state": "starting", "reason": NOT_YET, "since": START.isoformat()}
    assert later.status_code == 200, "reported, not unhealthy: a restart would not help"
    assert later.json()["receiving"] == {
        "state": "down",
        "reason": NEVER,
        "since": START.isoformat(),
    }
    assert found[("jobbot_telegram_updates", (("state", "down"),))] == 1
    assert found[("jobbot_telegram_updates", (("state", "up"),))] == 0
    assert found[("jobbot_telegram_updates", (("state", "starting"),))] == 0


async def test_banned_users_have_a_state_of_their_own_in_metrics(tmp_path, tg, boards) -> None:
    """Sam's bug 11: a ban marks the user 'blocked', and the metric counted it so."""
    from tests.test_poller import PATH

    clock = Clock()
    async with serving(make_config(tmp_path, tg, boards.url(PATH)), clock) as (app, http):
        bot = Bot(app, tg, boards)
        await bot.say(USER, "/alert rust")
        await bot.say(USER + 1, "/alert go")
        await bot.say(ADMIN, f"/ban {USER}")
        found = samples((await http.get("/metrics")).text)
        stats = await bot.say(ADMIN, "/stats")
        await until(lambda: app.receiving.status.state == "up", 20)
        receiving = (await http.get("/healthz")).json()["receiving"]["state"]
    users = {s: found[("jobbot_users", (("state", s),))] for s in ("active", "blocked", "banned")}
    assert users == {"active": 1, "blocked": 0, "banned": 1}
    assert "<b>Users</b>: 1 active, 0 paused, 1 left (/stop, a block or a ban)" in stats
    assert receiving == "up", "once Telegram answered a getUpdates"


def test_stats_says_healthy_only_when_no_board_fails() -> None:
    """Sam's "✅ Healthy" beside "Boards: 10 (9 failing)": /healthz's rule (most boards
    overdue) stays; /stats's headline names any failing board."""
    link, now = LinkStatus(), START

    def head(boards: int, failing: int) -> str:
        figures = Figures(boards=boards, boards_failing=failing, schedule=((3600.0, now),) * boards)
        health = assess(figures, None, link, now, now)
        assert health.healthy, "a failing board is not the bot's trouble"
        return headline(figures, health)

    assert head(10, 0) == "✅ <b>Healthy</b>"
    assert head(10, 1) == "⚠️ <b>1 of 10 boards failing</b> (/boards says why)"
    assert head(10, 9) == (
        "⚠️ <b>9 of 10 boards failing</b> (/boards says why; most at once: check the bot's "
        "network, DNS or proxy)"
    )
    assert head(1, 1) == "⚠️ <b>1 of 1 board failing</b> (/boards says why)"
    late = Figures(boards=2, boards_failing=2, schedule=((60.0, now),) * 2)
    unhealthy = assess(late, None, link, now + timedelta(hours=1), now)
    assert headline(late, unhealthy).startswith("⚠️ <b>Unhealthy</b>: 2 of 2 enabled boards")


async def test_with_no_admins_nothing_is_not_told_at_shutdown(tmp_path, tg, boards, caplog) -> None:
    """Sam's "no admins, still noise": 9 WARNINGs "not told to the admins (shutting down)"
    from a bot with `admins = []`, which has nobody to tell."""
    caplog.set_level(logging.INFO)
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url, "admins": []},
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "boards": [{"name": "Acme", "kind": "greenhouse", "url": boards.url("/jobs")}],
        }
    )
    app = App(config, clock=Clock(), notice_window=600)
    stop = asyncio.Event()
    running = asyncio.create_task(app.run(stop))
    await until(lambda: tg.long_polls >= 1, 20)
    for n in range(9):
        app.notices.report(BoardFailing(f"Board{n}", 3, "HTTP 404", 60.0))
    stop.set()
    await asyncio.wait_for(running, 20)
    assert "not told to the admins" not in caplog.text
    assert not tg.sent, "nobody to send to"
