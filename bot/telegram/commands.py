"""A chat command as /help and Telegram's command menu describe it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    args: str
    summary: str
    help: str
