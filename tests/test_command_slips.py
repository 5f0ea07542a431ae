"""Small slips with commands: "/subscribe rust" was offered /start rust (it asks for an alert),
"/cancel" got "I don't know /cancel", and "/timezone portugal" set the legacy alias "Portugal"
where "lisboa" gives Europe/Lisbon."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.timezones import parse_timezone
from tests.alerting import USER, say, world_handlers


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("/subscribe rust", "I don't know /subscribe. Did you mean <code>/alert rust</code>?"),
        ("/subscribe", "I don't know /subscribe. Did you mean <code>/start</code>?"),  # alone
        ("/abonnieren rust backend", "Did you mean <code>/alert rust backend</code>?"),
        # two letters swapped: the command with them in place, not the nearest by spelling
        ("/alerst", "I don't know /alerst. Did you mean <code>/alerts</code>?"),
        ("/serach rust", "Did you mean <code>/search rust</code>?"),
        ("/alrt rust", "Did you mean <code>/alert rust</code>?"),  # a letter left out
    ],
)
async def test_a_command_we_lack_offers_the_one_meant(handlers, store, text, reply) -> None:
    assert reply in await say(handlers, text)
    assert store.alerts.alerts(USER) == [], "offered, not done"


@pytest.mark.parametrize("text", ["/cancel", "/Cancel", "/abort", "/cancel alert 2"])
async def test_cancel_with_nothing_waiting_says_so_and_what_it_may_mean(handlers, text) -> None:
    reply = await say(handlers, text)
    assert reply.startswith("There's nothing to cancel now. Did you mean /pause"), reply
    assert "<code>/delete &lt;id&gt;</code>" in reply and "/stop" in reply


async def test_cancel_after_edit_asked_ends_the_wait(handlers, store) -> None:
    """✏️ Edit waits for a query; /cancel, a command, ends the wait (the alert unchanged)."""
    await say(handlers, "/alert rust")
    handlers.alert_cmds.awaiting.expect_edit(USER, 1, handlers.clock())
    assert (await say(handlers, "/cancel")).startswith("There's nothing to cancel now.")
    assert "/alert go" in await say(handlers, "go"), "no longer read as alert 1's new query"
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust"]


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("portugal", "Europe/Lisbon"),  # as lisboa and Lisbon give it
        ("Japan", "Asia/Tokyo"),
        ("Israel", "Asia/Jerusalem"),
        ("Poland", "Europe/Warsaw"),
        ("Singapore", "Asia/Singapore"),
        ("Iceland", "Atlantic/Reykjavik"),  # the country's own, not the link's Africa/Abidjan
        ("Hongkong", "Asia/Hong_Kong"),
        ("US/Eastern", "America/New_York"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("calcutta", "Asia/Kolkata"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("saigon", "Asia/Ho_Chi_Minh"),
        ("Europe/Oslo", "Europe/Oslo"),  # a country's own zone, though its clock is Berlin's
        ("Europe/Amsterdam", "Europe/Amsterdam"),
        ("UTC", "UTC"),
        ("GMT", "GMT"),
    ],
)
def test_a_legacy_alias_gives_its_canonical_zone(text: str, zone: str) -> None:
    assert parse_timezone(text) == zone


async def test_timezone_of_a_country_sets_its_canonical_zone(handlers, store) -> None:
    reply = await say(handlers, "/timezone portugal")
    assert reply.startswith("🕒 Your time zone is now <b>Europe/Lisbon</b>"), reply
    assert store.users.settings(USER).timezone == "Europe/Lisbon"


async def test_a_zone_stored_by_its_legacy_name_keeps_working(handlers, store, now) -> None:
    """A zone set before aliases were read as their zone: still shown, still on its clock."""
    await say(handlers, "/timezone Tokyo")
    store.db.execute("UPDATE users SET timezone = 'Japan' WHERE chat_id = ?", (USER,))
    assert store.users.settings(USER).timezone == "Japan"
    local = now.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%H:%M")
    assert local != now.strftime("%H:%M")
    reply = await say(handlers, "/timezone")
    assert reply.startswith("Your time zone is <b>Japan</b> (now ") and f"{local})" in reply, reply


@pytest.mark.parametrize("text", ["/hilfe", "/Hilfe", "/ayuda", "/aide"])
async def test_help_asked_in_another_language_is_answered(handlers, text) -> None:
    """/hilfe is /help (it offered "Did you mean /help?"), and /hilfe digest /help digest."""
    assert (await say(handlers, text)).startswith("<b>jobbot commands</b>")
    assert (await say(handlers, f"{text} digest")).startswith(await say(handlers, "/help digest"))
