"""The real transport: python-telegram-bot, sending and long-polling (the `Transport` the engine
owns). Its updates are handled in `ptb_updates`, its errors translated in `ptb_api`, how its
getUpdates fare told to `receiving` by `ptb_poll`."""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InputFile,
)
from telegram import error as tg
from telegram.constants import ParseMode
from telegram.ext import Application

from bot import logs
from bot.backoff import MAX_RETRY_AFTER
from bot.errors import RateLimited, SendError, TokenRejected, TransientSendError
from bot.models import Document, OutgoingMessage
from bot.receiving import Receiving
from bot.telegram.admin import ADMIN_MENU
from bot.telegram.commands import Command
from bot.telegram.handlers import COMMANDS
from bot.telegram.ptb_api import NO_PREVIEW, keyboard, translate
from bot.telegram.ptb_poll import UpdatesRequest, ignore
from bot.telegram.ptb_updates import TYPING_AFTER, Updates
from bot.telegram.updates import PerChatUpdateProcessor
from bot.transport import OnMessage, OnPress

log = logging.getLogger(__name__)


class TelegramTransport:
    """Long-polls updates and sends messages through the Bot API at `api_url`; how fetching
    the updates goes is told to `receiving`."""

    def __init__(
        self,
        token: str,
        api_url: str = "https://api.telegram.org",
        admins: tuple[int, ...] = (),
        receiving: Receiving | None = None,
    ):
        self.admins, self.api_url = admins, api_url
        self.receiving = receiving or Receiving()
        self._updates_request = UpdatesRequest(self.receiving, api_url)
        logs.register_secret(token)  # PTB logs its base URL, which holds the token, at DEBUG
        self.app = (
            Application.builder()
            .token(token)
            .base_url(f"{api_url}/bot")
            .base_file_url(f"{api_url}/file/bot")
            .connect_timeout(10)
            .read_timeout(20)
            .write_timeout(20)
            .get_updates_request(self._updates_request)
            .concurrent_updates(PerChatUpdateProcessor())
            .build()
        )
        self._polling = self._registered = False
        self._not_ready: str | None = "not connected to Telegram yet"  # why sends cannot go
        self.typing_after = TYPING_AFTER  # seconds before a slow reply shows "typing…"

    @property
    def username(self) -> str | None:
        """The bot's @username once connected (for t.me links), else None."""
        try:
            return self.app.bot.username
        except RuntimeError:  # not initialised yet
            return None

    async def start(self, on_message: OnMessage | None, on_press: OnPress | None = None) -> None:
        """Check the token, register the commands, and start receiving when asked to. Raises
        TokenRejected when Telegram refuses the token, TransientSendError naming `api_url`
        when it cannot be reached; calling it again then tries again."""
        await self._connect()
        if on_message is None:
            return
        if not self._registered:
            updates = Updates(
                self.app.bot, on_message, on_press, self.send_document, self.typing_after
            )
            updates.register(self.app)
            self._registered = True
        await self._set_menus()
        assert self.app.updater is not None  # the builder makes one
        self._updates_request.stopping = False
        try:
            await self.app.updater.start_polling(
                poll_interval=0.0, timeout=30, drop_pending_updates=False, error_callback=ignore
            )
        except tg.TelegramError as exc:
            raise self._failed(exc) from None
        await self.app.start()
        self._polling = True
        log.info("Telegram bot @%s is listening", self.app.bot.username)

    async def _connect(self) -> None:
        """getMe (PTB's initialize); sends may go once it answered."""
        try:
            await self.app.initialize()
        except tg.TelegramError as exc:
            error = self._failed(exc)
            self._not_ready = str(error)
            raise error from None
        self._not_ready = None

    def _failed(self, exc: tg.TelegramError) -> SendError:
        """A failure to connect in our words, naming `api_url` and never the token (PTB's own
        message for a refused one quotes it)."""
        if isinstance(exc, tg.InvalidToken):
            said = exc.__cause__ if isinstance(exc.__cause__, tg.TelegramError) else exc
            return TokenRejected(f"Telegram at {self.api_url} answered {logs.redact(said.message)}")
        reason = f"cannot reach Telegram at {self.api_url}: {translate(exc)}"
        return TransientSendError(logs.redact(reason))

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
            self._updates_request.stopping = True
            await self.app.updater.stop()
            await self.app.stop()
            self._polling = False
        await self.app.shutdown()
        await self.app.bot.shutdown()  # a bot whose getMe never answered: its clients still open

    def _check_connected(self) -> None:
        """Before getMe answered, PTB's bot is not ready to send: a send waits, like any to a
        Telegram that cannot be reached."""
        if self._not_ready is not None:
            raise TransientSendError(self._not_ready)

    async def send(
        self, chat_id: int, message: OutgoingMessage, *, plain: bool = False
    ) -> int | None:
        self._check_connected()
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
        self._check_connected()
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
