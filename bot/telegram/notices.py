"""Operational notices for the admins: the engine's events (bot/events.py) in words, sent.

One background task sends the queue in order and retries through outages, 429s and a paused
token, so no notice is lost to the very outage it reports. The queue is in memory only: a notice
is about now, and whatever is still wrong after a restart is noticed and told again.

Delivery failures, boards failing and boards recovering come in bursts (a DNS outage fails
every board within minutes; its end brings them all back): each kind is counted over `window`
seconds. The first of a quiet spell is told at once, the rest in one summary when the window
is over (none left untold), and the window starts again while they keep coming.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.backoff import clamp_wait, retry_delay
from bot.config import DeliveryConfig
from bot.config_values import format_duration
from bot.errors import ChatBlocked, MessageRejected, RateLimited, SendError
from bot.events import (
    BoardFailing,
    BoardRecovered,
    DeliveryFailing,
    DeliveryRejected,
    Event,
    Notice,
    TelegramBack,
    TelegramDown,
)
from bot.link import Link
from bot.models import OutgoingMessage
from bot.store import utcnow
from bot.transport import Transport
from bot.wording import plural, shorten

log = logging.getLogger(__name__)
WINDOW = 600.0  # seconds: more notices of one kind within it make one summary
LISTED = 20  # boards named in one summary; the rest are counted


def _down_since(since: datetime, now: datetime | None) -> str:
    """How long Telegram has been down, as a duration: one text for admins in any zone
    ("for 2h10m, since 14:05 UTC"); a date too when it began over a day ago."""
    if now is None:
        return f"since {since:%Y-%m-%d %H:%M} UTC"
    took = max((now - since).total_seconds(), 0.0)
    stamp = f"{since:%H:%M}" if took < 86400 else f"{since:%Y-%m-%d %H:%M}"
    return f"for {format_duration(took)}, since {stamp} UTC"


def word(event: Notice, now: datetime | None = None) -> str:
    """The event as the admins read it (plain text), told at `now`."""
    match event:
        case BoardFailing(board, failures, error, retry_in):
            polls = plural(failures, "poll")
            return (
                f"⚠️ Board {board} failed {polls} in a row: {error}. Retrying with backoff; "
                f"next try in {format_duration(retry_in)}."
            )
        case BoardRecovered(board, failures):
            return f"✅ Board {board} recovered after {failures} failed polls."
        case DeliveryRejected(chat, error):
            return f"A message to chat {chat} was rejected by Telegram: {error}"
        case DeliveryFailing(chat, attempts, error, cap):
            return (
                f"A message to chat {chat} failed {attempts} times ({error}); still retrying, "
                f"at most {format_duration(cap)} apart."
            )
        case TelegramDown(since, failures, error, cap):
            return (
                f"⚠️ Telegram has not taken a message {_down_since(since, now)} "
                f"({failures} tries failed; last: {error}). Nothing is dropped: jobbot keeps "
                f"trying, at most {format_duration(cap)} apart, and sends everything when "
                "Telegram is back."
            )
        case TelegramBack(took, token):
            what = "accepts the bot token" if token else "takes messages"
            return (
                f"✅ Telegram {what} again after {format_duration(took)}; sending everything "
                "that waited."
            )


def _boards_failing(events: Sequence[BoardFailing], window: float) -> str:
    named = "; ".join(f"{e.board} ({shorten(e.error, 100)})" for e in events[:LISTED])
    rest = f"; and {len(events) - LISTED} more" if len(events) > LISTED else ""
    return (
        f"⚠️ {plural(len(events), 'more board')} failed polls in a row "
        f"within {format_duration(window)}: {named}{rest}. Each is retried with backoff; "
        "/boards lists them."
    )


def _boards_back(events: Sequence[BoardRecovered], window: float) -> str:
    named = ", ".join(e.board for e in events[:LISTED])
    rest = f" and {len(events) - LISTED} more" if len(events) > LISTED else ""
    return f"✅ {plural(len(events), 'more board')} recovered: {named}{rest}."


def _deliveries(events: Sequence[Notice], window: float) -> str:
    more = len(events) - 1
    summary = f" (and {more} more within {format_duration(window)})" if more else ""
    return f"⚠️ {word(events[-1])}{summary}"


@dataclass(slots=True)
class _Spell:
    """One kind of notice in a burst: the summary of what waits, and the window's timer."""

    summary: Callable[[Sequence[Any], float], str]
    first: Callable[[Notice], str] = word
    waiting: list[Notice] = field(default_factory=list)
    timer: asyncio.TimerHandle | None = None


def _spells() -> dict[type, _Spell]:
    delivery = _Spell(_deliveries, first=lambda e: f"⚠️ {word(e)}")
    return {
        DeliveryRejected: delivery,
        DeliveryFailing: delivery,
        BoardFailing: _Spell(_boards_failing),
        BoardRecovered: _Spell(_boards_back),
    }


class AdminNotices:
    """Tells `admins` what the engine reports (`report`) or any text (`tell`), through
    `transport`, waiting while `link` finds Telegram down or paused."""

    def __init__(
        self,
        transport: Transport,
        link: Link,
        admins: tuple[int, ...],
        delivery: DeliveryConfig = DeliveryConfig(),
        window: float = WINDOW,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.transport, self.link, self.admins = transport, link, admins
        self.delivery, self.window, self.clock = delivery, window, clock
        self._queue: deque[str] = deque()  # notices not yet sent to every admin
        self._sender: asyncio.Task | None = None
        self._spells = _spells()  # notices that come in bursts, by type

    def report(self, event: Event) -> None:
        """Word one engine event for the admins and queue it (those that come in bursts:
        summed up per window); polls and sends are not theirs (metrics and the log observe
        those)."""
        if not isinstance(event, Notice) or not self.admins:
            return  # (with no admins, nothing is kept to be told, or "not told" at the end)
        if isinstance(event, BoardRecovered) and self._untold_failure(event.board):
            return  # its failure waited for the summary: back already, neither is news
        spell = self._spells.get(type(event))
        if spell is None:
            self.tell(word(event, self.clock()))
        elif spell.timer is None:  # the first of a quiet spell: at once
            self.tell(spell.first(event))
            spell.timer = asyncio.get_running_loop().call_later(self.window, self._sum_up, spell)
        else:
            spell.waiting.append(event)

    def _untold_failure(self, board: str) -> bool:
        """Whether `board`'s failure waits for the window's summary; it is taken out of it."""
        failing = self._spells[BoardFailing]
        kept = [
            e for e in failing.waiting if not (isinstance(e, BoardFailing) and e.board == board)
        ]
        untold, failing.waiting = len(kept) < len(failing.waiting), kept
        return untold

    def tell(self, text: str) -> None:
        """Queue a notice for every admin (none: nothing); the one sending task starts if it is
        not running."""
        if not self.admins:
            return
        self._queue.append(text)
        if self._sender is None or self._sender.done():
            self._sender = asyncio.get_running_loop().create_task(self._send_queue())

    def _sum_up(self, spell: _Spell) -> None:
        """The window is over: what came in it, in one summary (and a new window), or
        nothing (the spell is over)."""
        spell.timer = None
        if not spell.waiting:
            return
        events, spell.waiting = spell.waiting, []
        self.tell(spell.summary(events, self.window))
        spell.timer = asyncio.get_running_loop().call_later(self.window, self._sum_up, spell)

    async def _send_queue(self) -> None:
        while self._queue:
            text = self._queue[0]
            message = OutgoingMessage(html=html.escape(text, quote=False), plain=text)
            for admin in self.admins:
                await self._send(admin, message)
            self._queue.popleft()

    async def _send(self, admin: int, message: OutgoingMessage) -> None:
        """Send one notice to one admin: wait while Telegram is down or paused, back off
        (capped) on failures, wait out a 429; give up only on a permanent answer."""
        failures = 0
        while True:
            await self.link.wait_up()
            try:
                send = self.transport.send(admin, message)
                await asyncio.wait_for(send, self.delivery.send_timeout)
                return
            except (ChatBlocked, MessageRejected) as exc:
                log.warning("could not tell admin %d: %s (%s)", admin, message.plain, exc)
                return
            except RateLimited as exc:
                delay = clamp_wait(exc.retry_after)
            except (SendError, TimeoutError) as exc:
                failures += 1
                delay = retry_delay(failures, self.delivery.retry_base)
                if failures == 1:
                    log.warning("telling admin %d failed (%s); retrying with backoff", admin, exc)
            await asyncio.sleep(delay)

    async def finish(self, grace: float = 1.5) -> None:
        """At shutdown: give queued notices a moment (when Telegram is up), then stop and log
        the ones that did not go out."""
        untold: list[str] = []
        for spell in {id(s): s for s in self._spells.values()}.values():
            if spell.timer is not None:
                spell.timer.cancel()
            untold.extend(word(e) for e in spell.waiting)
            spell.waiting.clear()
        if self._sender is not None:
            if self.link.up:
                await asyncio.wait({self._sender}, timeout=grace)
            self._sender.cancel()
        for text in [*self._queue, *untold]:
            log.warning("not told to the admins (shutting down): %s", text)
        self._queue.clear()
