"""Delivery benchmark against the fake Bot API enforcing Telegram's real limits.

1. Throughput: 3,000 messages to 300 users; messages/s sustained and 429s (target >= 28/s, 0).
2. Time to alert: a posting appears on a loopback board polled every 2 s; the time until the
   message reaches the fake Bot API, p50 and p95 (target p95 <= interval + 1 s).

Run: .venv/bin/python -m bench.deliver [--messages 3000] [--users 300] [--alerts 30]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import config as cfg  # noqa: E402
from bot.app import App  # noqa: E402
from bot.config import DeliveryConfig  # noqa: E402
from bot.holding import DeliveryStores  # noqa: E402
from bot.models import Delivery, Posting  # noqa: E402
from bot.sender import Sender  # noqa: E402
from bot.store import Stores  # noqa: E402
from bot.telegram.ptb import TelegramTransport  # noqa: E402
from tests.board_server import BoardServer  # noqa: E402
from tests.fake_telegram import FakeTelegram, FakeTelegramProcess, Limits  # noqa: E402

TOKEN = "1000:BenchToken"
PAST = datetime(2026, 1, 1, tzinfo=UTC)


async def throughput(messages: int, users: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeTelegramProcess(limits=Limits()) as tg:
        store = Stores.open(Path(tmp) / "bench.db")
        store.db.execute(
            "INSERT INTO boards (name, kind, url, endpoint, interval_s, created_at, baseline_at) "
            "VALUES ('B', 'demo', 'd', 'd', 60, '', '')"
        )
        jobs = messages // users
        store.postings.record(
            "B",
            [Posting(f"B:{j}", "B", str(j), f"Backend Engineer {j}", f"Bank {j}", "Berlin",
                     f"https://e.com/{j}", "Build the ledger.", content_hash=str(j))
             for j in range(jobs)],
            PAST,
        )  # fmt: skip
        for u in range(1, users + 1):
            store.users.subscribe(u, PAST)
        store.outbox.enqueue(  # matched now: a backlog would come as one summary per user
            [Delivery(u, f"B:{j}") for j in range(jobs) for u in range(1, users + 1)],
            datetime.now(UTC),
        )
        transport = TelegramTransport(TOKEN, tg.api_url)
        await transport.start(None)
        sender = Sender(store.view(DeliveryStores), transport, DeliveryConfig())
        start = time.monotonic()
        sent = await sender.drain(timeout=600)
        elapsed = time.monotonic() - start
        await transport.stop()
        results = tg.results()
        store.close()
    arrivals = sorted(at for _, at, _ in results["sent"])
    span = arrivals[-1] - arrivals[0]
    print(f"throughput: {sent} messages to {users} users in {elapsed:.1f}s")
    print(f"  sustained {(len(arrivals) - 1) / span:.2f} messages/s (first to last arrival), "
          f"{sent / elapsed:.2f}/s wall; 429s: {results['too_many_requests']}")  # fmt: skip
    if results["limit_hits"]:
        print(f"  limits hit: {', '.join(sorted(set(results['limit_hits'])))}")


def job(i: int) -> dict:
    return {
        "id": i, "title": f"Senior Rust Engineer {i}", "company_name": "Acme Pay",
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{i}", "location": {"name": "Berlin"},
        "content": f"&lt;p&gt;Rust role number {i}.&lt;/p&gt;",
    }  # fmt: skip


async def time_to_alert(alerts: int, interval: float) -> None:
    board = BoardServer().start()
    jobs = [job(0)]
    board.set_json("/jobs", {"jobs": jobs})
    with tempfile.TemporaryDirectory() as tmp, FakeTelegram(limits=Limits()) as tg:
        config = cfg.from_dict({
            "telegram": {"token": TOKEN, "api_url": tg.api_url},
            "storage": {"path": str(Path(tmp) / "tta.db")},
            "boards": [{"name": "Acme", "kind": "greenhouse", "url": board.url("/jobs"),
                        "interval": f"{interval:g}s"}],
        })  # fmt: skip
        app = App(config)
        stop = asyncio.Event()
        run = asyncio.create_task(app.run(stop))
        while not (app.store.boards.board("Acme") and app.store.boards.board("Acme").baseline_at):
            await asyncio.sleep(0.1)
        tg.push_text(1, "/alert rust")
        await tg.wait_for_async(1)
        tg.push_text(1, f"/settings cap {min(alerts + 1, 100)}")  # past the cap, one summary
        await tg.wait_for_async(2)
        rng = random.Random(7)
        delays = []
        for i in range(1, alerts + 1):
            await asyncio.sleep(rng.uniform(0.3, interval * 1.5))
            jobs.append(job(i))
            board.set_json("/jobs", {"jobs": list(jobs)})
            posted = time.monotonic()
            title = f"<b>Senior Rust Engineer {i}</b>"
            msgs = await tg.wait_for_async(
                lambda sent, t=title: any(m.text.startswith(t) for m in sent), timeout=30
            )
            arrived = next(m.at for m in msgs if m.text.startswith(title))
            delays.append(arrived - posted)
        stop.set()
        await run
    board.stop()
    delays.sort()
    p95 = delays[max(0, round(0.95 * len(delays)) - 1)]
    print(f"time to alert over {alerts} postings, poll interval {interval:g}s:")
    print(f"  p50 {statistics.median(delays):.2f}s, p95 {p95:.2f}s, max {delays[-1]:.2f}s "
          f"(target p95 <= {interval + 1:g}s)")  # fmt: skip


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--messages", type=int, default=3000)
    p.add_argument("--users", type=int, default=300)
    p.add_argument("--alerts", type=int, default=30)
    p.add_argument("--interval", type=float, default=2.0)
    args = p.parse_args()
    asyncio.run(throughput(args.messages, args.users))
    asyncio.run(time_to_alert(args.alerts, args.interval))


if __name__ == "__main__":
    main()
