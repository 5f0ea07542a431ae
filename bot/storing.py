"""The write side of one poll: what a board listed stored, what is new routed, and the board
marked polled, in one transaction on the loop's connection (a first poll or a burst of new
postings in slices before it, `bot.slices`)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot import closings
from bot.intake import Read
from bot.routing import Router
from bot.slices import Sliced, Slices
from bot.store import (
    Alerts,
    Boards,
    BoardState,
    Choices,
    Db,
    Details,
    Follows,
    Notices,
    Outbox,
    Postings,
    RecordResult,
    Saved,
)
from bot.streaks import Streaks
from bot.wording import plural

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
    retry_in: float | None = None  # failed: poll again after this many seconds (its backoff)


@dataclass(frozen=True, slots=True)
class PollStores:
    """What a poll uses: the boards and postings it writes, the alerts, choices and follows it
    routes by, the outbox it fills, the saved jobs whose closing it tells of (in notices), and
    their database (one transaction per poll)."""

    db: Db
    boards: Boards
    postings: Postings
    details: Details
    alerts: Alerts
    choices: Choices
    follows: Follows
    outbox: Outbox
    saved: Saved
    notices: Notices


@dataclass
class PollWriter:
    """Stores a board's read and routes what is new; tells `on_stored` that there is text to
    index and `on_enqueued` that alerts wait in the outbox."""

    store: PollStores
    router: Router
    slices: Slices
    streaks: Streaks
    close_after: int  # polls a posting may be missing before it is closed
    on_enqueued: Callable[[], None]
    on_stored: Callable[[], None]

    async def write(
        self, board: BoardState, read: Read, now: datetime, due: frozenset[str]
    ) -> PollOutcome:
        """Store the read, with the details `due` marked read again, and say what it did."""
        rec, new, enqueued = await self._store(board, read, now, due)
        if rec.baseline or new or rec.changed:
            self.on_stored()  # their text is indexed after the poll (bot.textindexer)
        self._report(board, rec, new, enqueued)
        return PollOutcome(
            board.name,
            "baseline" if rec.baseline else "ok",
            new=new,
            changed=len(rec.changed),
            closed=len(rec.closed),
            seen=rec.seen,
            enqueued=enqueued,
        )

    async def _store(
        self, board: BoardState, read: Read, now: datetime, due: frozenset[str]
    ) -> tuple[RecordResult, int, int]:
        """Store the poll (a baseline, or a burst of new postings, in slices first), route what
        is new and mark the board polled: (the last slice's record, new postings, alerts)."""
        got, postings, unchanged = read.crawl, read.postings, read.unchanged
        fingerprints = read.fingerprints
        ahead = None
        if board.baseline_at is None:
            ahead = await self.slices.baseline(board.name, postings, now, unchanged, fingerprints)
        sliced = Sliced(postings, unchanged)
        if board.baseline_at is not None:  # new postings may be routed: have the index ready
            await asyncio.shield(self.router.start())
            sliced = await self.slices.routed(board.name, postings, now, unchanged, fingerprints)
            postings, unchanged = sliced.left, sliced.seen
        with self.store.db.transaction():
            if ahead is None:
                rec = self.store.postings.record(
                    board.name, postings, now, self.close_after,
                    unchanged=unchanged, fingerprints=fingerprints,
                )  # fmt: skip
            else:
                rec = self.store.postings.apply(ahead, now, self.close_after)
            enqueued = self.router.route(rec.new, now, rec.copies, rec.edited) + sliced.enqueued
            rec.changed[:0] = sliced.changed  # (the poll's, all of them)
            closings.tell_savers(self.store.saved, self.store.notices, rec, now)
            self.store.details.read_again(board.name, due, now)
            body_hash = got.body_hash if got.single else None
            self.streaks.succeeded(board, now, got.etag, got.last_modified, body_hash)
        return rec, len(rec.new) + sliced.new, enqueued

    def _report(self, board: BoardState, rec: RecordResult, new: int, enqueued: int) -> None:
        if rec.baseline and not rec.seen:  # a careers page set as a kind that reads none
            log.warning(
                "board %s: its first poll read no postings: a board with no open jobs, or a URL"
                " or kind that reads none (`jobbot probe --board %s` shows what it reads)",
                board.name, board.name,
            )  # fmt: skip
        elif rec.baseline:
            log.info(
                "board %s: baseline of %s stored (not notified)",
                board.name, plural(rec.seen, "posting"),
            )  # fmt: skip
        elif new or rec.closed or enqueued:
            log.info(
                "board %s: %d new, %d changed, %d closed; %s queued",
                board.name, new, len(rec.changed), len(rec.closed), plural(enqueued, "alert"),
            )  # fmt: skip
        if enqueued:
            self.on_enqueued()
