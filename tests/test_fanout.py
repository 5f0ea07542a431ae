"""A poll's new postings into the outbox (`bot.fanout`): matched users with their alerts,
all-jobs followers, less hidden jobs and muted companies; checked against the plain rule
over random users."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import datetime

from bot import fanout, match
from bot.config_boards import BoardConfig
from bot.models import Posting
from bot.store import Stores

A, B, C = 1, 2, 3
WORDS = ("rust", "go", "scala", "senior", "staff", "python", "berlin", "remote")
COMPANIES = ("Acme Pay", "Globex", "Initech")


def board(name: str) -> BoardConfig:
    return BoardConfig(name, f"https://e.com/{name}", "greenhouse", f"https://e.com/{name}", 60.0)


def posting(board: str, i: int, title: str, company: str = "Acme Pay") -> Posting:
    return Posting(
        f"{board}:{i}", board, str(i), title, company, "Berlin", f"https://e.com/{board}/{i}",
        "Build things.", content_hash=str(i),
    )  # fmt: skip


def queued(store: Stores) -> list[tuple[int, str, list[int]]]:
    """The outbox in the order it was written: (chat, posting key, alert ids)."""
    rows = store.db.execute("SELECT chat_id, posting_key, alert_ids FROM deliveries ORDER BY id")
    return [(r["chat_id"], r["posting_key"], json.loads(r["alert_ids"])) for r in rows]


def fan_out(store: Stores, jobs: list[Posting], now: datetime) -> int:
    routed = match.route(jobs, store.alerts.active_alerts())
    return fanout.enqueue(jobs, routed, (store.follows, store.choices, store.outbox), now)


def test_matched_users_followers_and_what_they_turned_away(store: Stores, now) -> None:
    store.boards.sync_boards([board("ATS")], now)
    for chat in (A, B, C):
        store.users.subscribe(chat, now)
    rust_a = store.alerts.add_alert(A, "rust", now)
    senior_a = store.alerts.add_alert(A, "senior", now)
    rust_b = store.alerts.add_alert(B, "rust", now)
    store.follows.follow(B, "ATS", True, now)  # matched too: one delivery, naming the alert
    store.follows.follow(C, "ATS", True, now)  # no alert: every job, naming none
    jobs = [
        posting("ATS", 1, "Senior Rust Engineer"),
        posting("ATS", 2, "Rust SRE", "Globex"),
        posting("ATS", 3, "Designer"),
    ]
    store.postings.record("ATS", jobs, now)
    store.choices.mute_company(A, "  globex ", now)
    store.choices.hide_job(C, "ATS:3", now)
    store.alerts.set_alert_paused(A, senior_a.id, now)  # held at sending, not left out here

    assert fan_out(store, jobs, now) == 6
    assert queued(store) == [
        (A, "ATS:1", sorted([rust_a.id, senior_a.id])),
        (B, "ATS:1", [rust_b.id]),
        (C, "ATS:1", []),
        (B, "ATS:2", [rust_b.id]),  # A muted Globex
        (C, "ATS:2", []),
        (B, "ATS:3", []),  # C hid it; B follows
    ]
    assert fan_out(store, jobs, now) == 0, "one delivery per user and job, whatever happens"


def test_a_hidden_job_stays_hidden_on_every_board(store: Stores, now) -> None:
    store.boards.sync_boards([board("ATS"), board("Mirror")], now)
    store.users.subscribe(A, now)
    store.alerts.add_alert(A, "rust", now)
    store.postings.record("ATS", [posting("ATS", 1, "Rust Engineer")], now)
    copy = replace(posting("Mirror", 9, "Rust Engineer"), url="https://e.com/ATS/1")
    store.postings.record("Mirror", [copy], now)
    assert store.jobs.job_key(copy.key) == "ATS:1"
    store.choices.hide_job(A, "ATS:1", now)
    assert fan_out(store, [copy], now) == 0 and queued(store) == []


def test_random_users_get_what_the_plain_rule_gives(store: Stores, now) -> None:
    """Many users with one or several alerts, follows, hides and mutes, against the rule
    written plainly over `Routed.deliveries`."""
    rng = random.Random(4)
    names = ["X", "Y"]
    store.boards.sync_boards([board(n) for n in names], now)
    chats = list(range(100, 160))
    for chat in chats:
        store.users.subscribe(chat, now)
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            store.alerts.add_alert(chat, " ".join(rng.sample(WORDS, rng.choice((1, 1, 2)))), now)
        for name in names:
            if rng.random() < 0.2:
                store.follows.follow(chat, name, rng.random() < 0.7, now)
    jobs = [
        posting(rng.choice(names), i, " ".join(rng.sample(WORDS, 3)), rng.choice(COMPANIES))
        for i in range(40)
    ]
    for name in names:
        store.postings.record(name, [j for j in jobs if j.board == name], now)
    for chat in rng.sample(chats, 15):
        store.choices.hide_job(chat, rng.choice(jobs).key, now)
    for chat in rng.sample(chats, 10):
        store.choices.mute_company(chat, rng.choice(COMPANIES), now)

    routed = match.route(jobs, store.alerts.active_alerts())
    want: dict[tuple[int, str], list[int]] = {
        (d.chat_id, d.posting_key): list(d.alert_ids) for r in routed for d in r.deliveries()
    }
    for job in jobs:
        for chat in store.follows.all_jobs_followers(job.board):
            want.setdefault((chat, job.key), [])
    want = {
        (chat, key): ids
        for (chat, key), ids in want.items()
        if not store.choices.turned_away(chat, next(j for j in jobs if j.key == key))
    }
    assert len(want) > 100, "the world reaches many users"
    assert any(len(ids) > 1 for ids in want.values()), "some users have several alerts matched"
    assert fanout.enqueue(jobs, routed, (store.follows, store.choices, store.outbox), now) == len(
        want
    )
    got = queued(store)
    assert {(c, k): ids for c, k, ids in got} == want
    assert [k for _, k, _ in got] == sorted((k for _, k, _ in got), key=[j.key for j in jobs].index)
