"""A trial poll (the first read of /follow and /addboard, whose caller drops the board when it
fails) leaves its failure to the caller whatever the failure is: a parser's bug and a board
that empties too start no failure streak and no backoff."""

from __future__ import annotations

import logging

from bot.config_boards import BoardConfig
from bot.sources import base
from bot.sources.contract import Context, Page, Response
from bot.sources.greenhouse import Greenhouse
from tests.test_poller import PATH, board, gh_job, poller  # noqa: F401 (a fixture)


class Brittle(Greenhouse):
    """Greenhouse with a bug in its parse."""

    kind = "test-brittle"

    def parse(self, response: Response, ctx: Context) -> Page:
        raise TypeError("a bug in the parser")


def streak(store, name: str) -> tuple[int, object]:
    state = store.boards.board(name)
    return state.consecutive_failures, state.next_due_at


async def test_a_trial_that_meets_a_parser_bug_starts_no_streak(
    poller,  # noqa: F811
    store,
    boards,
    now,
    monkeypatch,
    caplog,
) -> None:
    monkeypatch.setitem(base._REGISTRY, Brittle.kind, Brittle())
    url = boards.url(PATH)
    store.boards.sync_boards([BoardConfig("Acme", url, Brittle.kind, url, 60.0)], now)
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    caplog.set_level(logging.ERROR)
    trial = await poller.poll("Acme", force=True, trial=True)
    assert (trial.status, trial.retry_in) == ("failed", None)
    assert trial.error == "internal error: TypeError: a bug in the parser"
    assert streak(store, "Acme") == (0, None), "the caller's to report"
    [bug] = caplog.records  # a bug is still logged, with its traceback
    assert bug.exc_info is not None and bug.exc_info[0] is TypeError
    polled = await poller.poll("Acme")  # a board polled as usual: its streak starts
    assert polled.status == "failed" and polled.retry_in is not None
    assert streak(store, "Acme")[0] == 1


async def test_a_trial_of_a_board_that_empties_starts_no_streak(
    poller,  # noqa: F811
    store,
    boards,
    now,
) -> None:
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    boards.set_json(PATH, {"jobs": [gh_job(1), gh_job(2)]})
    assert (await poller.poll("Acme")).status == "baseline"
    boards.set_json(PATH, {"jobs": []})
    trial = await poller.poll("Acme", force=True, trial=True)
    assert (trial.status, trial.retry_in) == ("failed", None)
    assert trial.error is not None and trial.error.startswith("answered with no postings")
    assert streak(store, "Acme") == (0, None)
