"""Row 2 of a job's message end to end: a board on loopback, the app, the fake Bot API.

Polls and sends are driven by the test (no scheduler), with an injected clock."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import config as cfg
from bot.app import App
from bot.policy import DeliverySettings
from tests.fake_telegram import FakeTelegram, SentMessage
from tests.test_poller import PATH, gh_job

TOKEN = "123456789:AAFakeTokenForButtonTests_xyz"
USER, OTHER = 4242, 5151
MIRROR = "/v1/boards/mirror/jobs"
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
STALE = "This button no longer works."
DELETED = "That alert was deleted: nothing to pause. /alerts lists yours."
pytestmark = pytest.mark.timeout(30)


def job(i: int, title: str, company: str = "Acme Pay", **kw: object) -> dict:
    return gh_job(i, title, "&lt;p&gt;Build things.&lt;/p&gt;") | {"company_name": company} | kw


class Bot:
    """The app with its transport listening; the test polls, sends and presses."""

    def __init__(self, app: App, tg: FakeTelegram, boards) -> None:
        self.app, self.tg, self.boards = app, tg, boards

    async def say(self, chat: int, text: str) -> str:
        before = len(self.tg.messages_to(chat))
        self.tg.push_text(chat, text)
        await self.tg.wait_for_async(lambda s: len(self.tg.messages_to(chat)) > before)
        return self.tg.messages_to(chat)[-1].text

    async def jobs(self, *jobs: dict, board: str = "Acme") -> list[SentMessage]:
        """The board lists `jobs` now: poll it, send what is due; the job messages sent."""
        before = len(self.tg.sent)
        self.boards.set_json(PATH if board == "Acme" else MIRROR, {"jobs": list(jobs)})
        await self.app.poller.poll(board, force=True)
        await self.app.sender.drain(timeout=5)
        return [m for m in self.tg.sent[before:] if _row2(m)]

    async def press(
        self, message: SentMessage, data: str, user: int | None = None
    ) -> tuple[str, SentMessage | None]:
        """Press `data` under `message`: the answer's text and the edit (None if none)."""
        answers, edits = len(self.tg.callback_answers), len(self.tg.edited)
        self.tg.push_callback(message, data, user_id=user)
        await self.tg.wait_for_async(lambda s: len(self.tg.callback_answers) > answers)
        toast = self.tg.callback_answers[-1].get("text", "")
        if toast not in (STALE, DELETED):  # the edit comes right after the answer
            await self.tg.wait_for_async(lambda s: len(self.tg.edited) > edits)
        edit = self.tg.edited[-1] if len(self.tg.edited) > edits else None
        return toast, edit


def _buttons(message: SentMessage) -> list[tuple[str, str]]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row if "callback_data" in b]


def _row2(message: SentMessage) -> list[tuple[str, str]]:
    """The buttons that act on the job, but the Save of row 1."""
    return [b for b in _buttons(message) if not b[1].startswith("js:")]


def _row1(message: SentMessage) -> list[str]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [b["text"] for b in rows[0]] if rows else []


@contextlib.asynccontextmanager
async def running(tmp_path: Path, tg: FakeTelegram, boards) -> AsyncIterator[Bot]:
    config = cfg.from_dict(
        {
            "telegram": {"token": TOKEN, "api_url": tg.api_url},
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "delivery": {"per_chat_interval": 0.05},
            "boards": [
                {"name": "Acme", "kind": "greenhouse", "url": boards.url(PATH), "interval": "1h"},
                {"name": "Mirror", "kind": "greenhouse", "url": boards.url(MIRROR)},
            ],
        }
    )
    app = App(config, clock=lambda: NOW)
    app._prepare()
    await app.transport.start(app.handlers, app.handlers.press)
    bot = Bot(app, tg, boards)
    try:
        await bot.jobs(job(1, "Office Manager"))  # the baselines
        await bot.jobs(job(1, "Office Manager"), board="Mirror")
        yield bot
    finally:
        await app.close()


async def test_not_interested_hides_the_job_and_its_copies_and_undo_brings_it_back(
    tmp_path, tg, boards
) -> None:
    async with running(tmp_path, tg, boards) as bot:
        await bot.say(USER, "/alert rust")
        [msg] = await bot.jobs(job(1, "Office Manager"), job(2, "Senior Rust Engineer"))
        assert _row2(msg) == [
            ("Not interested", "jh:1"),
            ("Mute Acme Pay", "jm:1"),
            ("Pause alert", "jp:1"),
        ]
        copy = job(
            9, "Senior Rust Engineer", absolute_url="https://boards.greenhouse.io/acme/jobs/2"
        )
        assert await bot.jobs(job(1, "Office Manager"), copy, board="Mirror") == []
        assert (await bot.say(USER, "/search senior")).count("Senior Rust Engineer") == 2

        toast, edit = await bot.press(msg, "jh:1")
        assert toast == "Hidden." and edit is not None and edit.message_id == msg.message_id
        assert "Hidden: you won't see this job again" in edit.visible_text
        assert _row2(edit) == [("↩️ Undo", "ju:h:1")]
        assert "No stored job matches" in await bot.say(USER, "/search senior"), "nor its copy"

        toast, back = await bot.press(edit, "ju:h:1")
        assert toast == "This job is back." and back is not None
        assert back.text.replace("\nAlso on Mirror", "") == msg.text, "as sent, and up to date"
        assert back.reply_markup == msg.reply_markup
        assert "Senior Rust Engineer" in await bot.say(USER, "/search senior")


async def test_mute_stops_the_companys_jobs_even_queued_ones_until_undone(
    tmp_path, tg, boards
) -> None:
    async with running(tmp_path, tg, boards) as bot:
        await bot.say(USER, "/alert rust")
        [msg] = await bot.jobs(job(2, "Rust Engineer"))
        toast, edit = await bot.press(msg, "jm:1")
        assert toast == "Muted Acme Pay." and edit is not None
        assert "🔇 Muted Acme Pay: no more jobs from them" in edit.visible_text
        assert "Muted companies:\n• Acme Pay" in await bot.say(USER, "/muted")

        assert await bot.jobs(job(2, "Rust Engineer"), job(3, "Rust SRE")) == [], "not routed"
        assert await bot.jobs(job(3, "Rust SRE"), job(4, "Rust Dev", "Other Co")) != []
        assert "No stored job matches" in await bot.say(USER, "/search sre")

        toast, _ = await bot.press(edit, "ju:m:1")
        assert toast == "Acme Pay unmuted."
        assert "You have muted no company" in await bot.say(USER, "/muted")
        [fifth] = await bot.jobs(job(5, "Rust Lead"))
        assert "Rust Lead" in fifth.text

        # A job queued before the mute is not sent after it.
        bot.boards.set_json(PATH, {"jobs": [job(5, "Rust Lead"), job(6, "Rust Intern")]})
        await bot.app.poller.poll("Acme", force=True)
        assert bot.app.store.outbox.delivery_counts().get("pending") == 1
        await bot.press(fifth, _row2(fifth)[1][1])
        assert await bot.jobs(job(5, "Rust Lead"), job(6, "Rust Intern")) == []
        assert bot.app.store.outbox.delivery_counts().get("dropped") == 1
        assert "unmuted" in await bot.say(USER, "/unmute ACME pay")
        assert "haven't muted" in await bot.say(USER, "/unmute Acme Pay")


async def test_mute_by_name_before_any_of_the_companys_jobs_came(tmp_path, tg, boards) -> None:
    """/mute takes a stored job's spelling of the name ("acme pay, inc." is Acme Pay), offers
    the stored companies that have a name's words, and mutes a name no job has, or one in
    quotes, as typed."""
    async with running(tmp_path, tg, boards) as bot:

        async def seen(text: str) -> str:
            await bot.say(USER, text)
            return bot.tg.messages_to(USER)[-1].visible_text

        await bot.say(USER, "/alert rust")
        await bot.jobs(job(2, "Rust Engineer"), job(3, "Rust SRE", "Acme Robotics GmbH"))
        reply = await seen("/mute acme pay, inc.")
        assert reply.startswith("🔇 Muted Acme Pay: no more jobs from them"), reply
        assert "/unmute Acme Pay undoes it" in reply
        assert "already" in await seen("/mute ACME PAY")
        reply = await seen("/mute acme")
        assert reply == (
            "No job I have stored is from exactly “acme”. Did you mean /mute Acme Robotics GmbH? "
            'To mute “acme” itself, send /mute "acme".'
        )
        assert "Muted companies:\n• Acme Pay\n/unmute" in await seen("/muted"), "asked, not muted"
        assert (await seen('/mute "acme"')).startswith("🔇 Muted acme: no more jobs")
        assert (await seen("/mute Initech")).startswith("🔇 Muted Initech"), "no stored job has it"
        assert "Muted companies:\n• Acme Pay\n• acme\n• Initech" in await seen("/muted")
        sent = await bot.jobs(
            job(4, "Rust Lead"),
            job(5, "Rust Dev", "Initech, Inc."),
            job(6, "Rust QA", "Acme Robotics GmbH"),
        )
        assert [m.visible_text.split("\n")[0] for m in sent] == ["Rust QA"], (
            "Acme Pay and Initech muted"
        )
        assert "Which company?" in await seen("/mute")
        assert "longer than a company's name" in await seen("/mute " + "x" * 101)
        bot.tg.push_text(USER, "/mute", reply_to=sent[0])  # in reply to a job's message
        await bot.tg.wait_for_async(
            lambda s: bot.tg.messages_to(USER)[-1].visible_text.startswith("🔇 Muted Acme Rob")
        )
        assert "• Acme Robotics GmbH" in await seen("/muted"), "the job's company, as it spells it"
        listing = bot.tg.messages_to(USER)[-1]  # the /muted reply: no job's message
        before = len(bot.tg.messages_to(USER))
        bot.tg.push_text(USER, "/mute", reply_to=listing)
        await bot.tg.wait_for_async(lambda s: len(bot.tg.messages_to(USER)) > before)
        assert "Which company?" in bot.tg.messages_to(USER)[-1].visible_text


async def test_mute_and_unmute_several_at_once_and_unmute_all(tmp_path, tg, boards) -> None:
    """ "/mute Stripe, Revolut; N26" muted one company of that whole name."""
    async with running(tmp_path, tg, boards) as bot:

        async def seen(text: str) -> str:
            await bot.say(USER, text)
            return bot.tg.messages_to(USER)[-1].visible_text

        reply = await seen("/mute Stripe, Revolut; N26\nInitech, Inc.")
        assert reply.count("🔇 Muted") == 4 and "🔇 Muted Initech, Inc.:" in reply, reply
        assert "• Stripe\n• Revolut\n• N26\n• Initech, Inc." in await seen("/muted")
        reply = await seen("/unmute revolut, n26")
        assert "revolut unmuted" in reply and "n26 unmuted" in reply
        assert "Muted companies:\n• Stripe\n• Initech, Inc.\n/unmute" in await seen("/muted")
        assert await seen("/unmute all") == "🔔 Unmuted 2 companies: their jobs reach you again."
        assert "You have muted no company" in await seen("/muted")
        assert "You have muted no company" in await seen("/unmute all")
        assert (await seen('/mute "Foo, Bar"')).startswith("🔇 Muted Foo, Bar:"), "one, quoted"


async def test_pause_alert_offers_a_choice_between_matched_alerts(tmp_path, tg, boards) -> None:
    async with running(tmp_path, tg, boards) as bot:
        await bot.say(USER, "/alert rust")
        await bot.say(USER, "/alert senior")
        [msg] = await bot.jobs(job(2, "Senior Rust Engineer"))
        assert "Matched your alerts “rust”, “senior”" in msg.text
        toast, choice = await bot.press(msg, "jp:1")
        assert choice is not None and "Which alert should I pause?" in choice.visible_text
        assert _row2(choice) == [
            ("⏸ #1 rust", "jp:1:1"),
            ("⏸ #2 senior", "jp:1:2"),
            ("Cancel", "jb:1"),
        ]
        toast, same = await bot.press(choice, "jb:1")
        assert same is not None and same.reply_markup == msg.reply_markup
        assert bot.app.store.alerts.paused_alert_ids(USER) == set()

        toast, paused = await bot.press(same, "jp:1:2")
        assert toast == "Paused alert #2." and paused is not None
        assert "⏸ Paused alert #2 senior" in paused.visible_text
        assert "nothing is sent until /resume 2; what it matches meanwhile" in paused.visible_text
        assert "one summary. For a time instead: /pause 2 2w." in paused.visible_text
        assert bot.app.store.alerts.paused_alert_ids(USER) == {2}
        toast, saved = await bot.press(paused, "js:1")
        assert toast.startswith("Saved") and saved is not None
        assert saved.visible_text == paused.visible_text and _row2(saved) == _row2(paused), (
            "Save keeps the pause's note and its Undo"
        )
        sent = await bot.jobs(job(2, "x"), job(3, "Senior Go Engineer"), job(4, "Rust Dev"))
        assert [m.text.split("\n")[0] for m in sent] == ["<b>Rust Dev</b>"]
        assert "Matched your alert “rust”" in sent[0].text, "the paused alert is not named"

        toast, _ = await bot.press(paused, "ju:p:1:2")
        assert toast == "Alert #2 resumed." and bot.app.store.alerts.paused_alert_ids(USER) == set()

        toast, _ = await bot.press(sent[0], _row2(sent[0])[2][1])  # one alert: no choice
        assert toast == "Paused alert #1." and bot.app.store.alerts.paused_alert_ids(USER) == {1}

        await bot.say(USER, "/delete 1")
        toast, edit = await bot.press(sent[0], _row2(sent[0])[2][1])
        assert toast == DELETED
        assert edit is None, "the message stays as it is"


async def test_forged_and_stale_presses_change_nothing_and_say_so(tmp_path, tg, boards) -> None:
    async with running(tmp_path, tg, boards) as bot:
        await bot.say(USER, "/alert rust")
        await bot.say(OTHER, "/alert rust")
        sent = await bot.jobs(job(2, "Rust Engineer"))
        mine = next(m for m in sent if m.chat_id == USER)
        theirs = next(m for m in sent if m.chat_id == OTHER)
        my_id = _row2(mine)[0][1].split(":")[1]
        their_id = _row2(theirs)[0][1].split(":")[1]
        reply = tg.messages_to(USER)[0]  # the /alert reply: not a job message
        forged = [
            (mine, f"jh:{my_id}", OTHER),  # someone else pressing in my chat
            (mine, f"jh:{their_id}", None),  # another chat's delivery
            (mine, f"jm:{their_id}", None),
            (reply, f"jh:{my_id}", None),  # my delivery, under another message
            (mine, "jh:999999", None),  # unknown delivery
            (mine, "jh:abc", None),  # tampered
            (mine, f"jh:{my_id}:1", None),
            (mine, f"jp:{my_id}:{2**70}", None),
            (mine, f"jp:{my_id}:2", None),  # an alert that is not this delivery's
            (mine, f"ju:x:{my_id}", None),
            (mine, "zz:1", None),  # no such route
            (mine, "jh:" + "1" * 70, None),
        ]
        for message, data, user in forged:
            toast, _ = await bot.press(message, data, user)
            assert toast == STALE, data
        assert tg.edited == [], "no message was edited"
        store = bot.app.store
        assert store.choices.hidden_jobs(USER) == store.choices.hidden_jobs(OTHER) == set()
        assert store.choices.muted_companies(USER) == store.choices.muted_companies(OTHER) == []
        assert store.alerts.paused_alert_ids(USER) == store.alerts.paused_alert_ids(OTHER) == set()
        toast, _ = await bot.press(mine, f"jh:{my_id}")
        assert toast == "Hidden.", "the real press still works"


async def test_the_posted_date_is_in_the_users_time_zone(tmp_path, tg, boards) -> None:
    async with running(tmp_path, tg, boards) as bot:
        await bot.say(USER, "/alert rust")
        await bot.say(OTHER, "/alert rust")
        bot.app.store.users.set_settings(USER, DeliverySettings(timezone="Asia/Tokyo"), NOW)
        late = job(2, "Rust Engineer", updated_at="2026-11-20T23:30:00Z")
        sent = {m.chat_id: m.text for m in await bot.jobs(late)}
        assert "Posted today (21 Nov 2026) · via Acme" in sent[USER]
        assert "Posted yesterday (20 Nov 2026) · via Acme" in sent[OTHER]


async def test_presses_reach_the_handlers_when_the_app_runs(tmp_path, tg) -> None:
    from tests.test_chat_commands import running as app_running

    async with app_running(tmp_path, tg):
        tg.push_text(USER, "/muted")
        [reply] = await tg.wait_for_async(1)
        assert "You have muted no company" in reply.text
        tg.push_callback(reply, "jh:1")
        await tg.wait_for_async(lambda s: len(tg.callback_answers) == 1)
        assert tg.callback_answers[0]["text"] == STALE


async def test_a_press_after_its_alert_changed_keeps_the_message_as_it_was_sent(
    tmp_path, tg, boards
) -> None:
    """The message names the alerts that matched when it was sent: an alert edited or deleted
    since does not rewrite it when a button under it is pressed."""
    async with running(tmp_path, tg, boards) as bot:
        await bot.say(USER, "/alert rust")
        await bot.say(USER, "/alert senior")
        [msg] = await bot.jobs(job(1, "Office Manager"), job(2, "Senior Rust Engineer"))
        assert "Matched your alerts “rust”, “senior”" in msg.visible_text
        await bot.say(USER, "/edit 1 golang remote:yes")
        await bot.say(USER, "/delete 2")
        toast, edit = await bot.press(msg, "js:1")
        assert toast == "Saved: /saved lists the jobs you saved." and edit is not None
        assert edit.visible_text == msg.visible_text, "as sent: not “golang remote:yes”"
        _, hidden = await bot.press(edit, "jh:1")
        assert hidden is not None
        _, back = await bot.press(hidden, "ju:h:1")
        assert back is not None and back.visible_text == msg.visible_text, "Undo: as sent"


async def test_save_keeps_a_job_for_later_and_saved_says_when_its_board_closes_it(
    tmp_path, tg, boards
) -> None:
    """☆ Save under a job puts it in /saved and turns ★ Saved (the message's other buttons
    stay); /saved then says whether its board still lists it; ★ Saved pressed again forgets
    it. Another user's press changes nothing."""
    async with running(tmp_path, tg, boards) as bot:
        await bot.say(USER, "/alert rust")
        office = job(1, "Office Manager")
        [msg] = await bot.jobs(office, job(2, "Senior Rust Engineer"))
        assert _row1(msg) == ["View job", "☆ Save"]
        assert await bot.press(msg, "js:1", user=OTHER) == (STALE, None)

        toast, edit = await bot.press(msg, "js:1")
        assert toast == "Saved: /saved lists the jobs you saved." and edit is not None
        assert _row1(edit) == ["View job", "★ Saved"] and _row2(edit) == _row2(msg)
        assert edit.visible_text == msg.visible_text
        [kept] = bot.app.store.saved.saved(USER)
        assert kept.details == "Berlin", "where it is and what it pays, kept for when it is pruned"
        link = '<a href="https://boards.greenhouse.io/acme/jobs/2">Senior Rust Engineer</a>'
        assert await bot.say(USER, "/saved") == (
            f"Saved jobs (1):\n1. {link} — Acme Pay · Berlin · saved 21 Nov · open\n"
            "<code>/applied 1</code> marks one applied; <code>/unsave 1</code> forgets one."
        )
        toast, muted = await bot.press(edit, "jm:1")
        assert muted is not None and _row1(muted) == ["View job", "★ Saved"], "row 1 stays"

        await bot.jobs(office)  # missing from two polls in a row: closed
        await bot.jobs(office, job(3, "Accountant"))
        assert f"1. {link} — Acme Pay · Berlin · saved 21 Nov · closed 21 Nov\n" in await bot.say(
            USER, "/saved"
        )
        toast, edit = await bot.press(edit, "js:1")
        assert toast == "Removed from /saved." and edit is not None
        assert _row1(edit) == ["View job", "☆ Save"]
        assert "🔇 Muted Acme Pay" in edit.visible_text and _row2(edit) == _row2(muted), (
            "the mute's note and its Undo stay under the message"
        )
        assert (await bot.say(USER, "/saved")).startswith("You have saved no job.")
        toast, back = await bot.press(edit, "ju:m:1")
        assert toast == "Acme Pay unmuted." and back is not None
        toast, edit = await bot.press(back, "js:1")
        assert "Muted" not in edit.visible_text and _row2(edit) == _row2(msg), "nothing to keep"


async def test_a_word_in_reply_to_a_jobs_message_does_what_its_button_does(
    tmp_path, tg, boards
) -> None:
    """ "save", "I applied", "not interested" in reply to a job's message: saved, marked applied
    (saved first), hidden; "more like this", the alert of its title's words; "how much does it
    pay?", its pay and place; sent alone, they say where the button is."""
    async with running(tmp_path, tg, boards) as bot:

        async def replied(text: str, to: SentMessage) -> str:
            before = len(bot.tg.messages_to(USER))
            bot.tg.push_text(USER, text, reply_to=to)
            await bot.tg.wait_for_async(lambda s: len(bot.tg.messages_to(USER)) > before)
            return bot.tg.messages_to(USER)[-1].visible_text

        await bot.say(USER, "/alert rust")
        first, second = await bot.jobs(job(2, "Rust Engineer"), job(3, "Rust SRE"))
        assert await replied("Save this job!", first) == "Saved “Rust Engineer”: /saved lists it."
        assert await replied("I applied", second) == (
            "✅ Marked “Rust SRE” applied today, and saved: /saved lists it."
        )
        saved = await bot.say(USER, "/saved")
        assert "Rust Engineer" in saved and "Rust SRE" in saved and "applied" in saved
        assert (await replied("not interested", first)).startswith("🙈 Hidden: you won't see")
        assert "Rust Engineer" not in await bot.say(USER, "/search rust")
        alone = await bot.say(USER, "save this job")
        assert alone.startswith("Press <b>☆ Save</b> under the job's message, or reply"), alone
        listing = bot.tg.messages_to(USER)[-1]  # no job's message
        assert (await replied("save", listing)).startswith("That message is no job I sent you")
        assert await replied("more like this one please", second) == (
            "For each new job with this title's words: /alert title:(rust sre); the stored ones: "
            "/search title:(rust sre). (Tap to copy; take out a word to widen it.)"
        )
        alone = await bot.say(USER, "similar jobs")
        assert alone.startswith("Reply “more like this” to a job"), alone
        assert await replied("how much does it pay?", second) == (
            "Rust SRE — Acme Pay: Berlin. Its board states no pay."
        )
        assert (await replied("is it remote?", second)).startswith("Rust SRE — Acme Pay: Berlin.")
        alone = await bot.say(USER, "is it remote?")
        assert alone.startswith("A job's message shows its pay (when its board states it)"), alone
