"""The workplace a posting's text states outright (bot/normalize/statedworkplace.py): it beats
an aggregator's blanket remote flag (Remote OK lists on-site jobs too), never a company
board's own field, and a mere mention of an office is no statement. A company board that
states none gets the one its title or text states (bot/normalize/workterms.py)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.models import BoardInfo, FetchResult, RawPosting
from bot.normalize import posting
from bot.normalize.statedworkplace import stated_workplace
from bot.normalize.workterms import text_workplace
from bot.sources import get
from bot.sources.contract import Context, parse_recorded
from tests import cputime

STATED = [
    # The audit's Central Moloney ad, as Remote OK sends it (HTML).
    ("<p><strong>Work Location:</strong> Onsite (Pine Bluff or Colborne)</p>", "onsite"),
    ("This is an on-site role.", "onsite"),
    ("This role is on-site", "onsite"),
    ("The position is fully onsite in Austin.", "onsite"),
    ("Location: On-site - Austin, TX", "onsite"),
    ("Work&nbsp;Location:&nbsp;In-office", "onsite"),
    ("&lt;p&gt;&lt;b&gt;Work Location:&lt;/b&gt; Onsite&lt;/p&gt;", "onsite"),  # escaped twice
    ("Workplace type: Hybrid", "hybrid"),
    ("This role is hybrid, 3 days a week in the office.", "hybrid"),
    ("This position is hybrid (3 days in Austin).", "hybrid"),
    ("This is a hybrid position based in Leeds.", "hybrid"),
    # Mentions, not statements (the corpus's Remote OK ads have these).
    ("Free Onsite Parking", None),
    ("Virtual Onsite (2 hours) – you'll meet the team.", None),
    ("If the posting is specified as Onsite, you are required to work from an office.", None),
    ("Many teams do offer hybrid options (WFH a day or two a week).", None),
    ("In-person work affords the opportunity for more creative outcomes.", None),
    ("This is a hybrid cloud role.", None),
    ("Location: Hybrid cloud team", None),
    ("This role is not on-site.", None),
    ("Job Type: Full-time, Onsite", None),
    ("We are a hybrid team", None),
    ("This is a remote role.", None),  # (the flag says it already)
    # Either: states neither.
    ("Work location: Hybrid or Remote", None),
    ("Work Location: Onsite. This is a hybrid role.", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "said"), STATED, ids=[t[:40] or "empty" for t, _ in STATED])
def test_what_a_text_states_outright(text: str, said: str | None) -> None:
    assert stated_workplace(text) == said


def _remoteok(description: str) -> dict[str, object]:
    return {
        "id": "7",
        "position": "Electrical Engineer",
        "company": "Brightwell Grid",
        "location": "Springfield",
        "description": description,
        "url": "https://remoteok.com/remote-jobs/7",
    }


@pytest.mark.parametrize(
    ("description", "workplace"),
    [
        ("<p><b>Work Location:</b> Onsite (Springfield or Dayton)</p>", "onsite"),
        ("<p>This is a hybrid role: three days in Leeds.</p>", "hybrid"),
        ("<p>Build it from anywhere. Free onsite parking at HQ.</p>", "remote"),
        ("<p>Build it from anywhere.</p>", "remote"),
    ],
)
def test_a_remote_ok_job_whose_text_says_on_site_is_on_site(
    description: str, workplace: str
) -> None:
    """Remote OK flags every job remote; the employer's own statement wins over that flag."""
    body = json.dumps([{"legal": "terms"}, _remoteok(description)]).encode()
    result = FetchResult(url="https://remoteok.com/api", body=body, content_type="application/json")
    [raw] = parse_recorded(
        get("remoteok"), result, Context(url="https://remoteok.com/api")
    ).postings
    p = posting(raw, BoardInfo("remoteok", "remoteok", "https://remoteok.com/api"))
    assert p.workplace == workplace


def test_a_company_boards_own_field_beats_its_text() -> None:
    """An ATS's structured field is the employer's word: text does not overrule it."""
    raw = RawPosting(
        external_id="1",
        title="Engineer",
        url="https://jobs.example/1",
        workplace="remote",
        description_html="<p>Work Location: Onsite (Berlin)</p>",
    )
    assert posting(raw, BoardInfo("acme", "ashby", "https://jobs.example")).workplace == "remote"


def test_a_hostile_text_of_workplace_words_costs_what_an_ordinary_one_does() -> None:
    """Only the first 20 places are read, each a few hundred characters."""
    ordinary = ("Build the ledger in Rust with our team in Berlin. " * 2000)[:100_000]
    hostile = ("This role is hybrid or onsite. Location: on-site <b " * 2000)[:100_000]
    assert cputime.ratio(lambda: stated_workplace(hostile), lambda: stated_workplace(ordinary)) < 20


# --- a company board that states no workplace: the title, the location, the text -----------

ATS_STATED = [  # (title, location, description HTML, workplace it reads)
    # The walk's Figma-style posting: "hybrid" only in the text (bug 1).
    ("Senior Product Designer", "New York, NY",
     "<p>This is a hybrid role based in our New York City office, 3 days a week in office.</p>",
     "hybrid"),
    ("Product Designer", "New York, NY", "<p><b>Work Location:</b> Hybrid</p>", "hybrid"),
    ("Product Designer", "New York, NY",
     "<p>Job Type: Full-time</p><p>Work Location: Hybrid remote in New York, NY 10001</p>",
     "hybrid"),
    ("Product Designer", "United States", "<p>Location: New York, NY (Hybrid)</p>", "hybrid"),
    ("Product Designer", "New York", "<p>This role is hybrid, 3 days a week in NYC.</p>", "hybrid"),
    ("Product Designer, Hybrid - New York", "New York", "<p>Design it.</p>", "hybrid"),
    ("Product Designer (NYC Hybrid)", "New York", "<p>Design it.</p>", "hybrid"),
    ("Product Designer", "Hybrid - New York", "<p>Design it.</p>", "hybrid"),
    # "Remote" said outside the location (bug 7).
    ("Staff Product Designer", "United States",
     "<p>This position is US - Remote Eligible. The role may include occasional travel.</p>",
     "remote"),
    ("Principal Product Designer", "San Francisco, CA • New York, NY • United States",
     "<p>We're remote-friendly within the US, with hubs in SF and NYC.</p>", "remote"),
    ("Product Designer", "United States", "<p>This is a fully remote position.</p>", "remote"),
    ("Product Designer", "United States", "<p>This role is eligible for remote work.</p>",
     "remote"),
    ("Product Designer", "Europe", "<p>This role can be based remotely within the EU.</p>",
     "remote"),
    # Mentions, not statements.
    ("Cloud Architect", "New York", "<p>We have a hybrid cloud on three providers.</p>", None),
    ("GIS Analyst", "Denver", "<p>Experience with remote sensing data.</p>", None),
    ("Product Designer", "New York", "<p>This role is not remote.</p>", None),
    ("Product Designer", "New York", "<p>This is not a remote role.</p>", None),
    ("Product Designer", "New York", "<p>This role is remote sensing heavy.</p>", None),
    ("Product Designer", "New York", "<p>Remote work is not available for this role.</p>", None),
    ("Product Designer", "New York", "<p>This position is not remote eligible.</p>", None),
    ("Product Designer", "New York", "<p>We are a hybrid team with a remote-first culture.</p>",
     None),
    ("Product Designer", "New York", "<p>Many teams offer hybrid options.</p>", None),
    ("Product Designer", "New York", "<p>Location: Hybrid cloud team</p>", None),
    ("Product Designer", "New York", "<p>If the job description states that the position is "
     "fully remote or 100% office-based, that arrangement applies.</p>", None),
    ("Product Designer", "New York", "<p>Our remote employees meet every quarter.</p>", None),
    ("Analyst - GIS Remote Sensing", "Denver", "<p>Map it.</p>", None),
    # Either: states neither.
    ("Product Designer", "New York", "<p>Work location: Hybrid or Remote</p>", None),
    ("Product Designer", "New York",
     "<p>This role is hybrid.</p><p>This is a fully remote position.</p>", None),
]  # fmt: skip


def _greenhouse(title: str, location: str, content: str, **more: object) -> RawPosting:
    """A posting as the Greenhouse parser reads a recorded answer (no workplace field)."""
    job = {"id": 1, "title": title, "location": {"name": location}, "content": content,
           "absolute_url": "https://boards.greenhouse.io/figma/jobs/1", **more}  # fmt: skip
    body = json.dumps({"jobs": [job]}).encode()
    url = "https://boards-api.greenhouse.io/v1/boards/figma/jobs?content=true"
    result = FetchResult(url=url, body=body, content_type="application/json")
    [raw] = parse_recorded(get("greenhouse"), result, Context(url=url)).postings
    return raw


@pytest.mark.parametrize(
    ("title", "location", "content", "said"), ATS_STATED, ids=[r[2][:40] for r in ATS_STATED]
)
def test_a_company_boards_posting_states_its_workplace_in_its_text(
    title: str, location: str, content: str, said: str | None
) -> None:
    """A board with no workplace field (Greenhouse): the location, then a short part of the
    title, then a statement in the text; a mere mention is none."""
    raw = _greenhouse(title, location, content)
    info = BoardInfo("figma", "greenhouse", "https://boards.greenhouse.io/figma")
    assert posting(raw, info).workplace == said


def test_a_boards_own_field_wins_over_what_its_text_states() -> None:
    """The board's field, when it states one, is never overruled by text; a board's remote
    location wins over a hybrid sentence."""
    info = BoardInfo("figma", "ashby", "https://jobs.ashbyhq.com/figma")
    raw = RawPosting("1", "Product Designer", "https://x.example/1", workplace="OnSite",
                     description_html="<p>This is a hybrid role.</p>")  # fmt: skip
    assert posting(raw, info).workplace == "onsite"
    raw = replace(raw, workplace=None, location="Remote - US")
    assert posting(raw, info).workplace == "remote"


def test_text_workplace_reads_plain_text_and_misses_capitals() -> None:
    assert text_workplace("Work Location: Hybrid\nJob Type: Full-time") == "hybrid"
    assert text_workplace("WORK LOCATION: HYBRID") is None  # (a word in capitals is missed)
    assert text_workplace(None) is None


def test_a_hostile_text_of_remote_words_costs_what_an_ordinary_one_does() -> None:
    """Only the first 20 places are read, each a window of about 140 characters."""
    ordinary = ("Build the ledger in Rust with our team in Berlin. " * 2000)[:100_000]
    hostile = ("This role is hybrid or remote. Location: remote-ish <b " * 2000)[:100_000]
    assert cputime.ratio(lambda: text_workplace(hostile), lambda: text_workplace(ordinary)) < 20
