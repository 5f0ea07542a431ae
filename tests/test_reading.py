"""The reader process: a board's single answer is read there, and what comes back is exactly
what reading it here gives; its errors, its logs and its death reach the poll as they would."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import reading, sources
from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.errors import ParseError
from bot.http import Fetcher, build_client
from bot.intake import read_alone
from bot.models import BoardInfo, FetchResult, Normalised
from bot.normalize import tree
from bot.poller import Poller
from bot.reading import Reader
from bot.sources.contract import Context, Page, Request, Response
from bot.store import Stores
from bot.storing import PollStores
from tests.conftest import FIXTURES

URL = "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"


def response(body: bytes, url: str = URL) -> Response:
    return Response.of(Request(url), FetchResult(url, body=body, content_type="application/json"))


@pytest.fixture
async def reader():
    """A reader whose process is up (it starts on a thread of its own: reads wait for it)."""
    r = Reader()
    reading.start()  # (the first read starts it)
    up = await asyncio.get_running_loop().run_in_executor(None, reading.wait_until_up, 60.0)
    assert up, "the reader process did not start"
    yield r
    r.close()


def process_pids() -> list[int]:
    assert reading._pool is not None
    return [p.pid for p in reading._pool._processes.values()]


async def test_a_board_read_in_the_process_is_what_reading_it_here_gives(reader) -> None:
    body = (FIXTURES / "sources" / "greenhouse" / "jobs.json").read_bytes()
    source = sources.get("greenhouse")
    ctx, info = Context("acme", URL), BoardInfo("acme", "greenhouse", URL, "Acme")
    stored = {"acme:nothing": "fingerprint"}
    here = read_alone(source, response(body), ctx, info, stored)
    there = await reader.read(source, response(body), ctx, info, stored)
    assert isinstance(there, Normalised) and there.postings
    assert there == here  # every field of every posting, the fingerprints, the board
    (pid,) = process_pids()
    assert pid != os.getpid()


async def test_a_page_that_asks_for_more_comes_back_for_the_crawl(reader) -> None:
    """A full Lever page asks for the next one: the page comes back, not normalised postings."""
    items = [
        {"id": f"p{i}", "text": "Rust", "hostedUrl": f"https://x.test/{i}"} for i in range(100)
    ]
    url = "https://api.lever.co/v0/postings/acme?mode=json&skip=0&limit=100"
    body = json.dumps(items).encode()
    source = sources.get("lever")
    ctx, info = Context("acme", url), BoardInfo("acme", "lever", url)
    here = read_alone(source, response(body, url), ctx, info, {})
    there = await reader.read(source, response(body, url), ctx, info, {})
    assert isinstance(there, Page) and there.follow and len(there.postings) == 100
    assert there == here


async def test_a_malformed_body_fails_with_the_sources_own_error(reader) -> None:
    source, body = sources.get("greenhouse"), response(b"<html>gone</html>")
    ctx, info = Context("acme", URL), BoardInfo("acme", "greenhouse", URL)
    with pytest.raises(ParseError) as there:
        await reader.read(source, body, ctx, info, {})
    with pytest.raises(ParseError) as here:
        read_alone(source, body, ctx, info, {})
    assert str(there.value) == str(here.value) != ""


def long_jobs(*ids: int) -> bytes:
    """A Greenhouse body whose jobs' descriptions are cut (which is logged once per board)."""
    long = "<p>" + "word " * (tree.MAX_DESCRIPTION // 4) + "</p>"
    return json.dumps({"jobs": [{"id": i, "title": "Long", "content": long} for i in ids]}).encode()


async def read_board(reader: Reader, board: str, body: bytes) -> Page | Normalised:
    info = BoardInfo(board, "greenhouse", URL)
    return await reader.read(
        sources.get("greenhouse"), response(body), Context(board, URL), info, {}
    )


async def test_what_the_process_logs_is_logged_here_once_with_the_board(reader, caplog) -> None:
    board = f"long-{os.getpid()}-{id(reader)}"  # the process remembers boards it told of
    caplog.set_level(logging.WARNING)
    read = await read_board(reader, board, long_jobs(7, 8))
    assert isinstance(read, Normalised) and len(read.postings) == 2
    cut = [r for r in caplog.records if "was cut" in r.getMessage()]
    assert len(cut) == 1 and cut[0].name == "bot.normalize.tree"
    assert board in cut[0].getMessage()
    assert f"{board}\x1fdescription" not in tree._logged  # read there, not here


def test_a_traceback_logged_in_the_process_comes_back_with_its_message() -> None:
    """The process sends its log back as text: log.exception's traceback goes with it."""
    kept = reading._Kept()
    try:
        {}["missing"]
    except KeyError:
        record = logging.LogRecord("bot.intake", logging.ERROR, "", 0, "board %s", ("b",),
                                   sys.exc_info())  # fmt: skip
    kept.emit(record)
    ((name, level, message),) = kept.records
    assert (name, level) == ("bot.intake", logging.ERROR)
    assert message.startswith("board b\nTraceback") and "KeyError: 'missing'" in message


async def test_a_body_too_big_to_bring_back_whole_is_read_on_the_thread(
    reader, caplog, monkeypatch
) -> None:
    body = long_jobs(7)
    monkeypatch.setattr(reading, "MAX_BODY", len(body) - 1)
    board = f"big-{os.getpid()}-{id(reader)}"
    caplog.set_level(logging.WARNING)
    read = await read_board(reader, board, body)
    assert isinstance(read, Normalised) and len(read.postings) == 1
    assert f"{board}\x1fdescription" in tree._logged  # read here
    assert sum("was cut" in r.getMessage() for r in caplog.records) == 1


async def test_a_killed_process_fails_that_read_and_the_rest_go_on(reader) -> None:
    body = (FIXTURES / "sources" / "greenhouse" / "jobs.json").read_bytes()
    source = sources.get("greenhouse")
    ctx, info = Context("acme", URL), BoardInfo("acme", "greenhouse", URL)
    assert reading._pool is not None
    (process,) = reading._pool._processes.values()
    pid = process.pid
    os.kill(pid, signal.SIGKILL)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, process.join)  # gone
    with pytest.raises(ParseError, match="reader process stopped"):
        await reader.read(source, response(body), ctx, info, {})
    assert reading._pool is None
    here = await reader.read(source, response(body), ctx, info, {})  # on the thread
    reading.start()  # (as reads that queue up do)
    assert await loop.run_in_executor(None, reading.wait_until_up, 60.0)
    (new_pid,) = process_pids()
    again = await reader.read(source, response(body), ctx, info, {})
    assert isinstance(again, Normalised) and again == here and new_pid != pid


async def test_a_read_past_its_deadline_stops_the_process_and_the_reads_behind_it_go_on(
    reader, caplog
) -> None:
    """A read cut short while the process works on it (a parse gone wrong would hold every
    later read, as a stuck thread did) kills the process; the read queued behind it is read
    here instead; a new process starts when reads queue up again."""
    many = [
        {"id": i, "title": f"Engineer {i}", "content": "<p>Rust</p>" * 200} for i in range(3000)
    ]
    slow = json.dumps({"jobs": many}).encode()  # about half a second of reading
    small = (FIXTURES / "sources" / "greenhouse" / "jobs.json").read_bytes()
    source, ctx = sources.get("greenhouse"), Context("acme", URL)
    info = BoardInfo("acme", "greenhouse", URL)
    (pid,) = process_pids()
    caplog.set_level(logging.WARNING)
    cut = asyncio.create_task(reader.read(source, response(slow), ctx, info, {}))
    behind = asyncio.create_task(reader.read(source, response(small), ctx, info, {}))
    pool = reading._pool
    assert pool is not None
    while not pool._pending_work_items:  # submitted, the slow one first
        await asyncio.sleep(0.001)
    first = next(iter(pool._pending_work_items.values())).future
    while not first.running():  # handed to the process (it takes half a second to read)
        await asyncio.sleep(0.001)
    cut.cancel()  # as its fetch's deadline would
    with pytest.raises(asyncio.CancelledError):
        await cut
    read = await behind
    assert read == read_alone(source, response(small), ctx, info, {})
    assert reading._pool is None  # stopped
    assert sum("cut short" in r.getMessage() for r in caplog.records) == 1
    loop = asyncio.get_running_loop()
    reading.start()  # (as reads that queue up do)
    assert await loop.run_in_executor(None, reading.wait_until_up, 60.0)
    (new_pid,) = process_pids()
    assert new_pid != pid


async def test_without_the_process_the_poller_reads_on_its_thread(store: Stores, boards, now):
    body = (FIXTURES / "sources" / "greenhouse" / "jobs.json").read_bytes()
    path = "/v1/boards/acme/jobs"
    boards.set(path, body, content_type="application/json")
    url = boards.url(path)
    store.boards.sync_boards([BoardConfig("Acme", url, "greenhouse", url, 60.0)], now)
    polling = PollingConfig(reader_process=False)
    async with build_client(timeout=1.0) as client:
        poller = Poller(store.view(PollStores), Fetcher(client), polling)
        assert poller.reader.processes is False
        out = await poller.poll("Acme")
        poller.close()
    assert out.status == "baseline" and out.seen > 0


SCRIPT = """
import os, signal, sys
from bot import reading
reader = reading.Reader()
reading.start()
assert reading.wait_until_up(60)
print(next(iter(reading._pool._processes)), flush=True)
if sys.argv[1] == "wait":
    signal.pause()
"""


def _gone(pid: int, within: float = 30.0) -> bool:
    """Whether process `pid` (not ours to wait for) has ended within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)  # polling a process that is not our child: no event to wait on
    return False


@pytest.mark.parametrize("how", ["exits", "killed"])
def test_the_reader_process_ends_with_the_bot(how: str) -> None:
    """Whether the bot exits (the pool's own shutdown) or is killed (SIGKILL: the reader's
    end of its pipe closes), its reader process does not outlive it."""
    arg = "exit" if how == "exits" else "wait"
    with subprocess.Popen(
        [sys.executable, "-c", SCRIPT, arg], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, cwd=Path(__file__).parents[1],
    ) as bot:  # fmt: skip
        assert bot.stdout is not None and bot.stderr is not None
        reader = int(bot.stdout.readline())
        if how == "killed":
            bot.kill()
        assert bot.wait(timeout=60) == (0 if how == "exits" else -signal.SIGKILL)
        if how == "exits":  # (killed, multiprocessing's tracker reports what it cleaned up)
            assert bot.stderr.read() == ""
    assert _gone(reader), "the reader process outlived the bot"


FIRST_READS = """
import asyncio, json, logging, multiprocessing, sys, threading
from bot import reading, sources
from bot.models import Normalised
from bot.models import BoardInfo, FetchResult
from bot.normalize import tree
from bot.sources.contract import Context, Request, Response

logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
if sys.argv[1] == "broken":
    multiprocessing.set_executable("/nonexistent/python")  # the spawn cannot start
URL = "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"
long = "<p>" + "word " * (tree.MAX_DESCRIPTION // 4) + "</p>"
body = json.dumps({"jobs": [{"id": 1, "title": "Long", "content": long}]}).encode()

async def read(board):
    response = Response.of(Request(URL), FetchResult(URL, body=body))
    out = await reader.read(sources.get("greenhouse"), response, Context(board, URL),
                            BoardInfo(board, "greenhouse", URL), {})
    assert isinstance(out, Normalised) and len(out.postings) == 1
    return "here" if f"{board}\\x1fdescription" in tree._logged else "there"

async def two_at_once():
    return await asyncio.gather(read("first"), read("also first"))

reader = reading.Reader()
alone = asyncio.run(read("alone"))  # nothing queued up: nothing starts
started = any(t.name == "jobbot-reader-start" for t in threading.enumerate()) or reading._up.is_set()
first, also = asyncio.run(two_at_once())  # the second queues up behind the first: it starts
assert (alone, first, also, started) == ("here", "here", "here", False), (alone, first, also)
for thread in threading.enumerate():  # its start has ended, well or not
    if thread.name == "jobbot-reader-start":
        thread.join()
up = reading.wait_until_up(0)
print(first, up, asyncio.run(read("second")), flush=True)
"""


@pytest.mark.parametrize(
    ("how", "expected"), [("works", "here True there"), ("broken", "here False here")]
)
def test_reads_that_queue_up_start_the_process_and_a_process_that_cannot_start_is_done_without(
    how: str, expected: str
) -> None:
    """A read alone is read on the thread and starts nothing; reads that queue up on the
    thread start the process, which reads the next; a process that cannot start is said
    once, and every read is done on the thread."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_READS, how], capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).parents[1],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected
    failed = [x for x in done.stderr.splitlines() if "did not start" in x]
    assert len(failed) == (1 if how == "broken" else 0), done.stderr


def test_the_reader_process_imports_neither_http_nor_numpy():
    """What a spawned reader imports (`jobbot`'s main module, then `bot.reading`) leaves out
    the HTTP stack and numpy, which reading never uses: they cost it 150 ms and 24 MB."""
    heavy = ("aiohttp", "httpx", "numpy", "telegram", "bot.http", "bot.app")
    code = (
        "import sys, bot.cli, bot.reading; "
        f"print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""


WARM = """
import threading
from bot import reading
reading.Reader(processes=False).warm()
idle = not reading._up.is_set() and all(
    t.name != "jobbot-reader-start" for t in threading.enumerate()
)
reading.Reader().warm()
print(idle, reading.wait_until_up(60), flush=True)
"""


def test_warming_starts_the_process_before_any_read_unless_processes_are_off() -> None:
    """`jobbot poll` of many boards starts the reader ahead of their bodies (without it, the
    first ones are read on the thread until it is up)."""
    done = subprocess.run(
        [sys.executable, "-c", WARM], capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).parents[1],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True True"
