"""An /import document checked before anything is stored: `read` gives the `Backup` it
restores, or raises `ImportProblem` listing every problem it found, each with where it is.
Pure, no I/O; the format is `bot.transfer`'s."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.errors import QueryError
from bot.models import AlertSpec
from bot.pausetime import parse_quiet
from bot.policy import DeliverySettings, PolicyError, parse_digest
from bot.prefs import DEFAULT_CAP, MAX_CAP, UserPrefs
from bot.query import parse as parse_query
from bot.timezones import parse_timezone
from bot.transfer import MAX_BYTES, VERSION, Backup, FollowSpec, SavedSpec
from bot.wording import plural

MAX_MUTED = 500
MAX_COMPANY = 200
MAX_FOLLOWS = 200  # far above any quota; the user's own follow quota applies on import
MAX_URL = 2000
MAX_SAVED = 200  # as many as a user may keep (`bot.store.saved.MOST`)


class ImportProblem(ValueError):
    """The document cannot be imported; `problems` says every reason, one a line."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _load(text: str) -> dict[str, Any]:
    if len(text.encode()) > MAX_BYTES:
        raise ImportProblem([f"the file is over {MAX_BYTES // 1024} KB: not a jobbot export"])
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise ImportProblem([f"not JSON: {exc}"]) from None
    if not isinstance(doc, dict) or doc.get("jobbot") != "export":
        raise ImportProblem(['not a jobbot export (it lacks "jobbot": "export")'])
    if doc.get("version") != VERSION:
        raise ImportProblem(
            [f"version {doc.get('version')!r} is not one I read (I read {VERSION})"]
        )
    return doc


def _alerts(raw: Any, limits: Any, out: list[str]) -> list[AlertSpec]:
    if not isinstance(raw, list):
        out.append("alerts: must be a list")
        return []
    alerts: list[AlertSpec] = []
    for i, item in enumerate(raw, start=1):
        where = f"alert {i}"
        if not isinstance(item, dict) or not isinstance(item.get("query"), str):
            out.append(f'{where}: must be {{"query": "...", "paused": false}}')
            continue
        paused = item.get("paused", False)
        if not isinstance(paused, bool):
            out.append(f"{where}: paused must be true or false")
        delivery = _alert_digest(item.get("digest"), where, out)
        until = item.get("paused_until")
        paused_until = _moment(until) if isinstance(until, str) else None
        if until is not None and paused_until is None:
            out.append(f"{where}: paused_until must be a time with its offset")
        try:
            q = parse_query(item["query"], max_length=limits.max_length, max_terms=limits.max_terms)
        except QueryError as exc:
            out.append(f"{where} “{item['query'][:40]}”: {exc}")
            continue
        alerts.append(AlertSpec(q.normalized, paused is True, delivery, paused_until))
    return alerts


def _alert_digest(raw: Any, where: str, out: list[str]) -> str | None:
    """An alert's own digest ("daily 08:00", "off"), as stored; None when it has none."""
    if raw is None:
        return None
    try:
        if not isinstance(raw, str):
            raise PolicyError("use daily HH:MM, weekly <mon..sun> HH:MM, weekdays HH:MM or off")
        mode, at, day = parse_digest(raw)
    except PolicyError as exc:
        out.append(f"{where}: digest: {exc}")
        return None
    return DeliverySettings(mode=mode, digest_at=at, digest_day=day).spec()


def _prefs(raw: Any, out: list[str], notes: list[str]) -> UserPrefs | None:
    """The document's "settings" as preferences (None: it has none, or they are bad). A cap
    over `MAX_CAP` (a file edited by hand: /settings never set one) comes in as the most, and
    `notes` says so, rather than the whole import being refused for it."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        out.append("settings: must be an object")
        return None
    try:
        zone = parse_timezone(str(raw.get("timezone", "UTC")))
        mode, at, day = parse_digest(str(raw.get("digest", "off")))
        quiet = parse_quiet(str(raw["quiet"])) if raw.get("quiet") else None
    except PolicyError as exc:
        out.append(f"settings: {exc}")
        return None
    cap, weekends = raw.get("hourly_cap", DEFAULT_CAP), raw.get("quiet_weekends", False)
    if not isinstance(weekends, bool):
        out.append("settings: quiet_weekends must be true or false")
        return None
    if not isinstance(cap, int) or isinstance(cap, bool) or cap < 1:
        out.append("settings: hourly_cap must be a whole number, 1 or more")
        return None
    if cap > MAX_CAP:
        notes.append(
            f"Instant messages: at most {MAX_CAP} an hour, the most I allow (the file says {cap})"
        )
    return UserPrefs(DeliverySettings(zone, mode, at, day, quiet, weekends), min(cap, MAX_CAP))


def _muted(raw: Any, out: list[str]) -> list[str]:
    if not isinstance(raw, list) or len(raw) > MAX_MUTED:
        out.append(f"muted: must be a list of at most {MAX_MUTED} company names")
        return []
    bad = [i for i, c in enumerate(raw, 1) if not isinstance(c, str) or not c.strip()]
    bad += [i for i, c in enumerate(raw, 1) if isinstance(c, str) and len(c) > MAX_COMPANY]
    if bad:
        out.append(f"muted: entry {bad[0]} is not a company name (1 to {MAX_COMPANY} characters)")
    return [" ".join(c.split()) for c in raw if isinstance(c, str) and c.strip()]


def _follows(raw: Any, out: list[str]) -> list[FollowSpec]:
    if not isinstance(raw, list) or len(raw) > MAX_FOLLOWS:
        out.append(f"follows: must be a list of at most {MAX_FOLLOWS} boards")
        return []
    specs: list[FollowSpec] = []
    for i, item in enumerate(raw, start=1):
        url = item.get("url") if isinstance(item, dict) else None
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            out.append(f'follow {i}: must be {{"url": "https://...", "all": false}}')
            continue
        kind, endpoint, all_jobs = item.get("kind"), item.get("endpoint"), item.get("all", False)
        if len(url) > MAX_URL or not isinstance(all_jobs, bool):
            out.append(f"follow {i}: the URL is over {MAX_URL} characters or all is not true/false")
            continue
        named = isinstance(kind, str) and isinstance(endpoint, str) and len(endpoint) <= MAX_URL
        specs.append(
            FollowSpec(url, kind if named else None, endpoint if named else None, all_jobs)
        )
    return specs


def _saved(raw: Any, out: list[str]) -> list[SavedSpec]:
    if not isinstance(raw, list) or len(raw) > MAX_SAVED:
        out.append(f"saved: must be a list of at most {MAX_SAVED} jobs")
        return []
    specs: list[SavedSpec] = []
    for i, item in enumerate(raw, start=1):
        fields = [item.get(f) for f in _SAVED_FIELDS] if isinstance(item, dict) else []
        texts = [f for f in fields if isinstance(f, str) and len(f) <= MAX_URL]
        if len(texts) != len(_SAVED_FIELDS):
            out.append(f'saved job {i}: must be {{"key", "title", "company", "url", "saved_at"}}')
            continue
        key, title, company, url, at = texts
        when = _moment(at)
        if not key or when is None:
            out.append(f"saved job {i}: needs a key and a saved_at time with its offset")
            continue
        details, applied = item.get("details", ""), item.get("applied_at")
        applied_at = _moment(applied) if isinstance(applied, str) else None
        if not isinstance(details, str) or len(details) > MAX_URL:
            out.append(f"saved job {i}: details must be a text")
        elif applied is not None and applied_at is None:
            out.append(f"saved job {i}: applied_at must be a time with its offset")
        else:
            specs.append(SavedSpec(key, title, company, url, when, details, applied_at))
    return specs


_SAVED_FIELDS = ("key", "title", "company", "url", "saved_at")


def _moment(text: str) -> datetime | None:
    """An ISO time with its offset, or None."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def read(text: str, limits: Any, have: list[str]) -> Backup:
    """Validate a document against the alert `limits` and the queries the user `have`s."""
    doc = _load(text)
    problems: list[str] = []
    notes: list[str] = []
    alerts = _alerts(doc.get("alerts", []), limits, problems)
    prefs = _prefs(doc.get("settings"), problems, notes)
    muted = _muted(doc.get("muted", []), problems)
    follows = _follows(doc.get("follows", []), problems)
    saved = _saved(doc.get("saved", []), problems)
    unique = list(dict.fromkeys(a.query for a in alerts))
    new = [q for q in unique if q not in have]
    if len(have) + len(new) > limits.max_per_user:
        problems.append(
            f"{plural(len(new), 'new alert')} and your {len(have)} would make more than "
            f"{limits.max_per_user}, the most allowed"
        )
    if problems:
        raise ImportProblem(problems)
    last = {a.query: a for a in alerts}
    alerts_kept = tuple(last[q] for q in unique)
    return Backup(alerts_kept, prefs, tuple(muted), tuple(follows), tuple(saved), tuple(notes))
