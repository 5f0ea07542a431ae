"""Any text after any command gets one short, valid reply: never an exception, never too long."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.config import PollingConfig
from bot.errors import QueryError
from bot.http import Fetcher, HostGuard, build_client
from bot.models import Document, OutgoingMessage
from bot.poller import Poller
from bot.query import parse
from bot.scheduler import BoardScheduler
from bot.store import Stores
from bot.storing import PollStores
from bot.syntax import format_node
from bot.telegram.admin import ADMIN_COMMANDS, AdminCommands
from bot.telegram.handlers import COMMANDS, Handlers
from bot.telegram.tips.sentence import as_filters, meant
from bot.transport import Incoming
from tests.fake_telegram import MAX_TEXT_UTF16, parse_html, utf16_len

ADMIN = 5
NAMES = [c.name for c in COMMANDS] + list(ADMIN_COMMANDS)


async def _unresolvable(host: str, port: int) -> list[str]:
    raise OSError("no DNS in tests")


@pytest.fixture
def ask(store: Stores, now: datetime) -> Iterator[Callable[[str], str]]:
    """The handlers with admin commands, on a loop of their own (hypothesis calls are sync)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="test-loop", daemon=True)
    thread.start()

    def run(coro):
        return asyncio.run_coroutine_threadsafe(coro, loop).result(30)

    async def build() -> tuple:
        guard = HostGuard(resolve=_unresolvable)  # every host name fails to resolve
        client = build_client(timeout=2.0, guard=guard)
        poller = Poller(store.view(PollStores), Fetcher(client), PollingConfig())
        admin = AdminCommands(
            store.db, poller, BoardScheduler(poller), lambda: (ADMIN,), 900.0, guard
        )
        return client, Handlers(store.db, clock=lambda: now, admin=admin)

    client, handlers = run(build())

    def reply(text: str) -> str:  # a reply with buttons: its text is what is checked here
        got = run(handlers(Incoming(ADMIN, text, ADMIN)))
        return got.html if isinstance(got, OutgoingMessage) else got

    yield reply
    run(client.aclose())
    handlers.close()
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.close()


_ARGS = st.one_of(
    st.text(max_size=300),
    st.text(min_size=4000, max_size=6000),
    st.from_regex(r"#?\s*[-+]?[0-9²³٣೬\uff13.e ]{0,25}", fullmatch=True),
    st.builds(
        "{}://{}{}".format,
        st.sampled_from(["http", "https", "HTTP", "ftp"]),
        st.from_regex(r"[a-z0-9.\-\[\]:@%]{0,30}[a-z]", fullmatch=True),
        st.text(max_size=60),
    ),
    st.text(alphabet='ab ()"*-:ORNOT', max_size=80),
)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(NAMES), arg=_ARGS)
@example(name="why", arg="go\x00dev")  # FTS5 read the NUL as the end of a string: an error
@example(name="search", arg="go\x00dev")
def test_any_argument_gets_a_short_valid_reply(ask, caplog, name: str, arg: str) -> None:
    caplog.set_level(logging.WARNING)
    reply = ask(f"/{name} {arg}")
    if isinstance(reply, Document):  # /export: a file with a caption
        reply = reply.caption
    shown = parse_html(reply if isinstance(reply, str) else reply.html)  # valid Telegram HTML
    assert 0 < utf16_len(shown.strip()) <= MAX_TEXT_UTF16, reply[:200]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("/delete ²", "“²” is not an alert id"),
        ("/delete 9223372036854775808", "is not an alert id"),  # 2^63: past SQLite's integers
        ("/delete 9223372036854775807", "You have no alert #9223372036854775807"),
        ("/delete #12", "You have no alert #12"),
        ("/addboard http://[::1/x", "is not a valid URL"),
        ("/addboard http://example.com:99999/", "is not a valid URL"),
        ("/addboard https://example.com/jobs na<me>", "can't name a board"),
        ("/removeboard " + "n" * 500, "There is no board named"),
        ("/help " + "h" * 5000, "There is no /hhh"),
    ],
)
def test_bad_arguments_get_a_clear_answer(ask, text: str, want: str) -> None:
    reply = ask(text)
    assert want in reply and len(reply) < 300, reply


_SENTENCE_WORDS = st.sampled_from(
    [
        "rust",
        "go",
        "jobs",
        "roles",
        "in",
        "near",
        "berlin",
        "new",
        "york",
        "san",
        "francisco",
        "over",
        "under",
        "at",
        "least",
        "100k",
        "90000",
        "5",
        "years",
        "experience",
        "remote",
        "hybrid",
        "i'm",
        "looking",
        "for",
        "senior",
        "-java",
        "title:staff",
        "OR",
        "(",
        ")",
        '"',
        ",",
    ]
)


@settings(deadline=None)  # the first reads of places build the gazetteer
@given(words=st.lists(_SENTENCE_WORDS, min_size=1, max_size=12))
def test_a_sentence_rewritten_with_filters_is_a_query_that_reads_back_the_same(
    words: list[str],
) -> None:
    """What a sentence tip offers is sent back as typed: it must parse, to itself."""
    try:
        root = parse(" ".join(words)).root
    except QueryError:
        return
    for loose in (False, True):
        if (rewritten := as_filters(root, loose)) is None:
            continue
        text = format_node(rewritten[0])
        assert format_node(parse(text).root) == text
    if (query := meant(" ".join(words))) is not None:
        assert format_node(parse(query).root) == query
