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


# What follows the verb "go" (and the start of "Go beyond", "Go the extra mile"), not Go.
_AFTER_VERB = (
    "to|live|beyond|above|further|the|ahead|back|out|get|getter|fix|build|big|deep|deeper|far|"
    "forth|through|over|into|hand|where|wrong|down|up|after|away|green|see|find|make|do|smooth|"
    "smoothly|fearlessly|forward|straight|together|across|public"
)
# Go, the language, as postings write it: "Go" or "GO" (not "go", the verb: "as they go",
# "deploys go straight to production"), alone (not "go-live", "Go-to-market"), not followed
# by what follows the verb ("Go beyond") nor after "Let's" or "on the"; "go" in lower case
# only inside a list, between commas or slashes ("python, go, rust", "java/go/", "rust/go"). Flags of its own: a
# pattern compiled with IGNORECASE (`bot.stack`) reads it the same.
GO_LANGUAGE = (  # the letters first, then what is around them: the scan stops only at them
    r"(?-i:Go|GO)(?<![\w-]..)(?<!(?i:let's ..))(?<!(?i:let’s ..))(?<!(?i:on the ..))"
    rf"(?![\w+#-])(?![’'](?!s\b))(?!\s+(?i:{_AFTER_VERB})\b)"
    r"|(?-i:go)(?<=[,/(] go)(?=[,/)])|(?-i:go)(?<=[,/(]go)(?=,? ?[,/)])"  # "python, go, rust"
    r"|(?-i:go)(?<=\w/go)(?![\w-])"  # "rust/go"
)
# C, the language, as postings write it: "C" alone ("C and C++", "C/C++", "in C"), not a
# letter of something else: "series C", "Hepatitis C", "Plan C", "C-level", "P&C", "D.C.",
# "U.S.C."; "c" in lower case only in a list ("c, c++, rust").
C_LANGUAGE = (
    r"(?-i:C)(?<![\w&.-]C)(?<!(?i:series c))(?<!(?i:hepatitis c))(?<!(?i:vitamin c))"
    r"(?<!(?i:plan c))(?<!(?i:section c))(?<!(?i:class c))(?<!(?i:grade c))(?<!(?i:type c))"
    r"(?<!(?i:round c))(?![\w+#&’'-])(?!\.\w)"
    r"|(?-i:c)(?<=[,/(] c)(?=[,/)])|(?-i:c)(?<=[,/(]c)(?=,? ?[,/)])"
)
# Words that name a language only where a posting writes them as one: "go" (`GO_LANGUAGE`)
# and "c" (`C_LANGUAGE`). Matching a query word of these asks `only_ordinary` (phrases
# don't).
LANGUAGE_WORDS = frozenset({"go", "c"})
_AS_LANGUAGE = {"go": re.compile(GO_LANGUAGE), "c": re.compile(C_LANGUAGE)}
_NONE: frozenset[str] = frozenset()


def only_ordinary(text: str, words: Iterable[str]) -> frozenset[str]:
    """The words of `LANGUAGE_WORDS` among `words` (the tokens of `text`) that `text` never
    writes as the language: "go" only as the verb or in "go-live", "c" only in "C-level" or
    "series C"."""
    found = LANGUAGE_WORDS.intersection(words)
    if not found:
        return _NONE
    return frozenset(w for w in found if not _AS_LANGUAGE[w].search(text))
