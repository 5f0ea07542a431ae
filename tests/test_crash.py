"""Crashes and shutdowns of the real process: nothing lost, duplicates only from the in-doubt
window, SIGTERM finishes in-flight sends and exits in time, and backups are consistent."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.models import Delivery, Posting
from bot.store import Stores
from tests.fake_telegram import FakeTelegram

TOKEN = "777:CrashTestToken"
ROOT = Path(__file__).resolve().parents[1]
PAST = datetime(2026, 1, 1, tzinfo=UTC)


def prepare(
    tmp_path: Path, api_url: str, users: int, jobs: int, rate: float, concurrency: int = 8
) -> Path:
    """A config pointing at the fake Bot API, and a database with users x jobs deliveries due."""
    db = tmp_path / "jobbot.db"
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\napi_url = "{api_url}"\n'
        f'[storage]\npath = "{db}"\n'
        f"[delivery]\nmessages_per_second = {rate}\nper_chat_interval = 0.01\n"
        f"concurrency = {concurrency}\n"
    )
    store = Stores.open(db)
    store.db.execute(
        "INSERT INTO boards (name, kind, url, endpoint, interval_s, created_at, baseline_at) "
        "VALUES ('B', 'demo', 'd', 'd', 60, '', '')"
    )
    postings = [
        Posting(f"B:{j}", "B", str(j), f"Rust Engineer {j}", f"Bank {j}", "Berlin", f"https://e.com/{j}",
                content_hash=str(j))
        for j in range(jobs)
    ]  # fmt: skip
    store.postings.record("B", postings, PAST)
    for u in range(1, users + 1):
        store.users.subscribe(u, PAST)
    # Matched just now: each job is sent on its own (a backlog an hour old would be summarised).
    fresh = datetime.now(UTC)
    store.outbox.enqueue(
        [Delivery(u, f"B:{j}") for j in range(jobs) for u in range(1, users + 1)], fresh
    )
    store.close()
    return config


def start(config: Path) -> subprocess.Popen:
    """The bot in a process of its own; its stderr goes to a file beside the config (no pipe to
    leave open when a test kills it)."""
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    with stderr_log(config).open("ab") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--config", str(config)],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
        )  # fmt: skip


def stderr_log(config: Path) -> Path:
    return config.parent / "bot-stderr.log"


def wait_until_listening(
    tg: FakeTelegram, proc: subprocess.Popen, config: Path, timeout: float = 40
) -> None:
    """Until the newest process has started polling (its signal handlers are set by then).
    The timeout is generous: a machine busy with other work can take seconds to start Python."""
    before = sum(c.method == "deleteWebhook" for c in tg.calls)
    deadline = time.monotonic() + timeout
    while sum(c.method == "deleteWebhook" for c in tg.calls) == before:
        if proc.poll() is not None:
            err = stderr_log(config).read_text(errors="replace")
            raise AssertionError(f"the bot exited with {proc.returncode}: {err!r}")
        assert time.monotonic() < deadline, f"the bot did not start within {timeout:.0f}s"
        time.sleep(0.05)


def sending(tg: FakeTelegram, proc: subprocess.Popen, db: Path, total: int) -> None:
    """Until this process has sent a message (or everything is sent)."""
    before = len(tg.sent)
    deadline = time.monotonic() + 40
    while len(tg.sent) == before and states(db).get("sent", 0) < total:
        assert proc.poll() is None, f"the bot exited with {proc.returncode}"
        assert time.monotonic() < deadline, "the bot sent nothing within 40s"
        time.sleep(0.02)


def states(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(
            conn.execute("SELECT state, count(*) FROM deliveries GROUP BY state").fetchall()
        )


@pytest.mark.timeout(240)
def test_sigkill_during_a_burst_loses_nothing(tmp_path, capsys) -> None:
    users, jobs, kills, concurrency = 20, 15, 20, 8
    rng = random.Random(2026)
    with FakeTelegram() as tg:
        tg.delay(0.05)  # a little latency, so a kill finds messages in flight (the in-doubt window)
        config = prepare(tmp_path, tg.api_url, users, jobs, rate=40, concurrency=concurrency)
        db = tmp_path / "jobbot.db"
        mid_burst = 0
        for _ in range(kills):
            proc = start(config)
            wait_until_listening(tg, proc, config)
            sending(tg, proc, db, users * jobs)  # start-up time is the machine's, not the bot's
            time.sleep(rng.uniform(0.0, 0.6))
            proc.kill()
            proc.wait()
            mid_burst += 0 < states(db).get("sent", 0) < users * jobs
        proc = start(config)
        wait_until_listening(tg, proc, config)
        deadline = time.monotonic() + 60
        while states(db).get("sent", 0) < users * jobs and time.monotonic() < deadline:
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        sent = Counter((m.chat_id, m.text.split("</b>")[0]) for m in tg.sent)
    expected = {(u, f"<b>Rust Engineer {j}") for u in range(1, users + 1) for j in range(jobs)}
    duplicates = sum(sent.values()) - len(sent)
    with capsys.disabled():
        print(f"\n{kills} SIGKILLs ({mid_burst} mid-burst) during {users * jobs} deliveries: "
              f"{duplicates} duplicates (in-doubt bound {kills * concurrency}), none lost")  # fmt: skip
    assert mid_burst >= kills // 2, "most kills landed in the middle of the burst"
    assert set(sent) == expected, "every delivery arrived"
    assert states(db) == {"sent": users * jobs}
    assert duplicates <= kills * concurrency, "duplicates only from messages in flight at a kill"


@pytest.mark.timeout(60)
def test_sigterm_finishes_in_flight_sends_and_exits(tmp_path) -> None:
    """SIGTERM mid-burst: the sends in flight finish and are recorded, and the process exits 0.
    How soon is the sender's grace (7 s) and the machine's speed: not asserted here, where a
    loaded CI box would make a wall-clock bound flaky."""
    with FakeTelegram() as tg:
        tg.delay(1.5)  # every send is slow, so SIGTERM surely lands while some are in flight
        config = prepare(tmp_path, tg.api_url, users=10, jobs=3, rate=100)
        db = tmp_path / "jobbot.db"
        proc = start(config)
        deadline = time.monotonic() + 20
        while states(db).get("sending", 0) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        in_flight = states(db).get("sending", 0)
        assert in_flight > 0
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=50) == 0
    final = states(db)
    assert final.get("sending", 0) == 0, "in-flight sends finished and were recorded"
    assert final.get("sent", 0) >= in_flight
    assert final.get("sent", 0) == len(tg.sent)


def test_backup_is_a_consistent_copy(tmp_path, capsys) -> None:
    config = prepare(tmp_path, "http://127.0.0.1:9", users=3, jobs=4, rate=30)
    target = tmp_path / "copy.db"
    assert main(["backup", str(target), "--config", str(config)]) == 0
    assert "backed up" in capsys.readouterr().out
    assert states(target) == {"pending": 12}
    assert main(["backup", str(target), "--config", str(config)]) == 2, "no silent overwrite"
    assert main(["backup", str(target), "--config", str(config), "--force"]) == 0
