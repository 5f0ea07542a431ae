"""An `hn` board without an item id follows the newest "Who is hiring?" thread (issue 11, §6):
which URLs mean that, and which thread a list of whoishiring's stories points to."""

from __future__ import annotations

import json

import pytest

from bot.errors import ParseError
from bot.sources import hn_threads
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
