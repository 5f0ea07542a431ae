"""The measured ceiling of one machine: jobbot over a synthetic world of 100k users.

    python -m bench.scale [--quick] [--db PATH] [--searches 200] [--alerts N] [--only route|commands]

The world (`bench.world`): 100,000 users, 300,000 alerts, 1,000,000 stored postings over
10,000 Greenhouse boards served by a loopback farm (`bench.farm`, its own process), plus
follows, hidden jobs, muted companies and 500,000 sent deliveries. `--quick` is a tenth of
everything. It is built in a child process (so its memory is not counted) into a temporary
directory, or at `--db PATH` when that does not exist yet (and reused when it does).

Then, in this process, through the real parts: start-up (`App` construction, what `App.run`
does before it is ready: sync the config's boards, recover in-doubt deliveries, schedule every
board; and the alert index build), routing one poll's 500 new postings (the matcher alone, and
the poll's whole diff + route + enqueue, rolled back), `/search` and `/alert` (whose reply
backtests the last 7 days) through the real handlers on their db worker, and one poll cycle
over every board, warm (each answers 304). Prints the peak RSS (getrusage) at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import resource
import shlex
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path

from bench import world
from bench.world import Size
from bot import match, placenames
from bot.app import App
from bot.config import from_dict
from bot.index import Matcher
from bot.store import RecordResult
from bot.transport import Incoming

ROUTED = 500  # new postings in one poll


def rss_mib() -> float:
    with open("/proc/self/status") as f:
        line = next(x for x in f if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def say(text: str) -> None:
    print(text, flush=True)


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def config(path: Path, port: int, boards: int) -> dict:
    """The operator's config: the first `CONFIG_BOARDS` boards listed; the rest were followed."""
    listed = [
        {"name": world.board_name(b), "kind": "greenhouse", "url": world.board_url(b, port)}
        for b in range(min(boards, world.CONFIG_BOARDS))
    ]
    return {
        "storage": {"path": str(path)},
        "polling": {"allow_private_hosts": True},
        "boards": listed,
    }


class _Rollback(Exception):
    pass


class Bench:
    """The measurements, in order, on one App. Every use of store APIs is in this class."""

    def __init__(
        self, path: Path, port: int, size: Size, now: datetime, alerts: tuple[int, ...] = ()
    ):
        self.path, self.port, self.size, self.now = path, port, size, now
        self.alerts = alerts  # also route over the first this many alerts (--alerts)

    def startup(self) -> App:
        start = time.perf_counter()
        app = App(from_dict(config(self.path, self.port, self.size.boards)), clock=lambda: self.now)
        built = time.perf_counter()
        app._prepare()  # sync boards, recover in-doubt deliveries (as App.run does first)
        boards = app.store.boards.all(enabled_only=True)
        for board in boards:
            app.scheduler.add(board.name, board.interval_s)
        prepared = time.perf_counter()
        app.poller.router.matcher()  # the alert index (App.run builds it on a worker thread)
        indexed = time.perf_counter()
        say(
            f"start-up          {indexed - start:7.2f} s   (App() {built - start:.2f} s, "
            f"sync + recover + schedule {len(boards):,} boards {prepared - built:.2f} s, "
            f"alert index {indexed - prepared:.2f} s)   RSS {rss_mib():.0f} MiB"
        )
        alerts = app.poller.router.matcher()
        say(
            f"alert index       {indexed - prepared:7.2f} s   ({alerts.queries:,} distinct queries; "
            "off the loop, at start)"
        )
        start = time.perf_counter()
        placenames.warm()
        say(f"place gazetteer   {time.perf_counter() - start:7.2f} s   (off the loop, at start)")
        start, steps = time.perf_counter(), 0
        while app.store.text.merge_next() or app.store.text.index_next():  # as `TextIndexer`
            steps += 1
            if steps % 500 == 0:  # the app's checkpointer is not running: keep the log short
                app.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        say(
            f"text index        {time.perf_counter() - start:7.2f} s   ({steps:,} steps: the "
            "world's postings queued; the bot's indexer catches up, off the loop)"
        )
        return app

    def route(self, app: App) -> None:
        """500 new postings of one board: the matcher alone, then the poll's whole write path."""
        board = world.CONFIG_BOARDS + 7 if self.size.boards > world.CONFIG_BOARDS else 7
        rng = random.Random(5)
        bodies = world.descriptions(rng, 50)
        new = [world.make_posting(rng, board, i, bodies, tag="n") for i in range(ROUTED)]
        matcher = app.poller.router.matcher()
        start = time.perf_counter()
        users = sum(r.users for r in match.route(new, matcher))
        took = time.perf_counter() - start
        say(
            f"route (matcher)   {ROUTED / took:7.0f} postings/s   ({ROUTED} new postings, "
            f"{users / ROUTED:.1f} users each, {took * 1000:.0f} ms)"
        )
        for n in self.alerts:
            self.route_at(app, new, n)
        name = world.board_name(board)
        store = app.store.db
        listed = [r[0] for r in store.execute("SELECT key FROM postings WHERE board = ?", (name,))]  # fmt: skip
        start = time.perf_counter()
        with suppress(_Rollback), store.transaction():
            rec: RecordResult = app.store.postings.record(name, new, self.now, unchanged=listed)
            enqueued = app.poller.router.route(rec.new, self.now)
            took = time.perf_counter() - start
            raise _Rollback
        say(
            f"poll write path   {ROUTED / took:7.0f} postings/s   (diff + route + enqueue "
            f"{enqueued:,} deliveries, {took * 1000:.0f} ms, rolled back)"
        )

    def route_at(self, app: App, new: list, n: int) -> None:
        """The matcher alone over an index of the first `n` of the world's alerts (the same
        mix): its build time, postings/s, and the fan-out (users per posting) that bounds it;
        then with the rows the poll's write path makes of it for the outbox."""
        alerts = app.store.alerts.active_alerts()[:n]
        start = time.perf_counter()
        matcher = Matcher(alerts)
        built = time.perf_counter() - start
        start = time.perf_counter()
        routed = match.route(new, matcher)
        took = time.perf_counter() - start
        users = sum(r.users for r in routed)
        say(
            f"route @{len(alerts) // 1000:>4}k alerts {len(new) / took:5.0f} postings/s   "
            f"({users / len(new):.1f} users each = {users / took:,.0f} "
            f"deliveries/s; index {built:.1f} s, {matcher.queries:,} distinct queries)"
        )
        # What the poll's write path makes of it before SQLite: each posting's users and
        # their alert ids, in arrays (`bot.fanout`), no Python object per user.
        start = time.perf_counter()
        for r in routed:
            r.per_user()
        both = took + time.perf_counter() - start
        say(
            f"  + the outbox rows  {len(new) / both:5.0f} postings/s   (route, and each posting's "
            "users and alert ids as the write path hands them to SQLite)"
        )

    async def commands(self, app: App, n: int) -> None:
        """`/search`, `/alert` and `/why` of a job in words through the handlers, one at a
        time, as users send them."""
        rng = random.Random(9)
        top = app.store.db.execute("SELECT max(id) FROM alerts").fetchone()[0]
        users = [r[0] for r in app.store.db.execute("SELECT chat_id FROM users WHERE state = 'active' LIMIT 5000")]  # fmt: skip
        named = app.store.db.execute(
            "SELECT title, company FROM postings WHERE closed_at IS NULL ORDER BY random() LIMIT ?",
            (n,),
        ).fetchall()
        # The last two find nothing (no job says the word; few match two alerts' queries at
        # once): their replies name what holds them back, a search per part (`tips.closest`).
        for command, label, extra in (
            ("search", "/search", ""),
            ("alert", "/alert", ""),
            ("alert", "/alert + word", "qqzx"),
            ("alert", "/alert 2 in 1", "second"),
            ("why", "/why words", ""),  # a stored job's title and company, as people ask
        ):
            times, replies = [], Counter[str]()
            for _ in range(n):
                query = world._alert_query(rng)
                if command == "why":
                    query = " ".join(x for x in rng.choice(named) if x)
                elif extra:
                    more = world._alert_query(rng) if extra == "second" else extra
                    query = f"({query}) ({more})"
                text = f"/{command} {query}"
                start = time.perf_counter()
                reply = await app.handlers(Incoming(rng.choice(users), text))
                times.append(time.perf_counter() - start)
                replies[_kind(str(reply))] += 1
            ms = [t * 1000 for t in times]
            say(
                f"{label:<12}      p50 {percentile(ms, 50):5.0f} ms   p95 "
                f"{percentile(ms, 95):5.0f} ms   max {max(ms):5.0f} ms   ({n} queries: "
                f"{', '.join(f'{k} {v}' for k, v in replies.most_common())})"
            )
        app.store.db.execute("DELETE FROM alerts WHERE id > ?", (top,))  # keep the world as built

    async def poll_cycle(self, app: App) -> None:
        names = [b.name for b in app.store.boards.all(enabled_only=True)]
        start = time.perf_counter()
        outcomes = await asyncio.gather(*(app.poller.poll(n, force=True) for n in names))
        took = time.perf_counter() - start
        statuses = Counter(o.status for o in outcomes)
        say(
            f"poll cycle (warm) {took:7.2f} s   {len(names) / took:.0f} boards/s   "
            f"({', '.join(f'{k} {v:,}' for k, v in statuses.items())})"
        )


def _kind(reply: str) -> str:
    if "busy" in reply or "went wrong" in reply or "can't" in reply:
        return "refused: " + reply[:60]
    if reply.startswith("🔍") or "Several jobs have" in reply:
        return "found"
    return "none" if "No " in reply or "None of" in reply else "hits"


def _world(args: argparse.Namespace, size: Size, tmp: str) -> Path:
    path = Path(args.db) if args.db else Path(tmp) / "world.db"
    if path.exists():
        say(f"world             reusing {path}")
        return path
    start = time.perf_counter()
    child = multiprocessing.get_context("spawn").Process(target=world.build, args=(path, size))
    child.start()
    child.join()
    if child.exitcode:
        raise SystemExit(f"building the world failed (exit {child.exitcode})")
    say(f"world built       {time.perf_counter() - start:7.1f} s")
    return path


async def measure(args: argparse.Namespace, path: Path, port: int, size: Size) -> None:
    row = sqlite3.connect(path).execute("SELECT max(first_seen_at) FROM postings")
    now = datetime.fromisoformat(row.fetchone()[0]) + timedelta(hours=1)
    bench = Bench(path, port, size, now, tuple(args.alerts))
    app = bench.startup()
    try:
        if args.only in (None, "route"):
            bench.route(app)
        if args.only in (None, "commands"):
            await bench.commands(app, args.searches)
        if args.only is None:
            await bench.poll_cycle(app)
    finally:
        await app.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say(f"peak RSS          {peak:7.0f} MiB   (this process: the bot's parts, not the builder)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a tenth of everything")
    ap.add_argument("--db", help="build the world here, or reuse it if it exists")
    ap.add_argument("--searches", type=int, default=200, help="/search and /alert queries each")
    ap.add_argument(
        "--alerts", type=int, action="append", default=[], metavar="N",
        help="also route over an index of the first N alerts (repeatable; e.g. 100000)",
    )  # fmt: skip
    ap.add_argument(
        "--only", choices=("route", "commands"), help="after start-up, measure only these"
    )
    args = ap.parse_args()
    size = Size().scaled(0.1) if args.quick else Size()
    if args.quick:
        args.searches = max(20, args.searches // 4)
    say(f"$ python -m bench.scale {shlex.join(sys.argv[1:])}")
    say(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; {size}")
    with tempfile.TemporaryDirectory(prefix="jobbot-scale-") as tmp:
        path = _world(args, size, tmp)
        say(f"database          {path.stat().st_size / 2**20:7.0f} MiB")
        farm = subprocess.Popen(
            [sys.executable, "-m", "bench.farm", "--hosts", str(world.HOSTS)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert farm.stdout is not None
            port = int(farm.stdout.readline())
            world.set_port(path, port)
            asyncio.run(measure(args, path, port, size))
        finally:
            farm.terminate()
            farm.wait()


if __name__ == "__main__":
    main()
