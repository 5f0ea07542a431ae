"""Lucas's walk (walk 1 of session 43: a senior backend engineer in São Paulo who wants remote
Go or Elixir roles at US or EU companies that hire in Latin America): what the sentence reader
offers him. His self-introduction is read sentence by sentence into the alert he meant, not
his name and context as required words; where an employer is based, working hours, contract
work welcomed and the currency of pay are left out and said so; a pay range with its period is
its floor; "no US work authorization" is -visa:no, "no US-only jobs" the from: of his country;
"I live in São Paulo" keeps a remote alert to the jobs open to Brazil. On a real store, through
the real handlers, and the offers checked against the real matcher."""

from __future__ import annotations

import html
from datetime import datetime

import pytest

from bot import normalize
from bot.config import AlertsConfig
from bot.match import matches
from bot.models import Posting, RawPosting
from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.telegram.leaveout import unwanted
from bot.telegram.tips.asides import alone_reply, hours_dropped, spelled
from bot.telegram.tips.paragraph import paragraph_meant
from bot.telegram.tips.sentence import meant
from tests import cputime
from tests.alerting import INFO, USER, offered, say, world_handlers

INTRO = (
    "Hi! I'm Lucas, a senior backend engineer from Brazil. I'm looking for remote Go or Elixir "
    "roles at US or EU startups that hire in Latin America. I can work as a contractor via "
    "Deel. I need at least 4 hours overlap with EST. Please no crypto or web3, and no US-only "
    "roles. Thanks!"
)
WANTED = "senior backend engineer from:brazil remote:yes (go OR elixir) -(crypto OR web3)"


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    world_handlers(store, now)
    return Handlers(store.db, AlertsConfig(max_per_user=5), clock=lambda: now)


def job(title: str, location: str, text: str = "") -> Posting:
    raw = RawPosting(
        external_id=title,
        title=title,
        url="/j",
        location=location,
        description_html=f"<p>{text}</p>",
        workplace="remote",
    )
    return normalize.posting(raw, INFO)


async def test_his_self_introduction_is_the_alert_he_meant_and_says_what_it_left_out(
    handlers,
) -> None:
    """B4: his name, "hire", "via deel", "least 4 hours" were required words, location:brazil
    and location:(us OR eu) clashed, from:est kept LATAM out, type:contract was asked and "no
    crypto or web3" was dropped (the alert grew too long)."""
    reply = await say(handlers, INTRO)
    assert reply.startswith("Hi! "), reply
    assert f"<code>/alert {html.escape(WANTED)}</code>" in reply, reply
    for said in ("at US or EU startups", "4 hours overlap with EST", "contractor via Deel"):
        assert said in reply, said
    assert "“no US-only roles” (from:brazil leaves them out)" in reply, reply
    alert = offered(reply)[0]
    assert matches(alert, job("Senior Backend Engineer (Go)", "Remote - LATAM", "Go."))
    assert not matches(alert, job("Senior Backend Engineer (Go)", "Remote - US", "Go."))
    assert not matches(alert, job("Senior Backend Engineer (Go)", "Remote - LATAM", "Web3."))


def test_an_exclusion_said_last_is_kept_when_the_alert_would_be_too_long() -> None:
    """The plain words of earlier sentences give way to it."""
    long = (
        "I am a principal staff platform infrastructure reliability backend distributed "
        "systems engineer in Berlin with 12 years of experience in rust, go, scala, kotlin, "
        "java, elixir and haskell. Please no crypto, web3 or gambling."
    )
    query = paragraph_meant(long)
    assert query is not None and query.endswith(" -(crypto OR web3 OR gambling)"), query
    assert "location:berlin years:<=12" in query and "engineer" not in query, query


@pytest.mark.parametrize(
    ("text", "query"),
    [  # B5: where the employer is based is no place of the job
        ("remote Go jobs at US startups that hire in Brazil", "remote:yes go from:brazil"),
        (
            "remote golang roles with American companies, I'm in Brazil",
            "remote:yes golang from:brazil",
        ),
        ("remote Elixir jobs at European startups hiring in LATAM", "remote:yes elixir from:latam"),
        ("Go jobs, remote from Brazil, for US companies", "go remote:yes from:brazil"),
        (  # ... and working hours are none either, when a place is asked
            "I'm in Brazil, looking for remote Go jobs with US companies, overlap with EST",
            "from:brazil remote:yes go",
        ),
        ("golang remote americas overlap EST", "golang remote:yes from:americas"),
        ("go developer remote, overlap with CET", "go developer remote:yes from:cet"),  # as before
        ("rust jobs at fintech startups", "rust fintech"),  # a kind, not a place
        ("rust jobs at Berlin startups", "rust location:berlin"),  # not remote: there
        ("remote go jobs in Austin, TX", "remote:yes go from:austin from:texas"),  # which Austin
        # B6: a pay range with its period after it is its floor in that period
        (
            "remote go jobs in latam paying $5,000 - $7,000 USD/month",
            "remote:yes go from:latam salary:>=USD5k/month",
        ),
        ("$72/hr - $90/hr go jobs", "salary:>=USD72/hour go"),
        ("rust jobs paying 5k-7k eur a month", "rust salary:>=EUR5k/month"),
        ("rust jobs 80-100k eur", "rust salary:>=EUR80k"),  # as before
        # contract work welcomed is no requirement; "paid in USD" no word of a job
        ("remote Go or Elixir, contractor is fine, no crypto", "remote:yes (go OR elixir) -crypto"),
        ("remote go jobs latam paid in usd", "remote:yes go from:latam"),
    ],
)
def test_a_sentence_is_read_as_what_the_jobs_must_be(text: str, query: str) -> None:
    assert meant(text) == query


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("remote Go jobs at US startups that hire in Brazil", "“at US startups” (where a company"),
        ("golang remote americas overlap EST", "“overlap EST” (working hours are no filter)"),
        ("remote go jobs latam paid in usd", "“paid in usd” (no filter says a job's currency"),
        ("remote Go or Elixir, contractor is fine, no crypto", "“contractor is fine” (contract"),
    ],
)
async def test_the_offer_says_what_it_left_out(handlers, text: str, said: str) -> None:
    assert said in await say(handlers, text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("must overlap with EST", "Working hours are no filter"),
        ("contractor is fine", "Contract work is welcome, then"),
        ("I'm fine with contractor via Deel or Remote.com", "<code>type:contract</code> would"),
        ("I only want jobs paid in USD", "No filter says which currency a job pays in"),
    ],
)
async def test_a_text_of_asides_alone_gets_why_no_alert_needs_them(
    handlers, store, text: str, said: str
) -> None:
    reply = await say(handlers, text)
    assert said in reply and "/alert" not in reply, reply
    assert alone_reply("remote go, must overlap with EST") is None, "a job's words too"
    assert store.alerts.alerts(USER) == []


@pytest.mark.parametrize(
    "text",
    [
        "stop sending me jobs that need US work authorization",
        "no jobs that require US work authorization please",
        "I can't work in the US, no visa",
        "I have no US work authorization",
    ],
)
async def test_no_right_to_work_in_the_us_leaves_out_the_jobs_that_ask_it(
    handlers, store, text: str
) -> None:
    """B8: /pause and /stop, -"us work authorization" (which misses "authorized to work in
    the United States") or an alert of location:us were offered."""
    await say(handlers, "/alert go remote:yes")
    reply = await say(handlers, text)
    assert "<code>/edit 1 go remote:yes -visa:no</code>" in reply, reply
    await say(handlers, "/edit 1 go remote:yes -visa:no")
    alert = store.alerts.alerts(USER)[0].query
    us = job("Go Engineer", "Remote", "Go. Must be authorized to work in the United States.")
    assert not matches(alert, us)
    assert matches(alert, job("Go Engineer", "Remote - LATAM", "Go. We hire across LATAM."))


async def test_no_us_only_jobs_is_the_from_of_his_country(handlers) -> None:
    """-"us only" misses "Remote - US"; from: his /timezone's country does not."""
    await say(handlers, "/alert go remote:yes")
    before = await say(handlers, "I don't want US-only jobs")
    assert "<code>from:&lt;your country&gt;</code>" in before, "no /timezone yet: named"
    await say(handlers, "/timezone São Paulo")
    reply = await say(handlers, "Please no crypto or web3, and no US-only roles.")
    assert "<code>/edit 1 go remote:yes from:brazil -(crypto OR web3)</code>" in reply, reply
    assert "not open to Brazil" in reply, reply
    alert = offered(reply)[0]
    assert not matches(alert, job("Go Engineer", "Remote - US", "Go."))
    assert matches(alert, job("Go Engineer", "Remote - LATAM", "Go."))


async def test_where_he_lives_keeps_a_remote_alert_to_jobs_open_to_his_country(handlers) -> None:
    """location:"sao paulo" dropped every remote LATAM job."""
    await say(handlers, "/alert rust")
    await say(handlers, "/alert go remote:yes")
    reply = await say(handlers, "I live in São Paulo")
    assert "<code>/timezone São Paulo</code>" in reply, reply
    assert "<code>/edit 1 rust location:&quot;sao paulo&quot;</code>" in reply, reply
    assert "<code>/edit 2 go remote:yes from:brazil</code>" in reply, reply
    assert reply.count("tap to copy") == 1, reply


async def test_fewer_of_several_kinds_said_in_clauses_is_one_exclusion(handlers) -> None:
    await say(handlers, "/alert go")
    reply = await say(handlers, "I hate crypto, never send me web3 or blockchain stuff")
    assert "<code>/edit 1 go -(crypto OR web3 OR blockchain)</code>" in reply, reply
    assert "-(mondays" not in await say(handlers, "I hate mondays, rust jobs please")


async def test_a_digest_in_the_evening_has_its_hour(handlers) -> None:
    reply = await say(handlers, "only send jobs once a day in the evening")
    assert "<code>/digest daily 18:00</code>" in reply, reply  # as /digest every evening


async def test_why_a_named_job_did_not_come_is_answered_at_once(handlers) -> None:
    reply = await say(handlers, "why didn't I get the go engineer job in Berlin?")
    assert reply.startswith("🔍 <b>Go Engineer</b>"), reply
    fallback = await say(handlers, "why didn't I get the Go Developer job at Vellum Pay?")
    assert "<code>/why Go Developer Vellum Pay</code>" in fallback, "no such job: as before"


async def test_an_edit_says_the_jobs_found_before_it_are_not_sent(handlers) -> None:
    """B3: the job he chased matched the edited alert, and never came."""
    await say(handlers, "/alert rust")
    reply = await say(handlers, "/edit 1 rust OR go")
    assert "Only jobs found from now on are sent; /search shows these." in reply, reply


HOSTILE = [
    "overlap with " * 300,
    "at us or eu " * 300 + "remote",
    "$5,000 - " * 300 + "/month",
    "I'm fine with contractor via " + "a, " * 400,
    "4 hours " * 400 + "overlap est",
    "I can't work in the " * 300,
    "I hate crypto, " * 300,
    "never send me " * 300,
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_reading_asides_costs_what_an_ordinary_text_does(hostile: str) -> None:
    ordinary = "I'm looking for remote Go roles at US startups, overlap with EST, $5k - $7k a month"

    def read(text: str) -> object:
        return hours_dropped(spelled(text)), alone_reply(text), unwanted(text)

    assert cputime.ratio(lambda: read(hostile), lambda: read(ordinary * 8)) < 10
