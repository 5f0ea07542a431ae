"""The words of a text, split one way for alert queries and postings alike.

Text is case- and accent-folded (Zürich -> zurich) and split into whole words, keeping the
tech names that punctuation would break (c++, c#, .net, node.js, ci/cd). A query word matches
a posting word only when both came through `tokens`, so the parser and the matcher share it.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections.abc import Iterable

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_LETTERS = {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
# Every ASCII character but letters, digits and the few that tech names use becomes a space.
_SEPARATORS = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() and chr(c) not in "+#./&"}
)
# A "+#./&" kept when it is part of a tech name; every other one is a separator.
_KEEP = re.compile(
    r"[+#./&](?:"
    r"(?<=\.)(?=net\b)(?P<net>)"  # .net, also split off: asp.net -> asp .net
    r"|(?<=\w\.)(?=js\b)"  # node.js, vue.js
    r"|(?<=\d\.)(?=\d)"  # 3.11
    r"|(?<=\b[a-z]\+)\+"  # c++, g++
    r"|(?<=\b[a-z]#)(?!\w)"  # c#, f#
    r"|(?<=\bci/)(?=cd\b)|(?<=\btcp/)(?=ip\b)|(?<=\bpl/)(?=sql\b)|(?<=\bi/)(?=o\b)"
    r"|(?<=\ba/)(?=b\b)|(?<=\br&)(?=d\b)|(?<=\bq&)(?=a\b)|(?<=\bp&)(?=l\b)"
    r"|(?<=\bm&)(?=a\b)|(?<=\bat&)(?=t\b))"
)
# The commonest non-ASCII characters in postings, all separators: replacing them is quicker
# than folding them one by one.
_PUNCTUATION = "•’€—–‘”“\u200b\xa0£°"


@functools.lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    """A run of non-ASCII characters, case- and accent-folded; punctuation becomes spaces."""
    out = []
    for c in unicodedata.normalize("NFKD", run.casefold()).casefold():
        if c.isascii():
            out.append(c)
        elif unicodedata.combining(c):
            continue
        elif c in _LETTERS:
            out.append(_LETTERS[c])
        else:
            out.append(c if c.isalnum() else " ")
    return "".join(out)


class _Unfoldable(Exception):
    """A letter that stays non-ASCII (Cyrillic, CJK...): fold the slower way."""


def _ascii_fold(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeEncodeError)
    folded = _fold_run(err.object[err.start : err.end])
    if not folded.isascii():
        raise _Unfoldable
    return folded, err.end


# Encoding with this handler finds the non-ASCII runs in C: most postings have only accents
# and punctuation there, and never need the slower pass of `fold` over every character.
codecs.register_error("jobbot.fold", _ascii_fold)


def fold(text: str) -> str:
    """`text` lower-cased, accents removed (Zürich -> zurich, straße -> strasse)."""
    if text.isascii():
        return text.lower()
    for c in _PUNCTUATION:
        if c in text:
            text = text.replace(c, " ")
    try:
        return text.encode("ascii", "jobbot.fold").decode("ascii").lower()
    except _Unfoldable:
        return _NON_ASCII.sub(lambda m: _fold_run(m[0]), text.lower())


def _specials(text: str) -> str:
    """`text` with each "+#./&" kept, split off (.net) or made a space; str.find is fast."""
    found = [i for c in "+#./&" if c in text for i in _positions(text, c)]
    out: list[str] = []
    done = 0
    for i in sorted(found):
        if i < done:
            continue  # the second + of c++
        m = _KEEP.match(text, i)
        if m is None or m.lastgroup == "net":
            out += (text[done:i], " ." if m else " ")
            done = i + 1
        else:
            out.append(text[done : m.end()])
            done = m.end()
    out.append(text[done:])
    return "".join(out)


def _positions(text: str, c: str) -> list[int]:
    found = []
    i = text.find(c)
    while i >= 0:
        found.append(i)
        i = text.find(c, i + 1)
    return found


def tokens(text: str) -> list[str]:
    """The words of `text` in order: folded, whole, tech names kept (c++, c#, .net, node.js)."""
    # A "." before a space never belongs to a word: drop sentence ends before the slower pass.
    return _specials(fold(text).translate(_SEPARATORS).replace(". ", " ")).split()


# Words that are a language alone but not joined by a hyphen: "go-live", "go-to-market" and
# "C-level" are not Go or C. Matching a query word of these asks `hyphen_only` (phrases don't).
HYPHEN_BOUND = frozenset({"go", "c"})
_ALONE = {w: re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w+#-])") for w in HYPHEN_BOUND}
_NONE: frozenset[str] = frozenset()


def hyphen_only(text: str, words: Iterable[str]) -> frozenset[str]:
    """The words of `HYPHEN_BOUND` among `words` (the tokens of `text`) that `text` has only
    joined to another word by a hyphen."""
    found = HYPHEN_BOUND.intersection(words)
    if not found:
        return _NONE
    folded = fold(text)
    return frozenset(w for w in found if not _ALONE[w].search(folded))
