"""Process-wide settings, made once at start-up by `jobbot` (no module changes them on import)."""

from __future__ import annotations

import logging
import os

from bot import logs


def environment() -> None:
    """Settings libraries read from the environment. PTB 22 warns inside its own RetryAfter()
    that retry_after will become a timedelta; we opt in now (`ptb_api.translate` takes either), so
    a flood-control answer does not log a deprecation."""
    os.environ.setdefault("PTB_TIMEDELTA", "1")


def setup(level: int = logging.INFO, secret: str | None = None, fmt: str = "text") -> None:
    """Logging (one stderr handler, text or JSON lines, chatty libraries turned down, `secret`
    redacted) and the environment: the one set-up step the command line runs first."""
    logs.setup(level, fmt)
    logs.register_secret(secret)
    environment()
