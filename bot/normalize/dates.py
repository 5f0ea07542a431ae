"""Whatever date a board sends (ISO 8601, RFC 822, epoch, struct_time) as a UTC datetime."""

from __future__ import annotations

import email.utils
import math
import re
import time
from datetime import UTC, date, datetime

_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_TZ_WORD = re.compile(r"\s*(UTC|GMT|Z)$", re.IGNORECASE)


def _from_epoch(value: float) -> datetime | None:
    if not math.isfinite(value) or value < 1e8:  # before 1973: not a posting date
        return None
    if value > 1e11:  # milliseconds: 1e11 seconds is the year 5138
        value /= 1000
    return datetime.fromtimestamp(value, UTC)


def _as_utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _parse_str(s: str) -> datetime | None:
    s = s.strip()
    if not s:
        return None
    if _NUMBER.fullmatch(s) and float(s) >= 1e8:  # short numbers may be "20260805"
        return _from_epoch(float(s))
    try:
        return _as_utc(datetime.fromisoformat(s))
    except ValueError:
        pass
    bare = _TZ_WORD.sub("", s)  # Recruitee: "2026-08-05 09:41:37 UTC"
    if bare != s:
        try:
            return datetime.fromisoformat(bare).replace(tzinfo=UTC)
        except ValueError:
            pass
    return _as_utc(email.utils.parsedate_to_datetime(s))


def parse_date(value: object) -> datetime | None:
    """A UTC datetime from whatever a board sends, or None. Never raises.

    Accepts ISO 8601 (naive means UTC), date-only, RFC 822, "YYYY-MM-DD HH:MM:SS UTC", epoch
    seconds or milliseconds (as numbers or numeric strings), datetimes, dates and struct_times.
    """
    try:
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, datetime):
            return _as_utc(value)
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day, tzinfo=UTC)
        if isinstance(value, time.struct_time):
            return datetime(*value[:6], tzinfo=UTC)
        if isinstance(value, int | float):
            return _from_epoch(float(value))
        if isinstance(value, str):
            return _parse_str(value)
    except (ValueError, TypeError, OverflowError, OSError, IndexError):
        return None
    return None
