"""Every /help topic is HTML Telegram shows as meant: a <code>…</code> written in a command's
help is a tag, not text ("Add <code>all</code>" showed its tags in /help follow)."""

from __future__ import annotations

import re

import pytest

from bot.telegram.handlers import ADMIN_MENU, COMMANDS
from bot.telegram.help import FILTERS, help_reply, written
from tests.alerting import check_html

TOPICS = ("", "kinds", *(c.name for c in (*COMMANDS, *ADMIN_MENU)), *FILTERS)
SHOWN_AS_TEXT = re.compile(r"&lt;/(?:code|b|i|a)&gt;")  # (/revoke &lt;code&gt;: its argument)


@pytest.mark.parametrize("topic", TOPICS)
def test_no_help_topic_shows_a_tag_as_text(topic: str) -> None:
    reply = help_reply(topic, COMMANDS, ADMIN_MENU, admin=True)
    check_html(reply)
    assert not SHOWN_AS_TEXT.search(reply), reply


def test_help_follow_shows_all_as_code() -> None:
    reply = help_reply("follow", COMMANDS, ADMIN_MENU, admin=False)
    assert "Add <code>all</code> to get every new job" in reply, reply


def test_help_keeps_what_is_no_tag_escaped() -> None:
    assert written("<id> a <code>x > 1</code> & <b>") == (
        "&lt;id&gt; a <code>x &gt; 1</code> &amp; &lt;b&gt;"
    )
    assert written("<code>unclosed") == "&lt;code&gt;unclosed"
