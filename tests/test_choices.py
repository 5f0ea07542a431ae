"""Routing leaves out what a user turned away: hidden jobs (and their copies), muted companies,
paused alerts; and the console chat lets its user press the same buttons."""

from __future__ import annotations

import io
from dataclasses import replace

from bot import match
from bot.holding import DeliveryStores
from bot.models import Delivery, Posting
from bot.sender import Sender
from bot.store import Stores
from bot.telegram.console import CONSOLE_CHAT_ID, ConsoleTransport
from bot.telegram.handlers import Handlers

A, B = 1, 2


def posting(i: int, title: str, company: str = "Acme Pay", board: str = "ATS") -> Posting:
    return Posting(
        f"{board}:{i}", board, str(i), title, company, "Berlin", f"https://e.com/{board}/{i}",
        "Build things.", content_hash=str(i),
    )  # fmt: skip


def test_routing_skips_hidden_jobs_and_muted_companies_and_keeps_paused_alerts(
    store: Stores, now
) -> None:
    """Paused alerts keep matching: their jobs are held for their resume (test_holding)."""
    for chat in (A, B):
        store.users.subscribe(chat, now)
    rust_a = store.alerts.add_alert(A, "rust", now)
    senior_a = store.alerts.add_alert(A, "senior", now)
    store.alerts.add_alert(B, "rust", now)
    jobs = [
        posting(1, "Rust Engineer"),
        posting(2, "Senior Rust Engineer", "Other Co"),
        posting(3, "Rust SRE", "Globex"),
    ]
    store.postings.record("ATS", jobs, now)
    store.choices.hide_job(A, "ATS:1", now)
    store.choices.mute_company(A, "  globex ", now)
    store.alerts.set_alert_paused(A, senior_a.id, now)
    routed = match.deliveries(match.route(jobs, store.alerts.active_alerts()))
    wanted = store.choices.wanted(routed, {p.key: p for p in jobs})
    assert sorted((d.chat_id, d.posting_key, d.alert_ids) for d in wanted) == [
        (A, "ATS:2", (rust_a.id, senior_a.id)),  # senior paused: held for it, sent for rust
        (B, "ATS:1", (3,)),
        (B, "ATS:2", (3,)),
        (B, "ATS:3", (3,)),
    ], "B turned nothing away"


def test_a_hidden_job_stays_hidden_on_every_board_in_search(store: Stores, now) -> None:
    store.users.subscribe(A, now)
    store.postings.record("ATS", [posting(1, "Rust Engineer")], now)
    copy = replace(posting(9, "Rust Engineer", board="Mirror"), url="https://e.com/ATS/1")
    store.postings.record("Mirror", [copy], now)
    assert store.postings.job_key("Mirror:9") == "ATS:1"
    store.choices.hide_job(A, store.postings.job_key("Mirror:9"), now)
    assert store.choices.visible(A, store.postings.latest_postings()) == []
    assert len(store.choices.visible(B, store.postings.latest_postings())) == 2
    assert store.choices.wanted([Delivery(A, "Mirror:9", (1,))], {"Mirror:9": copy}) == []


async def test_the_console_shows_numbered_buttons_and_presses_them(store: Stores, now) -> None:
    out = io.StringIO()
    console = ConsoleTransport(io.StringIO(), out)
    handlers = Handlers(store.db, clock=lambda: now)
    await console.start(handlers, handlers.press)
    await console.type("/alert rust")
    store.postings.record("ATS", [posting(1, "Rust Engineer")], now)
    store.outbox.enqueue([Delivery(CONSOLE_CHAT_ID, "ATS:1", (1,))], now)
    await Sender(store.view(DeliveryStores), console, clock=lambda: now).drain(timeout=2)
    assert "[1] Not interested   [2] Mute Acme Pay   [3] Pause alert" in out.getvalue()

    await console.type("1")
    assert "» Hidden." in out.getvalue() and "[4] ↩️ Undo" in out.getvalue()
    assert store.choices.hidden_jobs(CONSOLE_CHAT_ID) == {"ATS:1"}
    await console.type("/press 4")
    assert (
        "» This job is back." in out.getvalue()
        and store.choices.hidden_jobs(CONSOLE_CHAT_ID) == set()
    )
    assert "[5] Not interested" in out.getvalue(), "the original buttons, numbered anew"
    await console.type("1")
    assert out.getvalue().rstrip().endswith("There is no button [1] (any more).")
    await console.stop()
    handlers.close()


def test_stop_forgets_hidden_jobs_and_muted_companies(store: Stores, now) -> None:
    store.users.subscribe(A, now)
    store.choices.hide_job(A, "ATS:1", now)
    store.choices.mute_company(A, "Acme Pay", now)
    store.users.forget_user(A, now)
    store.users.subscribe(A, now)
    assert store.choices.hidden_jobs(A) == set() and store.choices.muted_companies(A) == []
