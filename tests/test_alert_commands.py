"""/alert, /search, /alerts and /help alert on a real SQLite store."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import datetime, timedelta

import pytest

from bot import normalize, rates
from bot.config import AlertsConfig
from bot.models import Delivery, OutgoingMessage, RawPosting
from bot.rates import parse_ecb
from bot.store import Stores
from bot.syntax import ATTRS, FIELD_NAMES
from bot.telegram import stored_search
from bot.telegram.handlers import Handlers, command_lines
from bot.transport import Incoming, Press
from tests.alerting import INFO, JOBS, USER, check_html, raw, say, world_handlers
from tests.conftest import FIXTURES


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


async def test_alert_shows_the_query_as_understood_its_id_and_a_backtest(handlers, store) -> None:
    reply = await say(handlers, "/alert Rust  -Intern title:(Senior OR Staff)")
    assert reply.startswith("✅ Alert #1 saved: <b>rust -intern title:(senior OR staff)</b>\n")
    assert "It would have matched 2 open jobs posted in the last 7 days. Latest:" in reply
    links = re.findall(r'<a href="[^"]+">([^<]+)</a>', reply)
    assert links == ["Staff Rust Engineer", "Senior Rust Engineer"], "newest first"
    assert store.alerts.alerts(USER)[0].query == "rust -intern title:(senior OR staff)"


async def test_alert_backtest_links_at_most_three(handlers) -> None:
    reply = await say(handlers, "/alert location:berlin")
    assert "It would have matched 4 open jobs" in reply
    assert len(re.findall(r"<a href=", reply)) == 3


async def test_alert_with_no_recent_match(handlers) -> None:
    reply = await say(handlers, "/alert go")
    assert "It would have matched 1 open job posted in" in reply and "Go Engineer" in reply
    reply = await say(handlers, "/alert scala")
    assert "No open job posted in the last 7 days matches it yet" in reply


async def test_alert_list_is_taken_for_alerts_and_saves_nothing(handlers, store) -> None:
    """ "/alert list" means /alerts: an alert for the word "list" is no one's wish; quoted, it
    is saved as asked."""
    reply = await say(handlers, "/alert list")
    assert (
        reply
        == '/alerts lists your alerts. (An alert for the word itself: <code>/alert "list"</code>.)'
    )
    assert store.alerts.alerts(USER) == []
    assert (await say(handlers, '/alert "list"')).startswith("✅ Alert #1 saved: <b>list</b>")


async def test_the_same_alert_in_another_order_is_refused(handlers, store) -> None:
    """The same alert twice is refused, its ORs' and ANDs' parts in any order: "go OR rust"
    is "rust OR go"; "go" and "rust" is not "go OR rust"."""
    await say(handlers, "/alert rust OR go")
    await say(handlers, "/alert (scala OR kotlin) -crypto remote:yes")
    for again, which in (
        ("/alert go OR rust", "#1 <b>rust OR go</b>"),
        ("/alert remote:yes -crypto (kotlin OR scala)", "#2"),
    ):
        assert (await say(handlers, again)).startswith(f"You already have this alert: {which}")
    assert (await say(handlers, "/alert go rust")).startswith("✅ Alert #3 saved")
    reply = await say(handlers, "/edit 3 go OR rust")
    assert reply.startswith("You already have this alert: #1"), reply
    assert [a.query for a in store.alerts.alerts(USER)][2] == "go rust"


async def saved_and_tip(handlers: Handlers, text: str) -> tuple[str, str]:
    """The reply's first two lines: the alert as saved, and the tip under it."""
    saved, tip = (await say(handlers, text)).split("\n")[:2]
    return saved, tip


@pytest.mark.parametrize(
    ("text", "word", "attr"),
    [
        ("/alert rust remote", "remote", "remote:yes"),
        ("/alert Hybrid", "hybrid", "remote:hybrid"),
        ("/alert rust location:remote", "location:remote", "remote:yes"),
    ],
)
async def test_a_workplace_word_gets_a_tip_for_the_filter(
    handlers, store, text: str, word: str, attr: str
) -> None:
    reply = await say(handlers, text)
    assert reply.startswith("✅ Alert #1 saved: ")
    where = "location" if word.startswith("location:") else "text"
    tip = f"Tip: <b>{word}</b> matches the word in a job's {where}; <code>{attr}</code> matches"
    assert tip in reply.split("\n")[1], "just under the saved query"
    if text == "/alert rust remote":
        assert "For that: <code>/edit 1 rust remote:yes</code>." in reply.split("\n")[1]
    assert store.alerts.alerts(USER)[0].query == text.split(" ", 1)[1].lower(), "saved as typed"


@pytest.mark.parametrize(
    ("typed", "shown", "offered"),
    [
        ("rust 100% remote", "100% remote", "/edit 1 rust remote:yes"),
        ("fully remote go", "fully remote", "/edit 1 remote:yes go"),
        ("100% remote", "100% remote", None),  # remote:yes alone: every remote job
    ],
)
async def test_fully_remote_takes_its_first_word_with_it(
    handlers, typed: str, shown: str, offered: str | None
) -> None:
    """ "100% remote" is "100 remote" to the lexer: "100" is a word a job must have too."""
    reply = await say(handlers, f"/alert {typed}")
    assert f"Tip: <b>{shown}</b> matches the words in a job's text;" in reply
    assert (f"For that: <code>{offered}</code>." in reply) if offered else "For that" not in reply


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("work from home python", "remote:yes python"),
        ("wfh golang", "remote:yes golang"),
        ("rust remote-first", "rust remote:yes"),
        ("rust remote friendly eu", "rust remote:yes from:eu"),
        ("python part time", "python type:part-time"),
        ("full time rust", "type:full-time rust"),
        ("rust $120,000", "rust salary:>=USD120k"),
        ("rust 120.000€", "rust salary:>=EUR120k"),
        ("rust over 1,200,000 sek", "rust salary:>=SEK1200k"),
        ("rust 80-100k", "rust salary:80k-100k"),  # the k counts for both
        ("python 20 lpa", "python salary:>=INR20lpa"),  # lakhs a year: rupees
        ("java over 15 lakhs", "java salary:>=INR15lpa"),
        ("rust remote cet", "rust remote:yes from:europe"),  # a time zone: its region
        ("rust CET +/- 2h", "rust from:europe"),
        ("golang pst", 'golang from:"north america"'),
        ("devops/SRE", "devops OR sre"),
        ("data/ml engineer", "(data OR ml) engineer"),
    ],
)
async def test_what_people_write_for_a_filter_or_either_word_gets_it_offered(
    handlers, typed: str, offered: str
) -> None:
    """Remote work, a kind of job, an amount with its thousands written apart and words joined
    by a slash, as job seekers write them: each gets the filter (or the OR) offered."""
    await say(handlers, "/alert java")
    reply = await say(handlers, f"/edit 1 {typed}")
    assert f"<code>/edit 1 {html.escape(offered)}</code>" in reply, reply


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("backend (Go/Rust)", "backend (go OR rust)"),
        ("C/C++ embedded", "(c OR c++) embedded"),
        ("rust/go/scala", "rust OR go OR scala"),
        ("rust, go or scala", "rust OR go OR scala"),
        ("backend java, kotlin, or scala", "backend (java OR kotlin OR scala)"),
    ],
)
async def test_techs_joined_by_a_slash_or_listed_are_one_of_them(
    handlers, store, typed: str, saved: str
) -> None:
    """ "rust/go" was the phrase "rust go", and "rust, go or scala" (rust go) OR scala: a
    Rust job that names no Go was lost. A list of techs is one of them, saved so."""
    reply = await say(handlers, f"/alert {typed}")
    assert f"saved: <b>{html.escape(saved)}</b>" in reply and "Tip" not in reply, reply
    assert store.alerts.alerts(USER)[0].query == saved


async def test_an_amount_no_filter_takes_stays_words(handlers) -> None:
    """ "0 lpa" and an amount of 20 digits are no salary a filter takes: the alert is saved as
    typed, with no salary offered (the offer's query was refused, and the reply failed)."""
    for typed in ("rust 0 lpa", "rust 99999999999999999999k", "rust over 99999999999999999999k"):
        reply = await say(handlers, f"/alert {typed}")
        assert reply.startswith("✅ Alert") and "salary:" not in reply, reply


async def test_a_slash_of_one_thing_gets_no_either_offered(handlers) -> None:
    await say(handlers, "/alert java")
    for one in ("ui/ux designer", "a/b testing", "24/7 support", "ci/cd", "tcp/ip"):
        assert "For either" not in await say(handlers, f"/edit 1 {one}"), one
    assert "few jobs say “120,000”" in await say(handlers, "/edit 1 rust $120,000")
    assert "For any of them: <code>/edit 1 design OR product OR marketing" in (
        await say(handlers, "/edit 1 design/product/marketing")
    )
    assert "Tip:" not in await say(handlers, "/edit 1 python 3.11"), "a version, no amount"
    alone = await say(handlers, "/edit 1 cet")
    assert "<code>from:europe</code> finds the jobs you can take from there" in alone
    assert "For those" not in alone, "from:europe alone: almost every job there"


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        (
            "/alert rust go scala",
            "few name them all. For any one of them: <code>/edit 1 rust OR go OR scala</code>",
        ),
        (
            "/alert remote:yes rust go",
            "few name both. For any one of them: <code>/edit 1 remote:yes (rust OR go)</code>",
        ),
        (
            "/search kotlin java",
            "few name both. For any one of them: <code>/search kotlin OR java</code>",
        ),
        ("/alert python django", None),  # a framework of its language: both, as meant
        ("/alert rust backend go", None),  # not side by side
        ("/alert rust scala 90k", "<code>(rust OR scala)</code>"),
    ],
)
async def test_languages_side_by_side_get_either_offered(
    handlers, typed: str, offered: str | None
) -> None:
    """ "/alert rust go scala" needed all three languages in one job, with no word said."""
    reply = await say(handlers, typed)
    if offered is None:
        assert "few name" not in reply, reply
    else:
        assert offered in reply, reply


@pytest.mark.parametrize(
    ("typed", "grouped"),
    [
        ("rust OR go NOT (crypto OR web3)", "(rust OR go) -(crypto OR web3)"),
        ("rust OR go -(crypto OR web3)", "(rust OR go) -(crypto OR web3)"),
        (
            'rust OR go company:(n26 OR "trade republic")',
            "(rust OR go) company:(n26 OR &quot;trade",
        ),
        ("rust OR go location:(berlin OR munich)", "(rust OR go) location:(berlin OR munich)"),
        ("company:(n26 OR wise) rust OR go", "company:(n26 OR wise) (rust OR go)</code>"),
        ("(a b) OR c", None),  # grouped as typed
        ("(rust OR go) remote:yes from:eu OR remote:hybrid location:berlin", None),  # no words
        ("(rust OR go) -crypto", None),
    ],
)
async def test_or_beside_words_gets_its_grouping_whatever_else_is_in_parentheses(
    handlers, typed: str, grouped: str | None
) -> None:
    """ "rust OR go -(crypto OR web3)" sent crypto Rust jobs: its parentheses group what is
    left out, not the OR, and the tip did not come where any were typed."""
    reply = await say(handlers, f"/alert {typed}")
    if grouped is None:
        assert "Tip: AND binds tighter" not in reply
    else:
        assert f"Grouped as most mean it: <code>/edit 1 {grouped}" in reply, reply


@pytest.mark.parametrize(
    "text", ["/alert rust remote:yes", "/alert rust -remote:yes", "/alert title:remote"]
)
async def test_no_tip_where_the_word_is_not_a_plain_term(handlers, text: str) -> None:
    assert "Tip:" not in await say(handlers, text)


async def test_or_beside_words_it_does_not_group_gets_a_tip(handlers) -> None:
    saved, tip = await saved_and_tip(handlers, "/alert rust OR go remote:yes")
    assert saved == "✅ Alert #1 saved: <b>rust OR (go remote:yes)</b>"
    assert tip == (
        "Tip: AND binds tighter than OR, as the parentheses above show. Grouped as most mean "
        "it: <code>/edit 1 (rust OR go) remote:yes</code>."
    )
    reply = await say(handlers, "/edit 1 (rust OR go) remote:yes")
    assert reply.startswith(
        "✏️ Alert #1 now: <b>(rust OR go) remote:yes</b>. To undo: "
        "<code>/edit 1 rust OR (go remote:yes)</code>\n"
    ), "it works, and says what it was"
    assert "<code>/edit 2 backend (rust OR go)</code>" in await say(
        handlers, "/alert backend rust OR go"
    )
    middle = await say(handlers, "/alert platform backend go OR rust remote:yes salary:>120k")
    assert "<code>/edit 3 platform backend (go OR rust) remote:yes salary:&gt;120k</code>" in middle
    assert "<code>/edit 3 platform (go OR rust OR scala) remote:yes</code>" in await say(
        handlers, "/edit 3 platform go OR rust OR scala remote:yes"
    ), "every term between the ends joins the OR"
    assert "To group otherwise" in await say(handlers, "/edit 3 go OR rust senior OR scala")
    for grouped in ("/alert (scala OR go) remote:yes", "/alert rust OR go", "/alert rust go"):
        assert "Tip:" not in await say(handlers, grouped)


async def test_an_alert_written_as_a_sentence_gets_its_filters_offered(handlers, store) -> None:
    """ "rust jobs in berlin paying over 100k" needs every word, and few jobs say "jobs" or
    "paying over 100k": the reply offers the filters meant. Keywords get no such tip."""
    saved, tip = await saved_and_tip(handlers, "/alert rust jobs in berlin paying over 100k")
    assert saved == "✅ Alert #1 saved: <b>rust jobs in berlin paying over 100k</b>"
    assert tip == (
        "Tip: a job matches only if its text has every word of the query: few jobs say “jobs” "
        "or “paying over 100k”. With filters: <code>/edit 1 rust location:berlin "
        "salary:&gt;=100k</code>."
    )
    edited = await say(handlers, "/edit 1 rust location:berlin salary:>=100k")
    assert edited.startswith("✏️ Alert #1 now: <b>rust location:berlin salary:&gt;=100k</b>")
    assert "With filters" not in edited
    assert store.alerts.alerts(USER)[0].query == "rust location:berlin salary:>=100k"
    assert "With filters: <code>/edit 1 python location:&quot;san francisco&quot;</code>" in (
        await say(handlers, "/edit 1 python roles in san francisco")
    )
    assert "<code>/edit 1 rust salary:&gt;=90k</code>" in await say(
        handlers, "/edit 1 rust at least 90k"
    ), "few jobs say “at least 90k”"
    both = await say(handlers, "/edit 1 senior rust jobs in london over 100k")
    assert "With filters: <code>location:london salary:&gt;=100k</code>." in both, "its part"
    assert "level: <code>title:senior</code>." in both
    assert "All of these: <code>/edit 1 title:senior rust location:london salary:&gt;=100k" in both
    assert "few jobs say “jobs” or “3 years experience”. With filters: <code>/edit 1 rust " in (
        await say(handlers, "/edit 1 rust jobs with 3 years experience in berlin")
    ), "the years too, in the one offer"
    assert "With filters: <code>/edit 1 rust company:stripe</code>" in await say(
        handlers, "/edit 1 rust jobs at stripe"
    ), "after “jobs at”, a company"
    assert (
        "<code>/edit 1 backend company:&quot;goldman sachs&quot; location:london "
        "salary:&gt;=150k</code>"
    ) in await say(handlers, "/edit 1 backend roles at goldman sachs in london over 150k")
    assert "<code>/edit 1 go location:london</code>" in await say(
        handlers, "/edit 1 go jobs at london"
    ), "a place after “at” is the job's place"
    assert "<code>/edit 1 rust near:munich</code>" in await say(
        handlers, "/edit 1 rust jobs near munich"
    ), "near a city: the towns around it too"
    assert "<code>/edit 1 rust near:&quot;portland maine&quot;</code>" in await say(
        handlers, "/edit 1 rust jobs near portland maine"
    ), "a city with its state"
    within = await say(handlers, "/edit 1 go roles within 20 miles of boston paying over 150k")
    assert "few jobs say “roles”, “within 20 miles” or “paying over 150k”" in within
    assert "<code>/edit 1 go near:&quot;boston 20mi&quot; salary:&gt;=150k</code>" in within
    for keywords in (
        "senior rust backend",
        "rust remote",
        "head of engineering",
        "in go",
        "distributed systems at scale",
    ):
        assert "With filters" not in await say(handlers, f"/edit 1 {keywords}"), keywords


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("rust engineer $150k+", "rust engineer salary:&gt;=USD150k"),
        ("go €80k", "go salary:&gt;=EUR80k"),
        ("go 80k eur", "go salary:&gt;=EUR80k"),
        ("rust over £60k", "rust salary:&gt;=GBP60k"),
        ("rust 100k-150k", "rust salary:100k-150k"),
        ("rust 100k-150k €", "rust salary:EUR100k-EUR150k"),
        ("rust over 90k", "rust salary:&gt;=90k"),  # no currency written: none assumed
        ("rust over 90k sek", "rust salary:&gt;=SEK90k"),  # any ISO code babel knows
        ("python over 120k CAD", "python salary:&gt;=CAD120k"),
        ("java over 100k php", "java salary:&gt;=100k php"),  # a code that is a word too
    ],
)
async def test_an_amount_gets_the_salary_filter_in_its_currency(handlers, typed, offered) -> None:
    """The lexer drops €, $ and £ (and "100k-150k" is a phrase of two words): the tip finds
    the currency as typed, and a range, so the offered filter means what was typed."""
    await say(handlers, "/alert java")
    assert f"With filters: <code>/edit 1 {offered}</code>" in await say(
        handlers, f"/edit 1 {typed}"
    )


async def test_a_region_then_only_is_from_that_region(handlers) -> None:
    await say(handlers, "/alert java")
    reply = await say(handlers, "/edit 1 python remote us only")
    assert "For that: <code>/edit 1 python remote:yes from:us</code>." in reply, reply
    latin = await say(handlers, "/edit 1 python remote latin america only")
    assert "<code>/edit 1 python remote:yes from:&quot;latin america&quot;</code>." in latin


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("rust only", "Without it: <code>/edit 1 rust</code>"),
        ("rust jobs", "Without it: <code>/edit 1 rust</code>"),
        ("remote only python", "With filters: <code>/edit 1 remote:yes python</code>"),
        ("senior only rust", "All of these: <code>/edit 1 title:senior rust</code>"),
    ],
)
async def test_only_is_a_word_few_jobs_say(handlers, typed: str, offered: str) -> None:
    """ "senior only" needs the word "only" in the job: it is offered without it."""
    await say(handlers, "/alert java")
    reply = await say(handlers, f"/edit 1 {typed}")
    assert "few jobs say “" in reply and offered in reply, reply


async def test_a_search_written_as_a_sentence_that_finds_nothing_gets_filters_offered(
    handlers,
) -> None:
    found_none = await say(handlers, "/search python roles in san francisco")
    assert found_none.startswith("No stored job matches")
    assert "With filters: <code>/search python location:&quot;san francisco&quot;</code>" in (
        found_none
    )
    remote = await say(handlers, "/search remote rust")
    assert "<code>remote:yes</code> matches every job the board marks remote" in remote


async def test_a_search_written_as_a_sentence_shows_what_its_filters_find(handlers) -> None:
    """No job says "jobs", so "rust jobs in berlin" as typed finds nothing: the search shows
    what rust location:berlin finds, and says so."""
    reply = await say(handlers, "/search rust jobs in berlin")
    assert reply.startswith(
        "No stored job has every word of <b>rust jobs in berlin</b>, so here is what it likely "
        "means.\nLatest jobs matching <b>rust location:berlin</b>:\n"
    ), reply
    assert "Staff Rust Engineer" in reply and "Rust Intern" in reply
    assert "Zürich" not in reply and "Go Engineer" not in reply
    assert "Tip" not in reply, "the filters it likely means are shown: no tip offers them"
    assert (await say(handlers, "/search rust berlin")).startswith(
        "Latest jobs matching <b>rust berlin</b>:"
    ), "keywords are searched as typed"


async def test_a_search_whose_or_takes_a_sentence_shows_what_it_means(handlers) -> None:
    """ "rust or go jobs in berlin" as typed is rust OR (go jobs in berlin): any Rust job,
    anywhere (Zürich's). The search shows (rust OR go) location:berlin, and says why."""
    reply = await say(handlers, "/search rust or go jobs in berlin")
    assert reply.startswith(
        "As typed, OR takes every word on its side: <b>rust OR (go jobs in berlin)</b>. Here is "
        "what it likely means.\nLatest jobs matching <b>(rust OR go) location:berlin</b>:\n"
    ), reply
    assert "Staff Rust Engineer" in reply and "Zürich" not in reply


async def test_several_commands_one_a_line_are_each_answered(handlers, store) -> None:
    """Pasted from notes, "/alert rust" then "/alert go" made one alert "rust alert go"."""
    reply = await say(handlers, "/alert rust\n/alert go\n\n/alerts")
    assert reply.startswith("✅ Alert #1 saved: <b>rust</b>")
    assert "\n\n✅ Alert #2 saved: <b>go</b>" in reply
    assert "#2 <b>go</b> — 0 jobs sent in 7 days" in reply, "the menu's text, last"
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust", "go"]
    menu = await handlers(Incoming(USER, "/alerts\n/help pause"))
    assert isinstance(menu, OutgoingMessage), "the menu's buttons come with its text"
    assert "⏸ Pause #2" in [b.text for row in menu.buttons for b in row]
    many = await say(handlers, "\n".join(["/help"] * 11))
    assert many.count("<b>jobbot commands</b>") == 10
    assert many.endswith("(I took the first 10; send the rest again.)")
    words = await say(handlers, "/search rust\nberlin")
    assert "rust berlin" in words, "a command then words is one command"
    assert command_lines("/export\n/alerts") is None, "a file's command goes one a message"


async def test_words_one_a_line_get_the_or_offered(handlers, store) -> None:
    await say(handlers, "/alert rust\ngo\nscala")
    assert store.alerts.alerts(USER)[0].query == "rust go scala"
    assert "Tip: words on lines of their own are joined as by spaces, so this alert needs all" in (
        await say(handlers, "/edit 1 rust\ngo\nscala")
    )


async def test_words_listed_with_commas_get_the_or_offered(handlers, store) -> None:
    """ "rust, go, scala" needs all three words; the reply says so and offers the /edit that
    asks for any of them. A list of several-word items, or one with OR, gets no tip."""
    saved, tip = await saved_and_tip(handlers, "/alert rust, go, scala")
    assert saved == "✅ Alert #1 saved: <b>rust go scala</b>"
    assert tip == (
        "Tip: a comma joins words as a space does, so this alert needs all of them. For any "
        "one of them: <code>/edit 1 rust OR go OR scala</code>."
    )
    assert "<code>/edit 1 rust OR go</code>" in await say(handlers, "/edit 1 rust,go")
    assert "Rust" in await say(handlers, "/edit 1 rust OR go OR scala"), "the offered edit works"
    assert store.alerts.alerts(USER)[0].query == "rust OR go OR scala"
    for other in (
        "/alert senior rust, berlin",
        "/alert rust, go OR scala",
        "/alert salary:>=120,000 rust",
        '/alert "rust, go" java',
    ):
        assert "a comma joins" not in await say(handlers, other), other


async def test_a_place_of_several_words_after_location_gets_it_quoted(handlers, store) -> None:
    """location: takes one word: "location:new york" looks for york anywhere. The reply says
    so and offers the edit with the place quoted; one-word places and quoted ones get none."""
    saved, tip = await saved_and_tip(handlers, "/alert rust location:new york")
    assert saved == "✅ Alert #1 saved: <b>rust location:new york</b>"
    assert tip == (
        "Tip: location: takes the one word after it, so “york” is looked for anywhere. For the "
        "place: <code>/edit 1 rust location:&quot;new york&quot;</code>."
    )
    assert "location:&quot;bay area&quot; go</code>" in await say(
        handlers, "/alert location:bay area go"
    )
    assert "<code>/edit 2 location:&quot;san francisco bay area&quot;</code>" in await say(
        handlers, "/edit 2 location:san francisco bay area"
    ), "the longest place"
    assert (await say(handlers, '/edit 1 rust location:"new york"')).startswith("✏️")
    assert store.alerts.alerts(USER)[0].query == 'rust location:"new york"', "the edit works"
    for fine in ("location:berlin rust", 'location:"new york" go', "go berlin", "location:new"):
        reply = await say(handlers, f"/edit 2 {fine}")
        assert reply.startswith("✏️") and "Tip:" not in reply, fine
    assert "<code>/search location:&quot;new york&quot;</code>" in await say(
        handlers, "/search location:new york"
    ), "a search that finds nothing"


async def test_a_remote_alert_for_a_place_gets_from_offered(handlers, store, now) -> None:
    """remote:yes location:germany misses "Remote (EU)": the reply offers from:, ready to
    copy, and the offered edit finds such a job."""
    listed = [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(1, len(JOBS) + 1)]
    remote = dataclasses.replace(
        raw(9, "Rust Engineer", "Remote (EU)", "Rust."), workplace="remote"
    )
    store.postings.record("Acme", [*listed, normalize.posting(remote, INFO)], now)
    _, tip = await saved_and_tip(handlers, "/alert rust remote:yes location:germany")
    assert tip == (
        "Tip: location:germany misses remote jobs open to a whole region (“Remote (EU)”, "
        "“Worldwide”). For those too: <code>/edit 1 rust remote:yes from:germany</code>."
    )
    reply = await say(handlers, "/edit 1 rust remote:yes from:germany")
    assert "Tip:" not in reply and "Remote (EU)" in reply, reply
    for fine in (
        "rust location:germany",
        "rust remote:yes location:mars",
        "remote:yes rust",
        "remote:yes erlang",  # a town's name too, not a country's or a region's
        "rust eu",  # not remote
    ):
        assert "Tip:" not in await say(handlers, f"/edit 1 {fine}"), fine


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("/alert remote:yes rust eu", "/edit 1 remote:yes rust from:eu"),
        (
            "/alert remote:yes golang latin america",
            '/edit 1 remote:yes golang from:"latin america"',
        ),
        ("/alert remote python eu", "/edit 1 remote:yes python from:eu"),
        ("/alert remote us rust", "/edit 1 remote:yes from:us rust"),
    ],
)
async def test_a_remote_alert_with_a_region_as_a_word_gets_from_offered(
    handlers, text: str, offer: str
) -> None:
    """ "remote python eu" finds only jobs whose text says EU: from:eu finds those open to
    people in the EU however the job names it. The offer comes with the remote: tip when the
    word remote was typed, on its own after remote:yes."""
    _, tip = await saved_and_tip(handlers, text)
    assert f"<code>{html.escape(offer)}</code>." in tip, tip
    if "remote:yes" in text:
        assert tip.startswith("Tip: <b>") and "finds the remote jobs open to people there" in tip
    else:
        assert "(with <code>from:" in tip and "those open to people there)" in tip


async def test_near_a_city_we_do_not_know_gets_a_tip(handlers, store, now) -> None:
    """near:narnia looks for the name as typed: the reply says so; a city we know finds the
    jobs of the towns around it."""
    _, tip = await saved_and_tip(handlers, "/alert golang near:narnia")
    assert tip == (
        "Tip: I know no city “narnia”, so near: finds only jobs whose location names it. It "
        "takes a city or an area, and a distance if you like: <code>near:munich</code>, "
        "<code>near:&quot;bay area 30km&quot;</code>."
    )
    potsdam = normalize.posting(raw(9, "Go Engineer", "Potsdam, Germany", "Go."), INFO)
    store.postings.record("Acme", [potsdam], now)
    reply = await say(handlers, '/edit 1 golang near:"berlin 30km"')
    assert "Tip:" not in reply and "Potsdam, Germany" in reply, reply
    assert "Potsdam" not in await say(handlers, '/search golang near:"berlin 10km"')


async def test_from_a_place_we_do_not_know_gets_a_tip(handlers, store) -> None:
    """from:mars would find only the jobs open worldwide: the reply says so; a place we know,
    in any form (a phrase, an OR, under NOT), gets no tip."""
    saved, tip = await saved_and_tip(handlers, "/alert rust from:mars")
    assert saved == "✅ Alert #1 saved: <b>rust from:mars</b>"
    assert tip == (
        "Tip: I know no place “mars”, so from: finds only the jobs whose location names it and "
        "those open worldwide. It takes a country, a state or a big city: "
        "<code>from:germany</code>."
    )
    assert "I know no place “narnia”" in await say(handlers, "/alert go from:(spain OR narnia)")
    fine_ones = ('from:"united kingdom"', "from:(germany OR texas)", "rust -from:usa", "from:de")
    for fine in (*fine_ones, "from:nyc", "from:ny", "from:worldwide"):
        reply = await say(handlers, f"/edit 2 {fine}")
        assert reply.startswith("✏️") and "Tip:" not in reply, fine
    assert "I know no place “mars”" in await say(handlers, "/search from:mars")


async def test_a_search_for_words_listed_with_commas_that_finds_none_offers_the_or(
    handlers,
) -> None:
    reply = await say(handlers, "/search rust, kotlin")
    assert reply == (
        "No stored job matches <b>rust kotlin</b>.\nTip: a comma joins words as a space does, so "
        "this search needs all of them. For any one of them: <code>/search rust OR kotlin</code>."
    )
    assert "Rust" in await say(handlers, "/search rust OR kotlin")


async def test_a_bar_is_or(handlers, store) -> None:
    assert (await say(handlers, "/alert rust | go")).startswith(
        "✅ Alert #1 saved: <b>rust OR go</b>"
    )
    assert (await say(handlers, "/alert scala||kotlin")).startswith(
        "✅ Alert #2 saved: <b>scala OR kotlin</b>"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("/alert -java", "only excludes"),
        ("/alert NOT", "NOT needs a term right after it"),
        ("/alert !!!", "an alert needs at least one word"),
        ("/alert " + "x" * 61, "the limit is 60"),
        ("/alert <a>.j*", "a prefix needs at least 3 letters"),  # <a> is markup: left out
        ("/alert <b></b>", "an alert needs at least one word"),
    ],
)
async def test_a_bad_alert_is_refused_with_the_reason(
    handlers, store, text: str, message: str
) -> None:
    reply = await say(handlers, text)
    assert reply.startswith("I can't use that alert: ")
    assert message in reply and "/help alert" in reply
    assert store.alerts.alerts(USER) == []


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("/alert rust level:senior", "/alert rust title:senior"),
        ("/alert rust seniority:staff city:berlin", "/alert rust title:staff location:berlin"),
        ("/alert Rust experience:3", "/alert Rust years:3"),
        ("/alert rust pay:>100k", "/alert rust salary:&gt;100k"),
        ("/alert rust workplace:onsite", "/alert rust remote:no"),
        ("/alert rust employment:fulltime", "/alert rust type:full-time"),
        ("/alert rust sponsorship:yes", "/alert rust visa:yes"),
        ("/alert rust language:german", "/alert rust lang:de"),
        ("/alert language:rust backend", "/alert rust backend"),
        ("/alert rust skills:go", "/alert rust go"),
        ("/alert rust posted:7d", "/alert rust"),
        ('/alert rust level:"staff engineer"', "/alert rust title:&quot;staff engineer&quot;"),
        ("/edit 1 go level:senior", "/edit 1 go title:senior"),
        ("/search rust workplace:remote posted:7d", "/search rust remote:yes"),
    ],
)
async def test_a_field_other_tools_have_gets_ours_offered(handlers, store, text, fixed) -> None:
    """level:, city:, experience:, posted: … are what job sites call them: the refusal says
    what to write and offers the whole command, ready to send."""
    await say(handlers, "/alert java")
    reply = await say(handlers, text)
    assert reply.startswith(("I can't use that alert: unknown field", "I can't search for that"))
    assert reply.endswith(f"\nSend <code>{fixed}</code> for that."), reply
    assert [a.query for a in store.alerts.alerts(USER)] == ["java"]


@pytest.mark.parametrize(
    ("text", "message", "fixed"),
    [
        ('/alert rust "go', "unclosed quote at character 6", "/alert rust &quot;go&quot;"),
        ('/alert "staff engineer', "unclosed quote", "/alert &quot;staff engineer&quot;"),
        (
            '/alert ("staff engineer OR rust)',
            "unclosed quote",
            "/alert (&quot;staff engineer&quot; OR rust)",
        ),
        ("/alert (rust OR go", "unclosed parenthesis", "/alert (rust OR go)"),
        (
            "/alert ((rust OR go) AND (remote",
            "unclosed parenthesis",
            "/alert ((rust OR go) AND (remote))",
        ),
        ("/alert rust OR", "OR needs a term on both sides (at character 6)", "/alert rust"),
        ("/alert AND rust", "AND needs a term on both sides", "/alert rust"),
        ("/alert rust OR OR go", "OR needs a term on both sides", "/alert rust OR go"),
        ("/alert rust) go", "unmatched )", "/alert rust go"),
        ('/alert rust "" go', "empty phrase", "/alert rust go"),
        ("/alert rust () go", "empty parentheses", "/alert rust go"),
        ("/alert (go OR) backend", "OR needs a term on both sides", "/alert (go) backend"),
        ("/edit 1 (rust OR go", "unclosed parenthesis", "/edit 1 (rust OR go)"),
        ("/search (rust OR go", "unclosed parenthesis", "/search (rust OR go)"),
        ("/alert rust or", "OR needs a term", "/alert rust"),  # operators in any case
        ("/alert (go or rust not)", "NOT needs a term", "/alert (go or rust)"),
    ],
)
async def test_a_slip_of_structure_gets_the_mended_query_offered(
    handlers, store, text, message, fixed
) -> None:
    """A quote or parenthesis left open, an AND or OR with nothing on one side: the refusal
    says where, and offers the command mended, ready to send."""
    await say(handlers, "/alert java")
    reply = await say(handlers, text)
    assert reply.startswith(("I can't use that alert: ", "I can't search for that: "))
    assert message in reply
    assert reply.endswith(f"\nSend <code>{fixed}</code> for that."), reply
    assert [a.query for a in store.alerts.alerts(USER)] == ["java"]


async def test_edit_with_an_id_alone_gives_the_query_to_copy_and_a_link_is_no_alert(
    handlers, store
) -> None:
    await say(handlers, "/alert rust backend")
    assert await say(handlers, "/edit 1") == (
        "Alert #1 looks for <b>rust backend</b>. Send its new query after the id: tap "
        "<code>/edit 1 rust backend</code> to copy it, then change it."
    )
    reply = await say(handlers, "/alert https://boards.greenhouse.io/acme/jobs/123")
    assert reply.startswith("An alert is words to look for, not a link. <code>/follow https://")
    assert "<code>/why https://boards.greenhouse.io/acme/jobs/123</code>" in reply
    reply = await say(handlers, "/alert https://www.linkedin.com/jobs/view/42")
    assert "I don't read LinkedIn" in reply
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust backend"]


async def test_typographic_quotes_quote_a_phrase(handlers, store) -> None:
    """A phone turns "staff engineer" into “staff engineer”: still the phrase, not two words."""
    reply = await say(handlers, "/alert “staff engineer” rust")
    assert reply.startswith("✅ Alert #1 saved: <b>&quot;staff engineer&quot; rust</b>")
    assert (await say(handlers, "/alert title:„Entwickler“ «chef de projet»")).startswith(
        "✅ Alert #2 saved: <b>title:entwickler &quot;chef de projet&quot;</b>"
    )
    assert "Send <code>/alert &quot;head of&quot;</code>" in await say(handlers, "/alert “head of")


async def test_a_field_nobody_has_lists_ours_and_an_empty_fix_offers_nothing(handlers) -> None:
    reply = await say(handlers, "/alert rust foo:bar")
    assert "fields are title:, company:" in reply and "Send" not in reply
    reply = await say(handlers, "/alert posted:today")
    assert "jobbot has no “posted:” filter" in reply and "Send" not in reply


async def test_the_same_alert_twice_is_not_saved_twice(handlers, store) -> None:
    await say(handlers, "/alert rust berlin")
    reply = await say(handlers, "/alert Rust  BERLIN")
    assert reply == "You already have this alert: #1 <b>rust berlin</b>"
    assert len(store.alerts.alerts(USER)) == 1


async def test_alerts_per_user_are_limited(handlers) -> None:
    for q in ("rust", "go", "java"):
        await say(handlers, f"/alert {q}")
    reply = await say(handlers, "/alert scala")
    assert "You already have 3 alerts, the most allowed" in reply


async def test_alerts_lists_ids_and_jobs_sent_in_seven_days(handlers, store, now) -> None:
    await say(handlers, "/alert rust")
    await say(handlers, "/alert c++")
    store.outbox.enqueue([Delivery(USER, "Acme:5", (1, 2)), Delivery(USER, "Acme:1", (1,))], now)
    for item in store.outbox.due(now):
        store.outbox.mark_sending(item.id)
        store.outbox.mark_sent(item.id, now, 100 + item.id)
    reply = await say(handlers, "/alerts")
    assert "#1 <b>rust</b> — 2 jobs sent in 7 days" in reply
    assert "#2 <b>c++</b> — 1 job sent in 7 days" in reply


async def test_alerts_names_those_that_brought_nothing_in_30_days(handlers, store, now) -> None:
    """An old alert that brought no job in 30 days is likely too narrow: /alerts says so,
    with what may help; a new one, a paused one or one that brought a job is not named."""
    store.users.subscribe(USER, now - timedelta(days=60))
    long_ago = now - timedelta(days=40)
    store.alerts.add_alert(USER, "haskell ocaml", long_ago)  # 1: quiet
    store.alerts.add_alert(USER, "rust", long_ago)  # 2: brought a job 20 days ago
    store.alerts.add_alert(USER, "elixir", long_ago)  # 3: paused
    store.alerts.add_alert(USER, "cobol", now - timedelta(days=3))  # 4: new
    store.alerts.set_alert_paused(USER, 3, now - timedelta(days=35))
    store.outbox.enqueue([Delivery(USER, "Acme:1", (2,))], now - timedelta(days=20))
    [item] = store.outbox.due(now)
    store.outbox.mark_sending(item.id)
    store.outbox.mark_sent(item.id, now - timedelta(days=20), 100)
    reply = await say(handlers, "/alerts")
    assert (
        "💤 #1 brought no job in 30 days: fewer words, or words joined with OR, find more "
        "(<code>/edit 1 …</code>); <code>/why</code> with a job's link says why it missed that "
        "job."
    ) in reply
    assert "#2" not in reply.split("💤")[1].split("\n")[0]
    store.alerts.add_alert(USER, "fortran", long_ago)  # 5: quiet too
    assert "💤 #1, #5 brought no job in 30 days" in await say(handlers, "/alerts")
    store.users.pause_user(USER, now)
    assert "💤" not in await say(handlers, "/alerts"), "paused: nothing was sent, as asked"


async def test_a_quiet_alert_is_told_the_part_that_holds_it_back(handlers, store, now) -> None:
    """Of the 30 quiet days' jobs, two are Rust jobs in Berlin and none says fintech: the
    word says so, with the /edit without it, in place of the general advice."""
    store.users.subscribe(USER, now - timedelta(days=60))
    store.alerts.add_alert(USER, "rust fintech berlin", now - timedelta(days=40))
    reply = await say(handlers, "/alerts")
    assert (
        "💤 #1 brought no job in 30 days. Without <b>fintech</b>, #1 would have found 2 jobs "
        "in them: <code>/edit 1 rust berlin</code>. <code>/why</code> with a job's link says "
        "why it missed that job."
    ) in reply, reply


async def test_search_lists_the_latest_five_matches(handlers) -> None:
    reply = await say(handlers, "/search engineer OR specialist OR developer OR intern")
    assert len(re.findall(r"<a href=", reply)) == 5
    reply = await say(handlers, "/search go")
    assert "Go Engineer" in reply and "Google" not in reply
    assert (await say(handlers, "/search java")) == "No stored job matches <b>java</b>."
    assert "unclosed parenthesis" in await say(handlers, "/search (rust")


async def test_search_pages_turn_with_older_and_newer(handlers, store, now) -> None:
    everything = "engineer OR specialist OR developer OR intern"  # all 6 jobs
    mark = f"{store.listings.stored_until():x}"
    first = await handlers(Incoming(USER, f"/search {everything}"))
    assert isinstance(first, OutgoingMessage)
    [[older]] = first.buttons
    assert older.text == "Older ▶" and older.data == f"sr:5:{mark}:{everything}"
    jobs = [*JOBS, ("Platform Engineer", "Berlin", "Go.")]  # stored after the search was sent
    store.postings.record(
        "Acme", [normalize.posting(raw(j, *jobs[j - 1]), INFO) for j in range(1, 8)], now
    )
    turned = await handlers.presses(Press(USER, 7, older.data or ""))
    assert turned.edit is not None
    check_html(turned.edit.html)
    assert turned.edit.html.startswith(f"Latest jobs matching <b>{everything}</b> (job 6):\n")
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', turned.edit.html) == ["Senior Rust Engineer"]
    [[newer]] = turned.edit.buttons
    assert newer.text == "◀ Newer" and newer.data == f"sr:0:{mark}:{everything}"
    back = await handlers.presses(Press(USER, 7, newer.data or ""))
    assert back.edit is not None and back.edit.html == first.html, "the new job is not in it"
    assert back.edit.buttons == first.buttons
    again = await handlers(Incoming(USER, f"/search {everything}"))
    assert isinstance(again, OutgoingMessage) and "Platform Engineer" in again.html
    for forged in ("3:1:rust", "50:1:rust", "x:1:rust", "5:1:(rust", "٥:1:rust", "5:-1:rust"):
        answer = await handlers.presses(Press(USER, 7, f"sr:{forged}"))
        assert answer.toast == "This button no longer works.", forged
    past = await handlers.presses(Press(USER, 7, f"sr:45:{mark}:rust"))  # closed meanwhile
    assert past.edit is not None and past.edit.html.startswith("No more jobs match <b>rust</b>.")


async def test_a_search_too_long_for_a_button_says_more_match(handlers) -> None:
    long = "engineer OR specialist OR developer OR intern OR qa testers"  # data: 66 bytes
    reply = await handlers(Incoming(USER, f"/search {long}"))
    assert isinstance(reply, str), "no buttons: its data would pass 64 bytes"
    assert len(re.findall(r"<a href=", reply)) == 5
    assert reply.endswith("\nMore match: add words to narrow the search.")
    assert isinstance(await handlers(Incoming(USER, "/search rust")), str), "one page: no buttons"


async def test_help_alert_explains_the_language(handlers) -> None:
    reply = await say(handlers, "/help alert")
    assert reply.startswith("<b>/alert &lt;query&gt;</b>\n")
    for example in ("<code>&quot;machine learning&quot;</code>", "<code>dev*</code>", "remote:yes"):
        assert example in reply
    assert "title:(senior OR staff)" in reply and "c++" in reply
    assert "remote=yes works too" in reply and "(or salary&gt;=100k, salary:100k+)" in reply
    assert "salary:&gt;=500/day" in reply and "salary:&gt;=100k eur" in reply
    assert "<code>" in await say(handlers, "/help search")


async def test_help_says_how_currencies_compare_as_this_bot_does(handlers) -> None:
    """With exchange rates, €100k finds a job paid in dollars; without (offline, or turned
    off), only jobs paid in euros, and /help says which."""
    without = await say(handlers, "/help alert")
    assert "only jobs paid in euros: this bot has no exchange rates" in without
    assert "ECB" not in without
    rates.use(parse_ecb((FIXTURES / "rates" / "eurofxref-daily.xml").read_bytes()))
    with_rates = await say(handlers, "/help alert")
    assert "a job paid in dollars, pounds… at the ECB&#x27;s daily rates" in with_rates
    assert "no exchange rates" not in with_rates


async def test_help_of_a_filter_shows_its_lines_of_help_alert(handlers) -> None:
    """salary: and remote: are filters of the alert language, not commands: /help of one says
    what it takes and shows its lines of /help alert, not "There is no /salary command"."""
    salary = await say(handlers, "/help salary")
    assert salary.startswith("<b>salary:</b> is a filter of alerts and /search, not a command.")
    assert "<code>salary:&gt;=500/day</code>" in salary and "salary:none" in salary
    assert "remote:yes" not in salary and "There is no" not in salary
    remote = await say(handlers, "/help remote")
    assert "It takes yes, no or hybrid." in remote and "<code>remote:yes</code>" in remote
    assert "salary" not in remote
    assert "also company:, location:, board:" in await say(handlers, "/help company")
    for name in (*FIELD_NAMES, *ATTRS):  # every filter of the language has its lines
        reply = await say(handlers, f"/help {name}")
        assert reply.startswith(f"<b>{name}:</b>") and "<code>" in reply, name
    assert await say(handlers, "/help salary:>=100k") == salary, "as typed in a query"
    assert (await say(handlers, "/help -visa:no")).startswith("<b>visa:</b>")


async def test_help_of_a_misspelled_command_offers_the_one_meant(handlers) -> None:
    pause = await say(handlers, "/help pasue")
    assert pause == "There is no /pasue command. Did you mean <code>/help pause</code>?"
    assert "<code>/help salary</code>" in await say(handlers, "/help salery")
    assert "<code>/help alerts</code>" in await say(handlers, "/help list")  # another bot's
    assert "<code>/help alert</code>" in await say(handlers, "/help filters")
    assert "<code>/help kinds</code>" in await say(handlers, "/help kind")
    nothing = await say(handlers, "/help xyzzy")
    assert nothing == "There is no /xyzzy command. /help lists them all."


async def test_a_salary_in_a_currency_without_rates_gets_a_tip(handlers) -> None:
    """Without exchange rates (or without one for the currency), salary:>=$90k finds only
    jobs paid in dollars: the reply says so, in /alert and in a /search that finds nothing."""
    tip = (
        "Tip: I have no exchange rates now, so a salary in USD is compared only with jobs paid "
        "in USD: a job paid in another currency does not match."
    )
    assert tip in await say(handlers, "/alert rust salary:>=$90k")
    assert tip in await say(handlers, "/search rust (salary:>=$90k OR title:lead)")
    assert "Tip: I have no exchange rates" not in await say(handlers, "/edit 1 rust salary:>=90k")
    rates.use(parse_ecb((FIXTURES / "rates" / "eurofxref-daily.xml").read_bytes()))
    usd = await say(handlers, "/edit 1 rust salary:>=$90k")
    assert "compared only with jobs paid" not in usd, "USD is in the table"
    assert (
        "Tip: the ECB's rates have no NGN, so a salary in NGN is compared only with jobs paid "
        "in NGN"
    ) in await say(handlers, "/edit 1 rust salary:>=90m ngn")


async def test_a_search_and_a_backtest_in_euros_show_a_dollar_salary_in_euros_too(
    handlers, store, now
) -> None:
    paid = dataclasses.replace(
        raw(9, "Rust Engineer", "Remote", "Rust."),
        salary_min=140_000,
        salary_max=150_000,
        salary_currency="USD",
        salary_period="year",
    )
    listed = [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(1, len(JOBS) + 1)]
    store.postings.record("Acme", [*listed, normalize.posting(paid, INFO)], now)
    rates.use(parse_ecb((FIXTURES / "rates" / "eurofxref-daily.xml").read_bytes()))
    line = "Acme Pay · Remote · $140k–150k a year (≈ €133k–143k a year)"
    assert line in await say(handlers, "/search rust salary:>=€100k")
    assert line in await say(handlers, "/alert rust salary:>=€100k")
    plain = await say(handlers, "/search rust")
    assert "Remote · $140k–150k a year\n" in plain and "≈" not in plain, "no currency asked"


async def test_a_capped_search_says_which_jobs_it_looked_at(
    handlers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With more jobs than a reply may read, the counts name the jobs they cover: the latest
    stored with the query's words (from the text index) when it needs some, else the newest."""
    # the 2 last stored with "rust": Rust Intern, Staff Rust Engineer
    monkeypatch.setattr(stored_search, "SCAN_LIMIT", 2)
    reply = await say(handlers, "/alert rust")
    assert (
        "It would have matched 2 open jobs among the latest 2 jobs with its words of the last 7 days."
        in reply
    )
    # the 3 newest: Rust Intern, Staff Rust Engineer, JavaScript Developer
    monkeypatch.setattr(stored_search, "SCAN_LIMIT", 3)
    assert "Go Engineer" in await say(handlers, "/search go"), "older, found by its words"
    reply = await say(handlers, "/alert remote:no -rust -javascript")  # no word: a scan
    assert "No open job among the latest 3 jobs of the last 7 days matches it yet" in reply
    reply = await say(handlers, "/search remote:no -rust -javascript")
    assert reply.startswith("None of the latest 3 stored jobs matches <b>")
    monkeypatch.setattr(stored_search, "SCAN_LIMIT", 1000)
    assert "Go Engineer" in await say(handlers, "/search remote:no -rust -javascript")


async def test_a_salary_alert_says_how_many_jobs_state_none(handlers, store, now) -> None:
    """salary:>=100k never matches a job that states no salary, and most state none: the reply
    counts those that match the rest and offers the alert that takes them too, ready to copy;
    the offered edit finds them. A search that finds nothing offers the same."""
    listed = [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(1, len(JOBS) + 1)]
    paid = dataclasses.replace(
        raw(9, "Rust Engineer", "Berlin", "Rust."), salary_min=120_000, salary_currency="EUR"
    )
    store.postings.record("Acme", [*listed, normalize.posting(paid, INFO)], now)
    reply = await say(handlers, "/alert rust salary>=100k")
    saved, tip = reply.split("\n")[:2]
    assert saved == "✅ Alert #1 saved: <b>rust salary:&gt;=100k</b>"
    assert tip == (
        "Tip: salary:&gt;=100k leaves out the jobs that state no salary, and most state none. "
        "3 more jobs of the last 7 days match the rest. For those too: "
        "<code>/edit 1 rust (salary:&gt;=100k OR salary:none)</code>."
    )
    assert "It would have matched 1 open job" in reply
    reply = await say(handlers, "/edit 1 rust (salary:>=100k OR salary:none)")
    assert "Tip:" not in reply and "It matches 4 open jobs" in reply, reply
    for fine in ("rust salary:stated", "rust -salary:<50k", "salary:>=100k title:intern go"):
        assert "Tip:" not in await say(handlers, f"/edit 1 {fine}"), fine
    one = await say(handlers, "/edit 1 salary:>=100k google")
    assert "1 more job of the last 7 days matches the rest" in one, one
    none = await say(handlers, "/search javascript salary:>=200k")
    assert none.endswith(
        "Jobs that state none match the rest. For those too: "
        "<code>/search javascript (salary:&gt;=200k OR salary:none)</code>."
    ), none
    assert "Tip:" not in await say(handlers, "/search cobol salary:>=200k")


async def test_a_years_alert_says_how_many_jobs_ask_none(handlers, store, now) -> None:
    """years:<=3 never matches a job that asks no number of years, and most ask none: as for
    salary, the reply counts them and offers the alert that takes them too."""
    listed = [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(1, len(JOBS) + 1)]
    junior = raw(9, "Rust Engineer", "Berlin", "You have 2+ years of experience with Rust.")
    lead = raw(10, "Rust Lead", "Berlin", "8+ years of experience with Rust.")
    store.postings.record(
        "Acme", [*listed, *(normalize.posting(r, INFO) for r in (junior, lead))], now
    )
    reply = await say(handlers, "/alert rust years:<=3")
    saved, tip = reply.split("\n")[:2]
    assert saved == "✅ Alert #1 saved: <b>rust years:&lt;=3</b>"
    assert tip == (
        "Tip: years:&lt;=3 leaves out the jobs that ask no number of years, and most do. "
        "3 more jobs of the last 7 days match the rest. For those too: "
        "<code>/edit 1 rust (years:&lt;=3 OR years:none)</code>."
    )
    assert "It would have matched 1 open job" in reply and "Rust Lead" not in reply
    reply = await say(handlers, "/edit 1 rust (years:<=3 OR years:none)")
    assert "Tip:" not in reply and "It matches 4 open jobs" in reply, reply
    both = await say(handlers, "/edit 1 rust years:2 salary:>=100k")
    assert (
        "Tip: years:&lt;=2 and salary:&gt;=100k leave out the jobs that ask no number of years "
        "or state no salary, and most do. " in both
    ), both
    assert (
        "<code>/edit 1 rust (years:&lt;=2 OR years:none) (salary:&gt;=100k OR salary:none)</code>"
        in both
    ), both
    half = await say(handlers, "/edit 1 rust (salary:>=100k OR salary:none) years:<=3")
    assert "Tip: years:&lt;=3 leaves out the jobs that ask no number of years, and most do." in (
        half
    ), "the salary takes the jobs that state none already: only the years are named"


async def test_an_alert_with_years_as_words_gets_years_offered(handlers) -> None:
    """ "rust 3 years experience" looks for the words; years:<=3 for the years a job asks."""
    _, tip = await saved_and_tip(handlers, "/alert rust 3 years experience berlin")
    assert tip == (
        "Tip: 3 years experience finds these words in a job's text. For the jobs that ask at "
        "most 3 years of experience: <code>/edit 1 rust years:&lt;=3 berlin</code> "
        "(<code>years:&gt;=3</code> for at least)."
    )
    searched = await say(handlers, "/search rust 3 years")
    assert searched.endswith(
        "For the jobs that ask at most 3 years of experience: <code>/search rust "
        "years:&lt;=3</code> (<code>years:&gt;=3</code> for at least)."
    ), searched
    for fine in (
        "rust years:<=3",
        "rust 3 go years",
        "rust years",
        "rust 40 years",
        "rust 3-5 years",
    ):
        assert "finds these words" not in await say(handlers, f"/edit 1 {fine}"), fine


async def test_a_role_typed_in_the_plural_gets_the_singular_offered(handlers) -> None:
    """ "rust engineers" finds only the jobs that write the plural (words are whole): the
    singular a title names is offered, to /alert and to a /search that found nothing."""
    _, tip = await saved_and_tip(handlers, "/alert rust engineers remote:yes")
    assert tip == (
        "Tip: <b>engineers</b> finds that word as written, and a job's title names one "
        "(“Engineer”). For those: <code>/edit 1 rust engineer remote:yes</code>."
    )
    assert "For those: <code>/search rust developer</code>." in await say(
        handlers, "/search rust devs"
    )
    _, tip = await saved_and_tip(handlers, "/alert SREs")
    assert "(“SRE”). For those: <code>/edit 2 sre</code>." in tip
    _, tip = await saved_and_tip(handlers, "/alert rust engineer")
    assert not tip.startswith("Tip:"), tip


async def test_an_alert_for_the_words_visa_sponsorship_gets_visa_yes_offered(handlers) -> None:
    """The words find "we cannot offer visa sponsorship" too: visa:yes is offered instead."""
    _, tip = await saved_and_tip(handlers, "/alert rust visa sponsorship")
    assert tip == (
        "Tip: visa sponsorship also finds the jobs that say they will not sponsor a visa. Only "
        "those that offer it: <code>/edit 1 rust visa:yes</code>."
    )
    for fine in ("rust visa:yes", "rust -visa:no", "rust -visa", "rust (visa OR relocation)"):
        assert "Tip:" not in await say(handlers, f"/edit 1 {fine}"), fine


async def test_what_to_leave_out_written_as_words_gets_the_exclusion_offered(handlers) -> None:
    """ "rust no intern" needs the words "no" and "intern": it finds the very jobs meant to be
    left out (here none at all). The exclusion is offered, and it finds the rest; a kind of
    job's word leaves out the jobs of that kind (an intern's, not a mentor of interns)."""
    saved, tip = await saved_and_tip(handlers, "/alert rust no intern")
    assert saved == "✅ Alert #1 saved: <b>rust no intern</b>"
    assert tip == (
        "Tip: “no intern” finds only the jobs that mention “intern”, the ones meant to be left "
        "out. To leave them out: <code>/edit 1 rust -type:internship</code>."
    )
    assert "It matches 2 open jobs posted" in await say(handlers, "/edit 1 rust -type:internship")
    offers = {
        "rust without intern": "rust -type:internship",
        "rust excluding intern or staff": "rust -title:staff -type:internship",  # each its own
        "rust but not intern": "rust -intern",  # a minus typed
        "rust no remote": "rust -remote:yes",  # not remote:yes, the workplace tip's offer
        "rust, no intern, remote": "rust -type:internship remote:yes",
        "rust, no crypto, remote": "rust -crypto remote:yes",
        "rust jobs in berlin without crypto": "rust location:berlin -crypto",
        "rust nothing in crypto": "rust -crypto",
    }
    for typed, offered in offers.items():
        reply = await say(handlers, f"/edit 1 {typed}")
        assert f"<code>/edit 1 {html.escape(offered)}</code>" in reply, typed
    but = await say(handlers, "/edit 1 rust but not intern")
    assert "“but” is a word a job must have too" in but
    alone = await say(handlers, "/alert no crypto")  # (/edit 1 no crypto keeps alert #1)
    assert "A minus leaves them out, after a word a job must have: <code>/edit 2 backend " in alone
    kept = await say(handlers, "/edit 1 no crypto")
    assert kept.startswith("Alert #1 is unchanged: <b>rust but -intern</b>. To leave crypto out")
    for fine in ("python no experience", "rust no code", "rust -crypto", "rust no", "go nor",
                 "rust nothing in"):  # fmt: skip
        assert "Tip:" not in await say(handlers, f"/edit 1 {fine}"), fine
    assert "Tip:" not in await say(handlers, "/edit 1 rust no visa sponsorship"), "not visa:yes"
    searched = await say(handlers, "/search rust no intern")
    assert searched.startswith(
        "No stored job has every word of <b>rust no intern</b>, so here is what it likely means."
        "\nLatest jobs matching <b>rust -type:internship</b>"
    ), "the search it likely meant, run"
    assert searched.count("<a href") == 2


async def test_a_level_or_workplace_left_out_by_its_word_gets_the_filter_offered(
    handlers, store, now
) -> None:
    """-senior leaves out every job whose text says "senior", even "mentored by senior
    engineers"; -title:senior only the senior jobs. -remote leaves out "this role is not
    remote" too; -remote:yes the jobs the board marks remote."""
    await say(handlers, "/alert rust")
    offers = {
        "rust -senior": "rust -title:senior",
        "rust -senior -staff": "rust -title:senior -title:staff",
        "rust -(senior OR staff)": "rust -title:(senior OR staff)",
        "rust -remote": "rust -remote:yes",
        "rust -onsite": "rust -remote:no",
        "rust no senior": "rust -title:senior",  # one offer, not -senior first
        "go -junior remote": "go -title:junior remote:yes",
    }
    for typed, offered in offers.items():
        reply = await say(handlers, f"/edit 1 {typed}")
        assert f"<code>/edit 1 {html.escape(offered)}</code>" in reply, typed
    one = await say(handlers, "/edit 1 rust -senior")
    assert "<b>-senior</b> leaves out every job whose text has the word, even in passing " in one
    assert "(“mentored by senior engineers”). To leave out the jobs of that level:" in one
    both = await say(handlers, "/edit 1 rust -senior -staff")
    assert "<b>-senior -staff</b> leave out every job whose text has one of the words" in both
    assert "“this role is not remote”" in await say(handlers, "/edit 1 rust -remote")
    stripped = await say(handlers, "/edit 1 rust -title:senior -remote:yes")
    assert "Tip:" not in stripped
    mentor = ("Rust Engineer", "Berlin", "Mentored by senior engineers.")
    jobs = [raw(i, *job) for i, job in enumerate([*JOBS, mentor], start=1)]
    store.postings.record("Acme", [normalize.posting(r, INFO) for r in jobs], now)
    before = await say(handlers, "/edit 1 rust -senior")
    after = await say(handlers, "/edit 1 rust -title:senior")
    assert "It matches 2 open jobs" in before and "It matches 3 open jobs" in after, (
        "the mentored one"
    )


async def test_edit_without_an_id_edits_the_only_alert_or_lists_the_ids(handlers, store) -> None:
    """With one alert, /edit <query> can only mean it; with none or several, the reply says
    how, with the ids to choose from."""
    assert "You have no alert yet" in await say(handlers, "/edit rust")
    await say(handlers, "/alert rust")
    assert (await say(handlers, "/edit rust OR go")).startswith("✏️ Alert #1 now: <b>rust OR go")
    assert store.alerts.alerts(USER)[0].query == "rust OR go"
    await say(handlers, "/alert golang remote:yes")
    reply = await say(handlers, "/edit scala")
    assert reply.endswith(" Yours: #1 rust OR go · #2 golang remote:yes (/alerts lists them).")
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust OR go", "golang remote:yes"]
    assert "tap <code>/edit 2 golang remote:yes</code> to copy it" in await say(
        handlers, "/edit 2"
    ), "an id alone: its query, to copy and change"


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("/edit 1 cancel", "Alert #1 is unchanged: <b>rust OR go</b>."),
        ("/edit 1 never mind!", "Alert #1 is unchanged: <b>rust OR go</b>."),
        (
            "/edit 1 add scala",
            "Alert #1 is unchanged: <b>rust OR go</b>. To add it (tap to copy, then send):\n"
            "<code>/edit 1 (rust OR go) scala</code> — jobs with both\n"
            "<code>/edit 1 rust OR go OR scala</code> — jobs with either",
        ),
        ("/edit 1 +scala", "<code>/edit 1 rust OR go OR scala</code> — jobs with either"),
        ("/edit 1 also remote please", "<code>/edit 1 (rust OR go) remote:yes</code> — jobs with"),
        ("/edit rust OR go 1", "The alert's id comes first: <code>/edit 1 rust OR go</code>."),
        (
            "/edit 1 salary 90k",
            "<code>/edit 1 (rust OR go) salary:&gt;=90k</code> — jobs with both\nFor those alone, "
            "without its words: <code>/edit 1 salary:&gt;=90k</code>.",
        ),
        ("/edit 1 remote only", "<code>/edit 1 (rust OR go) remote:yes</code> — jobs with both"),
        ("/edit rust OR go #1", "The alert's id comes first: <code>/edit 1 rust OR go</code>."),
    ],
)
async def test_an_edit_that_is_no_new_query_changes_nothing(
    handlers, store, typed: str, reply: str
) -> None:
    """A new query replaces the alert's whole: "add scala" would have lost "rust OR go".
    "cancel" (after the ✏️ Edit button), a change of the query it has, or the id typed last
    change nothing; the reply offers the /edit meant."""
    await say(handlers, "/alert rust OR go")
    await say(handlers, "/alert kotlin")
    assert reply in await say(handlers, typed)
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust OR go", "kotlin"]


async def test_an_edit_says_what_the_alert_was_and_how_to_put_it_back(handlers, store) -> None:
    await say(handlers, "/alert rust OR go")
    reply = await say(handlers, "/edit 1 address")  # a word that begins like "add"
    assert reply.startswith(
        "✏️ Alert #1 now: <b>address</b>. To undo: <code>/edit 1 rust OR go</code>\n"
    )
    await say(handlers, "/edit 1 rust OR go")
    assert store.alerts.alerts(USER)[0].query == "rust OR go"
    same = await say(handlers, "/edit 1 rust OR go")
    assert same.startswith("✏️ Alert #1 now: <b>rust OR go</b>\n"), "nothing to undo"


async def test_an_alert_named_with_its_word_before_the_id(handlers, store) -> None:
    """ "/delete alert 2" was "not an alert id", though "/pause alert 2" worked."""
    for query in ("rust", "go", "scala"):  # (the most this world allows)
        await say(handlers, f"/alert {query}")
    assert (await say(handlers, "/edit alert 3 elixir")).startswith("✏️ Alert #3 now: <b>elixir")
    assert await say(handlers, "/delete alert 2") == (
        "Alert #2 deleted: <b>go</b>. <code>/alert go</code> brings it back."
    )
    assert await say(handlers, "/delete alerts 1 and #3") == (
        "Alerts #1 and #3 deleted. To bring one back: <code>/alert rust</code>, "
        "<code>/alert elixir</code>."
    )
    assert store.alerts.alerts(USER) == []


async def test_delete_by_query_and_a_delete_that_misses_names_the_alerts(handlers, store) -> None:
    assert "You have no alert yet" in await say(handlers, "/delete")
    await say(handlers, "/alert rust")
    await say(handlers, "/alert golang remote:yes")
    yours = " Yours: #1 rust · #2 golang remote:yes (/alerts lists them)."
    assert await say(handlers, "/delete") == "Which alert? Send <code>/delete 3</code>." + yours
    assert await say(handlers, "/delete 9") == "You have no alert #9." + yours
    for other in ("/edit 9 go", "/pause 9 2w", "/resume 9", "/digest 9 daily"):  # the same
        assert await say(handlers, other) == "You have no alert #9." + yours, other
    assert await say(handlers, "/pause 9") == (  # alone, 9 may be days
        "You have no alert #9; to pause for 9 days, <code>/pause 9d</code>." + yours
    )
    assert (await say(handlers, "/delete java")).endswith("nor one of your alerts." + yours)
    assert await say(handlers, "/delete Golang  remote:yes") == (  # the way back, as /edit's
        "Alert #2 deleted: <b>golang remote:yes</b>. <code>/alert golang remote:yes</code> "
        "brings it back."
    )
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust"]


async def test_a_busy_alert_sent_job_by_job_gets_the_digest_offered(handlers, store, now) -> None:
    """An alert that would have brought 10 jobs a day or more: the reply says so and offers
    its own daily digest; not when its jobs come in a digest already."""
    many = [
        RawPosting(
            external_id=f"busy{i}",
            title=f"Platform Engineer {i}",
            url=f"/jobs/busy{i}",
            location="Berlin",
            description_html="<p>Kubernetes.</p>",
            posted_at=(now - timedelta(hours=2 * i + 1)).isoformat(),
        )
        for i in range(75)
    ]
    listed = [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(1, len(JOBS) + 1)]
    store.postings.record("Acme", [*listed, *(normalize.posting(r, INFO) for r in many)], now)
    reply = await say(handlers, "/alert platform")
    assert "It would have matched 75 open jobs posted in the last 7 days." in reply
    assert reply.endswith(
        "That's about 10 a day. More words narrow it; <code>/digest 1 daily</code> sends its "
        "jobs in one message a day."
    )
    assert "a day" not in await say(handlers, "/alert rust"), "3 jobs: no word of it"
    await say(handlers, "/digest 1 daily")
    assert "a day" not in await say(handlers, "/edit 1 platform engineer"), "a digest already"


async def test_start_shows_a_new_user_how_to_begin(handlers) -> None:
    """An alert, or what one looks for said in words (its reply offers the alert), and the
    filters people ask for most; with alerts, where they are."""
    welcome = await say(handlers, "/start")
    assert welcome.startswith("Welcome to jobbot! I watch job boards")
    assert "or write what you look for as you would say it (“remote golang jobs in Germany”)" in (
        welcome
    )
    assert "<code>from:germany</code>" in welcome and "(/help alert)" in welcome
    said = await say(handlers, "remote golang jobs in Germany")
    assert "<code>/alert remote:yes golang from:germany</code>" in said, "as /start promised"
    await say(handlers, "/alert rust")
    assert "You have 1 alert: /alerts lists them." in await say(handlers, "/start")


async def test_delete_takes_several_ids_as_people_list_them(store, now) -> None:
    """ "/delete 1 2", "1, 2", "1 and 2", "1-3": each alert named goes; an id that names none
    of the user's is said, and the rest are deleted all the same."""
    handlers = Handlers(store.db, AlertsConfig(max_per_user=10), clock=lambda: now)
    for word in ("rust", "go", "scala", "java", "kotlin", "swift", "elixir"):
        await say(handlers, f"/alert {word}")
    back = "deleted. To bring one back: <code>/alert {}</code>, <code>/alert {}</code>."
    assert await say(handlers, "/delete 1,2") == "Alerts #1 and #2 " + back.format("rust", "go")
    assert await say(handlers, "/delete 3 and #4") == "Alerts #3 and #4 " + back.format(
        "scala", "java"
    )
    assert await say(handlers, "/delete 5-6") == "Alerts #5 and #6 " + back.format(
        "kotlin", "swift"
    )
    assert await say(handlers, "/delete 6 7 9") == (
        "Alert #7 deleted: <b>elixir</b>. <code>/alert elixir</code> brings it back. You have "
        "no alert #6 or #9. No alert is left: "
        "<code>/alert rust backend</code> adds one."
    )
    assert store.alerts.alerts(USER) == []
    for other in ("1-500", "1 x", "3-1"):
        assert "is not an alert id" in await say(handlers, f"/delete {other}"), other


async def test_several_tips_share_one_offer_that_makes_every_change(handlers) -> None:
    """In "senior rust remote europe" three words likely mean filters: each tip names its own
    change, and one line offers the alert with all of them, which then gets no tip."""
    reply = await say(handlers, "/alert senior rust remote europe")
    lines = reply.split("\n")
    assert lines[1].endswith("For that: <code>remote:yes from:europe</code>.")
    assert lines[2].endswith("For the job's own level: <code>title:senior</code>.")
    offer = "/edit 1 title:senior rust remote:yes from:europe"
    assert lines[3] == f"All of these: <code>{offer}</code>."
    assert "Tip:" not in await say(handlers, offer), "the offer takes every tip"
    grouped = await say(handlers, "/alert senior rust OR go remote")
    assert "Grouped as most mean it: <code>(rust OR go)</code>." in grouped
    assert "All of these: <code>/edit 2 title:senior (rust OR go) remote:yes</code>." in grouped
    places = await say(handlers, "/alert rust jobs in berlin or munich")
    assert "All of these: <code>/edit 3 rust location:(berlin OR munich)</code>." in places
    await say(handlers, "/delete 1")  # (the fixture allows 3)
    one = await say(handlers, "/alert rust remote")
    assert "For that: <code>/edit 4 rust remote:yes</code>." in one, "one tip: the whole edit"
    assert "All of these" not in one


async def test_a_kind_of_job_typed_as_a_word_gets_type_offered(handlers) -> None:
    """The word "contract" finds "this contract" in any job; type:contract the contract jobs.
    A smart contract is no kind of job, and a query with type: already gets no tip."""
    _, tip = await saved_and_tip(handlers, "/alert java london contract")
    assert tip == (
        "Tip: <b>contract</b> finds the word in any job's text; <code>type:contract</code> finds "
        "the jobs the board or their title marks contract (freelance and temporary too). For "
        "those: <code>/edit 1 java london type:contract</code>."
    )
    assert "<code>/edit 1 data type:part-time</code>" in await say(
        handlers, "/edit 1 data part-time"
    )
    assert "type:internship" in await say(handlers, "/edit 1 python intern")
    for fine in ("solidity smart contract", "rust contract type:contract", "rust (contract OR go)"):
        assert "Tip:" not in await say(handlers, f"/edit 1 {fine}"), fine


async def test_a_trade_typed_as_a_word_gets_following_its_companies_told(handlers) -> None:
    """ "fintech" finds the word, and many fintechs' postings never say it: following the
    companies is the sure way, and /following names the board:(…) filter. No query is
    offered; a trade inside OR or NOT, or none, gets no such tip."""
    _, tip = await saved_and_tip(handlers, "/alert rust fintech")
    assert tip == (
        "Tip: <b>fintech</b> finds the word in a job's text, and many companies of the trade "
        "never write it in their postings. To watch such companies, follow them "
        "(<code>/follow Stripe, Adyen, Wise</code>): /following then names the "
        "<code>board:(…)</code> filter that keeps an alert to them."
    )
    assert "<b>saas</b> finds the word" in await say(handlers, "/edit 1 go saas berlin")
    both = await say(handlers, "/edit 1 senior go startup")
    assert "For the job's own level: <code>/edit 1 title:senior go startup</code>." in both
    assert "<b>startup</b> finds the word" in both
    for fine in ("rust (fintech OR payments)", "rust -fintech", "rust payments", "fintechs"):
        assert "finds the word in a job's text, and many" not in await say(
            handlers, f"/edit 1 {fine}"
        ), fine


async def test_an_alert_with_a_languages_name_gets_lang_offered(handlers) -> None:
    """The words "rust english" find the word; lang:en the jobs written in English: offered."""
    _, tip = await saved_and_tip(handlers, "/alert rust english berlin")
    assert tip == (
        "Tip: <b>english</b> finds the word in a job's text (“fluent English required”). For "
        "the jobs written in it: <code>/edit 1 rust lang:en berlin</code>."
    )
    reply = await say(handlers, "/edit 1 rust lang:en berlin")
    assert "Tip:" not in reply and "Senior Rust Engineer" not in reply  # "Rust and Postgres."
    for fine in ("rust de", "rust (english OR german)", "rust -german", 'rust "english speaking"'):
        assert "Tip:" not in await say(handlers, f"/edit 1 {fine}"), fine


async def test_an_alert_for_a_level_as_a_word_gets_title_offered(handlers, store, now) -> None:
    """ "senior" as a word also matches "mentored by senior engineers" in a junior job's
    description: title:senior is offered, and the offered edit leaves that job out."""
    listed = [normalize.posting(raw(j, *JOBS[j - 1]), INFO) for j in range(1, len(JOBS) + 1)]
    mentored = raw(9, "Junior Rust Engineer", "Berlin", "You will be mentored by senior engineers.")
    store.postings.record("Acme", [*listed, normalize.posting(mentored, INFO)], now)
    reply = await say(handlers, "/alert senior rust")
    tip = reply.split("\n")[1]
    assert tip == (
        "Tip: <b>senior</b> also matches a description that names the level in passing "
        "(“mentored by senior engineers”). For the job's own level: "
        "<code>/edit 1 title:senior rust</code>."
    )
    assert "Junior Rust Engineer" in reply
    edited = await say(handlers, "/edit 1 title:senior rust")
    assert "Tip:" not in edited and "Junior Rust Engineer" not in edited
    assert "Senior Rust Engineer" in edited
    for fine in ("rust (senior OR staff)", "rust -title:junior", "title:staff rust"):
        assert "Tip:" not in await say(handlers, f"/edit 1 {fine}"), fine
    assert "mentoring junior engineers" in await say(handlers, "/edit 1 jr rust")
