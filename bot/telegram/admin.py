"""Admin commands: see the boards' health, add a board by URL, remove one, the bot's figures
(/stats). Admins only; the access commands (/invite, /ban...) are in access.py."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from urllib.parse import urlsplit

from bot.ats import name_for
from bot.config_boards import BoardConfig
from bot.config_values import format_duration
from bot.errors import BoardUnreachable, DetectError, FetchError
from bot.follow import recognise, walled
from bot.http import HostGuard
from bot.poller import Poller
from bot.scheduler import BoardScheduler
from bot.store import BoardState, Db, utcnow
from bot.telegram.access import ACCESS_MENU
from bot.telegram.args import echo, with_scheme
from bot.telegram.commands import Command
from bot.telegram.dbworker import StoreWorker
from bot.transport import Incoming
from bot.wording import plural, shorten

log = logging.getLogger(__name__)
esc = html.escape
ADMIN_COMMANDS = ("boards", "addboard", "removeboard", "stats")
ADMIN_MENU = (
    Command(
        "boards", "", "Boards and their health",
        "Every board with its last success, open postings and failure streak (a failing "
        "one: its last error and next try).", "Admin",
    ),
    Command(
        "addboard", "<url> [name]", "Add a board by URL",
        "Recognise a board (or the one a careers page names), store its baseline and poll it.", "Admin",
    ),
    Command(
        "removeboard", "<name>", "Stop polling a board",
        "Stop polling a board added here; its postings stay searchable.", "Admin",
    ),
    Command(
        "stats", "", "The bot's health and figures",
        "Health, users, alerts, boards, outbox, and polls and messages since start.", "Admin",
    ),
    *ACCESS_MENU,
)  # fmt: skip
MAX_URL, MAX_NAME = 2000, 60
UNREACHABLE_HINT = ". Check the address; if it is right, the site may be down: try again later."
_NAME = re.compile(r"[^\W_][\w .&+'()-]*", re.UNICODE)  # letters, digits and a few marks


def ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "never"
    return f"{format_duration(max((now - when).total_seconds(), 1))} ago"


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a board URL (a reply), or None."""
    if not url.lower().startswith(("http://", "https://")):
        if "." not in url and "/" not in url:  # a company's name, most likely
            return (
                f"“{echo(url, 60)}” is not a web address. Send the company's careers page or "
                "job board URL, e.g. https://boards.greenhouse.io/acme."
            )
        return "Board URLs must start with http:// or https://."
    if len(url) > MAX_URL or not url.isprintable():
        return f"That URL is too long or has odd characters; the most is {MAX_URL} characters."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError on a port out of range
    except ValueError:
        return f"“{echo(url)}” is not a valid URL."
    if not parts.hostname:
        return f"“{echo(url)}” has no host name."
    if site := walled(url):
        return (
            f"I can't read {site}: it shows jobs only to people logged in and does not let bots "
            "in. The same jobs are on the company's own careers page or job board: send that, "
            "e.g. https://stripe.com/jobs or https://boards.greenhouse.io/acme."
        )
    return None


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a board (a reply), or None."""
    if len(name) > MAX_NAME or not _NAME.fullmatch(name):
        return (
            f"“{echo(name)}” can't name a board: use letters, digits, spaces and . - + &amp; ' ( ), "
            f"at most {MAX_NAME} characters."
        )
    return None


class AdminCommands:
    """The /boards, /addboard, /removeboard and /stats commands; everyone else gets a polite
    refusal.

    Stores calls run on the `worker` (bot/telegram/dbworker.py), off the event loop: one made
    over `database` when it is the app's `Db`, or `database` itself when it is a `StoreWorker`.
    """

    def __init__(
        self,
        database: Db | StoreWorker,
        poller: Poller,
        scheduler: BoardScheduler,
        admins: Callable[[], tuple[int, ...]],
        interval: float,
        guard: HostGuard | None = None,
        clock: Callable[[], datetime] = utcnow,
        stats: Callable[[], Awaitable[str]] | None = None,
    ):
        self.guard = guard
        self.stats = stats  # the /stats reply (bot/observe.py)
        self.worker = StoreWorker.over(database)
        self.poller = poller
        self.scheduler = scheduler
        self.admins = admins
        self.interval = interval
        self.clock = clock

    def is_admin(self, msg: Incoming) -> bool:
        return (msg.user_id or msg.chat_id) in self.admins()

    async def handle(self, name: str, msg: Incoming, arg: str) -> str:
        """Run admin command `name` for `msg`'s sender."""
        if not self.is_admin(msg):
            return "Sorry, only the bot's admins can do that."
        return await getattr(self, f"cmd_{name}")(arg)

    async def cmd_boards(self, arg: str) -> str:
        """Every board with its last success, open postings and failure streak."""
        now = self.clock()
        lines = []
        for b in await self.worker.run(lambda s: s.boards.all()):
            if not b.enabled:
                continue
            state = "✅" if not b.consecutive_failures else f"⚠️ failing ×{b.consecutive_failures}"
            if state == "✅" and b.last_success_at and not b.open_postings:
                state = "⚪ reads no postings (no open jobs, or a URL or kind that reads none)"
            if b.consecutive_failures and b.next_due_at is not None:
                wait = (b.next_due_at - now).total_seconds()
                state += f", next try in {format_duration(wait)}" if wait >= 1 else ", due now"
            line = (
                f"<b>{esc(b.name)}</b> ({b.kind}, every {format_duration(b.interval_s)}"
                f"{', added in chat' if b.origin == 'chat' else ''}) {state}\n"
                f"  {plural(b.open_postings, 'open posting')} · last success {ago(b.last_success_at, now)}"
            )
            if b.consecutive_failures and b.last_error:
                line += f"\n  last error: {esc(b.last_error[:200])}"
            lines.append(line)
        return "\n".join(lines) if lines else "No boards yet. Add one with /addboard &lt;url&gt;."

    async def cmd_stats(self, arg: str) -> str:
        """Health and figures in words: what /healthz and /metrics serve."""
        return await self.stats() if self.stats else "No figures here: run the bot to see them."

    async def cmd_addboard(self, arg: str) -> str:
        """Recognise a board URL, probe it, store its baseline and start polling it."""
        url, _, name = arg.strip().partition(" ")
        url = with_scheme(url)
        if not url:
            return "Send <code>/addboard &lt;board url&gt; [name]</code>, e.g. /addboard https://jobs.lever.co/cloudwalk"
        problem = url_problem(url) or (name_problem(name.strip()) if name.strip() else None)
        if problem:
            return problem
        try:
            kind, endpoint = await recognise(url, self.guard, self.poller)
        except (DetectError, FetchError) as exc:
            hint = UNREACHABLE_HINT if isinstance(exc, BoardUnreachable) else ""
            return f"I can't use that board: {esc(shorten(str(exc), 300))}{hint}"
        name = name.strip() or name_for(url, endpoint)[:MAX_NAME]
        boards = await self.worker.run(lambda s: s.boards.all(enabled_only=True))
        if (taken := _taken(boards, name, url, endpoint)) is not None:
            return taken
        board = BoardConfig(name, url, kind, endpoint, self.interval)
        now = self.clock()
        await self.worker.run(lambda s: s.boards.add_board(board, now))
        outcome = await self.poller.poll(name, force=True, trial=True)  # (its failure: ours)
        if outcome.status == "failed":
            await self.worker.run(lambda s: s.boards.remove_board(name))
            error = shorten(outcome.error or "unknown error", 300)
            return f"I couldn't read <b>{esc(name)}</b>: {esc(error)}. Not added."
        self.scheduler.add(name, self.interval, first_in=self.interval)
        log.info("board %s (%s) added from chat: %s", name, kind, url)
        return (
            f"Added <b>{esc(name)}</b> ({kind}): {plural(outcome.seen, 'posting')} stored as its baseline; "
            f"polling every {format_duration(self.interval)}. New postings from now on reach matching alerts."
        )

    async def cmd_removeboard(self, arg: str) -> str:
        """Stop polling a board added from chat."""
        name = arg.strip()
        if not name:
            return "Which board? Send <code>/removeboard &lt;name&gt;</code>; /boards lists them."
        boards = await self.worker.run(lambda s: s.boards.all(enabled_only=True))
        board = next((b for b in boards if b.name.lower() == name.lower()), None)  # ("wwr2")
        if board is None:
            return f"There is no board named <b>{echo(name)}</b>. /boards lists them."
        name = board.name
        if board.origin == "config":
            return f"<b>{esc(name)}</b> comes from the config file; remove it there and restart."
        await self.worker.run(lambda s: s.boards.remove_board(name))
        self.scheduler.remove(name)
        log.info("board %s removed from chat", name)
        return f"Removed <b>{esc(name)}</b>. Its postings stay searchable."


def _taken(boards: list[BoardState], name: str, url: str, endpoint: str) -> str | None:
    """Why a board cannot be added as `name`: the board is polled already, under any name
    (named first: a name it would never need is not asked for), or its name is taken (in any
    case: board: filters and /removeboard read names so)."""
    for board in boards:
        if {url, endpoint} & {board.url, board.endpoint}:
            return f"That board is polled already, as <b>{esc(board.name)}</b> (/boards)."
    for board in boards:
        if board.name.lower() == name.lower():
            return (
                f"There is already a board named <b>{esc(board.name)}</b>. Add a name: "
                f"/addboard {echo(url, 80)} &lt;name&gt;"
            )
    return None
