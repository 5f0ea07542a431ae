"""Turn a source's `RawPosting` into a clean `Posting`: text, URL, date, workplace, salary, hash.

Every function here is pure and total: junk input gives an empty or None value, never an error,
because one odd posting must not stop a whole board from being read. `posting()` runs once per
posting per poll: HTML is parsed by lexbor (selectolax), in C and in linear time whatever the
markup, and one description is cut at `tree.MAX_DESCRIPTION` characters (logged once per board).

`text` tidies text and decodes entities, `tree` parses HTML, `markup` turns it into text,
`mojibake` repairs mis-decoded UTF-8, `noise` drops page chrome, `dates`, `urls` and `fields`
read the rest, `statedpay` the pay a description states when the board's fields state none;
this module builds the record and re-exports their public functions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import Any

from bot.hiring import hiring_places
from bot.models import BoardInfo, Posting, RawPosting, posting_key
from bot.normalize import tree
from bot.normalize.dates import parse_date
from bot.normalize.fields import (
    currency,
    employment_type,
    locations,
    salary,
    salary_from_text,
    salary_period,
    sized,
    split_locations,
    workplace,
)
from bot.normalize.foreignwork import foreign_workplace
from bot.normalize.markup import html_to_text
from bot.normalize.mojibake import repair_mojibake
from bot.normalize.noise import page_text, strip_canary, strip_page_noise, title_without_code
from bot.normalize.statedpay import stated_pay
from bot.normalize.text import clean, clean_text, field, unescape
from bot.normalize.urls import canonical_url
from bot.normalize.workterms import text_workplace, title_employment, title_workplace
from bot.placelist import with_places

__all__ = [
    "canonical_url",
    "clean",
    "clean_text",
    "content_hash",
    "currency",
    "employment_type",
    "html_to_text",
    "locations",
    "page_text",
    "parse_date",
    "posting",
    "repair_mojibake",
    "salary",
    "salary_from_text",
    "salary_period",
    "split_locations",
    "strip_canary",
    "strip_page_noise",
    "unescape",
    "workplace",
]


def content_hash(p: Posting) -> str:
    """sha256 of what a reader sees and a filter reads: the text, and the fields beside it
    (its places, workplace, employment type and pay: a board that adds a pay range to its own
    fields edits the job as much as one that writes it in the text). Dates are left out, so
    a bumped `updated_at` is no edit."""
    pay = (p.salary_min, p.salary_max, p.salary_currency, p.salary_period)
    text = (p.title, p.company, p.location, p.description)
    return _hash(text, p.locations, p.workplace, p.employment_type, pay)


def _hash(
    text: tuple[str, str, str, str],
    places: tuple[str, ...],
    where: str | None,
    kind: str | None,
    pay: tuple[float | None, float | None, str | None, str | None],
) -> str:
    """`content_hash` of a posting's parts, before the posting is made."""
    low, high, cur, period = pay
    joined = "\x1f".join((
        *text, "\x1e", *places, "\x1e", where or "", kind or "", cur or "", period or "",
        *("" if v is None else repr(float(v)) for v in (low, high)),
    ))  # fmt: skip
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def posting(raw: RawPosting, board: BoardInfo) -> Posting:
    """The normalised `Posting` for one raw posting of `board`."""
    try:
        return _posting(raw, board)
    except UnicodeEncodeError:  # lone surrogates (JSON "\ud800"): SQLite and hashes refuse them
        return _posting(_scrub(raw), board)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(raw: RawPosting) -> RawPosting:
    """`raw` with every lone surrogate in its text replaced by U+FFFD."""

    def fix(value: object) -> object:
        if isinstance(value, str):
            return _SURROGATE.sub("\ufffd", value)
        if isinstance(value, tuple):
            return tuple(fix(v) for v in value)
        return value

    fixed: dict[str, Any] = {f.name: fix(getattr(raw, f.name)) for f in dataclasses.fields(raw)}
    return dataclasses.replace(raw, **fixed)


def _cut(description: str | None, board: BoardInfo) -> str | None:
    """A description cut at `tree.MAX_DESCRIPTION` characters (logged once per board)."""
    if description is None or len(description) <= tree.MAX_DESCRIPTION:
        return description
    tree.note_cut(board.name, "description", len(description), tree.MAX_DESCRIPTION)
    return description[: tree.MAX_DESCRIPTION]


_HELD = ("full_time", "part_time", "temporary", "contract")  # seasonal is temporary


def _employment(value: str | None, title: str) -> str | None:
    """The board's employment type, else the title's; an intern's title wins over the board's
    full-time or part-time, which say the hours ("Office Management Intern": full-time), and
    over its temporary or contract (a co-op term is both: "Software Developer Co-op (Summer
    2027)" that Greenhouse marks "Temporary" is an internship)."""
    stated, titled = employment_type(value), title_employment(title)
    if stated is None or (titled == "intern" and stated in _HELD):
        return titled or stated
    return stated


def _posting(raw: RawPosting, board: BoardInfo) -> Posting:
    title = title_without_code(field(repair_mojibake(raw.title)))
    company = field(repair_mojibake(raw.company)) or clean(board.company) or clean(board.name)
    location = field(repair_mojibake(raw.location))
    places = locations(raw.locations, location)
    location = with_places(location, places)
    description = _description(raw, board)
    location, places = hiring_places(location, places, description)  # "Remote; hires in Brazil"
    apply_url = canonical_url(raw.apply_url, board.url) if raw.apply_url else None
    place = " / ".join((location, *places))
    low, high, cur, period = pay = _pay(raw, description, place)
    where = workplace(raw.workplace, raw.remote, place)
    where = where or title_workplace(title) or text_workplace(description)
    where = where or foreign_workplace(title, description)
    kind = _employment(raw.employment_type, title)
    return Posting(
        key=posting_key(board.name, raw.external_id),
        board=board.name,
        external_id=str(raw.external_id),
        title=title,
        company=company,
        location=location,
        url=canonical_url(raw.url or raw.apply_url, board.url),
        description=description,
        posted_at=parse_date(raw.posted_at),
        workplace=where,
        employment_type=kind,
        apply_url=apply_url,
        content_hash=_hash((title, company, location, description), places, where, kind, pay),
        locations=places,
        department=field(raw.department) or None,
        salary_min=low,
        salary_max=high,
        salary_currency=cur,
        salary_period=period,
        partial=raw.partial,
    )


def _description(raw: RawPosting, board: BoardInfo) -> str:
    """The description as text: its HTML as a page shows it, or its plain text tidied."""
    if raw.description_html:
        return html_to_text(repair_mojibake(_cut(raw.description_html, board)))
    return clean_text(repair_mojibake(_cut(raw.description_text, board)))


def _pay(
    raw: RawPosting, description: str, place: str
) -> tuple[float | None, float | None, str | None, str | None]:
    """The pay the board states, else the pay its description states ("Salary range:
    $160k-$200k"; a bare "$" in the dollar of the job's `place`: "Waterloo, ON" is CA$):
    (min, max, currency, period)."""
    pay = sized(salary(raw.salary_min, raw.salary_max, raw.salary_currency, raw.salary_period))
    return pay if pay[0] is not None or pay[1] is not None else stated_pay(description, place)
