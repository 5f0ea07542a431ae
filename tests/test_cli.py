"""The `jobbot` commands as users and scripts run them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.store import Stores
from tests.test_poller import PATH, gh_job

ROOT = Path(__file__).resolve().parents[1]


def write_config(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[storage]\npath = "{tmp_path / "j.db"}"\n'
        f'[[boards]]\nname = "Acme"\nkind = "greenhouse"\nurl = "{url}"\ninterval = "5m"\n'
    )
    return path


def test_probe_json_prints_one_object_a_line(boards, capsys) -> None:
    boards.set_json(PATH, {"jobs": [gh_job(1, "Rust Engineer"), gh_job(2, "Go Engineer")]})
    assert main(["probe", boards.url(PATH), "--kind", "greenhouse", "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["title"] for x in lines] == ["Rust Engineer", "Go Engineer"]
    first = lines[0]
    assert {
        "id",
        "board",
        "title",
        "company",
        "location",
        "url",
        "posted_at",
        "workplace",
        "description",
    } <= set(first)
    assert first["id"] == "1" and first["company"] == "Acme Pay" and first["description"] == "Rust"
    assert first["posted_at"] == "2026-11-20T15:00:00Z"
    assert first["board"] == "acme"  # named as /follow names it: not "jobs", the path's end


def test_probe_reports_a_broken_board_and_exits_non_zero(boards, capsys) -> None:
    boards.set(PATH, "down", status=503)
    assert main(["probe", boards.url(PATH), "--kind", "greenhouse"]) == 1
    assert "HTTP 503" in capsys.readouterr().err
    boards.set(
        "/careers",
        "<html><body><h1>Careers</h1><p>Say hi!</p></body></html>",
        content_type="text/html",
    )
    assert main(["probe", boards.url("/careers")]) == 1
    err = capsys.readouterr().err
    assert "jobbot: " in err and "/careers" in err


def test_poll_runs_one_cycle_and_delivers_to_the_console(
    tmp_path, boards, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    config = write_config(tmp_path, boards.url(PATH))
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    assert main(["poll", "--config", str(config)]) == 0
    assert "Acme: baseline, 1 postings" in capsys.readouterr().out
    store = Stores.open(tmp_path / "j.db")
    from datetime import UTC, datetime

    store.users.subscribe(1, datetime.now(UTC))
    store.alerts.add_alert(1, "rust", datetime.now(UTC))
    store.close()
    boards.set_json(PATH, {"jobs": [gh_job(1), gh_job(2, "Senior Rust Engineer")]})
    assert main(["poll", "--config", str(config), "--board", "acme"]) == 0
    out = capsys.readouterr().out
    assert "Senior Rust Engineer" in out and "1 new" in out and "1 alerts queued" in out
    assert main(["poll", "--config", str(config), "--board", "nope"]) == 2


def test_poll_exits_non_zero_when_a_board_fails(tmp_path, boards, capsys, monkeypatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    boards.set(PATH, "{broken")
    assert main(["poll", "--config", str(write_config(tmp_path, boards.url(PATH)))]) == 1
    assert "Acme: FAILED" in capsys.readouterr().out


@pytest.mark.timeout(60)
def test_demo_console_chat_delivers_an_alert_and_stops_on_sigterm(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "demo", "--every", "1"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:  # the with block closes the pipes
        try:
            _chat_until_an_alert_arrives(proc)
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=10) == 0, "SIGTERM stops it cleanly"
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def _chat_until_an_alert_arrives(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("/start\n/alert rust\n/frobnicate\n")
    proc.stdin.flush()
    expected = (
        "Welcome to jobbot!",
        "Alert #1 saved: rust",
        "I don't know /frobnicate",
        "Matched your alert “rust”",
    )
    seen: list[str] = []
    deadline = time.monotonic() + 40
    # the first alert may come before the replies: the poller and the chat run side by side
    while time.monotonic() < deadline and not all(e in "".join(seen) for e in expected):
        seen.append(proc.stdout.readline())
    out = "".join(seen)
    for e in expected:
        assert e in out, out


def test_probe_json_has_the_salary_as_stated_or_null(boards, capsys) -> None:
    jobs = [
        {"id": 1, "position": "Rust Engineer", "url": "https://remoteok.com/1", "company": "Acme",
         "epoch": 1_795_000_000, "salary_min": 120000, "salary_max": 150000},
        {"id": 2, "position": "Go Engineer", "url": "https://remoteok.com/2", "company": "Acme",
         "epoch": 1_795_000_000, "salary_min": 0, "salary_max": 0},
    ]  # fmt: skip
    boards.set_json("/api", [{"legal": "notice"}, *jobs])
    assert main(["probe", boards.url("/api"), "--kind", "remoteok", "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["salary"] for x in lines] == [
        {"min": 120000, "max": 150000, "currency": "USD", "period": "year"},
        None,
    ]


def test_version(capsys) -> None:
    from bot import __version__
    from bot.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"jobbot {__version__}"
