"""Postings: diff a poll against the stored ones (`record`), job identity, and reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime

from bot import dedupe
from bot.models import Posting
from bot.store.columns import _FIELDS, _POSTING_COLS, _posting, _posting_values
from bot.store.db import StoreBase, from_iso, iso


@dataclass(slots=True)
class RecordResult:
    """What one successful poll changed: `new` is empty on a baseline poll."""

    baseline: bool = False
    new: list[Posting] = field(default_factory=list)
    changed: list[Posting] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    copies: list[Posting] = field(default_factory=list)  # new here, but a job known elsewhere
    seen: int = 0
    suspect_empty: bool = False


_IDENTITY_KINDS = (("url", "url_key"), ("url", "apply_key"), ("ctl", "ctl_key"), ("ctd", "ctd_key"))
_LOOKUP_CHUNK = 500  # values per `IN (...)`


def _identity_keys(identity: dedupe.Identity) -> list[tuple[str, str]]:
    """(kind, value) for each key of an identity, in the order a match is looked for."""
    keys = (
        ("url", identity.url),
        ("url", identity.apply),
        ("ctl", identity.ctl),
        ("ctd", identity.ctd),
    )
    return [(kind, value) for kind, value in keys if value]


class PostingsMixin(StoreBase):
    """The postings table: what each poll found, and the stored postings to search."""

    def record(
        self,
        board: str,
        postings: list[Posting],
        now: datetime,
        close_after: int = 2,
        *,
        unchanged: Collection[str] = (),
        fingerprints: Mapping[str, str] | None = None,
    ) -> RecordResult:
        """Diff one successful poll against the board's stored postings, and store it.

        The board's first successful poll is its baseline: stored, returned as not new.
        A posting counts as changed only when its content hash moves. `unchanged` are keys
        of postings seen again whose raw fingerprint had not moved (so they were not
        normalised); `fingerprints` maps the keys of `postings` to theirs (see
        `bot.fingerprint`). One missing from `close_after` successful polls in a row is
        closed; an empty answer from a board that had open postings is suspect and closes
        nothing.
        """
        fingerprints = fingerprints or {}
        with self.transaction():
            b = self._one(
                "SELECT baseline_at, last_success_at FROM boards WHERE name = ?", (board,)
            )
            baseline = b is None or b[0] is None
            previous_poll = b[1] if b else None
            existing = {
                r[0]: r[1:]
                for r in self.db.execute(
                    "SELECT key, content_hash, closed_at, missing_polls, raw_hash, url, "
                    "apply_url FROM postings WHERE board = ?",
                    (board,),
                )
            }
            result = RecordResult(baseline=baseline)
            unique: dict[str, Posting] = {}
            for p in postings:
                unique.setdefault(p.key, p)
            seen = unique.keys() | {k for k in unchanged if k in existing}
            result.seen = len(seen)
            stamp = iso(now)
            inserts: list[Posting] = []
            updates: list[Posting] = []
            # Rows seen again are written only when their state moves (re-opened, no longer
            # missing, a new fingerprint): rewriting thousands of wide rows per poll to stamp
            # them would cost more than the rest of a re-poll.
            touches: list[tuple[str | None, str]] = [
                (None, k)
                for k in seen - unique.keys()
                if existing[k][1] is not None or existing[k][2]
            ]
            for p in unique.values():
                old = existing.get(p.key)
                fp = fingerprints.get(p.key)
                if old is None:
                    inserts.append(p)
                    if not baseline:
                        result.new.append(p)
                elif old[0] != p.content_hash and not p.partial:
                    updates.append(p)
                    result.changed.append(p)
                elif old[1] is not None or old[2] or (fp is not None and fp != old[3]):
                    touches.append((fp, p.key))
            shared = self._shared_urls(board, existing, unique.values())
            jobs = self._job_keys(inserts, now, shared)
            if not baseline:
                result.copies = [p for p in result.new if jobs[p.key][0] != p.key]
                result.new = [p for p in result.new if jobs[p.key][0] == p.key]
            tail = (stamp, stamp, int(baseline))
            self.db.conn.executemany(
                f"""INSERT INTO postings ({_POSTING_COLS}, first_seen_at, last_seen_at, baseline,
                        job_key, url_key, apply_key, ctl_key, ctd_key, raw_hash)
                    VALUES ({",".join("?" * len(_FIELDS))}, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    [*_posting_values(p), *tail, *jobs[p.key], fingerprints.get(p.key)]
                    for p in inserts
                ],
            )
            self.db.conn.executemany(
                f"""UPDATE postings SET {", ".join(f"{f} = ?" for f in _FIELDS[3:])},
                       last_seen_at = ?, changed_at = ?, closed_at = NULL, missing_polls = 0,
                       raw_hash = ?
                    WHERE key = ?""",
                [
                    [*_posting_values(p)[3:], stamp, stamp, fingerprints.get(p.key), p.key]
                    for p in updates
                ],
            )
            self.db.conn.executemany(
                "UPDATE postings SET closed_at = NULL, missing_polls = 0, "
                "raw_hash = coalesce(?, raw_hash) WHERE key = ?",
                touches,
            )
            open_missing = [k for k, old in existing.items() if old[1] is None and k not in seen]
            if not seen and open_missing:
                result.suspect_empty = True
                return result
            # last_seen_at is kept exact where it says something: a posting that goes missing
            # was last seen at the board's previous successful poll (see `last_seen`).
            self.db.conn.executemany(
                "UPDATE postings SET missing_polls = missing_polls + 1, last_seen_at = "
                "CASE WHEN missing_polls = 0 THEN coalesce(?, last_seen_at) ELSE last_seen_at END "
                "WHERE key = ?",
                [(previous_poll, k) for k in open_missing],
            )
            if open_missing:
                closing = [
                    r[0]
                    for r in self.db.execute(
                        "SELECT key FROM postings WHERE board = ? AND closed_at IS NULL "
                        "AND missing_polls >= ?",
                        (board, close_after),
                    )
                ]
                self.db.execute(
                    "UPDATE postings SET closed_at = ? WHERE board = ? AND closed_at IS NULL "
                    "AND missing_polls >= ?",
                    (stamp, board, close_after),
                )
                result.closed = closing
            return result

    def _shared_urls(
        self, board: str, existing: Mapping[str, tuple], postings: Iterable[Posting]
    ) -> set[str]:
        """URL keys that are not one posting's own: the board's own URLs, and links that
        several postings of the board carry (a feed without item links, a page whose items all
        point to one form). They never identify a job; stored rows holding one lose it."""
        owners: dict[str, set[str]] = defaultdict(set)
        for key, row in existing.items():
            for url in row[4:6]:
                if u := dedupe.url_key(url):
                    owners[u].add(key)
        for p in postings:
            for url in (p.url, p.apply_url):
                if u := dedupe.url_key(url):
                    owners[u].add(p.key)
        shared = {u for u, keys in owners.items() if len(keys) > 1}
        own = self._one("SELECT url, endpoint FROM boards WHERE name = ?", (board,)) or ()
        shared.update(u for url in own if (u := dedupe.url_key(url)))
        if stale := [u for u in shared if len(owners.get(u, ())) > 1]:
            for column in ("url_key", "apply_key"):
                self.db.conn.executemany(
                    f"UPDATE postings SET {column} = NULL WHERE board = ? AND {column} = ?",
                    [(board, u) for u in stale],
                )
        return shared

    def _job_keys(
        self, postings: list[Posting], now: datetime, shared: AbstractSet[str] = frozenset()
    ) -> dict[str, tuple]:
        """For each new posting: (job key, url key, apply key, ctl key, ctd key). The job key is
        that of an earlier posting of the same job (see `bot.dedupe`), else its own key. URL
        keys in `shared` are not the posting's own, so they say nothing about its job."""
        ids = {p.key: dedupe.identity(p, shared) for p in postings}
        keys = {key: _identity_keys(i) for key, i in ids.items()}
        since = iso(now - dedupe.WINDOW)
        known: dict[tuple[str, str], str] = {}  # (kind, key) -> job key
        for kind, column in _IDENTITY_KINDS:
            wanted = list({v for kvs in keys.values() for k, v in kvs if k == kind})
            for chunk in range(0, len(wanted), _LOOKUP_CHUNK):
                part = wanted[chunk : chunk + _LOOKUP_CHUNK]
                sql = (
                    f"SELECT {column}, job_key FROM postings WHERE {column} IN "
                    f"({','.join('?' * len(part))}) AND first_seen_at >= ?"
                )
                for value, job in self.db.execute(sql, [*part, since]):
                    known.setdefault((kind, value), job)
        out = {}
        for p in postings:
            kvs = keys[p.key]
            job = next((known[kv] for kv in kvs if kv in known), p.key)
            for kv in kvs:
                known.setdefault(kv, job)
            i = ids[p.key]
            out[p.key] = (job, i.url, i.apply, i.ctl, i.ctd)
        return out

    def also_on(self, key: str) -> tuple[str, ...]:
        """The other postings of this posting's job, as "board|location" (see `record`)."""
        rows = self.db.execute(
            """SELECT board, location FROM postings WHERE key != ? AND job_key =
                   (SELECT job_key FROM postings WHERE key = ?) ORDER BY first_seen_at""",
            (key, key),
        )
        return tuple(f"{b}|{loc}" for b, loc in rows)

    def last_seen(self, key: str) -> datetime | None:
        """When a posting was last seen on its board: the board's last successful poll while
        the posting is listed, else the poll before the one it went missing in."""
        row = self._one(
            """SELECT CASE WHEN p.missing_polls = 0 AND p.closed_at IS NULL
                           THEN coalesce(b.last_success_at, p.last_seen_at)
                           ELSE p.last_seen_at END
               FROM postings p LEFT JOIN boards b ON b.name = p.board WHERE p.key = ?""",
            (key,),
        )
        return from_iso(row[0]) if row else None

    def fingerprints(self, board: str) -> dict[str, str]:
        """Each stored posting's raw fingerprint (`bot.fingerprint`), by key."""
        rows = self.db.execute(
            "SELECT key, raw_hash FROM postings WHERE board = ? AND raw_hash IS NOT NULL", (board,)
        )
        return dict(rows.fetchall())

    def known_ids(self, board: str) -> frozenset[str]:
        """External ids stored for a board, so sources can skip detail requests for them."""
        rows = self.db.execute("SELECT external_id FROM postings WHERE board = ?", (board,))
        return frozenset(r[0] for r in rows)

    def posting(self, key: str) -> Posting | None:
        row = self._one(f"SELECT {_POSTING_COLS} FROM postings WHERE key = ?", (key,))
        return _posting(row) if row else None

    def recent_postings(self, since: datetime, limit: int = 5000) -> list[Posting]:
        """Open postings posted since `since` (first seen, when the board gives no date),
        newest first: a backtest counts jobs by when they were posted, not found."""
        rows = self.db.execute(
            f"""SELECT {_POSTING_COLS} FROM postings
                WHERE coalesce(posted_at, first_seen_at) >= ? AND closed_at IS NULL
                ORDER BY coalesce(posted_at, first_seen_at) DESC LIMIT ?""",
            (iso(since), limit),
        )
        return [_posting(r) for r in rows]

    def latest_postings(self, limit: int = 5000) -> list[Posting]:
        """Open postings, newest first (by posting date, then first seen)."""
        rows = self.db.execute(
            f"""SELECT {_POSTING_COLS} FROM postings WHERE closed_at IS NULL
                ORDER BY coalesce(posted_at, first_seen_at) DESC LIMIT ?""",
            (limit,),
        )
        return [_posting(r) for r in rows]
