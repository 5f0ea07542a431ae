"""Whatever a job seeker writes, every command the reply offers to copy is one the bot takes:
texts mixed from the words people write to it (sentences, lists, filters, small talk, typos)."""

from __future__ import annotations

import html
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.errors import QueryError
from bot.query import parse
from bot.telegram.handlers import COMMANDS
from bot.telegram.talk import suggestion

BY_NAME = {c.name: c for c in COMMANDS}
# An /alert, /search or /edit offered to copy, with its query.
OFFERED = re.compile(r"<code>/(?:alert|search|edit \d+) ([^<]+)</code>")
LINES = (
    "rust go scala python golang backend senior staff engineer developer jobs roles in at for",
    "from Berlin Germany Europe EU London remote hybrid onsite on-site within across full time",
    "part contract permanent no not without intern crypto web3 over under 100k €80k $150k+",
    "six figures salary that list the pay well I'm looking I want please thanks hi ok alert",
    "me about let know when Stripe posts is Monzo hiring does Adyen have any openings ? , or",
    'and & / ( ) " - : remove add my 1 2 3 why it so quiet series A top 5 visa sponsorship',
    "English speaking CET timezone years experience rsut berlni senoir oder ohne sin bitte",
    "holiday until the 4th January next month soon back delete data closed twice applied include",
    "watch follow Monzo, Revolut and Wise for fintechs any new @ ; junior developer I'm a menu",
)
WORDS = [word for line in LINES for word in line.split()]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
@example(["rust", "not"])
@example(["follow", "or"])  # offered "/alert follow or" once
@example(["follow", "acme", "or"])
@example(["Rust,", "Go,", "Scala"])
@example(["Go", "or", "Rust", "jobs,", "or", "anything", "backend", "in", "Berlin"])
def test_every_query_offered_parses(words: list[str]) -> None:
    offers_parse(" ".join(words))


def offers_parse(text: str) -> None:
    """`text` gets a reply, and every query it offers to copy parses."""
    reply = suggestion(text, BY_NAME)
    assert reply.strip(), text
    for query in OFFERED.findall(reply):
        try:
            parse(html.unescape(query))
        except QueryError as exc:
            raise AssertionError(f"{text!r} offered {query!r}: {exc}") from exc
