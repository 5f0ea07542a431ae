"""/mute of what is no company: a kind of job is left out by the alerts' /edit, the bot's
messages as a whole are paused; /mute used to mute a "company" of that name and say "no more
jobs from them", which was not so. And /unmute of part of a name muted."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.store import Stores
from bot.telegram.handlers import Handlers
from tests.alerting import USER, say, world_handlers


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


@pytest.mark.parametrize(
    ("typed", "said", "edit"),
    [
        ("/mute crypto", "“crypto” is no company but a kind of job", "(rust OR go) -crypto"),
        ("/mute Crypto jobs", "“crypto” is no company", "(rust OR go) -crypto"),
        (  # and an agency's post, which names none: "Our client, a leading bank…"
            "/mute agencies",
            "“agencies” is no company",
            "(rust OR go) -(agency OR agencies OR &quot;our client&quot; OR &quot;my client&quot; "
            "OR &quot;recruitment agency&quot;)",
        ),
        (
            "/mute blockchain, web3",
            "“blockchain” and “web3” are no companies but kinds of job",
            "(rust OR go) -(blockchain OR web3)",
        ),
    ],
)
async def test_a_kind_of_job_muted_is_left_out_by_the_alerts_instead(
    handlers, store, typed: str, said: str, edit: str
) -> None:
    await say(handlers, "/alert rust OR go")
    reply = await say(handlers, typed)
    assert reply.startswith(said), reply
    assert f"<code>/edit 1 {edit}</code>" in reply
    assert "/mute &quot;" in reply or '/mute "' in reply, "how to mute a company so named"
    assert "/mute &lt;company&gt;" not in reply, "said once"
    assert store.choices.muted_companies(USER) == [], "nothing muted"


async def test_a_kind_of_job_in_quotes_or_a_company_is_muted(handlers, store) -> None:
    assert (await say(handlers, '/mute "crypto"')).startswith("🔇 Muted <b>crypto</b>")
    assert (await say(handlers, "/mute Initech")).startswith("🔇 Muted <b>Initech</b>")
    assert store.choices.muted_companies(USER) == ["crypto", "Initech"]


@pytest.mark.parametrize(
    ("typed", "pause"),
    [
        ("/mute notifications until tomorrow", "<code>/pause until tomorrow</code>"),
        ("/mute the bot for 2 hours", "<code>/pause for 2 hours</code>"),
        ("/mute all", "<code>/pause</code>"),
    ],
)
async def test_muting_the_bot_is_pausing_it(handlers, store, typed: str, pause: str) -> None:
    reply = await say(handlers, typed)
    assert "To stop all my messages for a while: " + pause in reply, reply
    assert store.choices.muted_companies(USER) == []


async def test_an_unmute_of_part_of_a_name_offers_the_name_muted(handlers, store) -> None:
    """ "/unmute acme" after muting "Acme Recruiting" said only "You haven't muted “acme”"."""
    await say(handlers, '/mute "Acme Recruiting"')
    assert await say(handlers, "/unmute acme") == (
        "You haven't muted “acme”. Did you mean <code>/unmute Acme Recruiting</code>?"
    )
    assert "/muted lists" in await say(handlers, "/unmute zeta")
    assert store.choices.muted_companies(USER) == ["Acme Recruiting"]
