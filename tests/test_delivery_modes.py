"""/timezone, /digest, /quiet, /settings (and its buttons), /pause and /resume on a real store;
mode switches lose nothing; every bad argument gets a clear one-line answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.models import OutgoingMessage
from bot.store import Stores
from bot.store.outbox_rows import UNTIL_RESUME
from bot.telegram.handlers import Handlers
from bot.transport import Incoming, Press
from tests.test_holding import Clock, held_until, job, make_sender, setup, titles
from tests.test_holding import tg as tg  # the fixtures, shared
from tests.test_holding import transport as transport

USER = 7
NOW = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)  # Wednesday; Berlin is UTC+2


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def handlers(store: Stores, clock: Clock) -> Handlers:
    setup(store, NOW)
    return Handlers(store.db, clock=clock)


async def say(handlers: Handlers, text: str) -> str:
    reply = await handlers(Incoming(USER, text, user_id=USER))
    assert reply is not None
    return reply.html if isinstance(reply, OutgoingMessage) else reply


async def test_timezone_by_name_city_or_offset_replies_with_the_local_time(handlers, store) -> None:
    assert "Europe/Berlin</b>: it's Wed 1 Jul 14:00" in await say(
        handlers, "/timezone europe/berlin"
    )
    assert "America/Sao_Paulo</b>: it's Wed 1 Jul 09:00" in await say(
        handlers, "/timezone São Paulo"
    )
    fixed = await say(handlers, "/timezone +05:30")
    assert "+05:30</b>: it's Wed 1 Jul 17:30" in fixed
    assert "A fixed offset stays the same all year, through summer time" in fixed
    assert "fixed offset" not in await say(handlers, "/timezone Europe/Berlin")
    assert await say(handlers, "/digest off") == (
        "📬 Done: you get each job as it arrives (Europe/Berlin)."
    ), "said once"
    await say(handlers, "/timezone +05:30")
    assert store.users.settings(USER).timezone == "+05:30"
    assert "Europe/Warsaw</b>" in await say(handlers, "/timezone krakow"), "typed without accents"
    for german in ("münchen", "München", "muenchen", "wien"):  # it offered Mulchen, in Chile
        zone = "Europe/Vienna" if german == "wien" else "Europe/Berlin"
        assert f"{zone}</b>" in await say(handlers, f"/timezone {german}"), german


async def test_a_mistyped_time_zone_gets_the_nearest_one_offered(handlers, store) -> None:
    assert await say(handlers, "/timezone lisbn") == (
        "I can't use that time zone: “lisbn” is not a time zone I know: did you mean Europe/Lisbon?"
    )
    assert "did you mean America/New_York?" in await say(handlers, "/timezone new yrok")
    assert store.users.settings(USER).timezone == "UTC", "nothing changed"


async def test_a_time_zone_by_abbreviation_or_country(handlers, store) -> None:
    """ "pst" offered Pest, a Hungarian town; "India" offered Kindia, a town in Guinea."""
    assert "America/Los_Angeles</b>" in await say(handlers, "/timezone pst")
    assert "Asia/Kolkata</b>" in await say(handlers, "/timezone India")
    reply = await say(handlers, "/timezone USA")
    assert reply.startswith("I can't use that time zone: “USA” spans ")
    assert "send your city, e.g. /timezone New York City, Chicago" in reply
    assert store.users.settings(USER).timezone == "Asia/Kolkata", "the refusal changed nothing"


async def test_daily_digest_holds_until_local_time_and_off_releases_it_as_one_summary(
    handlers, store, tg, transport, clock
) -> None:
    await say(handlers, "/timezone Europe/Berlin")
    reply = await say(handlers, "/digest daily 08:30")
    assert "a daily digest at 08:30 (Europe/Berlin). Next summary: Thu 2 Jul 08:30" in reply
    job(store, 1, NOW, [1])
    job(store, 2, NOW, [1])
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    assert tg.sent == [] and held_until(store) == {datetime(2026, 7, 2, 6, 30, tzinfo=UTC)}
    await say(handlers, "/digest weekly fri 18:00")
    assert held_until(store) == {datetime(2026, 7, 3, 16, 0, tzinfo=UTC)}, "re-timed, kept"
    reply = await say(handlers, "/digest off")
    assert "The 2 jobs held for you come now, in one summary." in reply
    assert await sender.drain(timeout=2) == 1
    assert titles(tg.sent[0].text) == ["Rust Engineer 1", "Rust Engineer 2"]
    assert store.outbox.delivery_counts() == {"sent": 2}, "nothing lost in three switches"


async def test_one_alert_gets_its_own_digest_and_every_view_names_it(
    handlers, store, tg, transport, clock
) -> None:
    """/digest 1 daily: alert #1's jobs wait for its digest while the user stays instant;
    /digest, /settings and /alerts say so; /digest 1 off sends what it held, and /digest 1
    default gives the alert the user's way again."""
    await say(handlers, "/timezone Europe/Berlin")
    store.alerts.add_alert(USER, "go", NOW)
    reply = await say(handlers, "/digest 1")
    assert reply.startswith("Alert #1 “rust” comes as your /digest says: each job as it arrives.")
    reply = await say(handlers, "/digest #1 daily 7pm")
    assert reply == (
        "📬 Done: Alert #1 “rust” comes its own way: a daily digest at 19:00 (Europe/Berlin). "
        "Next: Wed 1 Jul 19:00."
    )
    assert store.users.settings(USER).mode == "instant", "the user's own delivery stays"
    job(store, 1, NOW, [1])
    job(store, 2, NOW, [2], title="Go Engineer")
    sender = make_sender(store, transport, clock)
    assert await sender.drain(timeout=2) == 1
    assert tg.sent[0].text.startswith("<b>Go Engineer 2")
    assert held_until(store) == {datetime(2026, 7, 1, 17, 0, tzinfo=UTC)}
    assert "• it is waiting in your outbox for a summary at 2026-07-01 19:00 CEST" in await say(
        handlers, "/why https://e.com/jobs/1"
    )
    assert await say(handlers, "/digest") == (
        "You get each job as it arrives (Europe/Berlin). Change it: <code>/digest daily "
        "08:00</code>, <code>/digest weekdays 8am</code>, <code>/digest weekly fri 17:30</code> "
        "or <code>/digest off</code>; one "
        "alert: <code>/digest 1 daily</code>.\nAlerts with their own delivery:\n"
        "• Alert #1 “rust”: a daily digest at 19:00"
    )
    settings = await say(handlers, "/settings")
    assert "Alerts with their own delivery:\n• Alert #1 “rust”: a daily digest at 19:00" in settings
    assert "Waiting for a summary: 1 job." in settings
    menu = await say(handlers, "/alerts")
    assert "#1 <b>rust</b> — 0 jobs sent in 7 days · 📬 daily 19:00" in menu
    assert "#2 <b>go</b> — 1 job sent in 7 days\n" in menu
    reply = await say(handlers, "/digest 1 off")
    assert reply == (
        "📬 Done: Alert #1 “rust” comes its own way: each job as it arrives, whatever your "
        "/digest says.\nThe job it held comes now."
    )
    assert await sender.drain(timeout=2) == 1
    assert titles(tg.sent[1].text) == ["Rust Engineer 1"]
    assert "⚡ as they arrive" in await say(handlers, "/alerts")
    reply = await say(handlers, "/digest 1 default")
    assert reply == "📬 Done: Alert #1 “rust” comes as your /digest says: each job as it arrives."
    assert [a.delivery for a in store.alerts.alert_rows(USER)] == [None, None]


async def test_a_users_digest_switch_keeps_an_alert_of_its_own_at_its_time(
    handlers, store, tg, transport, clock
) -> None:
    """Held jobs are re-timed job by job: the user's /digest moves theirs, not those of an
    alert with its own digest; a day or time left out is the one the user has."""
    store.alerts.add_alert(USER, "go", NOW)
    await say(handlers, "/digest 2 weekly mon")
    assert store.alerts.alert_rows(USER)[1].delivery == "weekly mon 08:00"
    reply = await say(handlers, "/digest daily 18:00")
    assert reply.endswith(
        "\nAlerts with their own delivery:\n• Alert #2 “go”: a weekly digest on Mon at 08:00"
    )
    job(store, 1, NOW, [1])
    job(store, 2, NOW, [2], title="Go Engineer")
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    monday = datetime(2026, 7, 6, 8, 0, tzinfo=UTC)
    assert held_until(store) == {datetime(2026, 7, 1, 18, 0, tzinfo=UTC), monday}
    reply = await say(handlers, "/digest off")
    assert "The job held for you comes now." in reply
    assert held_until(store) == {NOW, monday}
    assert await sender.drain(timeout=2) == 1
    assert titles(tg.sent[0].text) == ["Rust Engineer 1"]
    assert "1 new job</b> held for you" in tg.sent[0].text
    reply = await say(handlers, "/digest weekly")
    assert reply.startswith("📬 Done: you get a weekly digest on Mon at 18:00 (UTC)."), reply


async def test_quiet_hours_command_and_a_digest_inside_them(handlers, store) -> None:
    await say(handlers, "/digest daily 06:00")
    reply = await say(handlers, "/quiet 22:00-07:00")
    assert "quiet hours 22:00–07:00 (UTC). Next summary: Thu 2 Jul 07:00" in reply
    assert "no quiet hours" in await say(handlers, "/quiet off")
    assert store.users.settings(USER).quiet is None


async def test_quiet_hours_set_outside_them_say_what_happens_inside(handlers) -> None:
    reply = await say(handlers, "/quiet 22:00-07:00")  # at 12:00, instant delivery
    assert reply.endswith(
        "Jobs come as they arrive now; those found 22:00–07:00 come in one summary at 07:00. "
        "Not your clock? <code>/timezone Berlin</code> (a city or a zone) sets yours."
    ), "on UTC, the default, the reply says how to set one's own clock"
    await say(handlers, "/timezone Lisbon")
    reply = await say(handlers, "/quiet 23:00-07:00")
    assert "(Europe/Lisbon)" in reply and "/timezone" not in reply


async def test_times_written_as_people_write_them(handlers, store) -> None:
    reply = await say(handlers, "/digest daily 8")
    assert "a daily digest at 08:00 (UTC)" in reply
    reply = await say(handlers, "/digest weekly fri 5:30 pm")
    assert "a weekly digest on Fri at 17:30 (UTC)" in reply
    reply = await say(handlers, "/quiet 10pm-7am")
    assert "quiet hours 22:00–07:00 (UTC)" in reply
    assert store.users.settings(USER).quiet == (22 * 60, 7 * 60)
    reply = await say(handlers, "/digest 9am")
    assert "a daily digest at 09:00;" in reply, "a time alone: a daily digest"
    reply = await say(handlers, "/digest 7")
    assert "You have no alert #7" in reply, "a bare number is an alert's id"
    assert "A daily digest at that hour: <code>/digest daily 07:00</code>." in reply


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("/timezone Mars/Olympus", "is not a time zone I know"),
        ("/timezone +15:00", "is not a UTC offset"),
        ("/digest daily 25:00", "is not a time like 08:00"),
        ("/digest daily 8:61", "is not a time like 08:00"),
        ("/digest weekly funday 08:00", "is not a day: use mon, tue"),
        ("/digest hourly", "use /digest daily HH:MM"),
        ("/digest daily 8 9", "use /digest daily HH:MM"),
        ("/digest 99 daily", "You have no alert #99"),
        ("/digest 1 hourly", "use /digest daily HH:MM"),
        ("/digest 1 weekly someday", "“someday” is not a day"),
        ("/quiet 22:00", "quiet hours are a window like 22:00-07:00"),
        ("/quiet 07:00-07:00", "must not start and end at the same minute"),
        ("/quiet 10pm-13pm", "is not a time like 08:00"),
        ("/settings cap 0", "from 1 to 100"),
        ("/settings cap 101", "from 1 to 100"),
        ("/settings cap lots", "from 1 to 100"),
        ("/settings louder", "/settings takes no “louder”"),
        ("/pause abc", "“abc” is not an alert id (see /alerts) nor a time to pause for"),
        ("/pause 200d", "a pause ends within 90 days"),
        ("/pause until 2026-06-30", "“until 2026-06-30” is past"),
        ("/pause until someday", "“someday” is not a day like fri, dec 24 or 2027-01-04"),
        ("/pause 1 2x", "“2x” is not a time to pause for"),
        ("/pause 1 200d", "a pause ends within 90 days"),
        ("/pause 3 2w", "You have no alert #3"),
        ("/pause 99", "You have no alert #99"),
        ("/resume 99", "You have no alert #99"),
        ("/resume 1", "Alert #1 isn't paused"),
    ],
)
async def test_every_bad_argument_gets_a_clear_answer_and_changes_nothing(
    handlers, store, command, says
) -> None:
    def state() -> tuple:
        return (
            store.users.settings(USER),
            store.users.hourly_cap(USER),
            store.users.user(USER),
            store.alerts.alert_rows(USER),
        )

    before = state()
    reply = await say(handlers, command)
    assert says in reply and "\n" not in reply, reply
    assert state() == before


async def test_without_arguments_each_command_says_the_current_setting_and_how(handlers) -> None:
    assert "Your time zone is <b>UTC</b>" in await say(handlers, "/timezone")
    assert "each job as it arrives" in await say(handlers, "/digest")
    assert "<code>/quiet 22:00-07:00</code>" in await say(handlers, "/quiet")


async def test_settings_shows_them_in_words_with_buttons_and_presses_edit_it(
    handlers, store
) -> None:
    reply = await handlers(Incoming(USER, "/settings", user_id=USER))
    assert isinstance(reply, OutgoingMessage)
    assert "Delivery: each job as it arrives (UTC)" in reply.html
    assert "at most 20 an hour" in reply.html
    data = [b.data for row in reply.buttons for b in row]
    assert data == ["st:instant", "st:daily", "st:weekdays", "st:weekly", "st:quiet",
                    "st:weekends", "st:cap:5", "st:cap:10", "st:cap:20", "st:cap:50"]  # fmt: skip
    assert all(len(d.encode()) <= 64 for d in data)
    press = handlers.settings.press_settings
    answer = press(store, Press(USER, 5, "st:daily", USER), "daily")
    assert answer.toast == "Daily digest" and answer.edit is not None
    assert "a daily digest at 08:00" in answer.edit.html
    assert "✅ Daily" in [b.text for row in answer.edit.buttons for b in row]
    answer = press(store, Press(USER, 5, "st:quiet", USER), "quiet")
    assert (
        store.users.settings(USER).quiet == (22 * 60, 7 * 60)
        and "quiet 22:00–07:00" in answer.edit.html
    )
    answer = press(store, Press(USER, 5, "st:cap:5", USER), "cap:5")
    assert store.users.hourly_cap(USER) == 5 and "at most 5 an hour" in answer.edit.html
    assert "at most 10 instant messages" in await say(handlers, "/settings cap 10")


@pytest.mark.parametrize(
    ("press", "arg"),
    [
        (Press(USER, 5, "st:cap:1000", USER), "cap:1000"),  # forged: not a choice offered
        (Press(USER, 5, "st:hourly", USER), "hourly"),
        (Press(USER, 5, "st:daily", 999), "daily"),  # someone else's press in USER's chat
        (Press(31337, 5, "st:daily", 31337), "daily"),  # a chat that never subscribed
    ],
)
def test_forged_or_stale_presses_change_nothing_and_say_so(handlers, store, press, arg) -> None:
    before = (store.users.settings(USER), store.users.hourly_cap(USER))
    answer = handlers.settings.press_settings(store, press, arg)
    assert answer.edit is None and "/settings" in answer.toast
    assert (store.users.settings(USER), store.users.hourly_cap(USER)) == before
    assert store.users.user(31337) is None


async def test_pause_and_resume_the_user_with_one_summary_of_what_matched(
    handlers, store, tg, transport, clock
) -> None:
    assert "Your alerts keep matching" in await say(handlers, "/pause")
    assert "paused already" in await say(handlers, "/pause")
    assert store.db.execute("SELECT paused_at FROM users").fetchone()[0].startswith("2026-07-01")
    job(store, 1, NOW, [1])
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    assert tg.sent == [] and held_until(store) == {UNTIL_RESUME}
    clock.advance(days=2)
    reply = await say(handlers, "/resume")
    assert "on again.\n1 job matched meanwhile: a summary follows." in reply
    assert await sender.drain(timeout=2) == 1 and titles(tg.sent[0].text) == ["Rust Engineer 1"]
    assert store.db.execute("SELECT paused_at FROM users").fetchone()[0] is None
    assert "on already" in await say(handlers, "/resume")


async def test_pause_all_and_resume_all_are_pause_and_resume(handlers, store) -> None:
    """The word "all" (or "everything", "my alerts") names every alert, as the command alone
    does; "alert 1" is alert #1."""
    assert "⏸ Paused. Your alerts keep matching" in await say(handlers, "/pause all")
    assert store.users.user(USER).state == "paused"
    assert "on again" in await say(handlers, "/resume all")
    assert "Paused until" in await say(handlers, "/pause everything 2w")
    assert store.users.user(USER).resume_at is not None
    assert "on again" in await say(handlers, "/resume Everything")
    assert store.users.user(USER).state == "active"
    # as people write it: "my alerts", "alerts for 2 weeks", "alert 1 for 3 days"
    assert "Paused until" in await say(handlers, "/pause my alerts for 2 weeks")
    assert "on again" in await say(handlers, "/resume my alerts")
    await say(handlers, "/alert rust")
    assert "Alert #1 paused until" in await say(handlers, "/pause alert 1 for 3 days")
    assert "on again" in await say(handlers, "/resume alert 1")


async def test_a_pause_for_a_time_says_when_it_ends_in_local_time(handlers, store, clock) -> None:
    await say(handlers, "/timezone Europe/Berlin")
    reply = await say(handlers, "/pause 2w")
    assert reply.startswith("⏸ Paused until Wed 15 Jul 14:00 (Europe/Berlin). Your alerts keep")
    assert "turn back on by themselves" in reply and "/resume turns them on sooner" in reply
    assert "paused until Wed 15 Jul 14:00: /resume turns them on now" in await say(
        handlers, "/settings"
    )
    assert await say(handlers, "/pause") == (
        "You're paused already: /resume turns notifications back on. (Until Wed 15 Jul 14:00 "
        "(Europe/Berlin) unless you do.)"
    ), "a /pause alone keeps the end"
    reply = await say(handlers, "/pause until fri")  # a new end: 08:00 on Friday, Berlin time
    assert reply.startswith("⏸ Paused until Fri 3 Jul 08:00 (Europe/Berlin).")
    user = store.users.user(USER)
    assert user is not None and user.resume_at == datetime(2026, 7, 3, 6, 0, tzinfo=UTC)
    job(store, 1, NOW, [1])
    store.held.hold_paused()
    clock.advance(days=8)  # the end moved on, and more than 7 days: all of it is kept
    assert (await say(handlers, "/resume")).startswith(
        "▶️ Notifications are on again.\n1 job matched meanwhile: a summary follows."
    )
    user = store.users.user(USER)
    assert user is not None and (user.state, user.resume_at) == ("active", None)


async def test_a_pause_written_as_people_write_it(handlers, store) -> None:
    """ "/pause 2 weeks" is everything for two weeks, though alert #2 exists; a day may be
    "tomorrow" or "dec 24" as well as "fri" or an ISO date."""
    store.alerts.add_alert(USER, "golang", NOW)
    assert len(store.alerts.alerts(USER)) == 2
    reply = await say(handlers, "/pause 2 weeks")
    assert reply.startswith("⏸ Paused until Wed 15 Jul 12:00 (UTC).")
    assert store.alerts.paused_alert_ids(USER) == set()
    assert "on again" in await say(handlers, "/resume")
    reply = await say(handlers, "/pause 1 until jul 10th")
    assert reply.startswith("⏸ Alert #1 paused until Fri 10 Jul 08:00 (UTC).")
    assert (await say(handlers, "/pause tomorrow")).startswith("⏸ Paused until Thu 2 Jul 08:00")
    assert (await say(handlers, "/pause a month")).startswith("⏸ Paused until Fri 31 Jul 12:00")
    assert "“someday soon” is not an alert id" in await say(handlers, "/pause someday soon")


async def test_pause_and_resume_one_alert(handlers, store, tg, transport, clock) -> None:
    other = store.alerts.add_alert(USER, "golang", NOW).id
    assert "Alert #1 paused" in await say(handlers, "/pause #1")
    assert "already paused" in await say(handlers, "/pause 1")
    job(store, 1, NOW, [1])
    job(store, 2, NOW, [other])
    sender = make_sender(store, transport, clock)
    assert await sender.drain(timeout=2) == 1
    assert "Paused alerts: #1" in await say(handlers, "/settings")
    clock.advance(hours=5)
    reply = await say(handlers, "/resume")  # notifications are on: the paused alerts it means
    assert "Alert #1 is on again.\n1 job matched meanwhile" in reply
    assert await say(handlers, "/resume 1") == "Alert #1 isn't paused."
    assert await sender.drain(timeout=2) == 1 and titles(tg.sent[1].text) == ["Rust Engineer 1"]


async def test_one_alert_paused_for_a_time_comes_back_by_itself(
    handlers, store, tg, transport, clock
) -> None:
    """/pause 1 2w: alert #1 alone, for two weeks; at their end it is on again with one
    summary of what it matched (or a word that nothing did); /alerts says until when."""
    await say(handlers, "/timezone Europe/Berlin")
    other = store.alerts.add_alert(USER, "golang", NOW).id
    reply = await say(handlers, "/pause 1 2w")
    assert reply == (
        "⏸ Alert #1 paused until Wed 15 Jul 14:00 (Europe/Berlin). It keeps matching; then "
        "it turns back on by itself, with one summary of what it found meanwhile. /resume 1 "
        "turns it on sooner."
    )
    assert "#1 <b>rust</b> — ⏸ paused until Wed 15 Jul 14:00" in await say(handlers, "/alerts")
    assert "⏸ Alert #2 paused until Fri 3 Jul 08:00" in await say(handlers, "/pause 2 until fri")
    assert (
        "⏸ Paused alerts: #1 until Wed 15 Jul 14:00, #2 until Fri 3 Jul 08:00 (/resume &lt;id&gt;)."
        in await say(handlers, "/settings")
    )
    job(store, 1, NOW, [1])
    sender = make_sender(store, transport, clock)
    await sender.drain(timeout=1)
    assert tg.sent == []
    clock.now = datetime(2026, 7, 3, 6, 0, tzinfo=UTC)  # Friday 08:00 in Berlin
    await sender.drain(timeout=1)
    told = store.notices.due_notices(clock())  # the broadcaster sends it (bot.broadcast)
    assert [(n.chat_id, n.text) for n in told] == [
        (USER, "▶️ Alert #2 “golang” is on again: nothing matched it while it was paused.")
    ]
    assert other not in store.alerts.paused_alert_ids(USER)
    clock.now = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
    assert await sender.drain(timeout=2) == 1
    assert titles(tg.sent[0].text) == ["Rust Engineer 1"], "what it matched meanwhile"
    assert store.alerts.paused_alert_ids(USER) == set()
    assert "Alert #1 isn't paused" in await say(handlers, "/resume 1")
    await say(handlers, "/pause 1 3d")
    assert "Alert #1 is on again" in await say(handlers, "/resume 1")
    clock.now += timedelta(days=4)
    await sender.drain(timeout=1)
    assert len(store.notices.due_notices(clock())) == 1, "a pause ended by /resume: no word"


async def test_a_resume_after_more_than_7_days_drops_the_oldest_with_a_reason(
    handlers, store, clock
) -> None:
    await say(handlers, "/pause")
    job(store, 1, NOW, [1])
    job(store, 2, NOW + timedelta(days=5), [1])
    store.held.hold_paused()
    clock.advance(days=9)
    reply = await say(handlers, "/resume")
    assert "1 job matched meanwhile" in reply and "1 older than 7 days was dropped" in reply


async def test_resuming_all_names_the_alerts_paused_one_by_one(handlers, store) -> None:
    other = store.alerts.add_alert(USER, "golang", NOW).id
    await say(handlers, "/pause 1")
    await say(handlers, f"/pause {other}")
    await say(handlers, "/pause")
    reply = await say(handlers, "/resume")
    assert reply.startswith("▶️ Notifications are on again.")
    assert reply.endswith(f"\nStill paused: #1, #{other}. /resume &lt;id&gt; turns one on.")


async def test_several_alerts_paused_resumed_or_given_a_digest_at_once(handlers, store) -> None:
    """ "/pause 1 2", "/pause 2,3 2 weeks", "/resume 1 2", "/digest 1 3 daily": as for one
    alert, each named; an id naming none of the user's changes nothing. "/pause 1 2 weeks"
    stays alert 1 for two weeks."""
    for word in ("golang", "scala"):
        store.alerts.add_alert(USER, word, NOW)
    assert await say(handlers, "/pause 1 9") == (
        "You have no alert #9. Yours: #1 rust · #2 golang · #3 scala (/alerts lists them)."
    )
    assert store.alerts.paused_alert_ids(USER) == set()
    assert (await say(handlers, "/pause 1 2")).startswith("⏸ Alerts #1 and #2 paused. They")
    assert store.alerts.paused_alert_ids(USER) == {1, 2}
    timed = await say(handlers, "/pause 2,3 2 weeks")
    assert timed.startswith("⏸ Alerts #2 and #3 paused until Wed 15 Jul 12:00 (UTC).")
    assert "/resume 2 3 turns them on sooner" in timed
    rows = {a.id: a for a in store.alerts.alert_rows(USER)}
    assert rows[1].resume_at is None and rows[2].resume_at == rows[3].resume_at is not None
    assert (await say(handlers, "/pause 1 2 weeks")).startswith("⏸ Alert #1 paused until Wed 15")
    resumed = await say(handlers, "/resume 1 2")
    assert resumed.startswith("▶️ Alerts #1 and #2 are on again.")
    assert store.alerts.paused_alert_ids(USER) == {3}
    assert (await say(handlers, "/resume 1 3")).startswith("▶️ Alert #3 is on again. (#1 isn't")
    assert await say(handlers, "/resume 1 2") == "Alerts #1 and #2 aren't paused."
    digest = (await say(handlers, "/digest 1, 3 daily 09:00")).split("\n")
    assert [line.split(" comes")[0] for line in digest] == [
        "📬 Done: Alert #1 “rust”",
        "📬 Done: Alert #3 “scala”",
    ]
    rows = {a.id: a for a in store.alerts.alert_rows(USER)}
    assert rows[1].delivery == rows[3].delivery is not None and rows[2].delivery is None
    assert "I can't use that" in await say(handlers, "/digest 1 2 blah")
    assert store.alerts.alert_rows(USER)[1].delivery is None, "nothing changed"
