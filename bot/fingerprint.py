"""Raw fingerprints: a stable hash of what a parser read for one posting.

A busy board's body changes on nearly every poll (Greenhouse bumps `updated_at`, a feed
reorders), so the body hash rarely saves work. Each stored posting keeps the fingerprint of the
raw record it was normalised from; on the next poll a posting whose fingerprint is unchanged is
only marked seen, so a re-poll with one edited posting normalises and diffs one posting, not
thousands.

The fingerprint leaves out `posted_at` (a bumped date is not a change, as in the content hash)
and takes in the board's name, URL and company (normalising uses them) and the normaliser's own
source code, so an upgrade that changes what normalising makes of the same input normalises
every posting once more.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from operator import attrgetter
from pathlib import Path

from bot import __version__, normalize
from bot.models import BoardInfo, RawPosting

_SKIPPED = {"posted_at"}
_VALUES = attrgetter(*(f.name for f in fields(RawPosting) if f.name not in _SKIPPED))


def _normaliser_digest() -> bytes:
    """A digest of the normaliser's source files (its package, or its one module)."""
    paths = getattr(normalize, "__path__", None)
    files = (
        sorted(p for d in paths for p in Path(d).glob("*.py"))
        if paths
        else [Path(normalize.__file__)]
    )
    h = hashlib.blake2b(digest_size=16)
    for path in files:
        try:
            h.update(path.read_bytes())
        except OSError:  # installed without sources: the version will have to do
            h.update(f"{path.name}:{__version__}".encode())
    return h.digest()


_NORMALISER = _normaliser_digest()


def seed(board: BoardInfo) -> bytes:
    """What every fingerprint of `board`'s postings starts from."""
    board_id = "\x1f".join((board.name, board.kind, board.url, board.company or ""))
    return hashlib.sha256(_NORMALISER + board_id.encode()).digest()


def raw(posting: RawPosting, board_seed: bytes) -> str:
    """The fingerprint of one raw posting, given its board's `seed`."""
    parts = [v if isinstance(v, str) else repr(v) for v in _VALUES(posting)]
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    h = hashlib.sha256(board_seed)  # OpenSSL's sha256 runs several times faster than blake2b
    h.update(data)
    return h.hexdigest()[:24]
