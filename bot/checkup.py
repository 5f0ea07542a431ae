"""What `jobbot check-config` says of a valid config: one summary line (the boards it polls,
where the database goes, Telegram or the console) and warnings about the database's place
that a config file alone cannot show. It only looks: it creates nothing."""

from __future__ import annotations

import os
from pathlib import Path

from bot.config import Config
from bot.wording import plural

# Folders that hold programs and settings, not data: read-only under the systemd unit
# (ProtectSystem=strict) and not the container user's.
_NOT_FOR_DATA = (Path("/etc"), Path("/usr"))
_FIX = "set storage.path to a place jobbot's user can write, such as /var/lib/jobbot/jobbot.db"


def summary(config: Config) -> str:
    """'9 enabled of 27 boards (greenhouse, lever); database /abs/jobbot.db; Telegram (token
    set)': what `jobbot run` would do with this config."""
    enabled = [b for b in config.boards if b.enabled]
    boards = plural(len(config.boards), "board")
    if len(enabled) != len(config.boards):
        boards = f"{len(enabled)} enabled of {boards}"
    kinds = ", ".join(sorted({b.kind for b in enabled})) or "none"
    mode = "Telegram (token set)" if config.telegram.token else "console chat (no token)"
    return f"{boards} ({kinds}); database {config.storage.path}; {mode}"


def place_warnings(database: str) -> list[str]:
    """Why jobbot, run as this user, could not create or write the database at `database`
    (a file in the way of its folder, a folder it may not write), or why it should not live
    there; none when it can."""
    if database == ":memory:":
        return []
    path = Path(database)
    warnings = []
    top = next((top for top in _NOT_FOR_DATA if path.is_relative_to(top)), None)
    if top is not None:
        warnings.append(
            f"storage.path: {path} is under {top}, which holds settings and programs, not "
            "data (read-only under the systemd unit, not the container user's); " + _FIX
        )
    if problem := _unwritable(path):
        warnings.append(f"storage.path: {problem}; {_FIX}")
    return warnings


def _unwritable(path: Path) -> str | None:
    """What stops this user creating or writing `path` and the files beside it (-wal, -shm,
    .lock), found by looking at the nearest part of it that exists."""
    found = next(p for p in (path, *path.parents) if p.exists() or p == p.parent)
    if found == path:
        if not path.is_file():
            return f"{path} is not a file"
        if not os.access(path, os.W_OK):
            return f"{path} cannot be written by this user (uid {os.getuid()})"
        found = path.parent
    elif not found.is_dir():
        return f"{found} is a file, not a folder"
    if not os.access(found, os.W_OK | os.X_OK):
        return f"jobbot cannot create files in {found} as this user (uid {os.getuid()})"
    return None
