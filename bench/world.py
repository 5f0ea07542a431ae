"""A synthetic but realistic jobbot database, built fast with bulk SQL (bench.scale's world).

Boards, postings, users, alerts, follows, hidden jobs, muted companies and sent deliveries,
drawn from the vocabularies of `bench.match` and spread over boards and dates. Rows go in with
`executemany` inside one transaction on a database migrated by `bot.store.connect`, never
through per-row store calls: a million postings take about a minute, not an hour.

Boards are Greenhouse boards on loopback hosts (127.0.0.1-50, one port), each with an ETag
and a body hash stored, as after a warm poll; `set_port` points them at a running farm.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.match import COMPANIES, FILLER, LOCATIONS, ROLES, SENIORITY, TECH, alert_query
from bot import dedupe
from bot.models import Posting
from bot.store import Db, TextIndex, connect, iso

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
HOSTS = 50  # loopback hosts the boards are spread over (127.0.0.1 .. 127.0.0.50)
CONFIG_BOARDS = 100  # boards listed in the config; the rest were added with /follow
CHUNK = 20_000  # rows per executemany


@dataclass(frozen=True)
class Size:
    users: int = 100_000
    alerts: int = 300_000
    postings: int = 1_000_000
    boards: int = 10_000
    deliveries: int = 500_000

    def scaled(self, factor: float) -> Size:
        return Size(*(max(1, int(n * factor)) for n in vars(self).values()))


def host(board: int) -> str:
    return f"127.0.0.{board % HOSTS + 1}"


def board_name(board: int) -> str:
    return f"board{board:05d}"


def board_url(board: int, port: int) -> str:
    return f"http://{host(board)}:{port}/v1/boards/b{board}/jobs?content=true"


def etag(board: int) -> str:
    return f'"b{board}-1"'


def company(board: int) -> str:
    base = COMPANIES[board % len(COMPANIES)].title()
    return base if board < len(COMPANIES) else f"{base} {board // len(COMPANIES)}"


# Technologies by popularity (the list starts with the common ones): flattened Zipf weights,
# so python is in about a fifth of the postings and cobol in about one in a hundred.
POPULAR = [1 / (rank + 1) ** 0.6 for rank in range(len(TECH))]


def stack(rng: random.Random, k: int) -> list[str]:
    """`k` distinct technologies, the popular ones more often."""
    out: set[str] = set()
    while len(out) < k:
        out.add(rng.choices(TECH, POPULAR)[0])
    return sorted(out)


def descriptions(rng: random.Random, n: int = 500, chars: int = 2000) -> list[str]:
    """`n` distinct advert bodies of about `chars` characters: the company, the team, the
    benefits. What is particular to a job (role, stack, place) is added per posting."""
    out = []
    for _ in range(n):
        parts: list[str] = []
        while sum(map(len, parts)) < chars:
            words = rng.choices(FILLER, k=rng.randint(8, 20))
            parts.append(" ".join(words).capitalize() + ".")
        out.append(" ".join(parts))
    return out


def make_posting(
    rng: random.Random, board: int, ext: int, bodies: list[str], tag: str = ""
) -> Posting:
    """One realistic posting of `board`; `tag` makes its title and URL distinct. Its text
    names its own role, stack and place, as adverts do."""
    role = rng.choice(ROLES)
    tech = stack(rng, rng.randint(2, 6))
    title = f"{rng.choice(SENIORITY).title()} {role.title()}"
    if rng.random() < 0.3:
        title += f" ({tech[0]})"
    location = rng.choice(LOCATIONS).title()
    salary = rng.random() < 0.3
    low = rng.randrange(40, 180) * 1000
    return Posting(
        key=f"greenhouse:b{board}:{ext}{tag}",
        board=board_name(board),
        external_id=f"{ext}{tag}",
        title=title + (f" {tag}" if tag else ""),
        company=company(board),
        location=location,
        url=f"https://boards.example.com/b{board}/jobs/{ext}{tag}",
        description=f"As a {role} you will work with {', '.join(tech)}. Based in {location}."
        f"\n{rng.choice(bodies)}",
        workplace=rng.choice(["remote", "hybrid", "onsite", None, None]),
        employment_type=rng.choice(["full_time"] * 6 + ["contract", "part_time", None]),
        content_hash=hashlib.blake2b(f"{board}:{ext}{tag}".encode(), digest_size=8).hexdigest(),
        department=rng.choice(["Engineering", "Product", "Sales", "Operations", None]),
        salary_min=low if salary else None,
        salary_max=low + 30_000 if salary else None,
        salary_currency=rng.choice(["USD", "EUR", "GBP"]) if salary else None,
        salary_period="year" if salary else None,
    )


_POSTING_COLUMNS = (
    "key, board, external_id, title, company, location, url, description, posted_at, "
    "workplace, employment_type, content_hash, department, salary_min, salary_max, "
    "salary_currency, salary_period, first_seen_at, last_seen_at, closed_at, baseline, "
    "job_key, url_key, ctl_key, ctd_key"
)


def _posting_rows(size: Size, rng: random.Random) -> Iterator[tuple]:
    """Postings spread over boards and the last 180 days; a third of them closed."""
    bodies = descriptions(rng)
    for i in range(size.postings):
        board = i % size.boards
        p = make_posting(rng, board, i // size.boards, bodies)
        seen = NOW - timedelta(days=180 * (1 - i / size.postings) ** 2, hours=rng.random())
        posted = seen - timedelta(days=rng.random() * 3) if rng.random() < 0.7 else None
        closed = iso(seen + timedelta(days=30)) if rng.random() < 0.3 and seen < NOW - timedelta(days=31) else None  # fmt: skip
        ident = dedupe.identity(p)
        yield (
            p.key, p.board, p.external_id, p.title, p.company, p.location, p.url,
            p.description, iso(posted), p.workplace, p.employment_type, p.content_hash,
            p.department, p.salary_min, p.salary_max, p.salary_currency, p.salary_period,
            iso(seen), iso(seen), closed, int(i < size.boards * 20), p.key, ident.url,
            ident.ctl, ident.ctd,
        )  # fmt: skip


def _board_rows(size: Size, rng: random.Random) -> Iterator[tuple]:
    for b in range(size.boards):
        url = board_url(b, 0)
        yield (
            board_name(b), "greenhouse", url, url, 900.0, company(b),
            "config" if b < CONFIG_BOARDS else "user", etag(b), f"h{b}",
            iso(NOW - timedelta(days=200)), iso(NOW), iso(NOW), iso(NOW - timedelta(days=200)),
        )  # fmt: skip


def _alert_query(rng: random.Random) -> str:
    """Mostly `bench.match`'s mix; also salary filters and bare words with negations."""
    r = rng.random()
    if r < 0.05:
        return f"{rng.choice(TECH)} salary:>={rng.choice([60, 80, 100, 120, 150])}k"
    if r < 0.10:
        return f"{rng.choice(TECH)} -{rng.choice(SENIORITY)}"
    return alert_query(rng)


def _user_rows(size: Size, rng: random.Random) -> Iterator[tuple]:
    for chat in range(1, size.users + 1):
        state = rng.choices(["active", "paused", "stopped"], [90, 5, 5])[0]
        yield chat, f"user{chat}", "Ann", state, iso(NOW), iso(NOW)


def _alert_rows(size: Size, rng: random.Random) -> Iterator[tuple]:
    for _ in range(size.alerts):
        yield rng.randint(1, size.users), _alert_query(rng), iso(NOW)


def _follow_rows(size: Size, rng: random.Random) -> Iterator[tuple]:
    for b in range(CONFIG_BOARDS, size.boards):
        for chat in set(rng.choices(range(1, size.users + 1), k=rng.randint(1, 3))):
            yield chat, board_name(b), int(rng.random() < 0.2), iso(NOW)


def _delivery_rows(size: Size, rng: random.Random) -> Iterator[tuple]:
    """Sent deliveries of the last 30 days: recent postings to random users."""
    recent = max(1, size.postings // 6)
    seen: set[tuple[int, int]] = set()
    while len(seen) < size.deliveries:
        chat, i = rng.randint(1, size.users), size.postings - 1 - rng.randrange(recent)
        if (chat, i) in seen:
            continue
        seen.add((chat, i))
        key = f"greenhouse:b{i % size.boards}:{i // size.boards}"
        yield chat, key, "[1]", "sent", 1, iso(NOW), iso(NOW), iso(NOW)


TABLES: tuple[tuple[str, str, Callable[[Size, random.Random], Iterator[tuple]]], ...] = (
    (
        "boards",
        "name, kind, url, endpoint, interval_s, company, origin, etag, body_hash, baseline_at, "
        "last_attempt_at, last_success_at, created_at",
        _board_rows,
    ),
    (
        "users",
        "chat_id, username, first_name, state, created_at, updated_at",
        _user_rows,
    ),
    ("alerts", "chat_id, query, created_at", _alert_rows),
    ("follows", "chat_id, board, all_jobs, created_at", _follow_rows),
    ("postings", _POSTING_COLUMNS, _posting_rows),
    (
        "deliveries",
        "chat_id, posting_key, alert_ids, state, attempts, next_attempt_at, created_at, sent_at",
        _delivery_rows,
    ),
)


def _chunks(rows: Iterator[tuple]) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build(path: Path, size: Size, seed: int = 1, say: Callable[[str], None] = print) -> None:
    """Create the world at `path` (which must not exist yet)."""
    db = connect(path)
    conn: sqlite3.Connection = db.conn
    text = TextIndex(Db(db))
    conn.execute("PRAGMA cache_size=-262144")  # 256 MiB while building
    rng = random.Random(seed)
    conn.execute("BEGIN IMMEDIATE")
    for table, columns, rows in TABLES:
        sql = f"INSERT INTO {table} ({columns}) VALUES ({','.join('?' * columns.count(','))},?)"
        for chunk in _chunks(rows(size, rng)):
            conn.executemany(sql, chunk)
            if table == "postings":  # queued for the text index, as `Postings.write_new` does
                text.queue_new([row[0] for row in chunk])
        say(f"  {table}: {conn.execute(f'SELECT count(*) FROM {table}').fetchone()[0]:,} rows")
    hidden = [(rng.randint(1, size.users), f"greenhouse:b{b}:0", iso(NOW)) for b in range(size.boards)]  # fmt: skip
    conn.executemany("INSERT OR IGNORE INTO hidden_jobs VALUES (?, ?, ?)", hidden)
    muted = [(rng.randint(1, size.users), c.lower(), c, iso(NOW)) for c in map(company, range(size.boards // 2))]  # fmt: skip
    conn.executemany("INSERT OR IGNORE INTO muted_companies VALUES (?, ?, ?, ?)", muted)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    db.close()


def set_port(path: Path, port: int) -> None:
    """Point every board at the farm listening on `port` (a bulk update, not timed)."""
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE boards SET url = 'http://' || substr(url, 8, instr(substr(url, 8), ':') - 1) "
        "|| ':' || ? || substr(url, instr(url, '/v1/'))",
        (port,),
    )
    conn.execute("UPDATE boards SET endpoint = url")
    conn.commit()
    conn.close()
