"""Roles of several words joined by "or", a comma or a slash ("data analyst or BI analyst"):
the either-or is of the roles, in a sentence and in the tips of a typed query. "data (analyst
OR bi) analyst" needed "data" and lost every BI Analyst job; "(data analyst) OR (bi analyst
munich)" sent every data analyst job in the world. Through the real handlers on a real store.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

import pytest

from bot.match import matches
from bot.models import Posting
from bot.store import Stores
from bot.telegram.handlers import Handlers
from tests.alerting import say, world_handlers


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


def job(title: str, location: str = "Munich, Germany") -> Posting:
    return Posting(
        key=f"B:{title}", board="B", external_id=title, title=title, company="Acme Data",
        location=location, url="https://e.com/1", description="SQL and dashboards.",
        content_hash=title,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("data analyst or BI analyst jobs in Munich", '("data analyst" OR "bi analyst") location:munich'),
        (
            "data analyst, BI analyst or analytics engineer in Munich",
            '("data analyst" OR "bi analyst" OR "analytics engineer") location:munich',
        ),
        (
            "data analyst or analytics engineer jobs in Munich or remote in Germany, 60k+",
            '("data analyst" OR "analytics engineer") (location:munich OR (remote:yes '
            "from:germany)) salary:>=60k",
        ),
        ("backend engineer or platform engineer, remote", '("backend engineer" OR "platform engineer") remote:yes'),
        ("senior data analyst or bi analyst", 'senior ("data analyst" OR "bi analyst")'),
        ("Data Analyst / BI Analyst München", '("data analyst" OR "bi analyst") munchen'),
        ("Ich suche Data Analyst oder BI Analyst Jobs in München", '("data analyst" OR "bi analyst") location:munchen'),
    ],
)  # fmt: skip
async def test_a_sentence_s_roles_are_each_one_side_of_the_or(
    handlers, text: str, offered: str
) -> None:
    reply = html.unescape(await say(handlers, text))
    assert f"send <code>/alert {offered}</code>" in reply, reply


async def test_the_role_sentence_s_offer_matches_each_role_and_not_another(handlers) -> None:
    reply = html.unescape(await say(handlers, "data analyst or BI analyst jobs in Munich"))
    query = re.search(r"/alert (.+?)</code>", reply)[1]
    assert matches(query, job("BI Analyst (m/w/d)"))  # "data (analyst OR bi) analyst" lost it
    assert matches(query, job("Senior Data Analyst"))
    assert not matches(query, job("Data Engineer"))
    assert not matches(query, job("BI Analyst", location="Hamburg, Germany"))


@pytest.mark.parametrize(
    ("typed", "grouped"),
    [
        ("data analyst or bi analyst munich", '("data analyst" OR "bi analyst") munich'),
        ("rust developer OR go developer berlin", '("rust developer" OR "go developer") berlin'),
        ("product data analyst OR bi analyst OR analytics engineer", 'product ("data analyst" OR '
         '"bi analyst" OR "analytics engineer")'),
        ("senior rust OR go engineer", None),  # no role on the left: (rust OR go), as before
    ],
)  # fmt: skip
async def test_an_alert_s_or_between_roles_is_offered_as_the_roles(
    handlers, typed: str, grouped: str | None
) -> None:
    reply = html.unescape(await say(handlers, f"/alert {typed}"))
    if grouped is None:
        assert "Grouped as most mean it: <code>(rust OR go)</code>" in reply, reply
    else:
        assert f"Grouped as most mean it: <code>/edit 1 {grouped}</code>" in reply, reply


async def test_roles_and_nothing_else_are_grouped_as_typed(handlers) -> None:
    reply = await say(handlers, "/alert data scientist OR machine learning engineer")
    assert "(data scientist) OR (machine learning engineer)" in reply
    assert "Tip:" not in reply  # each side is one role: nothing to regroup


async def test_roles_listed_with_commas_are_offered_as_any_of_them(handlers) -> None:
    reply = html.unescape(
        await say(handlers, "/alert data analyst, bi analyst, analytics engineer")
    )
    assert (
        'For any one of them: <code>/edit 1 "data analyst" OR "bi analyst" OR "analytics '
        'engineer"</code>' in reply
    ), reply
