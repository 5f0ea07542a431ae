"""Job identity across boards: the keys that say two postings are one job.

The same job shows up on its ATS board, on aggregators, reposted under a new id, and once per
city. Two postings are one job when they share a canonical URL (posting or apply link), or,
within `WINDOW`, the same company, title and location (the board's own, without the other
places it lists: a copy that names only the first is the same job), or the same company, title
and description (one job posted in several cities). A URL that is not one posting's own (the
board's page, a link several postings of a board carry) identifies nothing. A company is
compared without the legal form a board may add ("Lookout Inc" is Lookout).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import timedelta

from bot.company import without_legal_form
from bot.models import Posting
from bot.placelist import board_location

WINDOW = timedelta(days=30)
_WORD = re.compile(r"\w+")
MIN_DESCRIPTION = 80  # shorter texts say too little to call two postings one job


_MARKS = re.compile(r"[\u0300-\u036f]+")
IDENTITY_TEXT = 2000  # characters of a description that identify it; the rest adds no certainty
# Characters that only ever part words (no letter or digit in their NFKD form): turned into
# spaces first, they leave most descriptions ASCII, and ASCII text skips the Unicode work.
_SEPARATORS = "•’‘“”–—\xa0…£€·●‑°®"
# ASCII: letters lower-cased, digits and "_" kept (what \w matches), everything else a space.
_ASCII_WORDS = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(128)).lower()
_ASCII_WORDS += b" " * 128


def _norm(text: str) -> str:
    """Lower-case words, accents folded (ASCII text skips the Unicode work)."""
    if not text.isascii():
        for ch in _SEPARATORS:
            if ch in text:
                text = text.replace(ch, " ")
        if not text.isascii():
            text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
            return " ".join(_WORD.findall(text.lower()))
    return b" ".join(text.encode().translate(_ASCII_WORDS).split()).decode()


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()


def url_key(url: str | None) -> str | None:
    """A URL as a dedupe key: no scheme, lower-case host, no trailing slash."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    rest = url.split("://", 1)[1]
    host, _, path = rest.partition("/")
    return f"{host.lower()}/{path}".rstrip("/")


@dataclass(frozen=True, slots=True)
class Identity:
    url: str | None
    apply: str | None
    ctl: str | None  # company, title, location
    ctd: str | None  # company, title, description


def identity(p: Posting, shared: AbstractSet[str] = frozenset()) -> Identity:
    """The keys under which `p` may match another posting of the same job. A URL in `shared`
    (the board's page, a link many postings carry) is not the posting's own: not a key."""
    url = url_key(p.url)
    url = url if url not in shared else None
    apply = url_key(p.apply_url) if p.apply_url != p.url else None
    apply = apply if apply not in shared else None
    company, title = _norm(without_legal_form(p.company)), _norm(p.title)
    if not title:
        return Identity(url, apply, None, None)
    description = _norm(p.description[:IDENTITY_TEXT])
    return Identity(
        url=url,
        apply=apply,
        ctl=_digest(company, title, _norm(board_location(p.location, p.locations))),
        ctd=_digest(company, title, description) if len(description) >= MIN_DESCRIPTION else None,
    )
