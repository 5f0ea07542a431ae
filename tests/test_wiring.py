"""Wiring happens in one place: importing jobbot changes nothing in the process, and the engine
does not reach into the Telegram side (docs/development.md: the engine owns the small Transport protocol).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"
ENGINE = (
    "sender", "poller", "routing", "streaks", "holding", "link", "pacing", "backoff", "scheduler",
    "transport",
)  # fmt: skip

SNAPSHOT = """
import json, logging, os
def snap():
    loggers = logging.Logger.manager.loggerDict.items()
    return {
        "env": dict(os.environ),
        "levels": {n: l.level for n, l in loggers if isinstance(l, logging.Logger) and l.level},
        "root": [logging.getLogger().level, len(logging.getLogger().handlers)],
        "factory": repr(logging.getLogRecordFactory()),
    }
"""


def test_importing_every_module_changes_no_logging_and_no_environment() -> None:
    names = sorted(
        ".".join(p.relative_to(BOT.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in BOT.rglob("*.py")
        if p.name != "__main__.py"  # runs the command line
    )
    script = SNAPSHOT + (
        "before = snap()\nimport importlib\n"
        f"for name in {names!r}:\n    importlib.import_module(name)\n"
        "after = snap()\n"
        "def diff(a, b):\n"
        "    if isinstance(a, dict):\n"
        "        return {k: [a.get(k), b.get(k)] for k in {*a, *b} if a.get(k) != b.get(k)}\n"
        "    return [a, b] if a != b else {}\n"
        "print(json.dumps({k: d for k in before if (d := diff(before[k], after[k]))}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    changed = json.loads(out.stdout)
    assert changed == {}, f"changed at import time: {changed}"


def test_the_engine_imports_nothing_from_the_telegram_side() -> None:
    found = []
    for name in ENGINE:
        for node in ast.walk(ast.parse((BOT / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot.telegram"):
                found.append(f"bot.{name} imports {node.module}")
    assert found == []


async def test_a_crashing_board_job_logs_its_traceback_once_not_at_every_interval(caplog) -> None:
    """The poller turns board faults into outcomes; what escapes is a bug: said once, loudly,
    and said again only after the board polled cleanly in between."""
    from bot.scheduler import BoardScheduler
    from bot.storing import PollOutcome

    class Crashing:  # stands in for a poller with a bug: the scheduler only calls `poll`
        broken = True

        async def poll(self, name: str) -> PollOutcome:
            if self.broken:
                raise KeyError("a bug")
            return PollOutcome(name, "ok")

    poller = Crashing()
    scheduler = BoardScheduler(poller)  # type: ignore[arg-type]
    for _ in range(3):
        await scheduler.poll("Acme")
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and errors[0].exc_info and "Acme" in errors[0].getMessage()
    poller.broken = False
    await scheduler.poll("Acme")
    poller.broken = True
    await scheduler.poll("Acme")
    assert len([r for r in caplog.records if r.levelname == "ERROR"]) == 2
