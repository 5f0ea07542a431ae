"""Weekdays and weekends: a digest Monday to Friday (/digest weekdays 8am, "mon-fri" never read
as Monday), quiet weekends (/quiet weekends: nothing from Saturday 00:00, one summary on Monday
morning, beside the nightly quiet hours), as the policy times them on an injected clock, as
the store keeps them (migration 0043), as the commands, /settings, /export and /import and
texts in words offer them, and a held job released on Monday through the real sender."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.config import AlertsConfig
from bot.importing import read
from bot.migrations import migrations
from bot.models import OutgoingMessage
from bot.pausetime import parse_weekends
from bot.policy import DeliverySettings, PolicyError, parse_digest, quiet_until, release_at
from bot.prefs import UserPrefs
from bot.store import Stores, fulltext
from bot.telegram import talk
from bot.telegram.asked_when import quiet_asked, worded
from bot.telegram.delivery_modes import next_summary
from bot.telegram.handlers import COMMANDS
from bot.transfer import write
from bot.transport import Incoming, Press
from tests.alerting import USER, say, world_handlers
from tests.test_holding import USER as HOLDER
from tests.test_holding import Clock, held_until, job, make_sender, setup, titles
from tests.test_holding import tg as tg  # the fixtures, shared
from tests.test_holding import transport as transport

BERLIN = "Europe/Berlin"  # summer time in July: UTC+2
NIGHTS = (22 * 60, 7 * 60)


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    """A local time in Berlin in the week of Wed 1 July 2026 (Fri 3, Sat 4, Sun 5, Mon 6), in
    UTC."""
    return datetime(2026, 7, day, hour, minute, tzinfo=UTC) - timedelta(hours=2)


WEEKENDS = DeliverySettings(BERLIN, quiet_weekends=True)
BOTH = DeliverySettings(BERLIN, quiet=NIGHTS, quiet_weekends=True)
DAYTIME = DeliverySettings(BERLIN, quiet=(8 * 60, 9 * 60), quiet_weekends=True)
WEEKDAYS = DeliverySettings(BERLIN, "weekdays", 8 * 60)
DAILY_NO_WEEKENDS = DeliverySettings(BERLIN, "daily", 8 * 60, quiet_weekends=True)
SATURDAY_WEEKLY = DeliverySettings(BERLIN, "weekly", 10 * 60, 5, quiet_weekends=True)


@pytest.mark.parametrize(
    ("settings", "now", "released"),
    [
        # Quiet weekends alone: Saturday 00:00 until Monday 08:00, then each job as it comes.
        (WEEKENDS, berlin(3, 23, 59), None),
        (WEEKENDS, berlin(4, 0), berlin(6, 8)),
        (WEEKENDS, berlin(5, 23, 59), berlin(6, 8)),
        (WEEKENDS, berlin(6, 0, 30), berlin(6, 8)),  # Monday's small hours join the summary
        (WEEKENDS, berlin(6, 8), None),
        (WEEKENDS, berlin(1, 12), None),
        # With quiet hours 22:00-07:00: Friday night's run into the weekend, which ends with them.
        (BOTH, berlin(3, 21, 59), None),
        (BOTH, berlin(3, 22), berlin(6, 7)),
        (BOTH, berlin(4, 15), berlin(6, 7)),
        (BOTH, berlin(6, 6, 59), berlin(6, 7)),
        (BOTH, berlin(6, 7), None),
        (BOTH, berlin(6, 22, 30), berlin(7, 7)),
        # Quiet hours in the day: the weekend ends at 08:00, and they hold on past it.
        (DAYTIME, berlin(4, 12), berlin(6, 9)),
        # A weekday digest: Friday's then Monday's; the weekend's jobs come on Monday.
        (WEEKDAYS, berlin(2, 10), berlin(3, 8)),
        (WEEKDAYS, berlin(3, 9), berlin(6, 8)),
        (WEEKDAYS, berlin(4, 12), berlin(6, 8)),
        (WEEKDAYS, berlin(6, 7, 59), berlin(6, 8)),
        (WEEKDAYS, berlin(6, 8), berlin(7, 8)),
        # A digest due at the weekend waits for Monday's end of it, as one in quiet hours does.
        (DAILY_NO_WEEKENDS, berlin(3, 9), berlin(6, 8)),
        (DAILY_NO_WEEKENDS, berlin(6, 8), berlin(7, 8)),
        (SATURDAY_WEEKLY, berlin(1, 12), berlin(6, 8)),
    ],
)
def test_release_times_over_a_week(
    settings: DeliverySettings, now: datetime, released: datetime | None
) -> None:
    assert release_at(settings, now) == released


def test_quiet_weekends_follow_the_users_zone_and_notices_wait_them_out() -> None:
    """Saturday in Tokyo begins on Friday in UTC; the bot's own notices (`quiet_until`) wait
    for Monday as jobs do."""
    tokyo = DeliverySettings("Asia/Tokyo", quiet_weekends=True)
    friday_utc = datetime(2026, 7, 3, 15, 30, tzinfo=UTC)  # Sat 00:30 in Tokyo
    assert quiet_until(tokyo, friday_utc) == datetime(2026, 7, 5, 23, 0, tzinfo=UTC)
    assert quiet_until(DeliverySettings("Asia/Tokyo"), friday_utc) is None


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("weekdays 8am", ("weekdays", 480, 0)),
        ("mon-fri 8am", ("weekdays", 480, 0)),
        ("Mon–Fri 8am", ("weekdays", 480, 0)),
        ("monday to friday at 8am", ("weekdays", 480, 0)),
        ("every weekday at 9", ("weekdays", 540, 0)),
        ("daily on weekdays at 8am", ("weekdays", 480, 0)),
        ("8am weekdays", ("weekdays", 480, 0)),
        ("weekdays only 7:30", ("weekdays", 450, 0)),
        ("Mo-Fr 8 Uhr", ("weekdays", 480, 0)),
        ("wochentags 8 uhr", ("weekdays", 480, 0)),
        ("weekly friday 17:30", ("weekly", 1050, 4)),
        ("fridays 5pm", ("weekly", 1020, 4)),
        ("weekly thurs 9", ("weekly", 540, 3)),
    ],
)
def test_a_digest_monday_to_friday_as_people_write_it(
    typed: str, read_as: tuple[str, int, int]
) -> None:
    assert parse_digest(typed) == read_as


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("mon-wed 8am", "“mon-wed” is not a day"),
        ("sat-sun 10am", "“sat-sun” is not a day"),
        ("weekly mon,fri 8am", "is not a day"),
        ("weekends 10am", "/digest weekdays 8am"),
        ("weekdays 8am and sunday", "/digest weekdays 8am"),
        ("weekdays 25:00", "is not a time"),
    ],
)
def test_what_the_digest_parser_cannot_read_whole_is_refused(typed: str, why: str) -> None:
    """Bug: "mon-fri 8am" was read as a weekly digest on Mondays, silently."""
    with pytest.raises(PolicyError, match=why):
        parse_digest(typed)


@pytest.mark.parametrize(
    ("typed", "on"),
    [("weekends", True), ("on weekends", True), ("Weekend", True), ("sat-sun", True),
     ("am Wochenende", True), ("weekends off", False), ("weekend aus", False),
     ("22-7", None), ("off", None), ("weekends at 10", None)],
)  # fmt: skip
def test_quiet_weekends_as_typed(typed: str, on: bool | None) -> None:
    assert parse_weekends(typed) is on


def test_migration_0043_adds_quiet_weekends_off_for_everyone(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    fulltext.register(conn)
    db = Database(conn)
    names = [m.name for m in migrations._migrations]
    migrations.apply(db, stop_before=names[names.index("0043_users_quiet_weekends") :])
    db.execute(
        "INSERT INTO users (chat_id, state, created_at, updated_at, quiet_start, quiet_end) "
        "VALUES (7, 'active', '', '', 1320, 420)"
    )
    db.close()
    store = Stores.open(tmp_path / "old.db")
    try:
        assert store.users.settings(7) == DeliverySettings(quiet=NIGHTS)
        now = datetime(2026, 7, 1, tzinfo=UTC)
        store.users.set_settings(7, DeliverySettings(BERLIN, "weekdays", quiet_weekends=True), now)
        kept = store.users.settings(7)
        assert (kept.mode, kept.quiet, kept.quiet_weekends) == ("weekdays", None, True)
        assert store.users.kept_quiet(7) == NIGHTS, "hours turned off keep their window"
        store.users.forget_user(7, now)
        assert not store.users.settings(7).quiet_weekends
    finally:
        store.close()


def test_export_and_import_carry_quiet_weekends_and_a_weekday_digest() -> None:
    prefs = UserPrefs(DeliverySettings(BERLIN, "weekdays", 480, 0, NIGHTS, True), 20)
    doc = json.loads(write([], prefs, [], datetime(2026, 7, 1, tzinfo=UTC)))
    assert doc["settings"]["digest"] == "weekdays 08:00"
    assert doc["settings"]["quiet_weekends"] is True
    assert read(json.dumps(doc), AlertsConfig(), have=[]).prefs == prefs
    off = json.loads(write([], UserPrefs(), [], datetime(2026, 7, 1, tzinfo=UTC)))
    assert "quiet_weekends" not in off["settings"], "written only when on"
    doc["settings"]["quiet_weekends"] = "yes"
    with pytest.raises(ValueError, match="quiet_weekends must be true or false"):
        read(json.dumps(doc), AlertsConfig(), have=[])


async def test_the_commands_set_both_and_settings_shows_both(store: Stores, now: datetime) -> None:
    """`now` is a Saturday (21 Nov 2026, UTC)."""
    handlers = world_handlers(store, now)
    reply = await say(handlers, "/digest mon-fri 8am")
    assert reply.startswith("📬 Done: you get a digest at 08:00 Monday to Friday (UTC).")
    assert "Next summary: Mon 23 Nov 08:00" in reply
    reply = await say(handlers, "/digest mon-wed 8am")
    assert "I can't use that: “mon-wed” is not a day" in reply and "/digest weekdays 8am" in reply
    await say(handlers, "/digest off")
    await say(handlers, "/quiet 22-7")
    reply = await say(handlers, "/quiet weekends")
    assert reply.startswith("🌙 Done: quiet weekends, Saturday 00:00 to Monday 07:00 (UTC).")
    assert "Next summary: Mon 23 Nov 07:00 (UTC)." in reply
    shown = await handlers(Incoming(USER, "/settings", user_id=USER))
    assert isinstance(shown, OutgoingMessage)
    assert "Delivery: each job as it arrives; quiet 22:00–07:00 and all weekend (UTC)" in shown.html
    assert [b.text for b in shown.buttons[1]] == ["Quiet hours: on", "Quiet weekends: on"]
    reply = await say(handlers, "/quiet off")
    assert reply.startswith("🌙 Done: no quiet hours.")
    assert "Next summary: Mon 23 Nov 08:00 (UTC)." in reply, "the weekend's end without them"
    reply = await say(handlers, "/quiet weekends off")
    assert reply == "🌙 Done: no quiet weekends. Jobs come as they arrive."
    assert next_summary(BOTH, berlin(1, 12)) == (
        "Jobs come as they arrive now; those found 22:00–07:00 come in one summary at 07:00; "
        "those found at the weekend come in one summary on Monday at 07:00."
    ), "said on a weekday"
    assert not store.users.settings(USER).quiet_weekends


async def test_settings_buttons_switch_weekends_and_the_weekday_digest(
    store: Stores, now: datetime
) -> None:
    handlers = world_handlers(store, now)
    await say(handlers, "/settings")
    press, mine = handlers.settings.press_settings, Press(USER, 5, "st:x", USER)
    answer = press(store, mine, "weekends")
    assert answer.toast == "Quiet weekends: Saturday 00:00 to Monday 08:00"
    assert store.users.settings(USER).quiet_weekends
    assert press(store, mine, "weekdays").toast == "Digest Monday to Friday"
    assert store.users.settings(USER).mode == "weekdays"
    assert press(store, mine, "weekends").toast == "Quiet weekends off"


async def test_pause_on_weekends_points_to_quiet_weekends(store: Stores, now: datetime) -> None:
    handlers = world_handlers(store, now)
    for typed in ("/pause on weekends", "/pause every weekend", "/pause weekends"):
        assert "<code>/quiet weekends</code>" in await say(handlers, typed), typed
    assert (await say(handlers, "/pause for the weekend")).startswith("⏸ Paused until Mon")


_COMMANDS = {c.name: c for c in COMMANDS}


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("pause on weekends", "/quiet weekends"),
        ("nothing on weekends", "/quiet weekends"),
        ("no messages on weekends please", "/quiet weekends"),
        ("I don't want any messages on Saturday or Sunday", "/quiet weekends"),
        ("only weekdays", "/quiet weekends"),
        ("daily digest on weekdays at 8am", "/digest weekdays 8am"),
        ("Can I get the digest only on weekdays?", "/digest weekdays"),
    ],
)
def test_weekends_and_weekdays_asked_in_words(text: str, offered: str) -> None:
    assert f"<code>{offered}</code>" in talk.suggestion(text, _COMMANDS)


@pytest.mark.parametrize("text", ["retail jobs with no weekend work", "nurse no weekend shifts"])
def test_a_job_without_weekend_work_is_no_setting(text: str) -> None:
    assert "/quiet weekends" not in talk.suggestion(text, _COMMANDS)


def test_weekends_asked_by_one_who_has_them_already() -> None:
    timed = quiet_asked("no messages on weekends")
    assert timed is not None
    said = worded(timed, DeliverySettings(BERLIN, quiet=NIGHTS, quiet_weekends=True))
    assert said == (
        "Your weekends are quiet already (Europe/Berlin): what they hold comes on Monday at 07:00."
    )


async def test_a_job_found_on_saturday_comes_on_monday_morning(store, tg, transport) -> None:
    """Real store and sender: a job matched on Saturday waits; Monday 07:00 (the end of the
    quiet hours) it comes in one summary with Sunday's; then jobs come as they arrive."""
    saturday = berlin(4, 11)
    clock = Clock(saturday)
    alerts = setup(store, saturday, "rust")
    settings = DeliverySettings(BERLIN, quiet=NIGHTS, quiet_weekends=True)
    store.users.set_settings(HOLDER, settings, saturday)
    sender = make_sender(store, transport, clock)
    job(store, 1, clock(), alerts)
    assert await sender.drain(timeout=1) == 0
    assert held_until(store) == {berlin(6, 7)}
    clock.now = berlin(5, 15)
    job(store, 2, clock(), alerts)
    await sender.drain(timeout=1)
    clock.now = berlin(6, 6, 59)
    await sender.drain(timeout=1)
    assert tg.sent == [], "nothing on the weekend, nor before the quiet hours end"
    clock.now = berlin(6, 7)
    assert await sender.drain(timeout=2) == 1
    assert "2 new jobs</b> held for you" in tg.sent[0].text
    assert titles(tg.sent[0].text) == ["Rust Engineer 1", "Rust Engineer 2"]
    clock.now = berlin(6, 12)
    job(store, 3, clock(), alerts)
    assert await sender.drain(timeout=2) == 1
    assert tg.sent[1].text.startswith("<b>Rust Engineer 3</b>")


async def test_a_weekday_digest_brings_the_weekends_jobs_on_monday(store, tg, transport) -> None:
    friday = berlin(3, 9)
    clock = Clock(friday)
    alerts = setup(store, friday, "rust")
    store.users.set_settings(HOLDER, DeliverySettings(BERLIN, "weekdays", 8 * 60), friday)
    sender = make_sender(store, transport, clock)
    job(store, 1, clock(), alerts)
    clock.now = berlin(4, 10)
    job(store, 2, clock(), alerts)
    await sender.drain(timeout=1)
    assert tg.sent == [] and held_until(store) == {berlin(6, 8)}
    clock.now = berlin(6, 8)
    assert await sender.drain(timeout=2) == 1
    assert "Your weekday digest</b>: 2 new jobs" in tg.sent[0].text
