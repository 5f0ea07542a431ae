"""Money and lists as people write them in a sentence or an alert: a month's (hour's, day's)
pay with its currency is offered as a rate with its period, never a word "month" a job must
have; a lettered dollar sign ("R$", "A$", "C$", "MX$") is its own currency, not the US
dollar, and "kr" is none until a code says which; "X, or Y" typed in an alert is its two
sides, and after a list of several-word parts it is refused with the reading offered; "ohne
Krypto" in a sentence leaves out what editing an alert in German does. Each through the real
handlers; every command offered parses."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime

import pytest

from bot.lexer import lex
from bot.normalize.statedpay import stated_pay
from bot.query import parse
from bot.salary import currency_code
from bot.store import Stores
from bot.syntax import Salary
from bot.telegram.handlers import Handlers
from bot.telegram.tips.pay import currency_of, pay_spelled
from bot.telegram.tips.sentence import meant
from tests import cputime
from tests.alerting import USER, say, world_handlers

OFFERED = re.compile(r"<code>/(?:alert|search|edit \d+) ([^<]+)</code>")


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


def _offered(reply: str) -> list[str]:
    """Each query the reply offers to copy, checked to parse."""
    queries = [html.unescape(q) for q in OFFERED.findall(reply)]
    for query in queries:
        parse(query)
    return queries


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("rust jobs paying 5k eur a month", "rust salary:>=EUR5k/month"),
        ("golang em Lisboa, 15 mil reais por mês", "golang location:lisboa salary:>=BRL15k/month"),
        ("rust jobs paying 50 eur an hour", "rust salary:>=EUR50/hour"),
        ("rust jobs paying 5000 eur/month", "rust salary:>=EUR5k/month"),
        ("rust jobs paying 5,000 eur monthly", "rust salary:>=EUR5k/month"),
        ("Rust Jobs in Berlin ab 5000 Euro im Monat", "rust location:berlin salary:>=EUR5k/month"),
        ("freelance rust 500€ par jour", "type:contract rust salary:>=EUR500/day"),
        ("rust jobs paying over 90k eur a year", "rust salary:>=EUR90k"),  # a year: as was
    ],
)
async def test_a_rate_said_with_its_currency_is_offered_with_its_period(
    handlers, store, text: str, offered: str
) -> None:
    reply = await say(handlers, text)
    assert _offered(reply) == [offered, offered], reply  # /alert and /search
    assert store.alerts.alerts(USER) == []


async def test_an_alert_of_a_month_s_pay_in_words_is_offered_the_rate(handlers, store) -> None:
    """Saved as typed (its words), with the filter it means offered: a month's 5000 euros,
    compared as the 60k a year it makes; no word "month" or "per" required."""
    reply = await say(handlers, "/alert rust 5000 EUR per month")
    assert store.alerts.alerts(USER)[0].query == "rust 5000 eur per month"
    assert "With filters: <code>/edit 1 rust salary:&gt;=EUR5k/month</code>" in reply, reply
    (rate,) = [q for q in _offered(reply) if "salary" in q]
    salary = parse(rate).root.children[1]
    assert salary == Salary(">=", 60_000, None, "EUR", "month")
    slashed = await say(handlers, "/alert go 5000 EUR/month")
    assert "With filters: <code>/edit 2 go salary:&gt;=EUR5k/month</code>" in slashed, slashed
    assert "(eur OR month)" not in slashed, "a rate is no pair of words either of which will do"


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("rust jobs paying R$ 15.000 por mês", "rust salary:>=BRL15k/month"),
        ("rust jobs paying R$200k", "rust salary:>=BRL200k"),
        ("python jobs in Sydney over A$150k", "python location:sydney salary:>=AUD150k"),
        ("python jobs in Toronto over C$120k", "python location:toronto salary:>=CAD120k"),
        ("rust jobs paying 8.000 kr per month", "rust salary:>=8k/month"),  # kr: no currency
    ],
)
async def test_a_lettered_dollar_sign_is_its_own_currency(
    handlers, text: str, offered: str
) -> None:
    assert _offered(await say(handlers, text))[0] == offered


async def test_the_alert_language_reads_lettered_dollar_signs(handlers, store) -> None:
    await say(handlers, "/alert rust salary:>=R$10k")
    reply = await say(handlers, "/alert go R$200k")
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust salary:>=BRL10k", "go 200k"]
    assert "<code>/edit 2 go salary:&gt;=BRL200k</code>" in reply, reply
    signs = {"R$": "BRL", "A$": "AUD", "C$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD"}
    signs |= {"MX$": "MXN", "US$": "USD", "$": "USD", "kr": None, "KR": None}
    assert {sign: currency_code(sign) for sign in signs} == signs
    assert parse("salary:>=MX$30k/month").root == Salary(">=", 360_000, None, "MXN", "month")
    assert currency_of("R$ 15.000") == "brl" and currency_of("80.000 kr") == ""


def test_a_posting_s_pay_in_lettered_dollars_is_in_that_currency() -> None:
    """A stored posting's pay: "MX$" was read as US dollars, a month's as a year's."""
    assert stated_pay("Salary: MX$30,000 - MX$40,000 per month") == (30e3, 40e3, "MXN", "month")
    assert stated_pay("Salary: R$ 15.000 - R$ 20.000")[2] == "BRL"
    assert stated_pay("Salary range: C$120,000 - C$150,000")[2] == "CAD"
    assert stated_pay("Salary: 40.000 kr per month") == (None, None, None, None)


@pytest.mark.parametrize(
    ("text", "saved"),
    [
        ("/alert rust, or go", "rust OR go"),
        (
            "/alert senior rust engineer, or staff go engineer",
            "(senior rust engineer) OR (staff go engineer)",
        ),
        ("/alert senior engineer, rust, or go", "senior engineer (rust OR go)"),
        ("/alert fintech, payments, or banking", "fintech (payments OR banking)"),
    ],
)
async def test_x_comma_or_y_is_either_side(handlers, store, text: str, saved: str) -> None:
    reply = await say(handlers, text)
    assert store.alerts.alerts(USER)[0].query == saved, reply
    _offered(reply)
    assert "AND binds tighter than OR" not in reply, "the comma grouped each side as typed"


async def test_comma_or_after_a_list_of_several_word_parts_is_refused_with_a_reading(
    handlers, store
) -> None:
    """Any of them, or the first with either other: refused, naming both, the first ready to
    copy."""
    reply = await say(handlers, "/alert data engineer, ml engineer, or data scientist")
    assert store.alerts.alerts(USER) == []
    assert "data engineer ((ml engineer) OR (data scientist))" in reply, reply
    assert _offered(reply) == ["(data engineer) OR (ml engineer) OR (data scientist)"], reply


async def test_ohne_krypto_leaves_out_what_editing_in_german_leaves_out(handlers) -> None:
    sentence = await say(handlers, "Rust Jobs ohne Krypto")
    await say(handlers, "/alert rust")
    edit = await say(handlers, "keine Krypto Jobs bitte")
    assert _offered(sentence)[0] == "rust -(krypto OR crypto)", sentence
    assert "<code>/edit 1 rust -(krypto OR crypto)</code>" in edit, edit


def test_reading_money_costs_on_a_hostile_text_about_what_it_costs_on_an_ordinary_one() -> None:
    size = 20_000

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    ordinary = fill("I am looking for a good job where people are kind and the coffee is hot. ")
    hostile: list[tuple[Callable[[str], object], str, str]] = [
        (pay_spelled, fill("R$ 1.1.1.1 R$R$ 9,9 k "), ordinary),
        (pay_spelled, fill("5 eur / 5k eur/ 9 €/ "), ordinary),
        (currency_of, fill("R$ 1 A$ 2 MX$3 5k kr "), ordinary),
        (meant, fill("5 eur a 5k per pro ")[:200], ordinary[:200]),
        (lex, fill("a oder 1 000 000 und 75000+ oder "), ordinary),
    ]
    for read, text, base in hostile:
        assert cputime.ratio(lambda: read(text), lambda: read(base)) < 20, read  # noqa: B023
