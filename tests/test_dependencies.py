"""pyproject.toml declares what bot/ imports, and imports what it declares.

A package that only arrives as another one's dependency (soupsieve via beautifulsoup4, httpcore
via httpx) can go away in that package's next release; an extra nobody uses is installed for
nothing. Both directions are checked here so the list stays true.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions, requires
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
# Declared but never imported by name, each with the reason it is needed.
USED_WITHOUT_IMPORT = {
    "lxml": "BeautifulSoup(markup, 'lxml') names its parser by string (bot/sources/html.py)",
    "sniffio": "httpcore (python-telegram-bot's requests) imports it for every request; without it "
    "each import searches sys.path",
    "tzdata": "zoneinfo reads its zones (/timezone) where the system has no zone database",
}


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = (Requirement(line) for line in project["dependencies"])
    return {_canonical(r.name): r for r in reqs}


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _imported_modules() -> set[str]:
    """Top-level names of every absolute import in bot/."""
    names: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def _third_party() -> dict[str, set[str]]:
    """Imported module -> the distributions that provide it (stdlib and bot itself left out)."""
    providers = packages_distributions()
    found = {}
    for module in _imported_modules() - set(sys.stdlib_module_names) - {"bot"}:
        assert module in providers, f"bot/ imports {module!r}, which no installed package has"
        found[module] = {_canonical(d) for d in providers[module]}
    return found


def test_every_third_party_import_is_declared() -> None:
    declared = _declared()
    missing = {m: d for m, d in _third_party().items() if not d & set(declared)}
    assert not missing, f"imported by bot/ but not in pyproject dependencies: {missing}"


def test_every_declared_dependency_is_imported() -> None:
    imported = set().union(*_third_party().values())
    unused = set(_declared()) - imported - set(USED_WITHOUT_IMPORT)
    assert not unused, f"declared in pyproject but never imported by bot/: {sorted(unused)}"


def test_every_declared_extra_is_used() -> None:
    """An extra's own packages (e.g. PTB's rate-limiter -> aiolimiter) must be imported too."""
    imported = set().union(*_third_party().values())
    for name, req in _declared().items():
        for extra in req.extras:
            extra_deps = {
                _canonical(Requirement(line).name)
                for line in requires(name) or []
                if Requirement(line).marker
                and Requirement(line).marker.evaluate({"extra": extra})
                and _canonical(Requirement(line).name) != name
            }
            assert extra_deps <= imported, (
                f"{name}[{extra}] installs {sorted(extra_deps - imported)}, which bot/ never uses"
            )
