"""Logging set-up, and the guarantee that registered secrets (the bot token) never reach a log."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime

_secrets: set[str] = set()
FIELDS = ("board", "chat", "job", "event", "outcome")  # what a JSON line carries when known
_fields: ContextVar[dict[str, object]] = ContextVar("jobbot_log_fields")
_base_factory = logging.getLogRecordFactory()


def redact(text: str) -> str:
    """`text` with every registered secret replaced by [token] (for what is not a log record:
    an error printed at exit, a reason /healthz serves)."""
    for secret in _secrets:
        text = text.replace(secret, "[token]")
    return text


def _factory(*args: object, **kwargs: object) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    context = _fields.get(None)
    if context:  # taken now: a handler may format the record later, in another context
        record.jobbot_fields = context
    if _secrets:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error handling
            return record
        if any(s in message for s in _secrets):
            record.msg, record.args = redact(message), ()
        if record.exc_info:  # formatters reuse a set exc_text, so every handler gets it redacted
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    return record


def register_secret(secret: str | None) -> None:
    """From now on, `secret` is replaced by [token] in every log record, whoever logs it."""
    if not secret:
        return
    _secrets.add(secret)
    _install()


def _install() -> None:
    if logging.getLogRecordFactory() is not _factory:
        logging.setLogRecordFactory(_factory)


class RedactingFormatter(logging.Formatter):
    """Also redacts what a record gains when formatted: tracebacks and stack text."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


@contextlib.contextmanager
def fields(**values: object) -> Iterator[None]:
    """Within the block (in this task), every log record carries these fields (board, chat,
    job) for JSON lines; the text format has them in its words already."""
    _install()
    token = _fields.set({**_fields.get({}), **values})
    try:
        yield
    finally:
        _fields.reset(token)


def bind(**values: object) -> None:
    """Like `fields`, for the rest of the current task (a task of its own, such as one send)."""
    _install()
    _fields.set({**_fields.get({}), **values})


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, the fields known
    (board, chat, job, event, outcome: from `extra=` or `fields`), and any traceback. Secrets
    are redacted like every other line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        context: dict[str, object] = getattr(record, "jobbot_fields", {})
        for name in FIELDS:
            value = getattr(record, name, None)
            value = context.get(name) if value is None else value
            if value is not None:
                line[name] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["traceback"] = record.exc_text
        return redact(json.dumps(line, ensure_ascii=False, default=str))


def setup(level: int = logging.INFO, fmt: str = "text") -> None:
    """One stderr handler, concise lines dated to the second in local time, so a log kept for
    days reads without guessing the day (`fmt` "json": JSON lines, UTC); chatty libraries
    turned down to WARNING."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter()
        if fmt == "json"
        else RedactingFormatter(
            "%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S"
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and Telegram's URLs carry the token.
    for noisy in ("httpx", "httpcore", "aiohttp", "telegram", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
