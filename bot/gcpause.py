"""Run CPU-heavy work with the cyclic garbage collector paused.

Parsing a 90 MB board builds millions of objects; each time their count passes the collector's
thresholds it walks every tracked object in the process with the GIL held, up to ~150 ms
at a time, and the event loop (another thread) waits as long. What a parse builds is freed by
reference counting (decoded JSON holds no cycles), so the collector finds nothing there: it
is paused while such work runs and resumed after. Pauses may overlap (threads): the collector
resumes when the last one ends, and only if it was running before the first began.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
_lock = threading.Lock()
_pauses = 0
_resume = False


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block (explicit `gc.collect()` still works)."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


def call(func: Callable[..., T], *args: Any) -> T:
    """`func(*args)` with the collector paused."""
    with paused():
        return func(*args)
