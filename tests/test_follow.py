"""/follow, /following, /unfollow on a real store, poller and loopback boards; the routing of
'all' follows, and the notices about failing followed boards."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime, timedelta

import pytest

from bot.broadcast import Broadcaster
from bot.config import FollowConfig, PollingConfig
from bot.config_boards import BoardConfig
from bot.follow import FailureWatch, WatchStores, Window
from bot.http import Fetcher, HostGuard, build_client
from bot.lookup import PLACES, Looked, Place
from bot.match import matches
from bot.models import Posting
from bot.policy import DeliverySettings
from bot.poller import Poller
from bot.scheduler import BoardScheduler
from bot.store import Stores
from bot.storing import PollStores
from bot.telegram.args import with_scheme
from bot.telegram.follow import FollowCommands
from bot.telegram.followed import looked_up
from bot.telegram.ptb import TelegramTransport
from bot.transport import Incoming
from tests.fake_telegram import FakeTelegram
from tests.test_delivery import TOKEN
from tests.test_holding import make_broadcaster, make_sender

ANN, BOB = 11, 22
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def feed(*titles: str) -> str:
    items = "".join(
        f"<item><title>Acme: {t}</title><link>https://acme.example/jobs/{i}</link>"
        f"<guid>acme-{i}</guid><description>About {t}</description></item>"
        for i, t in enumerate(titles)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Acme jobs</title>{items}</channel></rss>'


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


# Where a company's name is looked for (`bot.lookup`): nowhere a test reaches by default (a
# closed loopback port: the real platforms are on the internet).
NOWHERE = (
    Place("greenhouse", "Greenhouse", "https://gh.test/{slug}", "http://127.0.0.1:9/{slug}"),
)


def make(
    store: Stores, clock: Clock, guard: HostGuard, places: tuple[Place, ...] = NOWHERE,
    **limits: object,
):  # fmt: skip
    client = build_client(timeout=2.0, guard=guard)
    poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig(), clock=clock)
    scheduler = BoardScheduler(poller)
    config = FollowConfig(**limits)  # type: ignore[arg-type]
    commands = FollowCommands(
        store.db, poller, scheduler, config, 900.0, guard, clock, places=places
    )
    return commands, client


@pytest.fixture
async def follows(store: Stores, clock: Clock):
    commands, client = make(store, clock, HostGuard(allow_private=True))
    yield commands
    await client.aclose()


def say(who: int) -> Incoming:
    return Incoming(chat_id=who, text="", user_id=who)


async def test_follow_baselines_answers_with_matches_and_shares_the_board(
    follows, store, boards, clock
) -> None:
    boards.set("/acme.rss", feed("Senior Rust Engineer", "Go Developer", "Office Manager"),
               content_type="application/rss+xml")  # fmt: skip
    url = boards.url("/acme.rss")
    store.users.subscribe(ANN, T0, None, None)
    store.alerts.add_alert(ANN, "rust OR go", T0)

    reply = await follows.handle("follow", say(ANN), url)
    assert reply.startswith("<b>acme.rss</b> on an RSS feed: 3 open jobs, 2 match your alerts.")
    assert '<a href="https://acme.example/jobs/0">Senior Rust Engineer</a>' in reply
    assert "Office Manager" not in reply
    board = store.boards.board("acme.rss")
    assert board.origin == "follow" and board.baseline_at and board.enabled
    assert follows.scheduler.scheduler.get_job("board:acme.rss") is not None
    assert store.outbox.delivery_counts() == {}, "the first poll is a baseline: nothing pushed"

    fetched = len(boards.requests)
    again = await follows.handle("follow", say(BOB), url)  # Bob has no alerts: none match
    assert again.startswith("<b>acme.rss</b> on an RSS feed: 3 open jobs, none matches your alerts")
    assert len(store.boards.all()) == 1, "one shared board, one poll"
    assert len(boards.requests) == fetched, "answered from what is stored: no second baseline"
    listing = await follows.handle("following", say(BOB), "")
    assert "1. <b>acme.rss</b> on an RSS feed ✅" in listing and "3 open jobs" in listing
    only = "add <code>board:&quot;acme rss&quot;</code> to its query (/edit)"
    assert only in listing, "an alert matches every board: how to keep to these"
    keys = [k for (k,) in store.db.execute("SELECT key FROM postings WHERE board = 'acme.rss'")]
    found = [
        p.title for k in keys if matches('rust board:"acme rss"', p := store.listings.posting(k))
    ]
    assert found == ["Senior Rust Engineer"]


async def test_unfollow_retires_a_board_nobody_follows(follows, store, boards) -> None:
    boards.set("/acme.rss", feed("Rust Engineer"), content_type="application/rss+xml")
    url = boards.url("/acme.rss")
    await follows.handle("follow", say(ANN), url)
    await follows.handle("follow", say(BOB), f"{url} all")
    assert "every new job" in await follows.handle("following", say(BOB), "")

    assert "Stopped following <b>acme.rss</b>" in await follows.handle("unfollow", say(ANN), "1")
    assert store.boards.board("acme.rss").enabled, "Bob still follows it"
    assert "You follow no company yet" in await follows.handle("unfollow", say(ANN), "1")
    assert (
        await follows.handle("unfollow", say(BOB), "")
    ) == "Which one? Send <code>/unfollow 1</code>, its number: 1. acme.rss."
    assert "don't follow “9”" in await follows.handle("unfollow", say(BOB), "9")
    assert "Stopped following" in await follows.handle("unfollow", say(BOB), "acme.rss")
    assert not store.boards.board("acme.rss").enabled
    assert follows.scheduler.scheduler.get_job("board:acme.rss") is None
    assert "no company yet" in await follows.handle("following", say(BOB), "")

    # Followed again: the same row comes back, polled again.
    reply = await follows.handle("follow", say(ANN), url)
    assert "1 open job" in reply and store.boards.board("acme.rss").enabled
    assert [b.name for b in store.boards.all()] == ["acme.rss"]


async def test_quota_cap_and_rate_limit(store, boards, clock) -> None:
    commands, client = make(
        store, clock, HostGuard(allow_private=True), max_per_user=1, max_boards=2, per_hour=3
    )
    for path in ("/a.rss", "/b.rss", "/c.rss"):
        boards.set(path, feed("Rust Engineer"), content_type="application/rss+xml")
    try:
        assert "1 open job" in await commands.handle("follow", say(ANN), boards.url("/a.rss"))
        quota = await commands.handle("follow", say(ANN), boards.url("/b.rss"))
        assert "You follow 1 companies, the most I allow" in quota
        assert not store.boards.board("b.rss").enabled, "refused: the new board is not kept polling"
        # following the same board again only changes 'all' (no quota used)
        assert "every new job" in await commands.handle(
            "follow", say(ANN), boards.url("/a.rss") + " all"
        )
        limited = await commands.handle("follow", say(ANN), boards.url("/a.rss"))
        assert limited.startswith("That's a lot of /follow at once. Try again in")
        clock.now += timedelta(hours=1)
        assert "1 open job" in await commands.handle("follow", say(BOB), boards.url("/b.rss"))
        capped = await commands.handle("follow", say(22 + 1), boards.url("/c.rss"))
        assert "follows as many boards as its operator allows" in capped
        shared = await commands.handle("follow", say(22 + 1), boards.url("/a.rss"))
        assert "1 open job" in shared, "an existing board is not counted against the cap"
    finally:
        await client.aclose()


async def test_several_urls_in_one_follow_each_get_a_line(store, boards, clock) -> None:
    commands, client = make(store, clock, HostGuard(allow_private=True), per_hour=3)
    rss = {"content_type": "application/rss+xml"}
    boards.set("/a.rss", feed("Senior Rust Engineer", "Office Manager"), **rss)
    boards.set("/b.rss", feed("Go Developer"), **rss)
    boards.set("/c.rss", feed("Rust Developer"), **rss)
    boards.set("/gone.rss", "nothing here", status=404)
    store.users.subscribe(ANN, T0, None, None)
    store.alerts.add_alert(ANN, "rust", T0)
    a, b, c, gone = (boards.url(f"/{n}.rss") for n in ("a", "b", "c", "gone"))
    try:
        # A list as pasted from notes: commas, lines, the same address twice, 'all' at the end.
        reply = await commands.handle("follow", say(ANN), f"{a},\n{gone}; {b} {a} {c} all")
        lines = reply.split("\n")
        assert lines[0] == "Following 2 of 4 companies:"
        assert lines[1] == (
            "✅ <b>a.rss</b> on an RSS feed: 2 open jobs, 1 matches your alerts: "
            "<code>/search board:a.rss</code>"
        )
        assert lines[2].startswith(f"❌ {gone}: I "), reply
        assert (
            lines[3] == "✅ <b>b.rss</b> on an RSS feed: 1 open job, none matches your alerts yet"
        )
        assert lines[4] == (
            "That's a lot of /follow at once. Try again in 1h. For the rest: "
            f"<code>/follow {c} all</code>"
        ), "three tries an hour: the fourth address is left, ready to send again"
        assert lines[5:] == ["From now on every new job of them reaches you."]
        follows = store.follows.follows(ANN)
        assert sorted((f.board.name, f.all_jobs) for f in follows) == [
            ("a.rss", True),
            ("b.rss", True),
        ]
        assert not any(path == "/c.rss" for path, *_ in boards.requests), "never fetched"
        odd = await commands.handle("follow", say(ANN), f"{a} {b} please")
        assert odd.startswith("I don't understand “please” after the URL.")
        worded = await commands.handle("follow", say(ANN), f"this company please {a}")
        assert "already" in worded or "follow" in worded.lower(), worded
        assert "I don't understand" not in worded, "words before the one link: the link"
    finally:
        await client.aclose()


async def test_a_board_this_bot_reads_is_followed_by_its_name(follows, store, boards) -> None:
    """/follow acme.rss all: a board already read is followed by its name (or its company's,
    without case or legal form), with nothing fetched; a name two boards share asks which."""
    rss = {"content_type": "application/rss+xml"}
    boards.set("/acme.rss", feed("Senior Rust Engineer", "Go Developer"), **rss)
    boards.set("/beta.rss", feed("Rust Developer"), **rss)
    await follows.handle("follow", say(BOB), boards.url("/acme.rss"))
    await follows.handle("follow", say(BOB), boards.url("/beta.rss"))
    fetched = len(boards.requests)

    reply = await follows.handle("follow", say(ANN), "ACME.rss all")
    assert reply.startswith("<b>acme.rss</b> on an RSS feed: 2 open jobs"), reply
    assert "From now on every new job of it reaches you." in reply
    assert [(f.board.name, f.all_jobs) for f in store.follows.follows(ANN)] == [("acme.rss", True)]
    assert len(boards.requests) == fetched, "nothing fetched: the board is read already"

    store.db.execute("UPDATE boards SET company = 'Acme Pay GmbH' WHERE name = 'beta.rss'")
    store.db.execute("UPDATE boards SET company = 'Acme Pay' WHERE name = 'acme.rss'")
    which = await follows.handle("follow", say(ANN), "acme pay")
    assert which.startswith("Several boards I read are called that; which one?\n<code>/follow ")
    assert which.count("<code>/follow ") == 2
    unknown = await follows.handle("follow", say(ANN), "Gamma Robotics")
    assert unknown.startswith(
        "No board I read is called “Gamma Robotics”, and I couldn't reach Greenhouse to look for"
        " one: try again later."  # NOWHERE: a closed port
    ), unknown


async def test_several_names_get_a_reply_each_in_the_order_named(store, boards, clock) -> None:
    """/follow Acme Robotics, Acme Pay, Gamma all (names pasted from notes): the board read
    is followed, the name found on a platform offered, the one found nowhere said so, one
    after the other, then one /follow of the boards found; past ten names, the /follow of
    the rest comes back."""
    rss = {"content_type": "application/rss+xml"}
    boards.set("/acme.rss", feed("Senior Rust Engineer"), **rss)
    places = (Place("greenhouse", "Greenhouse", "https://boards.greenhouse.io/{slug}",
                    boards.url("/v1/boards/{slug}/jobs")),)  # fmt: skip
    boards.set_json("/v1/boards/acmepay/jobs", {"jobs": [gh(1, "Go Developer")]})
    commands, client = make(store, clock, HostGuard(allow_private=True), places, per_hour=30)
    try:
        await commands.handle("follow", say(BOB), boards.url("/acme.rss"))
        store.db.execute("UPDATE boards SET company = 'Acme Robotics' WHERE name = 'acme.rss'")
        boards.set_json("/v1/boards/beta/jobs", {"jobs": [gh(2, "Rust Developer", "Beta")]})
        typed = "Acme Robotics, Acme Pay;\nGamma, Beta all"
        parts = (await commands.handle("follow", say(ANN), typed)).split("\n\n")
        assert len(parts) == 5, parts
        assert parts[0].startswith("<b>Acme Robotics</b> on an RSS feed: 1 open job"), parts[0]
        assert parts[1].startswith("No board I read is called “Acme Pay”. Under that name I found:")
        assert "<code>/follow https://boards.greenhouse.io/acmepay all</code>" in parts[1]
        assert parts[2].startswith("No board I read is called “Gamma”, and Greenhouse has none")
        assert parts[3].startswith("No board I read is called “Beta”. Under that name I found:")
        assert parts[4] == (
            "To follow the 2 boards found at once: <code>/follow https://boards.greenhouse.io/"
            "acmepay https://boards.greenhouse.io/beta all</code>"
        )
        assert [(f.board.name, f.all_jobs) for f in store.follows.follows(ANN)] == [
            ("acme.rss", True)
        ], "the name found on a platform is offered, not followed"
        many = ", ".join(f"Name{n}" for n in range(12))
        last = (await commands.handle("follow", say(ANN), many)).split("\n\n")
        assert len(last) == 11 and last[9].startswith("No board I read is called “Name9”")
        assert last[10] == "I take 10 at a time. For the rest: <code>/follow Name10, Name11</code>"
        boards.set("/beta.rss", feed("Go Developer"), **rss)  # a second board of that company
        await commands.handle("follow", say(BOB), boards.url("/beta.rss"))
        store.db.execute("UPDATE boards SET company = 'Acme Robotics' WHERE name = 'beta.rss'")
        two = (await commands.handle("follow", say(ANN), "Acme Robotics, Gamma")).split("\n\n")
        assert two[0].startswith(  # a reply that does not say the name it answers is led by it
            "<b>Acme Robotics</b>: Several boards I read are called that; which one?"
        ), two[0]
    finally:
        await client.aclose()


def gh(i: int, title: str, company: str = "Acme Pay") -> dict:
    return {"id": i, "title": title, "absolute_url": f"https://boards.greenhouse.io/acmepay/jobs/{i}",
            "company_name": company, "location": {"name": "Berlin"}, "content": "&lt;p&gt;x&lt;/p&gt;"}  # fmt: skip


async def test_a_name_no_board_has_is_looked_for_where_its_name_makes_one(
    store, boards, clock
) -> None:
    """/follow Acme Pay: no board the bot reads is called that, so the Greenhouse and Lever
    boards its name makes are read once each (acmepay, acme-pay); the one with open jobs is
    offered with its /follow, not followed; none found says where it looked."""
    places = (
        Place("greenhouse", "Greenhouse", "https://boards.greenhouse.io/{slug}",
              boards.url("/v1/boards/{slug}/jobs")),
        Place("lever", "Lever", "https://jobs.lever.co/{slug}", boards.url("/v0/postings/{slug}")),
        Place("workable", "Workable", "https://apply.workable.com/{slug}",
              boards.url("/api/v1/widget/accounts/{slug}")),
    )  # fmt: skip
    jobs = [gh(1, "Senior Rust Engineer"), gh(2, "Go Developer"), gh(3, "Designer"), gh(4, "SRE")]
    boards.set_json("/v1/boards/acmepay/jobs", {"jobs": jobs})
    boards.set_json("/v0/postings/acme-pay", [])  # a board with no open job: not offered
    widget = {"name": "Acme Payments Ltd", "jobs": [{"shortcode": "A1", "title": "Scala Engineer",
              "url": "https://apply.workable.com/j/A1", "country": "Germany", "city": "Berlin"}]}  # fmt: skip
    boards.set_json("/api/v1/widget/accounts/acme-pay", widget)  # another company, maybe
    commands, client = make(store, clock, HostGuard(allow_private=True), places)
    try:
        reply = await commands.handle("follow", say(ANN), "Acme Pay, Inc. all")
        assert reply.split("\n") == [
            "No board I read is called “Acme Pay, Inc.”. Under that name I found:",
            "• <b>Acme Pay</b> on Greenhouse: 4 open jobs (“Senior Rust Engineer”, “Go "
            "Developer”, “Designer”, …)",
            "  <code>/follow https://boards.greenhouse.io/acmepay all</code>",
            "• <b>Acme Payments Ltd</b> on Workable: 1 open job (“Scala Engineer”)",
            "  <code>/follow https://apply.workable.com/acme-pay all</code>",
            "Another company may have the same name: if one is yours, send its /follow.",
        ]
        asked = sorted(path.split("?")[0] for path, _ in boards.requests)
        assert asked == ["/api/v1/widget/accounts/acme-pay", "/api/v1/widget/accounts/acmepay",
                         "/v0/postings/acme-pay", "/v0/postings/acmepay",
                         "/v1/boards/acme-pay/jobs", "/v1/boards/acmepay/jobs"]  # fmt: skip
        assert store.boards.all() == [] and store.follows.follows(ANN) == [], "offered only"
        none = await commands.handle("follow", say(ANN), "Gamma")
        assert none.startswith("No board I read is called “Gamma”, and Greenhouse, Lever and "
                               "Workable have none under that name."), none  # fmt: skip
    finally:
        await client.aclose()


def sr(i: int, title: str) -> dict:
    return {"id": str(i), "name": title, "company": {"identifier": "AcmePay", "name": "AcmePay"},
            "location": {"city": "Berlin", "country": "de"}}  # fmt: skip


async def test_a_look_reads_lists_only_and_a_host_that_does_not_exist_is_no_board(
    store, boards, clock
) -> None:
    """A look reads each platform's list and no posting's detail (SmartRecruiters asks one per
    posting, BambooHR too): 3 requests, not 6. An empty list is a board with no open job where
    the platform answers an unknown name with an error (BambooHR), not where it answers with
    an empty list (SmartRecruiters). A platform whose boards are hosts of their own
    (acmepay.breezy.hr) has no board where DNS says the host does not exist: that is "none",
    not "could not reach"; a resolver that cannot answer, a 429, or DNS that says a
    platform's own API host does not exist either (no network), is "could not reach"."""
    listed = "/v1/companies/acmepay/postings?limit=100&offset=0"
    boards.set_json(listed, {"offset": 0, "limit": 100, "totalFound": 2,
                    "content": [sr(1, "Rust Engineer"), sr(2, "Scala Engineer")]})  # fmt: skip
    row = {"id": "7", "jobOpeningName": "Go Developer ", "location": {"city": "Berlin"}}
    boards.set_json("/careers/list", {"meta": {"totalCount": 1}, "result": [row]})
    places = (
        Place("smartrecruiters", "SmartRecruiters", "https://jobs.smartrecruiters.com/{slug}",
              boards.url("/v1/companies/{slug}/postings")),
        Place("bamboohr", "BambooHR", "https://{slug}.bamboohr.com/careers",
              boards.url("/careers/list"), empty_is_board=True),
        Place("breezy", "Breezy", "https://{slug}.breezy.hr", "http://{slug}.breezy.test/json"),
        Place("gem", "Gem", "https://jobs.gem.com/{slug}", "http://api.gem.test/v0/{slug}/job_posts/"),
    )  # fmt: skip
    failing = {"acmepay.breezy.test": socket.EAI_NONAME}

    async def resolve(host: str, port: int) -> list[str]:
        if host not in failing:
            return ["127.0.0.1"]  # not a trusted origin: refused, as no board
        raise socket.gaierror(failing[host], "DNS says no")

    guard = HostGuard([boards.url("/")], resolve=resolve)  # the loopback boards trusted
    commands, client = make(store, clock, guard, places, per_hour=10)
    try:
        reply = await commands.handle("follow", say(ANN), "AcmePay")
        assert reply.split("\n") == [
            "No board I read is called “AcmePay”. Under that name I found:",
            "• <b>AcmePay</b> on SmartRecruiters: 2 open jobs (“Rust Engineer”, “Scala Engineer”)",
            "  <code>/follow https://jobs.smartrecruiters.com/acmepay</code>",
            "• <b>acmepay</b> on BambooHR: 1 open job (“Go Developer”)",
            "  <code>/follow https://acmepay.bamboohr.com/careers</code>",
            "Another company may have the same name: if one is yours, send its /follow.",
        ]
        asked = sorted(path.split("?")[0] for path, _ in boards.requests)
        assert asked == ["/careers/list", "/v1/companies/acmepay/postings"], "no detail read"
        boards.set_json(listed, {"totalFound": 0, "content": []})  # (so says an unknown name)
        boards.set_json("/careers/list", {"meta": {"totalCount": 0}, "result": []})
        empty = await commands.handle("follow", say(ANN), "AcmePay")
        assert empty.split("\n")[1:3] == [  # BambooHR says an unknown name is none: a board
            "• A board on BambooHR: no open job now (follow it to hear of its next one)",
            "  <code>/follow https://acmepay.bamboohr.com/careers</code>",
        ], empty
        boards.set("/careers/list", "", status=404)
        none = await commands.handle("follow", say(ANN), "AcmePay")
        assert none.startswith("No board I read is called “AcmePay”, and SmartRecruiters, "
                               "BambooHR, Breezy and Gem have none under that name."), none  # fmt: skip
        failing["acmepay.breezy.test"] = socket.EAI_AGAIN  # the resolver could not answer
        boards.set(listed, "slow down", status=429)  # "not now", not "no board"
        later = await commands.handle("follow", say(ANN), "AcmePay")
        assert later.startswith("No board I read is called “AcmePay”, and I couldn't reach "
                                "SmartRecruiters or Breezy to look for one: try again later."), later  # fmt: skip
        boards.set_json(listed, {"totalFound": 0, "content": []})
        failing.update(
            {"acmepay.breezy.test": socket.EAI_NONAME, "api.gem.test": socket.EAI_NONAME}
        )
        offline = await commands.handle("follow", say(ANN), "AcmePay")  # DNS lies of all hosts
        assert offline.startswith("No board I read is called “AcmePay”, and I couldn't reach "
                                  "Breezy or Gem to look for one"), offline  # fmt: skip
    finally:
        await client.aclose()


def test_a_look_that_finds_nothing_names_the_platforms_or_says_the_network_may_be_down() -> None:
    where = [p.title for p in PLACES]
    down = looked_up("Gamma", Looked([], where), where, False, {})
    assert down.startswith(
        "No board I read is called “Gamma”, and I couldn't reach any of the 14 job platforms I "
        "look on: my network may be down. Try again later. Send the company's careers page"
    ), down
    reply = looked_up("Gamma", Looked([], []), where, False, {})
    assert reply.startswith(
        "No board I read is called “Gamma”, and none of the 14 job platforms I know has one "
        "under that name (Greenhouse, Lever, Ashby, Workable, SmartRecruiters, Recruitee, "
        "Personio, Teamtailor, BambooHR, Breezy, Pinpoint, Gem, Rippling and JOIN). Send "
    ), reply


async def test_a_company_whose_jobs_come_through_an_aggregator_is_told_so(store, clock) -> None:
    """/follow Vellum Pay all, whose jobs the bot reads on an aggregator (a Getro board of
    many companies) but no board of its own: the look finds nothing, and the reply says its
    jobs reach alerts already, with the alert that gets every new one."""
    board = BoardConfig(
        "Fintech Jobs", "https://jobs.fintech.test", "getro", "https://x.test", 900.0
    )
    store.boards.sync_boards([board], T0)
    jobs = [Posting(f"fj:{i}", "Fintech Jobs", str(i), title, company, "Berlin",
                    f"https://jobs.fintech.test/{i}", "Build payments.", content_hash=str(i))
            for i, (title, company) in enumerate([("Rust Engineer", "Vellum Pay, Inc."),
                                                  ("Go Engineer", "Vellum Pay"),
                                                  ("Designer", "Vellum Payments Group")])]  # fmt: skip
    store.postings.record("Fintech Jobs", jobs, T0)
    commands, client = make(store, clock, HostGuard(allow_private=True))
    try:
        reply = await commands.handle("follow", say(ANN), "Vellum Pay all")
        assert reply.endswith(
            "\nIts jobs reach me already through Fintech Jobs (2 open jobs), and so your "
            "alerts: <code>/alert company:&quot;vellum pay&quot;</code> sends you every new one."
        ), reply
        plain = await commands.handle("follow", say(ANN), "vellum pay")
        assert plain.endswith("<code>/search company:&quot;vellum pay&quot;</code> lists them.")
        other = await commands.handle("follow", say(ANN), "Gamma")
        assert "reach me already" not in other
    finally:
        await client.aclose()


def lv(i: int, title: str, account: str) -> dict:
    return {"id": f"id-{i}", "text": title, "hostedUrl": f"https://jobs.lever.co/{account}/{i}",
            "categories": {"location": "Berlin"}, "descriptionPlain": "x"}  # fmt: skip


async def test_lever_keys_are_looked_for_as_the_name_spells_them_too(store, boards, clock) -> None:
    """Lever's board keys tell case (jobs.lever.co/Mamo is not /mamo): a look tries the
    name's own spelling too, and a board that answers under both keys is offered once."""
    places = (Place("lever", "Lever", "https://jobs.lever.co/{slug}",
                    boards.url("/v0/postings/{slug}"), cased=True),)  # fmt: skip
    page = "?skip=0&limit=100"
    boards.set_json(f"/v0/postings/Mamo{page}", [lv(1, "Rust Engineer", "Mamo")])
    boards.set_json(f"/v0/postings/n26{page}", [lv(2, "Go Engineer", "n26")])
    boards.set_json(f"/v0/postings/N26{page}", [lv(2, "Go Engineer", "n26")])  # the same board
    commands, client = make(store, clock, HostGuard(allow_private=True), places, per_hour=10)
    try:
        mamo = await commands.handle("follow", say(ANN), "Mamo")
        assert "<code>/follow https://jobs.lever.co/Mamo</code>" in mamo, mamo
        n26 = await commands.handle("follow", say(ANN), "N26")
        assert n26.count("<code>/follow ") == 1 and "jobs.lever.co/n26</code>" in n26, n26
    finally:
        await client.aclose()


async def test_a_follow_of_more_than_ten_urls_reads_ten(store, boards, clock) -> None:
    commands, client = make(store, clock, HostGuard(allow_private=True), per_hour=50)
    urls = []
    for n in range(12):
        boards.set(f"/{n}.rss", feed(f"Engineer {n}"), content_type="application/rss+xml")
        urls.append(boards.url(f"/{n}.rss"))
    try:
        reply = await commands.handle("follow", say(ANN), " ".join(urls))
        lines = reply.split("\n")
        assert lines[0] == "Following 10 of 12 companies:"
        assert all(line.startswith("✅ ") for line in lines[1:11])
        assert (
            lines[11]
            == f"I take 10 at a time. For the rest: <code>/follow {urls[10]} {urls[11]}</code>"
        )
        assert lines[12].startswith("From now on their new jobs that match your alerts reach you.")
        assert len(store.follows.follows(ANN)) == 10
    finally:
        await client.aclose()


async def test_bad_urls_and_private_hosts_get_clear_answers(store, boards, clock) -> None:
    commands, client = make(store, clock, HostGuard())  # the real guard: loopback is private
    try:
        boards.set("/acme.rss", feed("Rust Engineer"), content_type="application/rss+xml")
        private = await commands.handle("follow", say(ANN), boards.url("/acme.rss"))
        assert private.startswith("I can't follow that:") and "private or local address" in private
        assert boards.requests == [], "the guard refuses before anything is fetched"
        assert "must start with http" in await commands.handle("follow", say(ANN), "ftp://x.org")
        assert "Send <code>/follow" in await commands.handle("follow", say(ANN), "")
        odd = await commands.handle("follow", say(ANN), "https://x.org please")
        assert odd.startswith("I don't understand “please”")
        assert store.boards.all() == [] and store.follows.follows(ANN) == []
    finally:
        await client.aclose()


async def test_a_host_that_does_not_resolve_gets_a_plain_answer(store, clock) -> None:
    asked: list[tuple[str, int]] = []

    async def nowhere(host: str, port: int) -> list[str]:
        asked.append((host, port))
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    commands, client = make(store, clock, HostGuard(resolve=nowhere))
    try:
        for written in ("https://jobs.nowhere.test/acme", "jobs.nowhere.test/acme all"):
            reply = await commands.handle("follow", say(ANN), written)
            assert reply == (
                "I can't follow that: cannot resolve jobs.nowhere.test (name or service not "
                "known). Check the address; if it is right, the site may be down: try again later."
            )
        assert asked == [("jobs.nowhere.test", 443)] * 2, "without a scheme, as https://"
        name = await commands.handle("follow", say(ANN), "acme")
        assert name == (  # (the guard refuses NOWHERE's loopback address: no board there)
            "No board I read is called “acme”, and Greenhouse has none under that name. Send "
            "the company's careers page (its web address): I find the board it uses."
        )
        odd = await commands.handle("follow", say(ANN), "???")
        assert odd.endswith("No board I read has that name."), "no name: nothing looked up"
        assert store.boards.all() == [] and store.follows.follows(ANN) == []
    finally:
        await client.aclose()


async def test_a_login_walled_job_site_is_refused_without_a_request(store, clock) -> None:
    """LinkedIn, Indeed and their kin show jobs only to people logged in: /follow says so and
    points to the company's own board, before any lookup and without using a try."""
    asked: list[tuple[str, int]] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append((host, port))
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    commands, client = make(store, clock, HostGuard(resolve=resolve))
    try:
        for written in (
            "https://www.linkedin.com/company/stripe/jobs",
            "de.indeed.com/jobs?q=rust",
            "https://www.glassdoor.co.uk/Jobs/Acme-Jobs-E1.htm",
            "wellfound.com/company/acme/jobs",
        ):
            reply = await commands.handle("follow", say(ANN), written)
            assert reply.startswith("I can't read "), written
            assert "the company's own careers page or job board: send that" in reply
        assert "I can't read LinkedIn: it shows jobs only to people logged in" in (
            await commands.handle("follow", say(ANN), "linkedin.com/jobs/view/1")
        )
        assert asked == [] and store.boards.all() == []
        assert commands.tries.take(ANN) is None, "no hourly try was used"
    finally:
        await client.aclose()


@pytest.mark.parametrize(
    ("written", "url"),
    [
        ("boards.greenhouse.io/acme", "https://boards.greenhouse.io/acme"),
        ("Stripe.com/jobs?gh_src=x", "https://Stripe.com/jobs?gh_src=x"),
        ("careers.acme.co.uk", "https://careers.acme.co.uk"),
        ("jobs.acme.io:8443/x", "https://jobs.acme.io:8443/x"),
        ("http://acme.io/jobs", "http://acme.io/jobs"),
        ("ftp://acme.io", "ftp://acme.io"),
        ("acme", "acme"),
        ("1.2", "1.2"),
    ],
)
def test_with_scheme_puts_https_before_a_bare_host_only(written: str, url: str) -> None:
    assert with_scheme(written) == url


async def test_a_board_that_cannot_be_read_is_not_followed(follows, store, boards, caplog) -> None:
    boards.set("/down.rss", "upstream down", status=500, content_type="application/rss+xml")
    with caplog.at_level(logging.INFO):
        reply = await follows.handle("follow", say(ANN), boards.url("/down.rss"))
    assert reply.startswith("I can't follow that:") or reply.startswith("I couldn't read")
    assert "500" in reply
    assert store.follows.follows(ANN) == [] and not any(b.enabled for b in store.boards.all())
    logged = [r.getMessage() for r in caplog.records]
    assert not any("retrying" in m for m in logged)  # it is not retried: nobody follows it
    assert any("not followed: its first read failed" in m for m in logged)


async def test_all_followers_get_every_new_posting_once(follows, store, boards, clock) -> None:
    boards.set("/acme.rss", feed("Office Manager"), content_type="application/rss+xml")
    url = boards.url("/acme.rss")
    store.users.subscribe(BOB, T0, None, None)
    rust = store.alerts.add_alert(BOB, "rust", T0)
    await follows.handle("follow", say(ANN), f"{url} all")
    await follows.handle("follow", say(BOB), f"{url} all")

    boards.set("/acme.rss", feed("Office Manager", "Rust Engineer", "Accountant"),
               content_type="application/rss+xml")  # fmt: skip
    clock.now += timedelta(minutes=20)
    outcome = await follows.poller.poll("acme.rss")
    assert outcome.new == 2 and outcome.enqueued == 4
    rows = store.db.execute(
        "SELECT chat_id, p.title, alert_ids FROM deliveries d JOIN postings p ON p.key = d.posting_key "
        "ORDER BY chat_id, p.title"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        (ANN, "Accountant", "[]"),
        (ANN, "Rust Engineer", "[]"),
        (BOB, "Accountant", "[]"),
        (BOB, "Rust Engineer", f"[{rust.id}]"),  # the alert's delivery, which names it
    ]


async def test_followers_hear_once_of_a_board_failing_for_days_and_of_its_recovery(
    follows, store, boards, clock, tg
) -> None:
    """The notices are queued (a restart tells nobody twice) and sent by the broadcaster
    through the fake Bot API; Bob's wait out his quiet hours (09:00-12:00 UTC), and his
    failure notice still waiting when the board is back is taken back: neither is news."""
    boards.set("/acme.rss", feed("Rust Engineer"), content_type="application/rss+xml")
    await follows.handle("follow", say(ANN), boards.url("/acme.rss"))
    await follows.handle("follow", say(BOB), boards.url("/acme.rss"))
    store.users.set_settings(BOB, DeliverySettings("UTC", quiet=(9 * 60, 12 * 60)), T0)
    transport = TelegramTransport(TOKEN, tg.api_url)
    await transport.start(None)
    broadcaster = make_broadcaster(store, transport, make_sender(store, transport, clock), clock)
    woken: list[bool] = []
    watch = FailureWatch(store.view(WatchStores), follows.config, clock, lambda: woken.append(True))

    async def streak(fails: datetime, told: int) -> list[tuple[int, str]]:
        """The board fails from `fails` on for 2 days; what the followers read then."""
        boards.set("/acme.rss", "gone", status=503)
        clock.now = fails
        await follows.poller.poll("acme.rss", force=True)
        assert watch.check() == 0, "failing for a moment: nobody is told"
        clock.now = fails + timedelta(days=2)
        await follows.poller.poll("acme.rss", force=True)
        assert watch.check() == told and woken.pop()
        assert watch.check() == 0, "told once"
        restarted = FailureWatch(store.view(WatchStores), follows.config, clock)
        assert restarted.check() == 0, "a notice queued counts as told"
        return await sent(broadcaster, tg)

    async def back(when: datetime, told: int) -> list[tuple[int, str]]:
        boards.set("/acme.rss", feed("Rust Engineer"), content_type="application/rss+xml")
        clock.now = when
        await follows.poller.poll("acme.rss", force=True)
        assert watch.check() == told and watch.check() == 0
        return await sent(broadcaster, tg)

    failed = await streak(T0 + timedelta(hours=1), 2)  # told at 10:00: Bob's quiet hours
    assert (
        failed == [(ANN, failed[0][1])]
        and "not been able to read acme.rss for over 2d" in failed[0][1]
    )
    assert await back(clock.now + timedelta(minutes=30), 1) == [(ANN, BACK)], "Bob's taken back"
    clock.now += timedelta(hours=2)  # 12:30: Bob's quiet hours are over; nothing waited
    assert await sent(broadcaster, tg) == [] and store.notices.next_notice_at() is None

    assert [c for c, _ in await streak(clock.now, 2)] == [ANN, BOB]  # told at 12:30
    again = T0 + timedelta(days=6, minutes=30)  # 09:30: Bob's quiet hours again
    assert await back(again, 2) == [(ANN, BACK)]
    clock.now = again + timedelta(hours=3)
    assert await sent(broadcaster, tg) == [(BOB, BACK)], "at the end of his quiet hours"
    await transport.stop()


BACK = "✅ acme.rss can be read again; its new jobs reach you as before."


async def sent(broadcaster: Broadcaster, tg: FakeTelegram) -> list[tuple[int, str]]:
    """What the broadcaster sends now (each chat's notices, in order)."""
    before = len(tg.sent)
    while await broadcaster.step() == 0.0:
        pass
    return sorted((m.chat_id, m.text) for m in tg.sent[before:])


def test_window_allows_limit_per_period(clock) -> None:
    window = Window(2, 60.0, clock)
    assert window.take(1) is None and window.take(1) is None
    assert window.take(1) == timedelta(seconds=60)
    assert window.take(2) is None, "per user"
    clock.now += timedelta(seconds=61)
    assert window.take(1) is None


@pytest.mark.timeout(60)
async def test_follow_in_chat_never_blocks_other_users_and_all_jobs_arrive(
    tmp_path, tg, boards
) -> None:
    import asyncio
    import threading

    from bot import config as cfg
    from bot.app import App
    from tests.waiting import until

    config = cfg.from_dict(
        {
            "telegram": {"token": "123:AAFollowTestToken", "api_url": tg.api_url},
            "storage": {"path": str(tmp_path / "jobbot.db")},
            "polling": {"allow_private_hosts": True, "interval": "1s"},
        }
    )
    gate = threading.Event()
    boards.set("/acme.rss", feed("Office Manager"), content_type="application/rss+xml", gate=gate)
    app = App(config)
    stop = asyncio.Event()
    run = asyncio.create_task(app.run(stop))
    try:
        tg.push_text(ANN, f"/follow {boards.url('/acme.rss')} all")
        await until(lambda: boards.active == 1)  # Ann's /follow waits on the slow board
        tg.push_text(BOB, "/help")
        await tg.wait_for_async(lambda sent: any(m.chat_id == BOB for m in sent))
        assert not tg.messages_to(ANN), "Bob was answered while Ann's board was still loading"
        gate.set()
        await tg.wait_for_async(lambda sent: any(m.chat_id == ANN for m in sent))
        assert "on an RSS feed: 1 open job" in tg.messages_to(ANN)[0].text
        assert "/follow" in tg.messages_to(BOB)[0].text, "/help lists the follow commands"

        boards.set("/acme.rss", feed("Office Manager", "Accountant"),
                   content_type="application/rss+xml")  # fmt: skip
        await tg.wait_for_async(lambda sent: any("Accountant" in m.text for m in sent), timeout=15)
        job = next(m for m in tg.messages_to(ANN) if "Accountant" in m.text)
        assert job.text.startswith("<b>Accountant</b>") and "Matched your alert" not in job.text
        assert "🏢 Every new job of acme.rss: you follow it (/following)" in job.text
    finally:
        stop.set()
        await asyncio.wait_for(run, 10)


async def test_stop_forgets_follows_and_retires_their_boards(follows, store, boards) -> None:
    boards.set("/acme.rss", feed("Rust Engineer"), content_type="application/rss+xml")
    await follows.handle("follow", say(ANN), boards.url("/acme.rss"))
    store.users.forget_user(ANN, T0)
    assert store.follows.follows(ANN) == [] and not store.boards.board("acme.rss").enabled


async def test_all_followers_get_new_postings_when_nobody_has_an_alert(
    follows, store, boards, clock
) -> None:
    boards.set("/acme.rss", feed("Office Manager"), content_type="application/rss+xml")
    await follows.handle("follow", say(ANN), boards.url("/acme.rss") + " all")
    boards.set(
        "/acme.rss", feed("Office Manager", "Accountant"), content_type="application/rss+xml"
    )
    clock.now += timedelta(minutes=20)
    outcome = await follows.poller.poll("acme.rss")
    assert outcome.new == 1 and outcome.enqueued == 1, "no alerts anywhere: the follow still routes"


async def test_why_says_a_job_came_for_a_follow_of_every_new_job(follows, store, boards, clock):
    """/why names the follow that brought a job, with the user's alerts or without any."""
    from bot.config import AlertsConfig
    from bot.telegram.handlers import Handlers

    boards.set("/acme.rss", feed("Office Manager"), content_type="application/rss+xml")
    await follows.handle("follow", say(ANN), boards.url("/acme.rss") + " all")
    handlers = Handlers(store.db, AlertsConfig(), clock=clock)
    why = "/why https://acme.example/jobs/0"
    followed = (
        "🏢 You follow <b>acme.rss</b> for every new job: its new jobs reach you, alerts or not "
        "(/following)."
    )
    assert (await handlers(Incoming(ANN, why))).endswith("\n" + followed)
    await handlers(Incoming(ANN, "/alert rust"))
    lines = (await handlers(Incoming(ANN, why))).split("\n")
    assert lines[1].startswith("❌ #1 <b>rust</b>: not matched") and lines[-1] == followed
    await follows.handle("follow", say(ANN), boards.url("/acme.rss"))  # alerts' jobs only now
    assert "🏢" not in await handlers(Incoming(ANN, why))
