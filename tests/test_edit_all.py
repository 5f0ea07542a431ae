"""/edit all <change> (Priya's and Lucas's walks: "no more senior roles" gave one /edit a line per
alert, 5 to 8 lines to copy one by one on a phone): one exclusion or filter added to every
alert, each new query checked as /edit checks one, all saved or none; and the offers of one
change to several alerts give that one line first. Real handlers over a real store."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.config import AlertsConfig
from bot.store import Stores
from bot.telegram.handlers import Handlers
from tests.alerting import USER, say, world_handlers


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    world_handlers(store, now)  # board Acme's jobs
    return Handlers(store.db, AlertsConfig(max_per_user=6, max_length=60), clock=lambda: now)


def queries(store: Stores) -> list[str]:
    return [a.query for a in store.alerts.alerts(USER)]


async def test_an_exclusion_goes_to_every_alert_once(handlers, store) -> None:
    for query in ("rust", "go -title:senior", "senior rust", "javascript"):
        await say(handlers, f"/alert {query}")
    reply = await say(handlers, "/edit all -title:senior")
    assert queries(store) == [
        "rust -title:senior",
        "go -title:senior",  # had it: not twice
        "senior rust",  # asks for it: -title:senior would leave it nothing
        "javascript -title:senior",
    ]
    assert reply.startswith(
        "✏️ Added <code>-title:senior</code> to 2 alerts:\n#1 <b>rust -title:senior</b>"
    )
    assert "#2 has it already: unchanged." in reply
    assert "#3 asks for what it would leave out: unchanged." in reply


async def test_part_of_a_group_it_leaves_out_already_adds_the_rest(handlers, store) -> None:
    await say(handlers, "/alert rust -crypto")
    await say(handlers, "/alert go")
    await say(handlers, "/edit all -(crypto OR web3) -years:>=5")
    assert queries(store) == ["rust -crypto -web3 -years:>=5", "go -(crypto OR web3) -years:>=5"]


async def test_a_filter_goes_to_every_alert(handlers, store) -> None:
    await say(handlers, "/alert go remote:yes")
    await say(handlers, "/alert elixir")
    await say(handlers, "/edit all from:brazil")
    assert queries(store) == ["go remote:yes from:brazil", "elixir from:brazil"]


async def test_one_too_long_changes_none(handlers, store) -> None:
    await say(handlers, "/alert rust")
    long = "(golang OR kotlin OR elixir) (backend OR platform) remote:no"  # 60 characters
    assert (await say(handlers, f"/alert {long}")).startswith("✅ Alert #2 saved")
    reply = await say(handlers, "/edit all -title:senior")
    assert "Nothing changed" in reply and "#2" in reply, reply
    assert queries(store) == ["rust", long], "all or none"


@pytest.mark.parametrize("change", ["rust backend", "(go OR rust) -crypto", ""])
async def test_a_whole_query_is_refused_with_how(handlers, store, change: str) -> None:
    await say(handlers, "/alert go")
    await say(handlers, "/alert rust")
    reply = await say(handlers, f"/edit all {change}")
    assert "<code>/edit all -title:senior</code>" in reply, reply
    assert "<code>/edit 3 rust backend</code>" in reply
    assert queries(store) == ["go", "rust"]


async def test_with_one_alert_all_is_no_word_of_its_query(handlers, store) -> None:
    await say(handlers, "/alert go")
    await say(handlers, "/edit all -crypto")
    assert queries(store) == ["go -crypto"], "not the query “all -crypto”"


async def test_a_broken_change_is_refused(handlers, store) -> None:
    await say(handlers, "/alert go")
    reply = await say(handlers, "/edit all -(crypto OR")
    assert reply.startswith("I can't use that change") and "Nothing changed" in reply
    assert queries(store) == ["go"]


async def test_no_alert_yet(handlers) -> None:
    assert "/alert rust backend" in await say(handlers, "/edit all -crypto")


async def test_three_alerts_get_one_line_to_copy(handlers, store) -> None:
    for query in ("rust", "go", "javascript"):
        await say(handlers, f"/alert {query}")
    reply = await say(handlers, "no more senior roles please")
    assert "<code>/edit all -title:senior</code> — #1, #2, #3 at once" in reply
    assert "/edit 1 " not in reply, "one line, not one per alert"
    sent = reply.split("<code>")[2].split("</code>")[0]  # the /edit all itself works
    await say(handlers, sent.replace("&gt;", ">"))
    assert queries(store) == ["rust -title:senior", "go -title:senior", "javascript -title:senior"]


async def test_two_alerts_get_it_and_their_own(handlers) -> None:
    await say(handlers, "/alert rust")
    await say(handlers, "/alert go")
    reply = await say(handlers, "nothing asking for 5+ years pls")
    lines = reply.splitlines()
    edit_all = next(i for i, line in enumerate(lines) if "/edit all" in line)
    assert "/edit 1 rust -years:&gt;=5" in lines[edit_all + 1], reply
    assert "/edit 2 go -years:&gt;=5" in lines[edit_all + 2]


async def test_alerts_that_differ_are_offered_only_what_they_need(handlers) -> None:
    for query in ("rust", "go -crypto", "javascript", "senior"):
        await say(handlers, f"/alert {query}")
    reply = await say(handlers, "/mute crypto")
    assert "<code>/edit all -crypto</code> — #1, #3, #4 at once" in reply, reply
    assert "/edit 2" not in reply
    assert "Alert #2 leaves out the ones about crypto already" in reply
    none = await say(handlers, "no more senior roles")
    assert "<code>/edit all -title:senior</code> — #1, #2, #3 at once" in none, none


async def test_one_alert_that_needs_it_gets_its_own_line(handlers) -> None:
    await say(handlers, "/alert rust -crypto")
    await say(handlers, "/alert go")
    reply = await say(handlers, "stop sending me crypto jobs")
    assert "/edit all" not in reply and "<code>/edit 2 go -crypto</code>" in reply, reply


async def test_an_or_is_kept_whole(handlers, store) -> None:
    await say(handlers, "/alert rust OR go")
    await say(handlers, "/alert python")
    await say(handlers, "/edit all -crypto")
    assert queries(store) == ["(rust OR go) -crypto", "python -crypto"]
