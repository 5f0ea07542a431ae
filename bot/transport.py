"""The interface between the engine and a chat, owned by the engine: receive commands, send
messages. `bot/telegram` implements it (python-telegram-bot, the console chat)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from bot.models import Document, OutgoingMessage


@dataclass(frozen=True, slots=True)
class Incoming:
    """A text a person sent the bot."""

    chat_id: int
    text: str
    user_id: int | None = None
    username: str | None = None
    first_name: str | None = None
    reply_to_message_id: int | None = None  # the message this one answers, if any
    document: str | None = None  # the text of a file sent with it or in the message it answers
    document_error: str | None = None  # why that file could not be read
    group: bool = False  # sent in a group chat, not a private one
    media: str | None = None  # sent instead of text: "file", "voice", "location", "sticker"...


@dataclass(frozen=True, slots=True)
class Press:
    """A press of one of the bot's inline buttons: its callback data, who pressed, where."""

    chat_id: int
    message_id: int
    data: str
    user_id: int | None = None


@dataclass(frozen=True, slots=True)
class PressAnswer:
    """What a press does: a short notice for the presser, and the message's new form."""

    toast: str = ""
    edit: OutgoingMessage | None = None


Reply = str | OutgoingMessage | Document  # HTML text, a message with buttons, or a file
OnMessage = Callable[[Incoming], Awaitable[Reply | None]]
OnPress = Callable[[Press], Awaitable[PressAnswer]]


class Transport(Protocol):
    """A chat the bot lives in. `send` raises a SendError subclass when the message is not taken."""

    async def start(self, on_message: OnMessage | None, on_press: OnPress | None = None) -> None:
        """Connect; when `on_message` is given, feed it every incoming text and send its reply,
        and `on_press` every button press (answered, and the message edited as it says)."""

    async def stop(self) -> None:
        """Disconnect, letting in-flight work finish."""

    async def send(
        self, chat_id: int, message: OutgoingMessage, *, plain: bool = False
    ) -> int | None:
        """Deliver one notification (as plain text when `plain`); returns its message id."""

    async def send_document(self, chat_id: int, document: Document) -> int | None:
        """Send a file (with its caption); returns its message id."""
