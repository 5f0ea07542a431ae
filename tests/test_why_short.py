"""/why short enough for a phone (Wei's walk: three alerts, "a full screen per job"): an OR of a
field's values that all miss is said once, a reason several alerts miss for is said once under
the first of them, and a field of the job is quoted once. Real handlers over a real store."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import normalize
from bot.config import AlertsConfig
from bot.models import BoardInfo, RawPosting
from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.telegram.split import visible_text
from tests.alerting import BOARD, say

WEI = [
    "(sre OR platform OR infrastructure) location:(london OR amsterdam OR berlin) visa:yes",
    "(sre OR platform OR infrastructure) location:(london OR amsterdam OR berlin) visa:yes "
    "remote:yes from:singapore",
    "kubernetes salary:>=GBP90k",
]


def dublin(store: Stores, now: datetime) -> Handlers:
    """Board Acme with one SRE job in Dublin, past the board's baseline."""
    store.boards.sync_boards([BOARD], now)
    store.postings.record("Acme", [], now - timedelta(days=30))
    job = RawPosting(
        external_id="1",
        title="Site Reliability Engineer",
        url="/jobs/1",
        location="Dublin, Ireland",
        description_html="<p>Run our Kubernetes platform. We offer visa sponsorship. "
        "Salary €85,000–€100,000.</p>",
        posted_at="2026-11-20T10:00:00Z",
    )
    info = BoardInfo("Acme", "greenhouse", "https://example.com/b", "Stripe")
    store.postings.record("Acme", [normalize.posting(job, info)], now - timedelta(hours=2))
    return Handlers(store.db, AlertsConfig(max_per_user=5), clock=lambda: now)


async def test_weis_three_alerts_fit_a_phone(store: Stores, now: datetime) -> None:
    handlers = dublin(store, now)
    for query in WEI:
        await say(handlers, f"/alert {query}")
    reply = visible_text(await say(handlers, "/why Acme:1"))
    assert reply == (
        "🔍 Site Reliability Engineer — Stripe (Acme)\n"
        "❌ #1 (sre OR platform OR infrastructure) location:(london OR amsterdam OR berlin) visa:yes:"
        " not matched\n"
        "   • the location “Dublin, Ireland” has none of london, amsterdam, berlin (#2 too)\n"
        "❌ #2 (sre OR platform OR infrastructure) location:(london OR amsterdam OR berlin) visa:yes"
        " remote:yes…: not matched\n"
        "   • remote:yes: the job is not marked remote (counts as on-site)\n"
        "   • from:singapore: the location is neither in nor open to singapore\n"
        "❌ #3 kubernetes salary:>=GBP90k: not matched\n"
        "   • salary:>=GBP90k: the job pays €85k–100k a year"
    )
    assert len(reply) < 600, "was 881 characters, each alert naming each city"


async def test_a_reason_three_alerts_share_names_the_others(store: Stores, now: datetime) -> None:
    handlers = dublin(store, now)
    for query in ("location:(paris OR rome)", "sre location:(paris OR rome)", "golang", "rome*"):
        await say(handlers, f"/alert {query}")
    await say(handlers, "/alert location:(paris OR rome) -kubernetes")
    lines = visible_text(await say(handlers, "/why Acme:1")).splitlines()
    assert lines[1:] == [
        "❌ #1 location:(paris OR rome): not matched",
        "   • the location “Dublin, Ireland” has none of paris, rome (#2 and #5 too)",
        "❌ #2 sre location:(paris OR rome): not matched",
        "❌ #3 golang: not matched",
        "   • no “golang” in the title, company, location or description",
        "❌ #4 rome*: not matched",
        "   • no word starting with “rome” in the title, company, location or description",
        "❌ #5 location:(paris OR rome) -kubernetes: not matched",
        "   • excluded by -kubernetes: “kubernetes” is in the description",
    ]
