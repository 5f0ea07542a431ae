"""The sizes DESIGN.md asks of `bot/`: modules of at most 300 lines, functions that fit on a
screen. (ruff's complexity bound, `make lint`, keeps their branches few.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
MODULES = sorted(BOT.rglob("*.py"))
MAX_MODULE = 300
MAX_FUNCTION = 50  # lines of body, its docstring not counted
# Functions that only declare, with no logic to cut into steps: the first schema's tables and
# the Prometheus metrics.
DECLARATIONS = {"store/schema_tables.py:initial", "metrics.py:__init__"}


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
