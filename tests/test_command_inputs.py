"""Every command, as an admin and as a user, given hostile or nonsense arguments over the fake
Telegram: each gets a reply that Telegram takes as HTML (a refused markup would fall back to
plain text), within 4096 characters, and none is the "something went wrong" of a bug."""

from __future__ import annotations

import pytest

from bot import config as cfg
from bot.app import App
from bot.telegram.admin import ADMIN_MENU
from bot.telegram.handlers import COMMANDS, OOPS
from tests.fake_telegram import FakeTelegram
from tests.test_buttons import NOW, TOKEN, USER, Bot, job
from tests.test_poller import PATH

ADMIN = 1001
ARGS = (
    "", "0", "-1", "99999999999999999999999", "<b>x</b> &amp; <", "🦀 \u202e\u200b", "#1",
    "https://", "http://[::1", "' OR 1=1 --", "title: ()", "a" * 3000, "1 " + "z" * 300,
)  # fmt: skip
pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize("chat", [ADMIN, USER])
async def test_every_command_answers_nonsense_clearly(tmp_path, tg: FakeTelegram, boards, chat):
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url, "admins": [ADMIN]},
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "delivery": {"per_chat_interval": 0.01},
            "boards": [{"name": "Acme", "kind": "greenhouse", "url": boards.url(PATH)}],
        }
    )
    app = App(config, clock=lambda: NOW)
    app._prepare()
    await app.transport.start(app.handlers, app.handlers.press)
    bot = Bot(app, tg, boards)
    names = [c.name for c in (*COMMANDS, *ADMIN_MENU)]
    try:
        await bot.jobs(job(1, "Senior Rust Engineer"))
        await bot.say(chat, "/alert rust")
        for name in names:
            for arg in ARGS:
                before = len(tg.messages_to(chat))
                await bot.say(chat, f"/{name} {arg}".strip())
                for message in tg.messages_to(chat)[before:]:
                    said = f"/{name} {arg[:20]!r} -> {message.text[:100]!r}"
                    assert (message.parse_mode or "").upper() == "HTML", said
                    assert message.text != OOPS and len(message.text) <= 4096, said
    finally:
        await app.close()
    assert len(tg.messages_to(chat)) >= len(names) * len(ARGS)
