"""/follow of names joined by and/und/&: "/follow Zalando and N26" looked for one board called
"Zalando and N26". Boards the bot reads named so are followed each; names no board has get
one /follow each offered (each look-up is a try of the hour's), and the one name in quotes."""

from __future__ import annotations

from bot.http import HostGuard
from tests.test_follow import ANN, BOB, Clock, feed, make, say

RSS = {"content_type": "application/rss+xml"}


async def test_boards_read_joined_by_and_are_followed_each(store, boards) -> None:
    commands, client = make(store, Clock(), HostGuard(allow_private=True))
    try:
        boards.set("/zalando.rss", feed("Data Engineer"), **RSS)
        boards.set("/n26.rss", feed("Backend Engineer"), **RSS)
        for path, company in (("/zalando.rss", "Zalando SE"), ("/n26.rss", "N26")):
            await commands.handle("follow", say(BOB), boards.url(path))
            name = path.strip("/")
            store.db.execute("UPDATE boards SET company = ? WHERE name = ?", (company, name))
        for typed in ("Zalando und N26", "Zalando and N26", "zalando & n26"):
            reply = await commands.handle("follow", say(ANN), typed)
            assert "<b>Zalando SE</b> on an RSS feed" in reply, reply
            assert "<b>N26</b> on an RSS feed" in reply, reply
        assert sorted(f.board.name for f in store.follows.follows(ANN)) == [
            "n26.rss",
            "zalando.rss",
        ]
    finally:
        await client.aclose()


async def test_names_no_board_has_get_a_follow_each_offered(store, boards) -> None:
    commands, client = make(store, Clock(), HostGuard(allow_private=True))
    try:
        reply = await commands.handle("follow", say(ANN), "Zalando und N26")
        assert reply == (
            "No board I read is called “Zalando und N26”. Several companies? <code>/follow "
            "Zalando</code>, <code>/follow N26</code> (all at once: <code>/follow Zalando, N26"
            '</code>). One company of that name: <code>/follow "Zalando und N26"</code>.'
        )
        assert store.follows.follows(ANN) == []
        assert "/follow Zalando all</code>" in await commands.handle(
            "follow", say(ANN), "Zalando and N26 all"
        )
        whole = await commands.handle("follow", say(ANN), '"Zalando und N26"')
        assert "Several companies?" not in whole, "in quotes: one name, looked for"
    finally:
        await client.aclose()


async def test_a_comma_list_ending_in_and_follows_the_last_two_each(store, boards) -> None:
    """ "/follow Stripe, Zalando and N26" looked for a board called "Zalando and N26"."""
    commands, client = make(store, Clock(), HostGuard(allow_private=True))
    try:
        for path, company in (("/stripe.rss", "Stripe"), ("/zalando.rss", "Zalando SE")):
            boards.set(path, feed("Backend Engineer"), **RSS)
            await commands.handle("follow", say(BOB), boards.url(path))
            store.db.execute(
                "UPDATE boards SET company = ? WHERE name = ?", (company, path.strip("/"))
            )
        boards.set("/n26.rss", feed("Data Engineer"), **RSS)
        await commands.handle("follow", say(BOB), boards.url("/n26.rss"))
        store.db.execute("UPDATE boards SET company = 'N26' WHERE name = 'n26.rss'")
        reply = await commands.handle("follow", say(ANN), "Stripe, Zalando and N26")
        for company in ("Stripe", "Zalando SE", "N26"):
            assert f"<b>{company}</b> on an RSS feed" in reply, reply
        assert len(store.follows.follows(ANN)) == 3
    finally:
        await client.aclose()
