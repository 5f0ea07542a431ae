"""All SQL lives here: boards and their poll state, postings and their diff, users, alerts, outbox.

`Store` is one class composed of a mixin per table group, all on one connection: `db` opens and
migrates the database and holds transactions, backup and the timestamp helpers; `boards` the
boards and their poll state; `postings` the diff of a poll (`record`), job identity and the
reads; `users` users and their alerts; `outbox` the deliveries; `held` those held for a
summary. `columns` maps a `Posting` to
its columns and back.
"""

from __future__ import annotations

from bot.store.access import AccessMixin
from bot.store.boards import BoardsMixin, BoardState
from bot.store.choices import ChoicesMixin, SentJob
from bot.store.control import AlertRow, ControlMixin, JobRecord
from bot.store.db import StoreBase, connect, from_iso, iso, utcnow
from bot.store.follows import Followed, FollowsMixin
from bot.store.held import HeldMixin
from bot.store.notices import NoticesMixin
from bot.store.outbox import OutboxItem
from bot.store.postings import PostingsMixin, RecordResult
from bot.store.prefs import PrefsMixin
from bot.store.retention import RetentionMixin
from bot.store.users import USER_STATES, User, UsersMixin

__all__ = [
    "USER_STATES",
    "AlertRow",
    "BoardState",
    "Followed",
    "JobRecord",
    "OutboxItem",
    "RecordResult",
    "SentJob",
    "Store",
    "StoreBase",
    "User",
    "connect",
    "from_iso",
    "iso",
    "utcnow",
]


class Store(
    FollowsMixin,
    BoardsMixin,
    PostingsMixin,
    AccessMixin,
    UsersMixin,
    ControlMixin,
    PrefsMixin,
    ChoicesMixin,
    HeldMixin,
    RetentionMixin,
    NoticesMixin,
):
    """The jobbot database. Methods are short transactions unless wrapped in `transaction()`."""
