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
from datetime import UTC, datetime
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
    assert (
        f"OK — 1 board (greenhouse); database {tmp_path / 'j.db'}; console chat (no token)" in out
    )
    assert 'warning: boards[0] ("Acme").interval: 30s is short; be kind to Acme' in out


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


def test_check_config_counts_the_enabled_boards_and_names_the_database(
    tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    (tmp_path / "etc").mkdir()
    config = tmp_path / "etc" / "config.toml"
    config.write_text(
        '[storage]\npath = "jobbot.db"\n'
        '[[boards]]\nname = "A"\nurl = "https://jobs.lever.co/a"\n'
        '[[boards]]\nname = "B"\nurl = "https://boards.greenhouse.io/b"\nenabled = false\n'
    )
    assert main(["check-config", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    database = tmp_path / "etc" / "jobbot.db"  # beside the config, wherever it is run from
    assert out.splitlines() == [
        f"{config}: OK — 1 enabled of 2 boards (lever); database {database}; "
        "console chat (no token)",
        "warning: no bot token and stdin is not a terminal: `jobbot run` would exit 2 here; "
        f"set TELEGRAM_BOT_TOKEN (or telegram.token in {config}) to the token @BotFather gave "
        "(check a service's config with its environment: its EnvironmentFile or -e)",
    ]
    assert not database.exists(), "check-config creates nothing"


def test_check_config_warns_of_a_database_that_cannot_be_made(tmp_path, capsys) -> None:
    """It only looks: a file where the database's folder should be is said, and nothing made;
    a database under /etc (the unit makes it read-only) is said too."""
    (tmp_path / "afile").write_text("")
    config = write_config(tmp_path, "https://boards.example/acme")
    config.write_text(config.read_text().replace(str(tmp_path / "j.db"), "afile/x/jobbot.db"))
    assert main(["check-config", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert f"warning: storage.path: {tmp_path / 'afile'} is a file, not a folder; set " in out
    assert "such as /var/lib/jobbot/jobbot.db" in out and (tmp_path / "afile").is_file()
    config.write_text(config.read_text().replace("afile/x/jobbot.db", "/etc/jobbot/jobbot.db"))
    assert main(["check-config", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "warning: storage.path: /etc/jobbot/jobbot.db is under /etc, which holds" in out
    assert not Path("/etc/jobbot/jobbot.db").exists()


def test_an_unusable_database_path_is_one_line_naming_it(tmp_path, capsys, monkeypatch) -> None:
    """Was a PermissionError / FileExistsError traceback out of the database lock (`run`
    takes it before it reaches for Telegram, here a closed port). Exit 2: a restart cannot
    mend it, so systemd does not restart it every 10 s."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:cli-lock-secret")
    (tmp_path / "afile").write_text("")
    config = write_config(
        tmp_path,
        "https://boards.example/acme",
        extra='[telegram]\napi_url = "http://127.0.0.1:9"\n',
    )
    config.write_text(config.read_text().replace(str(tmp_path / "j.db"), "afile/jobbot.db"))
    Stores.open(tmp_path / "b.db").close()
    for command in (["poll"], ["restore", str(tmp_path / "b.db")], ["run"]):
        assert main([*command, "--config", str(config)]) == 2, command
        err = capsys.readouterr().err
        assert err.endswith(
            f"jobbot: the database {tmp_path / 'afile' / 'jobbot.db'} cannot be created or "
            f"locked ({tmp_path / 'afile'} is a file, not a folder); set storage.path to a "
            "place jobbot's user can write, such as /var/lib/jobbot/jobbot.db\n"
        ), err
        assert "Traceback" not in err
    assert (tmp_path / "afile").read_text() == ""


def test_backup_into_a_folder_writes_a_dated_file_there(tmp_path, capsys) -> None:
    """`backup bk --force` with bk a folder was an IsADirectoryError traceback."""
    config = write_config(tmp_path, "https://boards.example/acme")
    Stores.open(tmp_path / "j.db").close()
    folder = tmp_path / "bk"
    folder.mkdir()
    for force in ([], ["--force"]):
        assert main(["backup", str(folder), "--config", str(config), *force]) == 0
        [line] = capsys.readouterr().out.splitlines()
        written = Path(line.split(" to ")[1].split(" (")[0])
        assert written.parent == folder and written.name.startswith("j-") and written.is_file()
        assert sqlite3.connect(written).execute("SELECT count(*) FROM users").fetchone() == (0,)
        written.unlink()  # the next one may fall in the same second


def test_backup_problems_name_the_copy_and_change_nothing(tmp_path, capsys) -> None:
    """Where the copy cannot go is said of the copy, not of the live database; an earlier file
    at the destination stays as it was; the live database itself is never a destination."""
    config = write_config(tmp_path, "https://boards.example/acme")
    Stores.open(tmp_path / "j.db").close()
    missing = tmp_path / "nodir" / "x" / "b.db"
    assert main(["backup", str(missing), "--config", str(config)]) == 1
    assert capsys.readouterr().err == (
        f"jobbot: cannot write the backup {missing}: there is no folder {missing.parent}; "
        "nothing was changed\n"
    )
    assert not (tmp_path / "nodir").exists()
    earlier = tmp_path / "b.db"
    earlier.write_bytes(b"an earlier backup")
    (tmp_path / ".b.db.partial").mkdir()  # the copy's first home cannot be made: it fails
    assert main(["backup", str(earlier), "--config", str(config), "--force"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"jobbot: cannot write the backup {earlier}: ") and "j.db" not in err
    assert err.endswith("; nothing was changed\n") and err.count("\n") == 1
    assert earlier.read_bytes() == b"an earlier backup"
    for live in ("j.db", "j.db-wal"):
        assert main(["backup", str(tmp_path / live), "--config", str(config), "--force"]) == 1
        assert "is the live database or one of its files" in capsys.readouterr().err
    assert chats_of(tmp_path / "j.db") == []


def test_poll_and_probe_say_plurals_and_refuse_urls_that_are_not_http(
    tmp_path, boards, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    assert main(["poll", "--config", str(write_config(tmp_path, boards.url(PATH)))]) == 0
    assert "Acme: baseline, 1 posting, 0 new, 0 changed, 0 closed, 0 alerts queued" in (
        capsys.readouterr().out
    )
    assert main(["probe", boards.url(PATH), "--kind", "greenhouse"]) == 0
    assert capsys.readouterr().out.startswith(
        f"greenhouse board at {boards.url(PATH)}: 1 posting\n"
    )
    for command in (["probe", "not a url", "--kind", "lever"], ["detect", "not a url"]):
        assert main(command) == 1
        assert capsys.readouterr().err == (
            "jobbot: 'not a url' is not an http(s) URL, like https://jobs.lever.co/acme\n"
        )


def chats_of(db: Path) -> list[int]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT chat_id FROM users")]
    finally:
        conn.close()


def test_a_poll_with_a_real_token_logs_the_demo_board_warning(
    tmp_path, tg, capsys, monkeypatch
) -> None:
    """`run` and `poll` log the config's warnings as they start, this one among them."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:cli-demo-secret")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\napi_url = "{tg.api_url}"\n[storage]\npath = "j.db"\n'
        '[[boards]]\nname = "Demo"\nurl = "demo://fintech?every=8"\ninterval = "3s"\n'
    )
    assert main(["poll", "--config", str(config)]) == 0
    captured = capsys.readouterr()
    assert "Demo: baseline" in captured.out
    assert 'config: boards[0] ("Demo"): a demo board sends made-up jobs to real Telegram' in (
        captured.err
    )


def test_log_level_debug_shows_the_routine_lines_and_never_the_token(
    tmp_path, boards, tg, capsys, monkeypatch
) -> None:
    """An operator tracing a missed job turns on the routine lines (an unchanged poll, a send
    that failed); there was no way to. The libraries stay quiet: their URLs carry the token."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:log-level-secret")
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    config = write_config(
        tmp_path, boards.url(PATH), extra=f'[telegram]\napi_url = "{tg.api_url}"\n'
    )
    assert main(["poll", "--config", str(config)]) == 0  # the baseline: INFO
    capsys.readouterr()
    assert main(["poll", "--config", str(config)]) == 0  # unchanged: DEBUG only
    assert "poll Acme: " not in capsys.readouterr().err
    assert main(["poll", "--config", str(config), "--log-level", "debug"]) == 0
    err = capsys.readouterr().err
    assert "DEBUG   bot.events: poll Acme: " in err, err
    assert "log-level-secret" not in err and "httpx" not in err
    assert main(["poll", "--config", str(config), "--log-level", "warning"]) == 0
    assert " INFO " not in capsys.readouterr().err


def test_a_board_whose_url_changed_in_the_config_starts_from_a_fresh_baseline(
    tmp_path, boards, capsys, monkeypatch
) -> None:
    """A company moved to another ATS and the operator kept the board's name: the new URL's
    whole job list was sent to everyone as new, after the old URL's backoff had run out."""
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    config = write_config(tmp_path, boards.url(PATH))
    assert main(["poll", "--config", str(config)]) == 0  # the old board's baseline
    store = Stores.open(tmp_path / "j.db")
    store.users.subscribe(1, datetime.now(UTC))
    store.alerts.add_alert(1, "engineer", datetime.now(UTC))
    store.close()
    boards.set(PATH, "gone", status=404)
    assert main(["poll", "--config", str(config)]) == 1  # the old URL fails: a streak begins
    moved = "/v1/boards/acme-new/jobs"
    boards.set_json(moved, {"jobs": [gh_job(i) for i in range(10, 14)]})
    capsys.readouterr()
    config = write_config(tmp_path, boards.url(moved))
    assert main(["poll", "--config", str(config)]) == 0
    captured = capsys.readouterr()
    assert "Acme: baseline, 4 postings, 0 new, 0 changed, 0 closed, 0 alerts queued" in (
        captured.out
    ), captured.out  # was "4 new … 4 alerts queued"
    assert captured.err.count("board Acme: its url or kind changed in the config") == 1
    assert "recovered" not in captured.err, "the old URL's streak was cleared, not recovered"
    assert main(["poll", "--config", str(config)]) == 0
    assert "board Acme: its url" not in capsys.readouterr().err, "said once"


def test_the_database_and_its_backups_are_the_owner_s_alone(tmp_path, capsys) -> None:
    """They hold chat ids, names and alerts; backups and the restored database were 0644."""
    config = write_config(tmp_path, "https://boards.example/acme")
    Stores.open(tmp_path / "j.db").close()
    assert (tmp_path / "j.db").stat().st_mode & 0o777 == 0o600
    assert main(["backup", str(tmp_path / "copy.db"), "--config", str(config)]) == 0
    assert (tmp_path / "copy.db").stat().st_mode & 0o777 == 0o600
    assert main(["restore", str(tmp_path / "copy.db"), "--config", str(config)]) == 0
    assert (tmp_path / "j.db").stat().st_mode & 0o777 == 0o600


def test_check_config_warns_of_a_token_written_in_a_file_others_can_read(
    tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    config = write_config(
        tmp_path,
        "https://boards.example/acme",
        extra='[telegram]\ntoken = "123456:abcdefghijklmnopqrstuvwxyz0123456789"\n',
    )
    config.chmod(0o644)
    assert main(["check-config", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert (
        f"telegram.token is written in {config}, which other users of this machine can read (mode 644)"
        in out
    )
    assert "abcdefghij" not in out
    config.chmod(0o600)
    assert main(["check-config", "--config", str(config)]) == 0
    assert "other users of this machine" not in capsys.readouterr().out
