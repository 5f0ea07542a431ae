"""`jobbot restore`: a checked backup replaces the database, never under a running bot."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
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


def _other_group() -> int | None:
    """A group this user belongs to besides the one it creates files with, if any."""
    return next((g for g in os.getgroups() if g != os.getegid()), None)


def test_the_restored_database_gets_the_owner_of_the_one_it_replaces(
    tmp_path: Path, config: Path
) -> None:
    """A restore run as root (sudo) must not hand the service's database to root. Without
    root, a group of this user's stands for the other owner: the same os.chown."""
    db, backup = tmp_path / "jobbot.db", tmp_path / "b.db"
    Stores.open(db).close()
    Stores.open(backup).close()
    if os.geteuid() == 0:
        owner = (65534, 65534)  # nobody, as a service user
    elif (group := _other_group()) is not None:
        owner = (os.geteuid(), group)
    else:
        pytest.skip("not root, and this user is in no second group to give the file to")
    os.chown(db, *owner)
    assert main(["restore", str(backup), "--config", str(config)]) == 0
    assert (db.stat().st_uid, db.stat().st_gid) == owner
    assert db.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="only root gives a file to another user")
def test_a_restore_as_root_into_the_services_empty_folder_gives_the_file_to_its_owner(
    tmp_path: Path, config: Path
) -> None:
    state, backup = tmp_path / "state", tmp_path / "b.db"
    state.mkdir()
    os.chown(state, 65534, 65534)
    Stores.open(backup).close()
    config.write_text(f'[storage]\npath = "{state}/jobbot.db"\n')
    assert main(["restore", str(backup), "--config", str(config)]) == 0
    for made in (state / "jobbot.db", state / "jobbot.db.lock"):
        assert (made.stat().st_uid, made.stat().st_gid) == (65534, 65534), made


def test_restore_reads_the_backup_without_writing_beside_it(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture
) -> None:
    """A backup in a folder this user cannot write restores (read-only, immutable), and
    nothing (-shm, -wal) is left beside a backup."""
    db, shelf = tmp_path / "jobbot.db", tmp_path / "shelf"
    shelf.mkdir()
    store = Stores.open(db)
    store.users.subscribe(7, NOW)
    store.close()
    assert main(["backup", str(shelf / "b.db"), "--config", str(config)]) == 0
    with closing(sqlite3.connect(shelf / "b.db")) as conn:  # (it removes its -wal as it closes)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    os.chmod(shelf / "b.db", 0o444)
    os.chmod(shelf, 0o555)  # (root writes anyway: then this checks no file is left)
    try:
        assert main(["restore", str(shelf / "b.db"), "--config", str(config)]) == 0, (
            capsys.readouterr().err
        )
    finally:
        os.chmod(shelf, 0o755)
    assert sorted(p.name for p in shelf.iterdir()) == ["b.db"]
    assert chats(db) == [7]


def test_the_copy_restore_keeps_is_readable_by_its_owner_alone(
    tmp_path: Path, config: Path
) -> None:
    db, backup = tmp_path / "jobbot.db", tmp_path / "b.db"
    Stores.open(db).close()
    Stores.open(backup).close()
    os.chmod(db, 0o644)  # as an older jobbot made it
    assert main(["restore", str(backup), "--config", str(config)]) == 0
    [kept] = tmp_path.glob("jobbot.db.before-restore-*[0-9Z]")
    assert kept.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file: run as another user")
def test_a_backup_this_user_cannot_read_says_so(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture
) -> None:
    backup = tmp_path / "b.db"
    Stores.open(backup).close()
    os.chmod(backup, 0o200)
    assert main(["restore", str(backup), "--config", str(config)]) == 1
    assert "b.db cannot be read by this user (it is owned by" in capsys.readouterr().err
