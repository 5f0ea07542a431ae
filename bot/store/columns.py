"""How a `Posting` maps to the columns of the postings table, and back."""

from __future__ import annotations

import json
import operator
import sqlite3
from collections.abc import Callable
from typing import Any

from bot.models import Posting
from bot.store.stamps import from_iso, iso

# Posting fields stored as columns, in order; the first three identify the posting.
FIELDS = (
    "key", "board", "external_id", "title", "company", "location", "url", "description",
    "posted_at", "workplace", "employment_type", "apply_url", "content_hash", "locations",
    "department", "salary_min", "salary_max", "salary_currency", "salary_period",
)  # fmt: skip
POSTING_COLS = ", ".join(FIELDS)
_TO_DB: dict[str, Callable[[Any], Any]] = {
    "posted_at": iso,
    "locations": lambda v: json.dumps(list(v)) if v else "[]",
}
_FROM_DB = {"posted_at": from_iso, "locations": lambda v: tuple(json.loads(v or "[]"))}
_FIELD_VALUES = operator.attrgetter(*FIELDS)  # a posting's fields as a tuple, in one C call
_TO_DB_AT = tuple((FIELDS.index(f), convert) for f, convert in _TO_DB.items())


def posting_of(row: sqlite3.Row) -> Posting:
    """The posting a row holds, read by column name (other columns of the row are ignored)."""
    fields = {f: row[f] for f in FIELDS}
    for name, convert in _FROM_DB.items():
        fields[name] = convert(fields[name])
    return Posting(**fields)


def posting_values(p: Posting) -> list:
    """The posting's column values, in `FIELDS` order."""
    values = list(_FIELD_VALUES(p))
    for at, convert in _TO_DB_AT:
        values[at] = convert(values[at])
    return values


def prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{f}" for f in FIELDS)
