"""What `jobbot check-config` says of a valid config: one summary line (the boards it polls,
where the database goes, Telegram or the console) and warnings about the database's place
and the token that a config file alone cannot show. It only looks: it creates nothing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bot.config import EXAMPLE_CONFIG, Config
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


def token_advice(config: Config) -> str:
    """Where to put the token @BotFather gave: the variable, or a config file of the
    operator's own (never the example shipped inside the package)."""
    if config.source.startswith("<") or Path(config.source).resolve() == EXAMPLE_CONFIG.resolve():
        return (
            "set TELEGRAM_BOT_TOKEN to the token @BotFather gave, or put it as telegram.token "
            "in a config.toml of your own (copy config.example.toml from the checkout)"
        )
    return f"set TELEGRAM_BOT_TOKEN (or telegram.token in {config.source}) to the token @BotFather gave"


def token_warnings(config: Config) -> list[str]:
    """What `jobbot run` does with no token and no terminal on stdin (a service, a
    container): it exits 2 rather than start a console chat nobody reads."""
    if config.telegram.token or sys.stdin.isatty():
        return []
    return [
        f"no bot token and stdin is not a terminal: `jobbot run` would exit 2 here; "
        f"{token_advice(config)} (check a service's config with its environment: its "
        "EnvironmentFile or -e)"
    ]


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
