"""Access end to end through the fake Bot API: invite links, the allowlist, /ban and /unban,
and /broadcast delivered once to every active user through an outage and a restart."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot import config as cfg
from bot.app import App
from bot.models import Delivery
from bot.store import Stores
from bot.telegram.access import BAD_CODE, BANNED, INVITE_ONLY, NOT_ALLOWED, WELCOME
from tests.fake_telegram import FakeTelegram
from tests.test_dedupe import job
from tests.waiting import until

TOKEN = "123456789:AAFakeTokenForTestsOnly_xyz"
ADMIN, ANA, BEN, CAT = 1001, 2002, 3003, 4004
pytestmark = pytest.mark.timeout(30)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@contextlib.asynccontextmanager
async def running(
    tmp_path: Path, tg: FakeTelegram, access: dict[str, Any], clock: Clock | None = None
) -> AsyncIterator[App]:
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url, "admins": [ADMIN]},
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "delivery": {"retry_base": "0.05s"},
            "access": access,
        }
    )
    app = App(config, clock=clock) if clock else App(config)
    stop = asyncio.Event()
    run = asyncio.create_task(app.run(stop))
    try:
        yield app
    finally:
        stop.set()
        await asyncio.wait_for(run, 10)


async def say(tg: FakeTelegram, chat: int, text: str) -> str:
    """Send `text` from `chat` and return the bot's answer."""
    before = len(tg.messages_to(chat))
    tg.push_text(chat, text)
    await tg.wait_for_async(lambda sent: len(tg.messages_to(chat)) > before)
    return tg.messages_to(chat)[before].text


def users(tmp_path: Path) -> set[int]:
    store = Stores.open(tmp_path / "jobbot.db")
    try:
        return {r[0] for r in store.db.execute("SELECT chat_id FROM users")}
    finally:
        store.close()


async def test_invite_links_let_in_as_many_as_they_say_until_they_expire(tmp_path, tg) -> None:
    clock = Clock()
    async with running(tmp_path, tg, {"mode": "invite"}, clock):
        assert await say(tg, ANA, "/start") == INVITE_ONLY.format(id=ANA)
        assert await say(tg, ANA, "/alert rust") == INVITE_ONLY.format(id=ANA)
        assert await say(tg, ANA, "hello") == INVITE_ONLY.format(id=ANA)
        assert await say(tg, ANA, "/start nope") == BAD_CODE
        reply = await say(tg, ADMIN, "/invite 2 1d")
        link = re.search(r"https://t\.me/jobbot_test_bot\?start=([\w-]+)", reply)
        assert link and "Invite: 2 uses, 1 day (until 2026-11-22 09:00 UTC)" in reply, reply
        code = link.group(1)
        assert await say(tg, ANA, f"/start {code}") == WELCOME
        assert "Alert #1 saved" in await say(tg, ANA, "/alert rust")
        assert await say(tg, BEN, f"/start {code}") == WELCOME
        assert await say(tg, CAT, f"/start {code}") == BAD_CODE, "used up"
        late = await say(tg, ADMIN, "/invite")
        other = re.search(r"start=([\w-]+)", late).group(1)
        clock.now += timedelta(days=8)  # the default expiry is 7 days
        assert await say(tg, CAT, f"/start {other}") == BAD_CODE, "expired"
        assert "You're subscribed" in await say(tg, ANA, "/start"), "let in once, stays in"
    assert users(tmp_path) == {ANA, BEN}, "nothing stored about those not let in"


async def test_the_allowlist_lets_in_only_those_listed_and_the_admins(tmp_path, tg) -> None:
    async with running(tmp_path, tg, {"mode": "allowlist", "allow": [ANA]}):
        assert "Welcome to jobbot" in await say(tg, ANA, "/start")
        assert await say(tg, BEN, "/start") == NOT_ALLOWED.format(id=BEN)
        assert await say(tg, BEN, "/help") == NOT_ALLOWED.format(id=BEN)
        assert "Welcome to jobbot" in await say(tg, ADMIN, "/start")
    assert users(tmp_path) == {ANA, ADMIN}


async def test_a_ban_silences_a_user_and_drops_what_waits_for_them(tmp_path, tg) -> None:
    async with running(tmp_path, tg, {"mode": "open"}) as app:
        await say(tg, ANA, "/start")
        app.store.postings.record("A", [job("A", 1)], app.clock())
        app.store.outbox.enqueue([Delivery(ANA, "A:1", ())], app.clock() + timedelta(days=1))
        app.store.db.execute("UPDATE deliveries SET next_attempt_at = '9999'")  # not yet due
        assert "admins" in await say(tg, ANA, f"/ban {BEN}")
        assert await say(tg, ADMIN, f"/ban {ANA}") == (
            f"Banned {ANA} (Ada): no more commands or messages for them."
        )
        assert "Admins can't be banned" in await say(tg, ADMIN, f"/ban {ADMIN}")
        assert await say(tg, ANA, "/start") == BANNED
        assert app.store.users.user(ANA).state == "blocked"
        assert app.store.outbox.delivery_counts() == {"dropped": 1}
        assert "their alerts are on again" in await say(tg, ADMIN, f"/unban {ANA}")
        assert "You're subscribed" in await say(tg, ANA, "/start")
        assert await say(tg, ADMIN, f"/unban {ANA}") == f"{ANA} (Ada) was not banned."


async def test_a_broadcast_reaches_every_active_user_once_through_an_outage_and_a_restart(
    tmp_path, tg
) -> None:
    async with running(tmp_path, tg, {"mode": "open"}) as app:
        for chat in (ANA, BEN, CAT):
            await say(tg, chat, "/start")
        await say(tg, CAT, "/stop")  # asks to confirm: still active
        app.store.users.set_user_state(CAT, "stopped", app.clock())
        tg.outage(502, method="sendMessage")  # updates still arrive: the admin's must
        app.broadcaster.wake()
        tg.push_text(ADMIN, "/broadcast Maintenance <tonight> at 22:00 UTC")
        await until(lambda: sum(e[0].lower() == "sendmessage" for e in tg.errors) >= 3)
    counts = Stores.open(tmp_path / "jobbot.db")
    assert counts.notices.notice_counts(1) == {"pending": 2}, "queued for the two active users"
    counts.close()
    tg.outage(None)
    async with running(tmp_path, tg, {"mode": "open"}) as app:
        await tg.wait_for_async(
            lambda sent: sum("Maintenance" in m.text for m in sent) >= 2, timeout=10
        )
        await until(lambda: app.store.notices.notice_counts(1) == {"sent": 2})
    notices = [m for m in tg.sent if "Maintenance" in m.text]
    assert sorted(m.chat_id for m in notices) == [ANA, BEN], "once each; none to the stopped"
    assert notices[0].visible_text == "Maintenance <tonight> at 22:00 UTC"
    store = Stores.open(tmp_path / "jobbot.db")
    assert tuple(store.db.one("SELECT count(*) FROM notices")) == (1,), (
        "a re-fetched update queues nothing"
    )
    store.close()


async def test_each_chats_refusal_of_a_broadcast_is_handled_and_the_others_get_it(
    tmp_path, tg, caplog
) -> None:
    """A blocked chat is marked blocked and what waited for it dropped; a rejected message
    ends there, said once; a 429 and a 5xx are tried again later and sent."""
    dan = 5005
    clock = Clock()
    async with running(tmp_path, tg, {"mode": "open"}, clock) as app:
        for chat in (ANA, BEN, CAT, dan):
            await say(tg, chat, "/start")
        app.store.postings.record("A", [job("A", 1)], clock())
        app.store.outbox.enqueue([Delivery(ANA, "A:1", ())], clock() + timedelta(days=1))
        tg.block(ANA)
        tg.fail_next(BEN, status=400, description="Bad Request: message is too long")
        tg.fail_next(CAT, status=429, retry_after=30)
        tg.fail_next(dan, status=502, description="Bad Gateway")
        tg.push_text(ADMIN, "/broadcast Maintenance tonight")
        await until(lambda: app.store.notices.notice_counts(1) == {"failed": 2, "pending": 2})
        assert not [m for m in tg.sent if m.text == "Maintenance tonight"]
        clock.now += timedelta(seconds=31)  # past the 429's wait and the 502's backoff
        app.broadcaster.wake()
        await until(lambda: app.store.notices.notice_counts(1) == {"failed": 2, "sent": 2})
        assert app.store.users.user(ANA).state == "blocked"
        assert app.store.outbox.delivery_counts() == {"dropped": 1}, "nothing waits for Ana"
        assert app.store.users.user(BEN).state == "active", "a rejected message blocks no one"
    sent = sorted(m.chat_id for m in tg.sent if m.text == "Maintenance tonight")
    assert sent == [CAT, dan], "once each"
    rejected = [r for r in caplog.records if "broadcast to chat" in r.getMessage()]
    assert len(rejected) == 1 and str(BEN) in rejected[0].getMessage()


async def test_a_broadcast_to_a_group_that_became_a_supergroup_follows_it(tmp_path, tg) -> None:
    group, supergroup = -100, -1001234
    async with running(tmp_path, tg, {"mode": "open"}) as app:
        await say(tg, group, "/start")
        await say(tg, group, "/alert rust")
        tg.fail_next(
            group, status=400, migrate_to_chat_id=supergroup,
            description="Bad Request: group chat was upgraded to a supergroup chat",
        )  # fmt: skip
        tg.push_text(ADMIN, "/broadcast Maintenance tonight")
        await tg.wait_for_async(lambda sent: any("Maintenance" in m.text for m in sent))
        await until(lambda: app.store.notices.notice_counts(1) == {"sent": 1})
        notices = [m.chat_id for m in tg.sent if m.text == "Maintenance tonight"]
        assert notices == [supergroup]
        assert app.store.users.user(group) is None
        assert [a.query for a in app.store.alerts.alerts(supergroup)] == ["rust"]


async def test_a_migration_found_by_a_delivery_carries_the_groups_pending_notices(
    tmp_path, tg
) -> None:
    group, supergroup = -100, -1001234
    async with running(tmp_path, tg, {"mode": "open"}) as app:
        await say(tg, group, "/start")
        now = app.clock()
        app.store.notices.broadcast("Maintenance tonight", ADMIN, now + timedelta(days=1))
        app.store.db.execute("UPDATE notice_deliveries SET next_attempt_at = '9999'")
        app.store.users.migrate_chat(group, supergroup, now)
        app.store.db.execute("UPDATE notice_deliveries SET next_attempt_at = ?", (now.isoformat(),))
        app.broadcaster.wake()
        await tg.wait_for_async(lambda sent: any("Maintenance" in m.text for m in sent))
        assert [m.chat_id for m in tg.sent if "Maintenance" in m.text] == [supergroup]


async def test_a_broadcast_caught_mid_send_by_a_crash_is_sent_at_the_next_start(
    tmp_path, tg, caplog
) -> None:
    """A crash between taking a notice and hearing Telegram's answer leaves it 'sending': the
    next start sends it (at most one duplicate, never none)."""
    store = Stores.open(tmp_path / "jobbot.db")
    now = datetime.now(UTC)
    for chat in (ANA, BEN):
        store.users.subscribe(chat, now)
    assert store.notices.broadcast("Maintenance tonight", ADMIN, now) == 2
    [taken] = store.notices.due_notices(now, limit=1)
    assert store.notices.claim_notice(taken)  # then the process died
    store.close()
    caplog.set_level("INFO", logger="bot.broadcast")
    async with running(tmp_path, tg, {"mode": "open"}) as app:
        await until(lambda: app.store.notices.notice_counts(1) == {"sent": 2})
    assert sorted(m.chat_id for m in tg.sent if "Maintenance" in m.text) == [ANA, BEN]
    assert any("1 broadcast messages were in flight" in r.getMessage() for r in caplog.records)
