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
