"""Button presses, routed by the prefix of their callback data to registered routes.

Callback data is `<prefix>:<rest>` (at most 64 bytes, no secrets). A route runs on a database
worker thread like a command (`dbworker`), gets the press, the rest of its data and the time,
and returns what the presser sees: a short notice and, usually, the message's new form. A route
checks that the press is the presser's own (see `bot.telegram.buttons.owned`); a press it
cannot place answers `STALE` and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from bot.errors import StoreBusy
from bot.store import Stores
from bot.telegram.dbworker import StoreWorker
from bot.transport import Press, PressAnswer

log = logging.getLogger(__name__)
PressRoute = Callable[[Stores, Press, str, datetime], PressAnswer]
STALE = PressAnswer("This button no longer works.")
BUSY = PressAnswer("⏳ I'm busy right now. Please press again in a moment.")
OOPS = PressAnswer("Sorry, something went wrong on my side.")
MAX_DATA = 64  # bytes of callback data Telegram keeps


class Presses:
    """The press routes by prefix; `await presses(press)` answers one press, never raises."""

    def __init__(self, worker: StoreWorker, clock: Callable[[], datetime]):
        self.worker = worker
        self.clock = clock
        self._routes: dict[str, PressRoute] = {}

    def register(self, routes: Mapping[str, PressRoute]) -> None:
        """Add routes; a prefix may belong to one route only (a clash is a bug, found at start)."""
        for prefix, route in routes.items():
            if prefix in self._routes or not prefix or ":" in prefix:
                raise ValueError(f"press prefix {prefix!r} is taken or malformed")
            self._routes[prefix] = route

    async def __call__(self, press: Press) -> PressAnswer:
        prefix, _, rest = press.data.partition(":")
        route = self._routes.get(prefix)
        if route is None or len(press.data.encode()) > MAX_DATA:
            log.info("press in chat %s with unknown data %r", press.chat_id, press.data[:64])
            return STALE
        try:
            return await self.worker.run(route, press, rest, self.clock())
        except StoreBusy as exc:
            log.warning("press in chat %s answered busy: %s", press.chat_id, exc)
            return BUSY
        except Exception:
            log.exception("press %r in chat %s failed", press.data[:64], press.chat_id)
            return OOPS
