"""Job identity at ingest: which stored job a new posting is a copy of (see `bot.dedupe`),
and which links say nothing about a job because several postings share them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from datetime import datetime

from bot import dedupe
from bot.models import Posting
from bot.store.db import Db
from bot.store.diff import Stored
from bot.store.stamps import iso

_IDENTITY_KINDS = (("url", "url_key"), ("url", "apply_key"), ("ctl", "ctl_key"), ("ctd", "ctd_key"))
_LOOKUP_CHUNK = 500  # values per `IN (...)`
JobKeys = tuple[str, str | None, str | None, str | None, str | None]


def _identity_keys(identity: dedupe.Identity) -> list[tuple[str, str]]:
    """(kind, value) for each key of an identity, in the order a match is looked for."""
    keys = (
        ("url", identity.url),
        ("url", identity.apply),
        ("ctl", identity.ctl),
        ("ctd", identity.ctd),
    )
    return [(kind, value) for kind, value in keys if value]


def shared_urls(
    stored: Mapping[str, Stored], postings: Iterable[Posting], own_urls: Iterable[str | None]
) -> tuple[set[str], list[str]]:
    """URL keys that are not one posting's own: the board's own URLs (`own_urls`), and links
    that several postings of the board carry (a feed without item links, a page whose items
    all point to one form). They never identify a job. Returns them, and those of them that
    stored rows may hold (`clear_shared` takes them off). Pure: no database."""
    owners: dict[str, set[str]] = defaultdict(set)
    for key, row in stored.items():
        for url in (row["url"], row["apply_url"]):
            if u := dedupe.url_key(url):  # type: ignore[arg-type]
                owners[u].add(key)
    for p in postings:
        for url in (p.url, p.apply_url):
            if u := dedupe.url_key(url):
                owners[u].add(p.key)
    shared = {u for u, keys in owners.items() if len(keys) > 1}
    shared.update(u for url in own_urls if (u := dedupe.url_key(url)))
    return shared, [u for u in shared if len(owners.get(u, ())) > 1]


def clear_shared(db: Db, board: str, stale: list[str]) -> None:
    """Take the URL keys `stale` (now shared, see `shared_urls`) off the board's stored rows."""
    for column in ("url_key", "apply_key"):
        db.executemany(
            f"UPDATE postings SET {column} = NULL WHERE board = ? AND {column} = ?",
            [(board, u) for u in stale],
        )


def identities(postings: Iterable[Posting], shared: AbstractSet[str]) -> dict[str, dedupe.Identity]:
    """Each posting's identity keys (`bot.dedupe`), by posting key; URL keys in `shared` are
    not the posting's own, so they say nothing about its job. Pure: no database."""
    return {p.key: dedupe.identity(p, shared) for p in postings}


def _known(
    db: Db, keys: Iterable[tuple[str, str]], since: str | None
) -> dict[tuple[str, str], str]:
    """(kind, key) -> job key, for the identity keys that postings first seen since `since`
    hold."""
    wanted_keys = set(keys)
    known: dict[tuple[str, str], str] = {}
    for kind, column in _IDENTITY_KINDS:
        wanted = list({v for k, v in wanted_keys if k == kind})
        for chunk in range(0, len(wanted), _LOOKUP_CHUNK):
            part = wanted[chunk : chunk + _LOOKUP_CHUNK]
            sql = (
                f"SELECT {column} AS value, job_key FROM postings WHERE {column} IN "
                f"({','.join('?' * len(part))}) AND first_seen_at >= ?"
            )
            for row in db.execute(sql, [*part, since]):
                known.setdefault((kind, row["value"]), row["job_key"])
    return known


def job_keys(
    db: Db, postings: list[Posting], now: datetime, ids: Mapping[str, dedupe.Identity]
) -> dict[str, JobKeys]:
    """For each new posting: (job key, url key, apply key, ctl key, ctd key), from its
    identity in `ids` (see `identities`). The job key is that of an earlier posting of the
    same job (see `bot.dedupe`), else its own key."""
    keys = {p.key: _identity_keys(ids[p.key]) for p in postings}
    known = _known(db, (kv for kvs in keys.values() for kv in kvs), iso(now - dedupe.WINDOW))
    out = {}
    for p in postings:
        kvs = keys[p.key]
        job = next((known[kv] for kv in kvs if kv in known), p.key)
        for kv in kvs:
            known.setdefault(kv, job)
        i = ids[p.key]
        out[p.key] = (job, i.url, i.apply, i.ctl, i.ctd)
    return out
