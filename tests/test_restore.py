"""`jobbot restore`: a checked backup replaces the database, never under a running bot."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.cli import main
from bot.store import Stores
from bot.store.lock import DatabaseLock

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('[storage]\npath = "jobbot.db"\n')
    return path


def chats(db: Path) -> list[int]:
    store = Stores.open(db)
    try:
        return [r[0] for r in store.db.execute("SELECT chat_id FROM users ORDER BY chat_id")]
    finally:
        store.close()


def test_restore_puts_the_backup_back_and_keeps_what_it_replaced(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "jobbot.db"
    store = Stores.open(db)
    store.users.subscribe(7, NOW)
    store.close()
    assert main(["backup", str(tmp_path / "b.db"), "--config", str(config)]) == 0
    store = Stores.open(db)
    store.users.subscribe(8, NOW)  # after the backup; left in the WAL, as a crash would leave it
    wal = Path(f"{db}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert main(["restore", str(tmp_path / "b.db"), "--config", str(config)]) == 0
    store.db.conn.close()  # the old connection goes only now: its WAL must not reach the new file
    out = capsys.readouterr().out
    assert f"restored {db}" in out and "kept as" in out
    assert chats(db) == [7]
    [kept] = tmp_path.glob("jobbot.db.before-restore-*[0-9Z]")
    assert chats(kept) == [7, 8], "the replaced database is whole, its WAL beside it"


def test_restore_refuses_while_a_bot_runs_on_the_database(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "jobbot.db"
    Stores.open(db).close()
    Stores.open(tmp_path / "b.db").close()
    lock = DatabaseLock(db)
    lock.acquire()  # what `jobbot run` holds
    try:
        assert main(["restore", str(tmp_path / "b.db"), "--config", str(config)]) == 1
    finally:
        lock.release()
    assert "already running" in capsys.readouterr().err
    assert not list(tmp_path.glob("*before-restore*"))


def _another_apps(path: Path) -> None:
    """A database migrated by sqlite-utils for another program: a migrations table, no jobbot's."""
    other = Migrations("other")
    other(name="0001_start")(lambda db: db["things"].create({"x": int}))
    other.apply(Database(path))


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: p.write_bytes(b"not SQLite\n" * 500),
         "b.db is not a usable jobbot backup (file is not a database); nothing was changed"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)"),
         "b.db is not a usable jobbot backup (no migrations table); nothing was changed"),
        (lambda p: None, "no file at"),
        ("newer", "made by a newer jobbot"),
        (_another_apps, "b.db is not a usable jobbot backup (no jobbot migrations); nothing"),
    ],
)  # fmt: skip
def test_restore_checks_the_file_is_a_jobbot_database_first(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture, make, why: str
) -> None:
    db, backup = tmp_path / "jobbot.db", tmp_path / "b.db"
    store = Stores.open(db)
    store.users.subscribe(7, NOW)
    store.close()
    if make == "newer":
        Stores.open(backup).close()
        conn = sqlite3.connect(backup)
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('jobbot', '9999_from_the_future', 'x')"
        )
        conn.commit()
        conn.close()
    else:
        make(backup)
    assert main(["restore", str(backup), "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert why in err and err.count("\n") == 1, err
    assert "restore a backup" not in err, "the live database's advice, not a backup's"
    assert chats(db) == [7], "the database is untouched"
