"""Polling over real loopback HTTP: baseline, new, conditional GET, and every way a board fails."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from datetime import UTC, datetime

import pytest

from bot import render
from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.events import Notice
from bot.http import USER_AGENT, Fetcher, build_client
from bot.poller import Poller
from bot.sources.base import _REGISTRY, register
from bot.sources.greenhouse import Greenhouse
from bot.store import Stores
from bot.storing import PollStores
from bot.telegram.notices import word
from tests.board_server import BoardServer

PATH = "/v1/boards/acme/jobs"


def gh_job(
    i: int, title: str = "Backend Engineer", content: str = "&lt;p&gt;Rust&lt;/p&gt;"
) -> dict:
    return {
        "id": i,
        "title": title,
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{i}",
        "company_name": "Acme Pay",
        "location": {"name": "Berlin"},
        "updated_at": "2026-11-20T10:00:00-05:00",
        "content": content,
    }


def board(name: str, url: str, interval: float = 60.0) -> BoardConfig:
    return BoardConfig(name, url, "greenhouse", url, interval)


@pytest.fixture
async def poller(store: Stores):
    client = build_client(timeout=1.0)
    wakes: list[int] = []
    p = Poller(
        store.view(PollStores),
        Fetcher(client, max_bytes=50_000),
        PollingConfig(),
        lambda: wakes.append(1),
    )
    p.wakes = wakes
    yield p
    await client.aclose()


async def test_baseline_then_new_posting_is_queued_for_matching_user(
    poller, store, boards, now
) -> None:
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    store.users.subscribe(7, now)
    store.alerts.add_alert(7, "rust", now)
    boards.set_json(PATH, {"jobs": [gh_job(1)], "meta": {"total": 1}})
    first = await poller.poll("Acme")
    assert (first.status, first.seen, first.enqueued) == ("baseline", 1, 0)
    boards.set_json(
        PATH, {"jobs": [gh_job(1), gh_job(2, "Senior Rust Engineer")], "meta": {"total": 2}}
    )
    second = await poller.poll("Acme")
    assert (second.status, second.new, second.enqueued) == ("ok", 1, 1)
    assert [i.posting.key for i in store.outbox.due(now.replace(year=2100))] == ["Acme:2"]
    assert poller.wakes == [1]


async def test_conditional_get_and_user_agent(poller, store, boards, now) -> None:
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    await poller.poll("Acme")
    again = await poller.poll("Acme")
    assert again.status == "not_modified"
    (_, h1), (_, h2) = boards.requests
    assert h1["User-Agent"] == USER_AGENT and "If-None-Match" not in h1
    assert h2["If-None-Match"] == store.boards.board("Acme").etag


async def test_a_304_without_validators_keeps_the_stored_ones(poller, store, boards, now) -> None:
    """A 304 that leaves out the ETag (RFC 9110 asks for it; some servers forget) means the
    stored one still holds: wiping it would make every later poll fetch the whole board."""
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    boards.set_json(PATH, {"jobs": [gh_job(1)]}, validators_on_304=False)
    await poller.poll("Acme")
    tag = store.boards.board("Acme").etag
    assert tag is not None
    for _ in range(2):
        assert (await poller.poll("Acme", force=True)).status == "not_modified"
    assert [h.get("If-None-Match") for _, h in boards.requests] == [None, tag, tag]
    assert store.boards.board("Acme").etag == tag


@pytest.mark.parametrize(
    ("setup", "error"),
    [
        pytest.param(lambda b: b.set(PATH, "oops", status=500), "HTTP 500", id="http-500"),
        pytest.param(lambda b: b.set(PATH, "{not json"), "JSON", id="invalid-json"),
        pytest.param(
            lambda b: b.set(PATH, "<html>hi</html>", content_type="text/html"), "HTML", id="html"
        ),
        pytest.param(lambda b: b.set(PATH, "x" * 60_000), "cap", id="too-large"),
        pytest.param(lambda b: b.set(PATH, "{}", delay=2.0), "timed out", id="no-answer"),
    ],
)
async def test_a_broken_board_is_logged_once_and_backs_off(
    poller, store, boards, now, caplog, setup, error
) -> None:
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    setup(boards)
    with caplog.at_level(logging.DEBUG, logger="bot"):
        out = await poller.poll("Acme")
        assert out.status == "failed" and error in out.error
        assert (await poller.poll("Acme")).status == "skipped", "backing off"
        assert (await poller.poll("Acme", force=True)).status == "failed"
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "Acme" in warnings[0].getMessage()
    state = store.boards.board("Acme")
    assert state.consecutive_failures == 2 and state.next_due_at > datetime.now(UTC)


async def test_connection_refused_and_a_new_url_starts_afresh(
    poller, store, boards, now, caplog
) -> None:
    """A refused connection fails that board alone; the config giving it another URL makes
    it another board: its streak is cleared and its next poll is a baseline (no "recovered":
    the old URL did not come back)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/jobs"
    store.boards.sync_boards([board("Dead", dead), board("Acme", boards.url(PATH))], now)
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    dead_out, ok_out = await asyncio.gather(poller.poll("Dead"), poller.poll("Acme"))
    assert dead_out.status == "failed" and "cannot connect" in dead_out.error
    assert ok_out.status == "baseline", "one failing board never breaks another"
    assert store.boards.board("Dead").consecutive_failures == 1
    assert store.boards.sync_boards(
        [board("Dead", boards.url(PATH)), board("Acme", boards.url(PATH))], now
    ) == ["Dead"]
    assert store.boards.board("Dead").consecutive_failures == 0
    with caplog.at_level(logging.INFO, logger="bot"):
        assert (await poller.poll("Dead", force=True)).status == "baseline"
    assert "recovered" not in caplog.text


async def test_a_board_that_never_answers_does_not_delay_others(poller, store, boards, now) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_hang() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    t = threading.Thread(target=accept_and_hang, daemon=True)
    t.start()
    try:
        hang = f"http://127.0.0.1:{listener.getsockname()[1]}/jobs"
        store.boards.sync_boards([board("Hang", hang), board("Acme", boards.url(PATH))], now)
        boards.set_json(PATH, {"jobs": [gh_job(1)]})
        loop = asyncio.get_running_loop()
        start = loop.time()
        hang_task = asyncio.create_task(poller.poll("Hang"))
        assert (await poller.poll("Acme")).status == "baseline"
        assert loop.time() - start < 0.5
        assert (await hang_task).status == "failed"
    finally:
        stop.set()
        t.join()
        for c in accepted:
            c.close()
        listener.close()


async def test_board_server_fixture_serves_404_for_unknown_paths(
    poller, store, boards: BoardServer, now
) -> None:
    store.boards.sync_boards([board("Gone", boards.url("/nope"))], now)
    out = await poller.poll("Gone")
    assert out.status == "failed" and "404" in out.error


async def test_an_unchanged_body_is_not_parsed_again(poller, store, boards, now) -> None:
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    boards.set_json(PATH, {"jobs": [gh_job(1)]}, etag=False)
    assert (await poller.poll("Acme", force=True)).status == "baseline"
    assert (await poller.poll("Acme", force=True)).status == "not_modified"
    boards.set_json(PATH, {"jobs": [gh_job(1), gh_job(2, "Go Engineer")]}, etag=False)
    assert (await poller.poll("Acme", force=True)).new == 1


async def test_retry_after_is_honoured(poller, store, boards, now) -> None:
    store.boards.sync_boards([board("Acme", boards.url(PATH), interval=5)], now)
    boards.set(PATH, "slow down", status=429, headers={"Retry-After": "600"})
    out = await poller.poll("Acme")
    assert "429" in out.error
    wait = (store.boards.board("Acme").next_due_at - datetime.now(UTC)).total_seconds()
    assert 590 < wait <= 600


async def test_permanent_redirect_moves_the_board_but_a_temporary_one_does_not(
    poller, store, boards, now
) -> None:
    store.boards.sync_boards(
        [board("Acme", boards.url("/old")), board("Tmp", boards.url("/tmp"))], now
    )
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    boards.set("/old", "", status=301, headers={"Location": boards.url(PATH)})
    boards.set("/tmp", "", status=302, headers={"Location": boards.url(PATH)})
    assert (await poller.poll("Acme")).status == "baseline"
    assert (await poller.poll("Tmp")).status == "baseline"
    assert store.boards.board("Acme").endpoint == boards.url(PATH)
    assert store.boards.board("Tmp").endpoint == boards.url("/tmp")
    # A restart with the same config keeps the moved endpoint.
    store.boards.sync_boards(
        [board("Acme", boards.url("/old")), board("Tmp", boards.url("/tmp"))], now
    )
    assert store.boards.board("Acme").endpoint == boards.url(PATH)


async def test_per_host_concurrency_limit(store, boards, now) -> None:
    client = build_client(timeout=5.0)
    p = Poller(store.view(PollStores), Fetcher(client, per_host=2), PollingConfig())
    names = [f"B{i}" for i in range(6)]
    store.boards.sync_boards([board(n, boards.url(f"/{n}")) for n in names], now)
    for n in names:
        boards.set_json(f"/{n}", {"jobs": [gh_job(1)]}, delay=0.2)
    outs = await asyncio.gather(*(p.poll(n) for n in names))
    await client.aclose()
    assert all(o.status == "baseline" for o in outs)
    assert boards.max_active == 2


async def test_admins_hear_once_per_streak_and_on_recovery(store, boards, now) -> None:
    client = build_client(timeout=1.0)
    told: list[str] = []
    p = Poller(
        store.view(PollStores),
        Fetcher(client),
        PollingConfig(alert_admins_after=3),
        on_event=lambda e: told.extend([word(e)] if isinstance(e, Notice) else []),
    )
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    boards.set(PATH, "down", status=503)
    for _ in range(5):
        await p.poll("Acme", force=True)
    assert len(told) == 1 and "Acme failed 3 polls in a row: HTTP 503" in told[0]
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    await p.poll("Acme", force=True)
    assert len(told) == 2 and "recovered after 5 failed polls" in told[1]
    await client.aclose()


async def test_an_empty_answer_after_postings_keeps_them_and_tells_admins(
    store, boards, now
) -> None:
    client = build_client(timeout=1.0)
    told: list[str] = []
    p = Poller(
        store.view(PollStores),
        Fetcher(client),
        PollingConfig(close_after=1),
        on_event=lambda e: told.extend([word(e)] if isinstance(e, Notice) else []),
    )
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    boards.set_json(PATH, {"jobs": [gh_job(1), gh_job(2)]})
    await p.poll("Acme")
    boards.set_json(PATH, {"jobs": []})
    out = await p.poll("Acme", force=True)
    assert out.status == "failed" and "no postings" in out.error
    assert store.boards.board("Acme").open_postings == 2
    assert len(told) == 1 and "kept them open" in told[0]
    await client.aclose()


async def test_a_failed_board_is_retried_after_its_backoff_not_its_interval(
    store, boards, now
) -> None:
    from bot.scheduler import BoardScheduler

    client = build_client(timeout=1.0)
    poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig())
    scheduler = BoardScheduler(poller)
    store.boards.sync_boards([board("Daily", boards.url(PATH), interval=86400)], now)
    boards.set(PATH, "down", status=503)
    scheduler.add("Daily", 86400, first_in=3600)
    scheduler.start()
    await scheduler.poll("Daily")
    job = scheduler.scheduler.get_job("board:Daily")
    wait = (job.next_run_time - datetime.now(UTC)).total_seconds()
    scheduler.shutdown()
    await client.aclose()
    assert 50 < wait < 70, "a daily board is retried after about a minute"


async def test_parsing_runs_on_a_worker_so_the_loop_stays_free(poller, store, boards, now) -> None:
    """A big board takes seconds to parse; meanwhile the bot must answer and send. A real
    Greenhouse parse, registered under a test kind, waits inside the parse for a task on the
    event loop: it only gets there if the loop is free while the parse runs."""
    parse_started, loop_ran, seen = threading.Event(), threading.Event(), []

    class Probe(Greenhouse):
        kind = "test-worker-probe"

        def parse(self, response, ctx):
            parse_started.set()
            seen.append((threading.current_thread().name, loop_ran.wait(timeout=5)))
            return super().parse(response, ctx)

    async def on_the_loop() -> None:
        while not parse_started.is_set():
            await asyncio.sleep(0.005)
        loop_ran.set()

    register(Probe)
    try:
        url = boards.url(PATH)
        store.boards.sync_boards([BoardConfig("Probe", url, "test-worker-probe", url, 60.0)], now)
        boards.set_json(PATH, {"jobs": [gh_job(1)]})
        task = asyncio.create_task(on_the_loop())
        out = await poller.poll("Probe")
        await task
    finally:
        _REGISTRY.pop("test-worker-probe")
    assert out.status == "baseline" and out.seen == 1
    ((thread, loop_was_free),) = seen
    assert thread.startswith("jobbot-parse") and loop_was_free


def _rss(items: list[str]) -> bytes:
    body = "".join(items)
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title>'
        f"<link>https://jobs.example/</link>{body}</channel></rss>"
    ).encode()


@pytest.mark.parametrize("link", ["", "<link>https://jobs.example/</link>"])
async def test_feed_items_without_their_own_link_are_each_delivered(
    poller, store, boards, now, link
) -> None:
    """Nine new jobs in a feed whose items have no link (or all link to the board's page) are
    nine jobs, not one: identity never rests on a URL several postings share."""
    path = "/feed.rss"
    store.boards.sync_boards(
        [BoardConfig("Feed", boards.url(path), "rss", boards.url(path), 60.0)], now
    )
    store.users.subscribe(7, now)
    store.alerts.add_alert(7, "engineer", now)
    old = f"<item><title>Acme: Office Manager</title>{link}<description>Desk.</description></item>"
    boards.set(path, _rss([old]), content_type="application/rss+xml")
    assert (await poller.poll("Feed")).status == "baseline"
    new = [
        f"<item><title>Acme: Engineer {i}</title>{link}"
        f"<description>Build thing number {i} in Rust.</description></item>"
        for i in range(9)
    ]
    boards.set(path, _rss([old, *new]), content_type="application/rss+xml")
    outcome = await poller.poll("Feed")
    assert (outcome.new, outcome.enqueued) == (9, 9)
    due = store.outbox.due(now.replace(year=2100))
    assert sorted(i.posting.title for i in due) == [f"Engineer {i}" for i in range(9)]


async def test_a_full_disk_fails_the_poll_in_one_line_and_loses_nothing(
    poller, store, boards, now, caplog
) -> None:
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    store.users.subscribe(7, now)
    store.alerts.add_alert(7, "rust", now)
    boards.set_json(PATH, {"jobs": [gh_job(1)]})
    assert (await poller.poll("Acme")).status == "baseline"
    many = [
        gh_job(i, f"Rust Engineer {i}", "&lt;p&gt;" + "Rust " * 60 + "&lt;/p&gt;")
        for i in range(2, 60)
    ]
    boards.set_json(PATH, {"jobs": [gh_job(1), *many]})
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count={pages}")  # the disk is full
    caplog.clear()
    for _ in range(3):
        failed = await poller.poll("Acme", force=True)
        assert failed.status == "failed" and "full" in failed.error
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(problems) == 1 and not problems[0].exc_info, [r.getMessage() for r in problems]
    assert store.boards.board("Acme").consecutive_failures == 0, "not the board's fault"
    store.db.execute("PRAGMA max_page_count=1073741823")  # space again
    back = await poller.poll("Acme", force=True)
    assert (back.status, back.new, back.enqueued) == ("ok", 58, 58)
    assert any("writable again" in r.getMessage() for r in caplog.records)


async def test_a_saved_job_that_closes_is_told_once_to_those_who_saved_it(
    store, boards, now
) -> None:
    """One notice per user and poll, naming each saved job that closed (and which were
    applied to); nothing to a user whose saved job is still listed, nothing twice."""
    client = build_client(timeout=1.0)
    p = Poller(
        store.view(PollStores), Fetcher(client), PollingConfig(close_after=1), clock=lambda: now
    )
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    boards.set_json(PATH, {"jobs": [gh_job(i, f"Engineer {i}") for i in (1, 2, 3)]})
    await p.poll("Acme")
    for user in (7, 8):
        store.users.subscribe(user, now)
    for key in ("Acme:1", "Acme:2"):
        store.saved.save(7, store.listings.posting(key), now)
    store.saved.mark_applied(7, "Acme:2", now)
    store.saved.save(8, store.listings.posting("Acme:3"), now)
    boards.set_json(PATH, {"jobs": [gh_job(3, "Engineer 3")]})
    assert (await p.poll("Acme", force=True)).closed == 2
    [told] = store.notices.due_notices(now)
    assert told.chat_id == 7
    assert told.text == (
        "🔒 2 jobs you saved are no longer listed on their boards:\n"
        "• Engineer 1 — Acme Pay\n"
        "• Engineer 2 — Acme Pay (you applied)\n"
        "/saved lists your saved jobs; /unsave closed clears the closed ones."
    )
    await p.poll("Acme", force=True)
    assert len(store.notices.due_notices(now)) == 1, "a close is told once"
    await client.aclose()


async def test_a_saved_job_whose_board_states_its_pay_is_told_once(store, boards, now) -> None:
    """Its board adds the pay to a job saved without one: whoever saved it hears it once, and
    /saved shows the pay; a job saved with the same pay already, or by an older jobbot that
    kept no pay, gets no notice."""
    client = build_client(timeout=1.0)
    p = Poller(store.view(PollStores), Fetcher(client), PollingConfig(), clock=lambda: now)
    store.boards.sync_boards([board("Acme", boards.url(PATH))], now)
    pay = "&lt;p&gt;The base salary range for this role is $150,000 - $180,000.&lt;/p&gt;"
    boards.set_json(PATH, {"jobs": [gh_job(1, "Engineer 1"), gh_job(2, "Engineer 2", pay)]})
    await p.poll("Acme")
    for user in (7, 8, 9):
        store.users.subscribe(user, now)
    one, two = store.listings.posting("Acme:1"), store.listings.posting("Acme:2")
    store.saved.save(7, one, now, render.job_details(one))
    store.saved.save(8, two, now, render.job_details(two))
    store.saved.save(9, one, now)  # saved by an older jobbot: no details kept
    boards.set_json(
        PATH, {"jobs": [gh_job(1, "Engineer 1", pay), gh_job(2, "Engineer 2", pay + " ")]}
    )
    assert (await p.poll("Acme", force=True)).changed == 1
    [told] = store.notices.due_notices(now)
    assert (told.chat_id, told.text) == (
        7,
        "💰 A job you saved now says what it pays: Engineer 1 — Acme Pay: $150k–180k a year.\n"
        "/saved lists your saved jobs.",
    )
    assert [j.details for j in store.saved.saved(9)] == ["Berlin · $150k–180k a year"]
    await p.poll("Acme", force=True)
    assert len(store.notices.due_notices(now)) == 1, "told once"
    await client.aclose()


def test_a_notice_of_one_closed_job_or_of_many_names_ten_at_most() -> None:
    from bot.closings import notice, paid_notice
    from bot.store import Keep

    job = Keep("A:1", "Rust Engineer", "Acme", "https://a.example/1", datetime(2026, 1, 1))
    assert notice([job]) == (
        "🔒 A job you saved is no longer listed on its board: Rust Engineer — Acme.\n"
        "/saved lists your saved jobs; /unsave closed clears the closed ones."
    )
    lines = notice([job] * 12).split("\n")
    assert len(lines) == 13 and lines[-2] == "…and 2 more"
    paid = paid_notice(["Rust Engineer — Acme: €90k"] * 12).split("\n")
    assert paid[0] == "💰 12 jobs you saved now say what they pay:"
    assert paid[1] == "• Rust Engineer — Acme: €90k" and paid[-2:] == [
        "…and 2 more", "/saved lists your saved jobs."
    ] and len(paid) == 13  # fmt: skip
