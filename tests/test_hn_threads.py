"""An `hn` board without an item id follows the newest "Who is hiring?" thread (issue 11, §6):
which URLs mean that, and which thread a list of whoishiring's stories points to."""

from __future__ import annotations

import json

import pytest

from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.errors import ParseError
from bot.http import Fetcher, build_client
from bot.poller import Poller
from bot.sources import hn_threads
from bot.storing import PollStores
from tests.conftest import FIXTURES

THREADS = json.loads((FIXTURES / "hn_threads.json").read_text())


def test_the_newest_who_is_hiring_thread_is_picked_not_its_siblings() -> None:
    assert hn_threads.newest_hiring_thread(THREADS) == "48300000"


def test_an_older_thread_listed_first_does_not_win() -> None:
    hits = list(reversed(THREADS["hits"]))
    assert hn_threads.newest_hiring_thread({"hits": hits}) == "48300000"


def test_a_list_without_a_hiring_thread_is_a_clear_error() -> None:
    others = [h for h in THREADS["hits"] if "hiring?" not in h["title"]]
    with pytest.raises(ParseError, match="no “Ask HN: Who is hiring\\?” thread"):
        hn_threads.newest_hiring_thread({"hits": others})
    with pytest.raises(ParseError, match="with 'hits'"):
        hn_threads.newest_hiring_thread(["not", "a", "result"])


@pytest.mark.parametrize(
    ("url", "submitted", "thread_list", "one_thread"),
    [
        ("https://news.ycombinator.com/submitted?id=whoishiring", True, False, False),
        ("news.ycombinator.com/submitted?id=whoishiring", True, False, False),
        ("https://news.ycombinator.com/submitted?id=pg", False, False, False),
        (hn_threads.THREADS, False, True, False),
        (
            "http://127.0.0.1:9/api/v1/search_by_date?tags=(story,author_whoishiring)",
            False,
            True,
            False,
        ),
        (
            "https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_48000000",
            False,
            False,
            True,
        ),
        ("https://hn.algolia.com/api/v1/items/48000000", False, False, True),
        ("https://news.ycombinator.com/", False, False, False),
    ],
)
def test_which_urls_follow_the_latest_thread(url, submitted, thread_list, one_thread) -> None:
    assert hn_threads.is_submitted_page(url) is submitted
    assert hn_threads.is_thread_list(url) is thread_list
    assert hn_threads.names_a_thread(url) is one_thread


def test_the_thread_is_read_from_the_host_that_listed_it() -> None:
    assert hn_threads.thread_url(hn_threads.THREADS, "48300000") == (
        "https://hn.algolia.com/api/v1/items/48300000"
    )
    assert hn_threads.thread_url("http://127.0.0.1:8080/api/v1/search_by_date?x=1", "7") == (
        "http://127.0.0.1:8080/api/v1/items/7"
    )


# --- over loopback: the poller follows the thread from month to month --------------------------

LIST = "/api/v1/search_by_date?tags=story,author_whoishiring"


def _story(story: int, month: str, comments: int = 1) -> dict:
    return {
        "title": f"Ask HN: Who is hiring? ({month} 2026)",
        "objectID": str(story),
        "created_at_i": story,  # later stories, later ids
        "num_comments": comments,
    }


def _thread(story: int, *jobs: tuple[int, str]) -> dict:
    return {
        "id": story,
        "type": "story",
        "children": [
            {"id": i, "type": "comment", "text": f"Acme {i} | {title} | Remote<p>Apply.",
             "created_at": "2026-11-02T10:00:00Z"}
            for i, title in jobs
        ],
    }  # fmt: skip


@pytest.fixture
async def poller(store):
    client = build_client(timeout=2.0)
    yield Poller(store.view(PollStores), Fetcher(client), PollingConfig(), lambda: None)
    await client.aclose()


async def test_an_hn_board_moves_to_each_new_thread_and_announces_only_its_jobs(
    poller, store, boards, now
) -> None:
    url = boards.url(LIST)
    store.boards.sync_boards([BoardConfig("HN", url, "hn", url, 3600.0)], now)
    store.users.subscribe(7, now)
    store.alerts.add_alert(7, "engineer", now)
    boards.set_json(LIST, {"hits": [_story(500, "October")]})
    boards.set_json("/api/v1/items/500", _thread(500, (501, "Rust Engineer"), (502, "Go Engineer")))
    first = await poller.poll("HN")
    assert (first.status, first.seen) == ("baseline", 2)

    # November's thread appears: with no comments yet it waits, then it is read instead.
    boards.set_json(LIST, {"hits": [_story(600, "November", 0), _story(500, "October")]})
    waiting = await poller.poll("HN")
    assert (waiting.status, waiting.new) == ("ok", 0)
    boards.set_json(LIST, {"hits": [_story(600, "November"), _story(500, "October")]})
    boards.set_json("/api/v1/items/600", _thread(600, (601, "Data Engineer")))
    moved = await poller.poll("HN")
    assert (moved.new, moved.enqueued) == (1, 1)  # October's jobs close after close_after
    assert [d.posting.key for d in store.outbox.due(now.replace(year=2100))] == ["HN:601"]
    again = await poller.poll("HN")
    assert (again.new, again.enqueued) == (0, 0)
    paths = [p for p, _ in boards.requests]
    assert paths.count(LIST) == 4 and paths.count("/api/v1/items/600") == 2
