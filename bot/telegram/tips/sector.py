"""The tip on a trade typed as a word ("rust fintech"): it finds the word in a job's text, and
many of the trade's postings never say it (they speak of the role, not of the company's
trade). Following the companies is the sure way, and `/following` names the `board:(…)`
filter that keeps an alert to them. Pure.
"""

from __future__ import annotations

import html

from bot.syntax import And, Node
from bot.telegram.tips.tip import Tip, word_of

esc = html.escape

_TECHS = ("fin", "insur", "reg", "prop", "health", "ed", "legal", "med", "clean", "climate",
          "agri", "ag", "gov", "food", "hr", "mar", "ad", "deep", "fem")  # fmt: skip
SECTORS = frozenset({
    *(f"{t}tech" for t in _TECHS), "neobank", "neobanks", "saas", "startup", "startups",
    "scaleup", "scaleups", "b2b", "b2c",
})  # fmt: skip


def sector_tip(root: Node, typed: str, command: str) -> Tip | None:
    """When a trade ("fintech", "saas", "startup") is a word of its own (not inside OR or
    NOT): the companies of the trade whose postings never say it are missed; to follow
    them is the sure way."""
    terms = root.children if isinstance(root, And) else (root,)
    word = next((w for t in terms if (w := word_of(t)) in SECTORS), "")
    if not word:
        return None
    return Tip(
        f"<b>{esc(word)}</b> finds the word in a job's text, and many companies of the trade "
        "never write it in their postings. To watch such companies, follow them "
        "(<code>/follow Stripe, Adyen, Wise</code>): /following then names the "
        "<code>board:(…)</code> filter that keeps an alert to them."
    )
