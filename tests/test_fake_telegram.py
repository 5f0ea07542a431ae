"""The fake Bot API server, driven by the real python-telegram-bot over loopback HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import threading
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    EndPointNotFound,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, CommandHandler, ContextTypes

from tests.fake_telegram import ApiError, FakeTelegram, Limits, parse_html
from tests.waiting import until

TOKEN = "123456:TEST-token"


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 2
    while True:
        leaked = [
            t
            for t in threading.enumerate()
            if t not in before and t.is_alive() and not t.name.startswith("asyncio_")
        ]
        if not leaked or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert not leaked, f"threads left running: {leaked}"


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # RetryAfter.retry_after as timedelta, no warning


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        yield bot


async def test_get_me_and_send_html_with_button_and_no_preview(
    fake: FakeTelegram, bot: Bot
) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (fake.bot_id, fake.bot_username, True)

    msg = await bot.send_message(
        chat_id=42,
        text='<b>Python dev</b> at <i>ACME</i> &amp; co <a href="https://jobs.example/1">apply</a>',
        parse_mode="HTML",
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("Apply", url="https://jobs.example/1?src=tg")]]
        ),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )

    assert msg.text == "Python dev at ACME & co apply"  # Telegram answers with the visible text
    assert msg.chat.id == 42 and msg.reply_markup.inline_keyboard[0][0].text == "Apply"
    [sent] = fake.messages_to(42)
    assert sent.parse_mode == "HTML" and sent.text.startswith("<b>Python dev</b>")
    assert sent.button_urls == ["https://jobs.example/1?src=tg"]
    assert sent.link_preview_options == {"is_disabled": True} and sent.previews_disabled
    assert sent.message_id == msg.message_id
    assert fake.tokens_seen == {TOKEN}
    assert [c.method for c in fake.calls] == ["getMe", "getMe", "sendMessage"]  # 1st: initialize
    # PTB posts form-encoded bodies; complex values are JSON strings, ints are decimal strings.
    params = fake.calls[-1].params
    assert params["chat_id"] == "42" and params["link_preview_options"] == '{"is_disabled": true}'


async def test_application_polls_command_and_replies(fake: FakeTelegram) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"Hi {update.effective_user.first_name}, welcome!")

    app = Application.builder().token(TOKEN).base_url(fake.base_url).build()
    app.add_handler(CommandHandler("start", start))
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        fake.push_text(7, "hello there")  # not a command: no reply
        update_id = fake.push_text(7, "/start", first_name="Grace")
        [reply] = await fake.wait_for_async(1)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()

    assert (reply.chat_id, reply.text) == (7, "Hi Grace, welcome!")
    methods = [c.method for c in fake.calls]
    assert methods[:3] == ["getMe", "deleteWebhook", "getUpdates"]
    # updater.stop() confirms what was fetched with one getUpdates that does not long-poll; the
    # polling loop's own long poll may reach the server after it, so it is found by its timeout.
    [confirm] = [
        c for c in fake.calls if c.method == "getUpdates" and c.params.get("timeout") == "0"
    ]
    assert confirm.params["offset"] == str(update_id + 1)
    assert fake.pending_updates == 0


async def test_api_errors_map_to_ptb_exceptions(fake: FakeTelegram, bot: Bot) -> None:
    fake.block(1)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(1, "hi")

    fake.fail_next(2, status=429, retry_after=7)
    with pytest.raises(RetryAfter) as retry:
        await bot.send_message(2, "hi")
    assert retry.value.retry_after == dtm.timedelta(seconds=7)

    with pytest.raises(BadRequest) as bad:
        await bot.send_message(3, "Jobs: <foo>x</foo>", parse_mode="HTML")
    # PTB strips "Bad Request: " and str.capitalize()s the rest, lower-casing "Unsupported".
    assert (
        bad.value.message == 'Can\'t parse entities: unsupported start tag "foo" at byte offset 6'
    )

    fake.fail_next(
        -4,
        status=400,
        description="Bad Request: group chat was upgraded to a supergroup chat",
        migrate_to_chat_id=-1004,
    )
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(-4, "hi")
    assert migrated.value.new_chat_id == -1004

    fake.fail_next(status=500, count=2)  # any chat
    for chat in (5, 6):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(chat, "hi")

    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")

    assert await bot.send_message(2, "now it works")  # one-shot failures are used up
    assert [m.chat_id for m in fake.sent] == [2]
    assert [e[1] for e in fake.errors] == [403, 429, 400, 400, 500, 500, 404]


async def test_text_limits_count_utf16_code_units(fake: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(1, "😀" * 2048)  # 4096 UTF-16 code units: just fits
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(1, "😀" * 2048 + "a")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(1, "a" * 4097)
    # Only the visible text counts: tags don't, an entity counts as one character.
    await bot.send_message(1, "<b>" + "&amp;" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(1, "<b> </b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(1, "")
    assert [len(m.visible_text) for m in fake.sent] == [2048, 4096]


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("a <br> b", 'Unsupported start tag "br" at byte offset 2'),
        ("é <foo>", 'Unsupported start tag "foo" at byte offset 3'),  # bytes, not characters
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),  # unescaped "<"
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<a href="x>y', "Unclosed start tag at byte offset 0"),
        ("<a>link</a>", 'Tag "a" must have attribute "href" at byte offset 0'),
        ("<b><span>x</span></b>", 'Tag "span" must have class "tg-spoiler" at byte offset 3'),
    ],
)
def test_parse_html_rejects_like_telegram(html: str, error: str) -> None:
    with pytest.raises(ApiError) as exc:
        parse_html(html)
    assert exc.value.status == 400
    assert exc.value.description == f"Bad Request: can't parse entities: {error}"


def test_parse_html_visible_text() -> None:
    html = (
        '<b>a</b><STRONG>b</strong><a href="https://x?a=1&amp;b=2">c</a><code class="language-py">'
        '&lt;d&gt;</code><span class="tg-spoiler">e</span><tg-spoiler>f</tg-spoiler>'
        "<blockquote expandable>g</blockquote><pre>h</pre>&#128512;&#x41;&quot;&nbsp;"
    )
    assert parse_html(html) == 'abc<d>efgh😀A"&nbsp;'


async def test_flood_limits_per_private_chat_group_and_global() -> None:
    # scale=2 halves the windows: 1 message per 0.5 s per private chat, 2 per 30 s per group.
    now = [1000.0]  # the fake's clock, moved by hand
    limits = Limits(global_per_s=3, per_group_per_min=2, scale=2)
    with FakeTelegram(limits=limits, clock=lambda: now[0]) as limited:
        async with Bot(TOKEN, base_url=limited.base_url) as fast:
            await fast.send_message(1, "one")
            with pytest.raises(RetryAfter) as retry:
                await fast.send_message(1, "two")
            assert retry.value.retry_after == dtm.timedelta(seconds=1)  # whole seconds, rounded up
            with pytest.raises(RetryAfter):
                await fast.send_message(1, "three")
            await fast.send_message(-5, "a")  # other chats are unaffected
            await fast.send_message(-5, "b")
            with pytest.raises(RetryAfter):
                await fast.send_message(-5, "c")
            with pytest.raises(RetryAfter):
                await fast.send_message(2, "x")  # 3 per 0.5 s overall
            now[0] += 0.5
            await fast.send_message(1, "later")  # the window has moved on
    assert limited.too_many_requests == 4
    assert [m.text for m in limited.sent] == ["one", "a", "b", "later"]
    assert limited.sent[-1].at - limited.sent[0].at >= 0.5


async def test_get_updates_long_polls_and_honours_offset(fake: FakeTelegram, bot: Bot) -> None:
    first = fake.push_text(1, "a")
    second = fake.push_text(-100, "b", user_id=1, chat_type="supergroup")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first, second]
    assert updates[1].effective_chat.type == "supergroup" and updates[1].effective_user.id == 1
    assert await bot.get_updates(offset=second + 1, timeout=0) == ()
    assert fake.pending_updates == 0

    poll = asyncio.create_task(bot.get_updates(offset=second + 1, timeout=5))
    await until(lambda: fake.long_polls == 1)  # waiting for news
    assert not poll.done()
    third = fake.push_text(1, "/jobs python", username="ada")
    [update] = await poll
    assert update.update_id == third
    assert fake.poll_ends == ["news"]  # woken by the update, not at its deadline
    assert update.message.text == "/jobs python" and update.message.from_user.username == "ada"
    assert (
        update.message.entities[0].type == "bot_command" and update.message.entities[0].length == 5
    )


def test_stop_releases_a_pending_long_poll() -> None:
    fake = FakeTelegram(max_poll=30).start()
    url = f"{fake.base_url}{TOKEN}/getUpdates"
    result: list[httpx.Response] = []
    poller = threading.Thread(target=lambda: result.append(httpx.post(url, data={"timeout": 30})))
    poller.start()
    fake.wait_for(lambda _: fake.long_polls == 1, timeout=10)
    fake.stop()
    poller.join(10)
    assert result[0].json() == {"ok": True, "result": []}
    assert fake.poll_ends == ["stopped"]  # released by stop, not at its 30 s deadline


async def test_delay_makes_ptb_time_out(fake: FakeTelegram, bot: Bot) -> None:
    fake.delay(0.5)
    with pytest.raises(TimedOut):
        await bot.send_message(1, "slow", read_timeout=0.1)
    fake.delay(0)
    await bot.send_message(1, "fast")
    # Like the real API, the request PTB gave up on is still delivered - after the later one.
    assert [m.text for m in await fake.wait_for_async(2)] == ["fast", "slow"]


async def test_commands_callbacks_and_edits(fake: FakeTelegram, bot: Bot) -> None:
    await bot.set_my_commands([("jobs", "List new jobs"), ("stop", "Unsubscribe")])
    commands = await bot.get_my_commands()
    assert [(c.command, c.description) for c in commands] == [
        ("jobs", "List new jobs"),
        ("stop", "Unsubscribe"),
    ]
    assert fake.commands[1] == {"command": "stop", "description": "Unsubscribe"}

    msg = await bot.send_message(1, "<i>job</i>", parse_mode="HTML")
    fake.push_callback(fake.sent[0], "save:1")
    [update] = await bot.get_updates()
    assert update.callback_query.data == "save:1" and update.callback_query.message.text == "job"
    assert await bot.answer_callback_query(update.callback_query.id, text="Saved")
    assert fake.callback_answers[0]["text"] == "Saved"

    edited = await bot.edit_message_text("<b>saved</b>", 1, msg.message_id, parse_mode="HTML")
    assert edited.text == "saved" and fake.edited[0].text == "<b>saved</b>"
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", 1, 999)
    assert await bot.close() and await bot.log_out()


def test_json_and_multipart_bodies_and_wait_for(fake: FakeTelegram) -> None:
    url = f"{fake.base_url}other-token/sendMessage"
    markup = {"inline_keyboard": [[{"text": "Go", "url": "https://x.example"}]]}
    body = {"chat_id": 9, "text": "json", "reply_markup": markup, "disable_web_page_preview": True}
    assert httpx.post(url, json=body).json()["result"]["reply_markup"] == markup
    multipart = httpx.post(url, data={"chat_id": "9", "text": "naïve"}, files={"f": b"x"})
    assert multipart.json()["result"]["text"] == "naïve"
    missing = httpx.post(f"{fake.base_url}t/nope")
    assert missing.status_code == 404
    assert missing.json() == {
        "ok": False,
        "error_code": 404,
        "description": "Not Found: method not found",
    }

    sent = fake.wait_for(lambda s: any(m.text == "naïve" for m in s))
    assert sent[0].reply_markup == markup and sent[0].previews_disabled
    assert fake.tokens_seen == {"other-token", "t"}
    with pytest.raises(AssertionError, match=r"timed out after 0.05s; sent:\n  9: 'json'"):
        fake.wait_for(3, timeout=0.05)
