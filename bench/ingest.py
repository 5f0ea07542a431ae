"""Ingest benchmark: parse, normalise and diff 100,000 postings built from the corpus shapes.

    .venv/bin/python -m bench.ingest [--postings 100000] [--corpus DIR] [--repoll KIND]

Each source shape (a Greenhouse board, a Remote OK feed, a Personio XML feed...) becomes one
board holding an equal share of the postings: the shared corpus's items (or, without it, the
test fixtures) repeated with ids, titles, URLs and descriptions rewritten, so no two postings
are alike. Every board's body goes through the whole path on one core: the kind's `parse`,
`intake.normalise` (each posting's raw fingerprint, then `normalize.posting` for it, as none is
stored yet), and `Postings.record` on a real SQLite file, in one transaction, as its first
(baseline) poll. Building the bodies is not timed. A kind's parser may drop items (Hacker News
comments that are not job posts), so the total parsed can fall a little short of the number
asked for.

To show what bounds the figure, the same bodies also go through two floors that do no work of
ours: decoding alone (`json.loads` or ElementTree, both C code), and storing only each
posting's key and text into a bare SQLite table. No Python ingest path can beat the two
together.

Then one board is polled through `Poller.poll` over `httpx.MockTransport`: its first poll, a
re-poll served the same body, the same body with an ETag, a 304, and a body with one posting
edited (the body hash moves, so the whole board is parsed and fingerprinted again, but only the
edited posting is normalised and diffed). The re-polls' cost is printed relative to the first
poll, with the longest the event loop went without running (parsing and normalising run on a
worker thread, as for any body over `reading.MAX_BODY`; the diff runs on the loop), over the
poll and the indexing of the text it stored that follows it (`TextIndexer`, on the loop); with
the CPU time the loop's own thread used in that stall (its own work, what holds it up on an
idle machine too) and the longest such work between two ticks; and the reader process's peak
RSS (`bot.reading`: it reads the bodies of smaller boards).

Storing a posting only queues its text for the postings' text index (`bot.store.textindex`);
the "text index" column is that indexing, done after each board's poll as the bot does it,
and kept out of "whole path" (the bot does it after the poll, a slice at a time).

Prints the machine's load (other work on the machine skews every figure), postings per second
for the whole path (parse + normalise + diff), per stage and per kind, and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import platform
import re
import resource
import sqlite3
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bot import reading, sources
from bot.config import PollingConfig
from bot.config_boards import BoardConfig
from bot.http import Fetcher
from bot.intake import drain, normalise
from bot.models import BoardInfo, FetchResult
from bot.poller import Poller
from bot.sources.contract import parse_recorded
from bot.store import Stores
from bot.storing import PollStores
from bot.textindexer import TextIndexer

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

_ID_KEYS = ("id", "objectID", "shortcode")
_TITLE_KEYS = ("title", "text", "name", "position")
_URL_KEYS = ("absolute_url", "hostedUrl", "jobUrl", "url", "postingUrl", "careers_url")
_HTML_KEYS = ("content", "description", "descriptionHtml", "comment_text")


def _vary(item: dict[str, Any], i: int) -> dict[str, Any]:
    """A copy of one posting object made unique: id, title, URL and description carry `i`."""
    item = json.loads(json.dumps(item))  # a deep copy, several times faster than copy.deepcopy
    for key in _ID_KEYS:
        if isinstance(item.get(key), int):
            item[key] = item[key] * 1_000_000 + i
        elif isinstance(item.get(key), str):
            item[key] = f"{item[key]}-{i}"
    for key in _TITLE_KEYS:
        if isinstance(item.get(key), str) and item[key]:
            item[key] = f"{item[key]} {i}"
            break
    for key in _URL_KEYS:
        if isinstance(item.get(key), str) and item[key]:
            item[key] = f"{item[key].rstrip('/')}/{i}"
    for key in _HTML_KEYS:
        if isinstance(item.get(key), str):
            escaped = item[key].startswith("&lt;")
            ref = f"&lt;p&gt;Ref {i}.&lt;/p&gt;" if escaped else f"<p>Ref {i}.</p>"
            item[key] = ref + item[key]
    sections = (item.get("jobAd") or {}).get("sections") or {}
    if isinstance(sections.get("jobDescription"), dict):
        sections["jobDescription"]["text"] = f"<p>Ref {i}.</p>{sections['jobDescription']['text']}"
    return item


def _repeat(items: list[Any], count: int) -> list[Any]:
    items = [x for x in items if isinstance(x, dict)]
    return [_vary(items[i % len(items)], i) for i in range(count)]


def _xml_items(text: str, tag: str, count: int, fields: tuple[str, ...]) -> str:
    """The document with its <tag> elements repeated `count` times, `fields` suffixed with i."""
    blocks = re.findall(rf"<{tag}>.*?</{tag}>", text, re.S)
    head, tail = text.split(blocks[0], 1)[0], text.rsplit(blocks[-1], 1)[1]
    out = []
    for i in range(count):
        block = blocks[i % len(blocks)]
        for name in fields:
            block = re.sub(
                rf"(<{name}>)(.*?)(</{name}>)", rf"\g<1>\g<2>-{i}\g<3>", block, count=1, flags=re.S
            )
        out.append(block)
    return head + "\n".join(out) + tail


@dataclass
class Shape:
    """One source shape: where its sample lives and how to grow it to `count` postings."""

    kind: str
    corpus: str
    fixture: str
    grow: Callable[[str, int], str]
    content_type: str = "application/json"

    def body(self, count: int, corpus: Path) -> tuple[bytes, str]:
        path = corpus / self.corpus
        source = path if path.is_file() else FIXTURES / self.fixture
        text = source.read_text(encoding="utf-8-sig")
        return self.grow(text, count).encode(), str(source)


def _grow_key(key: str) -> Callable[[str, int], str]:
    def grow(text: str, count: int) -> str:
        data = json.loads(text)
        return json.dumps({**data, key: _repeat(data[key], count)})

    return grow


def _grow_list(text: str, count: int) -> str:
    return json.dumps(_repeat(json.loads(text), count))


def _grow_remoteok(text: str, count: int) -> str:
    data = json.loads(text)
    jobs = [job for job in data[1:] if job.get("position")]
    return json.dumps([data[0], *_repeat(jobs, count)])


def _grow_sr_detail(text: str, count: int) -> str:
    return json.dumps({"totalFound": count, "content": _repeat([json.loads(text)], count)})


SHAPES = [
    Shape(
        "greenhouse",
        "greenhouse/catawiki_jobs_with_content_50.json",
        "sources/greenhouse/jobs.json",
        _grow_key("jobs"),
    ),
    Shape(
        "lever",
        "lever/careerkit_idealistconsulting_postings_2.json",
        "sources/lever/postings.json",
        _grow_list,
    ),
    Shape(
        "ashby",
        "ashby/careerkit_highlightta_job_board_2jobs.json",
        "sources/ashby/board.json",
        _grow_key("jobs"),
    ),
    Shape(
        "smartrecruiters",
        "smartrecruiters/mwegter95_smartrecruiters_posting_detail_trimmed.json",
        "sources/smartrecruiters/posting_detail.json",
        _grow_sr_detail,
    ),
    Shape(
        "workable",
        "workable/careerkit_zaelab_widget_dup_shortcode.json",
        "sources/workable/widget.json",
        _grow_key("jobs"),
    ),
    Shape(
        "recruitee",
        "recruitee/careerkit_recruitee_offers_sanitized_2.json",
        "sources/recruitee/offers.json",
        _grow_key("offers"),
    ),
    Shape(
        "personio",
        "personio/careerkit_personio_sanitized.xml",
        "sources/personio/feed.xml",
        lambda text, n: _xml_items(text, "position", n, ("id", "name")),
        "application/xml",
    ),
    Shape(
        "remoteok",
        "remoteok/remoteok_api_2026-03.json",
        "sources/remoteok/api.json",
        _grow_remoteok,
    ),
    Shape(
        "rss",
        "rss/weworkremotely_remote-jobs_4items.xml",
        "sources/rss/wwr.rss",
        lambda text, n: _xml_items(text, "item", n, ("title", "guid", "link")),
        "application/rss+xml",
    ),
    Shape(
        "hn",
        "hn/hn_algolia_whoishiring_2026-07_trimmed.json",
        "sources/hn/search.json",
        _grow_key("hits"),
    ),
    Shape(
        "jsonld",
        "jsonld/careerkit_teamtailor_jsonfeed_with_jobposting.json",
        "sources/jsonld/feed.json",
        _grow_key("items"),
    ),
]


@dataclass
class Timing:
    postings: int = 0
    body_bytes: int = 0
    parse: float = 0.0
    normalise: float = 0.0
    diff: float = 0.0
    origin: str = ""
    peak_mb: float = 0.0  # peak RSS while this board went through the path (body included)
    asked: int = 0
    decode: float = 0.0  # floor: the C decoder alone over the body
    store_text: float = 0.0  # floor: key and text alone into a bare table
    index: float = 0.0  # the postings' text indexed after the poll (not part of `total`)

    @property
    def total(self) -> float:
        return self.parse + self.normalise + self.diff


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>10,.0f}/s" if seconds else "         -"


def _board(kind: str, name: str, url: str) -> BoardConfig:
    return BoardConfig(name=name, url=url, kind=kind, endpoint=url, interval=900.0)


def first_polls(store: Stores, shapes: list[Shape], share: int, corpus: Path) -> dict[str, Timing]:
    """Build each board's body, then parse, normalise and record it as its baseline poll, one
    board at a time (so peak memory is one board's); time each stage."""
    timings: dict[str, Timing] = {}
    extra = share % len(shapes)
    for n, shape in enumerate(shapes):
        asked = share // len(shapes) + (1 if n < extra else 0)
        body, origin = shape.body(asked, corpus)
        name = f"bench-{shape.kind}"
        url = f"https://bench.invalid/{shape.kind}/board"
        source = sources.get(shape.kind)
        info = BoardInfo(name, shape.kind, url)
        result = FetchResult(url=url, body=body, content_type=shape.content_type)
        gc.collect()
        _reset_peak()
        t0 = time.perf_counter()
        raws = list(parse_recorded(source, result).postings)
        t1 = time.perf_counter()
        stored = store.postings.fingerprints(name)
        # As a poll does (`fetch_and_read`): each raw posting goes once normalised.
        postings, unchanged, fingerprints = normalise(drain(raws), info, stored)
        t2 = time.perf_counter()
        with store.db.transaction():
            store.postings.record(
                name, postings, NOW, unchanged=unchanged, fingerprints=fingerprints
            )
        t3 = time.perf_counter()
        while store.text.merge_next() or store.text.index_next():  # as `TextIndexer` does
            pass
        t4 = time.perf_counter()
        timings[shape.kind] = Timing(
            len(postings), len(body), t1 - t0, t2 - t1, t3 - t2, origin, _peak_mb(), asked
        )
        timings[shape.kind].index = t4 - t3
        del raws, postings, result, body
    return timings


def floors(store: Stores, timings: dict[str, Timing], corpus: Path) -> None:
    """For each board of `first_polls`, the seconds to decode its body with the C decoder
    alone, and to store only its postings' keys and texts in a bare table: what no ingest path
    written in Python can go under. Run after the path, so it cannot skew its figures."""
    store.db.execute("CREATE TABLE floor (key TEXT PRIMARY KEY, text TEXT)")
    for shape in SHAPES:
        timing = timings[shape.kind]
        body, _ = shape.body(timing.asked, corpus)
        rows = store.db.execute(
            "SELECT key, description FROM postings WHERE board = ?", (f"bench-{shape.kind}",)
        ).fetchall()
        gc.collect()
        t0 = time.perf_counter()
        if shape.content_type == "application/json":
            json.loads(body)
        else:
            ET.fromstring(body)
        t1 = time.perf_counter()
        with store.db.transaction():
            store.db.conn.executemany("INSERT INTO floor VALUES (?, ?)", rows)
        timing.decode, timing.store_text = t1 - t0, time.perf_counter() - t1
        del body, rows


REPOLLS = ("first poll", "same body", "same body + ETag", "304 Not Modified", "1 posting edited")


def _edited(body: bytes) -> bytes | None:
    """The body with one posting's description edited ("Ref 0." is in the first one's)."""
    return body.replace(b"Ref 0.", b"Ref 0 (edited).", 1) if b"Ref 0." in body else None


async def repoll(store: Stores, shape: Shape, body: bytes) -> dict[str, Any]:
    """The first poll and each re-poll of `REPOLLS`, through Poller.poll, each followed by
    the indexing of the text it stored (as `TextIndexer` does after a poll, on the loop):
    seconds and status, and the loop's worst stall over both."""
    url = f"https://bench.invalid/repoll/{shape.kind}"
    edited = _edited(body)
    serving = {"body": body, "etag": False}

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": shape.content_type}
        if serving["etag"]:
            headers["ETag"] = '"same"'
            if request.headers.get("if-none-match") == '"same"':
                return httpx.Response(304, headers=headers)
        return httpx.Response(200, content=serving["body"], headers=headers)

    name = f"repoll-{shape.kind}"
    store.boards.sync_boards([_board(shape.kind, name, url)], NOW)
    clock = iter(NOW + timedelta(minutes=15 * i) for i in range(100))
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        fetcher = Fetcher(client, max_bytes=len(body) * 2)
        poller = Poller(store.view(PollStores), fetcher, PollingConfig(), clock=lambda: next(clock))
        reading.start()  # (in a bot, reads that queue up start it)
        await asyncio.to_thread(reading.wait_until_up, 60.0)  # up, as in a bot that has read
        reader = _reader_pid()
        indexer = TextIndexer(store.text)
        times: dict[str, Any] = {}
        for label in REPOLLS:
            serving["etag"] = label in ("same body + ETag", "304 Not Modified")
            if label == "1 posting edited":
                if edited is None:
                    continue
                serving["body"] = edited
            gc.collect()
            _reset_peak()
            if reader is not None:
                _reset_peak(reader)
            stalls: list[Stall] = []
            ticker = asyncio.create_task(_tick(stalls))
            await asyncio.sleep(0)
            t0 = time.perf_counter()
            outcome = await poller.poll(name, force=True)
            t1 = time.perf_counter()
            await indexer.drain()
            times[label], times[f"{label} index"] = t1 - t0, time.perf_counter() - t1
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker  # its last tick (the one the end of the poll held up) counts too
            times[f"{label} status"] = outcome.status
            times[f"{label} rss"] = _peak_mb(reader) if reader is not None else 0.0
            times[f"{label} stall"] = max(stalls, default=Stall(0.0, 0.0, 0.0))
            times[f"{label} busy"] = max((s.loop_cpu for s in stalls), default=0.0)
        poller.close()
    return times


@dataclass(frozen=True, order=True)
class Stall:
    """How late one tick of the event loop came, with the CPU time the loop's own thread and
    the whole process (all threads) used meanwhile."""

    late: float
    loop_cpu: float
    process_cpu: float


async def _tick(stalls: list[Stall], every: float = 0.005) -> None:
    """Note how late each tick of the event loop comes: the longest is the loop's worst stall,
    the time the bot could neither answer a command nor send an alert. With each, the CPU
    time the loop's thread used meanwhile (its own work: what holds it up on any machine) and
    the process's (all threads); on a busy machine the rest of a stall is time the OS gave
    to other programs."""
    while True:
        t0, cpu0, own0 = time.perf_counter(), time.process_time(), time.thread_time()
        try:
            await asyncio.sleep(every)
        finally:  # cancelled right after the poll: the tick it kept waiting counts too
            late = max(time.perf_counter() - t0 - every, 0.0)  # a cancelled tick: none
            stalls.append(Stall(late, time.thread_time() - own0, time.process_time() - cpu0))


def _reset_peak(pid: int | str = "self") -> None:
    """Start a new peak-RSS measurement (Linux: writing 5 to clear_refs resets VmHWM)."""
    with contextlib.suppress(OSError):
        Path(f"/proc/{pid}/clear_refs").write_text("5")


def _peak_mb(pid: int | str = "self") -> float:
    """Peak RSS in MB since the last `_reset_peak` (since start-up where that is unsupported)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _reader_pid() -> int | None:
    """The reader process's pid (`bot.reading`), once it is up."""
    pool = reading._pool
    return next(iter(pool._processes), None) if pool is not None else None


def _machine() -> str:
    try:
        load = "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "load average unknown"
    return (
        f"{load} on {os.cpu_count()} CPUs; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repoll", default="greenhouse", help="the kind whose board is re-polled")
    args = parser.parse_args(argv)

    print(f"{_machine()}\n{args.postings:,} postings asked for, in {len(SHAPES)} boards\n")
    if not args.corpus.is_dir():
        print(
            f"NOTE: no corpus at {args.corpus}: the samples are the test fixtures (smaller "
            "descriptions), so the figures are not comparable with a corpus run; pass --corpus\n"
        )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = Stores.open(Path(tmp) / "bench.db")
        store.boards.sync_boards(
            [_board(s.kind, f"bench-{s.kind}", "https://bench.invalid/") for s in SHAPES], NOW
        )
        rss_start = _peak_mb()
        timings = first_polls(store, SHAPES, args.postings, args.corpus)
        floors(store, timings, args.corpus)
        _report(timings, rss_start)

        shape = next(s for s in SHAPES if s.kind == args.repoll)
        count = timings[shape.kind].postings
        body, _ = shape.body(count, args.corpus)
        times = asyncio.run(repoll(store, shape, body))
        first = times["first poll"]
        print(
            f"\nre-poll of a {shape.kind} board of {count:,} postings (Poller.poll, whole cycle):"
        )
        for label in REPOLLS:
            if label not in times:
                print(f"  {label:<18} (not run: no posting to edit in this shape)")
                continue
            stall = times[f"{label} stall"]
            print(
                f"  {label:<18} {times[label] * 1000:9.1f} ms {times[label] / first * 100:6.1f}% "
                f"of the first poll  ({times[f'{label} status']}), then its text indexed in "
                f"{times[f'{label} index'] * 1000:,.0f} ms; event loop stalled at most "
                f"{stall.late * 1000:,.0f} ms ({stall.loop_cpu * 1000:,.0f} ms of it the loop's "
                f"own work, {stall.process_cpu * 1000:,.0f} ms of CPU used by the process); the "
                f"loop's longest own work between two ticks {times[f'{label} busy'] * 1000:,.0f} "
                f"ms; the reader process's peak RSS {times[f'{label} rss']:,.0f} MB"
            )
        store.close()
    print(f"\nbenchmark ran in {time.perf_counter() - started:.0f}s; {_machine()}")


def _report(timings: dict[str, Timing], rss_start: float) -> None:
    print(
        f"{'kind':<16}{'postings':>9}{'MB':>7}{'parse':>13}{'normalise':>13}{'diff':>13}"
        f"{'whole path':>13}{'text index':>13}{'peak RSS':>10}  sample"
    )
    for kind, t in timings.items():
        print(
            f"{kind:<16}{t.postings:>9,}{t.body_bytes / 1e6:>7.1f}{_rate(t.postings, t.parse):>13}"
            f"{_rate(t.postings, t.normalise):>13}{_rate(t.postings, t.diff):>13}"
            f"{_rate(t.postings, t.total):>13}{_rate(t.postings, t.index):>13}"
            f"{t.peak_mb:>8,.0f}MB  {Path(t.origin).name}"
        )
    total = Timing(
        sum(t.postings for t in timings.values()),
        sum(t.body_bytes for t in timings.values()),
        sum(t.parse for t in timings.values()),
        sum(t.normalise for t in timings.values()),
        sum(t.diff for t in timings.values()),
    )
    total.index = sum(t.index for t in timings.values())
    peak = max(timings.values(), key=lambda t: t.peak_mb)
    print(
        f"{'ALL':<16}{total.postings:>9,}{total.body_bytes / 1e6:>7.1f}"
        f"{_rate(total.postings, total.parse):>13}{_rate(total.postings, total.normalise):>13}"
        f"{_rate(total.postings, total.diff):>13}{_rate(total.postings, total.total):>13}"
        f"{_rate(total.postings, total.index):>13}{peak.peak_mb:>8,.0f}MB"
    )
    share = {name: seconds / total.total * 100 for name, seconds in (
        ("parse", total.parse), ("normalise", total.normalise), ("diff", total.diff))}  # fmt: skip
    print(
        f"\nwhole path: {total.postings:,} postings in {total.total:.1f}s = "
        f"{total.postings / total.total:,.0f} postings/s on one core\n"
        f"  parse {total.parse:.1f}s ({share['parse']:.0f}%), "
        f"normalise {total.normalise:.1f}s ({share['normalise']:.0f}%), "
        f"diff {total.diff:.1f}s ({share['diff']:.0f}%)\n"
        f"then the text index, after each poll (bot.textindexer): {total.index:.1f}s = "
        f"{_rate(total.postings, total.index).strip()}; path and index together "
        f"{_rate(total.postings, total.total + total.index).strip()}"
    )
    decode = sum(t.decode for t in timings.values())
    store_text = sum(t.store_text for t in timings.values())
    print(
        f"floors (no work of ours): decoding alone {_rate(total.postings, decode).strip()}, "
        f"storing key + text alone {_rate(total.postings, store_text).strip()}; both together "
        f"{_rate(total.postings, decode + store_text).strip()} "
        f"({total.body_bytes / 1e6 / (decode + store_text):,.0f} MB/s of body)"
    )
    kind = next(k for k, t in timings.items() if t is peak)
    print(
        f"peak RSS: {peak.peak_mb:,.0f} MB (the {kind} board, {peak.body_bytes / 1e6:.0f} MB of "
        f"body, through the path; {rss_start:,.0f} MB at start)"
    )


if __name__ == "__main__":
    main()
