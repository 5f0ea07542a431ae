"""What a command is: its name, arguments, help and menu group; and the shapes of routes.

Feature modules (alert menu, export, /why...) define their `Command` entries and routes here
without importing `handlers`, which registers them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.store import Store
from bot.telegram.transport import Incoming, Press, PressAnswer, Reply

GROUPS = ("Alerts", "Delivery", "Jobs", "Account")  # /help's sections, in order; then Admin


@dataclass(frozen=True)
class Command:
    """One command as /help and Telegram's command menu show it."""

    name: str
    args: str
    summary: str
    help: str
    group: str = "Alerts"


Route = Callable[[Store, Incoming, str], Reply]  # a command, run on a worker thread
PressRoute = Callable[[Store, Press, str], PressAnswer]  # a button press, ditto; arg: the data
