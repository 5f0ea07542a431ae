"""A loopback farm of Greenhouse boards answering conditional GETs: bench.scale's boards.

    python -m bench.farm [--hosts 50]

Listens on one port on 127.0.0.1 .. 127.0.0.<hosts> (Linux routes all of 127/8 to loopback),
prints the port, then serves until killed. `GET /v1/boards/b<N>/jobs` answers 304 when
If-None-Match carries the board's ETag (`bench.world.etag`), else 200 with an empty board and
that ETag. HTTP/1.1 keep-alive, asyncio, no parsing beyond the request line and headers.
It runs in its own process, so serving does not take the bot's interpreter lock.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import socket

from bench.world import etag

_PATH = re.compile(rb"^GET /v1/boards/b(\d+)/jobs")
_BODY = b'{"jobs": [], "meta": {"total": 0}}'


def _answer(board: int | None, if_none_match: bytes | None) -> bytes:
    if board is None:
        return b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n"
    tag = etag(board).encode()
    if if_none_match == tag:
        return b"HTTP/1.1 304 Not Modified\r\netag: " + tag + b"\r\n\r\n"
    return (
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\netag: "
        + tag
        + b"\r\ncontent-length: "
        + str(len(_BODY)).encode()
        + b"\r\n\r\n"
        + _BODY
    )


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while head := await reader.readuntil(b"\r\n\r\n"):
            lines = head.split(b"\r\n")
            m = _PATH.match(lines[0])
            tag = next(
                (
                    line.split(b":", 1)[1].strip()
                    for line in lines[1:]
                    if line.lower().startswith(b"if-none-match:")
                ),
                None,
            )
            writer.write(_answer(int(m.group(1)) if m else None, tag))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


def _sockets(hosts: int) -> list[socket.socket]:
    """One listening socket per loopback host, all on the port the first one got."""
    out: list[socket.socket] = []
    port = 0
    for h in range(1, hosts + 1):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((f"127.0.0.{h}", port))
        s.listen(1024)
        port = s.getsockname()[1]
        out.append(s)
    return out


async def main(hosts: int) -> None:
    socks = _sockets(hosts)
    servers = [await asyncio.start_server(serve, sock=s) for s in socks]
    print(socks[0].getsockname()[1], flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hosts", type=int, default=50)
    asyncio.run(main(ap.parse_args().hosts))
