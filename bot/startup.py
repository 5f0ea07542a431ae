"""The store made ready for a run (`jobbot run` and `poll` alike): the config's warnings said,
its boards synced (a board whose URL or kind changed starts from a fresh baseline, said once),
its default time zone set (what users who never chose one hold goes at its times), boards
still failing since the last run named, and deliveries in flight at the last stop queued
again."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.config import Config
from bot.holding import DeliveryStores, retime
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
    _default_zone(config, store, now)
    for board in store.boards.all(enabled_only=True):
        if board.consecutive_failures:
            log.warning(
                "board %s: still failing (%s in a row): %s",
                board.name, plural(board.consecutive_failures, "poll"), board.last_error,
            )  # fmt: skip
    if in_doubt := store.outbox.recover_in_doubt():
        log.info("%d deliveries were in flight at the last stop; sending them again", in_doubt)


def _default_zone(config: Config, store: Stores, now: datetime) -> None:
    """[users] timezone: the zone of every user who never chose one; when it changed, what
    they hold for a digest or quiet hours goes at the times of the new one."""
    with store.db.transaction():
        was = store.users.set_default_timezone(config.users.timezone)
        if was is None:
            return
        for chat_id in store.users.holding_on_default():
            retime(store.view(DeliveryStores), chat_id, now)
    log.info(
        "users.timezone is now %s (was %s): users who never sent /timezone follow it",
        config.users.timezone, was,
    )  # fmt: skip
