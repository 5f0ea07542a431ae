"""Commands end to end through the fake Bot API: chats answered concurrently but each in order,
a locked database, odd arguments, long replies split, flood control and errors on replies."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import config as cfg
from bot.app import App
from tests.conftest import FIXTURES
from tests.fake_telegram import MAX_TEXT_UTF16, FakeTelegram, utf16_len
from tests.waiting import until

TOKEN = "123456789:AAFakeTokenForTestsOnly_xyz"
ADMIN, USER = 1001, 2002
pytestmark = pytest.mark.timeout(30)


@contextlib.asynccontextmanager
async def running(tmp_path: Path, tg: FakeTelegram) -> AsyncIterator[App]:
    """The whole app, no boards, talking to the fake Telegram; ADMIN is its admin."""
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url, "admins": [ADMIN]},
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "polling": {"allow_private_hosts": True},
        }
    )
    app = App(config)
    stop = asyncio.Event()
    run = asyncio.create_task(app.run(stop))
    try:
        yield app
    finally:
        stop.set()
        await asyncio.wait_for(run, 10)


async def replies(tg: FakeTelegram, chat: int, n: int, timeout: float = 5.0) -> list[str]:
    """Wait until `chat` has `n` messages; return their HTML texts."""
    await tg.wait_for_async(lambda sent: len(tg.messages_to(chat)) >= n, timeout)
    return [m.text for m in tg.messages_to(chat)]


async def test_a_slow_addboard_holds_up_no_one_else_and_each_chat_stays_in_order(
    tmp_path, tg, boards
) -> None:
    gate = threading.Event()
    feed = (FIXTURES / "sources/rss/wwr.rss").read_bytes()
    boards.set("/feed", feed, content_type="application/rss+xml", gate=gate)
    async with running(tmp_path, tg):
        tg.push_text(ADMIN, f"/addboard {boards.url('/feed')} Slow")
        tg.push_text(ADMIN, "/help")
        await until(lambda: boards.requests)  # the board is being fetched, and stays silent
        tg.push_text(USER, "/help")
        try:
            [help_] = await replies(tg, USER, 1)
            assert "jobbot commands" in help_
            assert not tg.messages_to(ADMIN), "the admin's /help waits for their /addboard"
        finally:
            gate.set()
        added, admin_help = await replies(tg, ADMIN, 2)
    assert added.startswith("Added <b>Slow</b> (rss)"), added
    assert "jobbot commands" in admin_help and "/addboard" in admin_help


async def test_a_locked_database_answers_busy_and_the_command_works_once_released(
    tmp_path, tg, caplog
) -> None:
    async with running(tmp_path, tg):
        tg.push_text(USER, "/start")
        await replies(tg, USER, 1)
        locker = sqlite3.connect(tmp_path / "jobbot.db", isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            tg.push_text(USER, "/alert rust")
            busy = (await replies(tg, USER, 2))[1]
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        tg.push_text(USER, "/alert rust")
        saved = (await replies(tg, USER, 3))[2]
    assert "busy" in busy and "try again" in busy, busy
    assert "Alert #1 saved: <b>rust</b>" in saved
    lines = [r for r in caplog.records if "busy" in r.getMessage()]
    assert len(lines) == 1 and lines[0].exc_info is None and lines[0].levelno == logging.WARNING


async def test_odd_ids_and_long_echoes_get_a_clear_short_answer(tmp_path, tg) -> None:
    inputs = {
        "/delete ²": "“²” is not an alert id",
        "/delete 99999999999999999999": "“99999999999999999999” is not an alert id",
        "/delete -3": "“-3” is not an alert id",
        "/delete #٣": "is not an alert id",  # an Arabic-Indic three: a digit, not ours
        "/delete 7": "You have no alert #7",
        "/help " + "x" * 5000: "There is no /xxx",
        "/" + "q" * 5000: "I don't know /qqq",
    }
    async with running(tmp_path, tg):
        for text in inputs:
            tg.push_text(USER, text)
        got = await replies(tg, USER, len(inputs))
    for (text, want), reply in zip(inputs.items(), got, strict=True):
        assert want in reply, f"{text[:30]!r} -> {reply!r}"
        assert len(reply) < 200, "echoed input is shortened"
    assert "…" in got[-1] and "…" in got[-2]
    assert not tg.errors


async def test_fifty_long_alerts_page_by_ten_each_page_within_the_limit(tmp_path, tg) -> None:
    async with running(tmp_path, tg) as app:
        app.store.users.subscribe(USER, app.clock())
        queries = []
        for i in range(50):  # 200 characters each, the most allowed; emoji count twice
            query = f"{i:02d} r&d <c++> 😀 " + " ".join(f"word{i}x{j}" for j in range(40))
            queries.append(query[:200])
            app.store.alerts.add_alert(USER, queries[-1], app.clock())
        tg.push_text(USER, "/alerts")
        [menu] = [m for m in await tg.wait_for_async(1) if m.chat_id == USER]
        pages = [menu]
        for n in range(1, 5):
            nxt = next(b for row in pages[-1].reply_markup["inline_keyboard"] for b in row
                       if "Next" in b["text"])  # fmt: skip
            tg.push_callback(pages[-1], nxt["callback_data"])
            await until(lambda n=n: len(tg.edited) >= n)
            pages.append(tg.edited[-1])
    assert not tg.errors
    assert all(utf16_len(m.visible_text) <= MAX_TEXT_UTF16 for m in pages)
    shown = [line for m in pages for line in m.visible_text.splitlines() if line.startswith("#")]
    assert [line.split()[0] for line in shown] == [f"#{i}" for i in range(1, 51)]
    assert "(page 5 of 5)" in pages[-1].visible_text
    last_buttons = [b["text"] for row in pages[-1].reply_markup["inline_keyboard"] for b in row]
    assert "◀ Prev" in last_buttons and not any("Next" in t for t in last_buttons)


async def test_a_reply_hit_by_flood_control_or_a_server_error_is_retried(
    tmp_path, tg, caplog
) -> None:
    async with running(tmp_path, tg):
        tg.fail_next(USER, status=429, retry_after=1)
        tg.push_text(USER, "/help")
        [help_] = await replies(tg, USER, 1)
        tg.fail_next(USER, status=502, description="Bad Gateway")
        tg.push_text(USER, "/alerts")
        no_alerts = (await replies(tg, USER, 2))[1]
        tg.fail_next(USER, status=400, description="Bad Request: chat not found")
        tg.push_text(USER, "/help")  # refused for good: logged once, not sent again
        tg.push_text(USER, "/alerts")
        later = await replies(tg, USER, 3)
    assert "jobbot commands" in help_ and "You have no alerts" in no_alerts
    assert len(later) == 3 and "You have no alerts" in later[2], later
    codes = [e[1] for e in tg.errors]
    assert codes.count(429) == 1 and codes.count(502) == 1 and codes.count(400) == 1, tg.errors
    lost = [r for r in caplog.records if "chat not found" in r.getMessage().lower()]
    assert len(lost) == 1 and lost[0].exc_info is None
