"""Every board kind says how the chat names its platform: a kind added without a row in
`bot/follow.py`'s `WORDING_BY_KIND` would show as its name capitalised ("Jsonfeed")."""

from __future__ import annotations

from bot import follow, sources


def test_every_kind_has_a_row_in_the_chat_wording_of_platforms() -> None:
    missing = [kind for kind in sources.kinds() if kind not in follow.WORDING_BY_KIND]
    assert missing == [], "add how the chat names each to WORDING_BY_KIND in bot/follow.py"
    unknown = set(follow.WORDING_BY_KIND) - set(sources.kinds())
    assert not unknown, "WORDING_BY_KIND in bot/follow.py names kinds no source has"
    assert follow.platform("hn") == "Hacker News" and follow.platform("lever") == "Lever"
