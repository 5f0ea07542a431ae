"""Migrations that read stored postings again as new ones are read now: the pay their
descriptions state, their workplace and type, their content hash. Each reads in steps by rowid, so a million postings
never sit in memory at once. `bot.migrations` names them and applies them in order."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator

from sqlite_utils import Database

from bot.normalize import content_hash
from bot.normalize.fields import PAY_RANGE, sized
from bot.normalize.statedpay import stated_pay
from bot.normalize.workterms import text_workplace, title_employment, title_workplace
from bot.store.columns import POSTING_COLS, posting_of

_UNPAID = "closed_at IS NULL AND salary_min IS NULL AND salary_max IS NULL"
_SET_PAY = """UPDATE postings SET salary_min = ?, salary_max = ?, salary_currency = ?,
              salary_period = ?"""


def pay_from_descriptions(db: Database) -> None:
    """The pay open postings' descriptions state where their boards' fields stated none
    (`bot.normalize.statedpay`, as new postings now get it): salary: alerts, /search and the
    backtest find them. Descriptions are read one row at a time; ~20 µs each."""
    rows = db.execute(f"SELECT key, description FROM postings WHERE {_UNPAID}")
    found = [(*pay, key) for key, text in rows if (pay := stated_pay(text))[2] is not None]
    db.conn.executemany(f"{_SET_PAY} WHERE key = ?", found)


def content_hash_with_fields(db: Database) -> None:
    """Each posting's content hash taken again over its pay, workplace, employment type and
    places too (`bot.normalize.content_hash`): an edit of those alone is an edit now. Taken
    from the stored posting, so a posting whose board changed nothing stays unchanged. In
    steps of 2,000 rows; ~30 µs a posting (a million in about 30 s, once)."""
    for rows in _steps(db, "1"):
        db.conn.executemany(
            "UPDATE postings SET content_hash = ? WHERE rowid = ?",
            [(content_hash(posting_of(row)), row["rowid"]) for row in rows],
        )


def pay_read_again(db: Database) -> None:
    """Open postings' pay read again as new ones are read now: where none is stored, the
    pay the description states, in more of the ways it is written ("$140,000 - $180,000 a
    year" alone, "hiring range", "… in addition to equity"); where a board's yearly pay is
    too small for a year, the period its size says (`fields.sized`: Remote OK's "$25–27"
    is an hour's). Their content hash is taken again with it: the next poll reads the same
    pay, so the job is not taken for an edit ("pay added") when its board changed nothing."""
    small = f"coalesce(salary_max, salary_min) < {PAY_RANGE['year'][0]}"
    yearly = "coalesce(salary_period, 'year') = 'year'"
    for rows in _steps(db, f"{_UNPAID} OR (closed_at IS NULL AND {small} AND {yearly})"):
        found = []
        for row in rows:
            stored = posting_of(row)
            was = (stored.salary_min, stored.salary_max, stored.salary_currency,
                   stored.salary_period)  # fmt: skip
            pay = stated_pay(stored.description) if was[:2] == (None, None) else sized(was)
            if pay == was or pay[:2] == (None, None):
                continue
            low, high, cur, period = pay
            paid = dataclasses.replace(
                stored, salary_min=low, salary_max=high, salary_currency=cur, salary_period=period
            )
            found.append((low, high, cur, period, content_hash(paid), row["rowid"]))
        db.conn.executemany(f"{_SET_PAY}, content_hash = ? WHERE rowid = ?", found)


def workplace_read_again(db: Database) -> None:
    """Open postings with no workplace or no type read again as new ones are read now: the
    workplace their title or text states ("Designer (NYC Hybrid)", "This is a hybrid role",
    "US - Remote Eligible"), the type their title does ("Product Designer - 6 Month
    Contract"), so remote:hybrid and type:contract find them. The board stated neither (or
    it would be stored), so this is what the next poll reads; their content hash is taken
    again with it, so the job is not taken for an edit ("now hybrid") at the upgrade."""
    unread = "closed_at IS NULL AND (workplace IS NULL OR employment_type IS NULL)"
    for rows in _steps(db, unread):
        found = []
        for row in rows:
            stored = posting_of(row)
            where = stored.workplace or title_workplace(stored.title)
            where = where or text_workplace(stored.description)
            kind = stored.employment_type or title_employment(stored.title)
            if (where, kind) == (stored.workplace, stored.employment_type):
                continue
            read = dataclasses.replace(stored, workplace=where, employment_type=kind)
            found.append((where, kind, content_hash(read), row["rowid"]))
        db.conn.executemany(
            """UPDATE postings SET workplace = ?, employment_type = ?, content_hash = ?
               WHERE rowid = ?""",
            found,
        )


def _steps(db: Database, where: str) -> Iterator[list[sqlite3.Row]]:
    """The postings `where` holds, 2,000 at a time by rowid, read by column name whichever
    connection migrates."""
    read = db.conn.cursor()
    read.row_factory = sqlite3.Row
    last = 0
    while rows := read.execute(
        f"""SELECT rowid, {POSTING_COLS} FROM postings WHERE rowid > ? AND ({where})
            ORDER BY rowid LIMIT 2000""",
        (last,),
    ).fetchall():
        yield rows
        last = rows[-1]["rowid"]
