"""The /export document: its format, its records, and `write`. Pure, no I/O.

Format (JSON, version 1):

    {"jobbot": "export", "version": 1, "exported_at": "2025-05-01T08:00:00+00:00",
     "alerts": [{"query": "rust backend", "paused": false, "digest": "daily 08:00"}],
     "settings": {"timezone": "Europe/Berlin", "digest": "daily 08:00",
                  "quiet": "22:00-07:00", "quiet_weekends": true, "hourly_cap": 20},
     "muted": ["Acme Corp"],
     "follows": [{"url": "https://boards.greenhouse.io/acme", "kind": "greenhouse",
                  "endpoint": "https://boards-api.greenhouse.io/v1/boards/acme/jobs", "all": false}],
     "saved": [{"key": "Acme:123", "title": "Rust Engineer", "company": "Acme",
                "url": "https://boards.greenhouse.io/acme/jobs/123",
                "saved_at": "2025-04-30T18:00:00+00:00", "details": "Berlin · €90k a year",
                "applied_at": "2025-05-02T10:00:00+00:00"}]}

`settings`, `muted`, `follows` and `saved` are optional (an alert's `digest` and
`paused_until` too: they are there only for an alert with its own digest, as /digest 3 daily
sets, or paused for a time, as /pause 3 2w does; `kind` and `endpoint` of a follow too: they
let /import follow a board the bot already polls without asking the board again; a saved job's
`details` and `applied_at` too: older exports lack them; `quiet_weekends` too: written only
when on). A digest may be "weekdays 08:00" (Monday to Friday). `bot.importing` checks a
document and reads it back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.models import AlertSpec
from bot.policy import DeliverySettings, fmt_minutes
from bot.prefs import UserPrefs

VERSION = 1
MAX_BYTES = 256 * 1024  # a document larger than this is not an export of ours


@dataclass(frozen=True, slots=True)
class SavedSpec:
    """One saved job as an export keeps it: the posting's key on this bot, and what /saved
    shows of it."""

    key: str
    title: str
    company: str
    url: str
    saved_at: datetime
    details: str = ""  # where the job is and what it pays, as /saved shows it
    applied_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class FollowSpec:
    """One followed board as an export names it: the URL the user gave, where it is read."""

    url: str
    kind: str | None
    endpoint: str | None
    all_jobs: bool


@dataclass(frozen=True, slots=True)
class Backup:
    """What a document restores: alerts, preferences (None: the document has no settings),
    mutes, follows, saved jobs; and `notes`, what was changed to fit (a cap over the most),
    for the import's reply."""

    alerts: tuple[AlertSpec, ...]
    prefs: UserPrefs | None
    muted: tuple[str, ...]
    follows: tuple[FollowSpec, ...] = ()
    saved: tuple[SavedSpec, ...] = ()
    notes: tuple[str, ...] = ()


def _digest(s: DeliverySettings) -> str:
    return "off" if s.mode == "instant" else s.spec()


def _alert(a: AlertSpec) -> dict[str, Any]:
    """An alert in the document: "digest" and "paused_until" only when it has them."""
    out: dict[str, Any] = {"query": a.query, "paused": a.paused}
    if a.paused and a.paused_until is not None:
        out["paused_until"] = a.paused_until.isoformat(timespec="seconds")
    if a.delivery:
        out["digest"] = a.delivery
    return out


def write(
    alerts: Sequence[AlertSpec],
    prefs: UserPrefs,
    muted: list[str],
    now: datetime,
    follows: Sequence[FollowSpec] = (),
    saved: Sequence[SavedSpec] = (),
) -> bytes:
    """The export document, as UTF-8 JSON."""
    doc = {
        "jobbot": "export",
        "version": VERSION,
        "exported_at": now.isoformat(timespec="seconds"),
        "alerts": [_alert(a) for a in alerts],
        "settings": _settings_out(prefs),
        "muted": muted,
        "follows": [
            {"url": f.url, "kind": f.kind, "endpoint": f.endpoint, "all": f.all_jobs}
            for f in follows
        ],
        "saved": [_saved_out(j) for j in saved],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()


def _settings_out(prefs: UserPrefs) -> dict[str, Any]:
    """The preferences in the document's "settings": quiet hours as "22:00-07:00" or None;
    "quiet_weekends" only when on."""
    s = prefs.settings
    quiet = f"{fmt_minutes(s.quiet[0])}-{fmt_minutes(s.quiet[1])}" if s.quiet else None
    out: dict[str, Any] = {"timezone": s.timezone, "digest": _digest(s), "quiet": quiet}
    if s.quiet_weekends:
        out["quiet_weekends"] = True
    return {**out, "hourly_cap": prefs.hourly_cap}


def _saved_out(j: SavedSpec) -> dict[str, Any]:
    """A saved job in the document: "applied_at" only when the user applied."""
    out: dict[str, Any] = {
        "key": j.key,
        "title": j.title,
        "company": j.company,
        "url": j.url,
        "saved_at": j.saved_at.isoformat(timespec="seconds"),
        "details": j.details,
    }
    if j.applied_at is not None:
        out["applied_at"] = j.applied_at.isoformat(timespec="seconds")
    return out
