"""One poll of one board: fetch, parse, normalise, diff, match, enqueue — or back off."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime

from bot import logs, sources
from bot.config import PollingConfig
from bot.crawl import Crawl
from bot.errors import BoardHTTPError, FetchError, ParseError
from bot.events import OnEvent, Polled, ignore
from bot.http import Fetcher
from bot.intake import Read, fetch_and_read
from bot.models import BoardInfo
from bot.reading import Reader
from bot.routing import Router
from bot.slices import Slices
from bot.sources.contract import Context, Response
from bot.store import BoardState, utcnow
from bot.store.db import storage_problem
from bot.storing import PollOutcome, PollStores, PollWriter
from bot.streaks import Streaks

log = logging.getLogger(__name__)


class Poller:
    """Polls boards; a failure is stored with its backoff and never raised to the caller.

    `on_event` hears `Polled` after every poll (metrics, the event log), and from `Streaks`
    `BoardFailing`, once per failure streak, when a board has failed `alert_admins_after`
    polls in a row (or answered empty after having postings), and `BoardRecovered` when it
    recovers: the app words these for the admins. New postings go out through `Router`.
    `on_stored` hears that a poll stored new or changed postings, whose text is indexed after
    it (the app wakes its `TextIndexer`). A failed outcome says when to poll again
    (`retry_in`, its backoff): the scheduler does.

    Parsing and normalising run off the event loop (`bot.reading`: a board answered in one
    response in the reader process, on another core; the rest on one worker thread), so a
    big board (seconds of work on its first poll) does not stall it: commands are answered
    and alerts sent meanwhile. The diff and routing stay on the loop, in one transaction on
    its connection (`bot.storing`); a first poll's plan is worked out on the worker and
    stored in slices (`bot.slices`).
    """

    def __init__(
        self,
        store: PollStores,
        fetcher: Fetcher,
        polling: PollingConfig,
        on_enqueued: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] = utcnow,
        on_event: OnEvent = ignore,
        on_stored: Callable[[], None] = lambda: None,
    ):
        self.store = store
        self.fetcher = fetcher
        self.polling = polling
        self.on_event = on_event
        self.clock = clock
        s = store
        self.router = Router(s.db, s.alerts, s.follows, s.choices, s.outbox)
        self.streaks = Streaks(s.db, s.boards, polling, clock, on_event)
        self._storage_down = False  # the last poll could not be stored (told once)
        self.reader = Reader(processes=polling.reader_process)
        self.slices = Slices(
            s.db, s.postings, self.router, self.reader, polling.close_after, on_enqueued
        )
        self.writer = PollWriter(
            s, self.router, self.slices, self.streaks, polling.close_after, on_enqueued, on_stored
        )

    def close(self) -> None:
        """Let the worker thread go once it has finished what it is doing."""
        self.reader.close()

    async def poll(self, name: str, *, force: bool = False, trial: bool = False) -> PollOutcome:
        """Poll one board unless it is backing off (`force` ignores the backoff). A `trial` is
        a first read for a caller that drops the board when it fails (/follow): its failure
        is the caller's to report, and no retry is announced.

        A database that cannot take the poll (disk full, locked by another program) fails it
        without blaming the board: the transaction rolls back, so what the board listed is
        found again, as new, on the first poll that can be stored. Said once per spell."""
        with logs.fields(board=name):
            started = time.perf_counter()
            outcome = await self._stored(name, force, trial)
            self.on_event(Polled.of(outcome, time.perf_counter() - started))
        return outcome

    async def _stored(self, name: str, force: bool, trial: bool = False) -> PollOutcome:
        try:
            outcome = await self._poll_board(name, force, trial)
        except sqlite3.Error as exc:
            problem = storage_problem(self.store.db.path or "(in memory)", exc)
            if not self._storage_down:
                log.error("board %s: not stored: %s", name, problem)
            self._storage_down = True
            return PollOutcome(name, "failed", error=problem)
        if self._storage_down and outcome.status != "skipped":
            self._storage_down = False
            log.warning("the database is writable again; polls are stored as before")
        return outcome

    async def _poll_board(self, name: str, force: bool, trial: bool = False) -> PollOutcome:
        board = self.store.boards.board(name)
        if board is None or not board.enabled:
            return PollOutcome(name, "skipped", error="no such enabled board")
        now = self.clock()
        if not force and board.next_due_at and now < board.next_due_at:
            return PollOutcome(name, "skipped", error="backing off")
        try:
            return await self._poll(board, trial)
        except BoardHTTPError as exc:
            return self._failed(board, str(exc), retry_after=exc.retry_after, trial=trial)
        except (FetchError, ParseError) as exc:
            return self._failed(board, str(exc), trial=trial)
        except sqlite3.Error:
            raise  # the database's fault, not the board's: see `poll`
        except Exception as exc:  # a bug in a parser must not stop the other boards
            if board.consecutive_failures == 0:
                log.exception("board %s: unexpected error while polling", name)
            error = f"internal error: {type(exc).__name__}: {exc}"
            return self._failed(board, error, logged=True, trial=trial)

    async def _poll(self, board: BoardState, trial: bool = False) -> PollOutcome:
        """Fetch and read the board, then store what changed and route what is new."""
        due = self.store.details.due(board, self.clock(), sources.get(board.kind).details)
        read = await self._fetch(board, due)
        now = self.clock()
        self._follow_move(board, read.first if isinstance(read, Crawl) else read.crawl.first)
        if isinstance(read, Crawl):
            with self.store.db.transaction():  # one commit, the checkpointer told
                self.streaks.succeeded(board, now, read.etag, read.last_modified)
            return PollOutcome(board.name, "not_modified")
        if not read.postings and not read.unchanged and board.open_postings:
            return self._failed(
                board,
                f"answered with no postings after having {board.open_postings} open; kept them "
                "open (layout change or outage?)",
                alert_now=True,
                trial=trial,
            )
        return await self.writer.write(board, read, now, due)

    def _follow_move(self, board: BoardState, first: Response) -> None:
        """A permanent redirect: poll the new URL from now on."""
        if first.moved_to and first.moved_to != board.endpoint:
            self.store.boards.move_board(board.name, first.moved_to)
            log.info("board %s: moved permanently to %s; polling that from now on",
                     board.name, first.moved_to)  # fmt: skip

    async def _fetch(self, board: BoardState, due: frozenset[str]) -> Read | Crawl:
        """Fetch, parse and normalise the board within its deadline, the CPU-heavy parts on the
        reader; ids whose detail failed are asked for again next poll, and those `due` now."""
        source = sources.get(board.kind)
        ctx = Context(board.name, board.endpoint, board.options)
        postings = self.store.postings

        async with self.fetcher.deadline(self.polling.fetch_timeout):  # all requests, all in
            read = await fetch_and_read(
                self.fetcher,
                source,
                ctx,
                BoardInfo(board.name, board.kind, board.endpoint, board.company),
                stored=lambda: postings.fingerprints(board.name),
                known=lambda: postings.known_ids(board.name) - due,  # less those owed a detail
                run=self.reader.run,
                alone=self.reader.read,
                etag=None if due else board.etag,
                last_modified=None if due else board.last_modified,
                seen=board.body_hash if board.baseline_at and not due else None,
            )
        return read

    def _failed(
        self,
        board: BoardState,
        error: str,
        *,
        logged: bool = False,
        retry_after: float | None = None,
        alert_now: bool = False,
        trial: bool = False,
    ) -> PollOutcome:
        if trial:
            log.info("board %s: first read failed: %s", board.name, error)
            return PollOutcome(board.name, "failed", error=error)
        delay = self.streaks.failed(
            board, error, logged=logged, retry_after=retry_after, alert_now=alert_now
        )
        return PollOutcome(board.name, "failed", error=error, retry_in=delay)
