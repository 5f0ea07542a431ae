"""One job, one message: copies on other boards, reposts and per-city postings are one job."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config_boards import BoardConfig
from bot.models import Posting
from bot.placelist import board_location, with_places
from bot.render import notification
from bot.store import Stores

DESC = "Build the payments ledger in Rust. You will own services end to end, on call included."


def job(board: str, i: int, title: str = "Senior Rust Engineer", **kw: object) -> Posting:
    fields = {
        "key": f"{board}:{i}", "board": board, "external_id": str(i), "title": title,
        "company": "Acme Pay", "location": "Berlin", "url": f"https://{board.lower()}.example/{i}",
        "description": DESC, "content_hash": f"{board}{i}{title}",
    }  # fmt: skip
    fields.update(kw)
    return Posting(**fields)


@pytest.fixture
def two_boards(store: Stores, now) -> Stores:
    store.boards.sync_boards(
        [
            BoardConfig(n, f"https://{n}", "greenhouse", f"https://{n}", 60.0)
            for n in ("ATS", "Getro")
        ],
        now,
    )
    for name in ("ATS", "Getro"):
        store.postings.record(name, [job(name, 0, "Office Manager", description="")], now)
        store.boards.mark_success(name, now, None, None)
    return store


def test_same_apply_url_on_an_aggregator_is_a_copy(two_boards: Stores, now) -> None:
    first = two_boards.postings.record("ATS", [job("ATS", 1)], now)
    assert [p.key for p in first.new] == ["ATS:1"]
    copy = job(
        "Getro", 7, "Sr. Rust Engineer (Payments)", url="https://ats.example/1", description=""
    )
    second = two_boards.postings.record("Getro", [copy], now + timedelta(hours=1))
    assert second.new == [] and [p.key for p in second.copies] == ["Getro:7"]
    assert two_boards.jobs.also_on("ATS:1") == ("Getro|Berlin",)


def test_same_company_title_location_within_30_days_is_a_copy(two_boards: Stores, now) -> None:
    two_boards.postings.record("ATS", [job("ATS", 1)], now)
    repost = two_boards.postings.record(
        "Getro", [job("Getro", 2, description="Other words.")], now + timedelta(days=3)
    )
    assert repost.new == [] and len(repost.copies) == 1
    much_later = two_boards.postings.record(
        "Getro", [job("Getro", 3, url="https://x.example/3")], now + timedelta(days=45)
    )
    assert [p.key for p in much_later.new] == ["Getro:3"], "after 30 days it is a new opening"


def test_one_job_in_several_cities_is_one_message_listing_them(two_boards: Stores, now) -> None:
    cities = [
        job("ATS", i, location=city) for i, city in enumerate(["Berlin", "Lisbon", "Amsterdam"], 1)
    ]
    result = two_boards.postings.record("ATS", cities, now)
    assert [p.key for p in result.new] == ["ATS:1"] and len(result.copies) == 2
    message = notification(result.new[0], ["rust"], now, two_boards.jobs.also_on("ATS:1"))
    assert "Acme Pay · Berlin · Lisbon · Amsterdam" in message.html


def test_different_jobs_stay_different(two_boards: Stores, now) -> None:
    result = two_boards.postings.record(
        "ATS",
        [job("ATS", 1), job("ATS", 2, company="Other Bank"), job("ATS", 3, "Staff Rust Engineer")],
        now,
    )
    assert len(result.new) == 3 and result.copies == []


def test_copies_on_other_boards_are_named_in_the_message(two_boards: Stores, now) -> None:
    two_boards.postings.record("ATS", [job("ATS", 1)], now)
    two_boards.postings.record("Getro", [job("Getro", 9, url="https://ats.example/1")], now)
    message = notification(
        two_boards.listings.posting("ATS:1"), ["rust"], now, two_boards.jobs.also_on("ATS:1")
    )
    assert "Also on Getro" in message.html


def test_a_link_several_postings_share_is_not_their_identity(two_boards: Stores, now) -> None:
    """An aggregator whose postings all point to one careers page: each is its own job, and
    none becomes a copy of another board's posting of that page."""
    careers = "https://acme.example/careers"
    two_boards.postings.record(
        "ATS", [job("ATS", 1, "Data Analyst", url=careers, description="")], now
    )
    later = now + timedelta(hours=1)
    postings = [job("Getro", i, f"Engineer {i}", url=careers, description="") for i in (1, 2, 3)]
    result = two_boards.postings.record("Getro", postings, later)
    assert sorted(p.key for p in result.new) == ["Getro:1", "Getro:2", "Getro:3"]
    assert result.copies == []
    one_more = two_boards.postings.record(
        "Getro", [*postings, job("Getro", 4, "Engineer 4", url=careers)], later
    )
    assert [p.key for p in one_more.new] == ["Getro:4"]


def test_a_posting_linking_to_its_boards_own_page_is_not_identified_by_it(
    two_boards: Stores, now
) -> None:
    page = job("Getro", 5, "Platform Engineer", url="https://Getro", description="")
    other = job("ATS", 6, "Payments Engineer", url="https://Getro/", description="")
    assert [p.key for p in two_boards.postings.record("Getro", [page], now).new] == ["Getro:5"]
    assert [p.key for p in two_boards.postings.record("ATS", [other], now).new] == ["ATS:6"]


def test_a_copy_naming_only_the_first_of_a_jobs_places_is_the_same_job(
    two_boards: Stores, now
) -> None:
    """The ATS lists London and Dublin for the job (its location shows both); an aggregator's
    copy says London: the same company, title and location, by the board's own location."""
    listed = job("ATS", 1, location="London; Dublin", locations=("London", "Dublin"))
    assert [p.key for p in two_boards.postings.record("ATS", [listed], now).new] == ["ATS:1"]
    copy = job("Getro", 2, location="London", url="https://x.example/2", description="Other.")
    result = two_boards.postings.record("Getro", [copy], now + timedelta(hours=1))
    assert result.new == [] and [p.key for p in result.copies] == ["Getro:2"]
    elsewhere = job("Getro", 3, location="Paris", url="https://x.example/3", description="Other.")
    later = two_boards.postings.record("Getro", [copy, elsewhere], now + timedelta(hours=2))
    assert [p.key for p in later.new] == ["Getro:3"], "another place is another opening"


@pytest.mark.parametrize(
    ("board", "places"),
    [
        ("London", ("London", "Dublin")),
        ("London; Dublin", ("London", "Dublin")),  # the board's own string: London's head gives it
        ("Berlin, Germany", ("Berlin", "Lisbon, Portugal")),
        ("Jerome, Idaho", ("Rome", "Jerome")),
        ("Remote", ()),
        ("Zürich; Bern", ("Basel",)),
        ("; ".join(f"Office {i}" for i in range(300)), tuple(f"City {i}" for i in range(300))),
    ],
    ids=range(7),
)
def test_board_location_is_what_with_places_was_given(board: str, places: tuple[str, ...]) -> None:
    shown = with_places(board, places)
    own = board_location(shown, places)
    assert with_places(own, places) == shown and board.startswith(own)
    assert own == (board.split("; ")[0] if board == "London; Dublin" else board)


def test_a_copy_under_the_companys_legal_name_is_the_same_job(two_boards: Stores, now) -> None:
    """Remote OK lists Lookout's job as "Lookout Inc", with a link of its own: the same
    company, title and location (and description)."""
    two_boards.postings.record("ATS", [job("ATS", 1, company="Lookout")], now)
    copy = job("Getro", 2, company="Lookout, Inc.", url="https://remoteok.example/2")
    result = two_boards.postings.record("Getro", [copy], now + timedelta(hours=1))
    assert result.new == [] and [p.key for p in result.copies] == ["Getro:2"]
    other = job("Getro", 3, company="Lookout Labs", url="https://remoteok.example/3")
    later = two_boards.postings.record("Getro", [copy, other], now + timedelta(hours=2))
    assert [p.key for p in later.new] == ["Getro:3"], "another company"
