"""Pay and what to leave out as people write them, German too ("mind. 60k brutto", "über
60k", "60 k", "keine crypto und gambling", "no sales jobs"): read as the filters meant, not
kept as words every job must have. Through the real handlers on a real store."""

from __future__ import annotations

import html
from datetime import datetime

import pytest

from bot.store import Stores
from bot.telegram.handlers import Handlers
from tests.alerting import say, world_handlers


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("data analyst mind. 60k", "data analyst salary:>=60k"),  # it kept "mind"
        ("data analyst über 60k", "data analyst salary:>=60k"),  # it kept "uber"
        ("data analyst mindestens 60 k brutto", "data analyst salary:>=60k"),  # no tip at all
        ("data analyst 60000€", "data analyst salary:>=EUR60k"),  # no tip at all
        ("data analyst 60k brutto", "data analyst salary:>=60k"),
    ],
)
async def test_pay_as_typed_in_german_is_offered_as_the_salary_filter(
    handlers, typed: str, meant: str
) -> None:
    reply = html.unescape(await say(handlers, f"/alert {typed}"))
    assert f"With filters: <code>/edit 1 {meant}</code>" in reply, reply


async def test_a_sentence_s_german_pay_words_are_no_words_of_the_alert(handlers) -> None:
    reply = html.unescape(await say(handlers, "mind. 60k brutto"))
    assert "send <code>/alert salary:>=60k</code>" in reply, reply  # was "mind … brutto"


@pytest.mark.parametrize(
    ("text", "edit"),
    [
        ("keine crypto und gambling", "-(crypto OR gambling)"),  # was /alert -crypto und gambling
        ("keine Krypto oder Glücksspiel Firmen bitte", "-(krypto OR crypto OR glucksspiel)"),
        ("keine werkstudenten jobs", "-(werkstudent OR werkstudenten)"),  # both forms
        ("keine praktika", "-(praktikum OR praktika)"),
        ("no internships pls", "-type:internship"),  # was the generic reply
        ("ich will keine sales jobs", "-title:sales"),  # was /alert will -sales
        ("no sales jobs", "-title:sales"),  # -sales left out "Analyse von Sales-Daten"
        ("keine jobs in Berlin", "-location:berlin"),
    ],
)
async def test_what_to_leave_out_is_offered_as_each_alert_s_edit(
    handlers, text: str, edit: str
) -> None:
    await say(handlers, "/alert data analyst")
    reply = html.unescape(await say(handlers, text))
    assert f"<code>/edit 1 data analyst {edit}</code>" in reply, reply


async def test_talk_after_keine_is_nothing_to_leave_out(handlers) -> None:
    await say(handlers, "/alert data analyst")
    assert "/edit 1" not in await say(handlers, "keine Ahnung")  # "no idea"


@pytest.mark.parametrize(
    "typed", ["data analyst münchen", "data analyst oder bi", "rust mindestens"]
)
async def test_a_place_or_a_word_of_talk_is_not_offered_as_a_company_to_follow(
    handlers, typed: str
) -> None:
    """ "If Munchen is a company, /follow Munchen" came under every Munich alert."""
    reply = await say(handlers, f"/alert {typed}")
    assert "/follow" not in reply, reply


async def test_a_name_no_job_has_is_still_offered_as_a_company(handlers) -> None:
    assert "<code>/follow Monzo</code>" in await say(handlers, "/alert monzo")


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("rust jobs 2025 over 90k €", "rust 2025 salary:>=EUR90k"),
        ("python jobs in 2026, 80k€", "python 2026 salary:>=EUR80k"),
    ],
)
async def test_a_year_beside_a_currency_is_no_pay(handlers, text: str, meant: str) -> None:
    """A number written in full is pay when a currency is said ("60000€"), but a year is not
    (it was salary:>=EUR2025)."""
    reply = html.unescape(await say(handlers, text))
    assert f"send <code>/alert {meant}</code>" in reply, reply
