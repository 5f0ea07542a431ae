"""The world the chat tests talk to: board Acme's six jobs in a real store, the handlers over
it, and `say`, which sends a text as user 42 and checks the reply is HTML Telegram takes."""

from __future__ import annotations

import html as html_text
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

from bot import normalize
from bot.config import AlertsConfig
from bot.config_boards import BoardConfig
from bot.models import BoardInfo, OutgoingMessage, RawPosting
from bot.query import Query, parse
from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.transport import Incoming

USER = 42
BOARD = BoardConfig("Acme", "https://example.com/b", "greenhouse", "https://example.com/b", 60.0)
INFO = BoardInfo("Acme", "greenhouse", "https://example.com/b", "Acme Pay")
JOBS = [
    ("Senior Rust Engineer", "Zürich", "Rust and Postgres."),
    ("Go Engineer", "Berlin", "Kubernetes, gRPC."),
    ("Google Ads Specialist", "Berlin", "Campaigns."),
    ("JavaScript Developer", "Lisbon", "React & Node.js."),
    ("Staff Rust Engineer", "Berlin", "Rust, C++ and CI/CD."),
    ("Rust Intern", "Berlin", "Learn Rust."),
]


def raw(i: int, title: str, location: str, text: str) -> RawPosting:
    return RawPosting(
        external_id=str(i),
        title=title,
        url=f"/jobs/{i}",
        location=location,
        description_html=f"<p>{text}</p>",
        posted_at=f"2026-11-{14 + i:02d}T10:00:00Z",  # all within 7 days of `now`
    )


def world_handlers(store: Stores, now: datetime) -> Handlers:
    """Handlers over `store` with board Acme's six jobs, posted in the last 7 days before
    `now`, and at most 3 alerts a user."""
    store.boards.sync_boards([BOARD], now)
    # An empty first poll. The board's baseline ends only at `Boards.mark_success`, which
    # this world never calls, so the jobs below are stored as baseline jobs (/why says so).
    store.postings.record("Acme", [], now - timedelta(days=30))
    for i in range(1, len(JOBS) + 1):
        store.postings.record(
            "Acme",
            [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(1, i + 1)],
            now - timedelta(hours=len(JOBS) - i),
        )
    return Handlers(store.db, AlertsConfig(max_per_user=3, max_length=60), clock=lambda: now)


async def say(handlers: Handlers, text: str) -> str:
    reply = await handlers(Incoming(USER, text))
    assert isinstance(reply, str | OutgoingMessage)
    html = reply if isinstance(reply, str) else reply.html
    check_html(html)
    return html


def check_html(text: str) -> None:
    """Telegram takes only a few tags, balanced, and every other < or & escaped."""
    assert not re.search(r"<(?!/?(b|i|code|a)\b)", text), text
    assert not re.search(r"&(?!(amp|lt|gt|quot|#x27);)", text), text
    HTMLParser().feed(text)


_OFFERED = re.compile(r"<code>/(?:alert|search|edit \d+) (?P<query>[^<]+)</code>")


def offered(reply: str) -> list[Query]:
    """Each /alert, /search or /edit a reply offers, in order, parsed."""
    return [parse(html_text.unescape(m["query"])) for m in _OFFERED.finditer(reply)]
