"""A poll's new postings into the outbox: for each, the users whose alerts matched it
(`Routed`) and the users who follow its board for every new job, less those who hid the job
or muted its company. A copy of a job known from another posting (another board's, another
city's) reaches only those the job has not reached yet: an alert that matches what the copy
says (its pay, its city) but not what the first said gets the job once. So does an edit of a
recent posting (`enqueue_edited`): the alerts it makes match get the job, once.

Per posting, in arrays and in SQL: a posting of a burst reaches about 900 users at 100k
alerts, and one Python object per user was most of what routing cost.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

import numpy as np
import numpy.typing as npt

from bot import history
from bot.models import Posting, Routed
from bot.store import Choices, Follows, Outbox

_NOBODY: npt.NDArray[np.int64] = np.empty(0, np.int64)


def enqueue(
    new: list[Posting],
    routed: Iterable[Routed],
    stores: tuple[Follows, Choices, Outbox],
    now: datetime,
    copies: Collection[str] = (),
) -> int:
    """Queue `new` for the users it reaches; returns the deliveries added. A follower whose
    alert matched too gets the one delivery, naming the alert. The postings keyed in `copies`
    are copies of known jobs: their users less those the job reached already."""
    follows, choices, outbox = stores
    by_key = {r.posting_key: r for r in routed}
    fans: dict[str, npt.NDArray[np.int64]] = {}
    added = 0
    for posting in new:
        if posting.board not in fans:
            fans[posting.board] = np.array(follows.all_jobs_followers(posting.board), np.int64)
        r = by_key.get(posting.key)
        if r is None and not len(fans[posting.board]):
            continue
        chats, alerts = r.per_user() if r is not None else (_NOBODY, [])
        followers = np.setdiff1d(fans[posting.board], chats, assume_unique=True)
        away = choices.turned_away_by(posting)
        if posting.key in copies:
            away += outbox.reached_by_job(posting.key)
        if away:
            keep = ~np.isin(chats, away)
            chats, alerts = (
                chats[keep],
                [a for a, k in zip(alerts, keep.tolist(), strict=True) if k],
            )
            followers = followers[~np.isin(followers, away)]
        added += outbox.enqueue_users(posting.key, chats.tolist(), alerts, now)
        added += outbox.enqueue_users(posting.key, followers.tolist(), [""] * len(followers), now)
    return added


def enqueue_edited(
    edited: Sequence[tuple[Posting, Posting]],
    after: Iterable[Routed],
    before: Iterable[Routed],
    stores: tuple[Follows, Choices, Outbox],
    now: datetime,
) -> int:
    """Queue each edited posting ((as stored, as now)) for the users whose alerts match it
    now but did not before the edit (it states a pay now, names a word), less those the job
    reached already and those who hid it or muted its company; returns the deliveries added.
    Followers of every job had it when it was new; an alert made since, that matched it
    before too, is not sent an old job because of an edit."""
    _, choices, outbox = stores
    was_of = {old.key: old for old, _ in edited}
    now_of = {p.key: p for _, p in edited}
    was = {r.posting_key: r.per_user()[0] for r in before}
    added = 0
    for r in after:
        chats, alerts = r.per_user()
        posting = now_of[r.posting_key]
        away = [*was.get(r.posting_key, _NOBODY).tolist(), *choices.turned_away_by(posting)]
        away += outbox.reached_by_job(posting.key)
        keep = ~np.isin(chats, away)
        if keep.any():
            picked = [a for a, k in zip(alerts, keep.tolist(), strict=True) if k]
            edit = history.changes(was_of[posting.key], posting)
            added += outbox.enqueue_users(posting.key, chats[keep].tolist(), picked, now, edit)
    return added
