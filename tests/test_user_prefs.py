"""A user's preferences (`bot.prefs.UserPrefs`) as one record: read and written whole by the
store, carried whole by /export and /import; the hourly cap has one bound, which /import
and /settings agree on."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from bot.config import AlertsConfig
from bot.importing import ImportProblem, read
from bot.models import Document
from bot.policy import DeliverySettings
from bot.prefs import DEFAULT_CAP, MAX_CAP, UserPrefs
from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.transport import Incoming
from tests.alerting import USER, say, world_handlers

OTHER = USER + 1
BERLIN = DeliverySettings("Europe/Berlin", "weekly", 17 * 60 + 30, 4, (22 * 60, 7 * 60))


def document(cap: object) -> str:
    settings = {"timezone": "Europe/Berlin", "digest": "off", "quiet": None, "hourly_cap": cap}
    return json.dumps({"jobbot": "export", "version": 1, "alerts": [], "settings": settings})


async def export(handlers: Handlers, chat_id: int) -> bytes:
    reply = await handlers(Incoming(chat_id, "/export", user_id=chat_id))
    assert isinstance(reply, Document)
    return reply.content


def test_the_store_reads_and_writes_the_preferences_whole(store: Stores, now: datetime) -> None:
    assert store.users.prefs(USER) == UserPrefs() == UserPrefs(DeliverySettings(), DEFAULT_CAP)
    store.users.subscribe(USER, now)
    assert store.users.prefs(USER) == UserPrefs()
    store.users.set_prefs(USER, UserPrefs(BERLIN, 7), now)
    assert store.users.prefs(USER) == UserPrefs(BERLIN, 7)
    assert (store.users.settings(USER), store.users.hourly_cap(USER)) == (BERLIN, 7)
    store.import_user_data(USER, [], None, [], now)  # a file without settings keeps them
    assert store.users.prefs(USER) == UserPrefs(BERLIN, 7)
    store.users.forget_user(USER, now)
    assert store.users.prefs(USER) == UserPrefs()


def test_a_cap_stored_over_the_most_reads_as_the_most_everywhere(
    store: Stores, now: datetime
) -> None:
    """A cap /import stored before it was bounded: /settings, delivery and /export read 100."""
    store.users.subscribe(USER, now)
    store.users.set_hourly_cap(USER, 800)
    assert store.users.hourly_cap(USER) == MAX_CAP == store.users.prefs(USER).hourly_cap


@pytest.mark.parametrize(
    ("cap", "kept", "notes"),
    [
        (MAX_CAP, MAX_CAP, ()),
        (1, 1, ()),
        (800, MAX_CAP, ("Instant messages: at most 100 an hour, the most I allow (the file says 800)",)),
    ],
)  # fmt: skip
def test_import_keeps_a_cap_within_the_bound_and_brings_a_larger_one_down_to_it(
    cap: int, kept: int, notes: tuple[str, ...]
) -> None:
    backup = read(document(cap), AlertsConfig(), have=[])
    assert backup.prefs is not None and backup.prefs.hourly_cap == kept
    assert backup.notes == notes


@pytest.mark.parametrize("cap", [0, -3, 2.5, "20", True, None])
def test_import_refuses_a_cap_that_is_no_whole_number_of_at_least_one(cap: object) -> None:
    with pytest.raises(ImportProblem, match="hourly_cap must be a whole number, 1 or more"):
        read(document(cap), AlertsConfig(), have=[])


async def test_an_imported_cap_of_800_is_one_settings_shows_and_accepts(
    store: Stores, now: datetime
) -> None:
    """The bug: /import stored 800, then `/settings cap 800` refused the cap the user had."""
    handlers = world_handlers(store, now)
    reply = await say(handlers, "/import " + document(800))
    assert "at most 100 an hour, the most I allow (the file says 800)" in reply
    assert store.users.prefs(USER) == UserPrefs(DeliverySettings("Europe/Berlin"), MAX_CAP)
    assert "at most 100 an hour" in await say(handlers, "/settings")
    assert "at most 100 instant messages an hour" in await say(handlers, "/settings cap 100")
    assert "from 1 to 100" in await say(handlers, "/settings cap 800")
    assert store.users.hourly_cap(USER) == MAX_CAP


async def test_an_export_imported_elsewhere_keeps_the_settings_and_the_cap(
    store: Stores, now: datetime
) -> None:
    handlers = world_handlers(store, now)
    for command in ("/timezone Europe/Berlin", "/digest weekly fri 17:30", "/quiet 22:00-07:00"):
        await say(handlers, command)
    await say(handlers, "/settings cap 7")
    mine = store.users.prefs(USER)
    assert mine == UserPrefs(BERLIN, 7)
    content = await export(handlers, USER)
    assert json.loads(content)["settings"] == {
        "timezone": "Europe/Berlin",
        "digest": "weekly fri 17:30",
        "quiet": "22:00-07:00",
        "hourly_cap": 7,
    }
    reply = await handlers(Incoming(OTHER, "/import " + content.decode(), user_id=OTHER))
    assert isinstance(reply, str) and "Imported 0 alerts" in reply and "the most" not in reply
    assert store.users.prefs(OTHER) == mine
    again = json.loads(await export(handlers, OTHER))
    assert again["settings"] == json.loads(content)["settings"]
