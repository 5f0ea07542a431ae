"""What the engine reports to the people who run the bot, as typed records.

The poller and the sender say *what happened*; the Telegram side (`telegram/notices.py`) words
it for the admins and sends it. The engine writes no chat text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class BoardFailing:
    """A board failed `failures` polls in a row (once per streak); next try in `retry_in` s."""

    board: str
    failures: int
    error: str
    retry_in: float


@dataclass(frozen=True, slots=True)
class BoardRecovered:
    """A board the admins heard about polls fine again after `failures` failed polls."""

    board: str
    failures: int


@dataclass(frozen=True, slots=True)
class DeliveryRejected:
    """Telegram refused one message to a chat for good: that delivery ends unsent."""

    chat_id: int
    error: str


@dataclass(frozen=True, slots=True)
class DeliveryFailing:
    """Sends to one chat failed `attempts` times (once, until one succeeds); still retrying,
    at most `retry_cap` seconds apart."""

    chat_id: int
    attempts: int
    error: str
    retry_cap: float


@dataclass(frozen=True, slots=True)
class TelegramDown:
    """Telegram has taken no message since `since` (`failures` tries); still trying, at most
    `retry_cap` seconds apart, nothing dropped."""

    since: datetime
    failures: int
    error: str
    retry_cap: float


@dataclass(frozen=True, slots=True)
class TelegramBack:
    """Telegram takes messages (or, when `token` is set, the bot token) again after `took` s."""

    took: float
    token: bool = False


Event = (
    BoardFailing | BoardRecovered | DeliveryRejected | DeliveryFailing | TelegramDown | TelegramBack
)
