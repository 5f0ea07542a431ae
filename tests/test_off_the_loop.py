"""Work the app starts off the event loop and never awaits (building the place names) is not
lost when it fails: its exception is logged once, with its traceback."""

from __future__ import annotations

import asyncio
import logging

from bot.app import off_the_loop


def broken() -> None:
    raise OSError("no space left on device")


async def test_a_failure_off_the_loop_is_logged_with_its_traceback(caplog) -> None:
    caplog.set_level(logging.ERROR)
    assert await off_the_loop(lambda: 42, "counting") == 42
    failing = off_the_loop(broken, "building the place names")
    await asyncio.wait([failing])  # it is never awaited for its result: the log tells
    [logged] = caplog.records
    assert logged.getMessage() == "building the place names failed: no space left on device"
    assert logged.exc_info is not None and logged.exc_info[0] is OSError
