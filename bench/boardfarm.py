"""A farm of Greenhouse-shaped job boards on one loopback port, for polling benchmarks.

    python -m bench.boardfarm --boards 1000 --port 0    # prints "listening on PORT"

`/v1/boards/b<N>/jobs?content=true` answers board N as the Greenhouse Job Board API does:
a JSON object with a `jobs` list (5 to 40 jobs, escaped HTML descriptions of 1-2 KB), with an
ETag and a Last-Modified; a request that names the current one gets 304 Not Modified.
`/_change?boards=1,2,3` edits those boards (one job edited, one added), so their validators
move. HTTP/1.1 with keep-alive, on asyncio streams: one process that answers thousands of
requests a second, so that the pollers, not the server, are what is measured.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
from email.utils import formatdate
from urllib.parse import parse_qs, urlsplit

PARAGRAPHS = (
    "We are looking for an engineer to join our payments platform team in {city}.",
    "You will design, build and run services that move money for millions of customers.",
    "Our stack: Python, Go, PostgreSQL, Kafka and Kubernetes on AWS; we deploy daily.",
    "You have shipped production systems, care about tests and write clear documentation.",
    "We offer a yearly learning budget, flexible hours and 30 days of paid holiday.",
)
CITIES = ("Berlin", "Amsterdam", "London", "Lisbon", "Remote", "New York", "Toronto")
TITLES = ("Backend Engineer", "Data Scientist", "Product Designer", "SRE", "Engineering Manager")


def job(board: int, i: int, edit: int) -> dict:
    """One Greenhouse job; `edit` > 0 changes its text (an edited posting)."""
    rng = random.Random(board * 1000 + i)
    city = rng.choice(CITIES)
    html = "".join(
        f"<p>{p.format(city=city)}</p><ul><li>{p}</li><li>{rng.random():.6f}</li></ul>"
        for p in rng.sample(PARAGRAPHS, 4)
    )
    if edit:
        html += f"<p>Updated ({edit}).</p>"
    escaped = html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return {
        "id": board * 100_000 + i,
        "internal_job_id": board * 100_000 + i + 7,
        "title": f"{rng.choice(TITLES)} {i}",
        "absolute_url": f"https://boards.greenhouse.io/b{board}/jobs/{board * 100_000 + i}",
        "updated_at": "2026-11-20T10:00:00-05:00",
        "requisition_id": f"R-{i}",
        "location": {"name": city},
        "company_name": f"Company {board}",
        "metadata": None,
        "content": escaped,
        "departments": [{"id": 1, "name": "Engineering"}],
        "offices": [{"id": 2, "name": city, "location": city}],
    }


class Farm:
    """Every board's body and validators, rebuilt when it changes."""

    def __init__(self, boards: int):
        self.versions = [0] * boards
        self.bodies = [self._build(n) for n in range(boards)]

    def _build(self, n: int) -> tuple[bytes, str, str]:
        version = self.versions[n]
        count = random.Random(n).randint(5, 40) + version
        jobs = [job(n, i, version if i == 0 else 0) for i in range(count)]
        body = json.dumps({"jobs": jobs, "meta": {"total": count}}).encode()
        modified = formatdate(1_790_000_000 + version * 60, usegmt=True)
        return body, f'"b{n}-v{version}"', modified

    def change(self, boards: list[int]) -> None:
        for n in boards:
            self.versions[n] += 1
            self.bodies[n] = self._build(n)


def _response(status: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def answer(farm: Farm, target: str, headers: dict[str, str]) -> bytes:
    """The bytes of the answer to a GET of `target`."""
    parts = urlsplit(target)
    if parts.path == "/_change":
        boards = [int(b) for b in parse_qs(parts.query).get("boards", [""])[0].split(",") if b]
        farm.change(boards)
        return _response("200 OK", {"Content-Type": "text/plain"}, b"changed")
    segments = parts.path.split("/")  # "", "v1", "boards", "b<N>", "jobs"
    if len(segments) != 5 or not segments[3][1:].isdigit():
        return _response("404 Not Found", {"Content-Type": "application/json"}, b"{}")
    n = int(segments[3][1:])
    if n >= len(farm.bodies):
        return _response("404 Not Found", {"Content-Type": "application/json"}, b"{}")
    body, etag, modified = farm.bodies[n]
    validators = {"ETag": etag, "Last-Modified": modified}
    if headers.get("if-none-match") == etag or (
        "if-none-match" not in headers and headers.get("if-modified-since") == modified
    ):
        return _response("304 Not Modified", validators)
    return _response("200 OK", {"Content-Type": "application/json", **validators}, body)


async def serve_client(farm: Farm, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
    """Answer requests on one connection until the client closes it."""
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            target = lines[0].split(" ")[1]
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    key, value = line.split(":", 1)
                    headers[key.strip().lower()] = value.strip()
            writer.write(answer(farm, target, headers))
            await writer.drain()
            if headers.get("connection", "").lower() == "close":
                break
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(boards: int, port: int) -> None:
    farm = Farm(boards)
    server = await asyncio.start_server(
        lambda r, w: serve_client(farm, r, w), "127.0.0.1", port, backlog=1024
    )
    print(f"listening on {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--boards", type=int, default=1000)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(main(args.boards, args.port))
