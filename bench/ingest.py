"""Ingest benchmark: parse, normalise and diff 100,000 postings built from the corpus shapes.

    .venv/bin/python -m bench.ingest [--postings 100000] [--corpus DIR] [--repoll 5000]

Each source shape (a Greenhouse board, a Remote OK feed, a Personio XML feed...) becomes one
board holding an equal share of the postings: the shared corpus's items (or, without it, the
test fixtures) repeated with ids, titles, URLs and descriptions rewritten, so no two postings
are alike. Every board's body goes through the whole path on one core: the kind's `parse`,
`normalize.posting` for each posting, and `Store.record` on a real SQLite file, in one
transaction, as its first (baseline) poll.

Then one board is polled through `Poller.poll` over `httpx.MockTransport` three times: its first
poll, a re-poll served the same body, and a re-poll answered 304 (ETag). The re-polls' cost is
printed relative to the first poll.

Prints postings per second for the whole path and per stage and kind, and peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import gc
import json
import re
import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bot import normalize, sources
from bot.config import BoardConfig, PollingConfig
from bot.http import Fetcher
from bot.models import BoardInfo, FetchResult
from bot.poller import Poller
from bot.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

_ID_KEYS = ("id", "objectID", "shortcode")
_TITLE_KEYS = ("title", "text", "name", "position")
_URL_KEYS = ("absolute_url", "hostedUrl", "jobUrl", "url", "postingUrl", "careers_url")
_HTML_KEYS = ("content", "description", "descriptionHtml", "comment_text")


def _vary(item: dict[str, Any], i: int) -> dict[str, Any]:
    """A copy of one posting object made unique: id, title, URL and description carry `i`."""
    item = copy.deepcopy(item)
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
        "greenhouse_jobs.json",
        _grow_key("jobs"),
    ),
    Shape(
        "lever",
        "lever/careerkit_idealistconsulting_postings_2.json",
        "lever_postings.json",
        _grow_list,
    ),
    Shape(
        "ashby",
        "ashby/careerkit_highlightta_job_board_2jobs.json",
        "ashby_board.json",
        _grow_key("jobs"),
    ),
    Shape(
        "smartrecruiters",
        "smartrecruiters/mwegter95_smartrecruiters_posting_detail_trimmed.json",
        "smartrecruiters_posting_detail.json",
        _grow_sr_detail,
    ),
    Shape(
        "workable",
        "workable/careerkit_zaelab_widget_dup_shortcode.json",
        "workable_widget.json",
        _grow_key("jobs"),
    ),
    Shape(
        "recruitee",
        "recruitee/careerkit_recruitee_offers_sanitized_2.json",
        "recruitee_offers.json",
        _grow_key("offers"),
    ),
    Shape(
        "personio",
        "personio/careerkit_personio_sanitized.xml",
        "personio.xml",
        lambda text, n: _xml_items(text, "position", n, ("id", "name")),
        "application/xml",
    ),
    Shape("remoteok", "remoteok/remoteok_api_2026-03.json", "remoteok.json", _grow_remoteok),
    Shape(
        "rss",
        "rss/weworkremotely_remote-jobs_4items.xml",
        "wwr.rss",
        lambda text, n: _xml_items(text, "item", n, ("title", "guid", "link")),
        "application/rss+xml",
    ),
    Shape(
        "hn", "hn/hn_algolia_whoishiring_2026-07_trimmed.json", "hn_search.json", _grow_key("hits")
    ),
    Shape(
        "jsonld",
        "jsonld/careerkit_teamtailor_jsonfeed_with_jobposting.json",
        "jsonld_feed.json",
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

    @property
    def total(self) -> float:
        return self.parse + self.normalise + self.diff


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>10,.0f}/s" if seconds else "         -"


def _board(kind: str, name: str, url: str) -> BoardConfig:
    return BoardConfig(name=name, url=url, kind=kind, endpoint=url, interval=900.0)


def first_polls(store: Store, shapes: list[Shape], share: int, corpus: Path) -> dict[str, Timing]:
    """Build each board's body, then parse, normalise and record it as its baseline poll, one
    board at a time (so peak memory is one board's); time each stage."""
    timings: dict[str, Timing] = {}
    extra = share % len(shapes)
    for n, shape in enumerate(shapes):
        body, origin = shape.body(share // len(shapes) + (1 if n < extra else 0), corpus)
        name = f"bench-{shape.kind}"
        url = f"https://bench.invalid/{shape.kind}/board"
        source = sources.get(shape.kind)
        info = BoardInfo(name, shape.kind, url)
        result = FetchResult(url=url, body=body, content_type=shape.content_type)
        gc.collect()
        t0 = time.perf_counter()
        raws = source.parse(result)
        t1 = time.perf_counter()
        postings = [normalize.posting(raw, info) for raw in raws]
        t2 = time.perf_counter()
        with store.transaction():
            store.record(name, postings, NOW)
        t3 = time.perf_counter()
        timings[shape.kind] = Timing(len(postings), len(body), t1 - t0, t2 - t1, t3 - t2, origin)
        del raws, postings, result, body
    return timings


async def repoll(store: Store, shape: Shape, body: bytes) -> dict[str, float]:
    """First poll, a re-poll of the same body, and a re-poll answered 304, through Poller.poll."""
    url = f"https://bench.invalid/repoll/{shape.kind}"
    etag = {"on": False}

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": shape.content_type}
        if etag["on"]:
            headers["ETag"] = '"same"'
            if request.headers.get("if-none-match") == '"same"':
                return httpx.Response(304, headers=headers)
        return httpx.Response(200, content=body, headers=headers)

    name = f"repoll-{shape.kind}"
    store.sync_boards([_board(shape.kind, name, url)], NOW)
    clock = iter(NOW + timedelta(minutes=15 * i) for i in range(100))
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        fetcher = Fetcher(client, max_bytes=len(body) * 2)
        poller = Poller(store, fetcher, PollingConfig(), clock=lambda: next(clock))
        times = {}
        for label in ("first poll", "same body", "same body + ETag", "304 Not Modified"):
            etag["on"] = label != "first poll" and label != "same body"
            gc.collect()
            t0 = time.perf_counter()
            outcome = await poller.poll(name, force=True)
            times[label] = time.perf_counter() - t0
            times[f"{label} status"] = outcome.status  # type: ignore[assignment]
    return times


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repoll", default="greenhouse", help="the kind whose board is re-polled")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        store.sync_boards(
            [_board(s.kind, f"bench-{s.kind}", "https://bench.invalid/") for s in SHAPES], NOW
        )
        rss_before = _peak_mb()
        timings = first_polls(store, SHAPES, args.postings, args.corpus)
        rss_after = _peak_mb()
        _report(timings, rss_before, rss_after)

        shape = next(s for s in SHAPES if s.kind == args.repoll)
        body, _ = shape.body(timings[shape.kind].postings, args.corpus)
        times = asyncio.run(repoll(store, shape, body))
        first = times["first poll"]
        print(f"\nre-poll of a {shape.kind} board of {timings[shape.kind].postings:,} postings:")
        for label in ("first poll", "same body", "same body + ETag", "304 Not Modified"):
            print(
                f"  {label:<18} {times[label] * 1000:9.1f} ms {times[label] / first * 100:6.1f}% "
                f"of the first poll  (Poller.poll: {times[f'{label} status']})"
            )
        store.close()


def _report(timings: dict[str, Timing], rss_before: float, rss_after: float) -> None:
    print(
        f"{'kind':<16}{'postings':>9}{'MB':>7}{'parse':>13}{'normalise':>13}{'diff':>13}"
        f"{'whole path':>13}  sample"
    )
    for kind, t in timings.items():
        print(
            f"{kind:<16}{t.postings:>9,}{t.body_bytes / 1e6:>7.1f}{_rate(t.postings, t.parse):>13}"
            f"{_rate(t.postings, t.normalise):>13}{_rate(t.postings, t.diff):>13}"
            f"{_rate(t.postings, t.total):>13}  {Path(t.origin).name}"
        )
    total = Timing(
        sum(t.postings for t in timings.values()),
        sum(t.body_bytes for t in timings.values()),
        sum(t.parse for t in timings.values()),
        sum(t.normalise for t in timings.values()),
        sum(t.diff for t in timings.values()),
    )
    print(
        f"{'ALL':<16}{total.postings:>9,}{total.body_bytes / 1e6:>7.1f}"
        f"{_rate(total.postings, total.parse):>13}{_rate(total.postings, total.normalise):>13}"
        f"{_rate(total.postings, total.diff):>13}{_rate(total.postings, total.total):>13}"
    )
    print(
        f"\nwhole path: {total.postings:,} postings in {total.total:.1f}s = "
        f"{total.postings / total.total:,.0f} postings/s on one core "
        f"(parse {total.parse:.1f}s, normalise {total.normalise:.1f}s, diff {total.diff:.1f}s)"
    )
    print(f"peak RSS: {rss_after:,.0f} MB (at start {rss_before:,.0f} MB; largest board in memory)")


if __name__ == "__main__":
    main()
