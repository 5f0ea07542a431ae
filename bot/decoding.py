"""Undo a response's Content-Encoding as its bytes arrive, with a cap on the bytes decoded;
read a JSON body.

httpx decodes a whole network chunk at once and only then lets us count, so a 7 KB
`Content-Encoding: gzip, gzip` body became gigabytes before any cap was checked. Here every
layer inflates at most `CHUNK` bytes per step and hands them on at once, and the bytes out of
every layer are counted as they come: memory stays near the cap whatever the body holds.
"""

from __future__ import annotations

import codecs
import json
import zlib
from collections.abc import Callable, Generator, Iterator
from typing import Any

import msgspec

from bot.errors import BadResponse, ResponseTooLarge

CHUNK = 64 * 1024
MAX_LAYERS = 3  # each layer holds a 32 KB window; nobody stacks more than two in earnest
ACCEPT_ENCODING = "gzip, deflate"  # advertise only what `Inflate` decodes
ZLIB_NAMES = {"gzip", "x-gzip", "deflate"}
REFUSED = {"br", "zstd", "compress", "x-compress"}  # real codings we neither ask for nor decode
GZIP_MAGIC = b"\x1f\x8b"


class Inflate:
    """One gzip or deflate layer, inflated in steps of at most `CHUNK` bytes. A gzip body may
    hold several members (RFC 1952); deflate may come without its zlib wrapper, as some
    servers send it. Bytes after the end of the stream are ignored, as gzip(1) does."""

    def __init__(self, name: str):
        self.name = name
        self.gzip = name != "deflate"
        self._inflater: zlib._Decompress | None = None
        self._pending = b""
        self._members = 0
        self._ended = False

    def _start(self, head: bytes) -> zlib._Decompress | None:
        if self.gzip:
            if self._members and head != GZIP_MAGIC:
                return None  # trailing bytes after the last member
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        cmf, flg = head[0], head[1]
        wrapped = cmf & 0x0F == 8 and ((cmf << 8) | flg) % 31 == 0  # RFC 1950 header
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decoded pieces of `data`, none over `CHUNK` bytes; BadResponse if it is not valid."""
        data, self._pending = self._pending + data, b""
        while data and not self._ended:
            if self._inflater is None:
                if len(data) < 2:
                    self._pending = data
                    return
                self._inflater = self._start(data[:2])
                if self._inflater is None:
                    self._ended = True
                    return
            data = yield from self._inflate(data)

    def _inflate(self, data: bytes) -> Generator[bytes, None, bytes]:
        """Inflate until `data` is used up (returns b"") or the stream ends (returns the rest)."""
        inflater = self._inflater
        assert inflater is not None
        while True:
            try:
                out = inflater.decompress(data, CHUNK)
            except zlib.error as exc:
                raise BadResponse(f"the {self.name} body does not decode: {exc}") from None
            data = inflater.unconsumed_tail
            if out:
                yield out
            if inflater.eof:
                self._inflater, self._members = None, self._members + 1
                self._ended = not self.gzip
                return inflater.unused_data
            if not data and len(out) < CHUNK:
                return b""


class BodyDecoder:
    """Decodes one body through every layer of its Content-Encoding (listed in the order they
    were applied), refusing it with ResponseTooLarge as soon as the bytes on the wire or out of
    any layer pass `limit`. Unknown tokens are ignored, as httpx does."""

    def __init__(self, encodings: list[str], limit: int):
        names = [e.strip().lower() for e in encodings]
        refused = [n for n in names if n in REFUSED]
        if refused:
            raise BadResponse(
                f"the board sent a {refused[0]}-encoded body, which jobbot does not decode "
                f"(it asks for {ACCEPT_ENCODING})"
            )
        layers = [Inflate(n) for n in reversed(names) if n in ZLIB_NAMES]
        if len(layers) > MAX_LAYERS:
            raise BadResponse(
                f"the body is compressed {len(layers)} times over; jobbot undoes at most "
                f"{MAX_LAYERS} layers"
            )
        self.layers = layers
        self.limit = limit
        self._sizes = [0] * (len(layers) + 1)
        self._parts: list[bytes] = []

    def feed(self, raw: bytes) -> None:
        """Take the next bytes from the wire."""
        self._push(0, raw)

    def _push(self, level: int, data: bytes) -> None:
        self._sizes[level] += len(data)
        if self._sizes[level] > self.limit:
            what = "response" if level == 0 else "decoded response"
            raise ResponseTooLarge(f"{what} passed the {self.limit:,} byte cap")
        if level == len(self.layers):
            self._parts.append(data)
            return
        for piece in self.layers[level].feed(data):
            self._push(level + 1, piece)

    def body(self) -> bytes:
        """The decoded body. A stream cut short gives what arrived, as httpx does."""
        return b"".join(self._parts)


_UTF8 = {"utf-8", "utf8", "utf_8", "u8"}
_decode = msgspec.json.Decoder().decode
# A body over this many bytes is decoded a piece at a time: one C call over all of a 90 MB
# board holds the GIL (and so the event loop, though it runs on a worker thread) ~0.3 s.
PIECEWISE = 1_000_000
_RAW_ITEMS = (
    msgspec.json.Decoder(list[msgspec.Raw]).decode,
    msgspec.json.Decoder(dict[str, msgspec.Raw]).decode,
)


def _pieces(raw: bytes | msgspec.Raw) -> Any:
    """`_decode(raw)`, a list's items and an object's values one by one where it is large: the
    raw pieces are found by a scan that builds nothing, each is decoded on its own, and the
    GIL can pass between them."""
    if len(raw) < PIECEWISE:
        return _decode(raw)
    for decode in _RAW_ITEMS:
        try:
            items = decode(raw)
        except msgspec.ValidationError:
            continue  # not this container (or not a container at all)
        if isinstance(items, list):
            return [_pieces(item) for item in items]
        return {key: _pieces(value) for key, value in items.items()}
    return _decode(raw)


def loads_json(body: bytes, charset: str | None, text: Callable[[], str]) -> Any:
    """The JSON value of a body. A UTF-8 body (the rule for JSON, RFC 8259) goes to msgspec as
    bytes: faster than `json.loads`, and no `str` of the whole body is built (orjson is as
    fast but reads integers over 64 bits as floats, so an id would change). What msgspec
    refuses but Python reads (lone surrogate escapes, NaN, bytes that are not UTF-8) and
    bodies in another charset go to `json.loads` over `text()` (the body decoded as
    `FetchResult.text` does). Raises ValueError when neither reads it."""
    if charset is None or charset.strip().lower() in _UTF8:
        try:
            return _pieces(body[3:] if body.startswith(codecs.BOM_UTF8) else body)
        except msgspec.DecodeError:
            pass
    return json.loads(text())
