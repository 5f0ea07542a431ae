"""[users] timezone: the zone every user starts on and follows until they send /timezone. On a
real store through the real handlers, the sender and the fake Bot API: digests and quiet hours
in the configured zone, a user who chose UTC keeping it, a config change moving the others
(and re-timing what they hold), /stop back to the default, and the upgrade's reading."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from sqlite_utils import Database

from bot import config as cfg
from bot import startup
from bot.models import Delivery, Document, OutgoingMessage
from bot.policy import DeliverySettings
from bot.prefs import UserPrefs
from bot.store import Stores, schema_changes
from bot.telegram.handlers import Handlers
from bot.transport import Incoming
from tests.test_holding import Clock, held_until, job, make_sender, setup
from tests.test_holding import tg as tg  # the fixtures, shared
from tests.test_holding import transport as transport

USER, OTHER = 7, 8
NOW = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)  # Wednesday; Berlin is UTC+2, New York UTC-4
BERLIN_8 = datetime(2026, 7, 2, 6, 0, tzinfo=UTC)  # Thu 08:00 in Berlin


def run_with(store: Stores, zone: str) -> None:
    """A start of the bot with `[users] timezone = zone`."""
    startup.prepare(cfg.from_dict({"users": {"timezone": zone}}), store, NOW)


async def say(handlers: Handlers, text: str, chat: int = USER) -> str:
    reply = await handlers(Incoming(chat, text, user_id=chat))
    assert reply is not None and not isinstance(reply, Document)
    return reply.html if isinstance(reply, OutgoingMessage) else reply


async def test_a_new_user_gets_digests_and_quiet_hours_in_the_configured_zone(
    store, tg, transport
) -> None:
    run_with(store, "Berlin")
    clock = Clock(NOW)
    handlers = Handlers(store.db, clock=clock)
    alerts = setup(store, NOW)
    assert "Your time zone is <b>Europe/Berlin</b>, this bot's default (now Wed 1 Jul 14:00)" in (
        await say(handlers, "/timezone")
    )
    said = await say(handlers, "weekly summary for alert 1")
    assert said.endswith("(Europe/Berlin time: /timezone sets yours)."), said
    reply = await say(handlers, "/digest daily 08:00")
    assert reply.startswith("📬 Done: you get a daily digest at 08:00 (Europe/Berlin)."), reply
    job(store, 1, NOW, alerts)
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    assert tg.sent == [] and held_until(store) == {BERLIN_8}
    clock.now = BERLIN_8
    assert await sender.drain(timeout=2) == 1
    assert "Your daily digest</b>: 1 new job" in tg.sent[0].text
    reply = await say(handlers, "/quiet 22:00-07:00")
    assert "quiet hours 22:00–07:00 (Europe/Berlin)" in reply and "Not your clock?" in reply
    settings = await say(handlers, "/settings")
    assert "Time zone: Europe/Berlin, this bot's default (now Thu 2 Jul 08:00)" in settings
    export = await handlers(Incoming(USER, "/export", user_id=USER))
    assert isinstance(export, Document)
    assert json.loads(export.content)["settings"]["timezone"] == "Europe/Berlin"


async def test_quiet_hours_hold_jobs_until_their_end_in_the_configured_zone(
    store, tg, transport
) -> None:
    night = datetime(2026, 7, 1, 21, 0, tzinfo=UTC)  # 23:00 in Berlin, still day in UTC
    run_with(store, "Europe/Berlin")
    clock = Clock(night)
    handlers = Handlers(store.db, clock=clock)
    alerts = setup(store, night)
    await say(handlers, "/quiet 22-7")
    job(store, 1, night, alerts)
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    assert tg.sent == [] and held_until(store) == {datetime(2026, 7, 2, 5, 0, tzinfo=UTC)}


async def test_one_who_chose_utc_keeps_it_and_a_config_change_moves_the_others(
    store, tg, transport
) -> None:
    run_with(store, "Europe/Berlin")
    clock = Clock(NOW)
    handlers = Handlers(store.db, clock=clock)
    alerts = setup(store, NOW)
    store.users.subscribe(OTHER, NOW)
    other = store.alerts.add_alert(OTHER, "rust", NOW).id
    assert "<b>UTC</b>" in await say(handlers, "/timezone UTC")
    for chat in (USER, OTHER):
        await say(handlers, "/digest daily 08:00", chat)
    job(store, 1, NOW, alerts)
    store.outbox.enqueue([Delivery(OTHER, "B:1", (other,))], NOW)
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    utc_8 = datetime(2026, 7, 2, 8, 0, tzinfo=UTC)
    assert held_until(store) == {utc_8, BERLIN_8}
    assert (await say(handlers, "weekly summary for alert 1")).endswith("(UTC time)."), "chosen"
    assert "default" not in await say(handlers, "/timezone")

    run_with(store, "America/New_York")  # the operator moves the bot's default
    assert store.users.settings(OTHER).timezone == "America/New_York"
    assert store.users.settings(USER).timezone == "UTC", "chose UTC: stays"
    new_york_8 = datetime(2026, 7, 2, 12, 0, tzinfo=UTC)
    assert held_until(store) == {utc_8, new_york_8}, "what the others hold goes at its new time"
    assert store.users.settings(123).timezone == "America/New_York", "and a chat not seen yet"

    store.users.forget_user(USER, NOW)  # /stop: back on the default
    assert store.users.settings(USER).timezone == "America/New_York"
    assert not store.users.settings(USER).own_zone


def test_an_imported_zone_is_the_users_own_unless_it_is_the_default(store) -> None:
    """/import of an export: a zone other than this bot's default is kept as chosen; the
    default itself keeps the user following it."""
    run_with(store, "Europe/Berlin")
    store.users.subscribe(USER, NOW)
    store.users.subscribe(OTHER, NOW)
    for chat, zone in ((USER, "Asia/Tokyo"), (OTHER, "Europe/Berlin")):
        store.users.set_prefs(chat, UserPrefs(DeliverySettings(zone)), NOW)  # as /import does
    run_with(store, "Europe/Lisbon")
    assert store.users.settings(USER).timezone == "Asia/Tokyo"
    assert store.users.settings(OTHER).timezone == "Europe/Lisbon"


def test_the_upgrade_takes_a_zone_other_than_utc_as_chosen() -> None:
    """Migration 0040: before it, UTC was everyone's default, so a user on UTC follows the
    operator's default from now on and one on any other zone keeps theirs."""
    db = Database(sqlite3.connect(":memory:"))
    db.execute("CREATE TABLE users (chat_id INTEGER PRIMARY KEY, timezone TEXT NOT NULL)")
    db.execute("INSERT INTO users VALUES (1, 'UTC'), (2, 'Asia/Tokyo')")
    schema_changes.users_own_zone(db)
    rows = db.execute("SELECT chat_id, own_zone FROM users ORDER BY chat_id").fetchall()
    assert [tuple(r) for r in rows] == [(1, 0), (2, 1)]
