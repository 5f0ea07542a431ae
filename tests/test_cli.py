"""The `jobbot` commands as users and scripts run them."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import IO

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
    assert "Acme: baseline, 1 posting, 0 new" in capsys.readouterr().out
    store = Stores.open(tmp_path / "j.db")
    from datetime import UTC, datetime

    store.users.subscribe(1, datetime.now(UTC))
    store.alerts.add_alert(1, "rust", datetime.now(UTC))
    store.close()
    boards.set_json(PATH, {"jobs": [gh_job(1), gh_job(2, "Senior Rust Engineer")]})
    assert main(["poll", "--config", str(config), "--board", "acme"]) == 0
    out = capsys.readouterr().out
    assert "Senior Rust Engineer" in out and "1 new" in out and "1 alert queued" in out
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


START_TOKEN = "123456:cli-start-secret"


def telegram_config(tmp_path: Path, url: str, api_url: str, token: bool = True) -> Path:
    """A config whose Telegram is the fake's `api_url`, with the token in the file or not."""
    path = write_config(tmp_path, url)
    line = f'token = "{START_TOKEN}"\n' if token else ""
    path.write_text(f'[telegram]\n{line}api_url = "{api_url}"\n' + path.read_text())
    return path


def test_a_refused_token_exits_2_naming_where_it_was_set(tmp_path, tg, capsys, monkeypatch) -> None:
    """A configuration fault (exit status 2), so a service manager does not restart it forever;
    the message names the file's key or the variable, whichever held the token."""
    tg.reject_token()
    config = telegram_config(tmp_path, "http://127.0.0.1:9/none", tg.api_url)
    assert main(["run", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert (
        f"config problems (1):\n  telegram.token in {config}: Telegram rejected the bot token "
        f"(Telegram at {tg.api_url} answered Unauthorized); set the token @BotFather gave"
    ) in err
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "654321:env-secret")
    assert main(["poll", "--config", str(config)]) == 2
    err += capsys.readouterr().err
    assert "  TELEGRAM_BOT_TOKEN: Telegram rejected the bot token (Telegram at " in err
    assert START_TOKEN not in err and "env-secret" not in err and "Traceback" not in err


def test_a_token_revoked_while_running_exits_2_in_one_line(tmp_path, tg, capsys) -> None:
    """Revoked at @BotFather while the bot runs: Telegram answers getUpdates 401. It used to
    log PTB's traceback and run on, deaf, with /healthz 200; now it stops as it would at
    start-up: exit status 2 (systemd's RestartPreventExitStatus=2), one line naming where the
    token was set, never the token."""

    def revoke_once_listening() -> None:
        deadline = time.monotonic() + 30
        while tg.long_polls < 1 and time.monotonic() < deadline:
            time.sleep(0.01)  # polls a condition, as FakeTelegram.wait_for does
        tg.reject_token()

    config = telegram_config(tmp_path, "http://127.0.0.1:9/none", tg.api_url)
    revoker = threading.Thread(target=revoke_once_listening, daemon=True)
    revoker.start()
    assert main(["run", "--config", str(config)]) == 2
    revoker.join()
    err = capsys.readouterr().err
    problem = (
        f"telegram.token in {config}: Telegram rejected the bot token (Telegram at {tg.api_url} "
        "answered Unauthorized to getUpdates); set the token @BotFather gave the bot"
    )
    logged, told = [line for line in err.splitlines() if "rejected the bot token" in line]
    assert " ERROR " in logged and logged.endswith(f"{problem}; stopping jobbot")  # the log's
    assert told == f"  {problem}" and err.endswith(f"config problems (1):\n  {problem}\n")
    assert START_TOKEN not in err and "Traceback" not in err


def test_with_json_logs_the_fatal_line_is_a_json_record_too(tmp_path, tg, capsys) -> None:
    tg.reject_token()
    config = telegram_config(tmp_path, "http://127.0.0.1:9/none", tg.api_url)
    assert main(["run", "--config", str(config), "--log-format", "json"]) == 2
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert lines[0]["message"].startswith("jobbot starting (Telegram")
    last = lines[-1]
    assert last["level"] == "CRITICAL" and last["logger"] == "bot"
    assert last["message"].startswith("config problems (1):\n  telegram.token in ")
    assert START_TOKEN not in json.dumps(lines)
    assert main(["run", "--config", str(tmp_path / "none.toml"), "--log-format", "json"]) == 2
    [unread] = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert unread["level"] == "CRITICAL" and "cannot read" in unread["message"]


def test_run_without_a_token_or_a_terminal_exits_2_saying_how_to_fix_it(
    tmp_path, capsys, monkeypatch
) -> None:
    """Under systemd with the token's variable misspelled, or `docker run` without -e: it used
    to run the console chat on no terminal, healthy and sending nowhere."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal
    config = write_config(tmp_path, "https://boards.example/acme")
    assert main(["run", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert f"  no bot token: set TELEGRAM_BOT_TOKEN (or telegram.token in {config})" in err
    assert "(pass --console to run it anyway)" in err
    assert not (tmp_path / "j.db").exists()


def test_poll_with_telegram_unreachable_polls_and_keeps_the_alerts_for_later(
    tmp_path, tg, boards, capsys
) -> None:
    api_url = tg.api_url
    tg.stop()  # connections refused, as with the network down
    config = telegram_config(tmp_path, boards.url(PATH), api_url)
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    assert main(["poll", "--config", str(config)]) == 0
    store = Stores.open(tmp_path / "j.db")
    from datetime import UTC, datetime

    store.users.subscribe(7, datetime.now(UTC))
    store.alerts.add_alert(7, "rust", datetime.now(UTC))
    store.close()
    boards.set_json(PATH, {"jobs": [gh_job(1), gh_job(2, "Senior Rust Engineer")]})
    assert main(["poll", "--config", str(config)]) == 0
    out, err = capsys.readouterr()
    assert "Acme: ok" in out and "1 new" in out
    assert f"cannot reach Telegram at {api_url}: httpx.ConnectError" in err
    assert "the alerts found wait in the outbox for the next run" in err
    tg.start()  # back: the next poll delivers what waited
    assert main(["poll", "--config", str(config)]) == 0
    assert [m.chat_id for m in tg.sent] == [7] and "Senior Rust Engineer" in tg.sent[0].text
    assert START_TOKEN not in out + err + capsys.readouterr().err


def _read_until(stream: IO[str], words: str) -> str:
    """Lines of a child's output up to the first holding `words` (it fails if the child ends)."""
    seen = ""
    while words not in seen:
        line = stream.readline()
        assert line, f"ended before {words!r}: {seen}"
        seen += line
    return seen


@pytest.mark.timeout(60)
def test_run_console_on_purpose_says_so_in_healthz_and_stops_cleanly_on_sighup(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\npath = "{tmp_path / "j.db"}"\n[server]\nlisten = "127.0.0.1:0"\n'
    )
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--console", "--config", str(config)],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True,
    ) as proc:  # fmt: skip
        try:
            assert proc.stderr is not None
            said = _read_until(proc.stderr, "serving /healthz and /metrics on ")
            url = said.rsplit("serving /healthz and /metrics on ", 1)[1].split()[0]
            with urllib.request.urlopen(f"{url}/healthz", timeout=10) as reply:
                health = json.load(reply)
            proc.send_signal(signal.SIGHUP)  # the terminal went away
            err = said + proc.stderr.read()
            assert proc.wait(timeout=15) == 0, err
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert health["sending"]["transport"] == "console"
    assert "jobbot starting (console chat" in err and "shutting down" in err


@pytest.mark.timeout(60)
def test_demo_stops_cleanly_on_sighup_and_leaves_no_temporary_folder(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env["TMPDIR"] = str(tmp_path)  # where its temporary database goes
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "demo"],
        cwd=tmp_path, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    ) as proc:  # fmt: skip
        try:
            assert proc.stdout is not None
            _read_until(proc.stdout, "jobbot console chat:")
            assert list(tmp_path.glob("jobbot-demo-*")), "its database folder is there"
            proc.send_signal(signal.SIGHUP)
            assert proc.wait(timeout=15) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert list(tmp_path.glob("jobbot-demo-*")) == []
