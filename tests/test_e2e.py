"""The whole loop on real parts: a loopback board, the app, and a fake Telegram Bot API over HTTP."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot import config as cfg
from bot.app import App
from tests.board_server import BoardServer
from tests.fake_telegram import FakeTelegram
from tests.test_poller import PATH, gh_job
from tests.waiting import until

TOKEN = "123456789:AAFakeTokenForTestsOnly_xyz"
USER = 4242


def make_config(tmp_path: Path, tg: FakeTelegram, board_url: str, broken_url: str) -> cfg.Config:
    return cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url},
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "boards": [
                {"name": "Acme", "kind": "greenhouse", "url": board_url, "interval": "1s"},
                {"name": "Broken", "kind": "greenhouse", "url": broken_url, "interval": "1s"},
            ],
        }
    )


def baselined(app: App) -> bool:
    board = app.store.boards.board("Acme")
    return bool(board and board.baseline_at)


def polled(boards: BoardServer) -> int:
    """How many times the Acme board was fetched."""
    return sum(path == PATH for path, _ in boards.requests)


def idle(app: App) -> bool:
    """Nothing waits in the outbox: every queued message has been sent (or ended)."""
    counts = app.store.outbox.delivery_counts()
    return not counts.get("pending") and not counts.get("sending")


def replies(tg: FakeTelegram) -> list[str]:
    return [m.text for m in tg.messages_to(USER)]


@pytest.mark.timeout(60)
async def test_alert_arrives_once_and_a_restart_resends_nothing(
    tmp_path, tg, boards, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    boards.set_json(PATH, {"jobs": [gh_job(1, "Office Manager", "&lt;p&gt;Admin&lt;/p&gt;")]})
    boards.set("/broken", "upstream down", status=500)
    config = make_config(tmp_path, tg, boards.url(PATH), boards.url("/broken"))

    app = App(config)
    stop = asyncio.Event()
    run = asyncio.create_task(app.run(stop))
    await until(lambda: baselined(app))

    tg.push_text(USER, "/start")
    tg.push_text(USER, "/alert rust")
    await tg.wait_for_async(lambda sent: len([m for m in sent if m.chat_id == USER]) >= 2)
    assert "Welcome to jobbot!" in replies(tg)[0]
    assert "Alert #1 saved: <b>rust</b>" in replies(tg)[1]

    boards.set_json(PATH, {"jobs": [gh_job(1), gh_job(2, "Senior Rust Engineer")]})
    await tg.wait_for_async(lambda sent: any("Senior Rust Engineer" in m.text for m in sent))
    polls_before_alert = polled(boards)  # more polls of the same board: still one message
    await until(lambda: polled(boards) >= polls_before_alert + 3 and idle(app))
    alerts = [m for m in tg.messages_to(USER) if "Senior Rust Engineer" in m.text]
    assert len(alerts) == 1
    msg = alerts[0]
    assert msg.parse_mode == "HTML" and msg.previews_disabled
    assert msg.text.startswith("<b>Senior Rust Engineer</b>\nAcme Pay · Berlin")
    assert "Matched your alert “rust”" in msg.text
    assert msg.button_urls == ["https://boards.greenhouse.io/acme/jobs/2"]
    stop.set()
    await asyncio.wait_for(run, 10)

    # A restart with the same database re-sends nothing.
    before = len(tg.sent)
    app2 = App(config)
    stop2 = asyncio.Event()
    run2 = asyncio.create_task(app2.run(stop2))
    restarted = polled(boards)
    await until(lambda: polled(boards) >= restarted + 2 and idle(app2))
    stop2.set()
    await asyncio.wait_for(run2, 10)
    assert len(tg.sent) == before

    broken = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.getMessage().startswith("board Broken")
    ]
    assert len(broken) == 2, broken
    assert "HTTP 500" in broken[0], "one warning for the failure streak"
    assert "still failing" in broken[1], "and one at the restart"
    streak = int(broken[1].split("still failing (")[1].split(" ")[0])
    assert f"({streak} poll{'s' if streak != 1 else ''} in a row)" in broken[1], broken[1]
    assert TOKEN not in caplog.text, "the token never reaches a log record"
    assert TOKEN.encode() not in (tmp_path / "jobbot.db").read_bytes()
    assert tg.tokens_seen == {TOKEN}


@pytest.mark.timeout(30)
async def test_bad_input_gets_a_clear_reply_and_nothing_stops(tmp_path, tg, boards) -> None:
    boards.set_json(PATH, {"jobs": [gh_job(1, "Go Engineer")]})
    boards.set("/broken", "{not json")
    app = App(make_config(tmp_path, tg, boards.url(PATH), boards.url("/broken")))
    stop = asyncio.Event()
    run = asyncio.create_task(app.run(stop))
    inputs = {
        "/frobnicate": "I don't know /frobnicate",
        "/alert": "Tell me what to look for",
        "/alert !!!": "I can't use that alert: an alert needs at least one word",
        "/delete 99": "You have no alert #99",
        "/delete": "Which alert?",
        "/delete abc": "is not an alert id",
        "hello there": "Send /alert followed by keywords",
        "/help alert": "<b>/alert &lt;query&gt;</b>",
        "/search go": "No stored job matches" if False else "Go Engineer",
        "/alerts": "You have no alerts",
        "/pause": "Paused",
        "/resume": "Notifications are on again",
        "/stop": "Are you sure?",
    }
    for text in inputs:
        if text == "/search go":
            await until(lambda: baselined(app))
        want = len(replies(tg)) + 1
        tg.push_text(USER, text)
        await tg.wait_for_async(
            lambda sent, n=want: len([m for m in sent if m.chat_id == USER]) >= n
        )
    for (text, want), got in zip(inputs.items(), replies(tg), strict=True):
        assert want in got, f"{text!r} -> {got!r}"
    assert not tg.errors, "every reply was valid Telegram HTML"
    assert not run.done()
    stop.set()
    await asyncio.wait_for(run, 10)


@pytest.mark.timeout(30)
async def test_blocked_user_is_marked_and_start_reactivates(tmp_path, tg, boards) -> None:
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    boards.set("/broken", "x", status=404)
    app = App(make_config(tmp_path, tg, boards.url(PATH), boards.url("/broken")))
    stop = asyncio.Event()
    run = asyncio.create_task(app.run(stop))
    await until(lambda: baselined(app))
    tg.push_text(USER, "/alert rust")
    await tg.wait_for_async(1)
    tg.block(USER)
    boards.set_json(PATH, {"jobs": [gh_job(1), gh_job(2, "Rust Engineer")]})
    await until(lambda: app.store.users.user(USER).state == "blocked")
    assert app.store.alerts.alerts(USER), "alerts are kept"
    assert app.store.outbox.delivery_counts() == {"dropped": 1}
    stop.set()
    await asyncio.wait_for(run, 10)


@pytest.mark.timeout(30)
async def test_admin_commands_reach_admins_only_and_alerts_follow_edits(
    tmp_path, tg, boards
) -> None:
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    boards.set("/broken", "x", status=404)
    config = make_config(tmp_path, tg, boards.url(PATH), boards.url("/broken"))
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url, "admins": [USER]},
            "storage": {"path": config.storage.path},
            "boards": [
                {"name": "Acme", "kind": "greenhouse", "url": boards.url(PATH), "interval": "1s"}
            ],
        }
    )
    app = App(config)
    stop = asyncio.Event()
    run = asyncio.create_task(app.run(stop))
    await until(lambda: baselined(app))
    tg.push_text(USER, "/boards")
    tg.push_text(99, "/boards")
    tg.push_text(USER, "/help")
    tg.push_text(99, "/help")
    await tg.wait_for_async(4)
    assert "<b>Acme</b> (greenhouse" in tg.messages_to(USER)[0].text
    assert tg.messages_to(99)[0].text == "Sorry, only the bot's admins can do that."
    assert (
        "/addboard" in tg.messages_to(USER)[1].text
        and "/addboard" not in tg.messages_to(99)[1].text
    )
    # An alert added, deleted and added again while the bot runs: the index follows.
    for text in ("/alert golang", "/delete 1", "/alert rust"):
        tg.push_text(USER, text)
    await tg.wait_for_async(lambda sent: len(tg.messages_to(USER)) >= 5)
    boards.set_json(
        PATH,
        {
            "jobs": [
                gh_job(1),
                gh_job(2, "Golang Engineer", "&lt;p&gt;Go&lt;/p&gt;"),
                gh_job(3, "Rust Engineer"),
            ]
        },
    )
    await tg.wait_for_async(lambda sent: any(m.text.startswith("<b>Rust Engineer") for m in sent))
    await until(lambda: idle(app))  # the Golang job, routed in the same poll, is not queued
    alerts = [m.text for m in tg.messages_to(USER) if m.button_urls]
    assert len(alerts) == 1 and alerts[0].startswith("<b>Rust Engineer"), alerts
    stop.set()
    await asyncio.wait_for(run, 10)
