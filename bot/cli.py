"""The `jobbot` command: the only place that turns errors into exit codes."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import __version__, process, sources
from bot import config as cfg
from bot.errors import ConfigError, JobbotError
from bot.probe import detect, print_found, print_postings, probe

if TYPE_CHECKING:
    from bot.poller import PollOutcome

log = logging.getLogger("bot")


def _load(path: str | None, log_format: str = "text") -> cfg.Config:
    config = cfg.load(path)
    process.setup(secret=config.telegram.token, fmt=log_format)
    return config


async def _run_until_signal(config: cfg.Config, force_console: bool = False) -> None:
    from bot.app import App
    from bot.telegram.console import ConsoleTransport

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    app = App(config, transport=ConsoleTransport() if force_console else None)
    mode = "console chat" if force_console or not config.telegram.token else "Telegram"
    if mode == "console chat":  # routine poll lines would drown the chat; problems still show
        for chatty in ("bot.poller", "bot.events"):
            logging.getLogger(chatty).setLevel(logging.WARNING)
    log.info(
        "jobbot starting (%s, config %s, database %s)", mode, config.source, config.storage.path
    )
    await app.run(stop)
    if app.fatal:  # the bot stopped itself: exit 1, so that a service manager restarts it
        raise JobbotError(app.fatal)


def cmd_run(args: argparse.Namespace) -> int:
    config = _load(args.config, args.log_format)
    if not config.telegram.token:
        log.info("no TELEGRAM_BOT_TOKEN: starting the console chat instead of Telegram")
    asyncio.run(_run_until_signal(config))
    return 0


def demo_config(every: float, db_path: str) -> cfg.Config:
    """An offline config: one simulated board that publishes a posting every `every` seconds."""
    return cfg.from_dict(
        {
            "storage": {"path": db_path},
            "boards": [
                {
                    "name": "Demo",
                    "kind": "demo",
                    "url": f"demo://fintech?every={every:g}",
                    "interval": "3s",
                }
            ],
        },
        source="<demo>",
    )


def cmd_demo(args: argparse.Namespace) -> int:
    process.setup()
    with tempfile.TemporaryDirectory(prefix="jobbot-demo-") as tmp:
        config = demo_config(args.every, str(Path(tmp) / "demo.db"))
        asyncio.run(_run_until_signal(config, force_console=True))
    return 0


def cmd_poll(args: argparse.Namespace) -> int:
    from bot.app import App

    config = _load(args.config, args.log_format)
    if args.board and not any(b.name.lower() == args.board.lower() for b in config.boards):
        print(f"no board named {args.board!r} in {config.source}", file=sys.stderr)
        return 2
    return print_outcomes(asyncio.run(App(config).poll_once(args.board)))


def print_outcomes(outcomes: list[PollOutcome]) -> int:
    """One line per polled board; exit status 1 when any failed."""
    failed = 0
    for o in outcomes:
        if o.status == "failed":
            failed += 1
            print(f"{o.board}: FAILED: {o.error}")
        else:
            print(f"{o.board}: {o.status}, {o.seen} postings, {o.new} new, {o.changed} changed, "
                  f"{o.closed} closed, {o.enqueued} alerts queued")  # fmt: skip
    return 1 if failed else 0


def cmd_probe(args: argparse.Namespace) -> int:
    process.setup(logging.WARNING)
    return print_postings(*asyncio.run(probe(args.url, args.kind)), as_json=args.json)


def cmd_detect(args: argparse.Namespace) -> int:
    process.setup(logging.WARNING)
    return print_found(asyncio.run(detect(args.url)))


def cmd_check_config(args: argparse.Namespace) -> int:
    config = cfg.load(args.config)
    kinds = sorted({b.kind for b in config.boards})
    mode = "Telegram (token set)" if config.telegram.token else "console chat (no token)"
    print(
        f"{config.source}: OK — {len(config.boards)} boards ({', '.join(kinds) or 'none'}); {mode}"
    )
    for w in config.warnings:
        print(f"warning: {w}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from bot.store.db import backup_database

    config = _load(args.config)
    target = Path(args.path)
    if target.exists() and not args.force:
        print(f"{target} exists; pass --force to overwrite it", file=sys.stderr)
        return 2
    target.unlink(missing_ok=True)
    backup_database(config.storage.path, target)
    print(f"backed up {config.storage.path} to {target} ({target.stat().st_size:,} bytes)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from bot.store.restore import restore_database

    config = _load(args.config)
    kept = restore_database(args.path, config.storage.path)
    print(f"restored {config.storage.path} from {args.path}")
    if kept:
        print(f"the database it replaced is kept as {kept}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="jobbot", description="Job alerts from job boards, in Telegram."
    )
    p.add_argument("--version", action="version", version=f"jobbot {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    conf: dict[str, Any] = {"help": "config file (default: ./config.toml, else the example config)"}
    log_format: dict[str, Any] = {
        "choices": ("text", "json"), "default": "text",
        "help": "log lines as text (default) or JSON objects, one a line",
    }  # fmt: skip
    s = sub.add_parser("run", help="run the bot until Ctrl-C / SIGTERM")
    s.add_argument("--config", **conf)
    s.add_argument("--log-format", **log_format)
    s.set_defaults(func=cmd_run)
    s = sub.add_parser("demo", help="run offline: a simulated board and the console chat")
    s.add_argument("--every", type=float, default=8.0, help="seconds between new demo postings")
    s.set_defaults(func=cmd_demo)
    s = sub.add_parser("poll", help="poll, match and deliver once, then exit")
    s.add_argument("--config", **conf)
    s.add_argument("--board", help="only this board")
    s.add_argument("--log-format", **log_format)
    s.set_defaults(func=cmd_poll)
    s = sub.add_parser("probe", help="fetch one board URL and print its postings")
    s.add_argument("url")
    s.add_argument(
        "--kind", help=f"the board kind, to skip URL recognition ({', '.join(sources.kinds())})"
    )
    s.add_argument("--json", action="store_true", help="one JSON object a line")
    s.set_defaults(func=cmd_probe)
    s = sub.add_parser("detect", help="print the board(s) at a URL: kind<TAB>board URL a line")
    s.add_argument("url")
    s.set_defaults(func=cmd_detect)
    s = sub.add_parser("backup", help="copy the live database safely (SQLite online backup)")
    s.add_argument("path")
    s.add_argument("--config", **conf)
    s.add_argument("--force", action="store_true", help="overwrite an existing file")
    s.set_defaults(func=cmd_backup)
    s = sub.add_parser("restore", help="replace the database with a backup (bot stopped)")
    s.add_argument("path")
    s.add_argument("--config", **conf)
    s.set_defaults(func=cmd_restore)
    s = sub.add_parser("check-config", help="validate the config and exit")
    s.add_argument("--config", **conf)
    s.set_defaults(func=cmd_check_config)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (JobbotError, KeyboardInterrupt) as exc:
        return exit_status(exc)


def exit_status(exc: JobbotError | KeyboardInterrupt) -> int:
    """Say what stopped a command on stderr, in a line or a list; return its exit status."""
    if isinstance(exc, KeyboardInterrupt):
        return 130
    if isinstance(exc, ConfigError):
        print(f"config problems ({len(exc.problems)}):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    print(f"jobbot: {exc}", file=sys.stderr)
    return 1
