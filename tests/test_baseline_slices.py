"""A big board's first poll is stored in slices, the event loop running between them."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import AsyncIterator

from bot import gazetteer
from bot.config import PollingConfig
from bot.http import Fetcher, build_client
from bot.poller import Poller
from bot.storing import PollOutcome, PollStores
from tests.test_poller import PATH, board, gh_job

COUNT = 600


async def test_a_big_baseline_lets_the_loop_run_between_slices(store, boards, now) -> None:
    body = json.dumps({"jobs": [gh_job(i, title=f"Engineer {i}") for i in range(COUNT)]})
    boards.set(PATH, body)
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    seen_counts: set[int] = set()
    polling = asyncio.Event()

    async def watch() -> None:  # another task on the loop, reading what is stored so far
        while not polling.is_set():
            row = store.db.execute("SELECT count(*) FROM postings WHERE board = 'Acme'")
            seen_counts.add(row.fetchone()[0])
            await asyncio.sleep(0)

    watcher = asyncio.create_task(watch())
    async with build_client(timeout=5.0) as client:
        poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig(), clock=lambda: now)
        poller.slices.baseline_slice = 100
        outcome = await poller.poll("Acme")
        polling.set()
        await watcher
        assert outcome.status == "baseline" and outcome.seen == COUNT and outcome.enqueued == 0
        assert any(0 < n < COUNT for n in seen_counts)  # it ran while the baseline was stored
        fingerprints = store.postings.fingerprints("Acme")
        assert len(fingerprints) == COUNT and all(fingerprints.values())
        # The same postings in a new body: nothing new, nothing changed, none closed.
        boards.set(PATH, body + " ")
        again = await poller.poll("Acme", force=True)
        poller.close()
    assert (again.status, again.new, again.changed, again.closed, again.seen) == (
        "ok", 0, 0, 0, COUNT
    )  # fmt: skip


async def test_a_baseline_in_slices_reads_the_board_once(store, boards, now) -> None:
    """Each slice used to read the whole board again (slices x board: seconds on the loop for
    a 9,000-posting board): the plan is worked out once, and the slices only write it. The
    stored rows are those of one write: a link two slices share identifies no job."""
    jobs = [gh_job(i, title=f"Engineer {i}") for i in range(COUNT)]
    jobs[-1]["absolute_url"] = jobs[0]["absolute_url"]  # first and last slice share a link
    boards.set_json(PATH, {"jobs": jobs})
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    traced: list[str] = []
    async with build_client(timeout=5.0) as client:
        poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig(), clock=lambda: now)
        poller.slices.baseline_slice = 100
        store.db.conn.set_trace_callback(traced.append)
        outcome = await poller.poll("Acme")
        store.db.conn.set_trace_callback(None)
        poller.close()
    assert outcome.status == "baseline" and outcome.seen == COUNT
    assert len([s for s in traced if "content_hash" in s and "FROM postings" in s]) == 1
    commits = [s for s in traced if s == "COMMIT"]
    assert len(commits) >= COUNT // 100  # still stored in slices
    shared = store.db.execute(
        "SELECT count(*) AS n FROM postings WHERE board = 'Acme' AND url_key IS NOT NULL "
        "AND url = ?",
        (jobs[0]["absolute_url"],),
    )
    assert shared.fetchone()["n"] == 0


async def test_new_postings_with_no_alerts_are_not_routed(store, boards, now) -> None:
    """Routing works out each posting's words and places (the place names load in seconds,
    on the loop): with no alert to match, none of it is needed."""
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    async with build_client(timeout=5.0) as client:
        poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig(), clock=lambda: now)
        assert (await poller.poll("Acme")).status == "baseline"
        boards.set_json(PATH, {"jobs": [gh_job(1), gh_job(2, title="Data Engineer")]})
        gazetteer.gazetteer.cache_clear()
        outcome = await poller.poll("Acme", force=True)
        poller.close()
    assert (outcome.status, outcome.new, outcome.enqueued) == ("ok", 1, 0)
    assert gazetteer.gazetteer.cache_info().currsize == 0


async def test_the_alert_index_is_built_on_a_worker_thread_and_then_used(
    store, boards, now
) -> None:
    """Started at start-up, the index is built off the loop (not within the call), and the
    first routing uses it instead of building its own."""
    store.users.subscribe(7, now, "ana", "Ana")
    store.alerts.add_alert(7, "data engineer", now)
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    async with build_client(timeout=5.0) as client:
        poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig(), clock=lambda: now)
        task = poller.router.start()
        assert poller.router.compiled is None and poller.router.start() is task
        await task
        built = poller.router.compiled
        assert built is not None and len(built[1]) == 1
        assert (await poller.poll("Acme")).status == "baseline"
        boards.set_json(PATH, {"jobs": [gh_job(1), gh_job(2, title="Data Engineer")]})
        outcome = await poller.poll("Acme", force=True)
        poller.close()
    assert (outcome.new, outcome.enqueued) == (1, 1) and poller.router.compiled is built


async def poll_watching_the_outbox(poller: Poller, store) -> tuple[PollOutcome, set[int]]:
    """Poll Acme with another task on the loop reading the outbox's size: the sizes it saw
    show whether the loop ran between slices."""
    counts: set[int] = set()
    polling = asyncio.Event()

    async def watch() -> None:
        while not polling.is_set():
            counts.add(store.db.execute("SELECT count(*) FROM deliveries").fetchone()[0])
            await asyncio.sleep(0)

    watcher = asyncio.create_task(watch())
    outcome = await poller.poll("Acme", force=True)
    polling.set()
    await watcher
    return outcome, counts


@contextlib.asynccontextmanager
async def small_slices(store, boards, now, jobs: list[dict]) -> AsyncIterator[Poller]:
    """A poller of Acme whose bursts go 5 postings a slice, after a baseline poll of `jobs`."""
    boards.set_json(PATH, {"jobs": jobs})
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    async with build_client(timeout=5.0) as client:
        poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig(), clock=lambda: now)
        poller.slices.route_slice = 5
        assert (await poller.poll("Acme")).status == "baseline"
        yield poller
        poller.close()


async def test_a_burst_of_new_postings_is_routed_in_slices(store, boards, now) -> None:
    """Many new postings at once are stored and routed a slice at a time, each with its
    deliveries, the loop running between slices; in all, as one transaction would have."""
    store.users.subscribe(7, now, "ana", "Ana")
    store.alerts.add_alert(7, "engineer", now)
    first = [gh_job(0, title="Engineer 0"), gh_job(99, title="Cook")]
    async with small_slices(store, boards, now, first) as poller:  # 30 new: 6 slices
        jobs = [gh_job(i, title=f"Engineer {i}") for i in range(31)]
        boards.set_json(PATH, {"jobs": [*jobs, gh_job(99, title="Cook (changed)")]})
        outcome, counts = await poll_watching_the_outbox(poller, store)
    assert (outcome.new, outcome.changed, outcome.closed, outcome.enqueued) == (30, 1, 0, 30)
    assert any(0 < n < 30 for n in counts), "the loop ran between slices"
    assert store.outbox.delivery_counts() == {"pending": 30}
    rows = store.db.execute("SELECT count(*) FROM postings WHERE closed_at IS NULL AND missing_polls = 0")  # fmt: skip
    assert rows.fetchone()[0] == 32, "no slice counted the others as missing"


async def test_a_baseline_of_long_descriptions_is_written_in_smaller_slices(
    store, boards, now
) -> None:
    """Storing indexes each posting's text: 50 long descriptions in one slice would hold the
    loop far longer than 50 short ones, so a slice also stops at BASELINE_TEXT characters."""
    long = "&lt;p&gt;" + "Rust payments platform, on call. " * 400 + "&lt;/p&gt;"  # ~13k chars
    body = json.dumps({"jobs": [gh_job(i, "Engineer", long) for i in range(60)]})
    boards.set(PATH, body)
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    seen: set[int] = set()
    done = asyncio.Event()

    async def watch() -> None:
        while not done.is_set():
            row = store.db.execute("SELECT count(*) FROM postings WHERE board = 'Acme'")
            seen.add(row.fetchone()[0])
            await asyncio.sleep(0)

    watcher = asyncio.create_task(watch())
    async with build_client(timeout=5.0) as client:
        poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig(), clock=lambda: now)
        outcome = await poller.poll("Acme")
        poller.close()
    done.set()
    await watcher
    assert outcome.status == "baseline" and outcome.seen == 60
    assert any(0 < n < 50 for n in seen), seen  # by count alone the first slice would be 50


async def test_a_task_woken_by_a_timer_runs_between_any_two_slices(store, boards, now) -> None:
    """With a bare `sleep(0)` between slices, the poller's next slice was queued before the
    task a timer woke meanwhile (a command's reply, a send): the loop ran two slices back to
    back, doubling the longest stall."""
    boards.set_json(PATH, {"jobs": [gh_job(i, title=f"Engineer {i}") for i in range(COUNT)]})
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    order: list[str] = []
    polling = asyncio.Event()

    async def other() -> None:
        while not polling.is_set():
            order.append("other")
            await asyncio.sleep(1e-9)  # a timer, due at once

    async with build_client(timeout=5.0) as client:
        poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig(), clock=lambda: now)
        poller.slices.baseline_slice = 50
        watcher = asyncio.create_task(other())
        store.db.conn.set_trace_callback(lambda sql: sql == "COMMIT" and order.append("slice"))
        outcome = await poller.poll("Acme")
        store.db.conn.set_trace_callback(None)
        polling.set()
        await watcher
        poller.close()
    assert outcome.status == "baseline"
    slices = [i for i, what in enumerate(order) if what == "slice"]
    assert len(slices) >= COUNT // 50
    assert all("other" in order[a:b] for a, b in itertools.pairwise(slices))


async def test_a_posting_missing_from_a_burst_counts_one_miss_not_one_a_slice(
    store, boards, now
) -> None:
    """Each slice's record aged the postings missing from the poll: with close_after=2, a
    job missing from one poll of 30 new postings was closed at once (6 misses)."""
    first = [gh_job(0, title="Engineer 0"), gh_job(98, title="Gone")]
    async with small_slices(store, boards, now, first) as poller:
        boards.set_json(PATH, {"jobs": [gh_job(i, title=f"Engineer {i}") for i in range(31)]})
        first = await poller.poll("Acme", force=True)
        missed = store.db.execute(
            "SELECT missing_polls, closed_at FROM postings WHERE key = 'Acme:98'"
        )
        assert tuple(missed.fetchone()) == (1, None), "one poll, one miss"
        boards.set_json(PATH, {"jobs": [gh_job(i, title=f"Engineer {i}") for i in range(32)]})
        second = await poller.poll("Acme", force=True)
    assert (first.new, first.closed, second.closed) == (30, 0, 1), "missing two polls: closed"


async def test_a_burst_of_edited_postings_is_routed_in_slices(store, boards, now) -> None:
    """Thirty postings edited at once (a pay range added to each, as a pay-transparency law
    makes boards do) reach the salary alert, a slice at a time, the loop running between."""
    pay = "&lt;p&gt;The base salary range for this role is $150,000 - $180,000.&lt;/p&gt;"
    store.users.subscribe(7, now, "ana", "Ana")
    async with small_slices(store, boards, now, []) as poller:
        boards.set_json(PATH, {"jobs": [gh_job(i, title=f"Cook {i}") for i in range(30)]})
        assert (await poller.poll("Acme", force=True)).new == 30
        store.alerts.add_alert(7, "cook salary:>=140k", now)
        paid = [gh_job(i, title=f"Cook {i}", content=pay) for i in range(30)]
        boards.set_json(PATH, {"jobs": paid})
        outcome, counts = await poll_watching_the_outbox(poller, store)
    assert (outcome.new, outcome.changed, outcome.closed, outcome.enqueued) == (0, 30, 0, 30)
    assert any(0 < n < 30 for n in counts), "the loop ran between slices"
