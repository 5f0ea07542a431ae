"""What one conditional GET costs through httpx, by what carries it: httpx's own transport
(httpcore) against httpx over aiohttp (`httpx-aiohttp`'s transport).

    .venv/bin/python -m bench.transports [--boards 1000] [--rounds 5]

The warm round of `bench.versus_urlwatch` is 1,000 conditional GETs answered 304, and most of
jobbot's time in it is the HTTP client's own work per request. This measures that work alone:
the board farm (`bench.boardfarm`) serves 1,000 boards; each transport reads every board once
(its ETag), then times `--rounds` rounds of 1,000 GETs with `If-None-Match`, 6 at a time (as
jobbot polls one host), in one `httpx.AsyncClient`, one process per transport, one after the
other. It prints each round's seconds and CPU seconds.

Both run in their own virtualenv, `bench/.venv-transports` (ignored by git), made on first use
with `python -m venv` and pip from the package index: jobbot's versions of httpx, httpcore,
h11 and anyio, and `httpx-aiohttp` and aiohttp. It decided that aiohttp carries jobbot's board
requests (`bot/wire.py`, its own transport on the same idea; see docs/scaling.md).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from bench.versus_urlwatch import start_farm

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv-transports"
PYTHON = VENV / "bin" / "python"
PARALLEL = 6

CLIENT = """
import asyncio, sys, time
import httpx
port, boards, rounds, kind, parallel = sys.argv[1:6]
urls = [f"http://127.0.0.1:{port}/v1/boards/b{n}/jobs?content=true" for n in range(int(boards))]

def client():
    limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
    if kind == "httpcore":
        return httpx.AsyncClient(limits=limits)
    import aiohttp
    from httpx_aiohttp import AiohttpTransport
    session = lambda: aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=32), cookie_jar=aiohttp.DummyCookieJar()
    )
    return httpx.AsyncClient(transport=AiohttpTransport(client=session))

async def main():
    etags, gate = {}, asyncio.Semaphore(int(parallel))
    async with client() as http:
        async def get(url, conditional):
            async with gate:
                headers = {"If-None-Match": etags[url]} if conditional else {}
                async with http.stream("GET", url, headers=headers) as response:
                    async for _ in response.aiter_raw():
                        pass
                    etags.setdefault(url, response.headers.get("etag"))
                    return response.status_code
        await asyncio.gather(*(get(u, False) for u in urls))
        for _ in range(int(rounds)):
            t0, c0 = time.perf_counter(), time.process_time()
            codes = await asyncio.gather(*(get(u, True) for u in urls))
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            assert set(codes) == {304}, set(codes)
            print(f"{wall:.3f} {cpu:.3f}", flush=True)

asyncio.run(main())
"""


def ensure_venv() -> None:
    """Make `bench/.venv-transports` unless it is there."""
    if PYTHON.exists():
        return
    print(f"installing httpx-aiohttp into {VENV} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    ours = [f"{name}=={metadata.version(name)}" for name in ("httpx", "httpcore", "h11", "anyio")]
    pip = [str(VENV / "bin" / "pip"), "install", "--quiet", *ours, "httpx-aiohttp", "aiohttp"]
    subprocess.run(pip, check=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--boards", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    ensure_venv()
    farm, port = start_farm(args.boards)
    load = "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    print(f"{args.boards} boards on 127.0.0.1:{port}; {load} on {os.cpu_count()} CPUs")
    try:
        for kind in ("httpcore", "aiohttp"):
            command = [str(PYTHON), "-c", CLIENT, str(port), str(args.boards), str(args.rounds)]
            done = subprocess.run(
                [*command, kind, str(PARALLEL)], capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                raise SystemExit(f"the {kind} client failed: {done.stderr[-2000:]}")
            rounds = [tuple(map(float, line.split())) for line in done.stdout.split("\n") if line]
            walls = ", ".join(f"{wall:.2f}" for wall, _ in rounds)
            cpus = ", ".join(f"{cpu:.2f}" for _, cpu in rounds)
            label = {"httpcore": "httpx's own (httpcore)", "aiohttp": "httpx over aiohttp"}[kind]
            print(f"{label:24s} {args.boards} conditional GETs: {walls} s (CPU {cpus} s)")
    finally:
        farm.kill()
    print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
