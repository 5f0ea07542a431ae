"""/mute of what is no company: a kind of job ("/mute crypto", "/mute agencies") is left out
by the user's alerts (`leaveout`: each one's /edit), and the bot's messages as a whole
("/mute notifications until tomorrow") are /pause's. /mute would have muted a company of that
name, and said "no more jobs from them", which was not so."""

from __future__ import annotations

import html
import re

from bot.query import parse as parse_query
from bot.store import Stores
from bot.syntax import And, Node, Not, Or, Word, format_node
from bot.telegram import leaveout
from bot.telegram.excluded import leaving_out, not_yet
from bot.telegram.tips.sector import SECTORS
from bot.telegram.topics import TOPICS
from bot.transport import Incoming
from bot.words import fold

esc = html.escape

_JOBS = re.compile(r"\s+(?:jobs?|roles?|companies|firms|stuff|postings?)$")
_ALL = re.compile(
    r"(?:all\s+)?(?:notifications?|everything|all|alerts?|jobs?|messages?|(?:the\s+)?bot|"
    r"(?:this\s+)?chat|it)(?:\s+(?P<when>(?:for|until|till|til)\s.{1,40}))?[\s.!]*",
    re.IGNORECASE,
)


def topic(names: list[str]) -> list[str] | None:
    """The kinds of job `names` are, folded ("Crypto jobs": crypto), when every one is one;
    else None."""
    words = [_JOBS.sub("", fold(" ".join(n.split()))) for n in names]
    return words if words and all(w in TOPICS or w in SECTORS for w in words) else None


def reply(store: Stores, msg: Incoming, words: list[str], typed: str) -> str:
    """/mute stops a company's jobs; the alerts' /edit that leaves these out (each word as
    jobs write it, singular and plural), and how to mute a company so named all the same."""
    plain = (Not(Or(tuple(Word(w) for w in words))), f"about {' or '.join(words)}")
    asked = leaveout.words_left_out(", ".join(words)) or plain  # each as jobs write it
    named = " and ".join(f"“{esc(w)}”" for w in words)
    are = (
        "is no company but a kind of job"
        if len(words) == 1
        else "are no companies but kinds of job"
    )
    quoted = esc(typed.strip().strip('"'))
    held, every = _held(store, msg.chat_id, asked[0])
    what = esc(asked[1])
    offer = leaveout.reply(store, msg, asked).removesuffix(
        "\nA company's jobs: /mute &lt;company&gt;."  # (said next, for this name)
    )
    if every:  # (not "None of your alerts can leave out…": each does already)
        offer = f"Your alerts leave out the ones {what} already: " + "; ".join(
            f"#{n} with <code>{esc(term)}</code>" for n, term, _ in held
        )
        offer += "."
    else:
        offer += "".join(
            f"\nAlert #{n} leaves out the ones {what} already: <code>{esc(term)}</code>."
            if whole
            else f"\nAlert #{n} leaves out some of them already (<code>{esc(term)}</code>): "
            "its /edit adds the rest."
            for n, term, whole in held
        )
    return (
        f"{named} {are}, and /mute stops one company's jobs. {offer}"
        + f'\nA company of that name: <code>/mute "{quoted}"</code>.'
    )


def _held(store: Stores, chat_id: int, exclusion: Node) -> tuple[list[tuple[int, str, bool]], bool]:
    """The alerts (of those `leaveout` offers an /edit for) that leave out some of
    `exclusion` already: each one's id, its exclusion that does, and whether it leaves out
    all of it; and whether every alert leaves out all of it."""
    held: list[tuple[int, str, bool]] = []
    alerts = store.alerts.alerts(chat_id)[: leaveout.MOST]
    for alert in alerts:
        root = parse_query(alert.query).root
        terms = root.children if isinstance(root, And) else (root,)
        if (term := leaving_out(terms, exclusion)) is not None:
            held.append((alert.id, format_node(term), not_yet(terms, exclusion) is None))
    return held, bool(alerts) and len(held) == len(alerts) and all(w for _, _, w in held)


def pause_meant(arg: str) -> str | None:
    """For "/mute notifications until tomorrow" ("/mute all", "/mute the bot for 2 hours"):
    the /pause that stops the bot's messages; None for a name."""
    if (m := _ALL.fullmatch(" ".join(arg.split()))) is None:
        return None
    when = f" {esc(m['when'])}" if m["when"] else ""
    return (
        f"/mute stops one company's jobs. To stop all my messages for a while: "
        f"<code>/pause{when}</code> (/resume starts them again)."
    )
