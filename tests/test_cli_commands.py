"""Every `jobbot` command end to end, as an operator runs it: in process (`main`) or as a real
process for `run`; boards over loopback (tests/board_server.py), Telegram faked over loopback."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from bot.cli import main
from bot.store import Stores
from tests.test_poller import PATH, gh_job


def write_config(tmp_path: Path, url: str, interval: str = "5m", extra: str = "") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'{extra}[storage]\npath = "{tmp_path / "j.db"}"\n'
        f'[[boards]]\nname = "Acme"\nkind = "greenhouse"\nurl = "{url}"\n'
        f'interval = "{interval}"\n'
    )
    return path


def test_check_config_says_ok_with_its_warnings(tmp_path, capsys) -> None:
    config = write_config(tmp_path, "https://boards.example/acme", interval="30s")
    assert main(["check-config", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "OK — 1 boards (greenhouse); console chat (no token)" in out
    assert "warning: boards[0].interval: 30s is short; be kind to Acme" in out


def test_check_config_lists_every_problem_and_exits_2(tmp_path, capsys) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[polling]\ninterval = "soon"\n[[boards]]\nname = "X"\n')
    assert main(["check-config", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("config problems (") and "polling.interval" in err and "url" in err


def test_backup_copies_the_database_and_never_overwrites_unasked(tmp_path, capsys) -> None:
    config = write_config(tmp_path, "https://boards.example/acme")
    store = Stores.open(tmp_path / "j.db")
    store.users.subscribe(7, store_now())
    store.close()
    target = tmp_path / "copy.db"
    assert main(["backup", str(target), "--config", str(config)]) == 0
    assert "backed up" in capsys.readouterr().out
    assert sqlite3.connect(target).execute("SELECT count(*) FROM users").fetchone() == (1,)
    assert main(["backup", str(target), "--config", str(config)]) == 2
    assert "pass --force" in capsys.readouterr().err
    assert main(["backup", str(target), "--config", str(config), "--force"]) == 0


def test_backup_without_a_database_fails_clearly_and_creates_none(tmp_path, capsys) -> None:
    config = write_config(tmp_path, "https://boards.example/acme")
    assert main(["backup", str(tmp_path / "copy.db"), "--config", str(config)]) == 1
    assert "jobbot: no database at" in capsys.readouterr().err
    assert not (tmp_path / "j.db").exists() and not (tmp_path / "copy.db").exists()


def test_probe_prints_a_readable_list(boards, capsys) -> None:
    boards.set_json(PATH, {"jobs": [gh_job(1, "Rust Engineer"), gh_job(2, "Go Engineer")]})
    assert main(["probe", boards.url(PATH), "--kind", "greenhouse"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"greenhouse board at {boards.url(PATH)}: 2 postings"
    assert out[1].startswith("- Rust Engineer — Acme Pay") and out[1].endswith("(2026-11-20)")


def test_probe_of_an_unknown_kind_names_the_known_ones(boards, capsys) -> None:
    assert main(["probe", boards.url(PATH), "--kind", "myspace"]) == 1
    err = capsys.readouterr().err
    assert "unknown kind 'myspace'" in err and "greenhouse" in err


def test_poll_of_an_unknown_board_exits_2(tmp_path, boards, capsys) -> None:
    config = write_config(tmp_path, boards.url(PATH))
    assert main(["poll", "--config", str(config), "--board", "Nope"]) == 2
    assert "no board named 'Nope'" in capsys.readouterr().err


def test_run_with_a_token_serves_telegram_and_stops_cleanly_on_sigterm(tmp_path, tg) -> None:
    config = write_config(
        tmp_path, "http://127.0.0.1:9/none", extra=f'[telegram]\napi_url = "{tg.api_url}"\n'
    )
    token = "123456:cli-run-secret"
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": token}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        tg.push_text(42, "/start")  # answered once the bot polls for updates
        tg.wait_for(lambda sent: any("Welcome to jobbot!" in m.text for m in sent), timeout=30)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "jobbot starting (Telegram" in err and "is listening" in err and "shutting down" in err
    assert token not in err


def _sigint_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_a_slow_probe_exits_130_without_a_traceback(boards) -> None:
    gate = threading.Event()  # the board holds its answer until the test lets it go
    boards.set_json(PATH, {"jobs": [gh_job(1)]}, gate=gate)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "probe", boards.url(PATH), "--kind", "greenhouse"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as a terminal delivers it: a suite run in the background (`make test &`)
        # ignores SIGINT, and its children inherit that, so the probe would never see it.
        preexec_fn=_sigint_as_in_a_terminal,
    )
    try:
        deadline = time.monotonic() + 20  # an upper bound for a loaded machine
        while not boards.requests:
            assert proc.poll() is None and time.monotonic() < deadline, "probe never asked"
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    finally:
        gate.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert out == "" and "Traceback" not in err


def store_now():
    from datetime import UTC, datetime

    return datetime.now(UTC)
