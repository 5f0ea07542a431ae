"""Text for people, wherever a reply or a message is worded: a string cut to fit, a count
with its noun."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"


def plural(n: int, word: str, words: str = "") -> str:
    """ "1 job", "3 jobs": `n` and the word, with an s unless `n` is 1 (or `words`, where an
    s is not the plural: "companies")."""
    return f"{n} {word if n == 1 else words or word + 's'}"


# A posting's workplace (`Posting.workplace`) as a message words it.
WORKPLACE = {"remote": "remote", "hybrid": "hybrid", "onsite": "on-site"}
