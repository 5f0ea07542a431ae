"""What docs/development.md asks of `bot/`'s shape: modules of at most 300 lines, functions that fit on
a screen (ruff's complexity bound, `make lint`, keeps their branches few), no import cycles,
no private name imported from another module and no module `__getattr__`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
MODULES = sorted(BOT.rglob("*.py"))
MAX_MODULE = 300
MAX_FUNCTION = 40  # lines of body, its docstring not counted (issue 13: ~40)
# Functions that only declare, with no logic to cut into steps: the first schema's tables, the
# Prometheus metrics, the command line's arguments.
DECLARATIONS = {"store/schema_tables.py:initial", "metrics.py:__init__", "cli.py:parser"}


def _functions(path: Path) -> list[tuple[str, int]]:
    """Each function of a module, with the lines of its body after the docstring."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if len(body) > 1 and isinstance(body[0], ast.Expr):
                body = body[1:]  # the docstring
            found.append((node.name, (node.end_lineno or 0) - body[0].lineno + 1))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(BOT)))
def test_every_module_fits_its_size(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE, f"{lines} lines: split it along its seams"


def test_every_function_fits_on_a_screen() -> None:
    long = [
        f"{where}: {lines} lines"
        for path in MODULES
        for name, lines in _functions(path)
        if lines > MAX_FUNCTION
        and (where := f"{path.relative_to(BOT).as_posix()}:{name}") not in DECLARATIONS
    ]
    assert long == [], "cut these into named steps"


def test_the_declarations_let_through_are_still_there() -> None:
    names = {f"{p.relative_to(BOT).as_posix()}:{n}" for p in MODULES for n, _ in _functions(p)}
    assert names >= DECLARATIONS


def _module(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


NAMES = {_module(p): p for p in MODULES}


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for each `from bot... import name` of a module, in functions too;
    (module, "") for each `import bot...`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in NAMES:
            found += [(node.module, a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(a.name, "") for a in node.names if a.name in NAMES]
    return found


def test_no_private_name_is_imported_from_another_module() -> None:
    private = [
        f"{_module(p)} imports {name} from {module}"
        for p in MODULES
        for module, name in _imports(p)
        if name.startswith("_") and not name.endswith("__")  # (not __version__)
    ]
    assert private == [], "make it public where it is shared, or keep it where it is used"


def test_no_modules_import_each_other() -> None:
    """Imports inside functions count: one that dodges a cycle is the cycle still there."""
    graph = {
        name: {f"{m}.{n}" if f"{m}.{n}" in NAMES else m for m, n in _imports(path)} - {name}
        for name, path in NAMES.items()
    }
    done: set[str] = set()

    def cycle(name: str, trail: list[str]) -> list[str]:
        if name in trail:
            return [*trail[trail.index(name) :], name]
        if name in done:
            return []
        for other in sorted(graph[name]):
            if found := cycle(other, [*trail, name]):
                return found
        done.add(name)
        return []

    cycles = [c for name in sorted(graph) if (c := cycle(name, []))]
    assert not cycles, " -> ".join(cycles[0])


def test_no_module_answers_for_names_it_does_not_have() -> None:
    """A module `__getattr__` re-exports what another module holds, out of sight of readers
    and tools."""
    tricks = [
        _module(p)
        for p in MODULES
        for node in ast.parse(p.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef) and node.name in ("__getattr__", "__dir__")
    ]
    assert tricks == []
