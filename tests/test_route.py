"""Routing through the index gives what evaluating every alert on its own gives.

`match.route` joins each matching query's (chat, alert) pairs into one `Routed` per posting,
and `match.deliveries` makes one delivery per user of it, naming their several alerts: this
holds them to the plain per-alert loop over a generated mix (bench.match's shapes, many users
with several alerts, shared queries).
"""

from __future__ import annotations

import gc
import random
from collections import defaultdict

from bench import world
from bench.match import alert_query
from bot import match
from bot.index import Matcher
from bot.models import Alert, Delivery, Posting
from bot.view import compile_query, view


def _alerts(rng: random.Random, n: int, users: int, first_id: int = 1) -> list[Alert]:
    queries = [alert_query(rng) for _ in range(n // 2)]
    queries += ["rust salary:>=80k", "python -senior", "remote:yes type:full-time"]
    return [
        Alert(first_id + i, rng.randint(1, users), rng.choice(queries)) for i in range(n)
    ]  # half the alerts share a query with another


def _postings(rng: random.Random, n: int) -> list[Posting]:
    bodies = world.descriptions(rng, 5, chars=300)
    return [world.make_posting(rng, 3, i, bodies) for i in range(n)]


def _job(key: str, title: str, description: str) -> Posting:
    return Posting(key, "b", key, title, "Acme", "Berlin", f"https://e.com/{key}", description)


def _one_by_one(postings: list[Posting], alerts: list[Alert]) -> set[Delivery]:
    """Each alert's compiled query on each posting; one delivery per user and posting."""
    tests = [(a, compile_query(a.query)) for a in alerts]
    out: set[Delivery] = set()
    for p in postings:
        v = view(p)
        per_user: dict[int, list[int]] = defaultdict(list)
        for alert, test in tests:
            if test(v):
                per_user[alert.chat_id].append(alert.id)
        out.update(Delivery(c, p.key, tuple(sorted(ids))) for c, ids in per_user.items())
    return out


def test_route_gives_the_deliveries_of_evaluating_each_alert_alone() -> None:
    rng = random.Random(14)
    alerts = _alerts(rng, 600, users=150)  # four alerts a user: many match a posting twice
    alerts += [Alert(901, 7, "rust"), Alert(902, 7, "rust")]  # one user, one query, twice
    alerts += [Alert(2**40, -1001234567890123, "rust"), Alert(903, -1001234567890123, "rust")]
    postings = _postings(rng, 60)
    postings.append(world.make_posting(rng, 3, 99, ["We write Rust. Remote, full time."]))
    matcher = Matcher(alerts)
    assert matcher.queries < len(alerts)

    routed = match.deliveries(match.route(postings, matcher))

    expected = _one_by_one(postings, alerts)
    assert len(routed) == len(set(routed)) == len(expected) > len(postings)
    assert set(routed) == expected
    assert any(len(d.alert_ids) > 1 for d in routed), "some user matched by several alerts"
    assert Delivery(7, postings[-1].key, (901, 902)) in expected
    assert Delivery(-1001234567890123, postings[-1].key, (903, 2**40)) in expected  # a group


def test_route_follows_alerts_added_and_removed_after_the_index_was_built() -> None:
    rng = random.Random(15)
    alerts = _alerts(rng, 300, users=60)
    postings = _postings(rng, 30)
    matcher = Matcher(alerts)
    kept = [a for a in alerts if a.id % 3]  # a third removed, some of a shared query
    added = _alerts(rng, 150, users=60, first_id=1000)
    matcher.sync([*kept, *added])

    assert set(match.deliveries(match.route(postings, matcher))) == _one_by_one(
        postings, [*kept, *added]
    )


def test_route_leaves_the_garbage_collector_as_it_found_it() -> None:
    alerts = [Alert(1, 7, "rust"), Alert(2, 8, "rust")]
    posting = world.make_posting(random.Random(1), 3, 1, ["Rust."])
    assert gc.isenabled()
    assert len(match.deliveries(match.route([posting], alerts))) == 2
    assert gc.isenabled()
    gc.disable()
    try:
        assert len(match.deliveries(match.route([posting], alerts))) == 2
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_routed_holds_each_users_pairs_sorted_and_counts_the_users() -> None:
    alerts = [
        Alert(5, 9, "rust"),
        Alert(3, 9, "backend"),
        Alert(4, -100, "rust"),
        Alert(1, 8, "rust"),
    ]
    alerts.append(Alert(2, 8, "cook"))  # not this posting: user 8 has one alert that matches
    rust = _job("b:1", "Backend Engineer", "We write Rust.")
    cook = _job("b:2", "Baker", "We bake bread.")

    (routed,) = match.route([rust, cook], alerts)  # nobody for the cook: no Routed

    assert routed.posting_key == rust.key
    assert list(zip(routed.chats.tolist(), routed.alert_ids.tolist(), strict=True)) == [
        (-100, 4), (8, 1), (9, 3), (9, 5)
    ]  # fmt: skip
    assert routed.users == 3
    assert routed.deliveries() == [
        Delivery(-100, rust.key, (4,)), Delivery(8, rust.key, (1,)), Delivery(9, rust.key, (3, 5))
    ]  # fmt: skip


def test_a_query_whose_alerts_were_all_removed_routes_nobody() -> None:
    matcher = Matcher([Alert(1, 7, "rust"), Alert(2, 8, "python")])
    matcher.sync([Alert(2, 8, "python")])  # "rust" keeps its entry, without alerts
    assert match.route([_job("b:1", "Rust Engineer", "Rust.")], matcher) == []
