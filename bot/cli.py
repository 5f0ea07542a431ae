"""The `jobbot` command: the only place that turns errors into exit codes."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import __version__, logs, process, sources
from bot import config as cfg
from bot.errors import ConfigError, JobbotError, StorageSetupError
from bot.probe import detect, print_found, print_postings, probe, probe_board
from bot.wording import plural

if TYPE_CHECKING:
    from bot.storing import PollOutcome

log = logging.getLogger("bot")


def _load(path: str | None, log_format: str = "text", level: str = "info") -> cfg.Config:
    config = cfg.load(path)
    process.setup(getattr(logging, level.upper()), secret=config.telegram.token, fmt=log_format)
    return config


async def _run_until_signal(config: cfg.Config, force_console: bool = False) -> None:
    from bot.app import App
    from bot.telegram.console import ConsoleTransport

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # HUP: the terminal went away
        loop.add_signal_handler(sig, stop.set)
    mode = "console chat" if force_console or not config.telegram.token else "Telegram"
    if mode == "console chat":  # routine poll lines would drown the chat; problems still show
        for chatty in ("bot.poller", "bot.events"):
            logging.getLogger(chatty).setLevel(logging.WARNING)
    log.info(  # before the database is opened: an upgrade's lines follow it
        "jobbot starting (%s, config %s, database %s)", mode, config.source, config.storage.path
    )
    app = App(config, transport=ConsoleTransport() if force_console else None)
    await app.run(stop)
    if app.supervisor.error:  # the bot stopped itself: its exit status says whether to restart
        raise app.supervisor.error


def cmd_run(args: argparse.Namespace) -> int:
    config = _load(args.config, args.log_format, args.log_level)
    if not config.telegram.token and not args.console:
        if not sys.stdin.isatty():  # a service with its token missing: never a silent console
            from bot.checkup import token_advice

            raise ConfigError(
                [f"no bot token: {token_advice(config)}; stdin is not a terminal, so the "
                 "console chat does not start (pass --console to run it anyway)"]
            )  # fmt: skip
        log.info("no bot token: starting the console chat instead of Telegram")
    asyncio.run(_run_until_signal(config, force_console=args.console))
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

    config = _load(args.config, args.log_format, args.log_level)
    if args.board and not any(b.name.lower() == args.board.lower() for b in config.boards):
        print(f"jobbot: no board named {args.board!r} in {config.source}", file=sys.stderr)
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
            counts = f"{o.new} new, {o.changed} changed, {o.closed} closed"
            queued = f"{plural(o.enqueued, 'alert')} queued"
            print(f"{o.board}: {o.status}, {plural(o.seen, 'posting')}, {counts}, {queued}")
    return 1 if failed else 0


def cmd_probe(args: argparse.Namespace) -> int:
    process.setup(logging.WARNING)
    if bool(args.url) == bool(args.board) or (args.board and args.kind):
        print("jobbot: probe takes a board URL (and --kind) or --board NAME", file=sys.stderr)
        return 2
    if not args.board:
        return print_postings(*asyncio.run(probe(args.url, args.kind)), as_json=args.json)
    config = cfg.load(args.config)
    board = next((b for b in config.boards if b.name.lower() == args.board.lower()), None)
    if board is None:
        print(f"jobbot: no board named {args.board!r} in {config.source}", file=sys.stderr)
        return 2
    return print_postings(*asyncio.run(probe_board(config, board)), as_json=args.json)


def cmd_detect(args: argparse.Namespace) -> int:
    process.setup(logging.WARNING)
    return print_found(asyncio.run(detect(args.url)))


def cmd_check_config(args: argparse.Namespace) -> int:
    from bot.checkup import place_warnings, summary, token_warnings

    config = cfg.load(args.config)
    print(f"{config.source}: OK — {summary(config)}")
    for w in (*config.warnings, *token_warnings(config), *place_warnings(config.storage.path)):
        print(f"warning: {w}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from bot.store.backup import backup_database, destination

    config = _load(args.config)
    target = destination(args.path, Path(config.storage.path))  # as typed: "dir/" is a folder
    if target.exists() and not args.force:
        print(f"jobbot: {target} exists; pass --force to overwrite it", file=sys.stderr)
        return 2
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
    log_level: dict[str, Any] = {
        "choices": ("debug", "info", "warning", "error"), "default": "info",
        "help": "the least a log line must be to be written (debug: every poll and failed "
        "send too; libraries stay at warning, so the token's URLs never show)",
    }  # fmt: skip
    s = sub.add_parser("run", help="run the bot until Ctrl-C / SIGTERM / SIGHUP")
    s.add_argument("--config", **conf)
    s.add_argument("--log-format", **log_format)
    s.add_argument("--log-level", **log_level)
    s.add_argument(
        "--console", action="store_true",
        help="chat in the terminal (stdin and stdout) instead of Telegram, even with a token",
    )  # fmt: skip
    s.set_defaults(func=cmd_run)
    s = sub.add_parser("demo", help="run offline: a simulated board and the console chat")
    s.add_argument("--every", type=float, default=8.0, help="seconds between new demo postings")
    s.set_defaults(func=cmd_demo)
    s = sub.add_parser("poll", help="poll, match and deliver once, then exit")
    s.add_argument("--config", **conf)
    s.add_argument("--board", help="only this board")
    s.add_argument("--log-format", **log_format)
    s.add_argument("--log-level", **log_level)
    s.set_defaults(func=cmd_poll)
    s = sub.add_parser("probe", help="fetch one board URL and print its postings")
    s.add_argument("url", nargs="?")
    s.add_argument(
        "--kind", help=f"the board kind, to skip URL recognition ({', '.join(sources.kinds())})"
    )
    s.add_argument("--board", help="a board of the config instead, read as the poller reads it")
    s.add_argument("--config", **conf)
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
        status: int = args.func(args)
        sys.stdout.flush()  # a reader gone shows here, not in the interpreter's exit
        return status
    except BrokenPipeError:
        return reader_gone()
    except (JobbotError, KeyboardInterrupt) as exc:
        return exit_status(exc, getattr(args, "log_format", "text"))


def reader_gone() -> int:
    """stdout's reader left (`jobbot probe URL | head`): stop quietly, with the status a
    program SIGPIPE ends has in the shell (141, as `cat` and git give), so that a pipeline
    under `set -o pipefail` still sees the output was cut short."""
    devnull = os.open(os.devnull, os.O_WRONLY)  # what is still buffered goes nowhere
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + signal.SIGPIPE


def exit_status(exc: JobbotError | KeyboardInterrupt, log_format: str = "text") -> int:
    """Say what stopped a command on stderr, in a line or a list (as one JSON log record with
    `--log-format json`, never with the token); return its exit status: 2 for a configuration
    fault (the config, a token Telegram refuses, a database file set up wrong: a restart
    cannot help), 1 for any other error (a restart may), 130 for Ctrl-C."""
    if isinstance(exc, KeyboardInterrupt):
        return 130
    if isinstance(exc, ConfigError):
        status, said = 2, "\n  ".join([f"config problems ({len(exc.problems)}):", *exc.problems])
    else:
        status, said = (2 if isinstance(exc, StorageSetupError) else 1), f"jobbot: {exc}"
    if log_format == "json":  # set up here too, for when the config could not be read
        logs.setup(fmt="json")
        log.critical(logs.redact(said))
    else:
        print(logs.redact(said), file=sys.stderr)
    return status
