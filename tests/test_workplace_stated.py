"""The workplace a posting's text states outright (bot/normalize/statedworkplace.py): it beats
an aggregator's blanket remote flag (Remote OK lists on-site jobs too), never a company
board's own field, and a mere mention of an office is no statement."""

from __future__ import annotations

import json

import pytest

from bot.models import BoardInfo, FetchResult, RawPosting
from bot.normalize import posting
from bot.normalize.statedworkplace import stated_workplace
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
