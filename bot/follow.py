"""Following companies: the rules around /follow that are not chat wording.

`Window` limits how often one user may try /follow; `FailureWatch` tells the
followers of a board that has failed for days, once per failure streak, and again when it
is back, through the notices queue (held in their quiet hours).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sqlite3
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot import sources
from bot.config import FollowConfig
from bot.config_values import format_duration
from bot.hostguard import HostGuard
from bot.store import Db, Follows, Notices

if TYPE_CHECKING:
    from bot.poller import Poller

log = logging.getLogger(__name__)

# How the chat names the platform a board of each kind is on. Every registered kind has a row
# (tests/test_kind_wording.py): without one, a new kind would be its name capitalised.
WORDING_BY_KIND = {
    "ashby": "Ashby",
    "bamboohr": "BambooHR",
    "breezy": "Breezy",
    "demo": "Demo",
    "eightfold": "Eightfold",
    "gem": "Gem",
    "getro": "Getro",
    "greenhouse": "Greenhouse",
    "hn": "Hacker News",
    "html": "its careers page",
    "icims": "iCIMS",
    "join": "JOIN",
    "jsonld": "its careers page",
    "lever": "Lever",
    "personio": "Personio",
    "phenom": "Phenom",
    "pinpoint": "Pinpoint",
    "recruitee": "Recruitee",
    "remoteok": "Remote OK",
    "remotive": "Remotive",
    "rippling": "Rippling",
    "rss": "an RSS feed",
    "smartrecruiters": "SmartRecruiters",
    "teamtailor": "Teamtailor",
    "workable": "Workable",
    "workday": "Workday",
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
    return WORDING_BY_KIND.get(kind, kind.capitalize())


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


FAILING = "⚠️ I have not been able to read {board} for over "  # a failure notice's start


@dataclass(frozen=True, slots=True)
class WatchStores:
    """What `FailureWatch` uses: the follows, the notices queue (`Notices.tell`) and their
    database, so that a notice queued and its follower marked told are one transaction."""

    db: Db
    follows: Follows
    notices: Notices


class FailureWatch:
    """Tells the followers of a board that has failed for `config.tell_after` (two days by
    default) once, and again when it recovers. `check` runs on a schedule and queues the
    notices as the bot's other notices to users are (`Notices.tell`: held through a follower's
    quiet hours, sent by the broadcaster, which `wake` rouses); a notice queued counts as told,
    so a restart tells nobody twice."""

    def __init__(
        self,
        store: WatchStores,
        config: FollowConfig,
        clock: Callable[[], datetime],
        wake: Callable[[], None] = lambda: None,
    ):
        self.store, self.config, self.clock, self.wake = store, config, clock, wake

    async def run(self, stop: asyncio.Event, every: float = 900.0) -> None:
        """`check` every `every` seconds until `stop` (the queue waits out Telegram's outages)."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every)
            if not stop.is_set():
                try:
                    self.check()
                except sqlite3.Error as exc:
                    log.warning("could not check followed boards: %s", exc)

    def check(self) -> int:
        """Queue what is due; returns how many notices were queued."""
        now, follows = self.clock(), self.store.follows
        told = 0
        for board in follows.failing_followed(now - timedelta(seconds=self.config.tell_after)):
            text = FAILING.format(board=board.name) + (
                f"{format_duration(self.config.tell_after)} ({board.last_error or 'no answer'}). "
                "I keep trying, less often; you will hear when it works again. /following"
            )
            told += self._tell(board.name, follows.untold_followers(board.name), text, now)
        for name in follows.recovered_followed():
            text = f"✅ {name} can be read again; its new jobs reach you as before."
            told += self._back(name, text, now)
        if told:
            self.wake()
        return told

    def _tell(self, board: str, chats: list[int], text: str, now: datetime) -> int:
        """Queue the failure notice to `chats`, marked told in the same transaction."""
        if not chats:
            return 0
        with self.store.db.transaction():
            self.store.notices.tell(chats, text, now)
            self.store.follows.set_failure_told(board, chats, True)
        log.info("board %s: told %d follower(s) it fails", board, len(chats))
        return len(chats)

    def _back(self, board: str, text: str, now: datetime) -> int:
        """Queue the recovery notice to the followers told of the failure, but not to one whose
        failure notice still waits (their quiet hours): it is taken back, neither is news."""
        with self.store.db.transaction():
            told = self.store.follows.told_followers(board)
            waiting = self.store.notices.withdraw(told, FAILING.format(board=board))
            chats = [c for c in told if c not in waiting]
            if chats:
                self.store.notices.tell(chats, text, now)
            self.store.follows.set_failure_told(board, None, False)
        log.info("board %s: told %d follower(s) it is back", board, len(chats))
        return len(chats)
