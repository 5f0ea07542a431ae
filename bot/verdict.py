"""What a send that did not go through means, read once for every queue that sends (the
outbox's deliveries in `bot.ledger`, the admins' notices in `bot.broadcast`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.errors import (
    ChatBlocked,
    ChatMigrated,
    MessageRejected,
    RateLimited,
    SendError,
    TokenRejected,
)


class Verdict(Enum):
    PAUSE = "paused"  # the token was refused: the link pauses, the message keeps its place
    WAIT = "429"  # Telegram asked this chat to wait `retry_after`
    BLOCKED = "blocked"  # the chat blocked the bot or is gone: it gets nothing more
    MIGRATED = "migrated"  # the group became a supergroup: the message follows it
    REJECTED = "rejected"  # Telegram refused this message: it ends here
    RETRY = "retry"  # no answer (network, 5xx, timeout): back off and go again

    @property
    def answered(self) -> bool:
        """Telegram answered (about this chat or message), so the link is up."""
        return self not in (Verdict.PAUSE, Verdict.RETRY)


@dataclass(frozen=True, slots=True)
class Reading:
    """A failed send read: its verdict, the error as stored, and what the verdict needs."""

    verdict: Verdict
    error: str
    retry_after: float = 0.0  # WAIT
    new_chat_id: int = 0  # MIGRATED


def read(exc: SendError | TimeoutError) -> Reading:
    """The one reading of a failed send."""
    error = "timed out" if isinstance(exc, TimeoutError) else str(exc) or type(exc).__name__
    if isinstance(exc, TokenRejected):
        return Reading(Verdict.PAUSE, error)
    if isinstance(exc, RateLimited):
        return Reading(Verdict.WAIT, error, retry_after=exc.retry_after)
    if isinstance(exc, ChatBlocked):
        return Reading(Verdict.BLOCKED, error)
    if isinstance(exc, ChatMigrated):
        return Reading(Verdict.MIGRATED, error, new_chat_id=exc.new_chat_id)
    if isinstance(exc, MessageRejected):
        return Reading(Verdict.REJECTED, error)
    return Reading(Verdict.RETRY, error)
