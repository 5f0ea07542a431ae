"""What the engine reports, as typed records handed to one `on_event` callback.

The poller and the sender say *what happened*: problems the people who run the bot should
hear of (a board failing, Telegram down; `telegram/notices.py` words them for the admins), and
every poll and send (metrics and the event log observe them, so the engine knows nothing of
Prometheus or log formats). The engine writes no chat text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.errors import ChatBlocked, MessageRejected, RateLimited, TokenRejected

log = logging.getLogger(__name__)


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


class Outcome(Protocol):
    """What a poll returns (bot.storing.PollOutcome), as far as an event needs it."""

    @property
    def board(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def new(self) -> int: ...
    @property
    def changed(self) -> int: ...
    @property
    def closed(self) -> int: ...
    @property
    def error(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Polled:
    """One poll of one board ended with `status` ("ok", "baseline", "not_modified", "failed",
    "skipped") after `seconds`."""

    board: str
    status: str
    new: int = 0
    changed: int = 0
    closed: int = 0
    seconds: float = 0.0
    error: str | None = None

    @classmethod
    def of(cls, outcome: Outcome, seconds: float) -> Polled:
        """The event of a poller's PollOutcome."""
        o = outcome
        return cls(o.board, o.status, o.new, o.changed, o.closed, seconds, o.error)


@dataclass(frozen=True, slots=True)
class Sent:
    """Telegram took one message carrying deliveries `ids` (one job, or a summary's)."""

    chat_id: int
    ids: tuple[int, ...]
    at: datetime
    job: str | None = None  # the posting key, for a single job
    board: str | None = None


@dataclass(frozen=True, slots=True)
class NotSent:
    """A send of deliveries `ids` failed with `error` (a SendError or a timeout)."""

    chat_id: int
    ids: tuple[int, ...]
    error: Exception
    job: str | None = None
    board: str | None = None

    @property
    def outcome(self) -> str:
        """What became of the deliveries: "rate_limited" (429, they wait), "paused" (token
        refused), "dropped" (the chat blocked the bot), "failed" (rejected for good), or
        "retried" (anything else: they are tried again)."""
        if isinstance(self.error, RateLimited):
            return "rate_limited"
        if isinstance(self.error, TokenRejected):
            return "paused"
        if isinstance(self.error, ChatBlocked):
            return "dropped"
        if isinstance(self.error, MessageRejected):
            return "failed"
        return "retried"


Notice = (
    BoardFailing | BoardRecovered | DeliveryRejected | DeliveryFailing | TelegramDown | TelegramBack
)
Event = Notice | Polled | Sent | NotSent
OnEvent = Callable[[Event], None]


def ignore(event: Event) -> None:
    """The default `on_event`: nobody is watching."""


def log_event(event: Event) -> None:
    """One log line per event, its fields (board, chat, job) attached for JSON logs. Polls
        that changed nothing and sends are routine (DEBUG / INFO); the engine logs problems itself
    (notices such as `BoardFailing` are the admins', not logged here)."""
    if isinstance(event, Polled):
        changed = (
            event.new or event.changed or event.closed or event.status in ("failed", "baseline")
        )
        log.log(
            logging.INFO if changed else logging.DEBUG,
            "poll %s: %s, %d new, %d changed, %d closed in %.2fs",
            event.board, event.status, event.new, event.changed, event.closed, event.seconds,
            extra={"board": event.board, "event": "poll", "outcome": event.status},
        )  # fmt: skip
    elif isinstance(event, Sent):
        log.info(
            "sent %s to chat %d",
            f"job {event.job}" if event.job else f"a summary of {len(event.ids)} jobs",
            event.chat_id,
            extra={"chat": event.chat_id, "job": event.job, "board": event.board,
                   "event": "delivery", "outcome": "sent"},
        )  # fmt: skip
    elif isinstance(event, NotSent):
        log.debug(
            "not sent to chat %d (%s): %s", event.chat_id, event.outcome, event.error,
            extra={"chat": event.chat_id, "job": event.job, "board": event.board,
                   "event": "delivery", "outcome": event.outcome},
        )  # fmt: skip
