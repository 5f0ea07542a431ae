"""/alert, /search, /alerts and /help alert on a real SQLite store."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest

from bot import normalize, rates
from bot.config import AlertsConfig
from bot.config_boards import BoardConfig
from bot.models import BoardInfo, Delivery, OutgoingMessage, RawPosting
from bot.rates import parse_ecb
from bot.store import Stores
from bot.telegram.handlers import Handlers, command_lines
from bot.transport import Incoming, Press
from tests.conftest import FIXTURES

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


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    store.boards.sync_boards([BOARD], now)
    store.postings.record("Acme", [], now - timedelta(days=30))  # the baseline poll
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
    _check_html(html)
    return html


def _check_html(text: str) -> None:
    """Telegram takes only a few tags, balanced, and every other < or & escaped."""
    assert not re.search(r"<(?!/?(b|i|code|a)\b)", text), text
    assert not re.search(r"&(?!(amp|lt|gt|quot|#x27);)", text), text
    HTMLParser().feed(text)


async def test_alert_shows_the_query_as_understood_its_id_and_a_backtest(handlers, store) -> None:
    reply = await say(handlers, "/alert Rust  -Intern title:(Senior OR Staff)")
    assert reply.startswith("✅ Alert #1 saved: <b>rust -intern title:(senior OR staff)</b>\n")
    assert "It would have matched 2 jobs posted in the last 7 days. Latest:" in reply
    links = re.findall(r'<a href="[^"]+">([^<]+)</a>', reply)
    assert links == ["Staff Rust Engineer", "Senior Rust Engineer"], "newest first"
    assert store.alerts.alerts(USER)[0].query == "rust -intern title:(senior OR staff)"


async def test_alert_backtest_links_at_most_three(handlers) -> None:
    reply = await say(handlers, "/alert location:berlin")
    assert "It would have matched 4 jobs" in reply
    assert len(re.findall(r"<a href=", reply)) == 3


async def test_alert_with_no_recent_match(handlers) -> None:
    reply = await say(handlers, "/alert go")
    assert "It would have matched 1 job posted in" in reply and "Go Engineer" in reply
    reply = await say(handlers, "/alert scala")
    assert "No job posted in the last 7 days matches it yet" in reply


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
    await say(handlers, "/alert java")
    reply = await say(handlers, f"/edit 1 {typed}")
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
    assert reply.startswith("✏️ Alert #1 now: <b>(rust OR go) remote:yes</b>\n"), "it works"
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
        "Tip: I know no place “mars”, so from: finds only the jobs open worldwide. It takes a "
        "country, a state or a big city: <code>from:germany</code>."
    )
    assert "I know no place “narnia”" in await say(handlers, "/alert go from:(spain OR narnia)")
    fine_ones = ('from:"united kingdom"', "from:(germany OR texas)", "rust -from:usa", "from:de")
    for fine in (*fine_ones, "from:nyc", "from:worldwide"):
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
    mark = f"{store.postings.stored_until():x}"
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
    _check_html(turned.edit.html)
    assert turned.edit.html.startswith(f"Latest jobs matching <b>{everything}</b> (6–6):\n")
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


async def test_a_capped_search_says_which_jobs_it_looked_at(handlers) -> None:
    """With more jobs than a reply may read, the counts name the jobs they cover: the latest
    stored with the query's words (from the text index) when it needs some, else the newest."""
    handlers.scan_limit = 2  # the 2 last stored with "rust": Rust Intern, Staff Rust Engineer
    reply = await say(handlers, "/alert rust")
    assert (
        "It would have matched 2 jobs among the latest 2 jobs with its words of the last 7 days."
        in reply
    )
    handlers.scan_limit = 3  # the 3 newest: Rust Intern, Staff Rust Engineer, JavaScript Developer
    assert "Go Engineer" in await say(handlers, "/search go"), "older, found by its words"
    reply = await say(handlers, "/alert remote:no -rust -javascript")  # no word: a scan
    assert "No job among the latest 3 jobs of the last 7 days matches it yet" in reply
    reply = await say(handlers, "/search remote:no -rust -javascript")
    assert reply.startswith("None of the latest 3 stored jobs matches <b>")
    handlers.scan_limit = 1000
    assert "Go Engineer" in await say(handlers, "/search remote:no -rust -javascript")


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        (
            "rust backend",
            "To get a message for each new job with these words, send <code>/alert rust "
            "backend</code>; to see the stored ones, <code>/search rust backend</code>. (Tap to "
            "copy.) /help lists every command.",
        ),
        (
            "boards.greenhouse.io/acme",
            "That's a link. <code>/follow https://boards.greenhouse.io/acme</code> follows the "
            "company's jobs (a careers page or job board); <code>/why "
            "https://boards.greenhouse.io/acme</code> says why a job did or didn't reach you.",
        ),
        (
            "boards.greenhouse.io/acme,\njobs.lever.co/beta https://acme.example/jobs?a=1&b=2",
            "Those are links. <code>/follow https://boards.greenhouse.io/acme "
            "https://jobs.lever.co/beta https://acme.example/jobs?a=1&amp;b=2</code> follows "
            "those companies' jobs (careers pages or job boards).",
        ),
        ("acme.example/jobs rust", "send <code>/alert acme.example/jobs rust</code>"),
        (
            "https://www.linkedin.com/jobs/view/3812345",
            "That's a LinkedIn link. I don't read LinkedIn: it shows jobs only to people logged in.",
        ),
        ("c++ & <b>go</b>", "send <code>/alert c++ &amp; &lt;b&gt;go&lt;/b&gt;</code>"),
        ("hello there", "Hi! Send /alert followed by keywords to get job alerts"),
        ("Thanks!", "You're welcome! 🙂"),  # thanks or a nod alone: a word back
        ("great, thanks!", "You're welcome! 🙂"),
        ("👍", "👍"),
        ("lol", "👍"),
        ("sorry, wrong chat", "No problem."),
        ("are you a bot?", "I'm jobbot: I watch job boards"),
        ("do you have a minute", "Sure: ask away."),
        ("good morning", "Hi! Send /alert followed by keywords"),
        ("ok", "👍"),
        ("hmm", "👍"),
        ("Olá", "Send /alert followed by keywords"),  # greetings in other languages, accented
        ("Cześć", "Send /alert followed by keywords"),
        ("Grüß dich", "Send /alert followed by keywords"),
        ("Привет", "Send /alert followed by keywords"),
        ("bonjour", "Send /alert followed by keywords"),
        ("golang zürich", "send <code>/alert golang zürich</code>"),
        ("how do I add an alert", "<code>/alert &lt;query&gt;</code> — Add a keyword alert."),
        # a command asked for in words, or typed without its slash
        ("show me my alerts", "<code>/alerts</code> — Your alerts, with buttons. /help alerts"),
        ("how do I delete an alert", "<code>/delete &lt;id&gt;</code> — Delete an alert."),
        ("can you change my alert?", "<code>/edit &lt;id&gt; &lt;query&gt;</code>"),
        ("my saved jobs", "<code>/saved [page]</code> — Jobs you saved for later."),
        ("settings", "<code>/settings</code> — How and when you get jobs."),
        ("pause for 2 weeks", "Commands start with a slash: <code>/pause for 2 weeks</code>."),
        (  # "2 weeks" is a time, not alert #2
            "pause alerts for 2 weeks",
            "Commands start with a slash: <code>/pause alerts for 2 weeks</code>.",
        ),
        ("pause alert 2 for 3 days", "Commands start with a slash: <code>/pause 2 for 3 days"),
        ("turn off alert 2", "Commands start with a slash: <code>/pause 2</code>."),
        ("switch on alert 2", "Commands start with a slash: <code>/resume 2</code>."),
        ("stop alert 2", "Commands start with a slash: <code>/pause 2</code>."),  # not /stop
        (  # how jobs come, asked in words: a digest, quiet hours
            "send me a daily digest at 9am",
            "One message with all the jobs each day: <code>/digest daily 9am</code>",
        ),
        ("only send jobs once a week", "each week: <code>/digest weekly</code> (your time"),
        ("don't send anything at night", "<code>/quiet 22:00-07:00</code> (your time"),
        ("night shift nurse jobs", "send <code>/alert night shift nurse</code>"),
        # the same asked in the languages of the boards' markets
        ("Ich suche Rust Jobs in Berlin", "send <code>/alert rust location:berlin</code>"),
        (  # "or" and "without" as those languages say them ("oder": a word, it matched nothing)
            "Hallo! Ich suche Rust Jobs in Berlin, remote oder hybrid",
            "<code>/alert rust location:berlin (remote:yes OR remote:hybrid)</code>",
        ),
        ("Rust Jobs ohne Krypto in München", "<code>/alert rust -krypto location:munchen</code>"),
        (
            "busco trabajo de rust o go en Madrid, sin crypto",
            "(rust OR go) location:madrid -crypto",
        ),
        (
            "je cherche un poste rust ou go à Paris",
            "<code>/alert (rust OR go) location:paris</code>",
        ),
        ("busco trabajo de golang en madrid", "send <code>/alert golang location:madrid</code>"),
        ("je cherche un poste scala à paris", "send <code>/alert scala location:paris</code>"),
        ("a reading list app dev", "send <code>/alert a reading list app dev</code>"),
        ("UN jobs in geneva", "send <code>/alert un location:geneva</code>"),  # the UN's
        ("too many messages", "Fewer messages: <code>/digest daily</code> sends one a day"),
        ("less is more manager", "send <code>/alert less is more manager</code>"),
        ("what companies do i follow", "<code>/following</code> — The companies you follow."),
        ("set my timezone to berlin", "Commands start with a slash: <code>/timezone berlin</code>"),
        ("how do I change my timezone", "<code>/timezone &lt;zone | city | +02:00&gt;</code>"),
        (  # asked, not said: the filters it means
            "can you find me rust jobs in berlin?",
            "send <code>/alert rust location:berlin</code>",
        ),
        ("what jobs do you have in london", "send <code>/alert location:london</code>"),
        ("why didn't the rust job in berlin come?", "slash: <code>/why rust berlin</code>."),
        ("why?", "reply <code>why?</code> to its message, or send <code>/why</code> with its"),
        (  # the job's words, not the question around them
            "why didn't I get the Go Developer job at Vellum Pay?",
            "Commands start with a slash: <code>/why Go Developer Vellum Pay</code>.",
        ),
        ("mute Acme Corp", "<code>/mute Acme Corp</code>"),
        ("stop sending me jobs", "To stop the messages and keep your alerts: <code>/pause</code>"),
        ("I want to unsubscribe", "<code>/stop</code> unsubscribes you and deletes your alerts"),
        ("help", "Send /help for every command, or <code>/help alert</code>"),
        ("alert rust backend", "send <code>/alert rust backend</code>"),  # keywords after it
        ("search golang remote", "send <code>/alert golang remote:yes</code>"),
        ("data import", "send <code>/alert data import</code>"),  # keywords, not /import
        ("follow up specialist", "with these words: <code>/alert follow up specialist</code>"),
        ("follow stripe", "To follow a company's jobs: <code>/follow stripe</code>."),  # a name
        ("how do I follow a company?", "<code>/follow &lt;careers page, board URL or company"),
        ("I want jobs from Stripe", "send <code>/alert company:stripe</code>"),
        ("remote jobs from Germany", "send <code>/alert remote:yes from:germany</code>"),
        ("follow stripe.com/jobs", "Commands start with a slash: <code>/follow stripe.com/jobs"),
        ("I'd like to follow Adyen's jobs please", "slash: <code>/follow Adyen</code>."),
        (
            "can you watch stripe for me?",
            "Commands start with a slash: <code>/follow stripe</code>",
        ),
        ("watch repair technician", "send <code>/alert watch repair technician</code>"),
        ("I want to follow up on my application", "I can't follow up on an application for you"),
        ("delete all my alerts", "Commands start with a slash: <code>/delete all</code>."),
        ("I want to track my applications", "<code>/applied &lt;number&gt;</code> — Mark a"),
        (  # how jobs come at a time of day, by email; where they come from
            "can I get jobs only in the morning?",
            "every morning: <code>/digest daily 08:00</code> (your time: /timezone sets it).",
        ),
        ("send me jobs every evening", "every evening: <code>/digest daily 18:00</code>"),
        ("can I get them by email?", "I send jobs here in Telegram only. For one message a day"),
        ("which boards do you watch?", "I read the job boards this bot's admin set up and those"),
        ("how often do you check", "each every 15 minutes or so (as set for it), and send a new"),
        ("export compliance manager", "send <code>/alert export compliance manager</code>"),
        ("show me rust jobs", "each new job like that, send <code>/alert rust</code>"),
        ("any good rust jobs today?", "each new job like that, send <code>/alert rust</code>"),
        (
            "I'm looking for rust jobs in Berlin",
            "send <code>/alert rust location:berlin</code>; to see the stored ones, <code>/search "
            "rust location:berlin</code>",
        ),
        (
            "golang roles paying over 120k, remote",
            "send <code>/alert golang salary:&gt;=120k remote:yes</code>",
        ),
        (
            "remote golang jobs in Germany",
            "send <code>/alert remote:yes golang from:germany</code>",  # open to Germany
        ),
        ("remote rust jobs eu", "send <code>/alert remote:yes rust from:eu</code>"),
        ("rust jobs at monzo", "send <code>/alert rust company:monzo</code>"),
        ("contract rust jobs in london", "send <code>/alert type:contract rust location:london"),
        (
            "golang jobs remote from europe",
            "send <code>/alert golang remote:yes from:europe</code>",
        ),
        ("rust jobs in the netherlands", "send <code>/alert rust location:netherlands</code>"),
        ("jobs in the us", "send <code>/alert location:us</code>"),
        (
            "golang roles in berlin or munich",  # OR grouped as meant: places either side
            "send <code>/alert golang location:(berlin OR munich)</code>",
        ),
        (
            "remote rust jobs in germany or austria",
            "send <code>/alert remote:yes rust from:(germany OR austria)</code>",
        ),
        ("python jobs around london", "send <code>/alert python near:london</code>"),
        (
            "golang jobs within 25km of berlin",
            "send <code>/alert golang near:&quot;berlin 25km&quot;</code>",
        ),
        ("thanks for the jobs", "Send /alert followed by keywords"),
        ("I need a job", "Send /alert followed by keywords"),
        # an alert's id in words: the command with it
        ("remove alert 1", "Commands start with a slash: <code>/delete 1</code>."),
        ("delete alerts 1 and 2", "<code>/delete 1 2</code>"),
        ("change alert 1 to go remote", "<code>/edit 1 go remote</code>"),
        ("edit alert #2: rust -crypto", "<code>/edit 2 rust -crypto</code>"),
        ("can you pause alert 3 please", "<code>/pause 3</code>"),
        ("digest alert 2 daily", "<code>/digest 2 daily</code>"),
        # hired: congratulations, and how to keep or end the alerts
        ("I got a job!", "Congratulations! 🎉 <code>/pause</code> keeps your alerts"),
        ("just got hired", "Congratulations!"),
        ("I've landed a new role at Stripe", "Congratulations!"),
        ("I found a job I like but it didn't come", "Send /alert followed by keywords"),
        # an alert asked for in words: what it is for
        (
            "create an alert for rust jobs in berlin",
            "send <code>/alert rust location:berlin</code>",
        ),
        ("alert me about rust jobs in Berlin", "send <code>/alert rust location:berlin</code>"),
        ("notify me when there are new scala jobs", "send <code>/alert scala</code>"),
        ("let me know when Stripe posts a rust job", "<code>/alert rust company:stripe</code>"),
        ("I want an alert for kotlin jobs", "send <code>/alert kotlin</code>"),
        ("new alert: rust", "send <code>/alert rust</code>"),
        ("alert me", "Send /alert with the words a job should have, e.g. <code>/alert rust"),
        ("create an alert", "or tell me what you look for (“remote go jobs in Germany”)."),
        ("I got the job!", "Congratulations!"),  # news, not a question for jobs
        ("what can you do?", "I watch job boards and send you a message for each new job"),
        ("I'm looking for a job", "or tell me what you look for as you would say it"),
        ("which companies do you track?", "I read the job boards this bot's admin set up"),
        ("give me the top 5 rust jobs", "send <code>/alert rust</code>"),
        ("rust not", "send <code>/alert rust</code>"),  # offered mended, as it parses
        (  # an either-or of two kinds of job, as one list
            "Go or Rust jobs, or anything backend in Berlin",
            "send <code>/alert (go OR rust OR backend) location:berlin</code>",
        ),
        ("rust jobs, or go", "send <code>/alert rust OR go</code>"),
        ("(rust OR go", "send <code>/alert (rust OR go)</code>"),
        ("not web3", "Send /alert followed by keywords"),  # nothing to look for
        (
            "senior rust engineer, remote, six figure salary",
            "rust engineer remote:yes salary:&gt;=100k",
        ),
        ("rust or go, remote, europe, 6 figures", "from:europe salary:&gt;=100k</code>"),
        (
            "rust jobs at series A startups in Berlin",
            "send <code>/alert rust location:berlin</code>",
        ),
        ("Rust, Go, Scala", "send <code>/alert rust OR go OR scala</code>"),  # a list: any
        ("rust, go, and scala", "send <code>/alert rust OR go OR scala</code>"),
        ("is Monzo hiring?", "send <code>/alert company:monzo</code>"),
        (
            "are Goldman Sachs still hiring?",
            "<code>/alert company:&quot;goldman sachs&quot;</code>",
        ),
        ("does Adyen have any rust openings?", "send <code>/alert rust company:adyen</code>"),
        ("is anyone hiring scala devs", "send <code>/alert scala developer</code>"),
        ("when do you check for new jobs?", "I read the job boards this bot's admin set up"),
        ("I got hired", "Congratulations!"),
        ("hired rust engineer", "send <code>/alert hired rust engineer</code>"),
        ("I got an interview at Vellum Pay!", "Good luck! 🤞 /saved keeps jobs"),
        ("I have a technical interview at Stripe tomorrow", "Good luck!"),
        ("interview prep jobs", "send <code>/alert interview prep</code>"),
        ("how many jobs did I get this week?", "/alerts shows how many jobs each of your"),
        ("how many rust jobs are there in Berlin?", "<code>/search rust location:berlin</code>"),
        ("rust hiring", "send <code>/alert rust hiring</code>"),
        ("one two three four five six seven", "Send /alert followed by keywords"),
        (  # a sentence long as people write it, a list of techs, a kind of company
            "I'm a senior backend engineer looking for rust, go or scala roles at fintech "
            "companies, remote in Europe, 120k+",
            "send <code>/alert senior backend engineer (rust OR go OR scala) fintech remote:yes "
            "from:europe salary:&gt;=120k</code>",
        ),
        ("rust jobs at fintech startups", "send <code>/alert rust fintech</code>"),
        (
            "Looking for Staff/Principal backend roles in Go, remote US, 200k+",
            "send <code>/alert (staff OR principal) backend go remote:yes from:us "
            "salary:&gt;=200k</code>",  # a slash between words: either
        ),
        (  # names a command's word ("timezone") but asks for jobs
            "I want backend jobs with rust or go, fully remote, EU timezone",
            "send <code>/alert backend (rust OR go) remote:yes from:eu</code>",
        ),
        ("show me jobs at stripe, adyen or wise", "<code>/alert company:(stripe OR adyen OR wise)"),
        ("rust jobs in berlin, munich or hamburg", "rust location:(berlin OR munich OR hamburg)"),
        (  # a greeting first, and a workplace that is welcome, not asked
            "Hi! I'm looking for a Go backend role in Munich, hybrid is ok",
            "Hi! To get a message for each new job like that, send <code>/alert go backend "
            "location:munich</code>",
        ),
        (
            "python contract remote uk £500/day",
            "type:contract remote:yes from:uk salary:&gt;=GBP500/day",
        ),
        ("react dev paid 45 an hour", "<code>/alert react dev salary:&gt;=45/hour</code>"),
        ("hi there", "Hi! Send /alert followed by keywords"),
        ("I'd like go roles", "send <code>/alert go</code>"),
        ("I'm after rust jobs in Berlin", "send <code>/alert rust location:berlin</code>"),
        ("python jobs but not django", "send <code>/alert python -django</code>"),
        ("I'm interested in scala positions in london", "<code>/alert scala location:london"),
        ("rust jobs in berlin or in munich", "<code>/alert rust location:(berlin OR munich)"),
        (  # a place or remote: remote jobs of anywhere too, not the words
            "rust jobs in berlin or remote",
            "<code>/alert rust (location:berlin OR (remote:yes from:berlin))</code>",
        ),  # open to Berlin: not a remote job of the US only
        ("rust jobs in berlin, remote possible", "rust (location:berlin OR (remote:yes from:"),
        (
            "go jobs within 30 km of munich, remote is fine",
            "<code>/alert go (near:&quot;munich 30km&quot; OR (remote:yes from:munich))",
        ),
        (
            "remote or hybrid python jobs in london",
            "<code>/alert (remote:yes OR remote:hybrid) python location:london</code>",
        ),
        (  # a place, or remote work open to a region named after it
            "backend roles in Amsterdam or remote within Europe",
            "<code>/alert backend (location:amsterdam OR (remote:yes from:europe))</code>",
        ),
        ("go jobs in london or remote (uk)", "go (location:london OR (remote:yes from:uk))"),
        ("python in berlin or remote reading", "(remote:yes from:berlin)) reading</code>"),
        (  # remote work open to either country
            "remote germany or austria, rust",
            "<code>/alert remote:yes from:(germany OR austria) rust</code>",
        ),
        (  # remote open to the region, or a job in the town after it
            "remote EU or Berlin, golang",
            "<code>/alert (location:berlin OR (remote:yes from:eu)) golang</code>",
        ),
        ("remote in berlin or munich", "<code>/alert remote:yes from:(berlin OR munich)</code>"),
        (  # "us" after remote is the US, though the word is no place's name alone
            "principal engineer, remote, us or canada",
            "<code>/alert principal engineer remote:yes from:(us OR canada)</code>",
        ),
        (  # a list of places with no "in" before it
            "kotlin or java backend, berlin, hamburg or munich, 80-100k",
            "(kotlin OR java) backend location:(berlin OR hamburg OR munich) salary:80k-100k",
        ),
        ("rust, berlin or munich", "<code>/alert rust location:(berlin OR munich)</code>"),
        (  # a time zone to work in: from: its region, not location:
            "senior rust devs in the CET timezone",
            "<code>/alert senior rust developer from:cet</code>",
        ),
        (  # a region's or a zone's hours: from: it, not the words
            "rust jobs in berlin, EU timezone",
            "<code>/alert rust location:berlin from:eu</code>",
        ),
        ("remote golang jobs in european timezones", "<code>/alert remote:yes golang from:europe"),
        ("go developer remote, overlap with CET", "<code>/alert go developer remote:yes from:cet<"),
        ("rust remote, overlap with US hours", "<code>/alert rust remote:yes from:us</code>"),
        ("go jobs remote within EU time zone", "<code>/alert go remote:yes from:eu</code>"),
        ("remote rust within CET +/- 2", "<code>/alert remote:yes rust from:cet</code>"),
        ("python jobs in EST", "<code>/alert python from:est</code>"),
        (  # hyphenated words said as one: the level, remote, the zone
            "looking for staff-level golang positions, remote-first companies, US only",
            "<code>/alert staff golang remote:yes from:us</code>",
        ),
        ("SRE roles, remote within CET±2", "<code>/alert sre remote:yes from:cet</code>"),
        ("senior-level rust, remote-only", "<code>/alert senior rust remote:yes</code>"),
        (  # a place as a part of its own between commas, with its capital: a place to work
            "Data engineer, spark/scala, Zurich, 150k CHF",
            "<code>/alert data engineer (spark OR scala) location:zurich salary:&gt;=CHF150k</code>",
        ),
        ("frontend react jobs, Toronto, hybrid", "frontend react location:toronto remote:hybrid<"),
        (  # a place of two words in an either-or: quoted, not "(singapore OR hong) kong"
            "fintech jobs in Singapore or Hong Kong",
            "<code>/alert fintech location:(singapore OR &quot;hong kong&quot;)</code>",
        ),
        (
            "rust jobs in Hong Kong or remote",
            "rust (location:&quot;hong kong&quot; OR (remote:yes from:&quot;hong kong&quot;))",
        ),
        ("elixir jobs anywhere", "<code>/alert elixir</code>"),  # no place asked
        (  # the word that says pay before an amount, and after it that it is a floor
            "Go developer, Amsterdam or remote, salary at least €90,000",
            "go developer (location:amsterdam OR (remote:yes from:amsterdam)) salary:&gt;=EUR90k<",
        ),
        (
            "Scala or Rust backend roles in London, 120k GBP minimum",
            "<code>/alert (scala OR rust) backend location:london salary:&gt;=GBP120k</code>",
        ),
        (  # a zone's hours after it, "gigs" a word for jobs
            "contract rust gigs, remote (CET ±3h)",
            "<code>/alert type:contract rust remote:yes from:cet</code>",
        ),
        (
            "Backend (Go) · Berlin · 100k+",
            "<code>/alert backend go location:berlin salary:&gt;=100k<",
        ),
        (  # "remote US": the US as a region, "us" alone being a word
            "senior golang dev in NYC or remote US",
            "<code>/alert senior golang dev (location:nyc OR (remote:yes from:us))</code>",
        ),
        (  # with no "in" before the list, and where one is said first
            "I'm a data engineer in Berlin, spark/scala, Berlin, Munich, or remote",
            "data engineer (spark OR scala) (location:(berlin OR munich) OR (remote:yes "
            "from:(berlin OR munich)))</code>",
        ),
        (  # places, then remote, closing a list
            "rust jobs in Berlin, Munich, or remote",
            "rust (location:(berlin OR munich) OR (remote:yes from:(berlin OR munich)))</code>",
        ),
        (  # where one is, then where one would work: the either-or only
            "I'm a backend engineer in Berlin looking for Go roles, remote in the EU or Berlin",
            "<code>/alert backend engineer go (location:berlin OR (remote:yes from:eu))</code>",
        ),
        (  # "want to work on": no words of the job
            "I want to work on trading systems in C++ in Chicago",
            "<code>/alert trading systems c++ location:chicago</code>",
        ),
        ("looking for a rust job at a crypto-free fintech", "<code>/alert rust -crypto fintech<"),
        ("rust jobs on site in berlin", "<code>/alert rust remote:no location:berlin</code>"),
        ("jobs on site reliability", "<code>/alert site reliability</code>"),  # SRE
        (  # a workplace then a place: there; a place or remote with no "in" before it
            "SRE or platform roles with kubernetes, hybrid Amsterdam",
            "<code>/alert (sre OR platform) kubernetes remote:hybrid location:amsterdam</code>",
        ),
        (
            "tech lead positions, fintech, Berlin or remote Germany",
            "tech lead fintech (location:berlin OR (remote:yes from:germany))</code>",
        ),
        (  # "a new job", "as a", "anywhere in": no words of the alert
            "looking for a new job as a scala developer in berlin",
            "<code>/alert scala developer location:berlin</code>",
        ),
        (
            "a remote rust role anywhere in europe",
            "<code>/alert remote:yes rust from:europe</code>",
        ),
        ("new grad jobs", "<code>/alert new grad</code>"),
        (  # "can you", "ideally", "that pay over": no words of the alert
            "can you find me data engineering jobs with spark in Berlin, ideally remote",
            "<code>/alert data engineering spark (location:berlin OR (remote:yes from:berlin))",
        ),
        ("rust jobs, preferably hybrid", "send <code>/alert rust</code>"),  # welcome, not asked
        (
            "lead backend engineer jobs that pay over $200k in the US",
            "<code>/alert lead backend engineer salary:&gt;=USD200k location:us</code>",
        ),
        (  # what to leave out, listed: either is left out
            "rust jobs excluding crypto and gambling",
            "<code>/alert rust -(crypto OR gambling)</code>",
        ),
        ("looking for a go job, nothing in crypto please", "<code>/alert go -crypto</code>"),
        (  # two ORs, each of the words beside it, and a part of several words between them
            "I'm a backend engineer looking for Go or Rust jobs in Berlin or remote, no crypto",
            "<code>/alert backend engineer (go OR rust) (location:berlin OR (remote:yes "
            "from:berlin)) -crypto</code>",
        ),
        (
            "python or django developer job in london or manchester, contract or freelance",
            "<code>/alert (python OR django) developer location:(london OR manchester) "
            "type:contract</code>",
        ),
        (
            "scala or kotlin roles, senior or staff, remote or hybrid",
            "<code>/alert (scala OR kotlin) (senior OR staff) (remote:yes OR remote:hybrid)",
        ),
        (  # pay wished for with no amount: no words of the job, and the floor asked for
            "rust jobs that pay well",
            "<code>/alert rust</code>; to see the stored ones, <code>/search rust</code>. (Tap to "
            "copy.) /help lists every command. For good pay, name the least you want: "
            "<code>salary:&gt;=100k</code>",
        ),
        ("well-paid golang roles in Berlin", "send <code>/alert golang location:berlin</code>"),
        (  # a currency named in words, and "a year" after the amount: the filter's
            "Scala or Kotlin roles in Europe, at least 90k euros a year",
            "<code>/alert (scala OR kotlin) location:europe salary:&gt;=EUR90k</code>",
        ),
        ("rust jobs paying over 120k dollars", "<code>/alert rust salary:&gt;=USD120k</code>"),
        ("go roles in London, 80k pounds p.a.", "go location:london salary:&gt;=GBP80k</code>"),
        ("rust jobs 90k/year", "<code>/alert rust salary:&gt;=90k</code>"),  # not 90k OR year
        ("rust jobs 70-90k euros per annum", "<code>/alert rust salary:EUR70k-EUR90k</code>"),
        ("rust jobs, 90k euros a year at least", "<code>/alert rust salary:&gt;=EUR90k</code>"),
        ("rust jobs 100k or more", "<code>/alert rust salary:&gt;=100k</code>"),  # not an OR
        ("go jobs, 150k dollars or more", "<code>/alert go salary:&gt;=USD150k</code>"),
        ("python jobs 100k and up in berlin", "python salary:&gt;=100k location:berlin</code>"),
        ("scala roles, nothing to do with gambling", "<code>/alert scala -gambling</code>"),
        ("rust jobs, avoiding crypto or web3", "<code>/alert rust -(crypto OR web3)</code>"),
        (  # a kind of employer in the plural: its trade, not a company's name
            "Senior Scala engineer roles at fintechs in London",
            "<code>/alert senior scala engineer fintech location:london</code>",
        ),
        ("python jobs in london or hybrid", "<code>/alert python (london OR hybrid)"),  # of where?
        (  # a list after "in" is of places: "Berlin, rust or go" is a place, then either tech
            "hybrid in Berlin, rust or go",
            "<code>/alert remote:hybrid location:berlin (rust OR go)</code>",
        ),
        ("anything rust in the netherlands or belgium", "rust location:(netherlands OR belgium)"),
        # a state's code after its city or "in": the state's name, which finds either
        ("golang jobs in TX", "send <code>/alert golang location:texas</code>"),
        ("rust jobs in NY", "send <code>/alert rust location:&quot;new york&quot;</code>"),
        ("python jobs in Austin, TX", "<code>/alert python location:austin location:texas</code>"),
        (  # a code that is also a word, or a city and state that do not go together: as typed
            "rust jobs in Berlin OR Munich",
            "<code>/alert rust location:(berlin OR munich)</code>",
        ),
        ("backend roles in Toronto, ON, hybrid", "location:toronto location:ontario remote:hybrid"),
        (  # a country's code, after "in", "remote" or a city, or listed: its name
            "rust jobs in DE, NL or CH",
            "<code>/alert rust location:(germany OR netherlands OR switzerland)</code>",
        ),
        ("python jobs remote NL", "<code>/alert python remote:yes from:netherlands</code>"),
        ("golang jobs in Berlin, DE", "<code>/alert golang location:berlin location:germany<"),
        ("rust jobs in US or remote", "<code>/alert rust (location:us OR (remote:yes from:us))<"),
        ("jobs in IT", "Send /alert followed by keywords"),  # IT, not Italy
        ("you got this", "Send /alert followed by keywords"),  # no jobs asked for
        (  # remote: open to each place named, the US too
            "remote go jobs in Austin, TX",
            "<code>/alert remote:yes go from:austin from:texas</code>",
        ),
        ("remote rust jobs in the US", "<code>/alert remote:yes rust from:us</code>"),
        (  # what a job states, asked in words: the filter that finds it
            "rust jobs with visa sponsorship in the Netherlands",
            "<code>/alert rust visa:yes location:netherlands</code>",
        ),
        ("golang jobs in Germany that sponsor visas", "golang location:germany visa:yes</code>"),
        ("python jobs, no visa sponsorship needed", "send <code>/alert python</code>"),
        ("I don't need sponsorship, rust jobs", "send <code>/alert rust</code>"),
        ("data science in Amsterdam, English speaking", "science location:amsterdam lang:en<"),
        ("English-speaking backend jobs in Munich", "<code>/alert lang:en backend location:munich"),
        ("English teacher jobs in Madrid", "<code>/alert english teacher location:madrid</code>"),
        ("SWE internships in NYC", "<code>/alert swe type:internship location:nyc</code>"),
        # kinds of job, pay to be stated, places "within"
        ("full time rust jobs only", "<code>/alert type:full-time rust</code>"),
        ("part time go jobs", "<code>/alert type:part-time go</code>"),
        ("rust jobs, no contract roles", "<code>/alert rust -type:contract</code>"),
        ("rust jobs, permanent only", "<code>/alert rust -type:contract</code>"),
        ("contract manager jobs", "<code>/alert contract manager</code>"),
        ("smart contract engineer", "<code>/alert smart contract engineer</code>"),
        ("rust jobs that list the salary", "<code>/alert rust salary:stated</code>"),
        ("go jobs with salary transparency", "<code>/alert go salary:stated</code>"),
        ("rust jobs with a posted salary range", "<code>/alert rust salary:stated</code>"),
        ("rust jobs, remote within Europe", "<code>/alert rust remote:yes from:europe</code>"),
        ("scala roles across Germany", "<code>/alert scala location:germany</code>"),
        (  # a role in the plural as a title names it; "hiring", "wanted" no words of the job
            "companies hiring rust developers in london",
            "<code>/alert rust developer location:london</code>",
        ),
        ("rust devs wanted in berlin", "<code>/alert rust developer location:berlin</code>"),
        (  # remote said many ways
            "Any Elixir positions in Europe that allow full remote?",
            "<code>/alert elixir from:europe remote:yes</code>",
        ),
        ("100% remote rust jobs", "<code>/alert remote:yes rust</code>"),
        ("rust jobs from home", "<code>/alert rust remote:yes</code>"),  # not company:home
        (  # where one is from: there, or remote from there; "open to remote": remote welcome
            "Rust engineer from Berlin, open to remote",
            "<code>/alert rust engineer (location:berlin OR (remote:yes from:berlin))</code>",
        ),
        (
            "a go developer from Lisbon looking for remote roles",
            "go developer from:lisbon remote:yes<",
        ),
        ("remote-first companies hiring golang engineers", "/alert remote:yes golang engineer<"),
        ("who is hiring scala engineers?", "<code>/alert scala engineer</code>"),
        (
            "contract or freelance go work, remote",
            "<code>/alert type:contract go remote:yes</code>",
        ),
        ("contract or full-time python jobs", "(type:contract OR type:full-time) python</code>"),
        ("social work jobs", "<code>/alert social work</code>"),  # "work" kept: what work
        ("hello, how do I delete an alert", "<code>/delete &lt;id&gt;</code> — Delete an alert."),
    ],
)
async def test_a_text_that_is_not_a_command_gets_the_commands_it_likely_meant(
    handlers, store, text: str, reply: str
) -> None:
    assert reply in await say(handlers, text)
    assert store.alerts.alerts(USER) == [], "nothing is done until the command is sent"


async def test_where_one_lives_offers_its_clock_and_where_one_moves_is_the_place(handlers) -> None:
    """ "I live in New York" (based, located, moving to): the /timezone that puts digests and
    quiet hours on its clock, and the jobs there; a place with no zone gets no /timezone."""
    assert await say(handlers, "I live in New York") == (
        "Living in New York? <code>/timezone New York</code> puts your digests and quiet hours "
        "on its clock. For the jobs there, an alert of your words and the place: <code>/alert "
        "backend location:&quot;new york&quot;</code>."
    ), "no kind of job said: the place is where one lives, an alert of it alone is no help"
    moving = await say(handlers, "rust jobs, I'm moving to Lisbon")
    assert "<code>/alert rust location:lisbon</code>" in moving, moving
    assert "<code>/timezone Lisbon</code>" in moving, moving
    based = await say(handlers, "Hi! I'm based in Berlin and want rust jobs")
    assert based.startswith("Hi! ") and "<code>/alert location:berlin rust</code>" in based
    assert "<code>/timezone Berlin</code>" in based, based
    persona = await say(
        handlers,
        "Hi! Senior backend engineer here, I live in Berlin. Looking for Go/Rust roles at "
        "fintechs, remote within EU timezones or Berlin, 100k+ EUR",
    )  # where they live says less than where they would work: not location:berlin as well
    assert (
        "<code>/alert senior backend engineer (go OR rust) fintech (location:berlin OR "
        "(remote:yes from:eu)) salary:&gt;=EUR100k</code>" in persona
    ), persona
    assert "<code>/timezone Berlin</code>" in persona, persona
    remote = await say(handlers, "I live in Berlin, looking for remote rust jobs")
    assert "<code>/alert from:berlin remote:yes rust</code>" in remote, "open to where one lives"
    assert "/timezone" not in await say(handlers, "rust jobs, I live in Narnia")
    assert "/timezone" not in await say(handlers, "cloud based rust jobs in berlin")


async def test_a_lower_case_word_between_commas_is_no_place(handlers) -> None:
    """ "mobile" is a word of the job (Mobile, Alabama is written with its capital)."""
    reply = await say(handlers, "ios developer jobs, mobile, swift")
    assert "<code>/alert ios developer mobile swift</code>" in reply, reply


async def test_us_after_with_is_no_region_even_before_hours(handlers) -> None:
    """ "work with us hours": the pronoun, not the US's hours (from:us)."""
    reply = await say(handlers, "rust jobs in berlin, work with us hours flexible")
    assert "<code>/alert rust location:berlin" in reply and "from:us" not in reply, reply


async def test_asking_for_jobs_without_saying_which_offers_each_alerts_search(handlers) -> None:
    """ "any new jobs?" offered "/alert new"; now the /search of each alert, or with none how
    to say what to look for. Keywords still get their /alert ("rust jobs", "new grad jobs")."""
    assert "Tell me what to look for: <code>/search rust backend</code>" in await say(
        handlers, "any new jobs?"
    )
    await say(handlers, "/alert rust")
    await say(handlers, "/alert go remote:yes")
    asking = ("any new jobs?", "show me jobs", "latest", "what's new today?", "who is hiring?")
    for asked in (*asking, "what jobs do you have", "what have you got?", "show me everything"):
        assert (await say(handlers, asked)).endswith(
            "(tap to copy):\n<code>/search rust</code>\n<code>/search go remote:yes</code>\n"
            "/saved lists the jobs you saved."
        ), asked
    assert "<code>/alert new grad</code>" in await say(handlers, "new grad jobs")
    assert "<code>/alert rust</code>" in await say(handlers, "rust jobs")


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("how much does the rust job at Moneta Loop pay?", "rust company:&quot;moneta loop&quot;"),
        ("what's the salary for the staff engineer role at Acme?", "staff engineer company:acme"),
        ("is the rust role at Acme remote?", "rust company:acme"),
        ("where is the Harbourcoin rust job based?", "harbourcoin rust"),
    ],
)
async def test_a_question_about_one_job_offers_the_search_whose_line_answers_it(
    handlers, text: str, query: str
) -> None:
    """ "how much does the rust job at Moneta Loop pay?" offered `/alert how much rust
    company:"moneta loop pay"`: the job's words are its /search, whose line shows its pay,
    place and remote; a question that names no job ("how much does it pay?") says where the
    answer is."""
    assert await say(handlers, text) == (
        "Each job's line in /search shows its pay, place and whether it is remote: "
        f"<code>/search {query}</code>. (Tap to copy.)"
    )
    for unnamed in ("how much does it pay?", "is this role remote?", "what does the job pay"):
        assert (await say(handlers, unnamed)).startswith("A job's message shows its pay"), unnamed


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("show me what you have for rust", "rust"),
        ("what do you have for scala in berlin?", "scala location:berlin"),
        ("got anything for go?", "go"),
        ("do you have anything for kotlin?", "kotlin"),
        ("what jobs do you have for rust", "rust"),
        ("Do you have any remote Go roles in Europe?", "remote:yes go from:europe"),
        ("what's available in berlin", "location:berlin"),
    ],
)
async def test_asking_what_the_bot_has_for_some_jobs_offers_their_search(
    handlers, text: str, query: str
) -> None:
    """ "what do you have for scala" got the generic reply: its words after the question are
    the jobs asked for, offered as /search and /alert."""
    reply = await say(handlers, text)
    assert f"<code>/alert {query}</code>" in reply and f"<code>/search {query}</code>" in reply


async def test_asking_for_fewer_of_some_jobs_offers_each_alert_with_the_exclusion(
    handlers, store
) -> None:
    """ "stop sending me crypto jobs": alerts decide what comes, so each gets its /edit with
    -crypto to copy; not one that leaves it out already, nor one that asks for it."""
    assert "put <code>-crypto</code> in an alert, e.g. <code>/alert backend -crypto</code>" in (
        await say(handlers, "stop sending me crypto jobs")
    )
    for query in ("rust", "go remote:yes", "python -crypto"):
        await say(handlers, f"/alert {query}")
    reply = await say(handlers, "no more crypto jobs please")
    assert reply == (
        "Your alerts decide which jobs come. To leave out the ones about crypto, add "
        "<code>-crypto</code> to them (tap to copy):\n<code>/edit 1 rust -crypto</code>\n"
        "<code>/edit 2 go remote:yes -crypto</code>\nA company's jobs: /mute &lt;company&gt;."
    )
    remote = await say(handlers, "I don't want any remote jobs")
    assert "<code>/edit 1 rust -remote:yes</code>" in remote and "/edit 2" not in remote
    assert "<code>/edit 1 rust -title:senior</code>" in await say(handlers, "no more senior roles")
    assert "-web3" in await say(handlers, "not interested in web3")
    assert "<code>/edit 1 rust -frontend</code>" in await say(handlers, "too many frontend jobs")
    grads = await say(handlers, "no new grad jobs")  # it offered /alert -new grad
    assert "<code>/edit 1 rust -&quot;new grad&quot;</code>" in grads, grads
    assert "-web3" in await say(handlers, "I'm not interested in web3")
    on_site = await say(handlers, "no more on-site jobs please")
    assert "the ones marked on-site, add <code>-remote:no</code>" in on_site, on_site
    london = await say(handlers, "stop sending me jobs in London")
    assert "the ones in London, add <code>-location:london</code>" in london, london
    assert "<code>/edit 1 rust -location:us</code>" in await say(
        handlers, "I don't want jobs in the US"
    )
    assert "/pause" in await say(handlers, "stop sending me these"), "nothing named: /pause"
    assert "/pause" in await say(handlers, "stop sending me so many jobs"), "no word: too many"
    assert await say(handlers, "no more jobs from Acme Pay!") == (
        "<code>/mute Acme Pay</code> stops that company's jobs (tap to copy); /muted lists them."
    )
    assert "<code>/mute Revolut</code>" in await say(handlers, "I don't want jobs at Revolut")
    assert (
        len(store.alerts.alerts(USER)) == 3 and "crypto" not in store.alerts.alerts(USER)[0].query
    )
    await say(handlers, "/edit 3 senior backend engineer")  # asks for the word: not offered
    seniority = await say(handlers, "stop sending me senior roles")
    assert "<code>/edit 1 rust -title:senior</code>" in seniority and "/edit 3" not in seniority
    await say(handlers, "/edit 1 rust OR go")
    either = await say(handlers, "no more crypto jobs")  # an OR kept whole
    assert "<code>/edit 1 (rust OR go) -crypto</code>" in either, either


async def test_asking_why_it_is_quiet_says_what_decides_it_with_the_alerts(
    handlers, store, now
) -> None:
    """ "why is it so quiet?", "is the bot working?" got "Send /alert followed by keywords":
    the reply says the bot works and when it last read the boards, what holds jobs (a pause,
    a digest, quiet hours) and the alerts with what each sent, from the /alerts menu."""
    await say(handlers, "/alert rust")
    store.boards.mark_success("Acme", now - timedelta(minutes=3), None, None)
    reply = await say(handlers, "why is it so quiet?")
    assert reply.startswith(
        "I'm working. A job comes as soon as a board I read posts one that an alert of yours "
        "matches. I last read the boards 3m ago.\nEach alert's 🔎 shows"
    ), reply
    assert "#1 <b>rust</b> — 0 jobs sent in 7 days" in reply
    await say(handlers, "/pause 2w")
    await say(handlers, "/digest daily 09:00")
    await say(handlers, "/quiet 22:00-07:00")
    held = await say(handlers, "I haven't received any jobs today")
    assert "⏸ Notifications are paused until" in held, held
    assert "📬 Your jobs come in a daily digest at 09:00 (/digest off" in held, held
    assert "🌙 Quiet hours: 22:00–07:00, your time (/quiet off)." in held, held
    for text in ("is the bot working?", "the bot is not working", "nothing yet?", "did you stop?",
                 "I'm not getting anything", "why am I not getting any jobs?", "no new jobs?",
                 "where are my jobs?", "you stopped sending jobs", "am I still subscribed?"):  # fmt: skip
        assert (await say(handlers, text)).startswith("I'm working."), text
    store.boards.mark_success("Acme", now - timedelta(hours=2), None, None)
    assert (await say(handlers, "is the bot working?")).startswith(
        "⚠️ I last read the boards 2h ago: reading them fails now, and the bot's admins are told."
    ), "no board read for long: not 'working'"
    for text in ("nothing in crypto please", "quiet hours please", "is it remote?"):
        assert not (await say(handlers, text)).startswith("I'm working."), text


async def test_a_misspelled_word_that_no_job_has_gets_the_word_meant_offered(handlers) -> None:
    """ "/alert rsut" matches nothing, ever, and said so only by "no job yet": the word no stored
    job has, one letter off a known one, is named with the alert respelled. A word some job has
    is no typo, whatever it looks like."""
    reply = await say(handlers, "/alert senoir rsut")
    assert reply.endswith(
        "No job I have read has the word “senoir”: did you mean <b>senior</b>? "
        "<code>/edit 1 senior rsut</code>"
    ), reply
    assert "“rsut”: did you mean <b>rust</b>? <code>/search rust</code>" in await say(
        handlers, "/search rsut"
    )
    assert "did you mean" not in await say(handlers, "/search campaigns"), "a word jobs have"
    assert "did you mean" not in await say(handlers, "/alert rust zurich"), "it matches"


async def test_changing_an_alert_in_words_offers_its_edit_and_changes_nothing(
    handlers, store
) -> None:
    """ "remove crypto from alert 1" was offered /delete 1, which deletes the whole alert: a
    change asked in words gets the /edit that does it, ready to copy."""
    assert "You have no alert yet" in await say(handlers, "add go to my alert")
    await say(handlers, "/alert rust OR go")
    await say(handlers, "/alert python berlin")
    assert await say(handlers, "remove crypto from alert 1") == (
        "To take it out (tap to copy, then send):\n<code>/edit 1 (rust OR go) -crypto</code>"
        " — leaves out the jobs about crypto"
    ), "not in the alert: the alert that leaves it out"
    only = await say(handlers, "remove go from my alert")  # the alert that has it, alone
    assert "<code>/edit 1 rust</code>" in only and "/edit 2" not in only, only
    assert "<code>/edit 2 python</code>" in await say(handlers, "take berlin out of alert 2")
    assert "<code>/edit 1 (rust OR go) -location:berlin</code>" in await say(
        handlers, "please remove Berlin from alert 1"
    )
    assert "Alert #1 is only that: <code>/delete 1</code>" in await say(
        handlers, "remove rust OR go from alert 1"
    )
    added = await say(handlers, "add scala to alert 1")
    assert "<code>/edit 1 (rust OR go) scala</code> — jobs with both" in added, added
    assert "<code>/edit 1 rust OR go OR scala</code> — jobs with either" in added, added
    assert "/edit 2" not in added, "the alert named only"
    everywhere = await say(handlers, "add remote to my alerts please")
    assert "<code>/edit 1 (rust OR go) remote:yes</code> — jobs with both" in everywhere
    assert "<code>/edit 2 python berlin remote:yes</code>" in everywhere
    assert "either" not in everywhere, "a filter narrows: no OR offered"
    assert (
        await say(handlers, "add go to alert 1") == "Alert #1 has it already: /alerts lists them."
    )
    assert (
        await say(handlers, "add senior to alert 7") == "You have no alert #7: /alerts lists yours."
    )
    assert "Commands start with a slash: <code>/delete 1</code>" in await say(
        handlers, "remove alert 1"
    ), "the alert itself: /delete"
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust OR go", "python berlin"]
    await say(handlers, "/delete 2")
    await say(handlers, "/alert (rust OR scala) remote:yes")
    assert "<code>/edit 3 rust remote:yes</code>" in await say(
        handlers, "remove scala from alert 3"
    )
    either = await say(handlers, "add go to alert 3")  # its words OR go, its filters kept
    assert "<code>/edit 3 (rust OR scala OR go) remote:yes</code> — jobs with either" in either
    await say(handlers, "/alert senior rust")
    two = await say(handlers, "add go to alert 4")
    assert "<code>/edit 4 senior rust go</code>" in two and "either" not in two, "which of two?"


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        (
            "/alrt rust backend",
            "I don't know /alrt. Did you mean <code>/alert rust backend</code>?",
        ),
        ("/list", "I don't know /list. Did you mean <code>/alerts</code>?"),  # other bots' names
        ("/unsubscribe", "Did you mean <code>/stop</code>?"),
        ("/serach go <b>", "Did you mean <code>/search go &lt;b&gt;</code>?"),
        ("/Unfolow acme", "I don't know /unfolow. Did you mean <code>/unfollow acme</code>?"),
        ("/lst", "I don't know /lst. Did you mean <code>/alerts</code>?"),  # list, mistyped
        ("/frobnicate", "I don't know /frobnicate. /help lists what I can do."),
        ("/boardz", "I don't know /boardz. /help lists what I can do."),  # not an admin's to a user
    ],
)
async def test_an_unknown_command_gets_the_one_it_likely_meant(
    handlers, store, text: str, reply: str
) -> None:
    assert reply in await say(handlers, text)
    assert store.alerts.alerts(USER) == [], "nothing is done until the command is sent"


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
    assert "It would have matched 1 job" in reply
    reply = await say(handlers, "/edit 1 rust (salary:>=100k OR salary:none)")
    assert "Tip:" not in reply and "It matches 4 jobs" in reply, reply
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
    assert "It would have matched 1 job" in reply and "Rust Lead" not in reply
    reply = await say(handlers, "/edit 1 rust (years:<=3 OR years:none)")
    assert "Tip:" not in reply and "It matches 4 jobs" in reply, reply
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
    assert "It matches 2 jobs posted" in await say(handlers, "/edit 1 rust -type:internship")
    offers = {
        "rust without intern": "rust -type:internship",
        "rust excluding intern or staff": "rust -(intern OR staff)",
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
    alone = await say(handlers, "/edit 1 no crypto")
    assert "A minus leaves them out, after a word a job must have: <code>/edit 1 backend " in alone
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
    assert "It matches 2 jobs" in before and "It matches 3 jobs" in after, "the mentored one"


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


async def test_delete_by_query_and_a_delete_that_misses_names_the_alerts(handlers, store) -> None:
    assert "You have no alert yet" in await say(handlers, "/delete")
    await say(handlers, "/alert rust")
    await say(handlers, "/alert golang remote:yes")
    yours = " Yours: #1 rust · #2 golang remote:yes (/alerts lists them)."
    assert await say(handlers, "/delete") == "Which alert? Send <code>/delete 3</code>." + yours
    assert await say(handlers, "/delete 9") == "You have no alert #9." + yours
    for other in ("/edit 9 go", "/pause 9", "/resume 9", "/digest 9 daily"):  # the same reply
        assert await say(handlers, other) == "You have no alert #9." + yours, other
    assert (await say(handlers, "/delete java")).endswith("nor one of your alerts." + yours)
    assert await say(handlers, "/delete Golang  remote:yes") == "Alert #2 deleted."
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
    assert "It would have matched 75 jobs posted in the last 7 days." in reply
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
    assert await say(handlers, "/delete 1,2") == "Alerts #1 and #2 deleted."
    assert await say(handlers, "/delete 3 and #4") == "Alerts #3 and #4 deleted."
    assert await say(handlers, "/delete 5-6") == "Alerts #5 and #6 deleted."
    assert await say(handlers, "/delete 6 7 9") == (
        "Alert #7 deleted. You have no alert #6 or #9. You have no alert yet: "
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
