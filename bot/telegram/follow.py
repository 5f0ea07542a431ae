"""/follow, /following and /unfollow: any user follows a company's board from chat.

A followed board is an ordinary board row (origin 'follow') that every follower shares: a
hundred users following one company cost one poll, and its postings join the catalogue that
every alert and /search read. Its first poll is the baseline (nothing pushed); /follow answers
with what it found. Store calls run on the `worker` (bot/telegram/dbworker.py); the fetch
runs on this chat's task only, bounded by the fetch deadline, so other chats never wait on it.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime

from bot.ats import name_for
from bot.config import FollowConfig
from bot.config_boards import BoardConfig
from bot.errors import BoardUnreachable, DetectError, FetchError
from bot.follow import Window, recognise
from bot.http import HostGuard
from bot.lookup import PLACES, Place
from bot.poller import Poller
from bot.scheduler import BoardScheduler
from bot.store import BoardState, Db, Stores, utcnow
from bot.telegram import followed
from bot.telegram.admin import MAX_NAME, UNREACHABLE_HINT, url_problem
from bot.telegram.args import echo, with_scheme
from bot.telegram.commands import Command
from bot.telegram.dbworker import StoreWorker
from bot.telegram.follow_names import ByName
from bot.telegram.followed import Found, Refusal
from bot.telegram.muting import companies_in
from bot.transport import Incoming
from bot.wording import shorten

log = logging.getLogger(__name__)
esc = html.escape

AT_ONCE = 10  # URLs one /follow reads; each is a try of `FollowConfig.per_hour`
COMMANDS = (
    Command(
        "follow",
        "<careers page, board URL or company name> [all]",
        "Follow a company's jobs",
        "/follow https://boards.greenhouse.io/acme — I poll that company's job board from now "
        "on and its new jobs reach your alerts. Add <code>all</code> to get every new job of "
        "it, alerts or not. A careers page works too when it links to its job board. Up to "
        f"{AT_ONCE} addresses at once (a list pasted from your notes: spaces, commas or lines "
        "between them) get a line each. A company's name works too: /follow stripe all (a "
        "board I read is followed; else I look for its board on Greenhouse, Lever, Ashby, "
        "Workable and ten more platforms and offer what I find). Several names at once: "
        "/follow Stripe, Adyen, Wise.",
        "Jobs",
    ),
    Command("following", "", "The companies you follow", "Lists them with their health.", "Jobs"),
    Command(
        "unfollow",
        "<number or name>",
        "Stop following a company",
        "/unfollow 2 — the number from /following (or the board's name).",
        "Jobs",
    ),
)
FOLLOW_COMMANDS = tuple(c.name for c in COMMANDS)
NONE_FOLLOWED = "You follow no company yet. "
USAGE = (
    "Send <code>/follow &lt;careers page or job board URL&gt;</code>, e.g. "
    "<code>/follow https://boards.greenhouse.io/acme</code>; add <code>all</code> for every new "
    "job of that company."
)


def _the_link(urls: list[str]) -> list[str]:
    """The one link of a few words that end with it ("this company https://…"); else all."""
    links = [_urlish(u) for u in urls]
    return urls[-1:] if 1 < len(urls) <= 8 and links[-1] and links.count(True) == 1 else urls


def _urlish(word: str) -> bool:
    return "://" in word


class FollowCommands:
    """The follow commands, for every user. `database`: the app's `Db`, over which a worker is
    made, or a `StoreWorker` to share."""

    def __init__(
        self,
        database: Db | StoreWorker,
        poller: Poller,
        scheduler: BoardScheduler,
        config: FollowConfig,
        interval: float,
        guard: HostGuard | None = None,
        clock: Callable[[], datetime] = utcnow,
        places: tuple[Place, ...] = PLACES,
    ):
        self.worker = StoreWorker.over(database)
        self.places = places  # where a company's name is looked for (`lookup`)
        self.poller = poller
        self.scheduler = scheduler
        self.config = config
        self.interval = interval
        self.guard = guard
        self.clock = clock
        self.tries = Window(config.per_hour, 3600.0, clock)
        self.by_name = ByName(self.worker, poller, places, self.tries, self._follow_board, USAGE)

    async def handle(self, name: str, msg: Incoming, arg: str) -> str:
        return await getattr(self, f"cmd_{name}")(msg, arg)

    # -- /follow ---------------------------------------------------------------------------
    async def cmd_follow(self, msg: Incoming, arg: str) -> str:
        """Follow the board at one URL, or at each of several (a list pasted from notes)."""
        words = [w.strip(",;") for w in arg.split() if w.strip(",;")]
        all_jobs = len(words) > 1 and words[-1].lower() == "all"
        urls = list(dict.fromkeys(with_scheme(w) for w in words[: -1 if all_jobs else None]))
        typed = " ".join(words[: -1 if all_jobs else None])
        if typed and not {":", "/"} & set(typed):  # "/follow Acme Pay all", "Stripe, Wise"
            names = companies_in(arg.rsplit(maxsplit=1)[0] if all_jobs else arg)
            look = not any(_urlish(u) for u in urls)
            if (reply := await self.by_name.reply(msg, names, all_jobs, look)) is not None:
                return reply
        urls = _the_link(urls)
        if len(urls) > 1 and (odd := next((u for u in urls if not _urlish(u)), None)):
            return f"I don't understand “{echo(odd, 40)}” after the URL. {USAGE}"
        if len(urls) > 1:
            return await self._follow_many(msg, urls, all_jobs)
        if not urls:
            return USAGE
        outcome = await self._follow_url(msg, urls[0], all_jobs)
        if isinstance(outcome, Refusal):
            return outcome.text + outcome.hint
        return followed.found(outcome, all_jobs)

    async def _follow_board(self, msg: Incoming, board: BoardState, all_jobs: bool) -> str:
        """Follow a board this bot already reads, named by the user: nothing is fetched."""
        await self.worker.run(_subscribed, msg, self.clock())
        if board.baseline_at is None and (refusal := await self._baseline(board.name)):
            return refusal.text
        outcome = await self._follow(msg.chat_id, board.name, all_jobs)
        if isinstance(outcome, Refusal):
            return outcome.text
        return followed.found(outcome, all_jobs)

    async def _follow_many(self, msg: Incoming, urls: list[str], all_jobs: bool) -> str:
        """Each URL in turn (one board's name is chosen before the next's), at most
        `AT_ONCE`; the reply has a line for each and the /follow to send for those not tried."""
        lines: list[str] = []
        done = 0
        left = urls[AT_ONCE:]
        why_left = f"I take {AT_ONCE} at a time"
        for i, url in enumerate(urls[:AT_ONCE]):
            outcome = await self._follow_url(msg, url, all_jobs)
            if isinstance(outcome, Found):
                done += 1
                lines.append("✅ " + followed.found_line(outcome, all_jobs))
            elif outcome.stop:
                left = urls[i:]
                why_left = outcome.text.removesuffix(".")
                break
            else:
                lines.append(f"❌ {echo(url, 60)}: {outcome.text}")
        head = f"Following {done} of {len(urls)} companies:" if done else "I followed none of them:"
        if left:
            again = " ".join([*left, *(["all"] if all_jobs else [])])
            lines.append(f"{why_left}. For the rest: <code>/follow {esc(again)}</code>")
        if done:
            lines.append(
                "From now on every new job of them reaches you."
                if all_jobs
                else "From now on their new jobs that match your alerts reach you. "
                "/following lists what you follow."
            )
        return "\n".join([head, *lines])

    async def _follow_url(self, msg: Incoming, url: str, all_jobs: bool) -> Found | Refusal:
        """Recognise the board at a URL, share or create its row, baseline it, follow it."""
        if problem := url_problem(url):
            return Refusal(problem)
        await self.worker.run(_subscribed, msg, self.clock())
        if wait := self.tries.take(msg.chat_id):
            return Refusal(followed.too_many(wait), stop=True)
        try:
            kind, endpoint = await recognise(url, self.guard, self.poller)
        except (DetectError, FetchError) as exc:
            hint = UNREACHABLE_HINT if isinstance(exc, BoardUnreachable) else ""
            return Refusal(f"I can't follow that: {esc(shorten(str(exc), 300))}", hint)
        board = await self.worker.run(lambda s: s.boards.board_at(kind, endpoint))
        if board is None or not board.enabled:
            board_or_refusal = await self._start_polling(board, url, kind, endpoint)
            if isinstance(board_or_refusal, Refusal):
                return board_or_refusal
            board = board_or_refusal
        elif board.baseline_at is None and (refusal := await self._baseline(board.name)):
            return refusal
        return await self._follow(msg.chat_id, board.name, all_jobs)

    async def _start_polling(
        self, retired: BoardState | None, url: str, kind: str, endpoint: str
    ) -> BoardState | Refusal:
        """A new (or retired) board: within the global cap, polled once as its baseline, then
        on the schedule. Returns the board or why not."""
        boards = await self.worker.run(lambda s: s.boards.followed_board_count())
        if boards >= self.config.max_boards:
            log.warning(
                "follow refused: the cap of %d user-added boards is reached", self.config.max_boards
            )
            return Refusal(
                "I can't take on another company right now: this bot follows as many boards as "
                "its operator allows. Please ask them.",
                stop=True,
            )
        if retired is not None:
            name = retired.name
            await self.worker.run(lambda s: s.boards.enable_board(name))
        else:
            name = await self.worker.run(
                lambda s: s.boards.free_name(name_for(url, endpoint)[:MAX_NAME])
            )
            board = BoardConfig(name, url, kind, endpoint, self.interval)
            now = self.clock()
            await self.worker.run(lambda s: s.boards.add_followed_board(board, now))
        if refusal := await self._baseline(name, retire_on_failure=True):
            return refusal
        self.scheduler.add(name, self.interval, first_in=self.interval)
        log.info("board %s (%s) followed from chat: %s", name, kind, endpoint)
        state = await self.worker.run(lambda s: s.boards.board(name))
        assert state is not None
        return state

    async def _baseline(self, name: str, *, retire_on_failure: bool = False) -> Refusal | None:
        outcome = await self.poller.poll(name, force=True, trial=retire_on_failure)
        if outcome.status != "failed":
            return None
        if retire_on_failure:
            await self.worker.run(lambda s: s.boards.remove_board(name))
            log.info("board %s not followed: its first read failed; it is not polled", name)
        return Refusal(
            f"I couldn't read that board: {esc(shorten(outcome.error or 'no answer', 300))}"
        )

    async def _follow(self, chat_id: int, name: str, all_jobs: bool) -> Found | Refusal:
        now = self.clock()
        result = await self.worker.run(
            followed.follow, chat_id, name, all_jobs, now, self.config.max_per_user
        )
        if isinstance(result, Refusal):
            await self.worker.run(lambda s: s.follows.retire_if_unneeded(name))
        return result

    # -- /following, /unfollow -------------------------------------------------------------
    async def cmd_following(self, msg: Incoming, arg: str) -> str:
        follows = await self.worker.run(lambda s: s.follows.follows(msg.chat_id))
        return followed.following(follows, self.clock()) if follows else NONE_FOLLOWED + USAGE

    async def cmd_unfollow(self, msg: Incoming, arg: str) -> str:
        which = arg.strip()
        follows = await self.worker.run(lambda s: s.follows.follows(msg.chat_id))
        if not follows:
            return NONE_FOLLOWED + USAGE
        if not which:
            listed = " · ".join(f"{n}. {esc(f.board.name)}" for n, f in enumerate(follows, 1))
            return f"Which one? Send <code>/unfollow 1</code>, its number: {listed}."
        chosen = next((f for f in follows if f.board.name.lower() == which.lower()), None)
        if chosen is None and which.isascii() and which.isdigit() and len(which) < 6:
            chosen = follows[int(which) - 1] if 0 < int(which) <= len(follows) else None
        if chosen is None:
            return f"You don't follow “{echo(which, 60)}”. /following lists what you do."
        name = chosen.board.name
        await self.worker.run(lambda s: s.follows.unfollow(msg.chat_id, name))
        if await self.worker.run(lambda s: s.follows.retire_if_unneeded(name)):
            self.scheduler.remove(name)
            log.info("board %s retired: nobody follows it", name)
        return f"Stopped following <b>{esc(name)}</b>. Its jobs you already got stay in /search."


def _subscribed(store: Stores, msg: Incoming, now: datetime) -> None:
    store.users.ensure(msg.chat_id, now, msg.username, msg.first_name)
