"""The Telegram transport where Telegram says no, through the fake Bot API: a token refused at
start, a menu it won't register, files it won't give or take, presses it won't answer or let us
edit, markup it can't parse. Each is logged once and the bot carries on."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot import transfer
from bot.errors import TokenRejected, TransientSendError
from bot.models import OutgoingMessage
from bot.telegram.ptb import TelegramTransport
from bot.transport import Incoming
from tests.fake_telegram import FakeTelegram
from tests.test_chat_commands import ADMIN, TOKEN, USER, replies, running
from tests.waiting import until

pytestmark = pytest.mark.timeout(30)


def warnings_about(caplog: pytest.LogCaptureFixture, words: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if words in r.getMessage() and r.levelno == logging.WARNING]


async def test_a_refused_token_or_an_outage_at_start_is_one_clear_error(tg) -> None:
    """Each names Telegram's URL and never the token (PTB's own message for a refused token
    quotes it); a transport that could not connect sends nothing and can try again."""
    transport = TelegramTransport(TOKEN, tg.api_url)
    assert transport.username is None  # not connected yet
    tg.reject_token()
    with pytest.raises(TokenRejected) as refused:
        await transport.start(None)
    assert str(refused.value) == f"Telegram at {tg.api_url} answered Unauthorized"
    tg.reject_token(None)
    tg.outage(502)
    with pytest.raises(TransientSendError) as down:
        await transport.start(None)
    assert str(down.value) == f"cannot reach Telegram at {tg.api_url}: Bad Gateway"
    with pytest.raises(TransientSendError, match="cannot reach Telegram"):  # it waits, unsent
        await transport.send(USER, OutgoingMessage("<b>hi</b>", "hi"))
    tg.outage(None)
    await transport.start(None)  # tried again: sends only, no menus, no polling
    try:
        assert transport.username == tg.bot_username and not tg.commands_by_scope
        assert await transport.send(USER, OutgoingMessage("<b>hi</b>", "hi"))
    finally:
        await transport.stop()
    assert [m.chat_id for m in tg.sent] == [USER]
    assert TOKEN not in str(tg.errors) + str(refused.value) + str(down.value)


async def test_telegram_refusing_connections_is_said_with_its_url(tg) -> None:
    api_url = tg.api_url
    tg.stop()  # nothing listens on its port now
    transport = TelegramTransport(TOKEN, api_url)
    try:
        with pytest.raises(TransientSendError) as down:
            await transport.start(None)
    finally:
        await transport.stop()
    assert str(down.value).startswith(f"cannot reach Telegram at {api_url}: httpx.ConnectError")
    assert TOKEN not in str(down.value)


async def test_an_admin_menu_telegram_refuses_is_logged_and_the_bot_still_answers(
    tmp_path, tg, caplog
) -> None:
    tg.fail_next(
        ADMIN, method="setMyCommands", status=400, description="Bad Request: chat not found"
    )
    async with running(tmp_path, tg):
        tg.push_text(USER, "/start")
        [welcome] = await replies(tg, USER, 1)
    assert "Welcome to jobbot!" in welcome
    [line] = warnings_about(caplog, "could not register the command menu")
    assert (
        line.getMessage().lower() == "could not register the command menu for chat: chat not found"
    )
    assert any("all_private_chats" in scope for scope, _ in tg.commands_by_scope), "users' menu"


def document_update(tg: FakeTelegram, content: bytes, *, size: bool = True) -> int:
    """A file sent with the caption /import; `size=False` leaves out its size, as a client may."""
    file_id = f"upload{len(tg.files) + 1}"
    tg.files[file_id] = content
    doc = {"file_id": file_id, "file_unique_id": file_id, "file_name": "export.json"}
    doc |= {"file_size": len(content)} if size else {}
    chat = {"id": USER, "type": "private", "first_name": "Ada"}
    message = {"message_id": 1, "date": 0, "chat": chat, "from": chat | {"is_bot": False}}
    return tg.push_update({"message": message | {"document": doc, "caption": "/import"}})


async def test_an_import_file_that_cannot_be_read_gets_a_reply_saying_why(
    tmp_path, tg, caplog
) -> None:
    too_big = b"[" + b" " * transfer.MAX_BYTES + b"]"
    async with running(tmp_path, tg):
        tg.fail_next(method="getFile", status=400, description="Bad Request: invalid file_id")
        document_update(tg, b"{}")
        document_update(tg, "é".encode("latin-1"))
        document_update(tg, too_big)
        document_update(tg, too_big, size=False)  # found too big once downloaded
        got = await replies(tg, USER, 4)
    assert all(r.startswith("I can't read that file: ") and "Nothing changed" in r for r in got)
    assert "Telegram would not give me the file" in got[0]
    assert "not UTF-8 text" in got[1]
    assert f"over {transfer.MAX_BYTES // 1024} KB" in got[2] and got[2] == got[3]
    assert len(warnings_about(caplog, "could not download a file")) == 1


async def test_an_export_telegram_refuses_to_take_is_logged_once(tmp_path, tg, caplog) -> None:
    async with running(tmp_path, tg):
        tg.push_text(USER, "/start")
        await replies(tg, USER, 1)
        tg.fail_next(USER, method="sendDocument", status=400, description="Bad Request: wrong type")
        tg.push_text(USER, "/export")
        tg.push_text(USER, "/help")  # answered after the refused file: nothing stopped
        await replies(tg, USER, 2)
    assert not any(m.document for m in tg.sent)
    [line] = warnings_about(caplog, "not sent")
    assert line.getMessage().lower() == f"file for chat {USER} not sent: wrong type"


async def test_a_reply_with_markup_telegram_cannot_parse_arrives_as_plain_text(
    tmp_path, tg, caplog
) -> None:
    async with running(tmp_path, tg):
        tg.fail_next(USER, status=400, description="Bad Request: can't parse entities: at byte 3")
        tg.push_text(USER, "/start")
        [welcome] = await replies(tg, USER, 1)
    message = tg.messages_to(USER)[0]
    assert message.parse_mode is None and "Welcome to jobbot!" in welcome and "<b>" not in welcome
    assert len(warnings_about(caplog, "had bad markup")) == 1


async def settings_message(tmp_path, tg):
    tg.push_text(USER, "/settings")
    await replies(tg, USER, 1)
    return tg.messages_to(USER)[0]


async def test_presses_telegram_refuses_to_answer_or_edit_are_logged_and_harmless(
    tmp_path, tg, caplog
) -> None:
    async with running(tmp_path, tg):
        menu = await settings_message(tmp_path, tg)
        tg.fail_next(
            USER,
            method="editMessageText",
            status=400,
            description="Bad Request: message is not modified",
        )
        tg.push_callback(menu, "st:quiet")  # a double press: nothing to say
        tg.fail_next(
            USER,
            method="editMessageText",
            status=400,
            description="Bad Request: message can't be edited",
        )
        tg.push_callback(menu, "st:quiet")
        tg.fail_next(method="answerCallbackQuery", status=502)
        tg.push_callback(menu, "st:quiet")
        tg.push_callback(menu, "st:quiet")  # and the next press works
        await tg.wait_for_async(lambda _: len(tg.edited) == 1 and len(tg.callback_answers) == 3)
    assert len(warnings_about(caplog, "Telegram refused the edit")) == 1
    assert (
        "message can't be edited"
        in warnings_about(caplog, "refused the edit")[0].getMessage().lower()
    )
    [unanswered] = warnings_about(caplog, "not answered")
    assert f"press in chat {USER} not answered" in unanswered.getMessage()


async def test_a_press_without_its_message_is_told_the_button_no_longer_works(
    tmp_path, tg, caplog
) -> None:
    user = {"id": USER, "is_bot": False, "first_name": "Ada"}
    query = {"from": user, "chat_instance": "1", "inline_message_id": "m1", "data": "st:quiet"}
    async with running(tmp_path, tg):
        tg.push_update({"callback_query": query | {"id": "q1"}})
        await tg.wait_for_async(lambda _: tg.callback_answers)
        tg.fail_next(
            method="answerCallbackQuery", status=400, description="Bad Request: query is too old"
        )
        tg.push_update({"callback_query": query | {"id": "q2"}})
        tg.push_text(USER, "/help")  # handled after the failed update
        await replies(tg, USER, 1)
    assert tg.callback_answers[0]["text"] == "This button no longer works."
    [line] = warnings_about(caplog, "Telegram error while handling an update")
    assert "query is too old" in line.getMessage().lower()


async def test_a_group_chats_talk_gets_no_reply_its_commands_do(tmp_path, tg) -> None:
    group = -100123
    async with running(tmp_path, tg):
        tg.push_text(group, "rust backend, anyone?", user_id=USER, chat_type="supergroup")
        tg.push_text(group, "/help", user_id=USER, chat_type="supergroup")  # (in order, after)
        tg.push_text(USER, "rust backend")
        [answer] = await replies(tg, group, 1)
        [hint] = await replies(tg, USER, 1)
    assert "jobbot commands" in answer, "the first reply in the group is /help's"
    assert "<code>/alert rust backend</code>" in hint
    assert len(tg.messages_to(group)) == 1, "the talk got nothing"


async def test_a_message_without_text_gets_told_what_to_do_instead(tmp_path, tg) -> None:
    """A sticker, a voice message, a shared location or a file sent alone got no reply at all:
    each now says what the bot reads (a file: how to /import it); in a group, nothing."""
    sticker = {"file_id": "s1", "file_unique_id": "s1", "type": "regular", "width": 512,
               "height": 512, "is_animated": False, "is_video": False}  # fmt: skip
    voice = {"file_id": "v1", "file_unique_id": "v1", "duration": 3}
    async with running(tmp_path, tg):
        tg.push_media(USER, {"sticker": sticker})
        tg.push_media(USER, {"voice": voice})
        tg.push_media(USER, {"location": {"latitude": 52.52, "longitude": 13.4}})
        tg.push_document(USER, b"{}", filename="export.json")  # no caption
        tg.push_media(-100123, {"sticker": sticker}, chat_type="supergroup")
        tg.push_text(-100123, "/help", user_id=USER, chat_type="supergroup")  # after the sticker
        tg.push_text(USER, "/help")  # answered after them: nothing stopped
        got = await replies(tg, USER, 5)
        [group] = await replies(tg, -100123, 1)
    assert got[0].startswith("I read text only. Type what you look for (“rust jobs in Berlin”)")
    assert got[1].startswith("I can't listen to voice messages. Type what you look for")
    assert got[2].startswith("I don't read shared locations. For the jobs near a place, name it")
    assert got[3].startswith("That's a file. To restore your alerts and settings from a jobbot")
    assert "jobbot commands" in got[4]
    assert "jobbot commands" in group, "a group's sticker gets no reply; its /help does"


async def test_a_slow_reply_shows_typing_until_it_comes(tg) -> None:
    """A command that takes a while (/follow reads boards) shows "typing…" meanwhile; one
    Telegram refuses the action for still gets its reply."""
    release = asyncio.Event()

    async def slow(msg: Incoming) -> str:
        await release.wait()
        return f"done: {msg.text}"

    transport = TelegramTransport(TOKEN, tg.api_url)
    transport.typing_after = 0.01  # the wait is the test's event, not this
    await transport.start(slow)
    try:
        tg.push_text(USER, "/follow a b c")
        await until(lambda: tg.chat_actions)
        assert tg.chat_actions[0] == (USER, "typing") and tg.messages_to(USER) == []
        release.set()
        await until(lambda: tg.messages_to(USER))
        assert tg.messages_to(USER)[0].text == "done: /follow a b c"
        release.clear()
        tg.fail_next(USER, method="sendChatAction", status=400, description="Bad Request: x")
        tg.push_text(USER, "/follow d")
        await until(lambda: tg.errors)
        release.set()
        await until(lambda: len(tg.messages_to(USER)) == 2)
    finally:
        await transport.stop()
