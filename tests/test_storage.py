"""The database: found from any directory, never created by a backup, one jobbot per file, and
a clear line (no traceback, nothing committed lost) when it is damaged, deleted or locked."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import config as cfg
from bot.app import App
from bot.cli import main
from bot.errors import StorageError
from bot.store import Stores
from tests.board_server import BoardServer
from tests.fake_telegram import FakeTelegram
from tests.test_e2e import TOKEN, baselined, make_config
from tests.test_poller import PATH, gh_job
from tests.waiting import until


def _config_dir(tmp_path: Path, extra: str = "") -> Path:
    home = tmp_path / "etc"
    home.mkdir()
    (home / "config.toml").write_text(f'[storage]\npath = "jobbot.db"\n{extra}')
    return home / "config.toml"


def test_backup_from_another_directory_copies_the_configured_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    config = _config_dir(tmp_path)
    store = Stores.open(tmp_path / "etc" / "jobbot.db")
    store.users.subscribe(7, datetime.now(UTC))
    store.close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["backup", "copy.db", "--config", str(config)]) == 0
    assert str(tmp_path / "etc" / "jobbot.db") in capsys.readouterr().out
    copy = sqlite3.connect(elsewhere / "copy.db")
    assert copy.execute("SELECT chat_id FROM users").fetchall() == [(7,)]
    assert not (elsewhere / "jobbot.db").exists()


def test_backup_of_a_missing_database_fails_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    config = _config_dir(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["backup", "copy.db", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("jobbot: no database at ") and err.count("\n") == 1
    assert not (tmp_path / "etc" / "jobbot.db").exists() and not (tmp_path / "copy.db").exists()


def test_a_damaged_database_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    config = _config_dir(tmp_path)
    (tmp_path / "etc" / "jobbot.db").write_bytes(b"this is not SQLite at all\n" * 200)
    assert main(["poll", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "is damaged or not a jobbot database" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert main(["backup", str(tmp_path / "c.db"), "--config", str(config)]) == 1
    assert "damaged" in capsys.readouterr().err and not (tmp_path / "c.db").exists()


def test_the_packaged_example_keeps_its_database_in_the_users_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # no config.toml here
    config = cfg.load()
    assert Path(config.source).resolve() == cfg.EXAMPLE_CONFIG.resolve()
    assert config.storage.path == str(tmp_path / "data" / "jobbot" / "jobbot.db")
    assert any(b.kind == "demo" for b in config.boards), "the demo runs without a token"


def test_a_real_token_without_a_config_never_runs_the_demo_board(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.chdir(tmp_path)
    config = cfg.load()
    assert config.boards and not any(b.kind == "demo" for b in config.boards)
    assert any("without its Demo board" in w for w in config.warnings)


def test_the_example_config_is_in_the_package() -> None:
    assert cfg.EXAMPLE_CONFIG.parent == Path(cfg.__file__).resolve().parent
    assert cfg.EXAMPLE_CONFIG.is_file() and "[[boards]]" in cfg.EXAMPLE_CONFIG.read_text()


def test_check_config_never_echoes_a_token(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[telegram]\ntoken = 123456789987654321\n")
    assert main(["check-config", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "telegram.token: expected str, got a int" in err
    assert "123456789987654321" not in err


async def test_a_second_jobbot_on_one_database_refuses_to_start(
    tmp_path: Path, boards: BoardServer
) -> None:
    with FakeTelegram() as tg:
        config = make_config(tmp_path, tg, boards.url(PATH), boards.url("/x"))
        first = App(config)
        try:
            with pytest.raises(StorageError, match=r"another jobbot \(pid \d+\) is already"):
                App(config)
        finally:
            await first.close()
        App(config).lock.release()  # free again once the first one closed


async def test_a_database_deleted_while_running_is_written_back_and_the_bot_stops(
    tmp_path: Path, boards: BoardServer
) -> None:
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    with FakeTelegram() as tg:
        config = make_config(tmp_path, tg, boards.url(PATH), boards.url("/x"))
        app = App(config, watch_every=0.05)
        stop = asyncio.Event()
        run = asyncio.create_task(app.run(stop))
        await until(lambda: baselined(app))
        Path(config.storage.path).unlink()
        await asyncio.wait_for(run, 10)
    assert app.fatal and "was deleted while jobbot ran" in app.fatal
    back = sqlite3.connect(config.storage.path)
    assert back.execute("SELECT key FROM postings").fetchall() == [("Acme:1",)]
