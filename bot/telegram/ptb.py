"""The real transport: python-telegram-bot, with its errors translated into ours here."""

from __future__ import annotations

import logging
import warnings
from datetime import timedelta

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram import error as tg
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from bot import logs, transfer
from bot.backoff import MAX_RETRY_AFTER, clamp_wait
from bot.errors import (
    BadMarkup,
    ChatBlocked,
    ChatMigrated,
    MessageRejected,
    RateLimited,
    SendError,
    TokenRejected,
    TransientSendError,
)
from bot.models import Document, Keyboard, OutgoingMessage
from bot.telegram.admin import ADMIN_MENU
from bot.telegram.commands import Command
from bot.telegram.handlers import COMMANDS
from bot.telegram.retry import retrying
from bot.telegram.split import split_html, visible_text
from bot.telegram.updates import PerChatUpdateProcessor
from bot.transport import Incoming, OnMessage, OnPress, Press

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def translate(exc: tg.TelegramError) -> SendError:
    """One Telegram error -> our SendError tree; a `retry_after` is clamped here, where it enters."""
    if isinstance(exc, tg.Forbidden):
        return ChatBlocked(exc.message)
    if isinstance(exc, tg.RetryAfter):
        with warnings.catch_warnings():  # int, or timedelta (process.environment): take both
            warnings.simplefilter("ignore", PTBDeprecationWarning)
            wait = exc.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        return RateLimited(clamp_wait(seconds))
    if isinstance(exc, tg.ChatMigrated):
        return ChatMigrated(exc.new_chat_id)
    if isinstance(exc, tg.BadRequest):
        text = exc.message.lower()
        if "parse entities" in text:
            return BadMarkup(exc.message)
        if "chat not found" in text or "user not found" in text:
            return ChatBlocked(exc.message)
        return MessageRejected(exc.message)
    if isinstance(exc, tg.InvalidToken):  # PTB's name for a 401 or 404 answer
        return TokenRejected(exc.message or "401 Unauthorized")
    return TransientSendError(exc.message or type(exc).__name__)


def keyboard(rows: Keyboard) -> InlineKeyboardMarkup | None:
    """Our button rows as Telegram's inline keyboard (None for none)."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, url=b.url, callback_data=b.data) for b in row]
            for row in rows
            if row
        ]
    )


class TelegramTransport:
    """Long-polls updates and sends messages through the Bot API at `api_url`."""

    def __init__(
        self, token: str, api_url: str = "https://api.telegram.org", admins: tuple[int, ...] = ()
    ):
        self.admins = admins
        logs.register_secret(token)  # PTB logs its base URL, which holds the token, at DEBUG
        self.app = (
            Application.builder()
            .token(token)
            .base_url(f"{api_url}/bot")
            .base_file_url(f"{api_url}/file/bot")
            .connect_timeout(10)
            .read_timeout(20)
            .write_timeout(20)
            .get_updates_read_timeout(40)
            .concurrent_updates(PerChatUpdateProcessor())
            .build()
        )
        self._on_message: OnMessage | None = None
        self._on_press: OnPress | None = None
        self._polling = False

    @property
    def username(self) -> str | None:
        """The bot's @username once connected (for t.me links), else None."""
        try:
            return self.app.bot.username
        except RuntimeError:  # not initialised yet
            return None

    async def start(self, on_message: OnMessage | None, on_press: OnPress | None = None) -> None:
        """Check the token, register the commands, and start receiving when asked to."""
        self._on_message = on_message
        self._on_press = on_press
        try:
            await self.app.initialize()
        except tg.InvalidToken:
            raise MessageRejected(
                "Telegram rejected the bot token (check TELEGRAM_BOT_TOKEN)"
            ) from None
        except tg.TelegramError as exc:
            raise translate(exc) from None
        if on_message is None:
            return
        self.app.add_handler(MessageHandler(filters.TEXT | filters.CAPTION, self._handle))
        self.app.add_handler(CallbackQueryHandler(self._press))
        self.app.add_error_handler(self._error)
        await self._set_menus()
        assert self.app.updater is not None  # the builder makes one
        await self.app.updater.start_polling(
            poll_interval=0.0, timeout=30, drop_pending_updates=False
        )
        await self.app.start()
        self._polling = True
        log.info("Telegram bot @%s is listening", self.app.bot.username)

    async def _set_menus(self) -> None:
        """The command menu: user commands in every private chat; admins' chats add theirs."""

        def menu(commands: tuple[Command, ...]) -> list[BotCommand]:
            return [BotCommand(c.name, c.summary) for c in commands]

        scopes: list[tuple[BotCommandScope, tuple[Command, ...]]] = [
            (BotCommandScopeAllPrivateChats(), COMMANDS)
        ]
        scopes += [(BotCommandScopeChat(a), (*COMMANDS, *ADMIN_MENU)) for a in self.admins]
        for scope, commands in scopes:
            try:
                await self.app.bot.set_my_commands(menu(commands), scope=scope)
            except tg.TelegramError as exc:  # e.g. an admin who never opened the bot's chat
                log.warning("could not register the command menu for %s: %s", scope.type, exc)

    async def stop(self) -> None:
        if self._polling and self.app.updater is not None:
            await self.app.updater.stop()
            await self.app.stop()
            self._polling = False
        await self.app.shutdown()

    async def _handle(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Feed one text to the handlers and send their reply, split to fit Telegram's limit.

        Updates of different chats run concurrently, one chat's in order (see updates.py)."""
        message = update.effective_message
        text = (message.text or message.caption) if message else None
        if message is None or text is None or self._on_message is None:
            return
        user = update.effective_user
        replied = message.reply_to_message
        document, problem = await self._document(message, text)
        incoming = Incoming(
            chat_id=message.chat_id,
            text=text,
            user_id=user.id if user else None,
            username=user.username if user else None,
            first_name=user.first_name if user else None,
            reply_to_message_id=replied.message_id if replied else None,
            document=document,
            document_error=problem,
            group=message.chat.type != "private",
        )
        reply = await self._on_message(incoming)
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
            file = await self.app.bot.get_file(doc.file_id)
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
        if query is None or self._on_press is None:
            return
        message = query.message
        if message is None or not isinstance(query.data, str):
            await query.answer("This button no longer works.")
            return
        press = Press(message.chat.id, message.message_id, query.data, query.from_user.id)
        answer = await self._on_press(press)
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
                await self.app.bot.send_message(
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

    async def send(
        self, chat_id: int, message: OutgoingMessage, *, plain: bool = False
    ) -> int | None:
        markup = keyboard(message.buttons)
        try:
            sent = await self.app.bot.send_message(
                chat_id,
                message.plain if plain else message.html,
                parse_mode=None if plain else ParseMode.HTML,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
            )
        except tg.TelegramError as exc:
            raise translate(exc) from None
        except OverflowError:  # PTB turns a retry_after past ~10**13 s into a timedelta: too big
            raise RateLimited(MAX_RETRY_AFTER, "absurd flood wait") from None
        return sent.message_id

    async def send_document(self, chat_id: int, document: Document) -> int | None:
        try:
            sent = await self.app.bot.send_document(
                chat_id,
                InputFile(document.content, filename=document.filename),
                caption=document.caption or None,
                parse_mode=ParseMode.HTML,
            )
        except tg.TelegramError as exc:
            raise translate(exc) from None
        return sent.message_id
