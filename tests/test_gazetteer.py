"""The gazetteer is built once per process, however many threads ask for it at start."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bot import gazetteer


def test_threads_that_ask_at_once_share_one_build() -> None:
    """`placenames.warm` builds it on a worker thread at start; a chat command arriving meanwhile
    (its backtest reads city names) waits for that build instead of making a second one,
    which doubled the wait on two cores and timed out a test under coverage."""
    gazetteer.gazetteer.cache_clear()
    gazetteer._build.cache_clear()
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: gazetteer.gazetteer(), range(4)))
    assert all(g is got[0] for g in got)
    assert gazetteer._build.cache_info().misses == 1
    assert got[0].state_names["bavaria"] == "~DE-BY"
