"""Slips in an alert get a fix, not a silent misreading (a job seeker's walk-through): each
input through the real handlers, with what is stored and what is offered to copy, which must
parse to what it says."""

from __future__ import annotations

import html
import re

import pytest

from bot.errors import QueryError
from bot.query import parse
from bot.store import Stores
from bot.syntax import Attr, Or, format_node
from bot.telegram.handlers import Handlers
from bot.telegram.tips.lists import grouping_tip
from bot.telegram.tips.repair import spoken
from tests.alerting import USER, say, world_handlers

# A command offered to copy, with its query.
OFFERED = re.compile(r"<code>/(?:alert|search|edit \d+) ([^<]+)</code>")


@pytest.fixture
def handlers(store, now) -> Handlers:
    return world_handlers(store, now)


def stored(store: Stores) -> list[str]:
    return [a.query for a in store.alerts.alerts(USER)]


def offers(reply: str) -> list[str]:
    """Each query the reply offers, as the bot reads it back (it must parse)."""
    return [parse(html.unescape(q)).normalized for q in OFFERED.findall(reply)]


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        # A2: a space as the thousands separator, the currency after it (Portugal, France)
        ("rust salary:>80 000 €", "rust salary:>EUR80k"),
        ("rust salary:>=80 000", "rust salary:>=80k"),
        ("rust salary:>=80 000 EUR", "rust salary:>=EUR80k"),
        ("rust salary:>= 80 000€", "rust salary:>=EUR80k"),
        ("rust salary:>=80\u202f000\u00a0€", "rust salary:>=EUR80k"),  # French no-break spaces
        ("rust salary:80 000-100 000 €", "rust salary:EUR80k-EUR100k"),
        # B2: the currency before the amount, a space after a field's colon, a field's group
        ("rust salary:>=EUR 80k", "rust salary:>=EUR80k"),
        ("rust salary: >= € 80 000", "rust salary:>=EUR80k"),
        ("rust salary:>=80 k", "rust salary:>=80k"),
        ("rust salary:≥80k", "rust salary:>=80k"),
        ("rust location: lisbon", "rust location:lisbon"),
        ("rust remote: hybrid", "rust remote:hybrid"),
        ("rust salary: none", "rust salary:none"),
        ("rust remote:(yes OR hybrid)", "rust (remote:yes OR remote:hybrid)"),
    ],
)
async def test_a_slip_with_one_reading_is_saved_as_meant(
    handlers, store, typed: str, saved: str
) -> None:
    reply = await say(handlers, f"/alert {typed}")
    assert reply.startswith(f"✅ Alert #1 saved: <b>{html.escape(saved)}</b>"), reply
    assert stored(store) == [saved]
    assert all(parse(q).normalized == q for q in offers(reply)), reply


@pytest.mark.parametrize(
    ("typed", "said", "meant"),
    [
        # A6: a field after its value, or its name and value swapped
        ("rust 80k:salary", "“80k:salary” has its field last", "rust salary:>=80k"),
        ("rust >=80k:salary", "has its field last", "rust salary:>=80k"),
        ("rust 80:salary", "has its field last", "rust salary:>=80k"),
        ("rust yes:remote", "unknown field “yes:” at character 6 (did you mean", "rust remote:yes"),
        ("rust lisbon:location", "(did you mean location:lisbon?)", "rust location:lisbon"),
        # B2: a field's name misspelled; an operator turned round
        ("rust remtoe:yes", "unknown field “remtoe:” at character 6 (did you", "rust remote:yes"),
        ("rust locaton:lisbon", "(did you mean location:lisbon?)", "rust location:lisbon"),
        ("rust salry:>=80k", "(did you mean salary:&gt;=80k?)", "rust salary:>=80k"),
        ("rust remtoe: yes", "(did you mean remote:?)", "rust remote:yes"),
        (
            "rust salary:=>80k",
            "“=&gt;” is no operator: did you mean salary:&gt;=80k?",
            "rust salary:>=80k",
        ),
        ("rust salary:=<80k", "did you mean salary:&lt;=80k?", "rust salary:<=80k"),
        # German field names, as a German speaker types them
        ("rust ort:berlin", "write location:berlin", "rust location:berlin"),
        ("rust gehalt:>=75k", "write salary:&gt;=75k", "rust salary:>=75k"),
        ("rust sprache:de", "write lang:de", "rust lang:de"),
        ("rust firma:zalando", "write company:zalando", "rust company:zalando"),
    ],
)
async def test_a_slip_is_refused_with_the_query_meant_ready_to_send(
    handlers, store, typed: str, said: str, meant: str
) -> None:
    reply = await say(handlers, f"/alert {typed}")
    assert reply.startswith("I can't use that alert: ") and said in reply, reply
    assert "\nSend <code>/alert rust " in reply and reply.endswith("</code> for that."), reply
    assert offers(reply) == [meant]
    assert stored(store) == []


async def test_a_salary_too_small_for_a_year_is_saved_with_thousands_offered(
    handlers, store
) -> None:
    """A2: "salary:>=80" is 80 a year, which any job stating a salary pays: saved as typed (a
    stored alert must still parse), with the filter in thousands offered, and the rate named."""
    reply = await say(handlers, "/alert rust salary:>=80")
    assert stored(store) == ["rust salary:>=80"]
    assert (
        "Tip: salary:&gt;=80 is 80 a year, and no year&#x27;s pay is under 1,000, so it takes "
        "any job that states a salary (a rate takes its period: salary:&gt;=80/hour). Did you "
        "mean it in thousands? <code>/edit 1 rust salary:&gt;=80k</code>."
    ) in reply, reply
    assert offers(reply)[0] == "rust salary:>=80k"
    assert "salary:none" not in reply, "the unstated tip waits for the amount meant"
    ranged = await say(handlers, "/alert go salary:50-80 eur")
    assert offers(ranged)[0] == "go salary:EUR50k-EUR80k", ranged
    assert "Tip:" not in await say(handlers, "/alert java salary:>=80k")


@pytest.mark.parametrize(
    ("typed", "saved", "meant"),
    [
        ("rust €80k+", "rust 80k", "rust salary:>=EUR80k"),
        ("rust 80k EUR", "rust 80k eur", "rust salary:>=EUR80k"),
        ("rust min 80k eur", "rust min 80k eur", "rust salary:>=EUR80k"),
        ("go at least 80k euros", "go at least 80k euros", "go salary:>=EUR80k"),
    ],
)
async def test_pay_typed_as_words_gets_the_salary_filter_offered(
    handlers, store, typed: str, saved: str, meant: str
) -> None:
    """B1: pay typed as words is saved as typed ("under €80k" would read the other way, so
    the lexer reads no filter), and the tip offers the filter in its currency."""
    reply = await say(handlers, f"/alert {typed}")
    assert stored(store) == [saved]
    assert f"With filters: <code>/edit 1 {html.escape(meant)}</code>" in reply, reply
    assert meant in offers(reply)


async def test_words_to_leave_out_joined_by_a_hyphen_get_each_left_out_offered(
    handlers, store
) -> None:
    """A6: "-crypto-web3" leaves out only "crypto web3" side by side; "-full-time" is meant."""
    reply = await say(handlers, "/alert rust -crypto-web3")
    assert stored(store) == ['rust -"crypto web3"']
    assert (
        "Tip: <b>-crypto-web3</b> leaves out only the jobs that say “crypto web3”, these words "
        "side by side, not each of them. To leave out each: <code>/edit 1 rust -crypto -web3</code>."
    ) in reply, reply
    assert offers(reply) == ["rust -crypto -web3"]
    assert "Tip:" not in await say(handlers, "/alert go -full-time")
    assert "<code>/search rust -java -php</code>" in await say(handlers, "/search rust -java-php")


def test_a_stored_query_reads_as_before_or_as_meant() -> None:
    """A stored alert still parses: a small amount as written; one saved before with its
    thousands apart ("salary:>80 000", then 80 and the word "000") as the amount meant."""
    assert parse("rust salary:>=80").normalized == "rust salary:>=80"
    assert parse("salary:>=1").normalized == "salary:>=1"
    assert parse("rust salary:>80 000").normalized == "rust salary:>80k"
    assert parse("salary:>=80 000, rust").normalized == "salary:>=80k rust"
    assert parse("salary:>=100k 500").normalized == "salary:>=100k 500"  # a word of its own
    assert parse('salary:>=80 "000"').normalized.startswith("salary:>=80 ")
    with pytest.raises(QueryError, match="salary: needs an amount"):
        parse("salary: rust")
    with pytest.raises(QueryError, match=r"remote:\(…\) takes its values joined by OR"):
        parse("rust remote:(yes hybrid)")
    with pytest.raises(QueryError, match="remote: takes yes, no or hybrid"):
        parse("rust remote:(yes OR maybe)")


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        # German "oder", "und" between terms are OR and AND, as "or" and "and" are: no job is
        # sought for the word itself (an English posting never says "oder")
        ("scala oder python", "scala OR python"),
        ("spark, kafka oder dbt", "spark OR kafka OR dbt"),
        ("python und scala", "python scala"),
        ("rust oder", 'rust "oder"'),  # nothing after it: the word (quoted, as it reads back)
        ('rust "oder" go', 'rust "oder" go'),  # quoted: the word, also when read back
    ],
)
async def test_german_or_and_and_are_operators(handlers, store, typed: str, saved: str) -> None:
    reply = await say(handlers, f"/alert {typed}")
    assert stored(store) == [saved], reply
    if typed == "python und scala":  # both, as said: no tip offering either
        assert "For any one of them" not in reply, reply


async def test_german_or_in_a_search_and_in_bare_keywords(handlers) -> None:
    searched = await say(handlers, "/search scala oder python")
    assert "<b>scala OR python</b>" in searched, searched
    bare = await say(handlers, "scala oder python")
    assert offers(bare) == ["scala OR python", "scala OR python"], bare
    grouped = await say(handlers, "/alert python oder scala in berlin")
    assert "(python OR scala) location:berlin" in offers(grouped), grouped


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("python 75 000 EUR", "python salary:>=EUR75k"),
        ("scala mind 75 000 €", "scala salary:>=EUR75k"),
        ("scala 75000+", "scala salary:>=75k"),
        ("python max 90 000 eur", "python salary:<=EUR90k"),
    ],
)
async def test_a_salary_spaced_or_in_full_gets_the_salary_offer(
    handlers, typed: str, meant: str
) -> None:
    reply = await say(handlers, f"/alert {typed}")
    assert meant in offers(reply), reply


async def test_a_sentence_with_a_spaced_salary_is_offered_the_filter(handlers) -> None:
    reply = await say(handlers, "data engineer berlin 75 000 EUR")
    assert offers(reply)[0] == "data engineer berlin salary:>=EUR75k", reply


async def test_filters_either_side_of_or_keep_both_sides_grouped(handlers) -> None:
    reply = await say(handlers, "/alert py remote:hybrid location:berlin OR remote:yes from:de")
    assert offers(reply) == ["py ((remote:hybrid location:berlin) OR (remote:yes from:de))"], reply
    alone = await say(handlers, "/alert remote:hybrid location:berlin OR remote:yes")
    assert "Grouped as" not in alone and "To group otherwise" not in alone, alone


def test_the_grouping_of_the_walk_keeps_the_remote_side() -> None:
    typed = "python remote:hybrid location:berlin OR remote:yes from:germany"
    tip = grouping_tip(parse(typed).root, typed, "/edit 1")
    assert tip is not None and tip.meant is not None
    meant = "python ((remote:hybrid location:berlin) OR (remote:yes from:germany))"
    assert parse(format_node(tip.meant)).normalized == parse(meant).normalized


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("/alert: scala", "scala"),
        ("/alert:scala", "scala"),
        ("/alert : scala", "scala"),
    ],
)
async def test_a_colon_after_the_command_is_read_as_a_space(
    handlers, store, text: str, meant: str
) -> None:
    reply = await say(handlers, text)
    assert stored(store) == [meant], reply


async def test_a_colon_after_other_commands(handlers, store) -> None:
    await say(handlers, "/alert rust")
    edited = await say(handlers, "/edit: 1 rust go")
    assert stored(store) == ["rust go"], edited
    quiet = await say(handlers, "/quiet: 22-8")
    assert "/alert /quiet" not in quiet and "send <code>/alert" not in quiet, quiet
    both = await say(handlers, "/alert: scala\n/alert: kotlin")
    assert sorted(stored(store)) == ["kotlin", "rust go", "scala"], both


async def test_languages_a_posting_is_in_are_lang_filters(handlers) -> None:
    reply = await say(handlers, "nur Stellen auf Deutsch oder Englisch")
    assert offers(reply)[0] == "lang:de OR lang:en", reply
    assert spoken(parse("(lang:en OR german) postings").root) == Or(
        (Attr("lang", "en"), Attr("lang", "de"))
    )
