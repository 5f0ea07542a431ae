"""TOML config -> frozen dataclasses, with every problem reported at once by its dotted path."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

import platformdirs

from bot.config_boards import BoardConfig, read_boards
from bot.config_values import DURATION, POSITIVE, SPEC, ZONE, Reader, Spec, unknown_top
from bot.config_values import parse_duration as parse_duration  # re-exported: cfg.parse_duration
from bot.errors import ConfigError

# Shipped inside the package (a link to the top-level file in the source tree), so that
# `jobbot run` works after `pip install` without a config.toml.
EXAMPLE_CONFIG = Path(__file__).resolve().parent / "config.example.toml"
DEFAULT_API_URL = "https://api.telegram.org"


def _token(value: str) -> str | None:
    return value.strip() or None


def _http_url(value: str) -> str:
    value = value.rstrip("/")
    if not re.match(r"^https?://[^/\s]+", value):
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


def _user_ids(value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
        isinstance(a, int) and not isinstance(a, bool) for a in value
    ):
        raise ValueError(f"must be a list of Telegram user ids (numbers), got {value!r}")
    return tuple(value)


# Each section is read from its fields: name = TOML key, type and default as declared, and a
# Spec (bot/config_values.py) in the metadata where a value needs more than its type.
@dataclass(frozen=True)
class TelegramConfig:
    token: str | None = field(
        default=None,
        repr=False,
        metadata={SPEC: Spec(check=_token, secret=True, env="TELEGRAM_BOT_TOKEN")},
    )
    api_url: str = field(default=DEFAULT_API_URL, metadata={SPEC: Spec(check=_http_url)})
    admins: tuple[int, ...] = field(default=(), metadata={SPEC: Spec(parse=_user_ids)})


def _db_path(value: str) -> str:
    if not value.strip():  # it would be the config's folder: a database nothing can open
        raise ValueError(
            "must not be empty; set it to the database file, e.g. /var/lib/jobbot/jobbot.db"
        )
    return value


@dataclass(frozen=True)
class StorageConfig:
    path: str = field(default="jobbot.db", metadata={SPEC: Spec(check=_db_path)})
    keep_closed: float = field(default=90 * 86400.0, metadata=DURATION)  # then pruned
    keep_sent: float = field(default=30 * 86400.0, metadata=DURATION)  # sent deliveries


def _access_mode(value: str) -> str:
    if value not in ACCESS_MODES:
        raise ValueError(f"{value!r} is not one of {', '.join(ACCESS_MODES)}")
    return value


ACCESS_MODES = ("open", "invite", "allowlist")


@dataclass(frozen=True)
class AccessConfig:
    """Who may use the bot: anyone, holders of an invite code, or the `allow` list (and
    the admins, always)."""

    mode: str = field(default="open", metadata={SPEC: Spec(check=_access_mode)})
    allow: tuple[int, ...] = field(default=(), metadata={SPEC: Spec(parse=_user_ids)})
    invite_expiry: float = field(default=7 * 86400.0, metadata=DURATION)  # /invite's default


@dataclass(frozen=True)
class PollingConfig:
    interval: float = field(default=900.0, metadata=DURATION)
    timeout: float = field(default=20.0, metadata=DURATION)
    # decoded bytes; the largest real boards are about 95 MB
    max_bytes: int = field(default=128_000_000, metadata=POSITIVE)
    max_backoff: float = field(default=6 * 3600.0, metadata=DURATION)
    close_after: int = field(default=2, metadata=POSITIVE)
    user_agent: str | None = None
    per_host: int = field(default=2, metadata=POSITIVE)
    alert_admins_after: int = field(default=3, metadata=POSITIVE)
    allow_private_hosts: bool = False
    # one fetch of one board, all its requests included
    fetch_timeout: float = field(default=60.0, metadata=DURATION)
    # read boards (parse + normalise) in a process of their own, on another core (bot.reading)
    reader_process: bool = True


@dataclass(frozen=True)
class AlertsConfig:
    max_per_user: int = field(default=50, metadata=POSITIVE)
    max_length: int = field(default=200, metadata=POSITIVE)
    max_terms: int = field(default=20, metadata=POSITIVE)


@dataclass(frozen=True)
class FollowConfig:
    """/follow: what one user, and all users together, may add; when followers hear of a
    failing board."""

    max_per_user: int = field(default=20, metadata=POSITIVE)
    max_boards: int = field(default=1000, metadata=POSITIVE)  # user-added boards in all
    per_hour: int = field(default=10, metadata=POSITIVE)  # /follow tries per user per hour
    tell_after: float = field(default=2 * 86400.0, metadata=DURATION)


@dataclass(frozen=True)
class DeliveryConfig:
    messages_per_second: float = field(default=30.0, metadata=POSITIVE)
    per_chat_interval: float = field(default=1.0, metadata=POSITIVE)
    group_messages: int = field(default=20, metadata=POSITIVE)
    group_window: float = field(default=60.0, metadata=DURATION)
    max_attempts: int = field(default=8, metadata=POSITIVE)
    concurrency: int = field(default=8, metadata=POSITIVE)
    send_timeout: float = field(default=15.0, metadata=DURATION)
    retry_base: float = field(default=5.0, metadata=DURATION)


@dataclass(frozen=True)
class RatesConfig:
    """[rates]: where the exchange rates that compare salaries across currencies come from
    (the ECB's daily reference rates, `bot.exchange`); off when `url` is empty."""

    url: str = ""
    every: float = field(default=12 * 3600.0, metadata=DURATION)


@dataclass(frozen=True)
class UsersConfig:
    """[users]: the zone of each user who never sent /timezone (a change moves them all)."""

    timezone: str = field(default="UTC", metadata=ZONE)


def _listen(value: str) -> str:
    from bot.server import parse_listen

    parse_listen(value)  # raises ValueError with the problem
    return value.strip()


@dataclass(frozen=True)
class ServerConfig:
    """[server]: where GET /healthz and GET /metrics are served; off when `listen` is unset."""

    listen: str | None = field(
        default=None, metadata={SPEC: Spec(check=_listen, env="JOBBOT_SERVER_LISTEN")}
    )


@dataclass(frozen=True)
class Config:
    telegram: TelegramConfig = TelegramConfig()
    storage: StorageConfig = StorageConfig()
    access: AccessConfig = AccessConfig()
    polling: PollingConfig = PollingConfig()
    alerts: AlertsConfig = AlertsConfig()
    delivery: DeliveryConfig = DeliveryConfig()
    server: ServerConfig = ServerConfig()
    follow: FollowConfig = FollowConfig()
    rates: RatesConfig = RatesConfig()
    users: UsersConfig = UsersConfig()
    boards: tuple[BoardConfig, ...] = ()
    source: str = "<defaults>"
    warnings: tuple[str, ...] = ()


# The [section] tables: Config's fields that are config dataclasses; then [[boards]].
SECTIONS: dict[str, type[Any]] = {
    f.name: kind
    for f, kind in ((f, get_type_hints(Config)[f.name]) for f in dataclasses.fields(Config))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind)
}


def from_dict(data: dict, source: str = "<dict>") -> Config:
    """Validate a parsed TOML document; raises ConfigError listing every problem."""
    problems: list[str] = []
    warnings: list[str] = []
    reader = Reader(problems)
    problems.extend(
        unknown_top(x, data[x], SECTIONS) for x in sorted(set(data) - {*SECTIONS, "boards"})
    )
    sections: dict[str, Any] = {
        name: reader.section(data, name, kind) for name, kind in SECTIONS.items()
    }
    default_interval = sections["polling"].interval
    boards = read_boards(data.get("boards", []), reader, default_interval, warnings)
    if problems:
        raise ConfigError(problems)
    warnings += _access_warnings(sections["access"], sections["telegram"])
    return Config(**sections, boards=tuple(boards), source=source, warnings=tuple(warnings))


def _access_warnings(access: AccessConfig, telegram: TelegramConfig) -> list[str]:
    """An invite-only bot with no admins can let nobody in (only an admin makes invites); an
    allowlist one has nobody to /ban or /broadcast."""
    if access.mode == "open" or telegram.admins:
        return []
    lost = {
        "invite": "nobody can make an invite, so nobody can ever get in",
        "allowlist": "only [access] allow gets in, and nobody can /ban or /broadcast",
    }[access.mode]
    return [
        f'access.mode = "{access.mode}" with no telegram.admins: {lost}. Add your Telegram user '
        "id to telegram.admins (send the bot /start: its refusal says your id)"
    ]


def default_path() -> Path:
    """./config.toml when present, else the example config shipped with jobbot."""
    local = Path("config.toml")
    return local if local.exists() else EXAMPLE_CONFIG


def data_dir() -> Path:
    """Where the packaged example config keeps its database: the user's data directory."""
    return Path(platformdirs.user_data_dir("jobbot", appauthor=False))


def _placed(config: Config, config_file: Path) -> Config:
    """A relative `storage.path` resolved against the config file's folder, so every
    `jobbot` command finds the same database from any directory; for the packaged example,
    against the user's data directory (never inside the installed package). The packaged
    example with a real token set runs without its Demo board: fake jobs never reach real
    users."""
    packaged = config_file.resolve() == EXAMPLE_CONFIG.resolve()
    path = config.storage.path
    if path != ":memory:" and not Path(path).expanduser().is_absolute():
        base = data_dir() if packaged else config_file.resolve().parent
        path = str(base / Path(path).expanduser())
    boards, warnings = config.boards, config.warnings
    if packaged and config.telegram.token:
        boards = tuple(b for b in boards if b.kind != "demo")
        warnings += (
            "no config.toml: running the example config without its Demo board (a real token "
            "is set); copy config.example.toml to config.toml to choose your boards",
        )
    elif config.telegram.token:
        warnings += tuple(
            f'boards[{i}] ("{b.name}"): a demo board sends made-up jobs to real Telegram '
            "users; remove it or set enabled = false"
            for i, b in enumerate(boards)
            if b.kind == "demo" and b.enabled
        )
    return dataclasses.replace(
        config,
        storage=dataclasses.replace(config.storage, path=path),
        boards=boards,
        warnings=warnings,
    )


def load(path: str | Path | None = None) -> Config:
    """Read and validate a config file; raises ConfigError."""
    p = Path(path) if path else default_path()
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([f"{p}: cannot read ({exc.strerror or exc})"]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{p}: not valid TOML: {exc}"]) from None
    config = _placed(from_dict(data, source=str(p)), p)
    if (data.get("telegram") or {}).get("token") and p.stat().st_mode & 0o077:
        readable = (  # the token written in the file itself, which others may read
            f"telegram.token is written in {p}, which other users of this machine can read "
            f"(mode {p.stat().st_mode & 0o777:o}): chmod 600 {p}, or set TELEGRAM_BOT_TOKEN "
            "instead"
        )
        config = dataclasses.replace(config, warnings=(*config.warnings, readable))
    return config
