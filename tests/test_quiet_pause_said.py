"""Quiet hours and pauses said in words (a job seeker's walk: Priya, a student in Toronto, with
no messages in her lectures 9am-12pm nor at night): one quiet window is kept, and the bot says
so instead of calling 09:00-12:00 the night; lecture times read as quiet hours; a pause with
its reason first works, and every /pause, /quiet or /digest the bot offers works when sent;
"any new jobs?" says first what waits for the quiet hours to end. Through the real handlers
on a real store."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bot.policy import DeliverySettings
from bot.store import Stores
from bot.telegram.asked_how import timed
from bot.telegram.asked_when import EVERY_DAY
from bot.telegram.handlers import Handlers
from bot.telegram.pause_said import after_reason, is_reason, taken
from bot.transport import Incoming
from tests import cputime
from tests.alerting import say, world_handlers
from tests.test_asked_in_words import ORDINARY
from tests.test_holding import USER as HOLDING_USER
from tests.test_holding import Clock, job, make_sender, setup
from tests.test_holding import tg as tg  # the fixtures, shared
from tests.test_holding import transport as transport

# An offer's reply that refuses it: what no command the bot offers may get.
_REFUSED = ("I can't use", "is not a", "not an alert id", "nor a time", "is past", "within 90")


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


async def test_nothing_at_night_after_lecture_hours_says_one_window_is_kept(handlers) -> None:
    """ "and nothing at night either" with 09:00-12:00 set answered "Your quiet hours are
    09:00-12:00 already: nothing is pushed then", and /quiet 11pm-8am then replaced the
    lectures' window without a word."""
    await say(handlers, "/timezone Toronto")
    await say(handlers, "/quiet 9am-12pm")
    said = await say(handlers, "and nothing at night either")
    assert "already" not in said, said
    assert "one window is kept: <code>/quiet 22:00-07:00</code> replaces 09:00–12:00" in said
    assert "<code>/quiet 22:00-12:00</code>" in said, "one window that holds both"
    said = await say(handlers, "/quiet 11pm-8am")
    assert said.startswith(
        "🌙 Done: quiet hours 23:00–08:00 (America/Toronto), in place of 09:00–12:00 (one "
        "window is kept)."
    ), said
    assert "in place of" not in await say(handlers, "/quiet 23:00-08:00"), "the same one"
    said = await say(handlers, "dont send anything at night")
    assert said.startswith("Your quiet hours are 23:00–08:00 already (America/Toronto)"), said
    said = await say(handlers, "no messages between 9am and 12pm")
    assert "replaces 23:00–08:00" in said and "<code>/quiet 23:00-12:00</code>" in said, said


@pytest.mark.parametrize(
    "text",
    [
        "dont message me during my lectures 9am to 12pm",
        "no msgs 9am-12pm mon-fri",
        "no notifications between 9 and 12",
        "please don't send messages 9:00-12:00",
    ],
)
async def test_lecture_times_are_offered_as_quiet_hours(handlers, text: str) -> None:
    """They got the generic "Send /alert followed by keywords" reply."""
    said = await say(handlers, text)
    assert "<code>/quiet 09:00-12:00</code>" in said, said
    assert (EVERY_DAY in said) == ("mon-fri" in text), said


@pytest.mark.parametrize(
    "text", ["no jobs 9am-5pm", "don't send me night shift jobs 10pm-6am", "i dont want 9-5 jobs"]
)
def test_the_hours_of_a_job_are_no_quiet_hours(text: str) -> None:
    assert timed(text) is None


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("during exams until dec 20", "until dec 20"),
        ("for exams until dec 20", "until dec 20"),
        ("for my exams 2 weeks", "2 weeks"),
        ("during a break until dec 20", "until dec 20"),
        ("over the holidays until jan 4", "until jan 4"),
        ("für meine prüfungen bis 20.12.", "until 20 december"),
        ("rust until dec 20", None),  # no reason: an alert's words, maybe
        ("for 2 weeks", "2 weeks"),
    ],
)
def test_a_pauses_reason_is_read_past_to_its_time(text: str, time: str | None) -> None:
    assert after_reason(text) == time


def test_a_reason_alone_is_no_time() -> None:
    assert is_reason("during exams") and is_reason("for my exams")
    assert not is_reason("during exams until friday") and not is_reason("2 weeks")


async def test_a_pause_with_its_reason_first_is_offered_and_works(handlers) -> None:
    """ "pause during exams until dec 20" was offered as /pause during exams until dec 20,
    which /pause then refused: "not an alert id … nor a time to pause for"."""
    said = await say(handlers, "pause during exams until dec 20")
    assert said == "Commands start with a slash: <code>/pause until dec 20</code>.", said
    for typed in ("/pause during exams until dec 20", "/pause for my exams 2 weeks"):
        said = await say(handlers, typed)
        assert said.startswith("⏸ Paused until "), (typed, said)
        await say(handlers, "/resume")
    said = await say(handlers, "/pause during exams")
    assert "<code>/pause until fri</code>" in said and "/resume" in said, said
    await say(handlers, "/alert rust")
    said = await say(handlers, "/pause 1 for exams until dec 20")
    assert said.startswith("⏸ Alert #1 paused until Sun 20 Dec 08:00"), said
    said = await say(handlers, "pause alert 1 during exams until dec 20")
    assert "<code>/pause 1 until dec 20</code>" in said, "not /pause 1 20"


# Texts that get a /pause, /quiet or /digest offered: each offer, sent, must be taken.
OFFERED = [
    "pause during exams until dec 20",
    "pause for exams until dec 20",
    "pause for my exams 2 weeks",
    "pause during exams",
    "pause for a while",
    "pause for 2 weeks",
    "pause alerts for 2 weeks",
    "pause alert 1 during exams until dec 20",
    "pause alert 1 immediately",
    "stop alert 1 for 3 days",
    "I'm on holiday for a while",
    "I'm on holiday until the 4th",
    "quiet 9am-12pm",
    "quiet during lectures",
    "quiet weekends",
    "digest please",
    "digest daily 9am",
    "weekly digest at 99",
    "weekly summary for alert 1",
    "daily digest on weekdays at 8am",
    "dont message me during my lectures 9am to 12pm",
    "no msgs 9am-12pm mon-fri",
    "and nothing at night either",
    "no messages after 10pm",
    "no messages on weekends",
]


@pytest.mark.parametrize("text", OFFERED)
async def test_every_pause_quiet_or_digest_offered_works_when_sent(handlers, text: str) -> None:
    await say(handlers, "/alert rust")
    if "either" in text:
        await say(handlers, "/quiet 9am-12pm")  # what "nothing at night either" adds to
    said = await say(handlers, text)
    offers = re.findall(r"<code>(/(?:pause|quiet|digest)\b[^<]*)</code>", said)
    offers = [o for o in offers if "|" not in o]  # (a command's usage: "/quiet HH:MM-HH:MM | …")
    assert offers or "</code> — " in said, said
    for offer in offers:
        reply = await say(handlers, offer)
        assert not any(r in reply for r in _REFUSED), (text, offer, reply)
        await say(handlers, "/resume")


@pytest.mark.parametrize(
    ("name", "arg", "line"),
    [
        ("pause", "during exams until dec 20", "until dec 20"),
        ("pause", "3 during exams 2w", "3 2w"),
        ("pause", "alerts for 2 weeks", "alerts for 2 weeks"),
        ("pause", "during exams", None),
        ("quiet", "during lectures", None),
        ("quiet", "10pm-7am", "10pm-7am"),
        ("digest", "3 weekly fri 5pm", "3 weekly fri 5pm"),
        ("digest", "please", None),
    ],
)
def test_an_offer_is_the_words_its_command_takes(name: str, arg: str, line: str | None) -> None:
    assert taken(name, arg) == line


async def test_any_new_jobs_says_first_what_waits_for_the_quiet_hours(
    store: Stores, tg, transport
) -> None:
    """ "any new jobs?" listed /search lines, and not the 6 jobs waiting for her quiet hours
    to end ("why is it so quiet" did say it)."""
    morning = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # Monday, 10:00 in Toronto
    clock = Clock(morning)
    alerts = setup(store, morning, "rust")
    store.users.set_settings(
        HOLDING_USER, DeliverySettings("America/Toronto", quiet=(9 * 60, 12 * 60)), morning
    )
    for i in range(1, 4):
        job(store, i, morning, alerts)
    await make_sender(store, transport, clock).drain(timeout=1)
    assert tg.sent == []
    handlers = Handlers(store.db, clock=clock)
    reply = await handlers(Incoming(HOLDING_USER, "any new jobs?", user_id=HOLDING_USER))
    assert isinstance(reply, str), reply
    said = reply
    assert said.startswith(
        "🌙 3 jobs matched and wait for your quiet hours (09:00–12:00) to end: one summary at "
        "Mon 23 Nov 12:00 (America/Toronto)."
    ), said
    assert "<code>/search rust</code>" in said, said


HOSTILE = [
    ("no msgs 9am-" * 400)[:4000],
    ("dont message me 1" + " " * 3990 + "pm")[:4000],
    ("9:00 to " * 600)[:4000],
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_reading_a_window_said_bare_costs_what_an_ordinary_text_does(hostile: str) -> None:
    assert cputime.ratio(lambda: timed(hostile), lambda: timed(ORDINARY)) < 10
