"""The reply splitter: every part within Telegram's limit and valid on its own, nothing lost."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.telegram.split import split_html, visible_text
from tests.fake_telegram import parse_html, utf16_len


def check(text: str, limit: int) -> list[str]:
    """Split, check each part as Telegram would, and check the visible text is all there."""
    parts = split_html(text, limit)
    for part in parts:
        shown = parse_html(part)  # raises on unbalanced or broken markup
        assert 0 < utf16_len(shown.strip()) <= limit, part
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 -- only blanks may go, at the cuts
    assert squash("".join(parse_html(p) for p in parts)) == squash(parse_html(text))
    return parts


def test_short_text_is_one_part_and_blank_is_none() -> None:
    assert split_html("<b>hi</b> &amp; bye") == ["<b>hi</b> &amp; bye"]
    assert split_html("  \n ") == []


def test_lines_are_kept_whole_and_tags_reopened() -> None:
    lines = [f"#{i} <b>{'r&amp;d 😀 ' * 10}</b> — {i}" for i in range(40)]
    text = "<i>Your alerts:\n" + "\n".join(lines) + "</i>"
    parts = check(text, 500)
    assert len(parts) > 3
    assert all(p.startswith("<i>") and p.endswith("</i>") for p in parts)
    shown = [parse_html(p).strip() for p in parts]
    assert "\n".join(shown) == parse_html(text)  # every cut fell between two lines


def test_a_blank_line_is_preferred_over_a_line_and_a_line_over_a_space() -> None:
    text = "a " * 30 + "\n" + "b " * 10 + "\n\n" + "c " * 10 + "\nd"
    assert parse_html(split_html(text, 90)[0]).endswith("b \n\n")
    assert parse_html(split_html("x " * 60 + "\n" + "y " * 10, 130)[0]).endswith("x \n")


def test_one_long_word_is_cut_between_characters_never_inside_an_entity() -> None:
    text = "<code>" + "&lt;&#128512;" * 300 + "</code>"
    parts = check(text, 101)
    assert all(re.fullmatch(r"<code>(&lt;|&#128512;)+</code>", p) for p in parts), parts[0]
    assert all(utf16_len(parse_html(p)) <= 101 for p in parts)


def test_visible_text_drops_tags_and_decodes_entities() -> None:
    assert visible_text('<a href="https://x/?a=1&amp;b=2">r&amp;d</a> &lt;3') == "r&d <3"


_WORD = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="<>&"), max_size=12)
_ATOM = st.one_of(
    _WORD,
    st.sampled_from(["\n", "\n\n", " ", "&amp;", "&lt;", "&#128512;", "😀", "é"]),
    st.builds(lambda w: f"<b>{w}</b>", _WORD),
    st.builds(lambda w: f'<a href="https://x.example/?q=1&amp;r=2">{w}</a>', _WORD),
)


@st.composite
def _html(draw: st.DrawFn) -> str:
    body = "".join(draw(st.lists(_ATOM, max_size=120)))
    wrap = draw(st.sampled_from(["", "i", "code", "blockquote"]))
    return f"<{wrap}>{body}</{wrap}>" if wrap and body.strip() else body


@settings(max_examples=300, deadline=None)
@given(_html(), st.integers(min_value=2, max_value=80))
def test_any_html_splits_into_valid_parts_within_the_limit(text: str, limit: int) -> None:
    check(text, limit)
