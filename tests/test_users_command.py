"""The admins' /users: who uses the bot, each with state, alerts and the jobs sent lately,
read from a real database, and asked for through the fake Bot API."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

from bot.models import Delivery
from bot.store import Stores
from bot.telegram.users_command import SHOWN, users_reply
from tests.test_access import ADMIN, ANA, running, say
from tests.test_dedupe import job

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def sent(store: Stores, chat: int, key: str, when: datetime) -> None:
    store.outbox.enqueue([Delivery(chat, key, ())], when)
    [item] = [i for i in store.outbox.due(when + timedelta(days=30)) if i.posting.key == key]
    store.outbox.mark_sent(item.id, when, 1)


def people(store: Stores) -> None:
    """Carol (active, 3 alerts, one paused; 2 jobs this week, 1 before), Dan (paused until
    the new year, his one alert paused), Eve (blocked the bot), Finn (/stop), Gus (banned),
    and a banned id that never used the bot."""
    who = [(2003, "Carol", "carol"), (2004, "Dan", None), (2005, "Eve", "eve")]
    who += [(2006, "Finn", None), (2007, "Gus", "gus")]
    for i, (chat, name, user) in enumerate(who):
        store.users.subscribe(chat, NOW - timedelta(days=10 - i), user, name)
    store.postings.record("A", [job("A", i) for i in range(3)], NOW - timedelta(days=20))
    alerts = [store.alerts.add_alert(2003, q, NOW).id for q in ("rust", "go", "scala")]
    store.alerts.set_alert_paused(2003, alerts[2], NOW)
    sent(store, 2003, "A:0", NOW - timedelta(days=9))
    sent(store, 2003, "A:1", NOW - timedelta(days=2))
    sent(store, 2003, "A:2", NOW - timedelta(hours=3))
    dan = store.alerts.add_alert(2004, "kotlin", NOW).id
    store.alerts.set_alert_paused(2004, dan, NOW)
    store.users.pause_user(2004, NOW, datetime(2027, 1, 1, tzinfo=UTC))
    store.users.set_user_state(2004, "paused", NOW)
    store.users.set_user_state(2005, "blocked", NOW)
    store.users.forget_user(2006, NOW)
    store.access.ban(2007, ADMIN, NOW)
    store.access.ban(9999, ADMIN, NOW)


def test_users_lists_the_newest_first_with_state_alerts_and_jobs_sent(store: Stores) -> None:
    people(store)
    assert users_reply(store, "", NOW, ADMIN).split("\n") == [
        "👥 <b>5 users</b>: 1 active, 1 paused, 1 stopped (/stop), 1 blocked the bot, 1 banned; "
        "1 more id banned before joining",
        "<code>2007</code> Gus, @gus: ⛔ banned · no alert · 0 jobs in 7 days · joined 6 days ago",
        "<code>2006</code>: stopped (/stop) · no alert · 0 jobs in 7 days · joined 7 days ago",
        "<code>2005</code> Eve, @eve: blocked the bot · no alert · 0 jobs in 7 days · joined 8 days ago",
        "<code>2004</code> Dan: paused until 2027-01-01 · 1 alert, all paused · 0 jobs in 7 days "
        "· joined 9 days ago",
        "<code>2003</code> Carol, @carol: active · 3 alerts (1 paused) · 2 jobs in 7 days "
        "(last today) · joined 10 days ago",
        "/ban &lt;id&gt; removes one; /unban &lt;id&gt; lets them back.",
    ]


def test_users_finds_one_by_name_username_or_id(store: Stores) -> None:
    people(store)
    for find in ("carol", "CAR", "@car", "2003"):
        lines = users_reply(store, find, NOW, ADMIN).split("\n")
        assert [line[:17] for line in lines[:-1]] == ["<code>2003</code>"], find
    for odd in ("99999999999999999999", "²", "-"):
        assert users_reply(store, odd, NOW, ADMIN).startswith("No user has the id"), odd
    nobody = users_reply(store, "zed <b>", NOW, ADMIN)
    assert (
        nobody == "No user has the id or a name with “zed &lt;b&gt;”. /users lists the newest 20."
    )


def test_users_shows_the_newest_and_says_how_to_find_the_rest(store: Stores) -> None:
    for chat in range(SHOWN + 5):
        store.users.subscribe(chat + 1, NOW - timedelta(minutes=chat), None, f"User {chat}")
    lines = users_reply(store, "", NOW, ADMIN).split("\n")
    assert lines[0] == f"👥 <b>{SHOWN + 5} users</b>: {SHOWN + 5} active"
    assert lines[1].startswith("<code>1</code> User 0: active") and len(lines) == SHOWN + 3
    assert lines[-2] == f"… the newest {SHOWN} shown: /users &lt;name or id&gt; finds one."
    assert len(users_reply(store, "", NOW, ADMIN)) < 4096


async def test_users_through_telegram_is_for_admins(tmp_path, tg) -> None:
    async with running(tmp_path, tg, {"mode": "open"}):
        await say(tg, ANA, "/alert rust")
        reply = await say(tg, ADMIN, "/users")
        assert reply.startswith("👥 <b>1 user</b>: 1 active\n"), reply
        assert (
            f"<code>{ANA}</code> Ada: active · 1 alert · 0 jobs in 7 days · joined today" in reply
        )
        refused = await say(tg, ANA, "/users")
        assert refused.startswith("Sorry, only the bot's admins can do that.")
        assert "/users [name or id]" in await say(tg, ADMIN, "/help users")


async def test_users_dates_a_pause_in_the_asking_admins_timezone(tmp_path, tg) -> None:
    """Dan's pause ends at 23:30 UTC on New Year's Eve: 2027-01-01 in Berlin, where the admin
    set /timezone, and still 2026-12-31 to an admin who set none (UTC)."""
    async with running(tmp_path, tg, {"mode": "open"}) as app:
        await say(tg, ANA, "/alert rust")
        await app.worker.run(
            lambda s: s.users.pause_user(ANA, NOW, datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
        )
        await app.worker.run(lambda s: s.users.set_user_state(ANA, "paused", NOW))
        assert "paused until 2026-12-31 ·" in await say(tg, ADMIN, "/users")
        assert "Europe/Berlin" in await say(tg, ADMIN, "/timezone Europe/Berlin")
        assert "paused until 2027-01-01 ·" in await say(tg, ADMIN, "/users ada")


def test_the_longest_users_fit_one_message(store: Stores) -> None:
    """Names at their longest, with characters to escape, a paused state with its date, alerts
    and jobs in the thousands: the newest shown still fit Telegram's 4096 (as it counts them:
    the text after its HTML is read)."""
    long = "Zoë & <Ana> " * 6
    for chat in range(SHOWN + 3):
        store.users.subscribe(-100_000_000_000 - chat, NOW - timedelta(days=999), "x" * 32, long)
        store.users.pause_user(-100_000_000_000 - chat, NOW, datetime(2027, 1, 1, tzinfo=UTC))
        store.users.set_user_state(-100_000_000_000 - chat, "paused", NOW)
    reply = users_reply(store, "", NOW, ADMIN)
    shown = html.unescape(re.sub(r"<[^>]+>", "", reply))
    assert len(shown.encode("utf-16-le")) // 2 <= 4096, len(shown)
    assert "paused until 2027-01-01" in shown and "&lt;Ana&gt;" in reply
