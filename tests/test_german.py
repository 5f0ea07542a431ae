"""German as Lena writes it (a data analyst in Munich, German and English mixed, on a phone):
a request about the bot in German gets what the same request in English gets, through the
same handlers, and German talk that is none gets "I didn't understand that", not an alert of
its words. Pauses, quiet hours and digests take German times, and German command names get the
command meant. Each row names the wrong reply it used to get."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.pausetime import parse_pause
from bot.store import Stores
from bot.telegram.chat import NOT_A_COMMAND
from bot.telegram.handlers import Handlers
from tests.alerting import say, world_handlers

WORDS_OFFERED = "To get a message for each new job"  # an alert of the text's words


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("bin 2 wochen im urlaub", "<code>/pause for 2 weeks</code> stops the messages"),
        (
            "bin ab morgen 2 wochen im urlaub, bitte keine jobs schicken",
            "<code>/pause for 2 weeks</code> stops the messages",
        ),
        ("ich bin bis 3. januar im urlaub", "<code>/pause until 3 january</code>"),
        ("pausiere alert 2", "Commands start with a slash: <code>/pause 2</code>."),
        ("pause 2 wochen", "Commands start with a slash: <code>/pause 2 weeks</code>."),
        ("stop für 2 wochen", "Commands start with a slash: <code>/pause for 2 weeks</code>."),
        ("stop for 2 weeks", "Commands start with a slash: <code>/pause for 2 weeks</code>."),
        ("wie lösche ich einen alert", "<code>/delete &lt;id&gt;</code> — Delete an alert."),
        ("alert 3 löschen", "Commands start with a slash: <code>/delete 3</code>."),
        ("lösch 4 und 5", "Commands start with a slash: <code>/delete 4 5</code>."),
        ("alles löschen", "Commands start with a slash: <code>/delete all</code>."),
        ("lösche alle meine alerts", "Commands start with a slash: <code>/delete all</code>."),
        ("lösch meine daten", "<code>/stop</code> deletes all the bot keeps of you"),
        ("abmelden", "<code>/stop</code> unsubscribes you and deletes your alerts"),
        ("wie ändere ich einen alert", "<code>/edit &lt;id&gt; &lt;query&gt;</code>"),
        (
            "alert 1 ändern auf data analyst münchen",
            "Commands start with a slash: <code>/edit 1 data analyst münchen</code>.",
        ),
        ("zu viele jobs", "Fewer messages: <code>/digest daily</code>"),
        ("das sind zu viele nachrichten", "Fewer messages: <code>/digest daily</code>"),
        ("hilfe", "Send /help for every command"),
        ("wie funktioniert das hier", "I'm jobbot: I watch job boards"),
        ("sprichst du deutsch", "I reply in English, but I understand German too"),
        ("do you speak german?", "I reply in English, but I understand German too"),
        ("warum bekomme ich keine jobs", "You're not subscribed, so no jobs come to you."),
        ("gibt es neue jobs?", "Tell me what to look for: <code>/search rust backend</code>"),
        ("nachts bitte keine nachrichten", "<code>/quiet 22:00-07:00</code>"),
        ("keine nachrichten nach 22 uhr", "<code>/quiet 22:00-07:00</code>"),
        ("bitte keine Nachrichten zwischen 22 und 8 Uhr", "<code>/quiet 22:00-08:00</code>"),
        ("wöchentliche Zusammenfassung für Alert 2 bitte", "<code>/digest 2 weekly</code>"),
        ("alert 2 wöchentlich", "<code>/digest 2 weekly</code>"),
        ("warum hab ich den bekommen? https://example.com/jobs/1", "🔍 <b>Senior Rust Engineer"),
        ("no messages after 11pm", "<code>/quiet 23:00-07:00</code>"),
        ("einmal am tag reicht", "each day: <code>/digest daily</code>"),
        ("tägliche zusammenfassung bitte", "each day: <code>/digest daily</code>"),
        ("jeden morgen um 8 uhr", "each day: <code>/digest daily 8</code>"),
        ("zeitzone münchen", "Commands start with a slash: <code>/timezone Munich</code>."),
        (
            "stell die zeitzone auf deutschland",
            "Commands start with a slash: <code>/timezone Germany</code>.",
        ),
        ("folge Personio", "Commands start with a slash: <code>/follow Personio</code>."),
        ("ich möchte Celonis folgen", "Commands start with a slash: <code>/follow Celonis</code>"),
        (
            "kannst du die jobs von FlixBus beobachten?",
            "Commands start with a slash: <code>/follow FlixBus</code>.",
        ),
        ("keine jobs mehr von Bitpanda", "<code>/mute Bitpanda</code> stops that company's jobs"),
        ("blockier die firma Tipico", "<code>/mute Tipico</code> stops that company's jobs"),
        ("ich hab einen job gefunden!!", "Congratulations! 🎉 <code>/pause</code> keeps"),
        ("hör auf mir jobs zu schicken", "To stop the messages and keep your alerts"),
        ("rückgängig", "There's no undo command."),
        ("undo", "There's no undo command."),
        # German talk that is no request: not offered as an alert of its words
        ("kannst du mir helfen", "Sorry, I didn't understand that. /help lists what I can do."),
        ("ich bin nicht sicher wie das geht", "Sorry, I didn't understand that."),
        ("ja bitte", "Sorry, I didn't understand that."),
    ],
)
async def test_a_request_said_in_german_gets_what_the_english_one_gets(
    handlers, text: str, reply: str
) -> None:
    said = await say(handlers, text)
    assert reply in said, said
    assert WORDS_OFFERED not in said and said != NOT_A_COMMAND, said  # the old replies


@pytest.mark.parametrize(
    ("text", "reply"),
    [  # German job searches are searches still
        (
            "Kannst du mir Scala Jobs in Berlin schicken?",
            "send <code>/alert scala location:berlin</code>",
        ),
        ("Kannst du mir Scala Jobs schicken?", "send <code>/alert scala</code>"),
        ("ich suche data analyst jobs", "send <code>/alert data analyst</code>"),
        (
            "Rust Jobs ohne Krypto in München",
            "<code>/alert rust -(krypto OR crypto) location:munchen</code>",
        ),
        ("Grüß dich", "Send /alert followed by keywords"),  # a greeting, not German talk
        (  # plurals only let "Werkstudent (m/w/d)" through; location:berlin AND deutschland
            "Hallo! Ich suche Data Engineering Jobs in Berlin, Python oder Scala, Spark und "
            "Kafka, hybrid in Berlin oder remote in Deutschland, mind. 75k, keine Werkstudenten "
            "oder Praktika, ohne Beratung/consulting",
            "<code>/alert data engineering (python OR scala) spark kafka ((remote:yes "
            "from:deutschland) OR (remote:hybrid location:berlin)) salary:&gt;=75k "
            "-(werkstudent* OR praktika OR praktikum) -(beratung OR consulting)</code>",
        ),
        (
            "Ich suche Data Engineering Jobs in Berlin, Python oder Scala, Spark und Kafka, "
            "hybrid oder remote in Deutschland, mind. 75k, keine Beratung bitte",
            "<code>/alert data engineering (python OR scala) spark kafka ((remote:yes "
            "from:deutschland) OR (remote:hybrid location:berlin)) salary:&gt;=75k -beratung",
        ),
        (  # fillers were words of the alert
            "Ich bin Data Engineer mit 6 Jahren Erfahrung und suche was Neues in Berlin",
            "<code>/alert data engineer years:&lt;=6 location:berlin</code>",
        ),
        ("was gibt es für python in berlin?", "<code>/alert python location:berlin</code>"),
        ("wie bekomme ich nur remote jobs?", "<code>/alert remote:yes</code>"),
        ("die casting engineer", "send <code>/alert die casting engineer</code>"),
        (  # was "send /alert ich suche jobs ohne beratung": no role, the filler kept
            "ich suche jobs ohne beratung",
            "but no role or tech: what kind of job do you look for? Its words with them: "
            "<code>/alert &lt;your keywords&gt; -beratung</code>.",
        ),
        (  # was "-(beratung OR ohne) krypto": Krypto asked for
            "python jobs ohne beratung und ohne krypto",
            "<code>/alert python -beratung -(krypto OR crypto)</code>",
        ),
    ],
)
async def test_german_job_searches_are_still_offered_as_alerts(
    handlers, text: str, reply: str
) -> None:
    said = await say(handlers, text)
    assert reply in said, said
    assert "didn't understand" not in said


async def test_back_says_what_is_paused_or_that_nothing_is(handlers) -> None:
    await say(handlers, "/alert rust")
    for back in ("I'm back", "bin zurück"):  # was: "/resume turns your notifications on again"
        assert await say(handlers, back) == (
            "Welcome back! Your notifications are on already: nothing is paused."
        )
    await say(handlers, "/pause 1")
    assert await say(handlers, "bin wieder da") == (
        "Welcome back! Your notifications are on; alert #1 is paused: <code>/resume 1</code> "
        "turns it on."
    )
    await say(handlers, "/pause")
    assert "<code>/resume</code> turns your notifications on again" in await say(
        handlers, "I'm back"
    )


async def test_pause_takes_german_times_and_a_number_alone_may_be_days(handlers) -> None:
    await say(handlers, "/alert rust")
    # was: "You have no alert #14."
    assert (await say(handlers, "/pause 14 tage")).startswith("⏸ Paused until Sat 5 Dec 09:00")
    await say(handlers, "/resume")
    # was: "“bis 3. januar” is not an alert id (see /alerts) nor a time to pause for"
    assert (await say(handlers, "/pause bis 3. januar")).startswith("⏸ Paused until Sun 3 Jan")
    await say(handlers, "/resume")
    # was: "“bis montag” is not a time to pause for"
    said = await say(handlers, "/pause 1 bis montag")
    assert said.startswith("⏸ Alert #1 paused until Mon 23 Nov 08:00"), said
    # was: "You have no alert #14. Yours: …"
    assert (await say(handlers, "/pause 14")).startswith(
        "You have no alert #14; to pause for 14 days, <code>/pause 14d</code>. Yours: #1 rust"
    )


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("14 tage", datetime(2026, 12, 5, 9, 0, tzinfo=UTC)),
        ("für 2 wochen", datetime(2026, 12, 5, 9, 0, tzinfo=UTC)),
        ("bis 3. januar", datetime(2027, 1, 3, 7, 0, tzinfo=UTC)),  # 08:00 in Berlin
        ("bis 03.01.", datetime(2027, 1, 3, 7, 0, tzinfo=UTC)),
        ("until 3.1.", datetime(2027, 1, 3, 7, 0, tzinfo=UTC)),
        ("bis 3.1.2027", datetime(2027, 1, 3, 7, 0, tzinfo=UTC)),
        ("bis montag", datetime(2026, 11, 23, 7, 0, tzinfo=UTC)),
        ("bis zum 4.", datetime(2026, 12, 4, 7, 0, tzinfo=UTC)),
        ("übers wochenende", datetime(2026, 11, 23, 7, 0, tzinfo=UTC)),
        ("ein paar tage", datetime(2026, 11, 24, 9, 0, tzinfo=UTC)),
    ],
)
def test_a_pause_written_in_german_ends_when_meant(text: str, ends: datetime, now) -> None:
    assert parse_pause(text, now, "Europe/Berlin") == ends


@pytest.mark.parametrize(
    ("text", "reply"),
    [  # was: "I can't use that: …"
        ("/quiet aus", "🌙 Done: no quiet hours"),
        ("/quiet ab 22 uhr bis 7 uhr", "🌙 Done: quiet hours 22:00–07:00"),
        ("/quiet zwischen 22 und 7 uhr", "🌙 Done: quiet hours 22:00–07:00"),
        ("/digest jeden morgen 8 uhr", "📬 Done: you get a daily digest at 08:00"),
        ("/digest every evening", "📬 Done: you get a daily digest at 18:00"),
        ("/digest freitags 17 uhr", "📬 Done: you get a weekly digest on Fri at 17:00"),
        ("/digest aus", "📬 Done: you get each job as it arrives"),
    ],
)
async def test_quiet_and_digest_take_german_words(handlers, text: str, reply: str) -> None:
    said = await say(handlers, text)
    assert said.startswith(reply), said


@pytest.mark.parametrize(
    ("text", "meant"),
    [  # (/hilfe is answered as /help: test_command_slips.py)
        ("/suche data analyst", "<code>/search data analyst</code>"),
        ("/einstellungen", "<code>/settings</code>"),
        ("/abmelden", "<code>/stop</code>"),
        ("/pausieren 2 wochen", "<code>/pause 2 wochen</code>"),
        ("/löschen 1", "<code>/delete 1</code>"),  # was offered as /alert /löschen 1
        ("/folgen Celonis", "<code>/follow Celonis</code>"),
    ],
)
async def test_a_german_command_name_gets_the_command_meant(
    handlers, text: str, meant: str
) -> None:
    name = text.split()[0]
    assert await say(handlers, text) == f"I don't know {name}. Did you mean {meant}?"
