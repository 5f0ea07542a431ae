"""The docs stay true: every source kind and every command is documented where users look.

README.md is the short front page (quick start, one line per command, the board table); the
detail lives in docs/: using.md (job seekers), alerts.md (the alert language), operating.md (the
person who runs the bot) and development.md (a newcomer developer)."""

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
from bot.telegram.access import ACCESS_COMMANDS
from bot.telegram.admin import ADMIN_COMMANDS
from bot.telegram.handlers import COMMANDS, Handlers
from bot.transport import Incoming

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
DOCS = ROOT / "docs"
USING = (DOCS / "using.md").read_text()
OPERATING = (DOCS / "operating.md").read_text()
DEVELOPMENT = (DOCS / "development.md").read_text()


def section(text: str, heading: str) -> str:
    """The part of `text` from `heading` (a whole line) to the next heading of its level."""
    level = heading.split(" ", 1)[0]
    start = text.index(f"\n{heading}\n")
    end = re.search(rf"^{level} ", text[start + len(heading) + 2 :], re.M)
    return text[start : start + len(heading) + 2 + end.start()] if end else text[start:]


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


def mentions(line: str, name: str) -> bool:
    """`line` names the command `/name` (not `/name` as the start of a longer one)."""
    return re.search(rf"(?<![\w/])/{re.escape(name)}(?![\w-])", line) is not None


@pytest.mark.parametrize(
    "name", [c.name for c in COMMANDS] + list(ADMIN_COMMANDS + ACCESS_COMMANDS)
)
def test_every_telegram_command_is_in_the_readmes_command_table(name: str) -> None:
    """The README's tables give every command, a user's or an admin's, a line of its own."""
    rows = [line for line in section(README, "## Commands").splitlines() if line.startswith("|")]
    assert [row for row in rows if f"`/{name}" in row and mentions(row, name)], (
        f"/{name}: give it a line in README.md's command table"
    )


@pytest.mark.parametrize("name", [c.name for c in COMMANDS])
def test_every_command_is_documented_in_the_users_guide(name: str) -> None:
    """docs/using.md has a section on every command a user has, under its name."""
    headings = [line for line in USING.splitlines() if line.startswith("### /")]
    assert [h for h in headings if mentions(h, name)], f"docs/using.md has no ### /{name}"


@pytest.mark.parametrize("name", list(ADMIN_COMMANDS + ACCESS_COMMANDS))
def test_every_admin_command_is_documented_for_the_operator(name: str) -> None:
    """An admin's command is the operator's business: docs/operating.md's table details it."""
    table = section(OPERATING, "## Admins and their commands")
    rows = [line for line in table.splitlines() if line.startswith("| `/")]
    assert [row for row in rows if mentions(row.split(" | ")[0], name)], (
        f"/{name}: give it a row in docs/operating.md's table of admin commands"
    )


def test_every_cli_command_is_in_the_readme_and_the_operators_guide() -> None:
    sub = next(a for a in parser()._actions if a.dest == "command")
    reference = section(OPERATING, "## Command line")
    for name in sub.choices:
        assert f"`jobbot {name}" in README, name
        assert f"| `jobbot {name}" in reference, name


BOT = Path(__file__).resolve().parents[1] / "bot"
# Packages whose every module the map of `bot/` in docs/development.md names (`sources/` is one
# module per kind, in the README's board table).
MAPPED = ("", "store", "telegram", "telegram/tips", "normalize")
# The packages with a table of their own in the map; the others are told in a row of the top
# table whose first column names the package (`store/`), or beside a module: "(in `normalize/`)".
TABLES = {"telegram": "### The `telegram/` package", "telegram/tips": "### The `tips/` package"}
_ROW = re.compile(r"^\| (.+?) \| (.+) \|$", re.M)
_NAMED = re.compile(r"`([^`]+)`(?: \(in `([^`]+)/`\))?")  # a module, and its package


def on_the_map() -> set[str]:
    """The modules the map of `bot/` names, each by its path in `bot/`: one in a first column
    of the top table (`rates.py`: bot/rates.py) or of its package's own table; one a row of a
    package in the top table names anywhere, by file or by name (`rates.py`, `tree`,
    `Follows`: store/follows.py); and any written with its package (`store/roster.py`)."""
    table = section(DEVELOPMENT, "## Map of `bot/`")
    named = {m.removeprefix("bot/") for m in re.findall(r"`((?:\w+/)+\w+\.py)`", table)}
    for package, heading in TABLES.items():
        for first, _ in _ROW.findall(section(table, heading)):
            named |= {f"{package}/{name}" for name, _ in _NAMED.findall(first)}
    for first, job in _ROW.findall(table[: table.index("\n### ")]):
        modules = _NAMED.findall(first)
        named |= {f"{inside}/{name}".lstrip("/") for name, inside in modules}
        for package in {name[:-1] for name, _ in modules if name.endswith("/")} - set(TABLES):
            words = re.findall(r"`([^`]+)`", f"{first} {job}")
            named |= {f"{package}/{w.lower().removesuffix('.py')}.py" for w in words}
    return named


ON_THE_MAP = on_the_map()


@pytest.mark.parametrize(
    "module",
    [
        f"{package}/{path.name}".lstrip("/")
        for package in MAPPED
        for path in sorted((BOT / package).glob("*.py"))
        if path.name != "__init__.py"
    ],
)
def test_every_module_is_on_the_map_of_bot(module: str) -> None:
    """A newcomer finds every module's job in docs/development.md's map of `bot/`, where its
    package's modules are: `store/retention.py` is not on `retention.py`'s row."""
    package = module.rpartition("/")[0]
    where = f"the row of `{package}/`" if package else "a row's first column"
    where = f"its own table ({TABLES[package]})" if package in TABLES else where
    assert module in ON_THE_MAP, (
        f"{module}: name it in docs/development.md's map of `bot/`, in {where}"
    )


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:800]
    assert "make run" in head and "make test" in head


def test_the_readme_stays_short() -> None:
    """The README is a front page a newcomer reads whole; the detail goes in docs/."""
    assert len(README.encode()) < 16_000, "move the detail into docs/ (see README's Documentation)"


MARKDOWN = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: its text lower-cased, punctuation but - and _
    dropped, each space a -."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading anchor of a Markdown file, a repeated one numbered as GitHub numbers it."""
    seen: dict[str, int] = {}
    found = set()
    text = re.sub(r"^```.*?^```", "", path.read_text(), flags=re.M | re.S)
    for heading in re.findall(r"^#{1,6} (.+?)#*$", text, re.M):
        base = slug(heading)
        found.add(f"{base}-{seen[base]}" if base in seen else base)
        seen[base] = seen.get(base, 0) + 1
    return found


def relative_links(path: Path) -> list[str]:
    """The targets of a Markdown file's links that point into this repository."""
    text = re.sub(r"^```.*?^```", "", path.read_text(), flags=re.M | re.S)
    text = re.sub(r"(`+).+?\1", "code", text, flags=re.S)  # code spans are not links
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:", t)]


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_in_the_docs_leads_somewhere(path: Path) -> None:
    """A link to a file names one that exists, and a #fragment a heading of it."""
    links = relative_links(path)
    broken = []
    for link in links:
        target, _, fragment = link.partition("#")
        file = (path.parent / target).resolve() if target else path
        if not file.exists():
            broken.append(f"{link}: no such file")
        elif fragment and (file.suffix != ".md" or fragment not in anchors(file)):
            broken.append(f"{link}: no such heading")
    assert not broken, broken


def test_the_link_check_reads_links_and_anchors_as_github_does() -> None:
    assert slug("Map of `bot/`") == "map-of-bot"
    assert slug("/pause, /resume") == "pause-resume"
    assert slug("Tests, lint and the house's shape") == "tests-lint-and-the-houses-shape"
    assert slug("Observe_this -- now") == "observe_this----now"
    assert "usingmd" not in anchors(DOCS / "using.md")
    assert "digests-quiet-hours-and-pauses" in anchors(DOCS / "using.md")
    assert relative_links(ROOT / "README.md")
    assert "docs/using.md#alert" in relative_links(ROOT / "README.md")


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
    ], "a command added or moved: put its name in this list where it stands in COMMANDS"
    assert all(c.summary and c.help and c.group for c in COMMANDS)
    assert all(len(c.summary) <= 256 and len(c.name) <= 32 for c in COMMANDS)  # setMyCommands
