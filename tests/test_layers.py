"""The matcher's modules form a line: each imports only the ones before it, never a private name.

query -> attributes -> view/plan -> trie -> index -> match (docs/development.md): read from the
source with `ast`, so a cycle hidden in a function body or behind TYPE_CHECKING counts too. And
every module of bot/ is imported first in a fresh interpreter, so none works only when another
was imported first.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"

# In the order they may import each other: a module imports only modules to its left.
LINE = (
    "words",
    "salary",
    "syntax",
    "salaryterm",
    "lexer",
    "gazetteer",
    "places",
    "synonyms",
    "query",
    "attributes",
    "view",
    "plan",
    "trie",
    "index",
    "match",
    "why",
)
LONGEST = 40  # lines in one function of these modules


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def _module(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.Module) -> list[tuple[str, list[str]]]:
    """(module, names imported from it) for every import, top-level or not."""
    out: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [alias.name for alias in node.names]
            out.append((node.module, names))
            # `from bot import match` imports the module bot.match
            out.extend((f"{node.module}.{n}", []) for n in names)
    return out


def _graph() -> dict[str, set[str]]:
    """Which modules of bot/ each module of bot/ imports."""
    paths = {_module(p): p for p in BOT.rglob("*.py")}
    return {
        name: {m for m, _ in _imports(_tree(path)) if m in paths and m != name}
        for name, path in paths.items()
    }


def _cycle(graph: dict[str, set[str]], among: set[str]) -> list[str] | None:
    """One import cycle among `among`, as a path that ends where it starts; None if none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node] & among):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return None

    for start in sorted(among):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_the_matcher_modules_import_each_other_in_one_direction() -> None:
    graph = _graph()
    line = [f"bot.{m}" for m in LINE]
    backwards = [
        f"{a} imports {b}"
        for i, a in enumerate(line)
        for b in sorted(graph[a])
        if b in line and line.index(b) > i
    ]
    assert backwards == []
    assert _cycle(graph, set(line)) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycle(graph, set(graph)) == ["a", "b", "c", "a"]
    assert _cycle(graph, {"a", "b", "d"}) is None


def test_no_module_in_bot_has_a_module_getattr() -> None:
    found = [
        _module(path)
        for path in sorted(BOT.rglob("*.py"))
        for node in _tree(path).body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "__getattr__"
    ]
    assert found == []


def test_the_matcher_modules_import_no_private_name() -> None:
    private = [
        f"bot.{m} imports {name} from {source}"
        for m in LINE
        for source, names in _imports(_tree(BOT / f"{m}.py"))
        for name in names
        if source.startswith("bot") and name.startswith("_") and not name.startswith("__")
    ]
    assert private == []


def test_no_function_of_the_matcher_modules_is_longer_than_a_screen() -> None:
    long = [
        f"bot.{m}.{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for m in LINE
        for node in ast.walk(_tree(BOT / f"{m}.py"))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > LONGEST
    ]
    assert long == []


@pytest.mark.timeout(300)
def test_each_module_of_bot_imports_first_in_a_fresh_interpreter() -> None:
    """No module works only when another was imported first (`import bot.migrations` alone
    once met bot.store importing it back half-made). ~16 s of CPU (each module's import
    compiles its regexes again): the suite's 60 s timeout was too short on a loaded machine."""
    # One interpreter, with bot's modules forgotten before each: as fresh as it matters here
    # (libraries stay loaded, which keeps the test quick).
    names = sorted(_module(p) for p in BOT.rglob("*.py"))
    assert {f"bot.{name}" for name in LINE} <= set(names)
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'bot' or m.startswith('bot.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        print(name, repr(exc))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=280, check=False
    )
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr
