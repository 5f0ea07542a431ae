"""markup.marked_text against a plain reading of the same marked text, piece by piece.

`marked_text` splits the runs of marks out with one regex and works out each run's break once
(cached); the reading here walks the text mark by mark, as it did before, and is the
definition: for any words, whitespace and marks, both give the same text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from bot.normalize import markup, tree


def _read(text: str) -> str:
    """The reference: each piece after a mark, its letter then its words; a run of marks ends
    at the first piece with words, and gives the break before them."""
    pre = "\0R" in text
    if pre:  # U+E000 stands for a newline of a <pre>; the markup's own ones go
        text = markup._keep_pre_lines(text.replace("\ue000", ""))
    pieces = text.split("\0")
    first = " ".join(pieces[0].split())
    out = [first] if first else []
    state: markup._State = (0, ())
    run = ""
    for piece in pieces[1:]:
        run += piece[0]
        words = " ".join(piece[1:].split())
        if not words:
            continue
        state, brk = markup._resolve(state, run)
        run = ""
        if out:
            out.append(brk)
        elif brk.endswith("• "):
            out.append("• ")
        out.append(words)
    joined = "".join(out)
    if pre and "\ue000" in joined:
        joined = joined.replace("\ue000", "\n")
        joined = markup._BLANK_RUNS.sub("\n\n", markup._EDGE_SPACES.sub("\n", joined))
    return joined.strip()


_MARKS = ["\0P", "\0L", "\0U", "\0V", "\0I", "\0E", "\0B", "\0P\0R", "\0Q\0P"]
_TEXT = [" ", "  ", "\n", "\t", "\xa0", "\u3000", "\x1f", "x", "yz", "a b", "\ue000"]
MARKED = st.lists(
    st.sampled_from(_MARKS + _TEXT) | st.text(max_size=3).map(lambda s: s.replace("\0", ""))
).map("".join)


@settings(max_examples=600, deadline=None)
@given(MARKED)
def test_marked_text_reads_as_mark_by_mark(text: str) -> None:
    assert markup.marked_text(text) == _read(text)


def test_a_long_run_of_marks_reads_as_a_short_one() -> None:
    # Runs past the cache's length are worked out each time, to the same break, and not kept:
    # hostile markup cannot fill the cache with thousands of huge keys.
    long_run = "\0P" + " \0P" * 100
    cached = markup._resolve_cached.cache_info().currsize
    assert markup.marked_text(f"a{long_run}b") == "a\n\nb"
    assert markup._resolve_cached.cache_info().currsize == cached
    assert markup.marked_text(f"a{long_run}b{long_run}\0Ic") == "a\n\nb\n\n• c"
    assert markup.marked_text(f"a{long_run}\0I \0I\0Eb") == _read(f"a{long_run}\0I \0I\0Eb")


def test_whitespace_between_marks_joins_their_run() -> None:
    # <li>a</li> <li>b</li>: one run "E I", not two runs with a space between.
    assert markup.marked_text("\0Ia\0E \n\xa0\0Ib\0E") == "• a\n• b"
    assert markup.marked_text("a\0P\u3000\0Ib") == "a\n\n• b"


def test_a_private_use_character_of_the_markup_is_no_line_break() -> None:
    assert markup.html_to_text("<p>a\ue000b</p>") == "a\ue000b"
    assert markup.html_to_text("<p>a\ue000b</p><pre>x\ny</pre>") == "ab\n\nx\ny"


@pytest.mark.parametrize(
    "markup",
    ["<p>a\ud800b</p>", "\ufeff<p>bom</p>", "a\r\nb\rc", "<p>x\x00y</p>", "’ &amp; &#39;", ""],
)
def test_the_tree_is_the_one_selectolax_builds_from_the_text(markup: str) -> None:
    # tree.parse hands lexbor the UTF-8 itself (encoded once): the same bytes selectolax would
    # encode from the text, lone surrogates dropped.
    assert tree.parse(markup).html == LexborHTMLParser(markup).html
    assert tree.text_of(tree.utf8(markup)) == LexborHTMLParser(markup).text()


def test_a_lone_surrogate_in_markup_is_dropped_raw_or_escaped() -> None:
    assert markup.html_to_text("<p>a\ud800b</p>") == "ab"
    assert markup.html_to_text("&lt;p&gt;a\ud800b&lt;/p&gt;") == "ab"
