"""Telegram's command menu lists the commands in `handlers.COMMANDS`' order, the order /help
uses (tests/test_docs.py pins that one list): where a new command stands is a UX choice, and a
rarely used one goes last."""

from __future__ import annotations

import pytest

from bot.telegram.handlers import COMMANDS
from bot.telegram.ptb import TelegramTransport
from bot.transport import Incoming

TOKEN = "123456789:AAFakeTokenForTestsOnly_xyz"


async def nothing(message: Incoming) -> None:
    return None


@pytest.mark.timeout(30)
async def test_the_menu_telegram_shows_is_commands_in_their_order(tg) -> None:
    transport = TelegramTransport(TOKEN, tg.api_url)
    try:
        await transport.start(nothing)
    finally:
        await transport.stop()
    private = tg.commands_by_scope[('{"type": "all_private_chats"}', "")]
    assert [c["command"] for c in private] == [c.name for c in COMMANDS]
    assert [c["description"] for c in private] == [c.summary for c in COMMANDS]
