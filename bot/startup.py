"""The store made ready for a run (`jobbot run` and `poll` alike): the config's warnings said,
its boards synced (a board whose URL or kind changed starts from a fresh baseline, said once),
boards still failing since the last run named, and deliveries in flight at the last stop
queued again."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.config import Config
from bot.store import Stores
from bot.wording import plural

log = logging.getLogger(__name__)


def prepare(config: Config, store: Stores, now: datetime) -> None:
    """Make `store` ready for polling and sending, saying what an operator should know."""
    for warning in config.warnings:
        log.warning("config: %s", warning)
    for name in store.boards.sync_boards(config.boards, now):
        log.warning(
            "board %s: its url or kind changed in the config, so it is another board now: its "
            "next poll is a fresh baseline (the jobs it lists then are stored, not sent as new); "
            "its failure streak is cleared",
            name,
        )
    for board in store.boards.all(enabled_only=True):
        if board.consecutive_failures:
            log.warning(
                "board %s: still failing (%s in a row): %s",
                board.name, plural(board.consecutive_failures, "poll"), board.last_error,
            )  # fmt: skip
    if in_doubt := store.outbox.recover_in_doubt():
        log.info("%d deliveries were in flight at the last stop; sending them again", in_doubt)
