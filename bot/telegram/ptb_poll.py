"""python-telegram-bot's long polling, in our words: the HTTP requests of getUpdates (PTB sends
only those through the request object it is given for them) tell `Receiving` how each ended,
which logs a streak of failures once, instead of PTB's traceback a try (267 lines in 30 s of
409s, when a second jobbot polled the same token).

A refused token (401/404) is told and raised as `PollingRefused`, a TelegramError that PTB's
polling loop retries quietly, where on InvalidToken it would log a traceback and stop fetching
updates for good while the bot ran on, deaf; the supervisor stops the bot instead. Once the
transport stops, a failure of the last getUpdates (which confirms the updates handled) is one
line, and answered as "no updates", not with PTB's traceback."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from telegram import error as tg
from telegram.request import HTTPXRequest

from bot import logs
from bot.receiving import Receiving

log = logging.getLogger(__name__)
UPDATES_READ_TIMEOUT = 40.0  # seconds, on top of the long poll's own timeout
NO_UPDATES = b'{"ok": true, "result": []}'


class PollingRefused(tg.TelegramError):
    """Telegram refused the bot token to a getUpdates: PTB's loop retries, quietly, until the
    supervisor stops the bot."""


def ignore(error: tg.TelegramError) -> None:
    """PTB's `error_callback`: `UpdatesRequest` told `Receiving` already, which logs a streak
    once; PTB's default logs a traceback for every failed getUpdates."""


class UpdatesRequest(HTTPXRequest):
    """The HTTP requests of getUpdates at `api_url`, each told to `receiving`."""

    def __init__(self, receiving: Receiving, api_url: str) -> None:
        super().__init__(connection_pool_size=1, read_timeout=UPDATES_READ_TIMEOUT)
        self.receiving, self.api_url = receiving, api_url
        self.stopping = False  # the transport stops: what is left is the confirming getUpdates

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        try:
            code, payload = await super().do_request(*args, **kwargs)
        except tg.TelegramError as exc:  # no answer: the network, a timeout
            if self.stopping:
                return self._unconfirmed(logs.redact(exc.message))
            self.receiving.failed(logs.redact(exc.message))
            raise
        if code == HTTPStatus.OK:
            self.receiving.fetched()
        elif self.stopping:
            return self._unconfirmed(_said(code, payload), code)
        elif code in (HTTPStatus.UNAUTHORIZED, HTTPStatus.NOT_FOUND):  # PTB's InvalidToken
            said = _said(code, payload)
            self.receiving.token_refused(
                f"Telegram at {self.api_url} answered {said} to getUpdates"
            )
            raise PollingRefused(said)
        elif code == HTTPStatus.CONFLICT:
            self.receiving.conflict(_said(code, payload))
        else:
            self.receiving.failed(_said(code, payload))
        return code, payload  # PTB raises its error of it, and retries

    def _unconfirmed(self, said: str, code: int = 0) -> tuple[int, bytes]:
        """The confirming getUpdates at a stop failed: said in one line (not when the token was
        refused: the supervisor says why the bot stops), and answered as no updates."""
        if code not in (HTTPStatus.UNAUTHORIZED, HTTPStatus.NOT_FOUND):
            log.warning(
                "could not confirm the last updates to Telegram (%s): they may come again at "
                "the next start", said,
            )  # fmt: skip
        return HTTPStatus.OK, NO_UPDATES


def _said(code: int, payload: bytes) -> str:
    """Telegram's description of an error answer ("Conflict: terminated by other getUpdates
    request; …"), or its HTTP status."""
    try:
        description = HTTPXRequest.parse_json_payload(payload).get("description")
    except tg.TelegramError:
        description = None
    return logs.redact(str(description or f"HTTP {code}"))
