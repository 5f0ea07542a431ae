"""TOML config -> frozen dataclasses, with every problem reported at once by its dotted path."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from bot.config_values import Reader, format_duration
from bot.config_values import parse_duration as parse_duration  # re-exported: cfg.parse_duration
from bot.errors import ConfigError, DetectError

# Shipped inside the package (a link to the top-level file in the source tree), so that
# `jobbot run` works after `pip install` without a config.toml.
EXAMPLE_CONFIG = Path(__file__).resolve().parent / "config.example.toml"
DEFAULT_API_URL = "https://api.telegram.org"


@dataclass(frozen=True)
class TelegramConfig:
    token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    admins: tuple[int, ...] = ()


@dataclass(frozen=True)
class StorageConfig:
    path: str = "jobbot.db"


@dataclass(frozen=True)
class PollingConfig:
    interval: float = 900.0
    timeout: float = 20.0
    max_bytes: int = 128_000_000  # decoded bytes; the largest real boards are about 95 MB
    max_backoff: float = 6 * 3600.0
    close_after: int = 2
    user_agent: str | None = None
    per_host: int = 2
    alert_admins_after: int = 3
    allow_private_hosts: bool = False
    fetch_timeout: float = 60.0  # one fetch of one board, all its requests included


@dataclass(frozen=True)
class AlertsConfig:
    max_per_user: int = 50
    max_length: int = 200
    max_terms: int = 20


@dataclass(frozen=True)
class DeliveryConfig:
    messages_per_second: float = 30.0
    per_chat_interval: float = 1.0
    group_messages: int = 20
    group_window: float = 60.0
    max_attempts: int = 8
    concurrency: int = 8
    send_timeout: float = 15.0
    retry_base: float = 5.0


@dataclass(frozen=True)
class BoardConfig:
    name: str
    url: str
    kind: str
    endpoint: str
    interval: float
    company: str | None = None
    enabled: bool = True
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    telegram: TelegramConfig = TelegramConfig()
    storage: StorageConfig = StorageConfig()
    polling: PollingConfig = PollingConfig()
    alerts: AlertsConfig = AlertsConfig()
    delivery: DeliveryConfig = DeliveryConfig()
    boards: tuple[BoardConfig, ...] = ()
    source: str = "<defaults>"
    warnings: tuple[str, ...] = ()


POLLING_KEYS = {
    "interval", "timeout", "max_bytes", "max_backoff", "close_after", "user_agent",
    "per_host", "alert_admins_after", "allow_private_hosts", "fetch_timeout",
}  # fmt: skip


DELIVERY_KEYS = {
    "messages_per_second", "per_chat_interval", "group_messages", "group_window", "max_attempts",
    "concurrency", "send_timeout", "retry_base",
}  # fmt: skip


def _boards(
    raw: object, reader: Reader, default_interval: float, warnings: list[str]
) -> list[BoardConfig]:
    from bot import sources

    if not isinstance(raw, list):
        reader.problems.append("boards: must be an array of tables ([[boards]])")
        return []
    allowed = {"name", "url", "kind", "interval", "company", "enabled", "selectors", "options"}
    boards: list[BoardConfig] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        path = f"boards[{i}]"
        if not isinstance(item, dict):
            reader.problems.append(f"{path}: must be a table")
            continue
        for extra in sorted(set(item) - allowed):
            reader.problems.append(
                f"{path}.{extra}: unknown key (known: {', '.join(sorted(allowed))})"
            )
        name = reader.get(item, "name", path, str, "").strip()
        url = reader.get(item, "url", path, str, "").strip()
        kind = reader.get(item, "kind", path, str, "").strip()
        company = reader.get(item, "company", path, str, None)
        enabled = reader.get(item, "enabled", path, bool, True)
        interval = reader.duration(item, "interval", path, default_interval)
        options = dict(reader.get(item, "options", path, dict, {}))
        selectors = reader.get(item, "selectors", path, dict, None)
        if selectors is not None:
            options["selectors"] = selectors
        if not name:
            reader.problems.append(f"{path}.name: required, a short unique name for the board")
        elif name.lower() in seen:
            reader.problems.append(f"{path}.name: {name!r} is used by another board")
        seen.add(name.lower())
        if not url:
            reader.problems.append(f"{path}.url: required, the board's URL")
            continue
        endpoint = url
        if kind:
            if kind not in sources.kinds():
                reader.problems.append(
                    f"{path}.kind: unknown kind {kind!r} (known: {', '.join(sources.kinds())})"
                )
                continue
        else:
            try:
                kind, endpoint = sources.detect(url)
            except DetectError as exc:
                reader.problems.append(f"{path}.url: {exc}")
                continue
        for problem in sources.get(kind).check_options(options):
            reader.problems.append(f"{path}.{problem}")
        if interval < 60 and kind != "demo":
            warnings.append(
                f"{path}.interval: {format_duration(interval)} is short; be kind to {name}"
            )
        boards.append(BoardConfig(name, url, kind, endpoint, interval, company, enabled, options))
    return boards


def from_dict(data: dict, source: str = "<dict>") -> Config:
    """Validate a parsed TOML document; raises ConfigError listing every problem."""
    problems: list[str] = []
    warnings: list[str] = []
    r = Reader(problems)
    for extra in sorted(
        set(data) - {"telegram", "storage", "polling", "alerts", "delivery", "boards"}
    ):
        problems.append(f"{extra}: unknown section")

    tg = r.table(data, "telegram", "telegram", {"token", "api_url", "admins"})
    token = (
        os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
        or r.get(tg, "token", "telegram", str, "", secret=True).strip()
    )
    api_url = r.get(tg, "api_url", "telegram", str, DEFAULT_API_URL).rstrip("/")
    if not re.match(r"^https?://[^/\s]+", api_url):
        problems.append(f"telegram.api_url: {api_url!r} is not an http(s) URL")
    admins = r.get(tg, "admins", "telegram", list, [])
    if not all(isinstance(a, int) and not isinstance(a, bool) for a in admins):
        problems.append(
            f"telegram.admins: must be a list of Telegram user ids (numbers), got {admins!r}"
        )
        admins = []

    st = r.table(data, "storage", "storage", {"path"})
    pl = r.table(data, "polling", "polling", POLLING_KEYS)
    al = r.table(data, "alerts", "alerts", {"max_per_user", "max_length", "max_terms"})
    dl = r.table(data, "delivery", "delivery", DELIVERY_KEYS)
    d = PollingConfig()
    polling = PollingConfig(
        interval=r.duration(pl, "interval", "polling", d.interval),
        timeout=r.duration(pl, "timeout", "polling", d.timeout),
        max_bytes=r.positive(pl, "max_bytes", "polling", d.max_bytes),
        max_backoff=r.duration(pl, "max_backoff", "polling", d.max_backoff),
        close_after=r.positive(pl, "close_after", "polling", d.close_after),
        user_agent=r.get(pl, "user_agent", "polling", str, None),
        per_host=r.positive(pl, "per_host", "polling", d.per_host),
        alert_admins_after=r.positive(pl, "alert_admins_after", "polling", d.alert_admins_after),
        allow_private_hosts=r.get(pl, "allow_private_hosts", "polling", bool, False),
        fetch_timeout=r.duration(pl, "fetch_timeout", "polling", d.fetch_timeout),
    )
    da, dd = AlertsConfig(), DeliveryConfig()
    config = Config(
        telegram=TelegramConfig(token or None, api_url, tuple(admins)),
        storage=StorageConfig(r.get(st, "path", "storage", str, StorageConfig.path)),
        polling=polling,
        alerts=AlertsConfig(
            max_per_user=r.positive(al, "max_per_user", "alerts", da.max_per_user),
            max_length=r.positive(al, "max_length", "alerts", da.max_length),
            max_terms=r.positive(al, "max_terms", "alerts", da.max_terms),
        ),
        delivery=DeliveryConfig(
            messages_per_second=r.positive(
                dl, "messages_per_second", "delivery", dd.messages_per_second
            ),
            per_chat_interval=r.positive(dl, "per_chat_interval", "delivery", dd.per_chat_interval),
            group_messages=r.positive(dl, "group_messages", "delivery", dd.group_messages),
            group_window=r.duration(dl, "group_window", "delivery", dd.group_window),
            max_attempts=r.positive(dl, "max_attempts", "delivery", dd.max_attempts),
            concurrency=r.positive(dl, "concurrency", "delivery", dd.concurrency),
            send_timeout=r.duration(dl, "send_timeout", "delivery", dd.send_timeout),
            retry_base=r.duration(dl, "retry_base", "delivery", dd.retry_base),
        ),
        boards=tuple(_boards(data.get("boards", []), r, polling.interval, warnings)),
        source=source,
        warnings=tuple(warnings),
    )
    if problems:
        raise ConfigError(problems)
    return config


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
    return dataclasses.replace(
        config, storage=StorageConfig(path), boards=boards, warnings=warnings
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
    return _placed(from_dict(data, source=str(p)), p)
