"""/why on a job that came says which words of the alert matched it (Lucas's walk: a Mexico-only
job came through the plain word `latam` of `(from:brazil OR latam)`, and /why said only
"matched"), and, when one such word alone brought it, the /edit that stops jobs like it.
Real handlers over a real store."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import normalize
from bot.config import AlertsConfig
from bot.models import BoardInfo, Delivery, RawPosting
from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.telegram.split import visible_text
from tests.alerting import BOARD, USER, say


def mexico(store: Stores, now: datetime) -> Handlers:
    """Board Acme with one Go job in Mexico City that hires in LATAM."""
    store.boards.sync_boards([BOARD], now)
    store.postings.record("Acme", [], now - timedelta(days=30))
    job = RawPosting(
        external_id="1",
        title="Senior Backend Developer (Go)",
        url="/jobs/1",
        location="Mexico City",
        description_html="<p>We hire across LATAM. Go and Postgres.</p>",
        posted_at="2026-11-20T10:00:00Z",
    )
    info = BoardInfo("Acme", "greenhouse", "https://example.com/b", "Ledger")
    store.postings.record("Acme", [normalize.posting(job, info)], now - timedelta(hours=2))
    return Handlers(store.db, AlertsConfig(max_per_user=5), clock=lambda: now)


def sent(store: Stores, now: datetime, alert_ids: tuple[int, ...]) -> None:
    """The job delivered to user 42 for `alert_ids`, as the sender marks it."""
    store.outbox.enqueue([Delivery(USER, "Acme:1", alert_ids)], now)
    [item] = store.outbox.due(now)
    store.outbox.mark_sending(item.id)
    store.outbox.mark_sent(item.id, now, 7)


async def test_the_words_that_matched_and_how_to_stop_them(store: Stores, now: datetime) -> None:
    handlers = mexico(store, now)
    await say(handlers, "/alert go (from:brazil OR latam) -crypto")
    sent(store, now, (1,))
    reply = visible_text(await say(handlers, "/why Acme:1"))
    assert (
        "✅ #1 go (from:brazil OR latam) -crypto: matched: “go” in the title; “latam” in the "
        in reply
    )
    assert reply.splitlines()[-1] == (
        "To stop jobs like this: /edit 1 go from:brazil -crypto (without “latam”)"
    ), reply


async def test_a_title_word_is_said_and_no_stop_offered(store: Stores, now: datetime) -> None:
    handlers = mexico(store, now)
    await say(handlers, "/alert title:senior (go OR rust)")
    sent(store, now, (1,))
    reply = visible_text(await say(handlers, "/why Acme:1"))
    assert "“senior” in the title" in reply and "“go” in the title" in reply, reply
    assert "To stop" not in reply, "the job's own title: what was asked for"


async def test_two_alerts_matching_offer_no_stop(store: Stores, now: datetime) -> None:
    handlers = mexico(store, now)
    await say(handlers, "/alert go (from:brazil OR latam)")
    await say(handlers, "/alert postgres")
    sent(store, now, (1, 2))
    reply = visible_text(await say(handlers, "/why Acme:1"))
    assert "“latam” in the location" in reply and "“postgres” in the description" in reply
    assert "To stop" not in reply, "the other alert would bring it all the same"


async def test_filters_alone_say_matched(store: Stores, now: datetime) -> None:
    handlers = mexico(store, now)
    await say(handlers, "/alert from:latam")
    sent(store, now, (1,))
    reply = visible_text(await say(handlers, "/why Acme:1"))
    assert "✅ #1 from:latam: matched\n" in reply and "“" not in reply.splitlines()[1], reply
