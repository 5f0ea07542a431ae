"""Repair UTF-8 that a source decoded as Latin-1 or cp1252 ("Youâ€™ll" -> "You’ll")."""

from __future__ import annotations

import re
from typing import overload

# UTF-8 read as Latin-1 or cp1252: a lead byte (Â..ô) then 1-3 continuation bytes, which
# show up as C1 controls, Latin-1 punctuation, or cp1252's € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
_CP1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = f"[\x80-\xbf{_CP1252}]"
# One lead class first (then a look back at which lead it was): the regex engine scans for a
# leading class quickly, but tries an alternation at every position.
_MOJIBAKE = re.compile(
    f"[\xc2-\xf4](?:(?<=[\xc2-\xdf]){_CONT}|(?<=[\xe0-\xef]){_CONT}{{2}}"
    f"|(?<=[\xf0-\xf4]){_CONT}{{3}})"
)
# Cheap substring tests first: real mojibake nearly always has one of these, clean text rarely.
_MOJIBAKE_HINTS = ("Ã", "Â", "â", "Å", "Ä", "Ð", "Ñ", "×", "Ø", "Ù", "ð")


def _to_bytes(chars: str) -> bytes:
    return b"".join(
        bytes([ord(c)]) if ord(c) < 256 else c.encode("cp1252", errors="strict") for c in chars
    )


def _fixed(chars: str) -> str:
    try:
        return _to_bytes(chars).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return chars


class _Fixes(dict):
    """Mojibake sequence -> the text it should have been, learnt as met (a few hundred)."""

    def __missing__(self, chars: str) -> str:
        fixed = _fixed(chars)
        if len(self) < 4096:
            self[chars] = fixed
        return fixed


_FIXES = _Fixes()
_MOJIBAKE_SPLIT = re.compile(f"({_MOJIBAKE.pattern})")


@overload
def repair_mojibake(s: str) -> str: ...
@overload
def repair_mojibake(s: None) -> None: ...
def repair_mojibake(s: str | None) -> str | None:
    """Undo UTF-8 that was decoded as Latin-1/cp1252 ("Youâ€™ll" -> "You’ll"), sequence by
    sequence, so correct text around it is left alone (Remote OK mixes both in one string).
    A lead character must be followed by the right number of continuation characters, so
    "SÃO PAULO" or "Ñandú" are left as they are."""
    if not s or s.isascii() or not any(hint in s for hint in _MOJIBAKE_HINTS):
        return s
    parts = _MOJIBAKE_SPLIT.split(s)  # text, sequence, text, ..., text
    if len(parts) == 1:
        return s
    parts[1::2] = map(_FIXES.__getitem__, parts[1::2])
    return "".join(parts)
