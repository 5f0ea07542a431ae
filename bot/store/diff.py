"""The diff of one poll against a board's stored postings: pure, so `Postings.record` only
writes what it decides. A posting seen again unchanged costs a key and fingerprint comparison,
and no write."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from bot.models import Posting


class Stored(Protocol):
    """A stored posting as the diff reads it (a row read by `Postings.read`)."""

    def __getitem__(self, column: str) -> str | int | None: ...


@dataclass(slots=True)
class Diff:
    """What to write for one poll. `touches` are (fingerprint or None, key) of rows seen again
    whose state moves (re-opened, no longer missing, a new fingerprint)."""

    seen: set[str]
    polled: list[Posting]  # this poll's postings, one per key
    inserts: list[Posting] = field(default_factory=list)
    updates: list[Posting] = field(default_factory=list)
    touches: list[tuple[str | None, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # open, and not in this poll
    urls_moved: bool = False  # a posting's link differs from the stored one


def _lapsed(row: Stored) -> bool:
    """Closed, or missing from a poll: seen again, the row must be written."""
    return row["closed_at"] is not None or bool(row["missing_polls"])


def diff(
    stored: Mapping[str, Stored],
    postings: list[Posting],
    unchanged: Collection[str],
    fingerprints: Mapping[str, str],
) -> Diff:
    """Sort one poll's postings into inserts, updates and touches against `stored` (key ->
    row). A posting counts as changed only when its content hash moves (and it is whole:
    a partial one never overwrites); `unchanged` are keys seen again whose raw fingerprint
    had not moved, so they were not normalised."""
    unique: dict[str, Posting] = {}
    for p in postings:
        unique.setdefault(p.key, p)
    seen = unique.keys() | {k for k in unchanged if k in stored}
    out = Diff(seen=seen, polled=list(unique.values()))
    out.touches = [(None, k) for k in seen - unique.keys() if _lapsed(stored[k])]
    for p in unique.values():
        row = stored.get(p.key)
        fp = fingerprints.get(p.key)
        if row is None:
            out.inserts.append(p)
            continue
        if p.url != row["url"] or p.apply_url != row["apply_url"]:
            out.urls_moved = True
        if row["content_hash"] != p.content_hash and not p.partial:
            out.updates.append(p)
        elif _lapsed(row) or (fp is not None and fp != row["raw_hash"]):
            out.touches.append((fp, p.key))
    out.missing = [k for k, row in stored.items() if row["closed_at"] is None and k not in seen]
    return out
