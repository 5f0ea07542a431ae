"""/search leaves out what a user turned away (routing does too: test_fanout), and the console
chat lets its user press the same buttons."""

from __future__ import annotations

import io
import logging
import threading
from dataclasses import replace

import pytest

from bot.holding import DeliveryStores
from bot.models import Delivery, Posting
from bot.sender import Sender
from bot.store import Stores
from bot.telegram.console import CONSOLE_CHAT_ID, ConsoleTransport
from bot.telegram.handlers import Handlers
from tests.waiting import until

A, B = 1, 2


def posting(i: int, title: str, company: str = "Acme Pay", board: str = "ATS") -> Posting:
    return Posting(
        f"{board}:{i}", board, str(i), title, company, "Berlin", f"https://e.com/{board}/{i}",
        "Build things.", content_hash=str(i),
    )  # fmt: skip


def test_a_hidden_job_stays_hidden_on_every_board_in_search(store: Stores, now) -> None:
    store.users.subscribe(A, now)
    store.postings.record("ATS", [posting(1, "Rust Engineer")], now)
    copy = replace(posting(9, "Rust Engineer", board="Mirror"), url="https://e.com/ATS/1")
    store.postings.record("Mirror", [copy], now)
    assert store.jobs.job_key("Mirror:9") == "ATS:1"
    store.choices.hide_job(A, store.jobs.job_key("Mirror:9"), now)
    assert store.choices.visible(A, store.listings.latest_postings()) == []
    assert len(store.choices.visible(B, store.listings.latest_postings())) == 2


async def test_the_console_shows_numbered_buttons_and_presses_them(store: Stores, now) -> None:
    out = io.StringIO()
    console = ConsoleTransport(io.StringIO(), out)
    handlers = Handlers(store.db, clock=lambda: now)
    await console.start(handlers, handlers.press)
    await console.type("/alert rust")
    store.postings.record("ATS", [posting(1, "Rust Engineer")], now)
    store.outbox.enqueue([Delivery(CONSOLE_CHAT_ID, "ATS:1", (1,))], now)
    await Sender(store.view(DeliveryStores), console, clock=lambda: now).drain(timeout=2)
    assert "[1] ☆ Save\n[2] Not interested   [3] Mute Acme Pay   [4] Pause alert" in out.getvalue()

    await console.type("1")
    assert "» Saved" in out.getvalue() and "[1] ★ Saved\n[2] Not interested" in out.getvalue()
    await console.type("3")  # an edited message keeps its buttons' numbers, as in Telegram
    assert "» Muted Acme Pay." in out.getvalue() and "[1] ★ Saved\n[2] ↩️ Undo" in out.getvalue()
    assert store.choices.muted_companies(CONSOLE_CHAT_ID) == ["Acme Pay"]
    await console.type("2")
    assert store.choices.muted_companies(CONSOLE_CHAT_ID) == []
    await console.type("2")
    assert "» Hidden." in out.getvalue() and out.getvalue().rstrip("┄\n").endswith("[1] ↩️ Undo")
    assert store.choices.hidden_jobs(CONSOLE_CHAT_ID) == {"ATS:1"}
    await console.type("4")
    assert out.getvalue().rstrip().endswith("There is no button [4] (any more).")
    await console.type("/press 1")
    assert (
        "» This job is back." in out.getvalue()
        and store.choices.hidden_jobs(CONSOLE_CHAT_ID) == set()
    )
    assert (
        out.getvalue()
        .rstrip("┄\n")
        .endswith("[2] Not interested   [3] Mute Acme Pay   [4] Pause alert")
    )
    await console.type("5")
    assert out.getvalue().rstrip().endswith("There is no button [5] (any more).")
    await console.stop()
    handlers.close()


def test_stop_forgets_hidden_jobs_and_muted_companies(store: Stores, now) -> None:
    store.users.subscribe(A, now)
    store.choices.hide_job(A, "ATS:1", now)
    store.choices.mute_company(A, "Acme Pay", now)
    store.users.forget_user(A, now)
    store.users.subscribe(A, now)
    assert store.choices.hidden_jobs(A) == set() and store.choices.muted_companies(A) == []


@pytest.mark.parametrize(
    ("typed", "board"),
    [
        ("Stripe", "Stripe, Inc."),
        ("stripe inc", "Stripe"),
        ("Zurich Pay", "Zürich Pay GmbH"),
        ("N26", "N26 GmbH"),
        ("acme pay", "ACME  Pay Ltd."),
        ("Booking.com", "Booking.com B.V."),
        ("Procter & Gamble", "Procter & Gamble Co."),
        ("Acme", "Acme SE & Co. KG"),
    ],
)
def test_a_muted_company_is_muted_under_every_spelling_of_its_name(
    store: Stores, now, typed: str, board: str
) -> None:
    store.users.subscribe(A, now)
    store.choices.mute_company(A, typed, now)
    assert store.choices.is_muted(A, board)
    assert store.choices.turned_away(A, posting(1, "Rust Engineer", board)) == "muted"
    assert store.choices.visible(A, [posting(2, "Rust Engineer", board)]) == []


@pytest.mark.parametrize(
    ("muted", "other"), [("Acme", "Acme Robotics"), ("Co", "Acme Co"), ("AB", "ABB"), ("Sa", "SAP")]
)
def test_a_muted_company_mutes_no_other(store: Stores, now, muted: str, other: str) -> None:
    store.users.subscribe(A, now)
    store.choices.mute_company(A, muted, now)
    assert not store.choices.is_muted(A, other)


class _GoneTerminal(io.StringIO):
    """A terminal that went away under the console (tmux killed, ssh dropped): EIO."""

    def readline(self, size: int | None = -1) -> str:
        raise OSError(5, "Input/output error")


async def test_a_terminal_that_goes_away_ends_the_console_s_input_quietly(
    store: Stores, now, caplog
) -> None:
    """It printed a thread's traceback to stderr at every such stop."""
    console = ConsoleTransport(_GoneTerminal(), io.StringIO())
    handlers = Handlers(store.db, clock=lambda: now)
    seen: list[BaseException] = []
    hook, threading.excepthook = threading.excepthook, lambda args: seen.append(args.exc_value)
    try:
        with caplog.at_level(logging.INFO):
            await console.start(handlers, handlers.press)
            await until(lambda: "console input closed; alerts keep printing here" in caplog.text)
    finally:
        threading.excepthook = hook
        await console.stop()
    assert seen == [], "no thread died with a traceback"
