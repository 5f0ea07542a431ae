"""Hostile HTTP bodies through our Fetcher on loopback: compression bombs and slow drips.

    .venv/bin/python -m bench.hostile_http [--sizes 16K,64K,1M,3M] [--timeout 60]

`CASES` has the shape `bench/hostile.py` documents (kind, path, size, setup), on the "fetch"
path, and `bench.hostile` appends them to its own. Each hostile case sits next to an
"ordinary" one of the same size: a gzip-encoded JSON board whose compressed body is that size.

- gzip-bomb: a gzip body of zeros, `size` bytes compressed (about 1000 times that decoded).
- stacked-gzip: `Content-Encoding: gzip, gzip`, the gzip of such a bomb, `size` bytes.
- slow-drip: a `size`-byte body sent one byte every 10 ms, fetched with a 5 s fetch_timeout.

Every fetch uses the default `polling.max_bytes`, through a real `Fetcher` and client against
`tests.board_server` on 127.0.0.1; building the bodies and starting the server is not timed.
Run on its own, each case runs in a subprocess (4 GB address-space limit, killed at
`--timeout`), and the table shows time, the peak RSS the case added, and what the fetch ended
with.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Sequence

from bench.cases import SIZES, Case
from bot.config import PollingConfig
from bot.errors import FetchError
from bot.http import Fetcher, build_client
from tests.board_server import BoardServer

MAX_BYTES = PollingConfig().max_bytes
DRIP_EVERY = 0.01
DRIP_TIMEOUT = 5.0


def repeating_gzip(prefix: bytes, unit: bytes, size: int) -> bytes:
    """A gzip stream of `prefix` then `unit` over and over, cut at `size` bytes. Each unit is
    compressed after a full flush, so its compressed form repeats and a bomb of any size costs
    one compression of `unit`, not of all it decodes to. Nothing reads a bomb to its end."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = c.compress(prefix + unit) + c.flush(zlib.Z_FULL_FLUSH)
    segment = c.compress(unit) + c.flush(zlib.Z_FULL_FLUSH)
    assert segment == c.compress(unit) + c.flush(zlib.Z_FULL_FLUSH), "segments must repeat"
    return (head + segment * (size // len(segment) + 1))[:size]


def gzip_bomb(size: int) -> bytes:
    return repeating_gzip(b"", bytes(1 << 20), size)


def stacked_bomb(size: int) -> bytes:
    """gzip of a gzip bomb: the inner stream is itself a repeating gzip of zeros."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    inner_head = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    inner_segment = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    return repeating_gzip(inner_head, inner_segment * 256, size)


WORDS = [
    "engineer",
    "backend",
    "frontend",
    "senior",
    "staff",
    "data",
    "platform",
    "payments",
    "remote",
    "hybrid",
    "berlin",
    "lisbon",
    "python",
    "rust",
    "go",
    "kubernetes",
    "postgres",
    "team",
    "product",
    "design",
    "growth",
    "security",
    "mobile",
    "infra",
]


def ordinary_gzip(size: int) -> bytes:
    """A Greenhouse-like JSON board, gzipped as it is built (so building it does not raise the
    process's peak memory), about `size` bytes compressed."""
    rng = random.Random(size)
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    parts, done, i = [c.compress(b'{"jobs": [')], 0, 0
    while done < size - 4096:
        text = " ".join(rng.choice(WORDS) for _ in range(120))
        job = {"id": 4000000 + i, "title": " ".join(rng.sample(WORDS, 3)), "content": text}
        parts.append(c.compress((b"," if i else b"") + json.dumps(job).encode()))
        if i % 16 == 15:  # flush now and then, to stop close to `size`
            parts.append(c.flush(zlib.Z_SYNC_FLUSH))
        done, i = done + len(parts[-1]), i + 1
    parts += [c.compress(b"]}"), c.flush()]
    return b"".join(parts)


async def _fetch(url: str, fetch_timeout: float) -> str:
    async with build_client() as client:
        fetcher = Fetcher(client, max_bytes=MAX_BYTES)
        fetcher.fetch_timeout = fetch_timeout
        try:
            result = await fetcher.get(url)
        except FetchError as exc:
            return type(exc).__name__
        return f"{len(result.body):,} bytes"


def _serving(body: Callable[[], bytes], encoding: str, drip: float = 0.0) -> Callable[[], str]:
    """Start a loopback board serving `body()` (not timed); return the timed fetch."""
    server = BoardServer().start()
    headers = {"Content-Encoding": encoding} if encoding else {}
    server.set("/jobs", body(), headers=headers, drip=drip, etag=False)
    timeout = DRIP_TIMEOUT if drip else 60.0
    return lambda: asyncio.run(_fetch(server.url("/jobs"), timeout))


def _cases() -> list[Case]:
    cases: list[Case] = []
    for n in SIZES.values():
        cases += [
            Case("ordinary", "fetch", n, lambda n=n: _serving(lambda: ordinary_gzip(n), "gzip")),
            Case("gzip-bomb", "fetch", n, lambda n=n: _serving(lambda: gzip_bomb(n), "gzip")),
            Case(
                "stacked-gzip",
                "fetch",
                n,
                lambda n=n: _serving(lambda: stacked_bomb(n), "gzip, gzip"),
            ),
            Case(
                "slow-drip",
                "fetch",
                n,
                lambda n=n: _serving(lambda: ordinary_gzip(n), "gzip", drip=DRIP_EVERY),
            ),
        ]
    return cases


CASES = _cases()


def run(index: int) -> tuple[float, int, str]:
    """Case `index` in this process: (seconds, peak RSS bytes it added, what the fetch gave)."""
    limit = 4 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    call = CASES[index].setup()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    outcome = str(call())
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    return seconds, max(peak, 0) * 1024, outcome


def measure(index: int, timeout: float) -> tuple[float, int, str] | str:
    command = [sys.executable, "-m", "bench.hostile_http", "--one", str(index)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f">{timeout:g}s"
    if done.returncode != 0:
        return ((done.stderr.strip().splitlines() or ["failed"])[-1]).split(":")[0][:24]
    seconds, peak, outcome = json.loads(done.stdout)
    return seconds, peak, outcome


def _cells(result: tuple[float, int, str] | str) -> tuple[str, str, str]:
    if isinstance(result, str):
        return result, "-", "-"
    seconds, peak, outcome = result
    return f"{seconds * 1000:.0f} ms", f"{peak / 1024**2:.1f} MB", outcome


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run(args.one)))
        return
    sizes = {SIZES[s] for s in args.sizes.split(",")}
    print(f"max_bytes {MAX_BYTES:,}; drip fetches have fetch_timeout {DRIP_TIMEOUT:g}s")
    header = ("kind", "size", "time", "peak", "ended with", "ordinary", "peak", "ended with")
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    base: dict[int, tuple[str, str, str]] = {}
    for i, case in enumerate(CASES):
        if case.size not in sizes:
            continue
        cells = _cells(measure(i, args.timeout))
        if case.kind == "ordinary":
            base[case.size] = cells
            continue
        size = f"{case.size // 1024}K" if case.size < 1024**2 else f"{case.size // 1024**2}M"
        row = (case.kind, size, *cells, *base.get(case.size, ("-", "-", "-")))
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
