"""A copy of a known job (another board's, another city's) reaches the users the job has not
reached yet, once: polled over real loopback HTTP, routed by the real alert index."""

from __future__ import annotations

import pytest

from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.http import Fetcher, build_client
from bot.poller import Poller
from bot.store import Stores
from bot.storing import PollStores

ATS, MIRROR = "/v1/boards/acme/jobs", "/v1/boards/mirror/jobs"
BUILD = (
    "<p>Build the payments ledger in Rust for small businesses across Europe, own services end"
    " to end, on call included.</p>"
)
PAY = "<p>The base salary range for this role is $150,000 - $180,000.</p>"
RUST, PAID, MUNICH = 7, 8, 9


def job(i: int, content: str = BUILD, location: str = "Berlin", url_id: int | None = None) -> dict:
    return {
        "id": i,
        "title": "Senior Rust Engineer",
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{url_id or i}",
        "company_name": "Acme Pay",
        "location": {"name": location},
        "updated_at": "2026-11-20T10:00:00-05:00",
        "content": content,
    }


@pytest.fixture
async def poller(store: Stores, boards, now):
    client = build_client(timeout=1.0)
    store.boards.sync_boards(
        [BoardConfig(n, boards.url(p), "greenhouse", boards.url(p), 60.0)
         for n, p in (("ATS", ATS), ("Mirror", MIRROR))],
        now,
    )  # fmt: skip
    for chat, query in ((RUST, "rust"), (PAID, "rust salary:>=140k"), (MUNICH, "rust munich")):
        store.users.subscribe(chat, now)
        store.alerts.add_alert(chat, query, now)
    p = Poller(
        store.view(PollStores), Fetcher(client, max_bytes=50_000), PollingConfig(), lambda: None
    )
    for path in (ATS, MIRROR):
        boards.set_json(path, {"jobs": []})
    assert [(await p.poll(n)).status for n in ("ATS", "Mirror")] == ["baseline", "baseline"]
    yield p
    await client.aclose()


def sent(store: Stores) -> set[tuple[int, str]]:
    rows = store.db.execute("SELECT chat_id, posting_key FROM deliveries")
    return {(r["chat_id"], r["posting_key"]) for r in rows}


async def test_an_aggregators_copy_stating_the_pay_reaches_the_salary_alert(
    poller, store, boards
) -> None:
    """The ATS's posting states no pay: "rust salary:>=140k" passed it over. The mirror's copy
    of it states the pay: that alert gets the job, from the copy; "rust", which had it, does
    not get it twice."""
    boards.set_json(ATS, {"jobs": [job(1)]})
    assert (await poller.poll("ATS")).enqueued == 1
    boards.set_json(MIRROR, {"jobs": [job(70, BUILD + PAY, url_id=1)]})
    copy = await poller.poll("Mirror")
    assert (copy.new, copy.enqueued) == (0, 1), "a copy, not a new job; one delivery"
    assert sent(store) == {(RUST, "ATS:1"), (PAID, "Mirror:70")}
    assert store.jobs.job_key("Mirror:70") == "ATS:1"


async def test_one_job_in_several_cities_reaches_an_alert_for_the_second_city(
    poller, store, boards
) -> None:
    """Berlin's posting came first; Munich's is the same job (its title and text): "rust
    munich" gets it from Munich's, "rust" has it once, from Berlin's."""
    boards.set_json(ATS, {"jobs": [job(2), job(3, location="Munich")]})
    assert (await poller.poll("ATS")).enqueued == 2
    assert sent(store) == {(RUST, "ATS:2"), (MUNICH, "ATS:3")}
    assert store.jobs.job_key("ATS:3") == "ATS:2"


async def test_a_copy_reaching_nobody_new_queues_nothing(poller, store, boards) -> None:
    boards.set_json(ATS, {"jobs": [job(4, BUILD + PAY)]})
    assert (await poller.poll("ATS")).enqueued == 2  # rust and the salary alert
    boards.set_json(MIRROR, {"jobs": [job(80, BUILD + PAY, url_id=4)]})
    assert (await poller.poll("Mirror")).enqueued == 0
    assert sent(store) == {(RUST, "ATS:4"), (PAID, "ATS:4")}
