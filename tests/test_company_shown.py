"""The company as every reply shows it: a board whose postings name none ("elysium-health") is
written as a name ("Elysium Health") in the job's message and list lines, and so in /saved, /why,
/why's choices, the answer to "how much does it pay?" in reply to the job, and the notice of a
saved job that closed; each cut at one of two widths (`render_title.ONE_JOB`, `LISTED`)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot import normalize
from bot.closings import notice, tell_closed
from bot.company import company_key
from bot.config import AlertsConfig
from bot.config_boards import BoardConfig
from bot.models import BoardInfo, Delivery, Posting, RawPosting
from bot.render import job_line, notification
from bot.render_title import LISTED, ONE_JOB, company_cut, saved_company
from bot.store import Keep, Stores
from bot.telegram import whyname
from bot.telegram.handlers import Handlers
from bot.transport import Incoming
from bot.wording import shorten
from tests.alerting import USER, say

SLUG = "elysium-health"
URL = "https://example.com/eh"
LONG = "Vellum " + "Payments and Settlement Infrastructure " * 2 + "Holdings"  # 93 characters


def _raw(i: int, title: str, company: str = "") -> RawPosting:
    return RawPosting(
        external_id=str(i),
        title=title,
        url=f"/jobs/{i}",
        location="Berlin",
        description_html="<p>Rust and Postgres.</p>",
        posted_at="2026-11-20T10:00:00Z",
        company=company,
    )


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    """Board elysium-health, whose postings name no company: two jobs, and one of a company
    with a long name."""
    store.boards.sync_boards([BoardConfig(SLUG, URL, "greenhouse", URL, 60.0)], now)
    store.postings.record(SLUG, [], now - timedelta(days=30))  # the baseline poll
    info = BoardInfo(SLUG, "greenhouse", URL)
    raws = [_raw(1, "Go Engineer"), _raw(2, "Rust Engineer"), _raw(3, "Data Engineer", LONG)]
    store.postings.record(SLUG, [normalize.posting(r, info) for r in raws], now)
    store.users.subscribe(USER, now)
    return Handlers(store.db, AlertsConfig(), clock=lambda: now)


def _job(store: Stores, n: int) -> Posting:
    posting = store.listings.posting(f"{SLUG}:{n}")
    assert posting is not None
    return posting


def test_the_message_and_a_list_line_show_the_slug_as_a_name(store, handlers, now) -> None:
    job = _job(store, 1)
    assert job.company == job.board == SLUG, "stored as the board names it"
    assert notification(job, (), now).plain.split("\n")[1] == "Elysium Health · Berlin"
    assert job_line(job)[1].startswith("• Go Engineer — Elysium Health · Berlin")


async def test_saved_lists_the_company_as_the_message_shows_it(store, handlers, now) -> None:
    for n in (1, 3):
        store.saved.save(USER, _job(store, n), now)
    lines = (await say(handlers, "/saved")).split("\n")
    assert " — Elysium Health · Berlin · saved 21 Nov · open" in lines[2]
    assert f" — {shorten(LONG, LISTED)} · Berlin · saved" in lines[1], "a list line's width"
    assert shorten(LONG, LISTED) in job_line(_job(store, 3))[1], "as /search lists it"


async def test_why_names_the_company_as_the_message_shows_it(store, handlers, now) -> None:
    head = (await say(handlers, f"/why {SLUG}:1")).split("\n")[0]
    assert head == "🔍 <b>Go Engineer</b> — Elysium Health", "its board, the company, not again"
    head = (await say(handlers, f"/why {SLUG}:3")).split("\n")[0]
    shown = notification(_job(store, 3), (), now).plain.split("\n")[1]
    assert shown == f"{shorten(LONG, ONE_JOB)} · Berlin" and shown.startswith(LONG)
    assert head == f"🔍 <b>Data Engineer</b> — {LONG} ({SLUG})", "the message's width"


def test_whys_choices_name_the_company_as_the_message_shows_it(store, handlers) -> None:
    found = [_job(store, n) for n in (1, 2, 3)]
    lines = whyname.choices("engineer berlin", found, "").split("\n")
    assert lines[1] == f"• Go Engineer — Elysium Health · Berlin: <code>/why {SLUG}:1</code>"
    assert lines[3].startswith(f"• Data Engineer — {shorten(LONG, LISTED)} · Berlin:")


async def test_a_reply_about_the_job_names_the_company_as_its_message(store, handlers, now) -> None:
    store.outbox.enqueue([Delivery(USER, f"{SLUG}:1", ())], now)
    [item] = store.outbox.due(now)
    store.outbox.mark_sending(item.id)
    store.outbox.mark_sent(item.id, now, 101)
    answer = await handlers(Incoming(USER, "how much does it pay?", reply_to_message_id=101))
    assert answer == "Go Engineer — Elysium Health: Berlin. Its board states no pay."


def test_the_notice_of_a_closed_saved_job_names_the_company_as_shown(store, handlers, now) -> None:
    for n in (1, 3):
        store.saved.save(USER, _job(store, n), now)
    assert tell_closed(store.saved, store.notices, [f"{SLUG}:1", f"{SLUG}:3"], now) == 1
    [told] = store.notices.due_notices(now)
    assert "• Go Engineer — Elysium Health\n" in told.text
    assert f"• Data Engineer — {shorten(LONG, LISTED)}\n" in told.text
    other = Keep("acme:1", "Go Engineer", SLUG, "https://a.example/1", now)
    assert f"— {SLUG}." in notice([other]), "a company that is not its board's name stays"


def test_a_company_typed_back_as_shown_is_the_same_company(store, handlers, now) -> None:
    """Whoever mutes (or /follows) the company by the name shown mutes the one stored."""
    shown = company_cut(SLUG, SLUG)
    assert shown == saved_company(SLUG, f"{SLUG}:1") == "Elysium Health"
    assert company_key(shown) == company_key(SLUG)
    store.choices.mute_company(USER, shown, now)
    assert store.choices.is_muted(USER, SLUG)
