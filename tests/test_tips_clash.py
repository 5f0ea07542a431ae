"""Two values of one attribute side by side ("remote:yes remote:hybrid", "salary:>=80k
salary:none") match no job: the alert is saved as typed, with a tip offering them as either.
Checked through the real handlers, and with the matcher on postings of every kind: the typed
query matches none of them, the offered one each job of either value."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from bot import normalize
from bot.match import matches
from bot.models import Posting
from bot.query import parse
from bot.telegram.handlers import Handlers
from tests.alerting import INFO, raw, say, world_handlers

OFFERED = re.compile(r"<code>/(?:edit \d+|search) ([^<]+)</code>")
BASE = normalize.posting(raw(1, "Go Engineer", "Berlin", "Go and Postgres."), INFO)
KINDS: list[Posting] = [
    replace(BASE, workplace=w, employment_type=t, salary_min=s, salary_currency=c)
    for w in ("remote", "hybrid", "onsite")
    for t in ("full_time", "contract")
    for s, c in ((None, None), (90_000.0, "EUR"))
]


@pytest.fixture
def handlers(store, now) -> Handlers:
    return world_handlers(store, now)


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("go remote:yes remote:hybrid", "go (remote:yes OR remote:hybrid)"),
        ("go salary:>=80k salary:none", "go (salary:>=80k OR salary:none)"),
        ("go type:contract type:full-time", "go (type:contract OR type:full-time)"),
        (
            "go (salary:>=EUR80k OR salary:>=GBP70k) salary:none",
            "go (salary:>=EUR80k OR salary:>=GBP70k OR salary:none)",
        ),
        ("go remote:no remote:yes type:contract", "go (remote:no OR remote:yes) type:contract"),
    ],
)
async def test_values_no_job_has_together_are_offered_as_either(handlers, typed, offered):
    reply = await say(handlers, f"/alert {typed}")
    assert "✅ Alert" in reply and "together match no job" in reply
    [query] = [html.unescape(q) for q in OFFERED.findall(reply)][:1]
    assert parse(query).normalized == parse(offered).normalized
    assert not any(matches(typed, p) for p in KINDS), "as typed, it matches no job"
    assert any(matches(query, p) for p in KINDS)


@pytest.mark.parametrize(
    "typed",
    [
        "go remote:yes",
        "go salary:stated salary:>=80k",  # both hold for a job paying 90k
        "go remote:yes type:contract",
        "go (remote:yes OR remote:hybrid)",
        "go years:<=3 salary:none",
    ],
)
async def test_filters_a_job_can_meet_together_get_no_such_tip(handlers, typed):
    reply = await say(handlers, f"/alert {typed}")
    assert "✅ Alert" in reply and "together match no job" not in reply


async def test_a_search_that_found_nothing_says_why_with_the_search_that_finds_either(handlers):
    reply = await say(handlers, "/search go remote:yes remote:no")
    assert "together match no job" in reply
    assert "/search go (remote:yes OR remote:no)" in html.unescape(reply)
