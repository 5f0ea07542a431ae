"""`jobbot backup`'s destination: a file, or a folder (a dated name in it), never a guess."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import StorageError
from bot.store import Stores
from bot.store.backup import backup_database, destination


def test_a_path_with_a_trailing_slash_is_a_folder_and_a_missing_one_is_refused(
    tmp_path: Path,
) -> None:
    db = tmp_path / "jobbot.db"
    Stores.open(db).close()
    with pytest.raises(StorageError, match=r"there is no folder .*nofolder; nothing was changed"):
        destination(f"{tmp_path}/nofolder/", db)
    assert not (tmp_path / "nofolder").exists()
    (tmp_path / "nofolder").mkdir()
    target = destination(f"{tmp_path}/nofolder/", db)
    assert target.parent == tmp_path / "nofolder" and target.name.startswith("jobbot-")
    backup_database(db, target)
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_path_without_a_slash_is_still_a_file(tmp_path: Path) -> None:
    db = tmp_path / "jobbot.db"
    assert destination(f"{tmp_path}/copy.db", db) == tmp_path / "copy.db"
    assert destination(tmp_path / "copy.db", db) == tmp_path / "copy.db"
