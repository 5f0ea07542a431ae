"""The /alerts menu's callback data keeps its bytes: buttons already sent in users' chats carry
it, so each action's data (`alert_list.menu_data`) is pinned here, as the menu draws it and as
its presses read it."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.models import OutgoingMessage
from bot.store import Stores
from bot.telegram import alert_list
from bot.telegram.alert_presses import INVALID
from bot.telegram.handlers import Handlers
from bot.transport import Incoming, Press
from tests.alerting import USER, world_handlers


@pytest.mark.parametrize(
    ("action", "alert_id", "page", "data"),
    [
        (alert_list.LIST, 0, 1, "a:l:0:1"),
        (alert_list.PAUSE, 12, 1, "a:p:12:1"),
        (alert_list.RESUME, 12, 1, "a:r:12:1"),
        (alert_list.EDIT, 12, 1, "a:e:12:1"),
        (alert_list.ASK_DELETE, 12, 1, "a:d:12:1"),
        (alert_list.DELETE, 12, 1, "a:y:12:1"),
        (alert_list.BACKTEST, 12, 1, "a:b:12:1"),
        (alert_list.DELETE_ALL, 25, 0, "a:A:25:0"),
    ],
)
def test_each_action_of_the_alerts_menu_keeps_its_callback_data(
    action: str, alert_id: int, page: int, data: str
) -> None:
    assert alert_list.menu_data(action, alert_id, page) == data


def _data(message: OutgoingMessage | None) -> dict[str, str]:
    """Each button's label -> its callback data."""
    assert message is not None
    return {b.text: b.data or "" for row in message.buttons for b in row}


async def _press(handlers: Handlers, data: str) -> OutgoingMessage | None:
    answer = await handlers.presses(Press(USER, 7, data))
    assert answer.toast != INVALID, data
    return answer.edit


async def test_the_menu_draws_that_data_and_its_presses_read_it(
    store: Stores, now: datetime
) -> None:
    """Every button of the menu, its confirms and /delete all's carries the pinned data, and a
    press of each is read as its action; data of no action is not valid, as before."""
    handlers = world_handlers(store, now)
    store.users.subscribe(USER, now)
    for i in range(1, 12):
        store.alerts.add_alert(USER, f"word{i}", now)
    menu = await handlers.presses(Press(USER, 7, "a:l:0:1"))
    assert _data(menu.edit) == {
        "⏸ Pause #11": "a:p:11:1",
        "✏️ Edit": "a:e:11:1",
        "🗑 Delete": "a:d:11:1",
        "🔎 7 days": "a:b:11:1",
        "◀ Prev": "a:l:0:0",
    }
    assert _data(await _press(handlers, "a:l:0:0"))["Next ▶"] == "a:l:0:1"
    assert _data(await _press(handlers, "a:p:11:1"))["▶️ Resume #11"] == "a:r:11:1"
    assert "⏸ Pause #11" in _data(await _press(handlers, "a:r:11:1"))
    assert _data(await _press(handlers, "a:e:11:1")) == {"« Back to your alerts": "a:l:0:1"}
    assert _data(await _press(handlers, "a:b:11:1")) == {"« Back to your alerts": "a:l:0:1"}
    asked = await _press(handlers, "a:d:11:1")
    assert _data(asked) == {"🗑 Yes, delete it": "a:y:11:1", "Cancel": "a:l:0:1"}
    await _press(handlers, "a:y:11:1")
    assert [a.id for a in store.alerts.alerts(USER)] == list(range(1, 11))
    reply = await handlers(Incoming(USER, "/delete all"))
    assert isinstance(reply, OutgoingMessage)
    assert _data(reply) == {"🗑 Yes, delete all 10": "a:A:10:0", "Cancel": "a:l:0:0"}
    await _press(handlers, "a:A:10:0")
    assert store.alerts.alerts(USER) == []
    stale = await handlers.presses(Press(USER, 7, "a:x:1:0"))
    assert stale.toast == INVALID and stale.edit is None
