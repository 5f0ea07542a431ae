"""The database file as an operator meets it: one this user cannot write, one a newer jobbot
wrote, and its mode (600) kept at every open; each a line naming the file and the fix."""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.errors import StorageError, StorageSetupError
from bot.migrations import migrations
from bot.store import Stores
from bot.store.db import Db, connect
from bot.store.lock import DatabaseLock

ROOT = os.geteuid() == 0
AS_ROOT = "runs as root, whom file modes do not stop: run the suite as another user"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('[storage]\npath = "data/jobbot.db"\n')
    return path


def _database(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "jobbot.db"
    Stores.open(db).close()
    return db


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.skipif(ROOT, reason=AS_ROOT)
def test_a_database_this_user_can_read_but_not_write_is_one_line_naming_the_fix(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture
) -> None:
    db = _database(tmp_path)
    os.chmod(db, 0o444)
    with pytest.raises(StorageSetupError, match="cannot be written by this user"):
        Stores.open(db)
    assert main(["poll", "--config", str(config)]) != 0  # 2 once cli maps StorageSetupError
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert f"{db} is owned by" in err and "mode 444" in err and "chown " in err


@pytest.mark.skipif(ROOT, reason=AS_ROOT)
def test_a_database_whose_folder_this_user_cannot_write_names_the_folder(tmp_path: Path) -> None:
    db = _database(tmp_path)
    os.chmod(db.parent, 0o555)  # the lock file is there already; SQLite needs its -shm there
    try:
        with pytest.raises(StorageSetupError, match=f"its folder {db.parent} cannot be written"):
            Stores.open(db)
    finally:
        os.chmod(db.parent, 0o755)


@pytest.mark.skipif(ROOT, reason=AS_ROOT)
def test_a_lock_file_this_user_cannot_open_says_whose_it_is(tmp_path: Path) -> None:
    db = _database(tmp_path)
    lock = Path(f"{db}.lock")
    lock.touch()
    os.chmod(lock, 0o444)
    with pytest.raises(StorageSetupError, match=r"the lock file .* is owned by .*chown"):
        DatabaseLock(db).acquire()


def _newer(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('jobbot', '0099_future', '2027-01-01')"
    )
    conn.commit()
    conn.close()


def test_a_database_a_newer_jobbot_wrote_is_refused_as_a_rollback(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture
) -> None:
    db = _database(tmp_path)
    _newer(db)
    with pytest.raises(StorageSetupError, match=r"newer jobbot \(migration 0099_future;"):
        Stores.open(db)
    before = db.read_bytes()
    assert main(["poll", "--config", str(config)]) != 0  # 2 once cli maps StorageSetupError
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert "0099_future" in err and "rollback" in err and migrations._migrations[-1].name in err
    assert db.read_bytes() == before, "nothing written into the newer schema"


def test_every_open_makes_the_database_readable_by_its_owner_alone_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = _database(tmp_path)
    os.chmod(db, 0o644)  # as an older jobbot, or a copy put in place by hand, left it
    with caplog.at_level(logging.INFO, logger="bot.store.dbfile"):
        Stores.open(db).close()
        Stores.open(db).close()
    assert _mode(db) == 0o600
    said = [r.getMessage() for r in caplog.records if r.name == "bot.store.dbfile"]
    assert len(said) == 1, said  # its -wal and -shm, made as it was, with it
    assert said[0].startswith(
        f"made {db} readable by its owner alone (mode 600; was: jobbot.db 644"
    )
    assert all(_mode(f) == 0o600 for f in db.parent.glob("jobbot.db*") if f.suffix != ".lock")


def test_its_wal_too(tmp_path: Path) -> None:
    db = _database(tmp_path)
    store = Stores.open(db)
    store.users.subscribe(7, datetime(2026, 12, 1, tzinfo=UTC))
    wal = Path(f"{db}-wal")
    os.chmod(wal, 0o644)
    try:
        Stores.open(db).close()
        assert _mode(wal) == 0o600
    finally:
        store.close()


def test_a_database_written_back_after_its_deletion_is_mode_600(tmp_path: Path) -> None:
    db = _database(tmp_path)
    live = Db(connect(db), db)  # (without the checkpoint thread, whose connection makes one)
    try:
        db.unlink()
        assert "written back" in (live.file_problem() or "")
    finally:
        live.close()
    assert _mode(db) == 0o600


def test_the_write_check_at_open_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = _database(tmp_path)
    before = db.read_bytes()
    Stores.open(db).close()
    assert db.read_bytes() == before


def test_a_damaged_database_is_still_not_an_operators_setup_fault(tmp_path: Path) -> None:
    db = tmp_path / "jobbot.db"
    db.write_bytes(b"not SQLite\n" * 500)
    with pytest.raises(StorageError, match="damaged") as raised:
        Stores.open(db)
    assert not isinstance(raised.value, StorageSetupError), "a restore mends it, not a chown"
