"""An edit of a recent posting reaches the alerts it makes match (a pay stated, a word added),
once: polled over real loopback HTTP, routed by the real alert index, with the clock the
poller is given."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.compose import compose
from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.http import Fetcher, build_client
from bot.poller import Poller
from bot.store import Stores
from bot.storing import PollStores
from bot.telegram import buttons
from bot.telegram.handlers import Handlers
from bot.transport import Incoming, Press
from tests.test_copies_reach import ATS, BUILD, PAY, job, sent

RUST, PAID, LATER = 7, 8, 9
OTHER = "<p>Run the card issuing platform in Rust, with the risk team, from Lisbon.</p>"
OLD = job(9, OTHER, location="Lisbon")  # another job, in the board's first poll


@pytest.fixture
async def clock(now):
    return [now]


@pytest.fixture
async def poller(store: Stores, boards, clock):
    client = build_client(timeout=1.0)
    store.boards.sync_boards(
        [BoardConfig("ATS", boards.url(ATS), "greenhouse", boards.url(ATS), 60.0)], clock[0]
    )
    for chat, query in ((RUST, "rust"), (PAID, "rust salary:>=140k")):
        store.users.subscribe(chat, clock[0])
        store.alerts.add_alert(chat, query, clock[0])
    p = Poller(
        store.view(PollStores),
        Fetcher(client, max_bytes=50_000),
        PollingConfig(),
        clock=lambda: clock[0],
    )
    boards.set_json(ATS, {"jobs": [OLD]})
    assert (await p.poll("ATS")).status == "baseline"
    yield p
    await client.aclose()


async def test_an_edit_that_states_the_pay_reaches_the_salary_alert_once(
    poller, store, boards, clock
) -> None:
    """The posting stated no pay: "rust salary:>=140k" passed it over, and lost the job when
    its board added the pay a week later. Now the edit routes it to that alert; "rust", which
    had it, does not get it twice, and the next poll sends nothing more."""
    boards.set_json(ATS, {"jobs": [OLD, job(1)]})
    assert (await poller.poll("ATS")).enqueued == 1
    assert sent(store) == {(RUST, "ATS:1")}
    clock[0] += timedelta(days=7)
    boards.set_json(ATS, {"jobs": [OLD, job(1, BUILD + PAY)]})
    edited = await poller.poll("ATS")
    assert (edited.new, edited.changed, edited.enqueued) == (0, 1, 1)
    assert sent(store) == {(RUST, "ATS:1"), (PAID, "ATS:1")}
    clock[0] += timedelta(hours=1)
    due = store.outbox.due(clock[0])
    assert [i.edit for i in due if i.chat_id == RUST] == [None], "queued new"
    (item,) = [i for i in due if i.chat_id == PAID]
    message = compose(store, item, clock[0])
    assert message is not None, "the job, a week after it was posted, says why it comes now"
    assert "✏️ Updated today: pay added, description changed" in message.plain
    days_on = compose(store, item, clock[0] + timedelta(days=3))
    assert days_on is not None and f"✏️ Updated {item.created_at:%-d %b %Y}: pay" in days_on.plain
    assert store.outbox.mark_sending(item.id)
    store.outbox.mark_sent(item.id, clock[0], 99)
    why = await Handlers(store.db, clock=lambda: clock[0])(Incoming(PAID, "/why ATS:1"))
    assert "after an edit made it match (pay added, description changed)" in str(why)
    boards.set_json(ATS, {"jobs": [OLD, job(1, BUILD + PAY + "<p>Apply soon.</p>")]})
    assert (await poller.poll("ATS")).enqueued == 0, "each has it once"


async def test_a_press_on_an_edited_jobs_message_keeps_what_the_message_said(
    poller, store, boards, clock
) -> None:
    """☆ Save, Mute and its Undo redraw the message: it still says the edit that brought the
    job (the press's redraw once left out "✏️ Updated", as its own copy of the inputs had no
    edit)."""
    boards.set_json(ATS, {"jobs": [OLD, job(1)]})
    await poller.poll("ATS")
    clock[0] += timedelta(days=7)
    boards.set_json(ATS, {"jobs": [OLD, job(1, BUILD + PAY)]})
    await poller.poll("ATS")
    (item,) = [i for i in store.outbox.due(clock[0]) if i.chat_id == PAID]
    message = compose(store, item, clock[0])
    assert message is not None and "✏️ Updated today: pay added" in message.plain
    assert store.outbox.mark_sending(item.id)
    store.outbox.mark_sent(item.id, clock[0], 99)
    clock[0] += timedelta(hours=2)
    saved = buttons.save(store, Press(PAID, 99, f"js:{item.id}", PAID), str(item.id), clock[0])
    assert saved.edit is not None
    assert saved.edit.plain == message.plain, "the buttons change, not the text"
    assert "✏️ Updated today: pay added" in saved.edit.plain
    muted = buttons.mute(store, Press(PAID, 99, f"jm:{item.id}", PAID), str(item.id), clock[0])
    assert muted.edit is not None and "✏️ Updated today: pay added" in muted.edit.plain
    back = buttons.undo(store, Press(PAID, 99, f"ju:m:{item.id}", PAID), f"m:{item.id}", clock[0])
    assert back.edit is not None and "✏️ Updated today: pay added" in back.edit.plain


async def test_an_alert_that_matched_before_the_edit_is_not_sent_an_old_job(
    poller, store, boards, clock
) -> None:
    """An alert made after the job was first seen, that matched it then, was not sent it (an
    alert sends jobs found after it); an edit of the job does not send it either."""
    boards.set_json(ATS, {"jobs": [job(2)]})
    assert (await poller.poll("ATS")).enqueued == 1
    store.users.subscribe(LATER, clock[0])
    store.alerts.add_alert(LATER, "rust ledger", clock[0])
    clock[0] += timedelta(days=2)
    boards.set_json(ATS, {"jobs": [job(2, BUILD + "<p>Rust and Kafka.</p>")]})
    assert (await poller.poll("ATS")).enqueued == 0
    assert sent(store) == {(RUST, "ATS:2")}


async def test_an_edit_of_a_posting_older_than_the_window_is_stored_not_sent(
    poller, store, boards, clock
) -> None:
    boards.set_json(ATS, {"jobs": [job(3)]})
    assert (await poller.poll("ATS")).enqueued == 1
    clock[0] += timedelta(days=31)
    boards.set_json(ATS, {"jobs": [job(3, BUILD + PAY)]})
    edited = await poller.poll("ATS")
    assert (edited.changed, edited.enqueued) == (1, 0)
    assert store.listings.posting("ATS:3").salary_min == 150_000, "stored, edited"


async def test_a_job_closed_then_listed_again_edited_reaches_the_alert_it_now_matches(
    poller, store, boards, clock
) -> None:
    """Missing from two polls, the job was closed; its board lists it again, now with its
    pay: the edit reaches "rust salary:>=140k" as it would have had the job stayed listed."""
    boards.set_json(ATS, {"jobs": [OLD, job(5)]})
    assert (await poller.poll("ATS")).enqueued == 1
    boards.set_json(ATS, {"jobs": [OLD]})
    await poller.poll("ATS")
    filler = job(6, "<p>Build the risk engine in Rust, from Lisbon.</p>", location="Lisbon")
    boards.set_json(ATS, {"jobs": [OLD, filler]})  # (a body of its own: not a 304)
    assert (await poller.poll("ATS")).closed == 1
    clock[0] += timedelta(days=2)
    boards.set_json(ATS, {"jobs": [OLD, filler, job(5, BUILD + PAY)]})
    back = await poller.poll("ATS")
    assert (back.new, back.changed, back.enqueued) == (0, 1, 1)
    assert sent(store) == {(RUST, "ATS:5"), (RUST, "ATS:6"), (PAID, "ATS:5")}


async def test_an_edit_does_not_reach_who_hid_the_job(poller, store, boards, clock) -> None:
    boards.set_json(ATS, {"jobs": [job(4)]})
    assert (await poller.poll("ATS")).enqueued == 1
    store.choices.hide_job(PAID, store.jobs.job_key("ATS:4"), clock[0])
    boards.set_json(ATS, {"jobs": [job(4, BUILD + PAY)]})
    assert (await poller.poll("ATS")).enqueued == 0


async def test_an_edit_of_a_posting_of_the_boards_first_poll_is_not_sent(
    poller, store, boards
) -> None:
    """The board's first poll (its baseline) is never sent: its postings were there before
    the bot read the board, however recent its first sight of them."""
    boards.set_json(ATS, {"jobs": [job(9, OTHER + PAY, location="Lisbon")]})
    edited = await poller.poll("ATS")
    assert (edited.changed, edited.enqueued) == (1, 0)


LEVER = "/v0/postings/acme"
PAGE = f"{LEVER}?skip=0&limit=100"  # the page Lever's first request asks for


def lever_job(**extra: object) -> dict:
    return {
        "id": "a1b2", "text": "Senior Rust Engineer", "hostedUrl": "https://jobs.lever.co/acme/a1b2",
        "categories": {"location": "Berlin", "commitment": "Full-time"},
        "description": BUILD, "createdAt": 1_780_000_000_000, "workplaceType": "onsite", **extra,
    }  # fmt: skip


@pytest.fixture
async def lever(store: Stores, boards, clock):
    """A poller of a loopback Lever board, past its first poll; PAID subscribed."""
    client = build_client(timeout=1.0)
    board = BoardConfig("Lev", boards.url(LEVER), "lever", boards.url(LEVER), 60.0)
    store.boards.sync_boards([board], clock[0])
    store.users.subscribe(PAID, clock[0])
    p = Poller(
        store.view(PollStores), Fetcher(client, max_bytes=50_000), PollingConfig(),
        clock=lambda: clock[0],
    )  # fmt: skip
    boards.set_json(PAGE, [])
    assert (await p.poll("Lev")).status == "baseline"
    yield p
    await client.aclose()


@pytest.mark.parametrize(
    ("edit", "query", "said"),
    [
        (
            {"salaryRange": {"min": 150_000, "max": 180_000, "currency": "USD", "interval": "per-year-salary"}},
            "rust salary:>=140k",
            "pay added",
        ),
        ({"workplaceType": "remote"}, "rust remote:yes", "now remote"),
    ],
)  # fmt: skip
async def test_an_edit_of_the_boards_own_fields_alone_is_an_edit(
    lever, store: Stores, boards, clock, edit: dict, query: str, said: str
) -> None:
    """Lever adds a pay range (or makes the job remote) in its own fields, the description
    unchanged: the stored job takes it, and the alert it makes match gets the job, saying why.
    Only the text was compared: such an edit was seen as no change, and the job lost."""
    store.alerts.add_alert(PAID, query, clock[0])
    boards.set_json(PAGE, [lever_job()])
    assert (await lever.poll("Lev")).enqueued == 0
    clock[0] += timedelta(days=3)
    boards.set_json(PAGE, [lever_job(**edit)])
    edited = await lever.poll("Lev")
    assert (edited.changed, edited.enqueued) == (1, 1)
    [item] = store.outbox.due(clock[0])
    assert item.edit == said and item.posting.key == "Lev:a1b2"
