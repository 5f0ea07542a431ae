"""One poll of one board: fetch, parse, normalise, diff, match, enqueue — or back off."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import sqlite3
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot import fingerprint, match, normalize, sources
from bot.config import PollingConfig, format_duration
from bot.errors import BoardHTTPError, FetchError, ParseError
from bot.http import Fetcher
from bot.index import Matcher
from bot.models import BoardInfo, FetchResult, Posting, RawPosting, posting_key
from bot.store import (
    Alerts,
    Boards,
    BoardState,
    Choices,
    Db,
    Outbox,
    Postings,
    RecordResult,
    utcnow,
)
from bot.store.db import storage_problem

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll did, for logs, `jobbot poll` and tests."""

    board: str
    status: str  # "ok", "baseline", "not_modified", "failed", "skipped"
    new: int = 0
    changed: int = 0
    closed: int = 0
    seen: int = 0
    enqueued: int = 0
    error: str | None = None


def backoff(interval: float, failures: int, cap: float) -> float:
    """Delay before retrying a board that failed `failures` times in a row: doubling from the
    interval or a minute, whichever is shorter (a blip must not silence a daily board for a
    day), up to `cap`."""
    base = min(interval, 60.0) * 2 ** max(failures - 1, 0)
    return min(base, max(cap, interval)) * random.uniform(0.9, 1.1)


def normalise(
    raws: list[RawPosting], info: BoardInfo, stored: Mapping[str, str]
) -> tuple[list[Posting], list[str], dict[str, str]]:
    """Normalise the raw postings whose fingerprint is not in `stored` (key -> fingerprint of
    what was stored); return them, the keys of the others (seen, unchanged), and every key's
    fingerprint. A posting repeated in one answer counts once."""
    seed = fingerprint.seed(info)
    postings: list[Posting] = []
    unchanged: list[str] = []
    fingerprints: dict[str, str] = {}
    for raw in raws:
        key = posting_key(info.name, raw.external_id)
        if key in fingerprints:
            continue
        fingerprints[key] = fp = fingerprint.raw(raw, seed)
        if stored.get(key) == fp:
            unchanged.append(key)
        else:
            postings.append(normalize.posting(raw, info))
    return postings, unchanged, fingerprints


def read(
    source: sources.Source,
    result: FetchResult,
    options: Mapping[str, Any],
    info: BoardInfo,
    stored: Mapping[str, str],
) -> tuple[list[Posting], list[str], dict[str, str]]:
    """Parse a response and `normalise` what it holds: the CPU-heavy part of a poll, pure."""
    return normalise(source.parse(result, options), info, stored)


@dataclass(frozen=True, slots=True)
class PollStores:
    """What a poll uses: the boards and postings it writes, the alerts and choices it routes
    by, the outbox it fills, and their database (one transaction per poll)."""

    db: Db
    boards: Boards
    postings: Postings
    alerts: Alerts
    choices: Choices
    outbox: Outbox


class Poller:
    """Polls boards; a failure is stored with its backoff and never raised to the caller.

    `on_health(text)` is told, once per failure streak, when a board has failed
    `alert_admins_after` polls in a row (or answered empty after having postings), and again
    when it recovers: the app forwards these to the admins. `on_retry(name, delay)` asks the
    scheduler to poll a failed board again after its backoff delay.

    Parsing and normalising run on one worker thread, so a big board (seconds of work on its
    first poll) does not stall the event loop: commands are answered and alerts sent
    meanwhile. The diff and routing stay on the loop, in one transaction on its connection.
    """

    def __init__(
        self,
        store: PollStores,
        fetcher: Fetcher,
        polling: PollingConfig,
        on_enqueued: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] = utcnow,
        on_health: Callable[[str], None] = lambda text: None,
        on_retry: Callable[[str, float], None] = lambda name, delay: None,
    ):
        self.store = store
        self.fetcher = fetcher
        self.polling = polling
        self.on_enqueued = on_enqueued
        self.on_health = on_health
        self.on_retry = on_retry
        self.clock = clock
        self._compiled: tuple[int, Matcher] | None = None
        self._storage_down = False  # the last poll could not be stored (told once)
        # One thread: parsing gains no parallelism under the GIL, and polls stay in order.
        self._cpu = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobbot-parse")

    def close(self) -> None:
        """Let the worker thread go once it has finished what it is doing."""
        self._cpu.shutdown(wait=False, cancel_futures=True)

    async def poll(self, name: str, *, force: bool = False) -> PollOutcome:
        """Poll one board unless it is backing off (`force` ignores the backoff).

        A database that cannot take the poll (disk full, locked by another program) fails it
        without blaming the board: the transaction rolls back, so what the board listed is
        found again, as new, on the first poll that can be stored. Said once per spell."""
        try:
            outcome = await self._poll_board(name, force)
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

    async def _poll_board(self, name: str, force: bool) -> PollOutcome:
        board = self.store.boards.board(name)
        if board is None or not board.enabled:
            return PollOutcome(name, "skipped", error="no such enabled board")
        now = self.clock()
        if not force and board.next_due_at and now < board.next_due_at:
            return PollOutcome(name, "skipped", error="backing off")
        try:
            return await self._poll(board)
        except BoardHTTPError as exc:
            return self._failed(board, str(exc), retry_after=exc.retry_after)
        except (FetchError, ParseError) as exc:
            return self._failed(board, str(exc))
        except sqlite3.Error:
            raise  # the database's fault, not the board's: see `poll`
        except Exception as exc:  # a bug in a parser must not stop the other boards
            if board.consecutive_failures == 0:
                log.exception("board %s: unexpected error while polling", name)
            return self._failed(board, f"internal error: {type(exc).__name__}: {exc}", logged=True)

    async def _poll(self, board: BoardState) -> PollOutcome:
        source = sources.get(board.kind)
        async with self.fetcher.deadline(self.polling.fetch_timeout):  # all requests, all in
            result = await source.fetch(
                self.fetcher,
                board.endpoint,
                board.etag,
                board.last_modified,
                known=self.store.postings.known_ids(board.name),
                options=board.options,
            )
        now = self.clock()
        if result.moved_to and result.moved_to != board.endpoint:
            self.store.boards.move_board(board.name, result.moved_to)
            log.info(
                "board %s: moved permanently to %s; polling that from now on",
                board.name,
                result.moved_to,
            )
        body_hash = hashlib.sha256(result.body).hexdigest() if not result.not_modified else None
        if result.not_modified or (body_hash == board.body_hash and board.baseline_at):
            self._succeeded(board, now, result.etag, result.last_modified)
            return PollOutcome(board.name, "not_modified")
        info = BoardInfo(board.name, board.kind, result.url or board.endpoint, board.company)
        stored = self.store.postings.fingerprints(info.name)
        postings, unchanged, fingerprints = await asyncio.get_running_loop().run_in_executor(
            self._cpu, read, source, result, board.options, info, stored
        )
        if not postings and not unchanged and board.open_postings:
            return self._failed(
                board,
                f"answered with no postings after having {board.open_postings} open; kept them "
                "open (layout change or outage?)",
                alert_now=True,
            )
        with self.store.db.transaction():
            rec = self.store.postings.record(
                board.name,
                postings,
                now,
                self.polling.close_after,
                unchanged=unchanged,
                fingerprints=fingerprints,
            )
            enqueued = self._route(rec, now)
            self._succeeded(board, now, result.etag, result.last_modified, body_hash)
        if rec.baseline:
            log.info(
                "board %s: baseline of %d postings stored (not notified)", board.name, rec.seen
            )
        elif rec.new or rec.closed:
            log.info(
                "board %s: %d new, %d changed, %d closed; %d alerts queued",
                board.name, len(rec.new), len(rec.changed), len(rec.closed), enqueued,
            )  # fmt: skip
        if enqueued:
            self.on_enqueued()
        return PollOutcome(
            board.name,
            "baseline" if rec.baseline else "ok",
            new=len(rec.new),
            changed=len(rec.changed),
            closed=len(rec.closed),
            seen=rec.seen,
            enqueued=enqueued,
        )

    def _route(self, rec: RecordResult, now: datetime) -> int:
        new: list[Posting] = rec.new
        if not new:
            return 0
        deliveries = match.route(new, self._matcher())
        wanted = self.store.choices.wanted(
            deliveries, {p.key: p for p in new}
        )  # not hidden jobs, muted companies
        return self.store.outbox.enqueue(wanted, now)

    def _matcher(self) -> Matcher:
        """The compiled alert index, brought up to date incrementally when alerts changed
        (building one for 100k alerts takes seconds; syncing it, tens of milliseconds)."""
        generation = self.store.db.alerts_generation
        if self._compiled is None:
            self._compiled = (generation, Matcher(self.store.alerts.active_alerts()))
        elif self._compiled[0] != generation:
            self._compiled[1].sync(self.store.alerts.active_alerts())
            self._compiled = (generation, self._compiled[1])
        return self._compiled[1]

    def _succeeded(
        self,
        board: BoardState,
        now: datetime,
        etag: str | None,
        lm: str | None,
        body_hash: str | None = None,
    ) -> None:
        streak = self.store.boards.mark_success(board.name, now, etag, lm, body_hash)
        if streak:
            log.info("board %s: recovered after %d failed polls", board.name, streak)
            if board.admins_alerted:
                self.on_health(f"✅ Board {board.name} recovered after {streak} failed polls.")

    def _failed(
        self,
        board: BoardState,
        error: str,
        *,
        logged: bool = False,
        retry_after: float | None = None,
        alert_now: bool = False,
    ) -> PollOutcome:
        now = self.clock()
        failures = board.consecutive_failures + 1
        delay = backoff(board.interval_s, failures, self.polling.max_backoff)
        if retry_after:
            delay = max(delay, min(retry_after, self.polling.max_backoff))
        self.store.boards.mark_failure(board.name, now, error, now + timedelta(seconds=delay))
        self.on_retry(board.name, delay)
        wait = format_duration(delay)
        if failures == 1 and not logged:
            log.warning(
                "board %s: %s; retrying with backoff (next try in %s)", board.name, error, wait
            )
        else:
            log.debug("board %s: failure %d in a row: %s", board.name, failures, error)
        if not board.admins_alerted and (alert_now or failures >= self.polling.alert_admins_after):
            self.store.boards.set_admins_alerted(board.name)
            self.on_health(
                f"⚠️ Board {board.name} failed {failures} poll{'s' if failures > 1 else ''} in a "
                f"row: {error}. Retrying with backoff; next try in {wait}."
            )
        return PollOutcome(board.name, "failed", error=error)
