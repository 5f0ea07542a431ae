"""All SQL lives here: one store per job, all over one shared database (`Db`).

`db` opens and migrates the database and holds the connection, transactions (which may span
stores) and backup; `stamps` the timestamp helpers (UTC ISO text that sorts); `boards` the boards and their poll state (chat- and
follow-added ones too); `postings` what each poll found (`record`, its pure `diff`, job
`identity`) and the reads of stored postings; `details` which recent postings' details a poll
reads again; `jobs` a posting and its copies on other boards
as one job (/why, the buttons, "also on"); `users` users and their settings; `alerts` their
alerts; `choices` the jobs they hid and companies they muted; `saved` the jobs they saved
for later; `outbox` the deliveries; `held` those held for a summary; `follows` the boards
users follow; `access` invites and bans; `roster` who uses the bot, for the admins' /users; `notices` the admins' broadcasts; `rates` the
exchange rates in use; `textindex` the postings' text index (`fulltext`, its schema);
`retention` what may be pruned (`Pruning`). `columns` maps a `Posting` to its columns and back. Rows are read by column name. Not stores but functions over
connections of their own: `stats` (the figures /healthz, /metrics and /stats read), `restore`
and `lock`.

`Stores` builds them all over one `Db`: the app (and a chat command's worker thread, over
its own connection) constructs it once, and hands each part only the stores it uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any, Self, TypeVar

from bot.models import AlertSpec
from bot.prefs import UserPrefs
from bot.store.access import Access
from bot.store.alerts import AlertRow, Alerts
from bot.store.boards import Boards, BoardState
from bot.store.choices import Choices
from bot.store.db import Db, connect
from bot.store.details import Details
from bot.store.follows import Followed, Follows
from bot.store.held import Held
from bot.store.jobs import JobRecord, Jobs
from bot.store.listings import Listings, TextPage
from bot.store.notices import Notices
from bot.store.outbox import Outbox
from bot.store.outbox_rows import OutboxItem, OutboxState, SentJob
from bot.store.postings import Postings, RecordResult
from bot.store.rates import ExchangeRates
from bot.store.retention import Pruning
from bot.store.roster import Roster
from bot.store.saved import Keep, Saved, SavedJob
from bot.store.stamps import from_iso, iso, utcnow
from bot.store.textindex import TextIndex
from bot.store.users import USER_STATES, User, Users

V = TypeVar("V")

__all__ = [
    "USER_STATES",
    "Access",
    "AlertRow",
    "Alerts",
    "BoardState",
    "Boards",
    "Choices",
    "Db",
    "Details",
    "ExchangeRates",
    "Followed",
    "Follows",
    "Held",
    "JobRecord",
    "Jobs",
    "Keep",
    "Listings",
    "Notices",
    "Outbox",
    "OutboxItem",
    "OutboxState",
    "Postings",
    "Pruning",
    "RecordResult",
    "Roster",
    "Saved",
    "SavedJob",
    "SentJob",
    "Stores",
    "TextIndex",
    "TextPage",
    "User",
    "Users",
    "connect",
    "from_iso",
    "iso",
    "utcnow",
]


@dataclass(frozen=True, slots=True)
class Stores:
    """Every store over one `Db`: for construction (`bot.app`) and for the chat commands,
    which reach users, alerts, choices, postings and the outbox alike."""

    db: Db
    boards: Boards
    postings: Postings
    listings: Listings
    details: Details
    jobs: Jobs
    users: Users
    alerts: Alerts
    choices: Choices
    saved: Saved
    outbox: Outbox
    held: Held
    follows: Follows
    access: Access
    notices: Notices
    text: TextIndex
    rates: ExchangeRates
    roster: Roster

    @classmethod
    def over(cls, db: Db) -> Self:
        return cls(
            db,
            Boards(db),
            Postings(db),
            Listings(db),
            Details(db),
            Jobs(db),
            Users(db),
            Alerts(db),
            Choices(db),
            Saved(db),
            Outbox(db),
            Held(db),
            Follows(db),
            Access(db),
            Notices(db),
            TextIndex(db),
            ExchangeRates(db),
            Roster(db),
        )

    @classmethod
    def open(cls, path: str | Path) -> Self:
        return cls.over(Db.open(path))

    def close(self) -> None:
        self.db.close()

    def view(self, part: type[V]) -> V:
        """The dataclass `part` (a part's own set of stores, such as `storing.PollStores`)
        filled with the stores its fields name: a part is handed only what it uses."""
        chosen: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(part)}  # type: ignore[arg-type]
        return part(**chosen)

    def import_user_data(
        self,
        chat_id: int,
        alerts: Sequence[AlertSpec],
        prefs: UserPrefs | None,
        muted: Sequence[str],
        now: datetime,
    ) -> int:
        """/import: add the alerts the user lacks, replace their preferences (None: keep
        them), add mutes, in one transaction. Returns how many alerts were added."""
        with self.db.transaction():
            added = self.alerts.import_alerts(chat_id, alerts, now)
            if prefs is not None:
                self.users.set_prefs(chat_id, prefs, now)
            for company in muted:
                self.choices.mute_company(chat_id, company, now)
            return added
