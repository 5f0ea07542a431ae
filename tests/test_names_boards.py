"""A board's default name from its URL, and the company a message shows for a board whose
postings name none: never a page's word ("item", "Career", "remote-jobs.rss"), a job's number
or a platform's careers word ("workwithus"); a slug written as a name, for display only."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import dedupe
from bot.ats import name_for
from bot.boardnames import names_nothing
from bot.company import company_key
from bot.models import BoardInfo, FetchResult, Posting
from bot.normalize import posting
from bot.render import job_line, notification
from bot.render_title import shown_company
from bot.sources import get
from bot.sources.contract import Context, parse_recorded

FIXTURES = Path(__file__).parent / "fixtures" / "names"
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://news.ycombinator.com/item?id=44434576", "Hacker News"),
        ("https://news.ycombinator.com/submitted?id=whoishiring", "Hacker News"),
        ("https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_44434576", "Hacker News"),
        ("https://weworkremotely.com/remote-jobs.rss", "We Work Remotely"),
        ("https://weworkremotely.com/categories/remote-programming-jobs.rss", "We Work Remotely"),
        ("https://remoteok.com/api", "Remote OK"),
        ("https://career.teamtailor.com/jobs.json", "Teamtailor"),
        ("https://career.teamtailor.com/jobs.rss", "Teamtailor"),
        ("https://workwithus.pinpointhq.com", "Pinpoint"),
        ("https://careers.bamboohr.com/careers", "BambooHR"),
        ("https://careers.fifthdimensionai.com/jobs/4876297", "Fifthdimensionai"),
        ("https://careers.moove.io/jobs/8041975-director-fleet", "Moove"),
        ("https://example.org/feed.xml", "Example"),
        ("https://karriere.acme.de/stellen", "Acme"),
        ("https://jobs.acme.co.uk/feed", "Acme"),
        ("https://careers-quillfin.icims.com/jobs/search", "Careers-quillfin"),
    ],
)  # fmt: skip
def test_a_url_without_a_company_part_is_named_after_its_site(url: str, name: str) -> None:
    assert name_for(url) == name


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://jobs.lever.co/idealistconsulting", "idealistconsulting"),
        ("https://jobs.lever.co/remote", "remote"),  # a platform's path is its customer's
        ("https://boards.greenhouse.io/hp", "hp"),
        ("https://acme.teamtailor.com/jobs", "Acme"),
        ("https://elysium-health.breezy.hr", "Elysium-health"),
        ("https://jobs.gem.com/gem", "gem"),
        ("https://ats.rippling.com/joinroot/jobs", "joinroot"),
        ("http://127.0.0.1:8080/acme.rss", "acme.rss"),  # a feed's file of a name names it
        ("http://127.0.0.1:8080/daily.xml", "daily.xml"),
    ],
)  # fmt: skip
def test_a_url_with_a_company_part_keeps_its_name(url: str, name: str) -> None:
    assert name_for(url) == name


@pytest.mark.parametrize(
    ("part", "nothing"),
    [
        ("item", True), ("remote-jobs.rss", True), ("jobs.json", True), ("feed", True),
        ("4876297", True), ("8041975-director-fleet-vehicle", True), ("workwithus", True),
        ("836568ae-5bd5-4727-b543-9b15476abdd4", True), ("work-with-us", True),
        ("acme", False), ("acme.rss", False), ("new-relic", False), ("1password", False),
        ("23andme", False),
    ],
)  # fmt: skip
def test_which_url_parts_name_no_company(part: str, nothing: bool) -> None:
    assert names_nothing(part) is nothing


@pytest.mark.parametrize(
    ("company", "board", "shown"),
    [
        ("idealistconsulting", "idealistconsulting", "Idealistconsulting"),
        ("gem", "gem", "Gem"),
        ("Elysium-health", "Elysium-health", "Elysium Health"),
        ("elysium-health", "elysium-health", "Elysium Health"),
        ("Career", "Career", "Career"),
        ("WWR", "WWR", "WWR"),
        ("iOS-team", "iOS-team", "iOS-team"),
        ("Acme Labs", "Acme Labs", "Acme Labs"),
        ("dbt labs", "dbt", "dbt labs"),  # the board's own data: as it spells it
        ("monday.com", "Monday", "monday.com"),
    ],
)  # fmt: skip
def test_a_board_name_standing_for_the_company_is_written_as_a_name(
    company: str, board: str, shown: str
) -> None:
    assert shown_company(company, board) == shown
    assert company_key(shown) == company_key(company), "a mute by either spelling is one"


def _postings(kind: str, file: str, board_url: str) -> list[Posting]:
    source = get(kind)
    endpoint = source.endpoint(board_url) or board_url
    name = name_for(board_url, endpoint)
    body = (FIXTURES / file).read_bytes()
    result = FetchResult(url=endpoint, body=body, content_type="application/json")
    raws = parse_recorded(source, result, Context(board=name, url=endpoint)).postings
    return [posting(raw, BoardInfo(name, kind, endpoint)) for raw in raws]


def test_a_lever_slug_is_shown_as_a_name_but_stored_as_the_board_names_it() -> None:
    first, second = _postings(
        "lever", "lever_postings.json", "https://jobs.lever.co/brightwaterconsulting"
    )
    assert first.company == first.board == "brightwaterconsulting", "stored data is unchanged"
    message = notification(first, ("salesforce",), NOW, delivery_id=7)
    lines = message.plain.split("\n")
    assert lines[:2] == ["Salesforce Consultant", "Brightwaterconsulting · Chicago, IL (remote)"]
    assert "via brightwaterconsulting" in message.plain, "the board keeps its name"
    assert [b.text for b in message.buttons[1]] == [
        "Not interested", "Mute Brightwaterconsulting", "Pause alert"
    ]  # fmt: skip
    assert (
        "Solution Architect — Brightwaterconsulting · Chicago, IL (hybrid)" in job_line(second)[1]
    )


def test_a_platforms_own_careers_site_names_the_platform() -> None:
    (job,) = _postings("pinpoint", "pinpoint_postings.json", "https://workwithus.pinpointhq.com")
    assert (job.board, job.company) == ("Pinpoint", "Pinpoint")
    lines = notification(job, (), NOW, delivery_id=1).plain.split("\n")
    assert lines[:2] == ["Support Engineer", "Pinpoint · London, Remote"], "(all genders) is out"
    assert "Via Pinpoint" in lines, "no date on Pinpoint: the board alone"


def test_a_teamtailor_json_feed_on_its_career_host_is_teamtailors() -> None:
    (job,) = _postings("jsonld", "teamtailor_feed.json", "https://career.teamtailor.com/jobs.json")
    assert (job.board, job.company) == ("Teamtailor", "Teamtailor")
    message = notification(job, (), NOW, delivery_id=1)
    assert message.plain.split("\n")[:2] == [
        "Mid-Market Account Executive", "Teamtailor · Berlin, DE"
    ]  # fmt: skip
    assert "Mute Teamtailor" in [b.text for b in message.buttons[1]]


def test_the_shown_company_keeps_a_jobs_identity() -> None:
    """A stored job keeps its company; were it written as shown, it would still be the same
    job to `bot.dedupe` (case and hyphens do not count), so no copy is sent twice."""
    (job,) = _postings(
        "pinpoint", "pinpoint_postings.json", "https://elysium-health.pinpointhq.com"
    )
    assert job.company == "Elysium-health"
    renamed = replace(job, company=shown_company(job.company, job.board))
    assert renamed.company == "Elysium Health"
    assert dedupe.identity(renamed).ctl == dedupe.identity(job).ctl
