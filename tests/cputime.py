"""How much longer one call takes than another, for tests that bound a cost by a ratio.

CPU time of this thread (what other programs on a loaded machine do not add to), best of
several runs taken in turn (so a busy spell weighs on both sides), with the cyclic collector
paused: a full suite's heap of millions of objects made a collection set off by the slow side
cost more than the work measured."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def _cpu(call: Callable[[], object]) -> float:
    start = time.thread_time()
    call()
    return time.thread_time() - start


def ratio(slow: Callable[[], object], fast: Callable[[], object], runs: int = 5) -> float:
    """Best CPU time of `slow` over best CPU time of `fast`, each run `runs` times in turn."""
    fast()  # warm up (imports, caches)
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        slow_best = fast_best = float("inf")
        for _ in range(runs):
            slow_best = min(slow_best, _cpu(slow))
            fast_best = min(fast_best, _cpu(fast))
    finally:
        if was_enabled:
            gc.enable()
    return slow_best / max(fast_best, 1e-6)
