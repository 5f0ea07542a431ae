"""The docs stay true: every source kind and every command is documented where users look."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from bot import config as cfg
from bot import sources
from bot.cli import parser
from bot.config import EXAMPLE_CONFIG
from bot.sources import catalog
from bot.telegram.admin import ADMIN_COMMANDS
from bot.telegram.handlers import COMMANDS, Handlers
from bot.transport import Incoming

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize("kind", sources.kinds())
def test_every_kind_is_in_the_readme_table_and_the_example_config(kind: str) -> None:
    assert re.search(rf"^\| `{kind}` \|", README, re.M), f"README has no row for {kind}"
    boards = tomllib.loads(EXAMPLE_CONFIG.read_text())["boards"]
    names = {sources.detect(b["url"])[0] if "kind" not in b else b["kind"] for b in boards}
    assert kind in names, f"config.example.toml has no {kind} board"
    listed = re.search(r"^# Kinds: (.*?)(?: \(|\.)", EXAMPLE_CONFIG.read_text(), re.M | re.S)
    assert listed and kind in re.split(r"[,\s#]+", listed[1]), "config.example.toml's Kinds:"


def test_the_readme_board_table_is_generated_from_the_registry() -> None:
    assert catalog.refresh(README) == README, (
        f"README.md's board table is out of date: run `.venv/bin/{catalog.COMMAND}`"
    )


def test_the_catalog_command_rewrites_a_stale_table_and_leaves_a_fresh_one(
    tmp_path, capsys
) -> None:
    readme = tmp_path / "README.md"
    head, rest = README.split(catalog.START, 1)
    _, tail = rest.split(catalog.END, 1)
    readme.write_text(f"{head}{catalog.START}\n| `gone` | a kind no more |\n{catalog.END}{tail}")
    assert catalog.main([str(readme)]) == 0
    assert readme.read_text() == README
    assert "board table regenerated" in capsys.readouterr().out
    assert catalog.main([str(readme)]) == 0
    assert "up to date" in capsys.readouterr().out
    readme.write_text("# a README without the markers\n")
    with pytest.raises(ValueError, match="markers"):
        catalog.main([str(readme)])


@pytest.mark.parametrize("name", [c.name for c in COMMANDS] + list(ADMIN_COMMANDS))
def test_every_telegram_command_is_in_the_readme(name: str) -> None:
    assert f"`/{name}" in README


def test_every_cli_command_is_in_the_readme() -> None:
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"`jobbot {name}" in README, name


BOT = Path(__file__).resolve().parents[1] / "bot"
# Packages whose every module the README's map of `bot/` names (`sources/` is one module per
# kind, in the board table).
MAPPED = ("", "store", "telegram", "telegram/tips", "normalize")


@pytest.mark.parametrize(
    "module",
    [
        f"{package}/{path.name}".lstrip("/")
        for package in MAPPED
        for path in sorted((BOT / package).glob("*.py"))
        if path.name != "__init__.py"
    ],
)
def test_every_module_is_on_the_readmes_map_of_bot(module: str) -> None:
    """A newcomer finds every module's job in the Development section's table."""
    table = README[README.index("## Development") : README.index("### Adding a board kind")]
    name = module.rsplit("/", 1)[-1]
    stem = name.removesuffix(".py")
    assert f"`{name}`" in table or f"`{stem}`".lower() in table.lower(), module


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:800]
    assert "make run" in head and "make test" in head


async def test_help_kinds_lists_every_kind_from_the_registry(store) -> None:
    reply = await Handlers(store.db)(Incoming(42, "/help kinds"))
    assert isinstance(reply, str)
    for s in sources.all_sources():
        assert f"<code>{s.kind}</code> — {html.escape(s.title)}" in reply, s.kind
        assert html.escape(s.example_url) in reply, s.kind
    index = await Handlers(store.db)(Incoming(42, "/help"))
    assert "/help kinds" in str(index)


@pytest.mark.parametrize(
    ("file", "database"),
    [("deploy/jobbot.service", "/var/lib/jobbot/jobbot.db"), ("compose.yaml", "/data/jobbot.db")],
)
def test_the_install_steps_make_a_config_for_the_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str, database: str
) -> None:
    """The example copied as it is put its database beside the config (read-only under the
    unit, not the container user's) and kept the Demo board: the steps' `sed` mends both."""
    [step] = [line for line in (ROOT / file).read_text().splitlines() if " sed -i " in line]
    command = step.lstrip("# ").removeprefix("sudo ")
    target = command.rsplit(" ", 1)[1]
    copy = tmp_path / "config.toml"
    shutil.copyfile(EXAMPLE_CONFIG, copy)
    subprocess.run(
        ["sh", "-c", command.replace(target, str(copy))], check=True, capture_output=True
    )
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:install-steps-secret")
    config = cfg.load(copy)
    assert config.storage.path == database
    assert not [b for b in config.boards if b.kind == "demo" and b.enabled]
    assert not [w for w in config.warnings if "demo" in w]


def test_every_command_has_help_and_help_lists_them_in_this_order() -> None:
    """/help and Telegram's menu list the commands in `handlers.COMMANDS`'s order."""
    names = [c.name for c in COMMANDS]
    assert names == [
        "start",
        "help",
        "alert",
        "alerts",
        "edit",
        "delete",
        "settings",
        "digest",
        "quiet",
        "timezone",
        "pause",
        "resume",
        "search",
        "follow",
        "following",
        "unfollow",
        "mute",
        "muted",
        "unmute",
        "saved",
        "applied",
        "unsave",
        "why",
        "export",
        "import",
        "stop",
    ]
    assert all(c.summary and c.help and c.group for c in COMMANDS)
    assert all(len(c.summary) <= 256 and len(c.name) <= 32 for c in COMMANDS)  # setMyCommands
