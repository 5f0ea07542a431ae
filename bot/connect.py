"""The chat transport chosen from the config, and connected at start-up, or later: a bot that
starts while Telegram (or the network) cannot be reached polls its boards, queues alerts in the
outbox, and keeps trying with capped backoff, its link down meanwhile so that /healthz says why
and the sender waits. Only a bot token Telegram refuses stops it: a configuration fault, at
start-up or later, when a getUpdates is refused (the token revoked at @BotFather)."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable

from bot.backoff import retry_delay
from bot.config import Config
from bot.config_values import format_duration
from bot.errors import ConfigError, SendError, TokenRejected
from bot.events import Event, OnEvent
from bot.link import Link
from bot.receiving import Receiving
from bot.telegram.console import ConsoleTransport
from bot.transport import OnMessage, OnPress, Transport

log = logging.getLogger(__name__)
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"  # wins over telegram.token (bot/config.py)
CONNECT_CAP = 300.0  # seconds: the longest wait between two tries to connect


def make_transport(config: Config, receiving: Receiving | None = None) -> Transport:
    """Telegram when a token is configured (telling `receiving` how fetching its updates
    goes), else the console chat."""
    if config.telegram.token:
        from bot.telegram.ptb import TelegramTransport

        t = config.telegram
        return TelegramTransport(config.telegram.token, t.api_url, t.admins, receiving)
    return ConsoleTransport()


def token_source(config: Config) -> str:
    """Where the bot token was read, for a message about it: the variable, or the file's key."""
    if os.environ.get(TOKEN_ENV, "").strip():
        return TOKEN_ENV
    return f"telegram.token in {config.source}"


class Connector:
    """Starts `transport` (Telegram's getMe, the command menu, long polling), trying again
    with capped backoff from `base` seconds while it cannot; `link` is down meanwhile, and on
    success `on_event` hears that it is back and `connected()` wakes the sender.
    `token_from` names where the token was set, for the error when Telegram refuses it;
    `receiving` hears of a refusal while the bot runs (`watch_token`)."""

    def __init__(
        self,
        transport: Transport,
        link: Link,
        on_event: OnEvent,
        connected: Callable[[], None],
        token_from: str,
        base: float = 5.0,
        receiving: Receiving | None = None,
    ) -> None:
        self.transport, self.link, self.on_event = transport, link, on_event
        self.connected, self.token_from, self.base = connected, token_from, base
        self.receiving = receiving
        self.up = False
        self.failures = 0  # tries in a row that could not reach Telegram
        self.wait = 0.0  # seconds from the last failed try to the next
        self.chat: tuple[OnMessage | None, OnPress | None] = (None, None)  # what `start` takes

    async def first(
        self, on_message: OnMessage | None, on_press: OnPress | None = None, *, retry: bool = True
    ) -> bool:
        """The try at start-up: True when connected. When Telegram cannot be reached, False,
        logged once with what happens next (`retry`: another try in a while; else the alerts
        wait in the outbox). Raises ConfigError when Telegram refuses the token."""
        self.chat = (on_message, on_press)
        reason = await self._try()
        if reason is None:
            return True
        then = (
            f"retrying in {format_duration(self.wait)} (boards are polled and alerts wait in "
            "the outbox meanwhile)"
            if retry
            else "the alerts found wait in the outbox for the next run"
        )
        log.warning("%s; %s", reason, then)
        return False

    async def run(self, stop: asyncio.Event) -> None:
        """After `first` failed: try again with capped backoff until connected or `stop` is
        set (a try under way is then abandoned)."""
        stopped = asyncio.ensure_future(stop.wait())
        try:
            while not self.up:
                await asyncio.wait({stopped}, timeout=self.wait)
                if stop.is_set():
                    return
                attempt = asyncio.ensure_future(self._try())
                await asyncio.wait({attempt, stopped}, return_when=asyncio.FIRST_COMPLETED)
                if not attempt.done():
                    attempt.cancel()
                    return
                if (reason := attempt.result()) is not None:  # said once, at the first try
                    log.debug("%s; retrying in %s", reason, format_duration(self.wait))
        finally:
            stopped.cancel()

    async def watch_token(self, stop: asyncio.Event) -> None:
        """Until `stop` is set: when Telegram refuses the token to a getUpdates while the bot
        runs, raise the ConfigError of a token refused at start-up (the supervisor stops the
        bot with it, exit status 2). A revoked token never mends itself, and a bot that fetches
        no updates any more, answering no command, must not look alive."""
        if self.receiving is None:
            await stop.wait()
            return
        refused = asyncio.ensure_future(self.receiving.refused())
        stopped = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({refused, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if refused.done():
                raise self._rejected(refused.result())
        finally:
            refused.cancel()
            stopped.cancel()

    def _rejected(self, detail: str) -> ConfigError:
        return ConfigError(
            [f"{self.token_from}: Telegram rejected the bot token ({detail}); "
             "set the token @BotFather gave the bot"]
        )  # fmt: skip

    async def _try(self) -> str | None:
        """One try: None when connected, else why not (the link is then down with it)."""
        try:
            await self.transport.start(*self.chat)
        except TokenRejected as exc:
            raise self._rejected(str(exc)) from None
        except SendError as exc:
            self.failures += 1
            self.wait = retry_delay(self.failures, self.base, CONNECT_CAP)
            self._said(self.link.unreachable(str(exc), asyncio.get_running_loop().time()))
            return str(exc)
        self.up, self.failures = True, 0
        self._said(self.link.answered())
        self.connected()
        return None

    def _said(self, event: Event | None) -> None:
        if event is not None:
            self.on_event(event)
