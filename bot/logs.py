"""Logging set-up, and the guarantee that registered secrets (the bot token) never reach a log."""

from __future__ import annotations

import logging
import sys

_secrets: set[str] = set()
_base_factory = logging.getLogRecordFactory()


def _redact(text: str) -> str:
    for secret in _secrets:
        text = text.replace(secret, "[token]")
    return text


def _factory(*args: object, **kwargs: object) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    if _secrets:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error handling
            return record
        if any(s in message for s in _secrets):
            record.msg, record.args = _redact(message), ()
        if record.exc_info:  # formatters reuse a set exc_text, so every handler gets it redacted
            record.exc_text = _redact(logging.Formatter().formatException(record.exc_info))
    return record


def register_secret(secret: str | None) -> None:
    """From now on, `secret` is replaced by [token] in every log record, whoever logs it."""
    if not secret:
        return
    _secrets.add(secret)
    if logging.getLogRecordFactory() is not _factory:
        logging.setLogRecordFactory(_factory)


class RedactingFormatter(logging.Formatter):
    """Also redacts what a record gains when formatted: tracebacks and stack text."""

    def format(self, record: logging.LogRecord) -> str:
        return _redact(super().format(record))


def setup(level: int = logging.INFO) -> None:
    """One stderr handler, concise lines; chatty libraries turned down to WARNING."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and Telegram's URLs carry the token.
    for noisy in ("httpx", "httpcore", "telegram", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
