"""Telegram's updates in, as our `Incoming` and `Press`, and the handlers' replies back:
split to fit 4096, retried through flood control, sent as plain text when Telegram refuses
the markup. Updates of different chats run concurrently, one chat's in order (updates.py).
A reply that takes a while (/follow reads boards) shows "typing…" in the chat meanwhile."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from telegram import Bot, Message, Update
from telegram import error as tg
from telegram.constants import ChatAction, ParseMode
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot import transfer
from bot.errors import BadMarkup, SendError
from bot.models import Document, Keyboard, OutgoingMessage
from bot.telegram.ptb_api import NO_PREVIEW, keyboard, translate
from bot.telegram.retry import retrying
from bot.telegram.split import split_html, visible_text
from bot.transport import Incoming, OnMessage, OnPress, Press, Reply

log = logging.getLogger(__name__)
TYPING_AFTER = 1.0  # seconds a reply may take before the chat shows "typing…"
TYPING_EVERY = 4.5  # Telegram shows it for 5 seconds, or until the bot's message comes


class Updates:
    """The handlers python-telegram-bot calls for a text, a file with a command, a press."""

    def __init__(
        self,
        bot: Bot,
        on_message: OnMessage,
        on_press: OnPress | None,
        send_document: Callable[[int, Document], Awaitable[int | None]],
        typing_after: float = TYPING_AFTER,
    ):
        self.bot = bot
        self.on_message = on_message
        self.on_press = on_press
        self.send_document = send_document
        self.typing_after = typing_after

    def register(self, app: Application) -> None:
        app.add_handler(MessageHandler(~filters.StatusUpdate.ALL, self._handle))  # media too
        app.add_handler(CallbackQueryHandler(self._press))
        app.add_error_handler(self._error)

    async def _handle(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Feed one text to the handlers and send their reply, split to fit Telegram's limit.

        Updates of different chats run concurrently, one chat's in order (see updates.py)."""
        message = update.effective_message
        if message is None:
            return
        text = message.text or message.caption
        media = None if text is not None else _media(message)  # a sticker, a file, a voice…
        user = update.effective_user
        replied = message.reply_to_message
        document, problem = await self._document(message, text) if text else (None, None)
        incoming = Incoming(
            chat_id=message.chat_id,
            text=text or "",
            user_id=user.id if user else None,
            username=user.username if user else None,
            first_name=user.first_name if user else None,
            reply_to_message_id=replied.message_id if replied else None,
            document=document,
            document_error=problem,
            group=message.chat.type != "private",
            media=media,
        )
        reply = await self._typing_while(message.chat_id, self.on_message(incoming))
        if reply is None:
            return
        if isinstance(reply, Document):
            file = reply
            try:
                await retrying(lambda: self.send_document(message.chat_id, file))
            except SendError as exc:
                log.warning("file for chat %s not sent: %s", message.chat_id, exc)
            return
        if isinstance(reply, str):
            reply = OutgoingMessage(reply, visible_text(reply))
        chunks = split_html(reply.html)
        for i, chunk in enumerate(chunks):
            buttons = reply.buttons if i == len(chunks) - 1 else ()  # under the last part
            if not await self._reply(message.chat_id, chunk, buttons):
                return  # the chat refused one part: the rest would not arrive either

    async def _typing_while(self, chat_id: int, answer: Awaitable[Reply | None]) -> Reply | None:
        """`answer`'s reply; while it takes longer than `typing_after`, the chat shows that
        the bot is typing, so that a slow command does not look ignored."""
        task = asyncio.ensure_future(answer)
        try:
            delay = self.typing_after
            while not (await asyncio.wait({task}, timeout=delay))[0]:
                with contextlib.suppress(tg.TelegramError, TimeoutError):
                    await asyncio.wait_for(self.bot.send_chat_action(chat_id, ChatAction.TYPING), 5)
                delay = TYPING_EVERY
            return task.result()
        finally:
            task.cancel()  # only if this update's handling was cancelled first

    async def _document(self, message: Message, text: str) -> tuple[str | None, str | None]:
        """The text of a file sent with a command or in the message it answers (for /import):
        (text, None), (None, why it can't be read), or (None, None) when there is none."""
        replied = message.reply_to_message
        doc = message.document or (replied.document if replied else None)
        if doc is None or not text.startswith("/"):
            return None, None
        if doc.file_size is not None and doc.file_size > transfer.MAX_BYTES:
            return None, f"it is over {transfer.MAX_BYTES // 1024} KB, not a jobbot export"
        try:
            file = await self.bot.get_file(doc.file_id)
            data = bytes(await file.download_as_bytearray())
        except tg.TelegramError as exc:
            log.warning("could not download a file from chat %s: %s", message.chat_id, exc)
            return None, "Telegram would not give me the file; try again, or paste its text"
        if len(data) > transfer.MAX_BYTES:
            return None, f"it is over {transfer.MAX_BYTES // 1024} KB, not a jobbot export"
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError:
            return None, "it is not UTF-8 text (a jobbot export is JSON)"

    async def _press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer a button press at once, then edit its message as the handlers say."""
        query = update.callback_query
        if query is None or self.on_press is None:
            return
        message = query.message
        if message is None or not isinstance(query.data, str):
            await query.answer("This button no longer works.")
            return
        press = Press(message.chat.id, message.message_id, query.data, query.from_user.id)
        answer = await self.on_press(press)
        try:
            await query.answer(answer.toast[:200] or None)
            if answer.edit is not None:
                await query.edit_message_text(
                    answer.edit.html,
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard(answer.edit.buttons),
                    link_preview_options=NO_PREVIEW,
                )
        except tg.BadRequest as exc:
            if "not modified" not in exc.message.lower():  # a double press: nothing to change
                log.warning("press in chat %s: Telegram refused the edit: %s", press.chat_id, exc)
        except tg.TelegramError as exc:
            log.warning("press in chat %s not answered: %s", press.chat_id, exc)

    async def _reply(self, chat_id: int, html: str, buttons: Keyboard = ()) -> bool:
        """Send one part of a reply, retried through flood control; False (logged) if refused."""

        async def send(text: str, mode: str | None) -> None:
            try:
                await self.bot.send_message(
                    chat_id,
                    text,
                    parse_mode=mode,
                    link_preview_options=NO_PREVIEW,
                    reply_markup=keyboard(buttons),
                )
            except tg.TelegramError as exc:
                raise translate(exc) from None

        try:
            try:
                await retrying(lambda: send(html, ParseMode.HTML))
            except BadMarkup as exc:
                log.warning(
                    "reply to chat %s had bad markup (%s); sent as plain text", chat_id, exc
                )
                await retrying(lambda: send(visible_text(html), None))
        except SendError as exc:
            log.warning("reply to chat %s not sent: %s", chat_id, exc)
            return False
        return True

    async def _error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """One log line per failed update; the bot carries on."""
        exc = context.error
        if isinstance(exc, tg.TelegramError):
            log.warning("Telegram error while handling an update: %s", exc)
        else:
            log.error("error while handling an update", exc_info=exc)


def _media(message: Message) -> str:
    """What a message without text carries, as `bot.telegram.media` answers it."""
    if message.document is not None:
        return "file"
    if message.voice or message.audio or message.video_note:
        return "voice"
    if message.location or message.venue:
        return "location"
    return "sticker" if message.sticker else "other"
