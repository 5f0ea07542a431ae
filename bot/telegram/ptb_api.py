"""What crosses python-telegram-bot's edge both ways: its errors as ours (`translate`, the
one place they are read), our button rows as its inline keyboards, link previews off."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram import error as tg
from telegram.warnings import PTBDeprecationWarning

from bot.backoff import clamp_wait
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
from bot.models import Keyboard

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
