"""Following companies: the rules around /follow that are not chat wording.

`Window` limits how often one user may try /follow; `with_followers` adds, to a poll's
deliveries, the users who follow a board for every new posting; `FailureWatch` tells the
followers of a board that has failed for days, once per failure streak, and again when it
is back.
"""

from __future__ import annotations

import logging
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot import sources
from bot.config import FollowConfig
from bot.config_values import format_duration
from bot.hostguard import HostGuard
from bot.models import Delivery, Posting
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
        return await sources.base.detect_remote(fetcher, url)


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


def with_followers(
    deliveries: list[Delivery],
    postings: Iterable[Posting],
    followers_of: Callable[[str], list[int]],
) -> list[Delivery]:
    """`deliveries` plus one for each user who follows a posting's board for every new posting
    and has no delivery of it yet (a user whose alert matched keeps that delivery, which names
    the alert)."""
    have = {(d.chat_id, d.posting_key) for d in deliveries}
    out = list(deliveries)
    by_board: dict[str, list[int]] = {}
    for p in postings:
        if p.board not in by_board:
            by_board[p.board] = followers_of(p.board)
        out.extend(Delivery(chat, p.key) for chat in by_board[p.board] if (chat, p.key) not in have)
    return out


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
