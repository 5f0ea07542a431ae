"""A board polled over loopback whose postings need detail requests (SmartRecruiters): a detail
that fails keeps its posting from the list data, never drops it, never makes an old job new."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.http import Fetcher, build_client
from bot.poller import Poller
from bot.sources import base
from bot.sources.contract import Context, Page, Response
from bot.sources.smartrecruiters import SmartRecruiters
from bot.store import Stores
from bot.storing import PollStores

LIST = "/v1/companies/Quillfin/postings"
PAGE = LIST + "?limit=100&offset=0"


def item(i: int, title: str = "Rust Engineer") -> dict:
    return {"id": str(i), "name": f"{title} {i}", "postingUrl": f"https://jobs.example/{i}"}


def detail(i: int, title: str = "Rust Engineer", more: str = "") -> dict:
    ad = {"sections": {"jobDescription": {"title": "The job", "text": f"<p>Ad {i}</p>{more}"}}}
    return item(i, title) | {"jobAd": ad}


def serve(boards, ids: list[int], details: dict[int, int]) -> None:
    """The list of `ids`; each detail answers with the status in `details` (200 by default)."""
    boards.set_json(PAGE, {"totalFound": len(ids), "content": [item(i) for i in ids]})
    for i in ids:
        status = details.get(i, 200)
        if status == 200:
            boards.set_json(f"{LIST}/{i}", detail(i))
        else:
            boards.set(f"{LIST}/{i}", b"{}", status=status, headers={"Retry-After": "1"})


@pytest.fixture
async def poller(store: Stores):
    client = build_client(timeout=1.0)
    p = Poller(store.view(PollStores), Fetcher(client), PollingConfig())
    yield p
    p.close()
    await client.aclose()


@pytest.fixture
def quill(store, boards, now):
    url = boards.url(LIST)
    store.boards.sync_boards([BoardConfig("Quill", url, "smartrecruiters", url, 60.0)], now)
    store.users.subscribe(7, now)
    store.alerts.add_alert(7, "rust", now)
    return "Quill"


async def test_a_baseline_whose_details_are_refused_still_baselines_every_posting(
    poller, store, boards, quill, now
) -> None:
    serve(boards, [1, 2, 3], {1: 429, 2: 429, 3: 429})
    first = await poller.poll(quill)
    assert (first.status, first.seen) == ("baseline", 3)
    assert store.listings.posting("Quill:1").title == "Rust Engineer 1"  # from the list data
    serve(boards, [1, 2, 3], {})
    second = await poller.poll(quill)
    assert (second.status, second.new, second.enqueued) == ("ok", 0, 0), "old jobs stay old"
    assert "Ad 2" in store.listings.posting("Quill:2").description, "filled in on a later poll"
    third = await poller.poll(quill)
    assert (third.status, third.new) == ("ok", 0)
    assert not store.outbox.due(now.replace(year=2100))


async def test_a_new_posting_whose_detail_fails_is_still_new_and_alerted(
    poller, store, boards, quill, now
) -> None:
    serve(boards, [1], {})
    await poller.poll(quill)
    serve(boards, [1, 2], {2: 404})
    second = await poller.poll(quill)
    assert (second.new, second.enqueued) == (1, 1)
    assert [d.posting.key for d in store.outbox.due(now.replace(year=2100))] == ["Quill:2"]
    serve(boards, [1, 2], {})
    third = await poller.poll(quill)
    assert (third.new, third.enqueued) == (0, 0)
    assert "Ad 2" in store.listings.posting("Quill:2").description
    asked = [path for path, _ in boards.requests if path == f"{LIST}/2"]
    assert len(asked) == 2, "the failed detail is asked for again, once"


async def test_a_detail_still_owed_is_asked_for_again_after_a_restart(
    poller, store, boards, quill, now
) -> None:
    serve(boards, [1], {})
    await poller.poll(quill)
    serve(boards, [1, 2], {2: 503})
    assert (await poller.poll(quill)).new == 1
    poller.close()  # the bot stops; a new one over the same database polls next
    client = build_client(timeout=1.0)
    restarted = Poller(store.view(PollStores), Fetcher(client), PollingConfig())
    try:
        serve(boards, [1, 2], {})
        third = await restarted.poll(quill)
    finally:
        restarted.close()
        await client.aclose()
    assert (third.new, third.enqueued) == (0, 0)
    assert "Ad 2" in store.listings.posting("Quill:2").description
    asked = [path for path, _ in boards.requests if path == f"{LIST}/1"]
    assert len(asked) == 1, "a posting stored whole is not asked for again"


PAY = "<p>The base salary range for this role is $150,000 - $180,000.</p>"


async def test_a_recent_jobs_detail_is_read_again_a_day_on_and_its_edit_reaches(
    store, boards, quill, now
) -> None:
    """SmartRecruiters says a job's text and pay only in its detail, asked once, when the job
    is new: a pay its board added days later was never seen, and "rust salary:>=100k" lost
    the job. A recent job's detail is read again once a day: the edit reaches that alert,
    saying what changed."""
    clock = [now]
    client = build_client(timeout=1.0)
    poller = Poller(
        store.view(PollStores), Fetcher(client), PollingConfig(), clock=lambda: clock[0]
    )
    store.users.subscribe(8, now)
    store.alerts.add_alert(8, "rust salary:>=100k", now)
    try:
        serve(boards, [1], {})
        assert (await poller.poll(quill)).status == "baseline"
        serve(boards, [1, 2], {})
        assert (await poller.poll(quill)).enqueued == 1, "to 'rust' (7)"
        boards.set_json(f"{LIST}/2", detail(2, more=PAY))
        clock[0] += timedelta(hours=6)
        assert (await poller.poll(quill)).changed == 0, "read today: not asked again yet"
        clock[0] += timedelta(days=1)
        again = await poller.poll(quill)
        assert (again.changed, again.enqueued) == (1, 1)
        clock[0] += timedelta(hours=1)
        assert (await poller.poll(quill)).changed == 0, "read again: not before a day"
    finally:
        poller.close()
        await client.aclose()
    [paid] = [i for i in store.outbox.due(now.replace(year=2100)) if i.chat_id == 8]
    assert (paid.posting.key, paid.posting.salary_min, paid.edit) == (
        "Quill:2",
        150_000,
        "pay added, description changed",
    )
    asked = [path for path, _ in boards.requests if path.startswith(f"{LIST}/")]
    assert sorted(asked) == [f"{LIST}/1", f"{LIST}/2", f"{LIST}/2"], "the baseline's once"


async def test_a_detail_that_reading_fails_on_keeps_its_posting_and_the_board(
    poller, store, boards, quill, now, monkeypatch, caplog
) -> None:
    """A bug met reading one detail (a source whose parse raises on it: a plugin kind here)
    leaves that posting as the list gave it, logged once with its traceback; the board's
    other new jobs are stored and sent."""

    class Brittle(SmartRecruiters):
        kind = "brittle"

        def parse(self, response: Response, ctx: Context) -> Page:
            if response.request.detail_of == "2":
                raise TypeError("a bug in reading this detail")
            return super().parse(response, ctx)

    monkeypatch.setitem(base._REGISTRY, "brittle", Brittle())
    store.db.execute("UPDATE boards SET kind = 'brittle' WHERE name = ?", (quill,))
    serve(boards, [1], {})
    await poller.poll(quill)
    caplog.set_level(logging.ERROR)
    serve(boards, [1, 2, 3], {})
    second = await poller.poll(quill)
    assert (second.status, second.new, second.enqueued) == ("ok", 2, 2)
    assert store.listings.posting("Quill:2").title == "Rust Engineer 2"  # from the list data
    assert "Ad 3" in store.listings.posting("Quill:3").description
    await poller.poll(quill)  # the bug met again: not logged again
    (logged,) = [r for r in caplog.records if "reading the detail" in r.getMessage()]
    assert "brittle: reading the detail of posting 2 failed" in logged.getMessage()
    assert logged.exc_info is not None and logged.exc_info[0] is TypeError
