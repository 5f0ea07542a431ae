"""Waiting in tests: on a condition, polled on the event loop, never a fixed sleep."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def until(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    """Return as soon as `predicate()` holds; fail after `timeout` seconds (an upper bound
    for a loaded machine, not a speed claim)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)
