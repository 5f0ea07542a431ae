"""The collector is paused while a board is parsed on the poller's worker, and only then."""

from __future__ import annotations

import gc
import threading

import pytest

from bot import gcpause


def test_work_runs_with_the_collector_paused_and_it_resumes_after() -> None:
    assert gc.isenabled()
    assert gcpause.call(gc.isenabled) is False
    assert gc.isenabled()


def test_overlapping_pauses_resume_when_the_last_ends() -> None:
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        inside.set()
        release.wait()

    worker = threading.Thread(target=gcpause.call, args=(hold,))
    worker.start()
    inside.wait()
    assert gcpause.call(gc.isenabled) is False
    assert not gc.isenabled()  # the worker's pause still holds
    release.set()
    worker.join()
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        gcpause.call(len, ())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_inside_still_resumes_the_collector() -> None:
    with pytest.raises(ValueError):
        gcpause.call(int, "not a number")
    assert gc.isenabled()


def test_the_alert_index_is_built_without_collections_on_the_way() -> None:
    from bot.index import Matcher
    from bot.models import Alert

    alerts = [Alert(i, i, f"rust{i} OR go{i} -php") for i in range(2000)]
    collections: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.collect()  # counts start from nought: the collection due is not the build's
    gc.callbacks.append(note)
    try:
        matcher = Matcher(alerts)
    finally:
        gc.callbacks.remove(note)
    assert matcher.queries == 2000
    assert len(collections) <= 1, f"one collection after the build, not {len(collections)}"
    assert gc.isenabled()
