"""Fetching the chat's updates while the bot runs: Telegram refusing the token to getUpdates
(revoked at @BotFather) stops the bot as a configuration fault; another program polling the
same token (409 Conflict: a second jobbot after a move to a new machine) is one ERROR line a
streak, /healthz 503 while it lasts, and one line when it is over; never PTB's tracebacks.

The fake Bot API plays Telegram; waits are on conditions, never fixed sleeps."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest

from bot.app import App
from bot.errors import ConfigError
from bot.receiving import Receiving
from tests.fake_telegram import FakeTelegram
from tests.test_observe import START, TOKEN, USER, Clock, make_config, samples, serving
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)
CONFLICT = "another program is fetching this bot's updates"


def conflicts(tg: FakeTelegram) -> int:
    """The 409s the fake answered."""
    return sum(status == 409 for _, status, _ in tg.errors)


def said(caplog: pytest.LogCaptureFixture, words: str) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in caplog.records if words in r.getMessage()]


def quiet_ptb(caplog: pytest.LogCaptureFixture) -> None:
    """python-telegram-bot said nothing above INFO, and nothing logged a traceback."""
    loud = [r for r in caplog.records if r.name.startswith("telegram") and r.levelno > logging.INFO]
    assert loud == [] and "Traceback" not in caplog.text


async def test_a_token_revoked_while_running_stops_the_bot_as_a_config_fault(
    tmp_path, tg, boards, caplog
) -> None:
    """It used to log PTB's traceback, stop fetching updates for good and run on, deaf, with
    /healthz 200: now the supervisor stops it as a token refused at start-up (exit status 2,
    which systemd does not restart), in one line naming where the token was set."""
    caplog.set_level(logging.INFO)
    app = App(make_config(tmp_path, tg, boards.url("/jobs")), clock=Clock())
    stop = asyncio.Event()
    running = asyncio.create_task(app.run(stop))
    await until(lambda: tg.long_polls >= 1, 20)  # it listens
    tg.reject_token()
    await asyncio.wait_for(running, 20)  # it stopped itself
    assert isinstance(app.supervisor.error, ConfigError)
    problem = (
        f"telegram.token in <dict>: Telegram rejected the bot token (Telegram at {tg.api_url} "
        "answered Unauthorized to getUpdates); set the token @BotFather gave the bot"
    )
    assert app.supervisor.error.problems == [problem]
    assert said(caplog, "rejected the bot token") == [
        (logging.ERROR, f"{problem}; stopping jobbot")
    ]
    quiet_ptb(caplog)
    assert TOKEN not in caplog.text


async def test_a_second_instance_on_the_token_is_one_error_a_503_and_one_line_when_over(
    tmp_path, tg, boards, caplog
) -> None:
    caplog.set_level(logging.INFO)
    async with serving(make_config(tmp_path, tg, boards.url("/jobs")), Clock()) as (app, http):
        app.receiving.quiet = 0.0  # over at the first answer without a 409
        tg.conflict()
        await until(lambda: conflicts(tg) >= 3, 20)  # PTB retries 1 s, then 1.5 s apart
        health = await http.get("/healthz")
        found = samples((await http.get("/metrics")).text)
        tg.conflict(False)  # the other one stopped
        await until(lambda: app.receiving.status.state == "up", 20)
        tg.push_text(USER, "/help")
        await tg.wait_for_async(1)  # it answers commands again
        healthy = await http.get("/healthz")
    assert health.status_code == 503, health.text
    body = health.json()
    [reason] = body["reasons"]
    assert reason == (
        f"{CONFLICT} (Telegram 409 Conflict: terminated by other getUpdates request; make sure "
        "that only one bot instance is running): stop the other jobbot (another machine or "
        "container with this token)"
    )
    assert body["receiving"]["state"] == "conflict" and body["receiving"]["reason"] == reason
    assert body["sending"]["state"] == "up"
    assert found[("jobbot_telegram_updates", (("state", "conflict"),))] == 1
    assert found[("jobbot_telegram_updates", (("state", "up"),))] == 0
    assert healthy.status_code == 200 and healthy.json()["receiving"]["state"] == "up"
    assert said(caplog, CONFLICT) == [
        (
            logging.ERROR,
            f"{reason}; until then the two share the commands and both send every alert",
        )
    ]
    [(level, over)] = said(caplog, "alone again")
    assert level == logging.INFO and over.startswith("this bot's updates come to this jobbot")
    quiet_ptb(caplog)


async def test_telegram_unreachable_for_getupdates_is_one_warning_and_one_line_when_over(
    tmp_path, tg, boards, caplog
) -> None:
    """A 502 for each getUpdates: one WARNING once 3 in a row failed, reported in /healthz but
    healthy (the commands wait at Telegram, a restart would not help), one line at the end."""
    caplog.set_level(logging.INFO)
    async with serving(make_config(tmp_path, tg, boards.url("/jobs")), Clock()) as (app, http):
        tg.outage(502, method="getUpdates")
        await until(lambda: app.receiving.status.state == "down", 20)
        health = await http.get("/healthz")
        tg.outage(None)
        await until(lambda: app.receiving.status.state == "up", 20)
    assert health.status_code == 200, health.text
    assert health.json()["receiving"] == {
        "state": "down", "reason": "Bad Gateway", "since": START.isoformat()
    }  # fmt: skip
    [(level, down)] = said(caplog, "cannot fetch updates")
    assert level == logging.WARNING and "3 tries in a row failed; last: Bad Gateway" in down
    assert said(caplog, "fetching updates from Telegram again") == [
        (logging.INFO, "fetching updates from Telegram again after 0s")
    ]
    quiet_ptb(caplog)


def test_a_conflict_with_answers_between_its_409s_is_one_streak(caplog) -> None:
    """Two programs polling one token each see 409s in turn, with answers between them: the
    streak is over only once no 409 came for `quiet` seconds."""
    caplog.set_level(logging.INFO)
    now = [0.0]
    receiving = Receiving(lambda: START + timedelta(seconds=now[0]), 90.0, lambda: now[0])
    for second in (0, 5, 40, 100):
        now[0] = second
        receiving.conflict("Conflict: terminated by other getUpdates request")
        now[0] += 2
        receiving.fetched()  # the other one's request was terminated in turn
        assert receiving.status.state == "conflict"
    now[0] = 102 + 90
    receiving.fetched()
    assert receiving.status.state == "up"
    assert [r.levelname for r in caplog.records] == ["ERROR", "INFO"]
    assert caplog.records[1].getMessage().endswith("(a 409 Conflict streak of 3m12s is over)")
