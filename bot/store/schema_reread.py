"""Migrations that read stored postings again as new ones are read now: the pay their
descriptions state, their workplace and type, their content hash. Each reads in steps by rowid, so a million postings
never sit in memory at once. `bot.migrations` names them and applies them in order."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator

from sqlite_utils import Database

from bot.hiring import HIRES, hiring_places
from bot.models import Posting
from bot.normalize import content_hash
from bot.normalize.fields import PAY_RANGE, sized, workplace
from bot.normalize.foreignwork import foreign_workplace
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


def pay_read_again_as_stated(db: Database) -> None:
    """Open postings' pay read again as `pay_read_again` does, and the pay their text stated
    read anew where the stored one is an older reading of it: one amount ("$45/hour") is its
    own range's two ends, a currency after it ("$45/hour CAD", "(CAD)") is the currency, a
    period or range in Portuguese or Spanish ("R$ 20.000 a R$ 25.000 por mês") is read, a
    bare "$" in Canada ("Waterloo, ON") is CA$, French pay ("30 $ de l'heure") is read. A
    stored pay is taken for an older reading of it by `_older_reading`; a board's own pay
    stated otherwise is kept. The content hash is taken again with it, as in 0042."""
    pay_read_again(db)
    paid = "closed_at IS NULL AND salary_min IS NOT NULL"
    for rows in _steps(db, paid):
        found = []
        for row in rows:
            stored = posting_of(row)
            was = (stored.salary_min, stored.salary_max, stored.salary_currency,
                   stored.salary_period)  # fmt: skip
            pay = stated_pay(stored.description, " / ".join((stored.location, *stored.locations)))
            if pay == was or not _older_reading(was, pay):
                continue
            low, high, cur, period = pay
            read = dataclasses.replace(
                stored, salary_min=low, salary_max=high, salary_currency=cur, salary_period=period
            )
            found.append((low, high, cur, period, content_hash(read), row["rowid"]))
        db.conn.executemany(f"{_SET_PAY}, content_hash = ? WHERE rowid = ?", found)


def _older_reading(was: tuple, pay: tuple) -> bool:
    """Whether the stored pay `was` is an older reading of the text's `pay`: the same least
    amount, in its currency or the dollar "$" was taken for, with no most amount, the same
    one, or no period."""
    same_end = was[1] is None or was[1] == pay[1] or was[3] is None
    return was[0] == pay[0] and was[2] in (pay[2], "USD") and same_end


def places_and_work_read_again(db: Database) -> None:
    """Open postings read again as new ones are read now: where a job hires, as a description
    states it when the location names no place ("Remote; hires in Brazil", `bot.hiring`); the
    workplace a location, title or text states in Portuguese, Spanish, French or German
    ("Remoto - Brasil", "Vaga 100% remota"); the type a co-op title states ("Co-op Software
    Developer (Fall 2027)"). Their content hash is taken again with it, so the next poll,
    which reads the same, takes no job for an edit. (A board's own "Co-op" field is not
    stored: those jobs get their type when the board next changes them.)"""
    for rows in _steps(db, "closed_at IS NULL"):
        found = []
        for row in rows:
            stored = posting_of(row)
            read = _read_again(stored)
            if read != stored:
                found.append((read.location, json.dumps(list(read.locations)), read.workplace,
                              read.employment_type, content_hash(read), row["rowid"]))  # fmt: skip
        db.conn.executemany(
            """UPDATE postings SET location = ?, locations = ?, workplace = ?,
               employment_type = ?, content_hash = ? WHERE rowid = ?""",
            found,
        )


def _read_again(stored: Posting) -> Posting:
    """`stored` with its places, workplace and type as `bot.normalize` reads them now, from
    what it stored (the board's fields it stores are these)."""
    location, places = stored.location, stored.locations
    if not any(p.startswith(HIRES) for p in places):
        location, places = hiring_places(location, places, stored.description)
    where = stored.workplace or workplace(None, None, " / ".join((location, *places)))
    where = where or title_workplace(stored.title) or text_workplace(stored.description)
    where = where or foreign_workplace(stored.title, stored.description)
    kind = stored.employment_type or title_employment(stored.title)
    return dataclasses.replace(
        stored, location=location, locations=places, workplace=where, employment_type=kind
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
