"""The real transport: python-telegram-bot, with its errors translated into ours here."""

from __future__ import annotations

import logging
import os
import warnings
from datetime import timedelta

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Update,
)
from telegram import error as tg
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, MessageHandler, filters
from telegram.warnings import PTBDeprecationWarning

from bot import logs
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
from bot.models import OutgoingMessage
from bot.telegram.handlers import COMMANDS
from bot.telegram.retry import retrying
from bot.telegram.split import split_html, visible_text
from bot.telegram.transport import Incoming, OnMessage
from bot.telegram.updates import PerChatUpdateProcessor

log = logging.getLogger(__name__)
# PTB 22 warns inside its own RetryAfter() that retry_after will become a timedelta; opt in
# now (`translate` takes either), so a flood-control answer does not log a deprecation.
os.environ.setdefault("PTB_TIMEDELTA", "1")
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def translate(exc: tg.TelegramError) -> SendError:
    """One Telegram error -> our SendError tree; a `retry_after` is clamped here, where it enters."""
    if isinstance(exc, tg.Forbidden):
        return ChatBlocked(exc.message)
    if isinstance(exc, tg.RetryAfter):
        with warnings.catch_warnings():  # int now, timedelta later (PTB_TIMEDELTA): take both
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


class TelegramTransport:
    """Long-polls updates and sends messages through the Bot API at `api_url`."""

    def __init__(self, token: str, api_url: str = "https://api.telegram.org"):
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
        self._polling = False

    async def start(self, on_message: OnMessage | None) -> None:
        """Check the token, register the commands, and start receiving when asked to."""
        self._on_message = on_message
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
        self.app.add_handler(MessageHandler(filters.TEXT, self._handle))
        self.app.add_error_handler(self._error)
        try:
            await self.app.bot.set_my_commands([BotCommand(c.name, c.summary) for c in COMMANDS])
        except tg.TelegramError as exc:
            log.warning("could not register the command list with Telegram: %s", exc)
        await self.app.updater.start_polling(
            poll_interval=0.0, timeout=30, drop_pending_updates=False
        )
        await self.app.start()
        self._polling = True
        log.info("Telegram bot @%s is listening", self.app.bot.username)

    async def stop(self) -> None:
        if self._polling:
            await self.app.updater.stop()
            await self.app.stop()
            self._polling = False
        await self.app.shutdown()

    async def _handle(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Feed one text to the handlers and send their reply, split to fit Telegram's limit.

        Updates of different chats run concurrently, one chat's in order (see updates.py)."""
        message = update.effective_message
        if message is None or message.text is None or self._on_message is None:
            return
        user = update.effective_user
        incoming = Incoming(
            chat_id=message.chat_id,
            text=message.text,
            user_id=user.id if user else None,
            username=user.username if user else None,
            first_name=user.first_name if user else None,
        )
        reply = await self._on_message(incoming)
        for chunk in split_html(reply or ""):
            if not await self._reply(message.chat_id, chunk):
                return  # the chat refused one part: the rest would not arrive either

    async def _reply(self, chat_id: int, html: str) -> bool:
        """Send one part of a reply, retried through flood control; False (logged) if refused."""

        async def send(text: str, mode: str | None) -> None:
            try:
                await self.app.bot.send_message(
                    chat_id, text, parse_mode=mode, link_preview_options=NO_PREVIEW
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
        markup = None
        if message.button_url:
            markup = InlineKeyboardMarkup(
                [[InlineKeyboardButton(message.button_text or "Open", url=message.button_url)]]
            )
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
