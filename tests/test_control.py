"""The control commands end to end through the fake Bot API: the /alerts menu and its buttons,
forged and stale presses, /edit, /why (also as a reply), /export and /import, /stop's confirm,
command menus per scope and the grouped /help."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import config as cfg
from bot import normalize
from bot.app import App
from bot.config_boards import BoardConfig
from bot.models import BoardInfo, Delivery, Posting, RawPosting
from bot.telegram.control import _find_job
from tests.fake_telegram import MAX_TEXT_UTF16, FakeTelegram, SentMessage, utf16_len
from tests.waiting import until

TOKEN = "123456789:AAFakeTokenForTestsOnly_xyz"
ADMIN, USER, OTHER = 1001, 2002, 3003
T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
pytestmark = pytest.mark.timeout(30)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@contextlib.asynccontextmanager
async def running(tmp_path: Path, tg: FakeTelegram, clock: Clock) -> AsyncIterator[App]:
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url, "admins": [ADMIN]},
            "storage": {"path": str(tmp_path / "jobbot.db")},
        }
    )
    app = App(config, clock=clock)
    stop = asyncio.Event()
    run = asyncio.create_task(app.run(stop))
    try:
        await until(lambda: tg.commands_by_scope)
        yield app
    finally:
        stop.set()
        await asyncio.wait_for(run, 10)


async def say(tg: FakeTelegram, text: str, chat: int = USER, parts: int = 1, **kw) -> SentMessage:
    """Send `text`, return the last of the `parts` messages of the bot's reply."""
    before = len(tg.messages_to(chat))
    tg.push_text(chat, text, **kw)
    await until(lambda: len(tg.messages_to(chat)) >= before + parts)
    return tg.messages_to(chat)[-1]


async def press(
    tg: FakeTelegram, msg: SentMessage, data: str, edits: bool = True, **kw
) -> tuple[str, SentMessage]:
    """Press a button under `msg`: (the toast, the message as edited, or as it was). The bot
    answers the press first, then edits: with `edits`, wait for the edit too."""
    answers, before = len(tg.callback_answers), len(tg.edited)
    tg.push_callback(msg, data, **kw)
    await until(lambda: len(tg.callback_answers) > answers)
    if edits:
        await until(lambda: len(tg.edited) > before)
    edited = tg.edited[-1] if len(tg.edited) > before else msg
    return tg.callback_answers[-1].get("text", ""), edited


def buttons(msg: SentMessage) -> dict[str, str]:
    rows = (msg.reply_markup or {}).get("inline_keyboard", [])
    return {b["text"]: b.get("callback_data", "") for row in rows for b in row}


def seed_jobs(app: App, clock: Clock) -> None:
    """A board: one baseline job, then two new ones (one posted 30 days ago)."""
    board = BoardConfig("Acme", "https://example.com/b", "greenhouse", "https://example.com/b", 60)
    info = BoardInfo("Acme", "greenhouse", "https://example.com/b", "Acme Pay")

    def raw(i: int, title: str, text: str, posted: datetime) -> RawPosting:
        return RawPosting(str(i), title, f"/jobs/{i}", location="Berlin",
                          description_html=f"<p>{text}</p>", posted_at=posted.isoformat())  # fmt: skip

    jobs = [raw(1, "Rust Intern", "Learn Rust.", T0 - timedelta(days=2))]
    app.store.boards.sync_boards([board], T0 - timedelta(days=3))
    app.store.postings.record(
        "Acme", [normalize.posting(j, info) for j in jobs], T0 - timedelta(days=3)
    )
    app.store.boards.mark_success("Acme", T0 - timedelta(days=3), None, None)
    jobs += [
        raw(2, "Senior Rust Engineer", "Rust and Java.", T0 - timedelta(days=1)),
        raw(3, "Old Rust Role", "Rust.", T0 - timedelta(days=30)),
    ]
    app.store.postings.record(
        "Acme", [normalize.posting(j, info) for j in jobs], T0 - timedelta(hours=2)
    )


async def test_the_alerts_menu_pages_and_its_buttons_work_in_place(tmp_path, tg) -> None:
    clock = Clock()
    async with running(tmp_path, tg, clock) as app:
        seed_jobs(app, clock)
        app.store.users.subscribe(USER, T0)
        for i in range(1, 26):
            app.store.alerts.add_alert(USER, "rust" if i == 12 else f"word{i}", T0)
        menu = await say(tg, "/alerts")
        assert "(page 1 of 3)" in menu.visible_text and "#10 " in menu.visible_text
        assert "#11 " not in menu.visible_text and "◀ Prev" not in buttons(menu)
        _, page2 = await press(tg, menu, buttons(menu)["Next ▶"])
        assert "(page 2 of 3)" in page2.visible_text and "#11 " in page2.visible_text
        _, page3 = await press(tg, page2, buttons(page2)["Next ▶"])
        assert [ln.split()[0] for ln in page3.visible_text.splitlines() if ln.startswith("#")] == [
            "#21", "#22", "#23", "#24", "#25"
        ]  # fmt: skip
        assert "Next ▶" not in buttons(page3)
        _, back = await press(tg, page3, buttons(page3)["◀ Prev"])
        assert "(page 2 of 3)" in back.visible_text

        toast, paused = await press(tg, back, buttons(back)["⏸ Pause #12"])
        assert toast == "Paused #12" and "#12 rust — ⏸ paused" in paused.visible_text
        assert app.store.alerts.paused_alert_ids(USER) == {12} and "▶️ Resume #12" in buttons(paused)
        toast, resumed = await press(tg, paused, buttons(paused)["▶️ Resume #12"])
        assert toast == "Resumed #12" and app.store.alerts.paused_alert_ids(USER) == set()

        keyboard = resumed.reply_markup["inline_keyboard"]
        row = [
            b["callback_data"] for r in keyboard for b in r if b["callback_data"].endswith(":12:1")
        ]
        edit, delete, backtest = (next(d for d in row if d.startswith(f"a:{a}:")) for a in "edb")
        _, how = await press(tg, resumed, edit)
        assert "/edit 12 rust" in how.visible_text
        _, test = await press(tg, resumed, backtest)
        # posted in the last 7 days: the baseline intern job and the new senior one, not the old
        assert "2 open jobs posted in the last 7 days match it" in test.visible_text
        assert "Old Rust Role" not in test.visible_text
        _, ask = await press(tg, resumed, delete)
        assert (
            "Delete alert #12 rust?" in ask.visible_text
            and len(app.store.alerts.alerts(USER)) == 25
        )
        _, kept = await press(tg, ask, buttons(ask)["Cancel"])
        assert "#12 rust" in kept.visible_text and len(app.store.alerts.alerts(USER)) == 25
        toast, gone = await press(tg, ask, buttons(ask)["🗑 Yes, delete it"])
        assert toast == "Deleted #12" and "Alert #12 rust deleted." in gone.visible_text
        assert 12 not in {a.id for a in app.store.alerts.alerts(USER)}
        every = [d for m in (menu, page2, page3, ask) for d in buttons(m).values()]
    assert all(len(d.encode()) <= 64 for d in every)
    assert all(utf16_len(m.visible_text) <= MAX_TEXT_UTF16 for m in tg.edited)
    assert not tg.errors


async def test_the_edit_button_takes_the_next_text_as_the_new_query(tmp_path, tg) -> None:
    """✏️ Edit asked for the new query, and the text sent next was offered as a new alert: now
    it is the alert's new query. A command or another press instead, or ten minutes, forgets
    the ask."""
    clock = Clock()
    async with running(tmp_path, tg, clock) as app:
        app.store.users.subscribe(USER, T0)
        app.store.alerts.add_alert(USER, "rust", T0)
        menu = await say(tg, "/alerts")
        _, asked = await press(tg, menu, buttons(menu)["✏️ Edit"])
        assert asked.visible_text.startswith("✏️ Send the new query of alert #1 rust now")
        assert "/edit 1 rust" in asked.visible_text, "the command too, to copy"
        before = len(tg.messages_to(USER))
        tg.push_media(USER, {"location": {"latitude": 52.52, "longitude": 13.4}})
        await tg.wait_for_async(lambda sent: len(tg.messages_to(USER)) > before)
        assert "/edit" not in tg.messages_to(USER)[before].text, "no text: not the query"
        assert "✏️ Alert #1 now: rust OR go" in (await say(tg, "rust OR go")).visible_text
        assert [a.query for a in app.store.alerts.alerts(USER)] == ["rust OR go"]
        assert "/alert scala" in (await say(tg, "scala")).visible_text, "asked once"
        await press(tg, menu, buttons(menu)["✏️ Edit"])
        await say(tg, "/settings")  # a command instead: the ask is forgotten
        assert "/alert kotlin" in (await say(tg, "kotlin")).visible_text
        _, asked = await press(tg, menu, buttons(menu)["✏️ Edit"])
        await press(tg, asked, buttons(asked)["« Back to your alerts"])  # changed their mind
        assert "/alert go" in (await say(tg, "go")).visible_text
        await press(tg, menu, buttons(menu)["✏️ Edit"])
        kept = (await say(tg, "cancel")).visible_text  # not the new query: nothing changes
        assert kept == "Alert #1 is unchanged: rust OR go."
        await press(tg, menu, buttons(menu)["✏️ Edit"])
        clock.now += timedelta(minutes=11)
        assert "/alert elixir" in (await say(tg, "elixir")).visible_text, "too late"
        assert [a.query for a in app.store.alerts.alerts(USER)] == ["rust OR go"]
    assert not tg.errors


async def test_delete_all_asks_first_and_spares_alerts_added_since(tmp_path, tg) -> None:
    clock = Clock()
    async with running(tmp_path, tg, clock) as app:
        assert "You have no alerts" in (await say(tg, "/delete all")).visible_text
        app.store.users.subscribe(USER, T0)
        for query in ("rust", "golang", "scala"):
            app.store.alerts.add_alert(USER, query, T0)
        ask = await say(tg, "/delete all my alerts")
        assert ask.visible_text.startswith(
            "🗑 Delete all your 3 alerts (#1 rust · #2 golang · #3 scala)? This cannot be undone"
        )
        assert len(app.store.alerts.alerts(USER)) == 3, "asked, nothing deleted yet"
        _, kept = await press(tg, ask, buttons(ask)["Cancel"])
        assert "#3 scala" in kept.visible_text and len(app.store.alerts.alerts(USER)) == 3
        app.store.alerts.add_alert(USER, "kotlin", T0)  # added after the confirm was asked
        toast, gone = await press(tg, ask, buttons(ask)["🗑 Yes, delete all 3"])
        assert toast == "Deleted 3 alerts" and "🗑 Deleted 3 alerts." in gone.visible_text
        assert [a.query for a in app.store.alerts.alerts(USER)] == ["kotlin"]
        one = await say(tg, "/delete all")
        assert one.visible_text.startswith("🗑 Delete your only alert (#4 kotlin)?"), "not 'all 1'"
        _, gone = await press(tg, one, buttons(one)["🗑 Yes, delete it"])
        assert app.store.alerts.alerts(USER) == []
    assert not tg.errors


async def test_forged_and_stale_presses_change_nothing_and_say_so(tmp_path, tg) -> None:
    clock = Clock()
    async with running(tmp_path, tg, clock) as app:
        for chat, query in ((USER, "rust"), (OTHER, "golang")):
            app.store.users.subscribe(chat, T0)
            app.store.alerts.add_alert(chat, query, T0)
        menu = await say(tg, "/alerts")
        cases = {
            "a:p:2:0": "no longer exists: nothing changed",  # OTHER's alert
            "a:y:2:0": "no longer exists: nothing changed",
            "a:zz": "not valid: nothing changed",
            "a:p:1:x": "not valid: nothing changed",
            "q:whatever": "This button no longer works.",
            "s:y:notaminute": "not valid: nothing changed",
            "s:y:0": "Expired: nothing deleted",  # a confirmation from 1970
        }
        for data, want in cases.items():
            toast, _ = await press(tg, menu, data, edits=False)
            assert want in toast, (data, toast)
        toast, _ = await press(
            tg, menu, "a:y:1:0", edits=False, user_id=OTHER
        )  # someone else's finger
        assert "isn't yours" in toast
        await press(tg, menu, "a:y:1:0")
        toast, _ = await press(tg, menu, "a:p:1:0", edits=False)  # stale: deleted meanwhile
        assert "no longer exists" in toast
        assert [a.query for a in app.store.alerts.alerts(OTHER)] == ["golang"]
        assert app.store.alerts.paused_alert_ids(OTHER) == set()
        assert app.store.users.user(USER).state == "active"


async def test_edit_markup_and_duplicates(tmp_path, tg) -> None:
    async with running(tmp_path, tg, Clock()) as app:
        saved = await say(tg, "/alert <b>rust</b>")
        assert "Alert #1 saved: <b>rust</b>" in saved.text and "left out the HTML" in saved.text
        assert (await say(tg, "/alert RUST")).visible_text == "You already have this alert: #1 rust"
        await say(tg, "/alert go")
        assert (
            "Alert #1 now: <b>golang backend</b>" in (await say(tg, "/edit 1 golang backend")).text
        )
        assert "You already have this alert: #2 go" in (await say(tg, "/edit 1 go")).visible_text
        assert "You have no alert #9" in (await say(tg, "/edit 9 java")).visible_text
        assert "unclosed quote" in (await say(tg, '/edit 1 "java')).visible_text
        assert "tap /edit 1 golang backend to copy" in (await say(tg, "/edit 1")).visible_text
        assert "Send /edit 3 rust backend" in (await say(tg, "/edit")).visible_text
        assert [(a.id, a.query) for a in app.store.alerts.alerts(USER)] == [
            (1, "golang backend"), (2, "go")
        ]  # fmt: skip
        assert (
            "Alert #2 deleted: go. /alert go brings it back."
            in (await say(tg, "/delete 2")).visible_text
        )
    assert not tg.errors


async def test_why_by_url_and_as_a_reply_names_every_reason(tmp_path, tg) -> None:
    clock = Clock()
    async with running(tmp_path, tg, clock) as app:
        seed_jobs(app, clock)
        app.store.users.subscribe(USER, T0 - timedelta(days=5))
        early = T0 - timedelta(days=5)
        app.store.alerts.add_alert(USER, "rust", early)  # 1: matched, sent
        app.store.alerts.add_alert(USER, "rust -java", early)  # 2: excluded
        app.store.alerts.add_alert(USER, "title:staff rust", early)  # 3: field filter
        app.store.alerts.add_alert(USER, "rust remote:yes", early)  # 4: attribute
        app.store.alerts.add_alert(USER, "senior rust", T0)  # 5: created after the job was seen
        app.store.choices.mute_company(USER, "Acme Pay", T0)
        ack = await say(tg, "/help")  # a message of the bot's, to carry the job's delivery
        by_url = (await say(tg, "/why https://example.com/jobs/2")).visible_text
        as_shown = (await say(tg, "/why example.com/jobs/2")).visible_text  # no scheme
        app.store.outbox.enqueue([Delivery(USER, "Acme:2", (1,))], T0)
        [item] = app.store.outbox.due(T0)
        app.store.outbox.mark_sending(item.id)
        app.store.outbox.mark_sent(item.id, T0, ack.message_id)
        by_reply = (await say(tg, "/why", reply_to=ack)).visible_text
        asked = (await say(tg, "Why this one?", reply_to=ack)).visible_text  # no command
        unasked = (await say(tg, "why", reply_to=None)).visible_text  # not a reply: talk
        intern = (await say(tg, "/why Acme:1")).visible_text
        unknown = (await say(tg, "/why https://nowhere.example/x")).visible_text
        linkedin = (await say(tg, "/why linkedin.com/jobs/view/3812345")).visible_text
        worded = (await say(tg, "/why didn't I get this? https://example.com/jobs/2")).visible_text
        unread = (await say(tg, "/why https://jobs.lever.co/n26/5912345")).visible_text
        app.store.alerts.set_alert_paused(USER, 5, T0, T0 + timedelta(days=14))
        alert_paused = (await say(tg, "/why Acme:2")).visible_text
        app.store.users.pause_user(USER, T0, T0 + timedelta(days=3))
        paused = (await say(tg, "/why Acme:2")).visible_text
    assert paused.endswith(
        "⏸ Notifications are paused until Thu 7 May 09:00: /resume turns them on now."
    )
    assert (
        "• the alert is paused until 2026-05-18 09:00 UTC (/resume 5 turns it on now)"
        in alert_paused
    )
    assert by_url.splitlines()[0] == "🔍 Senior Rust Engineer — Acme Pay (Acme)"
    assert "❌ #1 rust: matches, but not sent\n   • you muted its company" in by_url
    assert "#2 rust -java: not matched" in by_url and "excluded by -java" in by_url
    assert "title: no “staff” in the title “Senior Rust Engineer”" in by_url
    assert "remote:yes: the job is not marked remote" in by_url
    assert "#5 senior rust: matches, but not sent" in by_url
    assert as_shown == by_url
    assert "found it before the alert existed (found 2026-05-04 07:00 UTC" in by_url
    assert "board baseline" not in by_url and "already sent" not in by_url
    assert (
        "✅ #1 rust: matched: “rust” in the title\n   • already sent to you (2026-05-04 09:00 UTC)"
        in (by_reply)
    )
    assert asked == by_reply
    assert unasked.startswith("To hear why a job did or didn't reach you, reply why? to its")
    assert "board baseline" in intern
    assert unknown == (
        "I don't know a job for “https://nowhere.example/x”. Send /why with the job's link (its "
        "posting or apply URL) or its title's words, or reply /why to the job's message."
    )
    assert linkedin.startswith("I don't read LinkedIn, so I know no job there. The same job")
    assert worded.splitlines()[0] == "🔍 Senior Rust Engineer — Acme Pay (Acme)", "its link"
    assert unread.startswith("I have no job at that link: it is on a job board I don't read")
    assert "/follow https://jobs.lever.co/n26/5912345 reads that company's board" in unread
    assert not tg.errors


async def test_why_finds_a_job_by_its_words(tmp_path, tg) -> None:
    """/why of a job named in words, as people ask: the one job whose title, company and
    place have them (muted or not: that may be why), several to choose from, the jobs of all
    but one word when none has them all, or none."""
    clock = Clock()
    async with running(tmp_path, tg, clock) as app:
        seed_jobs(app, clock)
        app.store.users.subscribe(USER, T0 - timedelta(days=5))
        app.store.alerts.add_alert(USER, "rust", T0 - timedelta(days=5))
        app.store.choices.mute_company(USER, "Acme Pay", T0)
        info = BoardInfo("Acme", "greenhouse", "https://example.com/b", "Acme Pay")
        payments = RawPosting("4", "Payments Lead", "/jobs/4", location="Lisbon")
        app.store.postings.record("Acme", [normalize.posting(payments, info)], T0)
        one = (await say(tg, "/why didn't I get the Senior Rust Engineer job at Acme?")).text
        more = (await say(tg, "/why rust engineer acme berlin")).text
        plural = (await say(tg, "/why payment lead")).visible_text
        several = await say(tg, "/why rust berlin")
        all_but = (await say(tg, "/why rust intern munich")).visible_text
        none = (await say(tg, "/why kotlin wizard")).visible_text
        chosen = (await say(tg, "/why Acme:3")).visible_text
    assert one.splitlines()[0] == "🔍 <b>Senior Rust Engineer</b> — Acme Pay (Acme)"
    assert "you muted its company" in one
    assert more == one
    assert plural.startswith("🔍 Payments Lead — Acme Pay (Acme)")
    assert several.visible_text.splitlines() == [
        "Several jobs have the words “rust berlin”; which one? Newest first:",
        "• Senior Rust Engineer — Acme Pay · Berlin: /why Acme:2",
        "• Rust Intern — Acme Pay · Berlin: /why Acme:1",
        "• Old Rust Role — Acme Pay · Berlin: /why Acme:3",
    ]
    assert "<code>/why Acme:3</code>" in several.text
    assert chosen.startswith("🔍 Old Rust Role — Acme Pay (Acme)")
    assert all_but.splitlines() == [
        "No open job has every word of “rust intern munich”. Without “munich”:",
        "• Rust Intern — Acme Pay · Berlin: /why Acme:1",
    ]
    assert none.startswith("I don't know a job for “kotlin wizard”, nor an open job with those")
    assert not tg.errors


async def test_why_says_a_job_was_refused_or_edited_too_late_to_be_sent(tmp_path, tg) -> None:
    """A job that matches and was not sent is explained: Telegram refused its message, or its
    board edited it to match long after it was found (an edit that late is not routed)."""
    clock = Clock()
    async with running(tmp_path, tg, clock) as app:
        seed_jobs(app, clock)
        app.store.users.subscribe(USER, T0 - timedelta(days=5))
        app.store.alerts.add_alert(USER, "rust", T0 - timedelta(days=5))
        app.store.alerts.add_alert(USER, "ledger", T0 - timedelta(days=5))
        app.store.outbox.enqueue([Delivery(USER, "Acme:2", (1,))], T0)
        [item] = app.store.outbox.due(T0)
        app.store.outbox.mark_final(item.id, "failed", "rejected: Bad Request: chat not found")
        refused = (await say(tg, "/why Acme:2")).visible_text
        info = BoardInfo("Acme", "greenhouse", "https://example.com/b", "Acme Pay")
        edited = RawPosting(
            "3", "Old Rust Role", "/jobs/3", location="Berlin",
            description_html="<p>Rust, for the ledger.</p>",
            posted_at=(T0 - timedelta(days=30)).isoformat(),
        )  # fmt: skip
        app.store.postings.record(
            "Acme", [normalize.posting(edited, info)], T0 + timedelta(days=40)
        )
        late = (await say(tg, "/why Acme:3")).visible_text
    assert (
        "❌ #1 rust: matches, but not sent\n   • it was not sent: Telegram refused the message: "
        "Bad Request: chat not found"
    ) in refused
    assert (
        "❌ #2 ledger: matches, but not sent\n   • its board edited it 2026-06-13 09:00 UTC, 40 "
        "days after jobbot found it: an edit reaches the alerts it makes match only in a job's "
        "first 30 days, so it may not have matched before"
    ) in late
    assert not tg.errors


async def test_why_over_many_alerts_is_split_within_the_limit(tmp_path, tg) -> None:
    clock = Clock()
    async with running(tmp_path, tg, clock) as app:
        seed_jobs(app, clock)
        app.store.users.subscribe(USER, T0)
        for i in range(50):
            words = " ".join(f"missing{i}x{j}" for j in range(12))
            app.store.alerts.add_alert(USER, f"({words}) OR title:(w{i}a OR w{i}b OR w{i}c)", T0)
        tg.push_text(USER, "/why https://example.com/jobs/2")
        await until(
            lambda: sum(m.visible_text.count("not matched") for m in tg.messages_to(USER)) >= 50
        )
    parts = tg.messages_to(USER)
    assert len(parts) > 1 and not tg.errors
    assert all(utf16_len(m.visible_text) <= MAX_TEXT_UTF16 for m in parts)
    assert sum(m.visible_text.count("not matched") for m in parts) == 50


async def test_export_and_import_restore_everything_and_a_bad_file_changes_nothing(
    tmp_path, tg
) -> None:
    clock = Clock()
    async with running(tmp_path, tg, clock) as app:
        await say(tg, "/alert rust")
        await say(tg, "/alert go remote:yes")
        await say(tg, "/digest 2 weekly fri 6pm")
        app.store.alerts.set_alert_paused(USER, 2, T0)
        app.store.choices.mute_company(USER, "Acme Pay", T0)
        gone = Posting(
            "Gone:1", "Gone", "1", "Rust Engineer", "Gone Pay", "", "https://g.example/1"
        )
        app.store.saved.save(USER, gone, T0)  # a saved job whose posting is pruned since
        export = await say(tg, "/export")
        assert export.document and export.document["file_name"] == "jobbot-export-2026-05-04.json"
        assert (
            "Your 2 alerts, settings, 1 muted company, 0 followed companies and 1 saved job"
            in export.visible_text
        )
        data = json.loads(tg.files[export.document["file_id"]])
        assert data["alerts"] == [
            {"query": "rust", "paused": False},
            {"query": "go remote:yes", "paused": True, "digest": "weekly fri 18:00"},
        ]

        again = await say(tg, "/import", reply_to=export)  # the same file: nothing doubled
        assert "Imported 0 alerts (2 you already had)" in again.visible_text
        assert len(app.store.alerts.alerts(USER)) == 2

        tg.push_document(OTHER, tg.files[export.document["file_id"]], caption="/import")
        await until(lambda: tg.messages_to(OTHER))
        assert "Imported 2 alerts" in tg.messages_to(OTHER)[-1].visible_text
        assert [a.query for a in app.store.alerts.alerts(OTHER)] == ["rust", "go remote:yes"]
        assert app.store.alerts.paused_alert_ids(OTHER) == {
            a.id for a in app.store.alerts.alerts(OTHER)[1:]
        }
        assert [a.delivery for a in app.store.alerts.alert_rows(OTHER)] == [
            None,
            "weekly fri 18:00",
        ]
        assert app.store.choices.muted_companies(OTHER) == ["Acme Pay"]
        assert "Saved jobs: 1 added (/saved)" in tg.messages_to(OTHER)[-1].visible_text
        [saved] = app.store.saved.saved(OTHER)
        assert (saved.posting_key, saved.title, saved.url, saved.saved_at) == (
            "Gone:1", "Rust Engineer", "https://g.example/1", T0
        )  # fmt: skip

        bad = json.dumps(data | {"alerts": [{"query": "java"}, {"query": "rust OR"}]})
        tg.push_document(OTHER, bad.encode(), caption="/import")
        await until(lambda: len(tg.messages_to(OTHER)) > 1)
        refused = tg.messages_to(OTHER)[-1].visible_text
        assert "I can't import that, so nothing changed" in refused
        assert "alert 2 “rust OR”: OR needs a term on both sides" in refused
        assert [a.query for a in app.store.alerts.alerts(OTHER)] == ["rust", "go remote:yes"]
        binary = await say(tg, "/import", chat=OTHER, reply_to=await say(tg, "/help", chat=OTHER))
        assert "Reply to your /export file" in binary.visible_text  # /help has no file
        as_text = await say(tg, "/import " + json.dumps(data | {"alerts": [{"query": "java"}]}))
        assert "Imported 1 alert" in as_text.visible_text
    assert not tg.errors


async def test_export_carries_follows_and_import_follows_again_what_this_bot_reads(
    tmp_path, tg
) -> None:
    clock = Clock()
    acme = BoardConfig(
        "acme", "https://boards.greenhouse.io/acme", "greenhouse",
        "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true", 900.0,
    )  # fmt: skip
    async with running(tmp_path, tg, clock) as app:
        await say(tg, "/start")
        app.store.boards.add_followed_board(acme, T0)
        app.store.boards.mark_success("acme", T0, None, None)
        app.store.follows.follow(USER, "acme", True, T0)
        export = await say(tg, "/export")
        assert "1 followed company and 0 saved jobs" in export.visible_text
        data = json.loads(tg.files[export.document["file_id"]])
        assert data["follows"] == [
            {"url": acme.url, "kind": "greenhouse", "endpoint": acme.endpoint, "all": True}
        ]
        elsewhere = {"url": "https://jobs.lever.co/other", "kind": "lever",
                     "endpoint": "https://api.lever.co/v0/postings/other", "all": False}  # fmt: skip
        doc = data | {"follows": [*data["follows"], elsewhere]}
        tg.push_document(OTHER, json.dumps(doc).encode(), caption="/import")
        await until(lambda: tg.messages_to(OTHER))
        reply = tg.messages_to(OTHER)[-1].text
        assert "Following again: 1 company" in reply
        assert "<code>/follow https://jobs.lever.co/other</code>" in reply
        [followed] = app.store.follows.follows(OTHER)
        assert (followed.board.name, followed.all_jobs) == ("acme", True)
        again = await say(tg, "/import", reply_to=export)  # your own file, followed already
        assert "Following again: 1 company" in again.visible_text
        assert len(app.store.follows.follows(USER)) == 1

        retired = json.dumps(data)  # a board nobody reads any more is sent back to /follow
        app.store.boards.remove_board("acme")
        tg.push_document(ADMIN, retired.encode(), caption="/import")
        await until(lambda: tg.messages_to(ADMIN))
        reply = tg.messages_to(ADMIN)[-1].text
        assert "Following again: 0 companies" in reply and "/follow " + acme.url + " all" in reply
        assert app.store.follows.follows(ADMIN) == []

        bad = json.dumps(data | {"follows": [{"url": "ftp://x"}]})
        tg.push_document(OTHER, bad.encode(), caption="/import")
        await until(lambda: len(tg.messages_to(OTHER)) > 1)
        assert 'follow 1: must be {"url": "https://...", "all": false}' in (
            tg.messages_to(OTHER)[-1].visible_text
        )
    assert not tg.errors


async def test_stop_deletes_only_after_the_confirm_press(tmp_path, tg) -> None:
    clock = Clock()
    async with running(tmp_path, tg, clock) as app:
        await say(tg, "/alert rust")
        app.store.choices.mute_company(USER, "Acme Pay", T0)
        ask = await say(tg, "/stop")
        assert "deletes your 1 alert" in ask.visible_text and set(buttons(ask)) == {
            "🗑 Yes, delete everything", "Cancel"
        }  # fmt: skip
        toast, cancelled = await press(tg, ask, buttons(ask)["Cancel"])
        assert "everything is kept" in cancelled.visible_text and app.store.alerts.alerts(USER)
        clock.now = T0 + timedelta(minutes=16)  # the first question has gone stale
        toast, _ = await press(tg, ask, buttons(ask)["🗑 Yes, delete everything"], edits=False)
        assert toast == "Expired: nothing deleted" and app.store.alerts.alerts(USER)
        ask = await say(tg, "/stop")
        toast, done = await press(tg, ask, buttons(ask)["🗑 Yes, delete everything"])
        assert toast == "Deleted" and "Unsubscribed" in done.visible_text
        assert app.store.alerts.alerts(USER) == [] and app.store.choices.muted_companies(USER) == []
        assert app.store.users.user(USER).state == "stopped"
    assert not tg.errors


async def test_command_menus_per_scope_and_help_in_groups(tmp_path, tg) -> None:
    async with running(tmp_path, tg, Clock()):
        user_help = (await say(tg, "/help")).text
        admin_help = (await say(tg, "/help", chat=ADMIN)).text
    private = tg.commands_by_scope[('{"type": "all_private_chats"}', "")]
    admin = tg.commands_by_scope[(json.dumps({"chat_id": ADMIN, "type": "chat"}), "")]
    names = [c["command"] for c in private]
    assert {"alerts", "edit", "why", "export", "import", "stop"} <= set(names)
    assert "boards" not in names and [c["command"] for c in admin] == [
        *names,
        *["boards", "addboard", "removeboard", "stats", "users", "invite", "invites", "revoke"],
        *["ban", "unban", "broadcast"],
    ]
    for group in ("Alerts", "Delivery", "Jobs", "Account"):
        assert f"<b>{group}</b>" in user_help
    assert (
        user_help.index("<b>Alerts</b>")
        < user_help.index("/edit")
        < user_help.index("<b>Delivery</b>")
    )
    assert "<b>Admin</b>" not in user_help and "<b>Admin</b>\n/boards" in admin_help


async def test_the_console_shows_menus_and_prints_an_export(tmp_path) -> None:
    import io

    from bot.store import Stores
    from bot.telegram.console import ConsoleTransport
    from bot.telegram.handlers import Handlers
    from bot.transport import Incoming

    out = io.StringIO()
    console = ConsoleTransport(io.StringIO(), out)
    handlers = Handlers(Stores.open(tmp_path / "c.db").db, clock=Clock())
    for text in ("/alert rust", "/alerts", "/export"):
        console._reply(await handlers(Incoming(1, text, 1)))
    handlers.close()
    shown = out.getvalue()
    assert "#1 rust — 0 jobs sent in 7 days" in shown and "] ⏸ Pause #1" in shown
    assert "📎 jobbot-export-2026-05-04.json" in shown and '"query": "rust"' in shown


def test_why_finds_a_job_by_the_key_of_a_board_named_like_a_host(store, now) -> None:
    """ "Jobs.io:1" reads like an address without its scheme; it is the key it is first."""
    board = BoardConfig("Jobs.io", "https://x.example/b", "greenhouse", "https://x.example/b", 60)
    info = BoardInfo("Jobs.io", "greenhouse", "https://x.example/b", "Acme Pay")
    raw = RawPosting(
        "1", "Rust Engineer", "https://x.example/jobs/1", description_html="<p>Rust</p>"
    )
    store.boards.sync_boards([board], now)
    store.postings.record("Jobs.io", [normalize.posting(raw, info)], now)
    found = _find_job(store, "Jobs.io:1")
    assert found is not None and found.posting.key == "Jobs.io:1"
    by_address = _find_job(store, "x.example/jobs/1")
    assert by_address is not None and by_address.posting.key == "Jobs.io:1"
