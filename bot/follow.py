"""Following companies: the rules around /follow that are not chat wording.

`Window` limits how often one user may try /follow; `FailureWatch` tells the
followers of a board that has failed for days, once per failure streak, and again when it
is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sqlite3
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot import sources
from bot.config import FollowConfig
from bot.config_values import format_duration
from bot.hostguard import HostGuard
from bot.store import Follows

if TYPE_CHECKING:
    from bot.poller import Poller

log = logging.getLogger(__name__)

# How the chat names the platform a board is on, where the kind's name is not it.
PLATFORMS = {
    "rss": "an RSS feed",
    "jsonld": "its careers page",
    "html": "its careers page",
    "hn": "Hacker News",
    "remoteok": "Remote OK",
    "smartrecruiters": "SmartRecruiters",
    "bamboohr": "BambooHR",
    "icims": "iCIMS",
    "join": "JOIN",
}


# Job sites that show jobs only behind a login and forbid bots: nothing to follow there, and
# no job of theirs is one jobbot read. The same jobs are on the companies' own boards.
_WALLED = (
    (re.compile(r"(?:^|\.)linkedin\.com$"), "LinkedIn"),
    (re.compile(r"(?:^|\.)indeed\.(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$"), "Indeed"),
    (re.compile(r"(?:^|\.)glassdoor\.[a-z.]+$"), "Glassdoor"),
    (re.compile(r"(?:^|\.)(?:wellfound\.com|angel\.co)$"), "Wellfound"),
    (re.compile(r"(?:^|\.)ziprecruiter\.[a-z.]+$"), "ZipRecruiter"),
    (re.compile(r"(?:^|\.)xing\.com$"), "XING"),
    (re.compile(r"(?:^|\.)stepstone\.[a-z.]+$"), "StepStone"),
)


def walled(url: str) -> str | None:
    """The name of the login-walled job site `url` is on ("LinkedIn"), or None."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    return next((name for pattern, name in _WALLED if pattern.search(host)), None)


def platform(kind: str) -> str:
    """'Greenhouse' for greenhouse: how a reply names the platform of a kind."""
    return PLATFORMS.get(kind, kind.capitalize())


async def recognise(url: str, guard: HostGuard | None, poller: Poller) -> tuple[str, str]:
    """The (kind, endpoint) of the board at a user-given URL: the host guard first, then one
    fetch at most (a careers page), bounded by the poller's fetch deadline."""
    if guard is not None:  # refuse private hosts before anything touches the URL
        await guard.check(url)
    fetcher = poller.fetcher
    async with fetcher.deadline(poller.polling.fetch_timeout):
        return await sources.detect_remote(fetcher, url)


class Window:
    """At most `limit` events per `period` seconds for one key (a sliding window)."""

    def __init__(self, limit: int, period: float, clock: Callable[[], datetime]):
        self.limit = limit
        self.period = timedelta(seconds=period)
        self.clock = clock
        self._seen: dict[int, deque[datetime]] = defaultdict(deque)

    def take(self, key: int) -> timedelta | None:
        """Count one event for `key`; None when allowed, else how long until one would be."""
        now = self.clock()
        seen = self._seen[key]
        while seen and now - seen[0] >= self.period:
            seen.popleft()
        if len(seen) >= self.limit:
            return seen[0] + self.period - now
        seen.append(now)
        return None


Tell = Callable[[int, str], Awaitable[bool]]  # send one notice to one chat; True when sent


class FailureWatch:
    """Tells the followers of a board that has failed for `config.tell_after` (two days by
    default) once, and again when it recovers. `check` runs on a schedule; a notice that could
    not be sent is tried again on the next check."""

    def __init__(
        self, follows: Follows, config: FollowConfig, tell: Tell, clock: Callable[[], datetime]
    ):
        self.follows = follows
        self.config = config
        self.tell = tell
        self.clock = clock

    async def run(
        self, stop: asyncio.Event, ready: Callable[[], bool], every: float = 900.0
    ) -> None:
        """`check` every `every` seconds while `ready()` (Telegram takes messages) until `stop`."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)
            if not stop.is_set() and ready():
                try:
                    await self.check()
                except sqlite3.Error as exc:
                    log.warning("could not check followed boards: %s", exc)

    async def check(self) -> int:
        """Send what is due; returns how many notices went out."""
        sent = 0
        since = self.clock() - timedelta(seconds=self.config.tell_after)
        for board in self.follows.failing_followed(since):
            text = (
                f"⚠️ I have not been able to read {board.name} for over "
                f"{format_duration(self.config.tell_after)} ({board.last_error or 'no answer'}). "
                "I keep trying, less often; you will hear when it works again. /following"
            )
            sent += await self._tell_all(
                board.name, self.follows.untold_followers(board.name), text, True
            )
        for name in self.follows.recovered_followed():
            told = self.follows.told_followers(name)
            text = f"✅ {name} can be read again; its new jobs reach you as before."
            sent += await self._tell_all(name, told, text, False)
        return sent

    async def _tell_all(self, board: str, chats: list[int], text: str, told: bool) -> int:
        sent = 0
        for chat in chats:
            if await self.tell(chat, text):
                self.follows.set_failure_told(board, chat, told)
                sent += 1
        if chats and sent:
            log.info(
                "board %s: told %d follower(s) it %s", board, sent, "fails" if told else "is back"
            )
        return sent
