"""One poll's write, worked out before it is written: the diff against the board's stored
postings and the identities of its new postings. Pure, so the poller can work it out on its
worker thread from what it read once, then write it (a baseline in parts) on the loop."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from bot.dedupe import Identity
from bot.models import Posting
from bot.store.diff import Diff, Stored, diff
from bot.store.identity import identities, shared_urls


@dataclass(frozen=True, slots=True)
class BoardRows:
    """What a poll's plan reads from the store (see `Postings.read`): whether the board has
    its baseline, when it was last polled, its own URLs, and its stored postings by key."""

    board: str
    baseline: bool
    previous_poll: str | None
    own_urls: tuple[str | None, ...]
    stored: Mapping[str, Stored]


@dataclass(slots=True)
class Plan:
    """One poll sorted into writes, with the identity of each new posting. Only the job keys
    are left to read: they are looked up as the new postings are written (`written` counts
    those already stored, when a baseline is stored in parts)."""

    rows: BoardRows
    diff: Diff
    fingerprints: Mapping[str, str]
    stale: list[str]  # URL keys now shared, to take off stored rows
    identities: dict[str, Identity]
    written: int = 0

    @property
    def board(self) -> str:
        return self.rows.board

    @property
    def unwritten(self) -> int:
        """New postings not stored yet."""
        return len(self.diff.inserts) - self.written


def plan(
    rows: BoardRows,
    postings: list[Posting],
    unchanged: Collection[str] = (),
    fingerprints: Mapping[str, str] | None = None,
) -> Plan:
    """The plan of one poll of `rows.board` (see `Postings.record` for what its arguments
    mean). Which links the board's postings share can only move when a posting is added or a
    link changes: else they are not worked out."""
    fingerprints = fingerprints or {}
    out = diff(rows.stored, postings, unchanged, fingerprints)
    shared: set[str] = set()
    stale: list[str] = []
    if out.inserts or out.urls_moved:
        shared, stale = shared_urls(rows.stored, out.polled, rows.own_urls)
    return Plan(rows, out, fingerprints, stale, identities(out.inserts, shared))
